"""Every write of the meetings module (keyword-only, permission-checked, one transaction, audited)."""

from lontar.meetings.services.attendance import (
    check_in_by_link,
    check_in_by_qr,
    check_in_guest,
    link_token,
    qr_token,
    read_qr_token,
    record_present,
)
from lontar.meetings.services.invitations import deliver_invitations, draft_invitation
from lontar.meetings.services.meetings import (
    GuestInput,
    attach_file,
    cancel_meeting,
    schedule_meeting,
    update_meeting,
)
from lontar.meetings.services.minutes import (
    add_action_item,
    attendance_pdf,
    complete_action_item,
    finalise_minutes,
    minutes_pdf,
    remove_action_item,
    reopen_action_item,
    save_minutes,
)

__all__ = [
    "GuestInput",
    "add_action_item",
    "attach_file",
    "attendance_pdf",
    "cancel_meeting",
    "check_in_by_link",
    "check_in_by_qr",
    "check_in_guest",
    "complete_action_item",
    "deliver_invitations",
    "draft_invitation",
    "finalise_minutes",
    "link_token",
    "minutes_pdf",
    "qr_token",
    "read_qr_token",
    "record_present",
    "remove_action_item",
    "reopen_action_item",
    "save_minutes",
    "schedule_meeting",
    "update_meeting",
]
