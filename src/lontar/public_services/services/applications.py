"""Every write to an application's life: draft, submission, correction, processing steps, completion.

Staff act as signed-in users checked by the workflow's permissions. The applicant acts without a role,
through the number and secret checked in `access.py`, so applicant steps pass `actor=None` with an
`actor_label` naming the applicant for the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.files.services import store_upload
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today, working_days_between
from lontar.core.workflow.services import transition
from lontar.public_services import numbers
from lontar.public_services.models import (
    Application,
    ApplicationMessage,
    ApplicationStatus,
    ApplicationUpload,
    Channel,
    MessageKind,
    QueueDeviation,
    Service,
    ServiceStandard,
)
from lontar.public_services.permissions import PROCESS_APPLICATION, REGISTER_WALK_IN
from lontar.public_services.services import applicant_notices

APPLICANT_FIELDS = [
    "applicant_name",
    "applicant_nik",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
]
AUDITED = ["number", "service_id", "standard_id", "channel", "status", "assigned_to_id", *APPLICANT_FIELDS]


@dataclass(frozen=True)
class NewApplication:
    """A freshly created application and its tracking secret, which exists only here (shown once)."""

    application: Application
    secret: str
    created: bool = True


def applicant_label(application: Application) -> str:
    return _("Pemohon: %(nama)s") % {"nama": application.applicant_name}


def standard_in_force(service: Service, day=None) -> ServiceStandard:
    day = day or organisation_today(service.organisation)
    standard = ServiceStandard.objects.in_force_on(day).filter(service=service).order_by("-version").first()
    if standard is None:
        raise ValidationError(
            _("Layanan “%(layanan)s” belum memiliki standar pelayanan yang berlaku.")
            % {"layanan": service.name},
            code="no_standard",
        )
    return standard


def _check_service_open(service: Service, channel: str) -> None:
    if not service.is_active:
        raise ValidationError(_("Layanan ini sedang tidak dibuka."), code="service_closed")
    if channel == Channel.ONLINE and not (service.accepts_online and service.is_published):
        raise ValidationError(_("Layanan ini tidak dapat diajukan secara daring; silakan datang ke loket."))


def start_application(
    *,
    service: Service,
    applicant: dict,
    data: dict | None = None,
    channel: str = Channel.ONLINE,
    actor=None,
    applicant_user=None,
    submit_key: str | None = None,
    contact_verified: bool = False,
) -> NewApplication:
    """Create a draft under the standard in force. At the counter `actor` is the officer (checked for
    registering walk-ins); online it is None and the applicant is identified by `applicant`.

    `submit_key` is the one-time key of the form that produced this call: a second call with the same
    key (the citizen pressed submit twice on a poor connection) returns the first application and no
    secret (it was already shown), instead of creating a duplicate.
    """
    if actor is not None:
        require(actor, REGISTER_WALK_IN, organisation=service.organisation)
    _check_service_open(service, channel)
    if submit_key:
        existing = Application.objects.filter(submit_key=submit_key).first()
        if existing is not None:
            return NewApplication(existing, "", created=False)
    standard = standard_in_force(service)
    secret = numbers.new_secret()
    today = organisation_today(service.organisation)
    values = {
        name: (applicant.get(name.removeprefix("applicant_")) or "").strip() for name in APPLICANT_FIELDS
    }
    if not values["applicant_name"]:
        raise ValidationError({"applicant_name": _("Nama pemohon wajib diisi.")})
    for _attempt in range(5):
        number = numbers.new_registration_number(service.organisation, today)
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    organisation=service.organisation,
                    service=service,
                    standard=standard,
                    number=number,
                    secret_hash=numbers.secret_hash(number, secret),
                    channel=channel,
                    applicant_user=applicant_user,
                    registered_by=actor,
                    data=data or {},
                    submit_key=submit_key or None,
                    contact_verified_at=timezone.now() if contact_verified else None,
                    **values,
                )
                audit.record(
                    actor=actor,
                    action="public_services.application.create",
                    obj=application,
                    after=audit.snapshot(application, AUDITED),
                    actor_label="" if actor else applicant_label(application),
                )
            return NewApplication(application, secret)
        except IntegrityError:
            if submit_key and Application.objects.filter(submit_key=submit_key).exists():
                # The same form arrived twice at the same moment: the other request created it.
                return NewApplication(Application.objects.get(submit_key=submit_key), "", created=False)
            continue  # a registration number collision (rare): draw another
    raise RuntimeError("could not draw a unique registration number")


def update_draft(*, application: Application, applicant: dict, data: dict, actor=None) -> Application:
    """Save what the applicant typed so far; only drafts and applications being corrected change."""
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.NEEDS_CORRECTION):
        raise ValidationError(
            _("Permohonan yang sudah diajukan tidak dapat diubah lagi."), code="not_editable"
        )
    with transaction.atomic():
        before = audit.snapshot(application, APPLICANT_FIELDS)
        before["data"] = application.data
        for name in APPLICANT_FIELDS:
            key = name.removeprefix("applicant_")
            if key in applicant:
                setattr(application, name, (applicant[key] or "").strip())
        application.data = data
        application.save(update_fields=[*APPLICANT_FIELDS, "data"])
        audit.record(
            actor=actor,
            action="public_services.application.update",
            obj=application,
            before=before,
            after={**audit.snapshot(application, APPLICANT_FIELDS), "data": application.data},
            actor_label="" if actor else applicant_label(application),
        )
    return application


def add_upload(*, application: Application, requirement, uploaded_file, actor=None) -> ApplicationUpload:
    """Store a file for one requirement; an earlier file for it is kept but marked superseded."""
    if requirement.standard_id != application.standard_id:
        raise ValidationError(
            _("Persyaratan ini bukan bagian dari layanan yang diajukan."), code="requirement"
        )
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.NEEDS_CORRECTION):
        raise ValidationError(
            _("Berkas hanya dapat diunggah pada draf atau saat perbaikan."), code="not_editable"
        )
    stored = store_upload(
        organisation=application.organisation, actor=None, uploaded_file=uploaded_file, owner=application
    )
    with transaction.atomic():
        now = timezone.now()
        application.uploads.filter(requirement=requirement, superseded_at__isnull=True).update(
            superseded_at=now
        )
        upload = ApplicationUpload.objects.create(
            application=application, requirement=requirement, stored_file=stored
        )
        audit.record(
            actor=actor,
            action="public_services.application.upload",
            obj=application,
            after={"requirement": requirement.name, "file": stored.original_name, "sha256": stored.sha256},
            actor_label="" if actor else applicant_label(application),
        )
    return upload


def missing_items(application: Application) -> list[str]:
    """What still stops the application from being submitted: required answers and uploads."""
    missing = []
    for field in application.standard.form_fields.all():
        if field.required and not str(application.data.get(field.key, "") or "").strip():
            missing.append(field.label)
    uploaded = set(
        application.uploads.filter(superseded_at__isnull=True).values_list("requirement_id", flat=True)
    )
    for requirement in application.standard.requirements.all():
        # At the counter the officer sees the paper originals; uploads are for online applications.
        needs_file = (
            requirement.needs_upload and requirement.is_mandatory and application.channel == Channel.ONLINE
        )
        if needs_file and requirement.pk not in uploaded:
            missing.append(requirement.name)
    return missing


def submit(*, application: Application, actor=None) -> Application:
    """Draft → submitted: the deadline starts from the standard's working days. Submitting an
    application that is already submitted does nothing (a repeated click must not fail or duplicate)."""
    if application.status != ApplicationStatus.DRAFT:
        application.refresh_from_db()
        if application.status != ApplicationStatus.DRAFT:
            return application
    if application.channel == Channel.ONLINE and application.contact_verified_at is None and actor is None:
        raise ValidationError(_("Verifikasi surel atau nomor telepon terlebih dahulu."), code="unverified")
    missing = missing_items(application)
    if missing:
        raise ValidationError(
            _("Lengkapi dahulu: %(items)s.") % {"items": "; ".join(missing)}, code="incomplete"
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != ApplicationStatus.DRAFT:
            return locked
        transition(
            obj=locked, name="submit", actor=actor, actor_label="" if actor else applicant_label(locked)
        )
        locked.submitted_at = locked.status_changed_at
        locked.save(update_fields=["submitted_at"])
        applicant_notices.application_submitted(locked)
    application.refresh_from_db()
    return application


def older_in_queue(application: Application):
    """Submitted applications of the same service waiting longer than this one (FIFO per service)."""
    return Application.objects.filter(
        service_id=application.service_id,
        status=ApplicationStatus.SUBMITTED,
        submitted_at__lt=application.submitted_at,
    )


def start_verification(*, application: Application, actor, reason: str = "") -> Application:
    """Take an application from the queue. Taking one while older ones of the same service wait is
    allowed only with a reason, which is logged (queue rule)."""
    require(actor, PROCESS_APPLICATION, application)
    with transaction.atomic():
        skipped = older_in_queue(application).count()
        reason = (reason or "").strip()
        if skipped and not reason:
            raise ValidationError(
                _(
                    "Masih ada %(jumlah)s permohonan layanan ini yang diajukan lebih dahulu. Tangani sesuai "
                    "urutan, atau tuliskan alasan menangani permohonan ini lebih dahulu."
                )
                % {"jumlah": skipped},
                code="queue_order",
            )
        transition(obj=application, name="start_verification", actor=actor, note=reason)
        if application.assigned_to_id is None:
            application.assigned_to = actor
            application.save(update_fields=["assigned_to"])
        if skipped:
            QueueDeviation.objects.create(
                application=application, actor=actor, skipped=skipped, reason=reason
            )
            audit.record(
                actor=actor,
                action="public_services.application.out_of_order",
                obj=application,
                after={"skipped": skipped, "reason": reason},
            )
    return application


def assign(*, application: Application, actor, officer) -> Application:
    require(actor, PROCESS_APPLICATION, application)
    if officer is not None and not _may_process(officer, application):
        raise ValidationError(_("Petugas yang dipilih tidak berwenang memproses permohonan kantor ini."))
    with transaction.atomic():
        before = {"assigned_to": application.assigned_to_id}
        application.assigned_to = officer
        application.save(update_fields=["assigned_to"])
        audit.record(
            actor=actor,
            action="public_services.application.assign",
            obj=application,
            before=before,
            after={"assigned_to": getattr(officer, "pk", None)},
        )
    return application


def _may_process(user, application) -> bool:
    from lontar.core.permissions import authorize

    return authorize(user, PROCESS_APPLICATION, application)


def add_message(*, application: Application, kind: str, body: str, actor=None) -> ApplicationMessage:
    """A message to or from the applicant, or an internal note (staff only)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Isi pesan tidak boleh kosong."), code="empty")
    if kind == MessageKind.FROM_APPLICANT:
        if actor is not None:
            raise PermissionDenied
    else:
        require(actor, PROCESS_APPLICATION, application)
    with transaction.atomic():
        message = ApplicationMessage.objects.create(
            application=application, kind=kind, author=actor, body=body
        )
        audit.record(
            actor=actor,
            action=f"public_services.application.message_{kind}",
            obj=application,
            after={"kind": kind, "body": body},
            actor_label="" if actor else applicant_label(application),
        )
    return message


def request_correction(*, application: Application, actor, message: str) -> Application:
    """Ask the applicant to fix something: the clock stops until the correction arrives."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Tuliskan apa yang perlu diperbaiki pemohon.")})
    with transaction.atomic():
        transition(obj=application, name="request_correction", actor=actor, note=message)
        application.paused_since = organisation_today(application.organisation)
        application.save(update_fields=["paused_since"])
        add_message(application=application, kind=MessageKind.TO_APPLICANT, body=message, actor=actor)
        applicant_notices.correction_requested(application)
    return application


def resubmit(*, application: Application, actor=None, message: str = "") -> Application:
    """The applicant sends the corrected application back: the deadline moves by the working days the
    correction took (the clock did not run while the citizen was fixing it)."""
    if application.channel == Channel.ONLINE or actor is None:
        missing = missing_items(application)
        if missing:
            raise ValidationError(_("Lengkapi dahulu: %(items)s.") % {"items": "; ".join(missing)})
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        today = organisation_today(locked.organisation)
        paused = max(
            0, working_days_between(locked.paused_since or today, today, organisation=locked.organisation)
        )
        due = None
        if locked.due_date is not None:
            from lontar.core.workdays.calendar import add_working_days

            due = max(add_working_days(locked.due_date, paused, organisation=locked.organisation), today)
        transition(
            obj=locked,
            name="resubmit",
            actor=actor,
            note=message,
            due_date=due,
            actor_label="" if actor else applicant_label(locked),
        )
        locked.paused_working_days += paused
        locked.paused_since = None
        locked.reminded_at = None  # the due date moved: the officer is reminded again before the new one
        locked.save(update_fields=["paused_working_days", "paused_since", "reminded_at"])
        if message.strip():
            add_message(
                application=locked,
                kind=MessageKind.FROM_APPLICANT if actor is None else MessageKind.INTERNAL,
                body=message,
                actor=actor,
            )
    application.refresh_from_db()
    return application


def step(*, application: Application, name: str, actor, note: str = "") -> Application:
    """A plain processing step without extra data: accept, request_signature."""
    if name not in ("accept", "request_signature"):
        raise ValueError(name)
    transition(obj=application, name=name, actor=actor, note=note)
    return application


def return_for_revision(*, application: Application, actor, note: str) -> Application:
    """The signer finds an error in the prepared result: back to processing, with what to fix."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan apa yang perlu diperbaiki pada naskah hasil.")})
    with transaction.atomic():
        transition(obj=application, name="return_for_revision", actor=actor, note=note)
        ApplicationMessage.objects.create(
            application=application, kind=MessageKind.INTERNAL, author=actor, body=note
        )
    return application


def _record_completion(application: Application) -> None:
    """Completion figures kept on the row for the transparency dashboard (working days, on time)."""
    now = timezone.now()
    done_on = timezone.localtime(now).date()
    submitted_on = timezone.localtime(application.submitted_at).date()
    elapsed = working_days_between(submitted_on, done_on, organisation=application.organisation)
    application.completed_at = now
    application.completed_working_days = max(0, elapsed - application.paused_working_days)
    application.on_time = application.due_date is None or done_on <= application.due_date
    application.save(update_fields=["completed_at", "completed_working_days", "on_time"])


def complete(
    *, application: Application, actor, name: str = "complete", note: str = "", result_document=None
):
    """Processing → ready (no document) or, with name="sign", awaiting signature → ready with the signed
    result. Ready is not a final state, so the due date stays and on-time is judged against it."""
    with transaction.atomic():
        transition(obj=application, name=name, actor=actor, note=note)
        if result_document is not None:
            application.result_document = result_document
            application.save(update_fields=["result_document"])
        _record_completion(application)
        applicant_notices.result_ready(application)
    return application


def reject(*, application: Application, actor, reason: str) -> Application:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi; pemohon akan membacanya.")})
    with transaction.atomic():
        transition(obj=application, name="reject", actor=actor, note=reason)
        application.rejection_reason = reason
        application.save(update_fields=["rejection_reason"])
        applicant_notices.application_rejected(application)
    return application


def hand_over(*, application: Application, actor, received_by: str) -> Application:
    received_by = (received_by or "").strip() or application.applicant_name
    with transaction.atomic():
        transition(obj=application, name="hand_over", actor=actor, note=received_by)
        application.picked_up_at = timezone.now()
        application.picked_up_by = received_by
        application.save(update_fields=["picked_up_at", "picked_up_by"])
    return application


def cancel(*, application: Application, actor=None, reason: str = "") -> Application:
    """Cancelled only early: a draft, or submitted before the office started checking it."""
    transition(
        obj=application,
        name="cancel",
        actor=actor,
        note=reason,
        actor_label="" if actor else applicant_label(application),
    )
    return application
