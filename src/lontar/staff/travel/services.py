"""Every write of duty travel: drafting a surat tugas request, the approval steps, signing (number + PDF),
the trip report, cancelling, the office's settings and the overdue-report reminders.

Each function takes keyword arguments, runs in one transaction, checks the actor through
`lontar.core.permissions` (status changes through the workflow's permissions) and leaves an audit entry.
A refusal raises ValidationError/PermissionDenied with a message in Bahasa Indonesia and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.documents import signatories
from lontar.core.documents.rendering import format_nip, format_rank
from lontar.core.documents.services import DOCUMENT_TYPES, issue_document
from lontar.core.files.services import store_upload
from lontar.core.files.validation import validate_upload
from lontar.core.models import PositionAssignment, Role, Staff
from lontar.core.notifications.models import Channel
from lontar.core.notifications.services import notify
from lontar.core.numbering.services import take_number
from lontar.core.permissions import authorize, require
from lontar.core.workdays.calendar import WorkCalendar, add_working_days, organisation_today
from lontar.core.workflow.services import transition
from lontar.staff import facts
from lontar.staff.travel import selectors
from lontar.staff.travel.models import (
    COMMITTED_STATUSES,
    DOCUMENT_TYPE,
    REPORT_WORKING_DAYS,
    Transport,
    Traveller,
    TravelSettings,
    Trip,
    TripReport,
    TripStatus,
)
from lontar.staff.travel.permissions import (
    APPROVE,
    MANAGE_TRAVEL_SETTINGS,
    REPORT,
    REQUEST,
    may_send,
)

TRIP_FIELDS = [
    "purpose",
    "basis",
    "basis_letter_number",
    "destination_place",
    "destination_institution",
    "start_date",
    "end_date",
    "days",
    "working_days",
    "transport",
    "funding_source",
    "budget_code",
    "notes",
]
AUDITED = [*TRIP_FIELDS, "status", "number"]
MAX_TRAVELLERS = 30
MAX_DAYS = 90
TEXT_LIMITS = {
    "purpose": 2000,
    "basis": 2000,
    "basis_letter_number": 100,
    "destination_place": 150,
    "destination_institution": 200,
    "funding_source": 150,
    "budget_code": 80,
    "notes": 2000,
}
REQUIRED = {
    "purpose": _("Maksud perjalanan dinas"),
    "basis": _("Dasar"),
    "destination_place": _("Tempat tujuan"),
}


# --- reading helpers the services need ------------------------------------------------------------


def trip_duration(organisation, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(calendar days, working days) of a trip, both ends counted."""
    calendar = WorkCalendar(organisation)
    days = (end - start).days + 1
    working = sum(1 for n in range(days) if calendar.is_working_day(start + dt.timedelta(days=n)))
    return days, working


def _conflicts(trip_pk, staff_ids: Iterable[int], start: dt.date, end: dt.date):
    return (
        Traveller.objects.filter(
            staff_id__in=list(staff_ids),
            trip__status__in=COMMITTED_STATUSES,
            trip__start_date__lte=end,
            trip__end_date__gte=start,
        )
        .exclude(trip_id=trip_pk)
        .select_related("trip", "staff")
        .order_by("trip__start_date")
    )


def _refuse_overlap(trip_pk, staff_ids, start, end) -> None:
    clash = _conflicts(trip_pk, staff_ids, start, end).first()
    if clash is not None:
        raise ValidationError(
            {
                "travellers": _(
                    "%(nama)s sudah ditugaskan pada perjalanan dinas lain yang disetujui pada tanggal yang "
                    "beririsan: %(trip)s, %(mulai)s s.d. %(selesai)s. Ubah tanggal atau pelaksana."
                )
                % {
                    "nama": clash.staff.full_name,
                    "trip": clash.trip.number
                    or _("ke %(tempat)s") % {"tempat": clash.trip.destination_place},
                    "mulai": date_format(clash.trip.start_date, "j F Y"),
                    "selesai": date_format(clash.trip.end_date, "j F Y"),
                }
            },
            code="overlap",
        )


def _clean(organisation, actor, data: dict, travellers: Sequence[Staff]) -> dict:
    errors: dict[str, list[str]] = {}
    values = {}
    for field, limit in TEXT_LIMITS.items():
        value = (data.get(field) or "").strip()
        if field in REQUIRED and not value:
            errors[field] = [_("%(isian)s wajib diisi.") % {"isian": REQUIRED[field]}]
        elif len(value) > limit:
            errors[field] = [_("Paling panjang %(n)s karakter.") % {"n": limit}]
        values[field] = value
    transport = data.get("transport") or ""
    if transport not in Transport.values:
        errors["transport"] = [_("Pilih alat angkut.")]
    values["transport"] = transport
    start, end = data.get("start_date"), data.get("end_date")
    if not isinstance(start, dt.date):
        errors["start_date"] = [_("Tanggal berangkat wajib diisi.")]
    if not isinstance(end, dt.date):
        errors["end_date"] = [_("Tanggal kembali wajib diisi.")]
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        if end < start:
            errors["end_date"] = [_("Tanggal kembali tidak boleh sebelum tanggal berangkat.")]
        elif (end - start).days + 1 > MAX_DAYS:
            errors["end_date"] = [_("Satu surat tugas paling lama %(n)s hari.") % {"n": MAX_DAYS}]
        else:
            values["days"], values["working_days"] = trip_duration(organisation, start, end)
    values["start_date"], values["end_date"] = start, end
    people = list(dict.fromkeys(travellers or ()))
    if not people:
        errors["travellers"] = [_("Pilih sekurang-kurangnya satu pelaksana perjalanan dinas.")]
    elif len(people) > MAX_TRAVELLERS:
        errors["travellers"] = [
            _("Paling banyak %(n)s pelaksana dalam satu surat tugas.") % {"n": MAX_TRAVELLERS}
        ]
    else:
        for person in people:
            if person.organisation_id != organisation.pk or not person.is_active:
                errors["travellers"] = [
                    _("%(nama)s bukan pegawai aktif kantor ini.") % {"nama": person.full_name}
                ]
                break
            if not may_send(actor, organisation, person):
                errors["travellers"] = [
                    _(
                        "Anda hanya dapat mengusulkan perjalanan dinas untuk diri sendiri atau pegawai di "
                        "unit Anda; %(nama)s bukan salah satunya."
                    )
                    % {"nama": person.full_name}
                ]
                break
    if errors:
        raise ValidationError(errors)
    values["travellers"] = people
    return values


def _set_travellers(trip: Trip, people: Sequence[Staff]) -> None:
    trip.travellers.all().delete()
    Traveller.objects.bulk_create(
        [Traveller(trip=trip, staff=person, order=index) for index, person in enumerate(people, start=1)]
    )


def _snapshot(trip: Trip) -> dict:
    values = audit.snapshot(trip, AUDITED)
    values["travellers"] = list(trip.travellers.values_list("staff_id", flat=True))
    return values


def _trip_url(trip: Trip) -> str:
    return reverse("travel:detail", args=[trip.pk])


def _notify_users(users, trip: Trip, title: str, body: str = "") -> None:
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notify(
            recipient=user,
            title=title,
            body=body,
            url=_trip_url(trip),
            organisation=trip.organisation,
            channels=[Channel.EMAIL],
        )


def _traveller_users(trip: Trip):
    return [t.staff.user for t in trip.travellers.select_related("staff__user") if t.staff.user_id]


def _approvers(trip: Trip):
    from lontar.core.models import Membership

    members = Membership.objects.filter(
        organisation=trip.organisation, role__in=[Role.HEAD, Role.SECRETARY], is_active=True
    ).select_related("user")
    travelling = {t.staff.user_id for t in trip.travellers.select_related("staff")}
    return [m.user for m in members if m.user_id not in travelling]


# --- drafting ---------------------------------------------------------------------------------------


def create_trip(*, organisation, actor, travellers: Sequence[Staff], **data) -> Trip:
    """Draft a surat tugas request. `data` holds the fields of TRIP_FIELDS (dates as `date`)."""
    require(actor, REQUEST, organisation=organisation)
    values = _clean(organisation, actor, data, travellers)
    people = values.pop("travellers")
    with transaction.atomic():
        trip = Trip.objects.create(
            organisation=organisation,
            requested_by=actor,
            classification_code=selectors.classification_code_of(organisation),
            **values,
        )
        _set_travellers(trip, people)
        audit.record(actor=actor, action="travel.trip.create", obj=trip, after=_snapshot(trip))
    return trip


def update_trip(*, trip: Trip, actor, travellers: Sequence[Staff], **data) -> Trip:
    """Change a draft (also one returned for revision). Only the requester edits their draft."""
    require(actor, REQUEST, trip)
    with transaction.atomic():
        locked = Trip.objects.select_for_update().get(pk=trip.pk)
        if locked.status != TripStatus.DRAFT:
            raise ValidationError(
                _("Usulan hanya dapat diubah selama berstatus konsep (status saat ini: %(status)s).")
                % {"status": locked.get_status_display()},
                code="not_draft",
            )
        values = _clean(locked.organisation, actor, data, travellers)
        people = values.pop("travellers")
        before = _snapshot(locked)
        for field, value in values.items():
            setattr(locked, field, value)
        locked.save()
        _set_travellers(locked, people)
        audit.record(
            actor=actor, action="travel.trip.update", obj=locked, before=before, after=_snapshot(locked)
        )
    trip.refresh_from_db()
    return trip


# --- workflow steps -----------------------------------------------------------------------------------


def submit(*, trip: Trip, actor, note: str = "") -> Trip:
    """Draft → submitted. A traveller already committed elsewhere on these days is refused now, not at
    approval, so the requester can fix the dates."""
    require(actor, REQUEST, trip)
    with transaction.atomic():
        _refuse_overlap(
            trip.pk,
            trip.travellers.values_list("staff_id", flat=True),
            trip.start_date,
            trip.end_date,
        )
        transition(obj=trip, name="submit", actor=actor, note=note)
    approvers = _approvers(trip)
    _notify_users(
        approvers,
        trip,
        _("Usulan surat tugas menunggu persetujuan: %(tujuan)s") % {"tujuan": trip.destination_place},
        _("%(pengusul)s mengajukan perjalanan dinas %(mulai)s s.d. %(selesai)s.")
        % {
            "pengusul": actor.display_name,
            "mulai": date_format(trip.start_date, "j F Y"),
            "selesai": date_format(trip.end_date, "j F Y"),
        },
    )
    return trip


def approve(*, trip: Trip, actor, note: str = "") -> Trip:
    """Submitted → approved. The travellers' rows are locked so two approvals of overlapping trips for
    the same person cannot both pass."""
    require(actor, APPROVE, trip)
    with transaction.atomic():
        staff_ids = list(trip.travellers.values_list("staff_id", flat=True))
        list(Staff.objects.select_for_update().filter(pk__in=staff_ids).values_list("pk", flat=True))
        _refuse_overlap(trip.pk, staff_ids, trip.start_date, trip.end_date)
        transition(obj=trip, name="approve", actor=actor, note=note)
        Trip.objects.filter(pk=trip.pk).update(approved_by=actor, approved_at=timezone.now())
    trip.refresh_from_db()
    _notify_users(
        [trip.requested_by, *_traveller_users(trip)],
        trip,
        _("Perjalanan dinas ke %(tujuan)s disetujui") % {"tujuan": trip.destination_place},
        _("Surat tugas akan ditandatangani dan diberi nomor."),
    )
    return trip


def _require_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: _("Alasan wajib diisi.")}, code="reason_required")
    return reason[:2000]


def reject(*, trip: Trip, actor, reason: str) -> Trip:
    reason = _require_reason(reason)
    with transaction.atomic():
        transition(obj=trip, name="reject", actor=actor, note=reason)
        Trip.objects.filter(pk=trip.pk).update(decision_reason=reason)
    trip.refresh_from_db()
    _notify_users(
        [trip.requested_by, *_traveller_users(trip)],
        trip,
        _("Usulan perjalanan dinas ke %(tujuan)s ditolak") % {"tujuan": trip.destination_place},
        reason,
    )
    return trip


def return_for_revision(*, trip: Trip, actor, reason: str) -> Trip:
    reason = _require_reason(reason)
    with transaction.atomic():
        transition(obj=trip, name="return_for_revision", actor=actor, note=reason)
        Trip.objects.filter(pk=trip.pk).update(decision_reason=reason)
    trip.refresh_from_db()
    _notify_users(
        [trip.requested_by],
        trip,
        _("Usulan perjalanan dinas ke %(tujuan)s dikembalikan untuk diperbaiki")
        % {"tujuan": trip.destination_place},
        reason,
    )
    return trip


def cancel(*, trip: Trip, actor, reason: str) -> Trip:
    """Cancel before departure (the office's today is before the start date)."""
    reason = _require_reason(reason)
    with transaction.atomic():
        locked = Trip.objects.select_for_update().get(pk=trip.pk)
        if (
            locked.status in (TripStatus.APPROVED, TripStatus.ISSUED)
            and organisation_today(locked.organisation) >= locked.start_date
        ):
            raise ValidationError(
                _(
                    "Perjalanan dinas yang sudah dimulai (%(mulai)s) tidak dapat dibatalkan; kirim laporan "
                    "perjalanan dinas yang menerangkan keadaannya."
                )
                % {"mulai": date_format(locked.start_date, "j F Y")},
                code="already_started",
            )
        transition(obj=trip, name="cancel", actor=actor, note=reason)
        Trip.objects.filter(pk=trip.pk).update(decision_reason=reason)
    trip.refresh_from_db()
    _notify_users(
        [trip.requested_by, *_traveller_users(trip)],
        trip,
        _("Perjalanan dinas ke %(tujuan)s dibatalkan") % {"tujuan": trip.destination_place},
        reason,
    )
    return trip


# --- signing: number + the Surat Tugas PDF ------------------------------------------------------------


def letter_body(trip: Trip) -> str:
    return render_to_string(
        "travel/pdf/surat_tugas_body.html",
        {
            "trip": trip,
            "travellers": list(trip.travellers.all()),
            "start": date_format(trip.start_date, "j F Y"),
            "end": date_format(trip.end_date, "j F Y"),
        },
    )


def _copy_travellers(trip: Trip, on_date: dt.date) -> None:
    for traveller in trip.travellers.select_related("staff"):
        staff = traveller.staff
        employee = facts.employee_of(staff)
        assignment = (
            PositionAssignment.objects.filter(staff=staff, start_date__lte=on_date)
            .exclude(end_date__lt=on_date)
            .select_related("position")
            .order_by("kind", "-start_date")
            .first()
        )
        if assignment is not None:
            position = f"{assignment.signature_prefix}{assignment.position.title}"
        else:
            position = (employee.job_title if employee else "") or _("Pelaksana")
        traveller.name = staff.name_with_titles
        traveller.nip = (
            format_nip(staff.nip) if staff.employment_type == Staff.EmploymentType.PNS else staff.nip
        ) or "-"
        traveller.rank = format_rank(staff.rank) or "-"
        traveller.position = position
        traveller.save(update_fields=["name", "nip", "rank", "position"])


def _take_number(trip: Trip, actor, today):
    try:
        return take_number(
            organisation=trip.organisation,
            document_type=DOCUMENT_TYPE,
            actor=actor,
            classification_code=trip.classification_code
            or selectors.classification_code_of(trip.organisation),
            on_date=today,
            obj=trip,
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "no_template":
            raise ValidationError(
                _(
                    "Surat tugas belum dapat ditandatangani: kantor ini belum memiliki templat penomoran "
                    "aktif untuk jenis naskah “%(jenis)s”. Minta administrator kantor membuatnya di menu "
                    "Penomoran (jenis naskah: %(jenis)s), lalu tanda tangani lagi. Tidak ada nomor yang "
                    "diambil."
                )
                % {"jenis": DOCUMENT_TYPE},
                code="no_numbering_template",
            ) from exc
        raise


def sign(*, trip: Trip, actor, assignment: PositionAssignment | None = None, signer_credentials=None) -> Trip:
    """The Camat or Sekcam signs: the number is taken once, the PDF issued with letterhead, QR and
    signature, and the trip becomes issued with the report due 5 working days after return."""
    with transaction.atomic():
        locked = Trip.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=trip.pk)
        if locked.status != TripStatus.APPROVED:
            raise ValidationError(
                _("Surat tugas hanya ditandatangani setelah usulan disetujui (status saat ini: %(status)s).")
                % {"status": locked.get_status_display()},
                code="not_approved",
            )
        if not authorize(actor, APPROVE, locked):
            raise PermissionDenied(APPROVE)
        organisation = locked.organisation
        today = organisation_today(organisation)
        acting = signatories.signing_assignments(actor, organisation, today)
        if assignment is None:
            assignment = acting[0] if acting else None
        elif assignment.pk not in {a.pk for a in acting}:
            raise PermissionDenied(APPROVE)
        if assignment is None:
            raise ValidationError(
                _(
                    "Anda belum tercatat memegang jabatan di kantor ini pada hari ini, sehingga nama dan "
                    "jabatan penanda tangan tidak dapat dicetak. Minta administrator kantor mencatat "
                    "penugasan jabatan Anda (termasuk Plt./Plh.)."
                ),
                code="no_assignment",
            )
        _copy_travellers(locked, today)
        body = letter_body(locked)
        number = _take_number(locked, actor, today)
        document = issue_document(
            organisation=organisation,
            actor=actor,
            document_type=DOCUMENT_TYPE,
            document_type_name=DOCUMENT_TYPES[DOCUMENT_TYPE],
            number=number.number,
            title=_("Surat tugas perjalanan dinas ke %(tujuan)s") % {"tujuan": locked.destination_place},
            body_html=body,
            document_date=today,
            signatory_assignment=assignment,
            source=locked,
            signer_credentials=signer_credentials,
        )
        due = add_working_days(max(locked.end_date, today), REPORT_WORKING_DAYS, organisation=organisation)
        locked.number = number.number
        locked.document = document
        locked.save(update_fields=["number", "document", "updated_at"])
        transition(obj=locked, name="issue", actor=actor, note=number.number, due_date=due)
    trip.refresh_from_db()
    _notify_users(
        [trip.requested_by, *_traveller_users(trip)],
        trip,
        _("Surat tugas %(nomor)s terbit") % {"nomor": trip.number},
        _("Unduh surat tugas dari halaman perjalanan dinas. Laporan perjalanan dinas paling lambat %(tgl)s.")
        % {"tgl": date_format(trip.due_date, "j F Y")},
    )
    return trip


# --- the trip report ---------------------------------------------------------------------------------


def submit_report(*, trip: Trip, actor, results: str, conclusions: str = "", attachments=()) -> TripReport:
    """A traveller reports (after the trip has started); the trip is completed."""
    results = (results or "").strip()
    conclusions = (conclusions or "").strip()
    errors = {}
    if not results:
        errors["results"] = [_("Hasil perjalanan dinas wajib diisi.")]
    elif len(results) > 10000:
        errors["results"] = [_("Paling panjang %(n)s karakter.") % {"n": 10000}]
    if len(conclusions) > 5000:
        errors["conclusions"] = [_("Paling panjang %(n)s karakter.") % {"n": 5000}]
    if len(attachments) > 10:
        errors["attachments"] = [_("Paling banyak 10 lampiran.")]
    for upload in attachments:
        try:
            validate_upload(upload)
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(
                f"{getattr(upload, 'name', '')}: {message}" for message in exc.messages
            )
        upload.seek(0)
    if errors:
        raise ValidationError(errors)
    require(actor, REPORT, trip)
    if organisation_today(trip.organisation) < trip.start_date:
        raise ValidationError(
            _("Laporan perjalanan dinas dikirim setelah perjalanan dimulai (%(mulai)s).")
            % {"mulai": date_format(trip.start_date, "j F Y")},
            code="not_started",
        )
    with transaction.atomic():
        transition(obj=trip, name="submit_report", actor=actor, note=_("Laporan perjalanan dinas dikirim."))
        report = TripReport.objects.create(
            trip=trip,
            submitted_by=actor,
            submitted_at=timezone.now(),
            results=results,
            conclusions=conclusions,
        )
        for upload in attachments:
            store_upload(organisation=trip.organisation, actor=actor, uploaded_file=upload, owner=report)
        audit.record(
            actor=actor,
            action="travel.trip.report",
            obj=trip,
            after={"results": results, "conclusions": conclusions, "attachments": len(attachments)},
        )
    _notify_users(
        [trip.requested_by, trip.approved_by, *_traveller_users(trip)],
        trip,
        _("Laporan perjalanan dinas %(nomor)s masuk") % {"nomor": trip.number},
    )
    return report


# --- settings and reminders --------------------------------------------------------------------------


def set_classification_code(*, organisation, actor, classification_code: str) -> TravelSettings:
    require(actor, MANAGE_TRAVEL_SETTINGS, organisation=organisation)
    code = (classification_code or "").strip()
    if not code or len(code) > 30 or not all(part.isdigit() for part in code.split(".")):
        raise ValidationError(
            {"classification_code": _("Kode klasifikasi berupa angka bertitik, misalnya 800.1.11.1.")}
        )
    with transaction.atomic():
        row, _created = TravelSettings.objects.select_for_update().get_or_create(organisation=organisation)
        before = {"classification_code": row.classification_code if not _created else ""}
        row.classification_code = code
        row.save()
        audit.record(
            actor=actor,
            action="travel.settings.update",
            obj=row,
            before=before,
            after={"classification_code": code},
        )
    return row


def remind_overdue_reports(*, today: dt.date | None = None) -> int:
    """Remind the travellers of every issued trip whose report is overdue, once per office day.
    Idempotent: a second run on the same day sends nothing (`last_reminded_on`)."""
    sent = 0
    candidates = Trip.objects.filter(status=TripStatus.ISSUED, due_date__isnull=False).select_related(
        "organisation"
    )
    for trip in candidates.iterator():
        day = today or organisation_today(trip.organisation)
        if trip.due_date >= day or trip.last_reminded_on == day:
            continue
        with transaction.atomic():
            claimed = (
                Trip.objects.filter(pk=trip.pk, status=TripStatus.ISSUED)
                .exclude(last_reminded_on=day)
                .update(last_reminded_on=day)
            )
            if not claimed:
                continue
            audit.record(
                actor=None,
                action="travel.trip.remind",
                obj=trip,
                after={"due_date": trip.due_date, "on": day},
            )
        _notify_users(
            _traveller_users(trip),
            trip,
            _("Laporan perjalanan dinas %(nomor)s terlambat") % {"nomor": trip.number},
            _("Batas pengiriman laporan %(tgl)s sudah lewat. Kirim laporan dari halaman perjalanan dinas.")
            % {"tgl": date_format(trip.due_date, "j F Y")},
        )
        sent += 1
    return sent
