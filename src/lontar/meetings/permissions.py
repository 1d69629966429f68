"""Actions of the meetings module and who holds them (granted from MeetingsConfig.ready).

Roles give the kind of action; the meeting itself decides who may take it (object rules):
* every member of the office may schedule a meeting and check in to one;
* the organiser (and the Camat/Sekcam) edits, cancels, invites, shows the QR and keeps the attendance;
* the note-taker (or the organiser) writes the minutes and their action items; the chair finalises;
* the owner of an action item marks it done; the organiser (or the chair) reopens it;
* a meeting is seen by its organiser, chair, note-taker, invitees and action-item owners; the Camat,
  Sekcam, office administrator and auditor see every meeting of the office.
"""

from lontar.core.models import Role
from lontar.core.permissions import authorize, grant, register_object_rule, roles_in

VIEW_MEETING = "meetings.view_meeting"
# Read action held by those who see every meeting of the office (the auditor holds it as a read action).
VIEW_ALL_MEETINGS = "meetings.view_all_meetings"
SCHEDULE_MEETING = "meetings.schedule_meeting"
MANAGE_MEETING = "meetings.manage_meeting"
WRITE_MINUTES = "meetings.write_minutes"
FINALISE_MINUTES = "meetings.finalise_minutes"
CHECK_IN = "meetings.check_in"
COMPLETE_ACTION = "meetings.complete_action_item"
REOPEN_ACTION = "meetings.reopen_action_item"

MEMBERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]
# Roles that see (and, except the auditor, may steer) every meeting of their office.
STEERS = frozenset({Role.HEAD, Role.SECRETARY, Role.CITY_ADMIN})


def sees_all(user, organisation) -> bool:
    return authorize(user, VIEW_ALL_MEETINGS, organisation=organisation)


def _steers(user, organisation) -> bool:
    return user.is_superuser or bool(roles_in(user, organisation) & STEERS)


def is_participant(user, meeting) -> bool:
    if user.pk in (meeting.organiser_id, meeting.chair_id, meeting.note_taker_id):
        return True
    if meeting.invitees.filter(user=user).exists():
        return True
    return meeting.action_items.filter(owner=user).exists()


def _meeting_rule(user, action, meeting) -> bool:
    if action == VIEW_MEETING:
        return sees_all(user, meeting.organisation) or is_participant(user, meeting)
    if action == MANAGE_MEETING:
        return meeting.organiser_id == user.pk or _steers(user, meeting.organisation)
    if action == WRITE_MINUTES:
        return user.pk in (meeting.note_taker_id, meeting.organiser_id)
    if action == FINALISE_MINUTES:
        return meeting.chair_id == user.pk
    return True


def _action_item_rule(user, action, item) -> bool:
    if action == COMPLETE_ACTION:
        return item.owner_id == user.pk
    if action == REOPEN_ACTION:
        meeting = item.meeting
        return user.pk in (meeting.organiser_id, meeting.chair_id) or _steers(user, item.organisation)
    if action == VIEW_MEETING:
        return item.owner_id == user.pk or _meeting_rule(user, action, item.meeting)
    return True


def grant_meeting_actions() -> None:
    from lontar.meetings.models import ActionItem, Meeting

    grant(MEMBERS, VIEW_MEETING, SCHEDULE_MEETING, MANAGE_MEETING, WRITE_MINUTES, FINALISE_MINUTES)
    grant([Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN], VIEW_ALL_MEETINGS)
    grant(MEMBERS, CHECK_IN, COMPLETE_ACTION, REOPEN_ACTION)
    register_object_rule(Meeting, _meeting_rule)
    register_object_rule(ActionItem, _action_item_rule)
