"""Every write of leave: submit, consider, decide (with the numbered, signed leave letter), cancel,
opening balances and the office's settings. Keyword-only arguments, one transaction, a permission check
through `core.permissions`, an audit entry; refusals in Bahasa Indonesia change nothing.

Balance safety: every submission and every approval first locks the staff member's `LeaveAccount` row
(SELECT … FOR UPDATE), then judges the request against the ledger as it is under that lock. Two
submissions or approvals for one person at once therefore run one after the other, and the second
sees the days the first took.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.documents.rendering import indonesian_date
from lontar.core.documents.services import issue_document
from lontar.core.documents.signatories import signing_assignments
from lontar.core.files.services import store_upload
from lontar.core.models import Staff
from lontar.core.notifications.services import notify
from lontar.core.numbering.services import take_number
from lontar.core.permissions import require
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workflow.services import transition
from lontar.staff import facts
from lontar.staff.leave import ledger, rules
from lontar.staff.leave.models import (
    ACTIVE_STATUSES,
    Consideration,
    LeaveAccount,
    LeaveAttachment,
    LeaveRequest,
    LeaveSettings,
    LeaveStatus,
    LeaveType,
    OpeningBalance,
)
from lontar.staff.leave.permissions import (
    CANCEL_LEAVE,
    CONSIDER_LEAVE,
    DECIDE_LEAVE,
    MANAGE_BALANCES,
    MANAGE_SETTINGS,
    REQUEST_LEAVE,
    acts_in,
)
from lontar.staff.leave.selectors import superior_position_of, top_position

DOCUMENT_TYPE = "surat-cuti"
REQUEST_FIELDS = (
    "status",
    "leave_type",
    "start_date",
    "end_date",
    "working_days",
    "calendar_days",
    "reason",
    "important_reason",
    "child_order",
    "consideration",
    "consideration_note",
    "decision_note",
)


class Decision:
    APPROVE = "approve"
    CHANGE = "approve_changed"
    DEFER = "defer"
    REJECT = "reject"
    CHOICES = (APPROVE, CHANGE, DEFER, REJECT)


def _lock_account(staff) -> LeaveAccount:
    """Lock (creating if needed) the staff member's ledger row for the rest of the transaction."""
    try:
        with transaction.atomic():
            LeaveAccount.objects.get_or_create(
                staff=staff, defaults={"organisation_id": staff.organisation_id}
            )
    except IntegrityError:
        pass  # created by a concurrent transaction a moment ago
    return LeaveAccount.objects.select_for_update().get(staff=staff)


def count_days(organisation, start: datetime.date, end: datetime.date, calendar=None) -> tuple[int, int]:
    """(working days, calendar days) of a leave from `start` to `end`, both included."""
    calendar = calendar or WorkCalendar(organisation)
    working = calendar.working_days_between(start - datetime.timedelta(days=1), end)
    return working, (end - start).days + 1


def _chain_start(extends: LeaveRequest | None) -> datetime.date | None:
    seen = set()
    first = None
    while extends is not None and extends.pk not in seen:
        seen.add(extends.pk)
        first = extends.start_date
        extends = extends.extends
    return first


def _check_extension(staff, leave_type, start, extends: LeaveRequest | None) -> None:
    if extends is None:
        return
    if (
        extends.staff_id != staff.pk
        or extends.leave_type != leave_type
        or extends.status != LeaveStatus.APPROVED
        or leave_type not in (LeaveType.SICK, LeaveType.UNPAID)
    ):
        raise ValidationError(
            {"extends": _("Perpanjangan hanya untuk cuti sakit atau CLTN Anda sendiri yang sudah disetujui.")}
        )
    if start != extends.end_date + datetime.timedelta(days=1):
        raise ValidationError(
            {
                "start_date": _(
                    "Perpanjangan harus dimulai sehari setelah cuti sebelumnya berakhir (%(tgl)s)."
                )
                % {"tgl": rules.day_text(extends.end_date + datetime.timedelta(days=1))}
            }
        )


def _check_overlap(staff, start, end, *, exclude_pk=None) -> None:
    clash = LeaveRequest.objects.filter(
        staff=staff, status__in=ACTIVE_STATUSES, start_date__lte=end, end_date__gte=start
    )
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    found = clash.first()
    if found is not None:
        raise ValidationError(
            {
                "start_date": _(
                    "Tanggal ini bertumpang tindih dengan %(jenis)s %(mulai)s s.d. %(akhir)s (%(status)s)."
                )
                % {
                    "jenis": found.get_leave_type_display().lower(),
                    "mulai": rules.day_text(found.start_date),
                    "akhir": rules.day_text(found.end_date),
                    "status": found.get_status_display().lower(),
                }
            }
        )


def _check_annual_balance(staff, start, working_days, *, exclude_pk=None, include_pending: bool) -> None:
    """Refuse when `working_days` more of annual leave in `start`'s year would overspend that year or
    leave a later year (which counts on the carry-over) below zero."""
    year = start.year
    if LeaveRequest.objects.filter(
        staff=staff,
        leave_type=LeaveType.LONG_SERVICE,
        status__in=ACTIVE_STATUSES,
        start_date__year=year,
    ).exists():
        raise ValidationError(
            {
                "leave_type": _(
                    "Anda mengambil cuti besar pada tahun %(tahun)s, sehingga tidak berhak atas cuti tahunan "
                    "pada tahun itu (PP 11/2017 pasal 318)."
                )
                % {"tahun": year}
            }
        )
    latest = max(year, organisation_today(staff.organisation).year)
    before = ledger.ledger_for(
        staff, through_year=latest, include_pending=include_pending, exclude_pk=exclude_pk
    )
    if year < before.start_year:
        raise ValidationError(
            {
                "start_date": _(
                    "Cuti tahunan %(tahun)s tercatat sebelum pencatatan cuti di Lontar dimulai (%(mulai)s)."
                )
                % {"tahun": year, "mulai": before.start_year}
            }
        )
    after = ledger.ledger_for(
        staff,
        through_year=latest,
        include_pending=include_pending,
        exclude_pk=exclude_pk,
        extra=(year, working_days),
    )
    available = before.spendable(year)
    if after.spendable(year) < 0:
        raise ValidationError(
            {
                "end_date": _(
                    "Sisa cuti tahunan %(tahun)s yang dapat dipakai %(sisa)s hari kerja%(tunda)s, sedangkan "
                    "permintaan ini %(minta)s hari kerja."
                )
                % {
                    "tahun": year,
                    "sisa": max(0, available),
                    "minta": working_days,
                    "tunda": _(" (setelah dikurangi permintaan lain yang masih diproses)")
                    if include_pending
                    else "",
                }
            }
        )
    for statement in after.statements:
        if statement.year > year and statement.spendable < 0:
            raise ValidationError(
                {
                    "end_date": _(
                        "Cuti ini akan mengurangi sisa cuti yang terbawa ke tahun %(tahun)s, padahal cuti "
                        "tahun %(tahun)s yang sudah disetujui memakainya. Kurangi jumlah harinya."
                    )
                    % {"tahun": statement.year}
                }
            )


def _check_long_service(staff, start, end, working_days, calendar, *, exclude_pk=None) -> None:
    """Cuti besar excludes annual leave in its year. Annual leave already taken (or pending) that year
    shortens the cuti besar by as many working days (decision 0020)."""
    statuses = list(ACTIVE_STATUSES)
    taken = ledger.annual_days_in(staff, start.year, statuses)
    if not taken:
        return
    longest = rules.last_allowed_day(start, 3)
    allowed = calendar.working_days_between(start - datetime.timedelta(days=1), longest) - taken
    if working_days > allowed:
        raise ValidationError(
            {
                "end_date": _(
                    "Anda sudah mengambil atau mengajukan %(diambil)s hari kerja cuti tahunan pada "
                    "%(tahun)s. "
                    "Cuti besar pada tahun yang sama dikurangi sebanyak itu: paling lama "
                    "%(boleh)s hari kerja "
                    "sejak %(mulai)s, sedangkan permintaan ini %(minta)s hari kerja."
                )
                % {
                    "diambil": taken,
                    "tahun": start.year,
                    "boleh": allowed,
                    "mulai": rules.day_text(start),
                    "minta": working_days,
                }
            }
        )


def _judge(
    staff,
    *,
    leave_type,
    start,
    end,
    child_order,
    important_reason,
    attachments,
    extends,
    exclude_pk=None,
    include_pending=True,
) -> tuple[int, int, list[str]]:
    calendar = WorkCalendar(staff.organisation)
    if end < start:
        raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    working, days = count_days(staff.organisation, start, end, calendar)
    _check_extension(staff, leave_type, start, extends)
    warnings = rules.check_request(
        staff=staff,
        leave_type=leave_type,
        start=start,
        end=end,
        working_days=working,
        child_order=child_order,
        important_reason=important_reason,
        attachments=attachments,
        chain_start=_chain_start(extends),
    )
    _check_overlap(staff, start, end, exclude_pk=exclude_pk)
    if leave_type == LeaveType.ANNUAL:
        _check_annual_balance(staff, start, working, exclude_pk=exclude_pk, include_pending=include_pending)
    elif leave_type == LeaveType.LONG_SERVICE:
        _check_long_service(staff, start, end, working, calendar, exclude_pk=exclude_pk)
    return working, days, warnings


def _holder_user(position, day):
    holder = position.holder_on(day) if position is not None else None
    return holder.staff.user if holder is not None and holder.staff.user_id else None


def _notify(user, request: LeaveRequest, title: str, body: str = "") -> None:
    if user is None:
        return
    notify(
        recipient=user,
        organisation=request.organisation,
        title=title,
        body=body,
        url=reverse("leave:detail", args=[request.pk]),
        channels=["email"],
    )


def _summary(request: LeaveRequest) -> str:
    return _("%(jenis)s %(nama)s, %(mulai)s s.d. %(akhir)s (%(hari)s hari kerja)") % {
        "jenis": request.get_leave_type_display(),
        "nama": request.staff.full_name,
        "mulai": rules.day_text(request.start_date),
        "akhir": rules.day_text(request.end_date),
        "hari": request.working_days,
    }


@transaction.atomic
def submit_request(
    *,
    actor,
    leave_type: str,
    start_date: datetime.date,
    end_date: datetime.date,
    reason: str,
    address_during_leave: str,
    phone_during_leave: str = "",
    important_reason: str = "",
    child_order: int | None = None,
    extends: LeaveRequest | None = None,
    attachments: Iterable = (),
) -> LeaveRequest:
    """The signed-in staff member asks for leave. The request names the direct superior who considers
    it and the official who decides; when they are the same person the consideration is skipped."""
    staff = getattr(actor, "staff", None)
    if staff is None or not staff.is_active:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai aktif."))
    organisation = staff.organisation
    require(actor, REQUEST_LEAVE, organisation=organisation)
    attachments = [a for a in attachments if a]
    reason = (reason or "").strip()
    address = (address_during_leave or "").strip()
    missing = {}
    if not reason:
        missing["reason"] = _("Tuliskan alasan cuti.")
    if not address:
        missing["address_during_leave"] = _("Tuliskan alamat selama menjalankan cuti.")
    if missing:
        raise ValidationError(missing)
    today = organisation_today(organisation)
    official = top_position(organisation)
    if official is None or official.holder_on(today) is None:
        raise ValidationError(
            _(
                "Kantor ini belum mencatat pemegang jabatan pimpinan (Camat, Plt., atau Plh.), "
                "sehingga tidak "
                "ada pejabat yang berwenang memberikan cuti. Minta administrator kantor melengkapi struktur "
                "jabatan."
            ),
            code="no_official",
        )
    if acts_in(actor, official, today):
        raise ValidationError(
            _(
                "Cuti pimpinan kantor diberikan oleh pejabat di atasnya (Bupati/Wali Kota melalui BKPSDM), "
                "bukan melalui kantor ini."
            ),
            code="official_own_leave",
        )
    _lock_account(staff)
    working, days, warnings = _judge(
        staff,
        leave_type=leave_type,
        start=start_date,
        end=end_date,
        child_order=child_order if leave_type == LeaveType.MATERNITY else None,
        important_reason=important_reason if leave_type == LeaveType.IMPORTANT_REASON else "",
        attachments=len(attachments),
        extends=extends,
    )
    superior_position = superior_position_of(staff, today)
    superior_holder = superior_position.holder_on(today) if superior_position is not None else None
    superior = superior_holder.staff if superior_holder is not None else None
    if superior is not None and superior.pk == staff.pk:
        superior = None
    request = LeaveRequest.objects.create(
        organisation=organisation,
        staff=staff,
        leave_type=leave_type,
        start_date=start_date,
        end_date=end_date,
        requested_start=start_date,
        requested_end=end_date,
        working_days=working,
        calendar_days=days,
        reason=reason,
        important_reason=important_reason if leave_type == LeaveType.IMPORTANT_REASON else "",
        child_order=child_order if leave_type == LeaveType.MATERNITY else None,
        address_during_leave=address,
        phone_during_leave=(phone_during_leave or "").strip(),
        extends=extends,
        warnings=warnings,
        submitted_at=timezone.now(),
        submitted_by=actor,
        superior=superior,
        superior_position=superior_position,
        official_position=official,
    )
    for uploaded in attachments:
        stored = store_upload(organisation=organisation, actor=actor, uploaded_file=uploaded, owner=request)
        LeaveAttachment.objects.create(organisation=organisation, request=request, stored_file=stored)
    audit.record(
        actor=actor, action="leave.request.submit", obj=request, after=audit.snapshot(request, REQUEST_FIELDS)
    )
    official_holder = official.holder_on(today)
    if superior is None or superior.pk == official_holder.staff_id:
        transition(
            obj=request,
            name="skip_consideration",
            actor=None,
            note=_("Atasan langsung adalah pejabat yang berwenang memberikan cuti.")
            if superior is not None
            else _("Tidak ada atasan langsung yang tercatat; langsung kepada pejabat yang berwenang."),
        )
        transaction.on_commit(
            lambda: _notify(
                official_holder.staff.user,
                request,
                _("Permintaan cuti menunggu keputusan Anda"),
                _summary(request),
            )
        )
    else:
        transaction.on_commit(
            lambda: _notify(
                superior.user, request, _("Permintaan cuti menunggu pertimbangan Anda"), _summary(request)
            )
        )
    return request


@transaction.atomic
def consider(*, request: LeaveRequest, actor, consideration: str, note: str = "") -> LeaveRequest:
    """The direct superior's consideration (pertimbangan): agree, change, defer or disagree, with a
    note. The request then waits for the official's decision, whatever the advice."""
    require(actor, CONSIDER_LEAVE, request)
    if consideration not in Consideration.values:
        raise ValidationError({"consideration": _("Pilih pertimbangan.")})
    note = (note or "").strip()
    if consideration != Consideration.AGREE and not note:
        raise ValidationError({"note": _("Tuliskan alasan pertimbangan selain “disetujui”.")})
    before = audit.snapshot(request, REQUEST_FIELDS)
    transition(obj=request, name="consider", actor=actor, note=note)
    request.consideration = consideration
    request.consideration_note = note
    request.considered_by = actor
    request.considered_at = timezone.now()
    request.save(update_fields=["consideration", "consideration_note", "considered_by", "considered_at"])
    audit.record(
        actor=actor,
        action="leave.request.consideration",
        obj=request,
        before=before,
        after=audit.snapshot(request, REQUEST_FIELDS),
    )
    today = organisation_today(request.organisation)
    official = _holder_user(request.official_position, today)
    label = request.get_consideration_display().lower()
    transaction.on_commit(
        lambda: (
            _notify(official, request, _("Permintaan cuti menunggu keputusan Anda"), _summary(request)),
            _notify(
                request.staff.user,
                request,
                _("Atasan langsung memberi pertimbangan: %(p)s") % {"p": label},
                note,
            ),
        )
    )
    return request


def _letter_body(request: LeaveRequest, settings_row) -> str:
    staff = request.staff
    rule = rules.RULES[request.leave_type]
    kind = rule.letter_title.replace("Surat Izin ", "").lower()
    employee = {
        Staff.EmploymentType.PNS: "Pegawai Negeri Sipil",
        Staff.EmploymentType.PPPK: "Pegawai Pemerintah dengan Perjanjian Kerja",
    }.get(staff.employment_type, "pegawai")
    today = organisation_today(request.organisation)
    assignment = (
        staff.assignments.filter(start_date__lte=today).select_related("position").order_by("kind").first()
    )
    employee_file = facts.employee_of(staff)
    position = (
        assignment.position.title
        if assignment is not None
        else (getattr(employee_file, "job_title", "") or "-")
    )
    unit = f"{staff.unit.name}, {request.organisation.name}" if staff.unit_id else request.organisation.name
    if request.leave_type == LeaveType.ANNUAL:
        length = f"{request.working_days} hari kerja"
        scope = f"{kind} untuk tahun {request.start_date.year}"
    else:
        length = f"{request.calendar_days} hari"
        scope = kind
    rows = [
        ("Nama", staff.name_with_titles),
        (
            "NIP",
            staff.nip_display if staff.employment_type == Staff.EmploymentType.PNS else (staff.nip or "-"),
        ),
        ("Pangkat/golongan ruang", staff.rank or "-"),
        ("Jabatan", position),
        ("Satuan organisasi", unit),
    ]
    table = "".join(f"<tr><td>{escape(k)}</td><td>:</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return (
        f"<ol><li><p>Diberikan {escape(scope)} kepada {employee}:</p>"
        f"<table>{table}</table>"
        f"<p>selama {escape(length)}, terhitung mulai tanggal {indonesian_date(request.start_date)} sampai "
        f"dengan tanggal {indonesian_date(request.end_date)}, dengan ketentuan sebagai berikut:</p>"
        f"<table><tr><td>a.</td><td>Sebelum menjalankan {escape(kind)}, wajib menyerahkan pekerjaannya "
        f"kepada atasan langsungnya atau pejabat lain yang ditunjuk.</td></tr>"
        f"<tr><td>b.</td><td>Setelah selesai menjalankan {escape(kind)}, wajib melaporkan diri kepada "
        f"atasan langsungnya dan bekerja kembali sebagaimana biasa.</td></tr></table></li>"
        f"<li><p>Demikian surat izin {escape(kind)} ini dibuat untuk dapat dipergunakan sebagaimana "
        f"mestinya.</p></li></ol>"
    )


def _copies(request: LeaveRequest) -> list[str]:
    copies = []
    if request.superior_position_id and request.superior_position_id != request.official_position_id:
        copies.append(f"{request.superior_position.title} {request.organisation.name}")
    copies += ["Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Pegawai yang bersangkutan"]
    return copies


def _take_letter_number(request, actor, code, today):
    try:
        return take_number(
            organisation=request.organisation,
            document_type=DOCUMENT_TYPE,
            actor=actor,
            classification_code=code,
            on_date=today,
            obj=request,
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "no_template":
            raise ValidationError(
                _(
                    "Surat izin cuti belum dapat diterbitkan: kantor ini belum memiliki templat "
                    "penomoran aktif "
                    "untuk jenis naskah “%(jenis)s”. Minta administrator kantor membuatnya di menu Penomoran "
                    "(jenis naskah: %(jenis)s, misalnya {klasifikasi}/{urut:3}/{org}/{tahun}), lalu "
                    "setujui lagi. "
                    "Tidak ada nomor yang diambil dan permintaan tetap menunggu keputusan."
                )
                % {"jenis": DOCUMENT_TYPE},
                code="no_numbering_template",
            ) from exc
        raise


def _signing_assignment(actor, request, today):
    acting = signing_assignments(actor, request.organisation, today)
    chosen = next((a for a in acting if a.position_id == request.official_position_id), None)
    if chosen is None:
        raise PermissionDenied(DECIDE_LEAVE)
    return chosen


def _issue_letter(request: LeaveRequest, actor, today, signer_credentials=None):
    settings_row = ledger.settings_of(request.organisation)
    code = getattr(settings_row, rules.CODE_FIELDS[request.leave_type])
    assignment = _signing_assignment(actor, request, today)
    body = _letter_body(request, settings_row)
    number = _take_letter_number(request, actor, code, today)
    title = rules.RULES[request.leave_type].letter_title
    return issue_document(
        organisation=request.organisation,
        actor=actor,
        document_type=DOCUMENT_TYPE,
        document_type_name=title,
        number=number.number,
        title=f"{title} a.n. {request.staff.full_name}",
        body_html=body,
        document_date=today,
        signatory_assignment=assignment,
        copies=_copies(request),
        source=request,
        template_name="leave/pdf/leave_letter.html",
        signer_credentials=signer_credentials,
    )


@transaction.atomic
def decide(
    *,
    request: LeaveRequest,
    actor,
    decision: str,
    note: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    signer_credentials=None,
) -> LeaveRequest:
    """The authorised official decides. Approving (as requested, or with other dates) locks the staff
    member's ledger, checks the balance again, takes the letter's number and issues the signed Surat
    Izin Cuti, all in this transaction: a refusal anywhere takes no number and changes nothing."""
    require(actor, DECIDE_LEAVE, request)
    if decision not in Decision.CHOICES:
        raise ValidationError({"decision": _("Pilih keputusan.")})
    note = (note or "").strip()
    if decision in (Decision.DEFER, Decision.REJECT) and not note:
        raise ValidationError({"note": _("Tuliskan alasan penangguhan atau penolakan.")})
    staff = request.staff
    _lock_account(staff)
    request = LeaveRequest.objects.select_related("staff", "organisation", "official_position").get(
        pk=request.pk
    )
    if request.status != LeaveStatus.AWAITING_DECISION:
        raise ValidationError(
            _("Permintaan ini tidak sedang menunggu keputusan (status: %(status)s).")
            % {"status": request.get_status_display()},
            code="not_awaiting_decision",
        )
    before = audit.snapshot(request, REQUEST_FIELDS)
    today = organisation_today(request.organisation)
    if decision == Decision.CHANGE:
        if start_date is None or end_date is None:
            raise ValidationError({"start_date": _("Isi tanggal mulai dan selesai yang disetujui.")})
        if (start_date, end_date) == (request.start_date, request.end_date):
            raise ValidationError({"start_date": _("Tanggal tidak berubah; pilih “Setujui”.")})
    else:
        start_date, end_date = request.start_date, request.end_date
    if decision in (Decision.APPROVE, Decision.CHANGE):
        working, days, _warnings = _judge(
            staff,
            leave_type=request.leave_type,
            start=start_date,
            end=end_date,
            child_order=request.child_order,
            important_reason=request.important_reason,
            attachments=request.attachments.count(),
            extends=request.extends,
            exclude_pk=request.pk,
            include_pending=False,
        )
    transition(obj=request, name=decision, actor=actor, note=note)
    request.decision_note = note
    request.decided_by = actor
    request.decided_at = timezone.now()
    fields = ["decision_note", "decided_by", "decided_at"]
    if decision in (Decision.APPROVE, Decision.CHANGE):
        request.start_date, request.end_date = start_date, end_date
        request.working_days, request.calendar_days = working, days
        fields += ["start_date", "end_date", "working_days", "calendar_days"]
        request.save(update_fields=fields)
        request.letter = _issue_letter(request, actor, today, signer_credentials)
        fields = ["letter"]
    request.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="leave.request.decision",
        obj=request,
        before=before,
        after={
            **audit.snapshot(request, REQUEST_FIELDS),
            "letter": request.letter.number if request.letter else "",
        },
    )
    label = request.get_status_display().lower()
    considerer = request.considered_by
    transaction.on_commit(
        lambda: (
            _notify(request.staff.user, request, _("Permintaan cuti Anda %(s)s") % {"s": label}, note),
            _notify(considerer, request, _("Cuti bawahan Anda %(s)s") % {"s": label}, _summary(request))
            if considerer is not None
            else None,
        )
    )
    return request


@transaction.atomic
def cancel(*, request: LeaveRequest, actor, note: str = "") -> LeaveRequest:
    """The requester withdraws a request before the official decides; its reserved days are freed."""
    require(actor, CANCEL_LEAVE, request)
    transition(obj=request, name="cancel", actor=actor, note=(note or "").strip())
    request.refresh_from_db()
    today = organisation_today(request.organisation)
    recipients = [_holder_user(request.superior_position, today)]
    if request.considered_at:
        recipients.append(_holder_user(request.official_position, today))
    transaction.on_commit(
        lambda: [
            _notify(user, request, _("Permintaan cuti dibatalkan"), _summary(request)) for user in recipients
        ]
    )
    return request


# --- opening balances and settings ------------------------------------------------------------------

OPENING_FIELDS = ("year", "remaining_previous", "remaining_before_previous", "note")


@transaction.atomic
def set_opening_balance(
    *, actor, staff, year: int, remaining_previous: int, remaining_before_previous: int, note: str = ""
) -> OpeningBalance:
    """Subbag TU records what the paper leave card says was left of N-1 and N-2 at the start of
    `year` (at most 6 days each, the carry-over cap). Audited with before and after."""
    require(actor, MANAGE_BALANCES, organisation=staff.organisation)
    errors = {}
    for name, value in (
        ("remaining_previous", remaining_previous),
        ("remaining_before_previous", remaining_before_previous),
    ):
        if value is None or value < 0 or value > rules.CARRY_CAP:
            errors[name] = _("Sisa cuti yang terbawa dari satu tahun paling banyak %(cap)s hari.") % {
                "cap": rules.CARRY_CAP
            }
    if not 2000 <= year <= 2100:
        errors["year"] = _("Tahun tidak valid.")
    if errors:
        raise ValidationError(errors)
    _lock_account(staff)
    row = OpeningBalance.objects.filter(staff=staff, year=year).first()
    before = audit.snapshot(row, OPENING_FIELDS) if row else None
    if row is None:
        row = OpeningBalance(organisation=staff.organisation, staff=staff, year=year)
    row.remaining_previous = remaining_previous
    row.remaining_before_previous = remaining_before_previous
    row.note = (note or "").strip()
    row.recorded_by = actor
    row.save()
    audit.record(
        actor=actor,
        action="leave.opening.set",
        obj=row,
        before=before,
        after={**audit.snapshot(row, OPENING_FIELDS), "staff": staff.full_name},
    )
    return row


SETTINGS_FIELDS = (
    "code_annual",
    "code_long_service",
    "code_sick",
    "code_maternity",
    "code_important_reason",
    "code_unpaid",
    "away_warning_percent",
    "ledger_start_year",
)


@transaction.atomic
def update_settings(*, actor, organisation, **values) -> LeaveSettings:
    require(actor, MANAGE_SETTINGS, organisation=organisation)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"unknown settings {sorted(unknown)}")
    row = LeaveSettings.objects.select_for_update().filter(organisation=organisation).first()
    before = audit.snapshot(row, SETTINGS_FIELDS) if row else None
    row = row or ledger.settings_of(organisation)
    for name, value in values.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.updated_by = actor
    row.full_clean(exclude=["organisation", "updated_by"])
    row.save()
    audit.record(
        actor=actor,
        action="leave.settings.update",
        obj=row,
        before=before,
        after=audit.snapshot(row, SETTINGS_FIELDS),
    )
    return row
