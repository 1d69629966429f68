"""Actions of the complaints module and who holds them (granted from ComplaintsConfig.ready).

* The Camat and Sekcam see every complaint of their office, verify and forward, and decide escalations.
* Section heads (Kasubag TU, Kasi) verify, forward and respond for their units.
* Staff handle the complaints assigned to them (an object rule: a staff member acts only on a
  complaint whose handler they are).
* The front desk registers complaints brought to the counter or by phone.
* The auditor reads everything, with the reporter's identity masked (see selectors/identity.py).
* The office administrator (and the Sekcam) manage the categories.
Citizens hold no role: they act on their own complaint by its number and secret (`access.py`).
"""

from lontar.complaints.models import HANDLE, REPORTER, VERIFY
from lontar.core.models import Role
from lontar.core.permissions import grant, register_object_rule, roles_in

VIEW_COMPLAINT = "complaints.view_complaint"
# Read action: everyone of the office who may look into any complaint (not only their own).
VIEW_ALL_COMPLAINTS = "complaints.view_all_complaints"
EXPORT_COMPLAINTS = "complaints.view_export"
REGISTER_COMPLAINT = "complaints.register_complaint"
VERIFY_COMPLAINT = VERIFY
HANDLE_COMPLAINT = HANDLE
ASSIGN_COMPLAINT = "complaints.assign_complaint"
ESCALATE_COMPLAINT = "complaints.escalate_complaint"
DECIDE_ESCALATION = "complaints.decide_escalation"
MANAGE_CATEGORIES = "complaints.manage_categories"
# Not a read action, so the auditor never holds it: the auditor sees identities masked.
SEE_IDENTITY = "complaints.see_reporter_identity"
REPORTER_ACTION = REPORTER

SUPERVISORS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD]
# Roles whose handling is not limited to the complaints assigned to them.
UNRESTRICTED_HANDLERS = frozenset({Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.CITY_ADMIN})


def _handler_rule(user, action, complaint) -> bool:
    """Staff handle (and escalate) only the complaints assigned to them."""
    if action not in (HANDLE_COMPLAINT, ESCALATE_COMPLAINT) or user.is_superuser:
        return True
    if roles_in(user, complaint.organisation) & UNRESTRICTED_HANDLERS:
        return True
    return complaint.handler_id == user.pk


def grant_complaint_actions() -> None:
    from lontar.complaints.models import Complaint

    grant(
        [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN],
        VIEW_COMPLAINT,
    )
    grant(
        [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN], VIEW_ALL_COMPLAINTS, EXPORT_COMPLAINTS
    )
    grant([*SUPERVISORS, Role.STAFF, Role.FRONT_DESK], REGISTER_COMPLAINT)
    grant(SUPERVISORS, VERIFY_COMPLAINT, ASSIGN_COMPLAINT)
    grant([*SUPERVISORS, Role.STAFF], HANDLE_COMPLAINT, ESCALATE_COMPLAINT)
    grant([Role.HEAD, Role.SECRETARY], DECIDE_ESCALATION)
    grant([Role.ORG_ADMIN, Role.SECRETARY], MANAGE_CATEGORIES)
    grant([*SUPERVISORS, Role.STAFF, Role.FRONT_DESK], SEE_IDENTITY)
    register_object_rule(Complaint, _handler_rule)
