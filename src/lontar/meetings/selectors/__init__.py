"""Every read of the meetings module, scoped to what the user may see.

A meeting is listed for a user when they see every meeting of its office (Camat, Sekcam, office
administrator, auditor) or take part in it (organiser, chair, note-taker, invitee, action-item owner).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from lontar.assets.bookings import selectors as bookings
from lontar.core.files.models import StoredFile
from lontar.core.models import Organisation, Staff, Unit
from lontar.core.permissions import organisation_ids_with, require
from lontar.meetings.models import ActionItem, ActionStatus, Invitee, Meeting, Minutes
from lontar.meetings.permissions import SCHEDULE_MEETING, VIEW_ALL_MEETINGS, VIEW_MEETING


def _participant_q(user) -> Q:
    invited = Invitee.objects.filter(meeting=OuterRef("pk"), user=user)
    owning = ActionItem.objects.filter(meeting=OuterRef("pk"), owner=user)
    return Q(organiser=user) | Q(chair=user) | Q(note_taker=user) | Q(Exists(invited)) | Q(Exists(owning))


def meetings_visible_to(user):
    qs = Meeting.objects.visible_to(user).filter(
        organisation_id__in=organisation_ids_with(user, VIEW_MEETING)
    )
    return (
        qs.filter(
            Q(organisation_id__in=organisation_ids_with(user, VIEW_ALL_MEETINGS)) | _participant_q(user)
        )
        .select_related("organisation", "room", "booking", "organiser", "chair", "note_taker", "invitation")
        .order_by("-starts_at", "-pk")
    )


def my_meetings(user):
    return meetings_visible_to(user).filter(_participant_q(user))


def office_meetings(user, organisation, *, start: dt.datetime | None = None, end: dt.datetime | None = None):
    qs = meetings_visible_to(user).filter(organisation=organisation)
    if start is not None:
        qs = qs.filter(ends_at__gt=start)
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    return qs


def meeting_for(user, pk) -> Meeting:
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    require(user, VIEW_MEETING, meeting)
    return meeting


def offices_for(user, action: str = VIEW_MEETING):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("name")


def scheduling_offices(user):
    return offices_for(user, SCHEDULE_MEETING)


def rooms_for(user, organisation):
    return bookings.bookable_resources(user, organisation, kind="ruang")


def staff_users(organisation):
    """Accounts of the office's active staff, for choosing chair, note-taker, invitees, owners."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(staff__organisation=organisation, staff__is_active=True, is_active=True)
        .select_related("staff")
        .order_by("staff__full_name")
    )


def units_of(organisation):
    return Unit.objects.filter(organisation=organisation).order_by("name")


def staff_of(organisation):
    return Staff.objects.filter(organisation=organisation, is_active=True)


def invitees_of(meeting: Meeting):
    return list(meeting.invitees.select_related("user").order_by("kind", "name"))


def attendance_of(meeting: Meeting):
    return list(meeting.attendances.select_related("invitee").order_by("checked_in_at", "pk"))


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("finalised_by", "written_by").first()


def action_items_of(meeting: Meeting):
    return list(meeting.action_items.select_related("owner__staff").order_by("due_date", "pk"))


def files_of(meeting: Meeting):
    return list(StoredFile.objects.attached_to(meeting).for_listing().order_by("-pk"))


def my_action_items(user, *, include_done: bool = False):
    qs = (
        ActionItem.objects.visible_to(user)
        .filter(owner=user)
        .select_related("meeting", "organisation")
        .order_by("status", "due_date", "pk")
    )
    return qs if include_done else qs.filter(status=ActionStatus.OPEN)


def action_item_for(user, pk) -> ActionItem:
    item = ActionItem.objects.visible_to(user).select_related("meeting", "owner").filter(pk=pk).first()
    if item is None:
        raise Http404
    require(user, VIEW_MEETING, item.meeting)
    return item


def is_overdue(item: ActionItem, today: dt.date) -> bool:
    return item.is_open and item.due_date < today


def action_counts(user) -> dict[str, int]:
    from lontar.core.workdays.calendar import organisation_today

    items = list(my_action_items(user).select_related("organisation"))
    overdue = sum(1 for i in items if i.due_date < organisation_today(i.organisation))
    return {"open": len(items), "overdue": overdue}
