"""Actions of the personnel file and who holds them (granted from StaffConfig.ready).

* The Camat, the Sekcam and section heads (the Kasubag TU among them) read the personnel files of
  their office; the office administrator and the Sekcam keep them (Subbag TU's kepegawaian work).
* Every staff member reads their own file (an object rule in the selectors, not a role).
* The auditor reads everything (read actions).
"""

from lontar.core.models import Role
from lontar.core.permissions import grant

VIEW_PERSONNEL = "staff.view_personnel"
MANAGE_PERSONNEL = "staff.manage_personnel"


def grant_staff_actions() -> None:
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN], VIEW_PERSONNEL)
    grant([Role.SECRETARY, Role.ORG_ADMIN], MANAGE_PERSONNEL)
