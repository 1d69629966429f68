"""Actions of the career agenda and who holds them (granted from StaffRemindersConfig.ready).

* The office's agenda (every staff member's coming KGB, promotion, retirement and expiring documents)
  is read by those who read the personnel files: the Camat, the Sekcam, section heads (the Kasubag TU
  among them) and the office administrator; the auditor reads it too (read actions), and exports it
  like every reader (the export is audited).
* Every member of an office reads their own coming items.
* The Sekcam and the office administrator (Subbag TU's kepegawaian work) set the lead times.

Reminders go to the staff member and to the office's personnel managers: the holders of
`staff.manage_personnel` there, and the head of the Subbag TU unit.
"""

from lontar.core.models import Role
from lontar.core.permissions import grant

VIEW_AGENDA = "staff_reminders.view_agenda"
EXPORT_AGENDA = "staff_reminders.view_agenda_export"
VIEW_OWN_AGENDA = "staff_reminders.view_own_agenda"
VIEW_SETTINGS = "staff_reminders.view_settings"
MANAGE_SETTINGS = "staff_reminders.manage_settings"

AGENDA_READERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN]


def grant_reminder_actions() -> None:
    grant(AGENDA_READERS, VIEW_AGENDA, EXPORT_AGENDA)
    grant(
        [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN],
        VIEW_OWN_AGENDA,
    )
    grant([Role.SECRETARY, Role.ORG_ADMIN], VIEW_SETTINGS, MANAGE_SETTINGS)
