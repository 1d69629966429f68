"""Meetings URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a room, a meeting in it organised by its staff with a guest, a check-in, minutes and an
action item. The public check-in pages are aimed at WRONG tokens: without a valid signature they must
refuse and show nothing of office A.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lontar.assets.bookings.models import Resource, ResourceKind
from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.meetings.services import (
    GuestInput,
    add_action_item,
    check_in_by_qr,
    qr_token,
    save_minutes,
    schedule_meeting,
)


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    room = Resource.objects.create(
        organisation=org,
        kind=ResourceKind.ROOM,
        code="isolasi-rapat",
        name=office.marker("meeting_room_name"),
        capacity=30,
        auto_approve=True,
    )
    organiser = member(org, Role.STAFF, full_name=office.marker("meeting_organiser"))
    chair = member(org, Role.SECRETARY, full_name=office.marker("meeting_chair"))
    start = (timezone.now() + dt.timedelta(days=9)).replace(hour=2, minute=0, second=0, microsecond=0)
    meeting = schedule_meeting(
        actor=organiser,
        organisation=org,
        title=office.marker("meeting_title"),
        agenda=office.marker("meeting_agenda"),
        kind="hibrida",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        room=room,
        chair=chair,
        note_taker=organiser,
        guests=[GuestInput(office.marker("meeting_guest"), "Desa", "tamu@contoh.id")],
    )
    office.add("meeting", meeting)
    check_in_by_qr(actor=chair, token=qr_token(meeting))
    save_minutes(
        actor=organiser,
        meeting=meeting,
        summary=office.marker("meeting_minutes"),
        discussion="",
        decisions="",
    )
    office.add(
        "meeting_item",
        add_action_item(
            actor=organiser,
            meeting=meeting,
            description=office.marker("meeting_action"),
            owner=chair,
            due_date=(start + dt.timedelta(days=5)).date(),
        ),
    )


def _pk(office: OfficeA) -> dict:
    return {"pk": office.meeting.pk}


def _item(office: OfficeA) -> dict:
    return {"pk": office.meeting_item.pk}


def _meeting_payload(office: OfficeA) -> dict:
    day = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    return {
        "title": "Selundupan",
        "agenda": "Selundupan",
        "kind": "luring",
        "day": day,
        "start": "09:00",
        "end": "10:00",
        "place": "Selundupan",
        "chair": office.meeting.chair_id,
        "note_taker": office.meeting.note_taker_id,
    }


BAD_TOKEN = {"token": "MTIz:1vabcd:token-yang-salah-0123456789"}

ROUTES: dict[str, Route] = {
    "meetings:list": Route(),
    "meetings:mine": Route(),
    "meetings:create": Route(post_data=_meeting_payload),
    "meetings:my_actions": Route(),
    "meetings:detail": Route(kwargs=_pk),
    "meetings:edit": Route(kwargs=_pk, post_data=_meeting_payload),
    "meetings:cancel": Route(kwargs=_pk, post_data=lambda office: {"cancel-reason": "diambil alih"}),
    "meetings:invite": Route(kwargs=_pk),
    "meetings:qr": Route(kwargs=_pk),
    "meetings:attendance_pdf": Route(kwargs=_pk),
    "meetings:minutes_save": Route(kwargs=_pk, post_data=lambda office: {"minutes-summary": "diambil alih"}),
    "meetings:minutes_finalise": Route(kwargs=_pk),
    "meetings:minutes_pdf": Route(kwargs=_pk),
    "meetings:item_add": Route(
        kwargs=_pk,
        post_data=lambda office: {
            "item-description": "Selundupan",
            "item-owner": office.meeting.chair_id,
            "item-due_date": "2030-01-01",
        },
    ),
    "meetings:upload": Route(kwargs=_pk),
    "meetings:ics": Route(kwargs=_pk),
    "meetings:item_remove": Route(kwargs=_item),
    "meetings:item_done": Route(kwargs=_item, post_data=lambda office: {"done-note": "diambil alih"}),
    "meetings:item_reopen": Route(kwargs=_item, post_data=lambda office: {"reopen-reason": "diambil alih"}),
    "meetings:checkin": Route(
        kwargs=lambda office: BAD_TOKEN,
        public="QR check-in page; only a valid signed, unexpired token opens it, a wrong one is refused",
    ),
    "meetings:checkin_guest": Route(
        kwargs=lambda office: BAD_TOKEN,
        public="guest check-in form behind the QR; only a valid signed token opens it",
    ),
    "meetings:online_checkin": Route(
        kwargs=lambda office: BAD_TOKEN,
        public="personal online check-in link; only a valid signed token records anything",
    ),
    "api:meeting-list": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "title": "Selundupan",
            "agenda": "Selundupan",
            "kind": "daring",
            "starts_at": (timezone.now() + dt.timedelta(days=30)).isoformat(),
            "ends_at": (timezone.now() + dt.timedelta(days=30, hours=1)).isoformat(),
            "chair": office.meeting.chair_id,
            "note_taker": office.meeting.note_taker_id,
        }
    ),
    "api:meeting-detail": Route(kwargs=_pk),
    "api:meeting-cancel": Route(kwargs=_pk, post_data=lambda office: {"reason": "diambil alih"}),
    "api:meeting-action-item-list": Route(),
    "api:meeting-action-item-detail": Route(kwargs=_item),
    "api:meeting-action-item-done": Route(kwargs=_item, post_data=lambda office: {"note": "diambil alih"}),
}
