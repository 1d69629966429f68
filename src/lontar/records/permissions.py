"""Actions of the records module and who holds them (granted from RecordsConfig.ready).

Subbag TU keeps the office's files: the Kasubag (section head role), the front desk that registers the
mail, and the Sekcam manage files and loans and propose disposal; the head (Camat/Lurah) approves a
destruction or a transfer and signs its berita acara; every member of the office reads its files;
the auditor reads everything (read actions only, by construction); the classification tree is edited
by the city administrator, who holds every action, and read by everyone.
"""

from lontar.core.models import Role
from lontar.core.permissions import grant

VIEW_CLASSIFICATION = "records.view_classification"
MANAGE_CLASSIFICATION = "records.manage_classification"
VIEW_FILE = "records.view_file"
MANAGE_FILE = "records.manage_file"
VIEW_LOAN = "records.view_loan"
MANAGE_LOAN = "records.manage_loan"
VIEW_DISPOSAL = "records.view_disposal"
PROPOSE_DISPOSAL = "records.propose_disposal"
APPROVE_DISPOSAL = "records.approve_disposal"
APPROVE_DESTRUCTION = "records.approve_destruction"
APPROVE_TRANSFER = "records.approve_transfer"

RECORD_KEEPERS = [Role.SECRETARY, Role.SECTION_HEAD, Role.FRONT_DESK]


def grant_records_actions() -> None:
    grant(Role, VIEW_CLASSIFICATION, VIEW_FILE)
    grant([*RECORD_KEEPERS, Role.HEAD, Role.ORG_ADMIN], VIEW_LOAN, VIEW_DISPOSAL)
    grant(RECORD_KEEPERS, MANAGE_FILE, MANAGE_LOAN)
    grant([Role.SECRETARY, Role.SECTION_HEAD], PROPOSE_DISPOSAL)
    grant([Role.HEAD], APPROVE_DISPOSAL, APPROVE_DESTRUCTION, APPROVE_TRANSFER)
