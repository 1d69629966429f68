"""Every write to a complaint's life: intake from any channel, the office's steps, the reporter's steps.

`file_complaint` is channel-agnostic: the portal, the counter, an officer taking a phone call and the
Open311 API all call it. Staff act as signed-in users checked by `lontar.core.permissions` (through
the workflow's permissions for status changes). The reporter holds no role: the views prove the number
and secret first (`access.py`), then call the reporter functions here with `actor=None`; the audit
trail names the reporter ("Pelapor: …", or "Pelapor anonim").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.complaints import numbers
from lontar.complaints.models import (
    VERIFY_AND_FORWARD_DAYS,
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    MessageKind,
)
from lontar.complaints.permissions import (
    ASSIGN_COMPLAINT,
    DECIDE_ESCALATION,
    ESCALATE_COMPLAINT,
    HANDLE_COMPLAINT,
    REGISTER_COMPLAINT,
    VIEW_COMPLAINT,
)
from lontar.complaints.services import reporter_notices
from lontar.core import audit
from lontar.core.files.services import store_upload
from lontar.core.models import Membership, Unit
from lontar.core.notifications.gateways import normalise_phone
from lontar.core.permissions import authorize, require
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.core.workflow.services import transition

STAFF_CHANNELS = (ComplaintChannel.COUNTER, ComplaintChannel.PHONE)
REPORTER_FIELDS = ["reporter_name", "reporter_phone", "reporter_email", "reporter_nik"]
# What the audit trail keeps of a new complaint. The reporter's identity is not copied into the
# append-only trail: a confidential identity must stay readable only by the handler.
AUDITED = [
    "number",
    "kind",
    "channel",
    "category_id",
    "unit_id",
    "title",
    "is_anonymous",
    "is_confidential",
    "due_date",
]
TITLE_LENGTH = 200
DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 5000
MESSAGE_MAX = 5000


@dataclass(frozen=True)
class NewComplaint:
    """A freshly filed complaint and its tracking secret, which exists only here (shown once).

    `created` is False when the same `submit_key` was already used: the first complaint is returned
    and `secret` is empty (it was shown to whoever made the first request)."""

    complaint: Complaint
    secret: str
    created: bool = True


def reporter_label(complaint: Complaint) -> str:
    """How the audit trail names the reporter, without their identity when it is protected."""
    if complaint.is_anonymous or complaint.is_confidential or not complaint.reporter_name:
        return _("Pelapor %(nomor)s") % {"nomor": complaint.number}
    return _("Pelapor: %(nama)s") % {"nama": complaint.reporter_name}


def _clean_text(value: str, *, field: str, label: str, required: bool, max_length: int) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("%(isian)s wajib diisi.") % {"isian": label}})
    if len(value) > max_length:
        raise ValidationError(
            {field: _("%(isian)s paling panjang %(n)s karakter.") % {"isian": label, "n": max_length}}
        )
    return value


def _clean_reporter(reporter: dict | None, *, is_anonymous: bool) -> dict:
    """The identity fields to store: nothing at all for an anonymous complaint."""
    values = dict.fromkeys(REPORTER_FIELDS, "")
    if is_anonymous or not reporter:
        return values
    errors = {}
    values["reporter_name"] = (reporter.get("name") or "").strip()[:200]
    phone = (reporter.get("phone") or "").strip()
    if phone:
        try:
            values["reporter_phone"] = normalise_phone(phone)
        except ValidationError as exc:
            errors["reporter_phone"] = exc.messages
    email = (reporter.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
            values["reporter_email"] = email
        except ValidationError:
            errors["reporter_email"] = [_("Alamat surel tidak valid.")]
    nik = re.sub(r"\s+", "", reporter.get("nik") or "")
    if nik:
        if not re.fullmatch(r"\d{16}", nik):
            errors["reporter_nik"] = [_("NIK terdiri atas 16 angka.")]
        values["reporter_nik"] = nik
    if errors:
        raise ValidationError(errors)
    return values


def _coordinate(value, *, field: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Koordinat tidak valid.")}) from exc
    if not -limit <= number <= limit:
        raise ValidationError({field: _("Koordinat di luar batas.")})
    return number


def _check_category(category, organisation) -> None:
    if category is None:
        return
    if category.organisation_id != organisation.pk or not category.is_active:
        raise ValidationError({"category": _("Kategori tidak tersedia untuk kantor ini.")})


def file_complaint(
    *,
    organisation,
    channel: str,
    description: str,
    category: ComplaintCategory | None = None,
    kind: str = ComplaintKind.COMPLAINT,
    title: str = "",
    location: str = "",
    address: str = "",
    latitude=None,
    longitude=None,
    reporter: dict | None = None,
    is_anonymous: bool = False,
    is_confidential: bool = False,
    attachments: Iterable = (),
    service_name: str = "",
    actor=None,
    submit_key: str | None = None,
) -> NewComplaint:
    """File a complaint, suggestion or question with `organisation` from any channel.

    `reporter` holds optional `name`, `phone`, `email`, `nik`; nothing of it is stored when
    `is_anonymous`. `is_confidential` stores it but shows it only to the assigned handler.
    `actor` is the officer registering it (required, and checked, for the counter and phone channels);
    None for the citizen's own channels (portal, Open311, survey). `attachments` are uploaded files,
    validated and stored through `lontar.core.files`. A repeated `submit_key` returns the first
    complaint (created=False) instead of a duplicate. Raises ValidationError (Indonesian messages,
    keyed by field) and changes nothing when the input is wrong.
    """
    if channel not in ComplaintChannel.values:
        raise ValidationError({"channel": _("Kanal pengaduan tidak dikenal.")})
    if kind not in ComplaintKind.values:
        raise ValidationError({"kind": _("Jenis laporan tidak dikenal.")})
    if channel in STAFF_CHANNELS and actor is None:
        raise PermissionDenied(REGISTER_COMPLAINT)
    if actor is not None:
        require(actor, REGISTER_COMPLAINT, organisation=organisation)
    if not organisation.is_active:
        raise ValidationError(_("Kantor ini tidak menerima pengaduan."))
    if is_anonymous and is_confidential:
        raise ValidationError(
            {"privacy": _("Pilih salah satu: anonim (tanpa identitas) atau identitas dirahasiakan.")}
        )
    if submit_key:
        existing = Complaint.objects.filter(submit_key=submit_key).first()
        if existing is not None:
            return NewComplaint(existing, "", created=False)
    _check_category(category, organisation)
    description = _clean_text(
        description, field="description", label=_("Uraian"), required=True, max_length=DESCRIPTION_MAX
    )
    # A survey's open answer may be one word ("Bagus"); a report needs enough to act on.
    if channel != ComplaintChannel.SURVEY and len(description) < DESCRIPTION_MIN:
        raise ValidationError(
            {"description": _("Uraikan laporan Anda paling sedikit %(n)s karakter.") % {"n": DESCRIPTION_MIN}}
        )
    title = _clean_text(title, field="title", label=_("Judul"), required=False, max_length=TITLE_LENGTH)
    if not title:
        first_line = description.splitlines()[0]
        title = first_line if len(first_line) <= 80 else first_line[:77].rstrip() + "…"
    values = {
        "location": _clean_text(
            location, field="location", label=_("Lokasi"), required=False, max_length=300
        ),
        "address": _clean_text(address, field="address", label=_("Alamat"), required=False, max_length=300),
        "latitude": _coordinate(latitude, field="latitude", limit=90),
        "longitude": _coordinate(longitude, field="longitude", limit=180),
        "service_name": (service_name or "").strip()[:200],
        **_clean_reporter(reporter, is_anonymous=is_anonymous),
    }
    files = list(attachments)
    now = timezone.now()
    today = organisation_today(organisation)
    secret = numbers.new_secret()
    for _attempt in range(5):
        number = numbers.new_tracking_number(organisation, today)
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    organisation=organisation,
                    number=number,
                    secret_hash=numbers.secret_hash(number, secret),
                    kind=kind,
                    channel=channel,
                    category=category,
                    unit=category.unit if category is not None else None,
                    title=title,
                    description=description,
                    is_anonymous=is_anonymous,
                    is_confidential=is_confidential,
                    submit_key=submit_key or None,
                    registered_by=actor,
                    received_at=now,
                    due_date=add_working_days(today, VERIFY_AND_FORWARD_DAYS, organisation=organisation),
                    **values,
                )
                audit.record(
                    actor=actor,
                    action="complaints.complaint.create",
                    obj=complaint,
                    after=audit.snapshot(complaint, AUDITED),
                    actor_label="" if actor else reporter_label(complaint),
                )
                for uploaded in files:
                    _attach(complaint, uploaded, actor=actor)
            return NewComplaint(complaint, secret)
        except IntegrityError:
            if submit_key and Complaint.objects.filter(submit_key=submit_key).exists():
                return NewComplaint(Complaint.objects.get(submit_key=submit_key), "", created=False)
            continue  # a tracking number collision (rare): draw another
    raise RuntimeError("could not draw a unique complaint number")


def _attach(complaint: Complaint, uploaded, *, actor, message: ComplaintMessage | None = None):
    # The citizen's upload is authorised by the complaint it belongs to; an officer's is checked.
    stored = store_upload(
        organisation=complaint.organisation, actor=actor, uploaded_file=uploaded, owner=complaint
    )
    attachment = ComplaintAttachment.objects.create(complaint=complaint, message=message, stored_file=stored)
    audit.record(
        actor=actor,
        action="complaints.complaint.attach",
        obj=complaint,
        after={"file": stored.original_name, "sha256": stored.sha256},
        actor_label="" if actor else reporter_label(complaint),
    )
    return attachment


def record_feedback(
    *,
    organisation,
    text: str,
    channel: str = ComplaintChannel.SURVEY,
    service_name: str = "",
    reporter_label: str = "",
) -> Complaint:
    """Keep an open-text suggestion (from a satisfaction survey, usually) as a kind=suggestion item.

    Survey answers are anonymous: no identity is stored. `reporter_label` says where it came from
    ("Responden SKM") in the audit trail and the internal note. No tracking secret is issued.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Saran kosong tidak dicatat.")})
    new = file_complaint(
        organisation=organisation,
        channel=channel,
        kind=ComplaintKind.SUGGESTION,
        description=text,
        title="",
        is_anonymous=True,
        service_name=service_name,
    )
    if reporter_label:
        with transaction.atomic():
            ComplaintMessage.objects.create(
                complaint=new.complaint,
                kind=MessageKind.INTERNAL,
                body=_("Sumber: %(sumber)s") % {"sumber": reporter_label[:200]},
            )
    return new.complaint


# --- the office's steps ----------------------------------------------------------------------------


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _refresh(complaint: Complaint) -> Complaint:
    complaint.refresh_from_db()
    return complaint


def verify(*, complaint: Complaint, actor, note: str = "") -> Complaint:
    """Received → verified: the report is a genuine complaint of this office."""
    with transaction.atomic():
        transition(obj=complaint, name="verify", actor=actor, note=note)
        Complaint.objects.filter(pk=complaint.pk).update(
            verified_at=timezone.now(), updated_at=timezone.now()
        )
    return _refresh(complaint)


def _check_unit(unit, complaint: Complaint) -> None:
    if unit is None or unit.organisation_id != complaint.organisation_id:
        raise ValidationError({"unit": _("Pilih unit kerja kantor ini.")})


def forward(*, complaint: Complaint, actor, unit: Unit | None = None, note: str = "") -> Complaint:
    """Verified → forwarded to `unit` (the category's by default); the unit has 5 working days."""
    unit = unit or complaint.unit
    _check_unit(unit, complaint)
    with transaction.atomic():
        before = {"unit": str(complaint.unit) if complaint.unit_id else ""}
        transition(obj=complaint, name="forward", actor=actor, note=note)
        Complaint.objects.filter(pk=complaint.pk).update(
            unit=unit, forwarded_at=timezone.now(), updated_at=timezone.now()
        )
        if before["unit"] != unit.name:
            audit.record(
                actor=actor,
                action="complaints.complaint.route",
                obj=complaint,
                before=before,
                after={"unit": unit.name},
            )
    return _refresh(complaint)


def reroute(*, complaint: Complaint, actor, unit: Unit, note: str = "") -> Complaint:
    """Send an open complaint to another unit without changing its status or deadline."""
    _check_unit(unit, complaint)
    with transaction.atomic():
        locked = _locked(complaint)
        require(actor, ASSIGN_COMPLAINT, locked)
        if locked.status not in (
            ComplaintStatus.RECEIVED,
            ComplaintStatus.VERIFIED,
            ComplaintStatus.FORWARDED,
            ComplaintStatus.IN_FOLLOW_UP,
        ):
            raise ValidationError(_("Pengaduan yang sudah selesai tidak dapat dialihkan."))
        before = {"unit": str(locked.unit) if locked.unit_id else ""}
        locked.unit = unit
        locked.save(update_fields=["unit", "updated_at"])
        audit.record(
            actor=actor,
            action="complaints.complaint.route",
            obj=locked,
            before=before,
            after={"unit": unit.name, "note": note},
        )
    return _refresh(complaint)


def assign_handler(*, complaint: Complaint, actor, handler) -> Complaint:
    """Name the officer who handles the complaint (the only one who sees a confidential identity)."""
    with transaction.atomic():
        locked = _locked(complaint)
        require(actor, ASSIGN_COMPLAINT, locked)
        if locked.status in (ComplaintStatus.CLOSED, ComplaintStatus.REJECTED):
            raise ValidationError(_("Pengaduan yang sudah ditutup tidak dapat ditugaskan."))
        is_member = Membership.objects.filter(
            user=handler, organisation_id=locked.organisation_id, is_active=True
        ).exists()
        if not handler.is_active or not is_member or not authorize(handler, VIEW_COMPLAINT, locked):
            raise ValidationError({"handler": _("Petugas harus pegawai aktif kantor ini.")})
        before = {"handler": locked.handler.display_name if locked.handler_id else ""}
        locked.handler = handler
        locked.save(update_fields=["handler", "updated_at"])
        audit.record(
            actor=actor,
            action="complaints.complaint.assign",
            obj=locked,
            before=before,
            after={"handler": handler.display_name},
        )
    return _refresh(complaint)


def start_follow_up(*, complaint: Complaint, actor, note: str = "") -> Complaint:
    transition(obj=complaint, name="start_follow_up", actor=actor, note=note)
    return _refresh(complaint)


def _add_message(complaint: Complaint, *, kind: str, body: str, actor, action: str) -> ComplaintMessage:
    body = _clean_text(body, field="body", label=_("Isi pesan"), required=True, max_length=MESSAGE_MAX)
    message = ComplaintMessage.objects.create(complaint=complaint, kind=kind, body=body, author=actor)
    audit.record(
        actor=actor,
        action=action,
        obj=complaint,
        after={"kind": kind, "body": body},
        actor_label="" if actor else reporter_label(complaint),
    )
    return message


def respond(*, complaint: Complaint, actor, body: str) -> ComplaintMessage:
    """A public response to the reporter, shown on the tracking page (the SP4N follow-up)."""
    with transaction.atomic():
        locked = _locked(complaint)
        require(actor, HANDLE_COMPLAINT, locked)
        if locked.status not in (
            ComplaintStatus.FORWARDED,
            ComplaintStatus.IN_FOLLOW_UP,
            ComplaintStatus.RESOLVED,
        ):
            raise ValidationError(_("Tanggapan diberikan setelah pengaduan diteruskan ke unit."))
        message = _add_message(
            locked,
            kind=MessageKind.TO_REPORTER,
            body=body,
            actor=actor,
            action="complaints.complaint.respond",
        )
        if locked.responded_at is None:
            locked.responded_at = message.created_at
            locked.save(update_fields=["responded_at", "updated_at"])
        reporter_notices.queue(locked, reporter_notices.RESPONDED, str(message.pk))
    _refresh(complaint)
    return message


def add_note(*, complaint: Complaint, actor, body: str) -> ComplaintMessage:
    """An internal note: never shown to the reporter or on public pages."""
    with transaction.atomic():
        locked = _locked(complaint)
        if not (authorize(actor, HANDLE_COMPLAINT, locked) or authorize(actor, ASSIGN_COMPLAINT, locked)):
            raise PermissionDenied(HANDLE_COMPLAINT)
        return _add_message(
            locked, kind=MessageKind.INTERNAL, body=body, actor=actor, action="complaints.complaint.note"
        )


def resolve(
    *, complaint: Complaint, actor, response: str = "", public_summary: str = "", publish: bool = False
) -> Complaint:
    """In follow-up (or forwarded) → resolved. Needs a public response (given now as `response`, or
    earlier). The reporter then has 10 working days to re-open before it closes automatically."""
    with transaction.atomic():
        if response.strip():
            respond(complaint=complaint, actor=actor, body=response)
        elif not complaint.messages.filter(kind=MessageKind.TO_REPORTER).exists():
            raise ValidationError(
                {"response": _("Tulis tanggapan kepada pelapor sebelum menyatakan selesai.")}
            )
        transition(obj=complaint, name="resolve", actor=actor)
        Complaint.objects.filter(pk=complaint.pk).update(
            resolved_at=timezone.now(), updated_at=timezone.now()
        )
        _refresh(complaint)
        if public_summary.strip() or publish:
            set_publication(complaint=complaint, actor=actor, public_summary=public_summary, publish=publish)
    return _refresh(complaint)


def set_publication(*, complaint: Complaint, actor, public_summary: str, publish: bool) -> Complaint:
    """What the public list shows of a finished complaint: a summary written by staff, no personal data."""
    public_summary = _clean_text(
        public_summary, field="public_summary", label=_("Ringkasan publik"), required=publish, max_length=2000
    )
    with transaction.atomic():
        locked = _locked(complaint)
        require(actor, HANDLE_COMPLAINT, locked)
        if publish and locked.status not in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED):
            raise ValidationError(
                {"publish": _("Hanya pengaduan yang sudah selesai dapat ditampilkan ke publik.")}
            )
        before = {"public_summary": locked.public_summary, "publish": locked.publish}
        locked.public_summary, locked.publish = public_summary, publish
        locked.save(update_fields=["public_summary", "publish", "updated_at"])
        audit.record(
            actor=actor,
            action="complaints.complaint.publication",
            obj=locked,
            before=before,
            after={"public_summary": public_summary, "publish": publish},
        )
    return _refresh(complaint)


def reject(*, complaint: Complaint, actor, reason: str) -> Complaint:
    """Received/verified → rejected, with the reason the reporter reads on the tracking page."""
    reason = _clean_text(reason, field="reason", label=_("Alasan penolakan"), required=True, max_length=2000)
    with transaction.atomic():
        transition(obj=complaint, name="reject", actor=actor, note=reason)
        Complaint.objects.filter(pk=complaint.pk).update(
            rejection_reason=reason, closed_at=timezone.now(), updated_at=timezone.now()
        )
        reporter_notices.queue(complaint, reporter_notices.REJECTED, str(complaint.pk))
    return _refresh(complaint)


def close(*, complaint: Complaint, actor, note: str = "") -> Complaint:
    """Resolved → closed: by staff, or by the system (`actor=None`) when the reporter's time passed."""
    with transaction.atomic():
        transition(obj=complaint, name="close", actor=actor, note=note)
        Complaint.objects.filter(pk=complaint.pk).update(closed_at=timezone.now(), updated_at=timezone.now())
    return _refresh(complaint)


def escalate(*, complaint: Complaint, actor, reason: str) -> Complaint:
    """Bring the complaint to the head of office by hand (a handler needs the Camat's decision)."""
    from lontar.complaints.services.deadlines import tell_heads

    reason = _clean_text(reason, field="reason", label=_("Alasan eskalasi"), required=True, max_length=2000)
    with transaction.atomic():
        locked = _locked(complaint)
        require(actor, ESCALATE_COMPLAINT, locked)
        if locked.status in (ComplaintStatus.CLOSED, ComplaintStatus.REJECTED):
            raise ValidationError(_("Pengaduan yang sudah ditutup tidak dapat dieskalasi."))
        before = {"escalated_at": locked.escalated_at, "escalation_reason": locked.escalation_reason}
        locked.escalated_at, locked.escalated_by, locked.escalation_reason = timezone.now(), actor, reason
        locked.escalation_decision, locked.escalation_decided_at = "", None
        locked.save(
            update_fields=[
                "escalated_at",
                "escalated_by",
                "escalation_reason",
                "escalation_decision",
                "escalation_decided_at",
                "updated_at",
            ]
        )
        audit.record(
            actor=actor,
            action="complaints.complaint.escalate",
            obj=locked,
            before=before,
            after={"escalated_at": locked.escalated_at, "escalation_reason": reason},
        )
        tell_heads(locked, reason)
    return _refresh(complaint)


def decide_escalation(*, complaint: Complaint, actor, decision: str) -> Complaint:
    """The head of office's direction on an escalated complaint (kept and audited)."""
    decision = _clean_text(decision, field="decision", label=_("Arahan"), required=True, max_length=2000)
    with transaction.atomic():
        locked = _locked(complaint)
        require(actor, DECIDE_ESCALATION, locked)
        if locked.escalated_at is None:
            raise ValidationError(_("Pengaduan ini tidak sedang dieskalasi."))
        before = {"escalation_decision": locked.escalation_decision}
        locked.escalation_decision, locked.escalation_decided_at = decision, timezone.now()
        locked.save(update_fields=["escalation_decision", "escalation_decided_at", "updated_at"])
        audit.record(
            actor=actor,
            action="complaints.complaint.decide_escalation",
            obj=locked,
            before=before,
            after={"escalation_decision": decision},
        )
    return _refresh(complaint)


# --- the reporter's steps (after access.py proved the number and secret) --------------------------


def reporter_reply(*, complaint: Complaint, body: str, attachment=None) -> ComplaintMessage:
    """A reply from the reporter, shown to the office and on the tracking page.

    `attachment` is an optional uploaded file, checked and stored through `lontar.core.files`; a file
    that is refused raises ValidationError keyed `attachment` and nothing is saved, not even the text.
    """
    with transaction.atomic():
        locked = _locked(complaint)
        if locked.status in (ComplaintStatus.CLOSED, ComplaintStatus.REJECTED):
            raise ValidationError(_("Pengaduan ini sudah ditutup; kirim pengaduan baru bila perlu."))
        message = _add_message(
            locked, kind=MessageKind.FROM_REPORTER, body=body, actor=None, action="complaints.complaint.reply"
        )
        if attachment is not None:
            try:
                _attach(locked, attachment, actor=None, message=message)
            except ValidationError as exc:
                raise ValidationError({"attachment": exc}) from exc
        locked.last_reporter_reply_at = message.created_at
        locked.save(update_fields=["last_reporter_reply_at", "updated_at"])
    _refresh(complaint)
    return message


def reopen(*, complaint: Complaint, reason: str) -> Complaint:
    """Resolved → in follow-up: the reporter is not satisfied; the unit has 5 working days again."""
    reason = _clean_text(reason, field="reason", label=_("Alasan"), required=True, max_length=MESSAGE_MAX)
    with transaction.atomic():
        label = reporter_label(complaint)
        transition(obj=complaint, name="reopen", actor=None, note=reason, actor_label=label)
        locked = _locked(complaint)
        _add_message(
            locked,
            kind=MessageKind.FROM_REPORTER,
            body=reason,
            actor=None,
            action="complaints.complaint.reply",
        )
        locked.reopen_count += 1
        locked.resolved_at = None
        locked.last_reporter_reply_at = timezone.now()
        locked.save(update_fields=["reopen_count", "resolved_at", "last_reporter_reply_at", "updated_at"])
    return _refresh(complaint)


def rate(*, complaint: Complaint, rating: int, comment: str = "") -> Complaint:
    """The reporter's rating (1 to 5) of the response, only once the complaint is resolved or closed."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Pilih nilai 1 sampai 5.")})
    comment = _clean_text(comment, field="comment", label=_("Komentar"), required=False, max_length=2000)
    with transaction.atomic():
        locked = _locked(complaint)
        if locked.status not in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED):
            raise ValidationError(_("Penilaian dapat diberikan setelah pengaduan selesai ditanggapi."))
        before = {"rating": locked.rating, "rating_comment": locked.rating_comment}
        locked.rating, locked.rating_comment, locked.rated_at = rating, comment, timezone.now()
        locked.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
        audit.record(
            actor=None,
            action="complaints.complaint.rate",
            obj=locked,
            before=before,
            after={"rating": rating, "rating_comment": comment},
            actor_label=reporter_label(locked),
        )
    return _refresh(complaint)
