"""Scheduling, changing and cancelling meetings, with the room booking and the online link they carry."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assets.bookings import services as bookings
from lontar.assets.bookings import timing
from lontar.core import audit
from lontar.core.files.services import store_upload
from lontar.core.models import Staff
from lontar.core.notifications.models import Channel
from lontar.core.notifications.services import notify
from lontar.core.permissions import authorize, require
from lontar.meetings.models import Invitee, InviteeKind, Meeting, MeetingKind, MeetingStatus
from lontar.meetings.permissions import MANAGE_MEETING, SCHEDULE_MEETING, VIEW_MEETING

AUDITED = (
    "title",
    "agenda",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "room",
    "online_url",
    "chair",
    "note_taker",
)
DEFAULT_BASE_URL = "https://meet.jit.si"


@dataclass(frozen=True)
class GuestInput:
    name: str
    institution: str = ""
    email: str = ""


def online_meeting_url() -> str:
    """A Jitsi room with an unguessable name under `LONTAR_MEETING_BASE_URL` (meet.jit.si by default)."""
    base = getattr(settings, "LONTAR_MEETING_BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL
    return f"{base.rstrip('/')}/Lontar-{secrets.token_urlsafe(18).replace('_', 'x').replace('-', 'y')}"


def _staff_user(organisation, user, label: str):
    if user is None:
        raise ValidationError({label: _("Wajib dipilih.")})
    staff = getattr(user, "staff", None)
    if staff is None or staff.organisation_id != organisation.pk or not user.is_active:
        raise ValidationError({label: _("%(name)s bukan pegawai aktif kantor ini.") % {"name": user}})
    return user


def _clean(organisation, *, title, agenda, kind, starts_at, ends_at, room, place, chair, note_taker):
    errors = {}
    title = (title or "").strip()
    agenda = (agenda or "").strip()
    place = (place or "").strip()
    if not title:
        errors["title"] = _("Judul rapat wajib diisi.")
    if not agenda:
        errors["agenda"] = _("Acara/agenda rapat wajib diisi.")
    if kind not in MeetingKind.values:
        errors["kind"] = _("Bentuk rapat tidak dikenal.")
    starts_at, ends_at = timing.aware(starts_at, organisation), timing.aware(ends_at, organisation)
    if ends_at <= starts_at:
        errors["ends_at"] = _("Jam selesai harus sesudah jam mulai.")
    if kind in (MeetingKind.ONSITE, MeetingKind.HYBRID):
        if room is None and not place:
            errors["room"] = _("Pilih ruang rapat, atau tuliskan tempatnya bila di luar kantor.")
        if room is not None and (room.organisation_id != organisation.pk or room.is_vehicle):
            errors["room"] = _("Ruang harus ruang rapat kantor ini.")
    else:
        room, place = None, ""
    for label, user in (("chair", chair), ("note_taker", note_taker)):
        try:
            _staff_user(organisation, user, label)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return title, agenda, starts_at, ends_at, room, place


def _clean_guests(guests: Sequence[GuestInput]) -> list[GuestInput]:
    cleaned = []
    for guest in guests:
        name = (guest.name or "").strip()[:150]
        email = (guest.email or "").strip()
        if not name:
            raise ValidationError({"guests": _("Nama tamu wajib diisi.")})
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise ValidationError(
                    {"guests": _("Alamat surel tamu %(name)s tidak sah.") % {"name": name}}
                ) from exc
        cleaned.append(GuestInput(name, (guest.institution or "").strip()[:200], email))
    return cleaned


def _staff_for(organisation, users, units) -> list[Staff]:
    """Active staff with an account: those chosen by person, then every member of the chosen units."""
    chosen = {u.pk for u in users if u is not None}
    for unit in units:
        if unit.organisation_id != organisation.pk:
            raise ValidationError({"units": _("Unit harus unit kantor ini.")})
    qs = Staff.objects.filter(
        organisation=organisation, is_active=True, user__isnull=False, user__is_active=True
    )
    staff = list(qs.filter(user_id__in=chosen)) + list(
        qs.filter(unit__in=list(units)).exclude(user_id__in=chosen)
    )
    if len({s.user_id for s in staff if s.user_id in chosen}) != len(chosen):
        raise ValidationError({"invitees": _("Undangan pegawai hanya untuk pegawai aktif kantor ini.")})
    return staff


def _write_invitees(meeting: Meeting, staff: list[Staff], guests: list[GuestInput]) -> None:
    wanted = {s.user_id: s for s in staff}
    for person in (meeting.chair, meeting.note_taker):
        if person.pk not in wanted:
            wanted[person.pk] = person.staff
    existing = {i.user_id: i for i in meeting.invitees.filter(kind=InviteeKind.STAFF)}
    meeting.invitees.filter(kind=InviteeKind.STAFF).exclude(user_id__in=list(wanted)).delete()
    for user_id, s in wanted.items():
        invitee = existing.get(user_id) or Invitee(
            organisation=meeting.organisation, meeting=meeting, kind=InviteeKind.STAFF, user_id=user_id
        )
        invitee.name = s.full_name
        invitee.institution = s.unit.name if s.unit_id else ""
        invitee.email = s.email or s.user.email
        invitee.save()
    guest_rows = {(g.name, g.email): g for g in meeting.invitees.filter(kind=InviteeKind.GUEST)}
    keep = set()
    for guest in guests:
        row = guest_rows.get((guest.name, guest.email))
        if row is None:
            row = Invitee(organisation=meeting.organisation, meeting=meeting, kind=InviteeKind.GUEST)
        row.name, row.institution, row.email = guest.name, guest.institution, guest.email
        row.save()
        keep.add(row.pk)
    meeting.invitees.filter(kind=InviteeKind.GUEST).exclude(pk__in=keep).delete()


def _invitee_snapshot(meeting: Meeting) -> list[str]:
    return sorted(f"{i.name} <{i.email}>" if i.email else i.name for i in meeting.invitees.all())


def _book_room(actor, meeting: Meeting) -> None:
    """Ask bookings for the room; the refusal (clash, capacity, inactive room) is the meeting's error."""
    if meeting.room_id is None or not meeting.is_onsite:
        meeting.booking = None
        return
    try:
        meeting.booking = bookings.request_booking(
            actor=actor,
            resource=meeting.room,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            purpose=_("Rapat: %(title)s") % {"title": meeting.title},
            attendees_count=meeting.invitees.count() or None,
            source=meeting,
        )
    except ValidationError as exc:
        messages = exc.message_dict.get("attendees_count") if hasattr(exc, "error_dict") else None
        raise ValidationError({"room": messages or exc.messages}) from exc


def _release_room(actor, meeting: Meeting, reason: str) -> None:
    booking = meeting.booking
    if booking is not None and booking.is_active:
        bookings.cancel_booking(actor=actor, booking=booking, reason=reason)


def schedule_meeting(
    *,
    actor,
    organisation,
    title: str,
    agenda: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    chair,
    note_taker,
    room=None,
    place: str = "",
    invited_users: Sequence = (),
    invited_units: Sequence = (),
    guests: Sequence[GuestInput] = (),
) -> Meeting:
    """A new meeting organised by `actor`; an on-site/hybrid one books its room (refused: nothing is
    saved and the room's clash message is the error), an online/hybrid one gets its own Jitsi link."""
    require(actor, SCHEDULE_MEETING, organisation=organisation)
    title, agenda, starts_at, ends_at, room, place = _clean(
        organisation,
        title=title,
        agenda=agenda,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        place=place,
        chair=chair,
        note_taker=note_taker,
    )
    staff = _staff_for(organisation, invited_users, invited_units)
    cleaned_guests = _clean_guests(guests)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            organisation=organisation,
            title=title,
            agenda=agenda,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            room=room,
            place=place,
            online_url=online_meeting_url() if kind != MeetingKind.ONSITE else "",
            organiser=actor,
            chair=chair,
            note_taker=note_taker,
        )
        _write_invitees(meeting, staff, cleaned_guests)
        _book_room(actor, meeting)
        meeting.save(update_fields=["booking"])
        audit.record(
            actor=actor,
            action="meetings.meeting.create",
            obj=meeting,
            after={**audit.snapshot(meeting, AUDITED), "invitees": _invitee_snapshot(meeting)},
        )
        _tell_roles(meeting, actor)
    return meeting


def _tell_roles(meeting: Meeting, actor) -> None:
    url = reverse("meetings:detail", args=[meeting.pk])
    for user, role in ((meeting.chair, _("pimpinan rapat")), (meeting.note_taker, _("notulis"))):
        if user.pk != actor.pk:
            notify(
                recipient=user,
                organisation=meeting.organisation,
                title=_("Anda menjadi %(role)s: %(title)s") % {"role": role, "title": meeting.title},
                url=url,
            )


def update_meeting(
    *,
    actor,
    meeting: Meeting,
    title: str,
    agenda: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    chair,
    note_taker,
    room=None,
    place: str = "",
    invited_users: Sequence = (),
    invited_units: Sequence = (),
    guests: Sequence[GuestInput] = (),
) -> Meeting:
    """Change the meeting. Moving it or changing the room cancels the old booking and books again,
    all or nothing: when the new slot is refused the meeting and its old booking stay as they were."""
    require(actor, MANAGE_MEETING, meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Rapat yang dibatalkan tidak dapat diubah."))
    organisation = meeting.organisation
    title, agenda, starts_at, ends_at, room, place = _clean(
        organisation,
        title=title,
        agenda=agenda,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        place=place,
        chair=chair,
        note_taker=note_taker,
    )
    staff = _staff_for(organisation, invited_users, invited_units)
    cleaned_guests = _clean_guests(guests)
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("booking", "room")
            .get(pk=meeting.pk)
        )
        before = {**audit.snapshot(locked, AUDITED), "invitees": _invitee_snapshot(locked)}
        moved = (locked.starts_at, locked.ends_at, locked.room_id, locked.is_onsite) != (
            starts_at,
            ends_at,
            room.pk if room else None,
            kind != MeetingKind.ONLINE,
        )
        booking_lost = locked.booking is not None and not locked.booking.is_active
        locked.title, locked.agenda, locked.kind = title, agenda, kind
        locked.starts_at, locked.ends_at, locked.room, locked.place = starts_at, ends_at, room, place
        locked.chair, locked.note_taker = chair, note_taker
        if kind == MeetingKind.ONSITE:
            locked.online_url = ""
        elif not locked.online_url:
            locked.online_url = online_meeting_url()
        _write_invitees(locked, staff, cleaned_guests)
        if moved or booking_lost:
            _release_room(actor, locked, _("Rapat dipindah/diubah tempatnya."))
            _book_room(actor, locked)
            locked.sequence += 1
        elif before["title"] != title:
            locked.sequence += 1
        locked.save()
        after = {**audit.snapshot(locked, AUDITED), "invitees": _invitee_snapshot(locked)}
        before, after = audit.changes(before, after)
        if after:
            audit.record(
                actor=actor, action="meetings.meeting.update", obj=locked, before=before, after=after
            )
        if moved and locked.invitations_sent_at:
            from lontar.meetings.services.invitations import queue_update

            queue_update(locked)
    meeting.refresh_from_db()
    return meeting


def cancel_meeting(*, actor, meeting: Meeting, reason: str) -> Meeting:
    """Call the meeting off: the room is released, invitees are told (with a CANCEL .ics by e-mail)."""
    require(actor, MANAGE_MEETING, meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pembatalan rapat.")})
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("booking").get(pk=meeting.pk)
        if locked.is_cancelled:
            raise ValidationError(_("Rapat ini sudah dibatalkan."))
        _release_room(actor, locked, _("Rapat dibatalkan: %(reason)s") % {"reason": reason})
        locked.status = MeetingStatus.CANCELLED
        locked.cancel_reason = reason
        locked.sequence += 1
        locked.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
        audit.record(
            actor=actor,
            action="meetings.meeting.cancel",
            obj=locked,
            before={"status": MeetingStatus.SCHEDULED.value},
            after={"status": locked.status, "reason": reason},
        )
        url = reverse("meetings:detail", args=[locked.pk])
        for invitee in locked.invitees.filter(user__isnull=False).select_related("user"):
            if invitee.user_id != actor.pk:
                notify(
                    recipient=invitee.user,
                    organisation=locked.organisation,
                    title=_("Rapat dibatalkan: %(title)s") % {"title": locked.title},
                    body=reason,
                    url=url,
                    channels=[Channel.EMAIL] if locked.invitations_sent_at else (),
                )
        if locked.invitations_sent_at:
            from lontar.meetings.services.invitations import queue_update

            queue_update(locked)
    meeting.refresh_from_db()
    return meeting


def attach_file(*, actor, meeting: Meeting, uploaded_file):
    """A photo or document of the meeting (dokumentasi), stored and validated by core files. Anyone
    who may see the meeting and is part of it (organiser, chair, note-taker) adds files."""
    require(actor, VIEW_MEETING, meeting)
    if not (
        authorize(actor, MANAGE_MEETING, meeting) or actor.pk in (meeting.chair_id, meeting.note_taker_id)
    ):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(MANAGE_MEETING)
    with transaction.atomic():
        stored = store_upload(
            organisation=meeting.organisation, actor=actor, uploaded_file=uploaded_file, owner=meeting
        )
        audit.record(
            actor=actor,
            action="meetings.meeting.attach",
            obj=meeting,
            after={"file": stored.original_name, "size": stored.size},
        )
    return stored


def now():
    return timezone.now()
