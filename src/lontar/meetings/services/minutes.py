"""Minutes (notula) and their action items (tindak lanjut); printed attendance and minutes.

The note-taker (or the organiser) writes the minutes while they are a draft; the chair finalises
them, after which the minutes and their action items' wording are read-only. Action items stay
alive: the owner marks one done with a note, the organiser or chair reopens it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assets.bookings import timing
from lontar.core import audit
from lontar.core.documents.rendering import html_to_pdf, indonesian_date, logo_data_uri, render_html
from lontar.core.notifications.services import notify
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.meetings.models import ActionItem, ActionStatus, Meeting, Minutes, MinutesStatus
from lontar.meetings.permissions import (
    COMPLETE_ACTION,
    FINALISE_MINUTES,
    REOPEN_ACTION,
    VIEW_MEETING,
    WRITE_MINUTES,
)

MINUTES_FIELDS = ("summary", "discussion", "decisions")


def _minutes_for_writing(actor, meeting: Meeting) -> Minutes:
    require(actor, WRITE_MINUTES, meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Rapat ini dibatalkan; notula tidak ditulis."))
    minutes, _created = Minutes.objects.select_for_update().get_or_create(
        meeting=meeting, defaults={"organisation": meeting.organisation, "written_by": actor}
    )
    if minutes.is_final:
        raise ValidationError(_("Notula sudah disahkan pimpinan rapat dan tidak dapat diubah lagi."))
    return minutes


def save_minutes(*, actor, meeting: Meeting, summary: str, discussion: str, decisions: str) -> Minutes:
    with transaction.atomic():
        minutes = _minutes_for_writing(actor, meeting)
        before = audit.snapshot(minutes, MINUTES_FIELDS)
        minutes.summary = (summary or "").strip()
        minutes.discussion = (discussion or "").strip()
        minutes.decisions = (decisions or "").strip()
        minutes.written_by = actor
        minutes.save()
        before, after = audit.changes(before, audit.snapshot(minutes, MINUTES_FIELDS))
        if after:
            audit.record(actor=actor, action="meetings.minutes.save", obj=minutes, before=before, after=after)
    return minutes


def add_action_item(*, actor, meeting: Meeting, description: str, owner, due_date: dt.date) -> ActionItem:
    """A follow-up assigned to one person of the office with a due date; the owner is told."""
    description = (description or "").strip()
    errors = {}
    if not description:
        errors["description"] = _("Uraikan tindak lanjutnya.")
    staff = getattr(owner, "staff", None) if owner is not None else None
    if staff is None or staff.organisation_id != meeting.organisation_id or not owner.is_active:
        errors["owner"] = _("Penanggung jawab harus pegawai aktif kantor ini.")
    if due_date is None:
        errors["due_date"] = _("Tenggat wajib diisi.")
    elif due_date < timing.local(meeting.starts_at, meeting.organisation).date():
        errors["due_date"] = _("Tenggat tidak boleh sebelum tanggal rapat.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        minutes = _minutes_for_writing(actor, meeting)
        item = ActionItem.objects.create(
            organisation=meeting.organisation,
            meeting=meeting,
            description=description,
            owner=owner,
            due_date=due_date,
        )
        audit.record(
            actor=actor,
            action="meetings.action_item.create",
            obj=item,
            after={
                "description": description,
                "owner": owner.display_name,
                "due_date": due_date,
                "minutes": minutes.pk,
            },
        )
        if owner.pk != actor.pk:
            notify(
                recipient=owner,
                organisation=meeting.organisation,
                title=_("Tindak lanjut rapat untuk Anda: %(what)s") % {"what": description[:120]},
                body=_("Rapat %(title)s; tenggat %(due)s.")
                % {"title": meeting.title, "due": indonesian_date(due_date)},
                url=reverse("meetings:my_actions"),
            )
    return item


def remove_action_item(*, actor, item: ActionItem) -> None:
    with transaction.atomic():
        _minutes_for_writing(actor, item.meeting)
        audit.record(
            actor=actor,
            action="meetings.action_item.delete",
            obj=item.meeting,
            before={
                "description": item.description,
                "owner": item.owner.display_name,
                "due_date": item.due_date,
            },
        )
        item.delete()


def finalise_minutes(*, actor, meeting: Meeting) -> Minutes:
    """The chair approves the minutes; from now on they are read-only."""
    require(actor, FINALISE_MINUTES, meeting)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
        if minutes is None or not (minutes.summary or minutes.discussion or minutes.decisions):
            raise ValidationError(_("Notula belum ditulis."))
        if minutes.is_final:
            raise ValidationError(_("Notula sudah disahkan."))
        minutes.status = MinutesStatus.FINAL
        minutes.finalised_by = actor
        minutes.finalised_at = timezone.now()
        minutes.save()
        audit.record(
            actor=actor,
            action="meetings.minutes.finalise",
            obj=minutes,
            before={"status": MinutesStatus.DRAFT.value},
            after={"status": minutes.status, "action_items": meeting.action_items.count()},
        )
        for user in {meeting.organiser, meeting.note_taker}:
            if user.pk != actor.pk:
                notify(
                    recipient=user,
                    organisation=meeting.organisation,
                    title=_("Notula disahkan: %(title)s") % {"title": meeting.title},
                    url=reverse("meetings:detail", args=[meeting.pk]),
                )
    return minutes


def complete_action_item(*, actor, item: ActionItem, note: str) -> ActionItem:
    """The owner reports the follow-up done, saying what was done."""
    require(actor, COMPLETE_ACTION, item)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan hasil tindak lanjut.")})
    with transaction.atomic():
        locked = ActionItem.objects.select_for_update().get(pk=item.pk)
        if not locked.is_open:
            raise ValidationError(_("Tindak lanjut ini sudah selesai."))
        locked.status = ActionStatus.DONE
        locked.done_note = note
        locked.done_at = timezone.now()
        locked.save()
        audit.record(
            actor=actor,
            action="meetings.action_item.done",
            obj=locked,
            before={"status": ActionStatus.OPEN.value},
            after={"status": locked.status, "note": note},
        )
        organiser = locked.meeting.organiser
        if organiser.pk != actor.pk:
            notify(
                recipient=organiser,
                organisation=locked.organisation,
                title=_("Tindak lanjut selesai: %(what)s") % {"what": locked.description[:120]},
                body=note,
                url=reverse("meetings:detail", args=[locked.meeting_id]),
            )
    item.refresh_from_db()
    return item


def reopen_action_item(*, actor, item: ActionItem, reason: str) -> ActionItem:
    """The organiser (or chair) finds the follow-up not done after all."""
    require(actor, REOPEN_ACTION, item)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan tindak lanjut dibuka kembali.")})
    with transaction.atomic():
        locked = ActionItem.objects.select_for_update().get(pk=item.pk)
        if locked.is_open:
            raise ValidationError(_("Tindak lanjut ini masih terbuka."))
        before = {"status": locked.status, "note": locked.done_note}
        locked.status = ActionStatus.OPEN
        locked.done_at = None
        locked.save()
        audit.record(
            actor=actor,
            action="meetings.action_item.reopen",
            obj=locked,
            before=before,
            after={"status": locked.status, "reason": reason},
        )
        if locked.owner_id != actor.pk:
            notify(
                recipient=locked.owner,
                organisation=locked.organisation,
                title=_("Tindak lanjut dibuka kembali: %(what)s") % {"what": locked.description[:120]},
                body=reason,
                url=reverse("meetings:my_actions"),
            )
    item.refresh_from_db()
    return item


# --- printing -----------------------------------------------------------------------------------


def _print_context(meeting: Meeting) -> dict:
    organisation = meeting.organisation
    start = timing.local(meeting.starts_at, organisation)
    end = timing.local(meeting.ends_at, organisation)
    return {
        "organisation": organisation,
        "logo_uri": logo_data_uri(organisation),
        "meeting": meeting,
        "day": indonesian_date(start.date()),
        "hours": f"{start:%H.%M} s.d. {end:%H.%M} {timing.zone_label(organisation)}",
        "printed_on": indonesian_date(organisation_today(organisation)),
    }


def attendance_pdf(*, actor, meeting: Meeting) -> bytes:
    """The daftar hadir with the letterhead: invitees and walk-ins, time and way of check-in, and an
    empty signature column for the paper copy. Printing is audited."""
    require(actor, VIEW_MEETING, meeting)
    attendances = list(meeting.attendances.select_related("invitee").order_by("checked_in_at", "pk"))
    present = {a.invitee_id for a in attendances if a.invitee_id}
    absent = [i for i in meeting.invitees.all() if i.pk not in present]
    audit.record(
        actor=actor,
        action="meetings.meeting.attendance_pdf",
        obj=meeting,
        after={"present": len(attendances)},
    )
    context = {**_print_context(meeting), "attendances": attendances, "absent": absent}
    return html_to_pdf(render_html("meetings/pdf/attendance.html", context))


def minutes_pdf(*, actor, meeting: Meeting) -> bytes:
    require(actor, VIEW_MEETING, meeting)
    minutes = Minutes.objects.filter(meeting=meeting).select_related("finalised_by", "written_by").first()
    if minutes is None:
        raise ValidationError(_("Notula belum ditulis."))
    audit.record(actor=actor, action="meetings.minutes.pdf", obj=minutes, after={"status": minutes.status})
    context = {
        **_print_context(meeting),
        "minutes": minutes,
        "items": list(meeting.action_items.select_related("owner__staff")),
        "present_count": meeting.attendances.count(),
        "chair_staff": getattr(meeting.chair, "staff", None),
        "note_taker_staff": getattr(meeting.note_taker, "staff", None),
    }
    return html_to_pdf(render_html("meetings/pdf/minutes.html", context))
