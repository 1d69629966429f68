"""Actions of the public-services module and who holds them (granted from PublicServicesConfig.ready).

Every member of an office reads its catalogue (all 14 components) and its applications; the front desk,
staff and section heads process applications (the front desk registers walk-ins and hands results
over); the Camat and Sekcam sign results; the office administrator and the Sekcam maintain the
catalogue, forms and Maklumat; the auditor reads everything (read actions only, by construction).
Citizens hold no role: they act on their own application by its number and secret (see `access.py`).
"""

from lontar.core.models import Role
from lontar.core.permissions import grant
from lontar.public_services.models.applications import HAND_OVER, PROCESS, SIGN_RESULT

VIEW_CATALOGUE = "public_services.view_catalogue"
MANAGE_CATALOGUE = "public_services.manage_catalogue"
VIEW_APPLICATION = "public_services.view_application"
REGISTER_WALK_IN = "public_services.register_walk_in"
MANAGE_VISITS = "public_services.manage_visits"
PROCESS_APPLICATION = PROCESS
SIGN_APPLICATION_RESULT = SIGN_RESULT
HAND_OVER_RESULT = HAND_OVER

COUNTER_ROLES = [Role.FRONT_DESK, Role.STAFF, Role.SECTION_HEAD]


def grant_public_services_actions() -> None:
    grant(Role, VIEW_CATALOGUE, VIEW_APPLICATION)
    grant([Role.ORG_ADMIN, Role.SECRETARY], MANAGE_CATALOGUE)
    grant(COUNTER_ROLES, PROCESS, HAND_OVER, REGISTER_WALK_IN, MANAGE_VISITS)
    grant([Role.HEAD, Role.SECRETARY], SIGN_RESULT)
