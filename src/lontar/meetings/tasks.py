"""Background work of meetings: delivering the invitations (.ics) once the surat undangan is sent."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_meeting_invitations(meeting_id: int) -> int:
    """Tell every invitee (inbox and e-mail with the .ics); does nothing when already delivered."""
    from lontar.meetings.services.invitations import deliver_invitations

    return deliver_invitations(meeting_id=meeting_id)


@task()
def send_meeting_update(meeting_id: int, sequence: int) -> int:
    """E-mail the new .ics (or CANCEL) after a sent meeting moved or was called off."""
    from lontar.meetings.services.invitations import send_update

    return send_update(meeting_id=meeting_id, sequence=sequence)
