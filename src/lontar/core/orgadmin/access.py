"""Who sees a staff member's personal data: NIP, telephone and e-mail.

Colleagues need a name, a position and a unit to work together; the NIP (it carries the birth
date), the private telephone number and the e-mail address are shown in full only to the person
themselves and to those whose work needs them: the office's leaders (head, secretary), its
administrator, the city administrator and the auditor (who reads everything in scope). Everyone
else sees them masked (ARCHITECTURE §4).
"""

from __future__ import annotations

from lontar.core.models import Role
from lontar.core.permissions import authorize, grant

VIEW_STAFF_PERSONAL = "core.view_staff_personal"

# The auditor holds every "view" action and the city administrator every action already.
grant([Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN], VIEW_STAFF_PERSONAL)


def sees_personal_data(user, staff) -> bool:
    own_record = staff.user_id is not None and staff.user_id == user.pk
    return own_record or authorize(user, VIEW_STAFF_PERSONAL, staff)


def show_personal_data(staff, visible: bool):
    """Set what a viewer is shown of `staff`'s NIP, telephone and e-mail on the object itself."""
    staff.sees_personal = visible
    staff.shown_nip = staff.nip_display if visible else staff.nip_masked
    staff.shown_phone = staff.phone if visible else staff.phone_masked
    staff.shown_email = staff.email if visible else staff.email_masked
    return staff
