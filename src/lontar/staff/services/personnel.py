"""Every write to a personnel file: the main sheet, the history rows, the documents.

Each function takes keyword-only arguments, runs in one transaction, checks `MANAGE_PERSONNEL` in the
office where the person works and leaves an audit entry with before/after. Two facts are kept in step
here, so no screen can forget them:

* `core.Staff.rank` is the rank of the latest rank-history row (by TMT), audited as
  `staff.rank_sync` when it changes;
* the main sheet's job title and type of post follow the latest open row of the position history,
  audited as `staff.position_sync`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit, civil_service
from lontar.core.files.services import store_upload
from lontar.core.models import Staff
from lontar.core.permissions import require
from lontar.staff.consistency import record_errors
from lontar.staff.models import Employee, EmployeeDocument, PositionHistory, RankHistory
from lontar.staff.permissions import MANAGE_PERSONNEL
from lontar.staff.sections import Section, section_of

STAFF_FIELDS = ("full_name", "front_title", "back_title", "nip", "employment_type", "unit", "email", "phone")
EMPLOYEE_FIELDS = (
    "birth_place",
    "birth_date",
    "sex",
    "service_start",
    "tmt_pns",
    "job_title",
    "position_type",
    "retirement_age",
    "address",
)


def _snapshot(staff: Staff, employee: Employee | None) -> dict:
    data = audit.snapshot(staff, (*STAFF_FIELDS, "rank"))
    if employee is not None:
        data.update(audit.snapshot(employee, EMPLOYEE_FIELDS))
    return data


def _employee(staff: Staff) -> Employee | None:
    return Employee.objects.filter(staff=staff).first()


def check_against_nip(staff: Staff, employee: Employee) -> None:
    """Refuse a main sheet whose birth date, sex or TMT CPNS the NIP contradicts."""
    errors = record_errors(
        nip=staff.nip,
        employment_type=staff.employment_type,
        birth_date=employee.birth_date,
        sex=employee.sex,
        service_start=employee.service_start,
    )
    if employee.tmt_pns and employee.service_start and employee.tmt_pns < employee.service_start:
        errors["tmt_pns"] = _("TMT PNS tidak boleh sebelum TMT CPNS.")
    if employee.tmt_pns and staff.employment_type != civil_service.PNS:
        errors["tmt_pns"] = _("TMT PNS hanya diisi untuk PNS.")
    if employee.birth_date and employee.birth_date > timezone.localdate():
        errors["birth_date"] = _("Tanggal lahir tidak boleh sesudah hari ini.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_main_sheet(*, actor, staff: Staff, staff_data: dict, employee_data: dict) -> Employee:
    """Create or update the main sheet (data pokok) and the identity fields of `core.Staff` beside it."""
    require(actor, MANAGE_PERSONNEL, staff)
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    employee = _employee(staff)
    before = _snapshot(staff, employee)
    for name, value in staff_data.items():
        if name not in STAFF_FIELDS:
            raise ValueError(f"{name} is not an editable staff field")
        setattr(staff, name, civil_service.digits_of(value) if name == "nip" else value)
    if staff.unit is not None and staff.unit.organisation_id != staff.organisation_id:
        raise ValidationError({"unit": _("Unit harus berada di kantor yang sama.")})
    # The rank follows the rank history; a change of status must not leave a rank that cannot be held.
    if civil_service.rank_error(staff.rank, staff.employment_type):
        staff.rank = ""
    staff.full_clean(exclude=["user"])
    created = employee is None
    employee = employee or Employee(staff=staff)
    for name, value in employee_data.items():
        if name not in EMPLOYEE_FIELDS:
            raise ValueError(f"{name} is not a main-sheet field")
        setattr(employee, name, value)
    employee.full_clean(exclude=["staff"])
    check_against_nip(staff, employee)
    staff.save()
    employee.save()
    after = _snapshot(staff, employee)
    if created:
        audit.record(actor=actor, action="staff.employee.create", obj=staff, before=before, after=after)
    else:
        before, after = audit.changes(before, after)
        if after:
            audit.record(actor=actor, action="staff.employee.update", obj=staff, before=before, after=after)
    return employee


# --- history rows ---------------------------------------------------------------------------------


def _check_row(section: Section, row, staff: Staff) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if isinstance(row, RankHistory):
        if staff.employment_type == civil_service.NON_ASN:
            errors["rank"] = _("Pegawai non-ASN tidak memiliki riwayat pangkat/golongan.")
        elif message := civil_service.rank_error(row.rank, staff.employment_type):
            errors["rank"] = message
        employee = _employee(staff)
        start = employee.service_start if employee is not None else None
        if start and row.tmt and row.tmt < start:
            errors["tmt"] = _("TMT pangkat tidak boleh sebelum TMT CPNS/PPPK (%(date)s).") % {
                "date": start.strftime("%d-%m-%Y")
            }
        if row.service_months is not None and row.service_months > 11:
            errors["service_months"] = _("Bulan masa kerja 0 sampai 11.")
    if isinstance(row, PositionHistory) and row.end_date and row.tmt and row.end_date < row.tmt:
        errors["end_date"] = _("Tanggal selesai tidak boleh sebelum TMT jabatan.")
    if getattr(row, "decree_date", None) and row.decree_date > today:
        errors["decree_date"] = _("Tanggal SK tidak boleh sesudah hari ini.")
    if section.slug == "pendidikan" and row.graduation_year and not 1950 <= row.graduation_year <= today.year:
        errors["graduation_year"] = _("Tahun lulus antara 1950 dan %(year)s.") % {"year": today.year}
    if section.slug == "keluarga" and row.birth_date and row.birth_date > today:
        errors["birth_date"] = _("Tanggal lahir tidak boleh sesudah hari ini.")
    if section.slug == "kgb" and staff.employment_type == civil_service.NON_ASN:
        errors["tmt"] = _("Kenaikan gaji berkala hanya untuk PNS dan PPPK.")
    if (
        isinstance(row, EmployeeDocument)
        and row.issued_on
        and row.expires_on
        and row.expires_on < row.issued_on
    ):
        errors["expires_on"] = _("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit.")
    if errors:
        raise ValidationError(errors)
    row.full_clean(exclude=["staff", "recorded_by", "stored_file"])


def _sync_rank(actor, staff: Staff) -> None:
    latest = RankHistory.objects.filter(staff=staff).order_by("-tmt", "-id").first()
    if latest is None or latest.rank == staff.rank:
        return
    before = {"rank": staff.rank}
    Staff.objects.filter(pk=staff.pk).update(rank=latest.rank)
    staff.rank = latest.rank
    audit.record(actor=actor, action="staff.rank_sync", obj=staff, before=before, after={"rank": latest.rank})


def _sync_position(actor, staff: Staff) -> None:
    latest = (
        PositionHistory.objects.filter(staff=staff, end_date__isnull=True).order_by("-tmt", "-id").first()
    )
    if latest is None:
        return
    employee = _employee(staff) or Employee(staff=staff)
    wanted = {"job_title": latest.title, "position_type": latest.position_type}
    before = {"job_title": employee.job_title, "position_type": employee.position_type}
    if employee.pk is not None and before == wanted:
        return
    employee.job_title, employee.position_type = latest.title, latest.position_type
    employee.save()
    audit.record(actor=actor, action="staff.position_sync", obj=staff, before=before, after=wanted)


def _after_change(actor, section: Section, staff: Staff) -> None:
    if section.slug == "pangkat":
        _sync_rank(actor, staff)
    elif section.slug == "jabatan":
        _sync_position(actor, staff)


def _audited_fields(section: Section) -> list[str]:
    return list(section.fields)


def _store_document(actor, staff: Staff, document: EmployeeDocument, uploaded_file) -> None:
    stored = store_upload(
        organisation=staff.organisation, actor=actor, uploaded_file=uploaded_file, owner=document
    )
    document.stored_file = stored
    document.save(update_fields=["stored_file"])


@transaction.atomic
def add_row(*, actor, staff: Staff, section: Section, data: dict, uploaded_file=None):
    """Add one row to a section of `staff`'s file (a document with its scan, if given)."""
    require(actor, MANAGE_PERSONNEL, staff)
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    row = section.model(staff=staff, recorded_by=actor)
    for name, value in data.items():
        if name not in section.fields or name == "stored_file":
            raise ValueError(f"{name} is not a field of {section.slug}")
        setattr(row, name, value)
    _check_row(section, row, staff)
    row.save()
    if uploaded_file is not None:
        _store_document(actor, staff, row, uploaded_file)
    audit.record(
        actor=actor,
        action=f"{section.action}.create",
        obj=row,
        organisation=staff.organisation,
        object_repr=f"{staff.full_name}: {row}",
        after=audit.snapshot(row, _audited_fields(section)),
    )
    _after_change(actor, section, staff)
    return row


@transaction.atomic
def update_row(*, actor, row, data: dict, uploaded_file=None):
    section = section_of(row)
    staff = Staff.objects.select_for_update().get(pk=row.staff_id)
    require(actor, MANAGE_PERSONNEL, staff)
    row = section.model.objects.select_for_update().get(pk=row.pk)
    before = audit.snapshot(row, _audited_fields(section))
    for name, value in data.items():
        if name not in section.fields or name == "stored_file":
            raise ValueError(f"{name} is not a field of {section.slug}")
        setattr(row, name, value)
    _check_row(section, row, staff)
    row.save()
    if uploaded_file is not None:
        _store_document(actor, staff, row, uploaded_file)
    before, after = audit.changes(before, audit.snapshot(row, _audited_fields(section)))
    if after:
        audit.record(
            actor=actor,
            action=f"{section.action}.update",
            obj=row,
            organisation=staff.organisation,
            object_repr=f"{staff.full_name}: {row}",
            before=before,
            after=after,
        )
    _after_change(actor, section, staff)
    return row


@transaction.atomic
def delete_row(*, actor, row) -> None:
    """Remove a row typed by mistake. A document's stored scan stays (files are never destroyed by a
    correction; the audit trail names it)."""
    section = section_of(row)
    staff = Staff.objects.select_for_update().get(pk=row.staff_id)
    require(actor, MANAGE_PERSONNEL, staff)
    before = audit.snapshot(row, _audited_fields(section))
    repr_text, pk = f"{staff.full_name}: {row}", row.pk
    row.delete()
    audit.record(
        actor=actor,
        action=f"{section.action}.delete",
        organisation=staff.organisation,
        object_type=section.model._meta.label_lower,
        object_id=str(pk),
        object_repr=repr_text,
        before=before,
    )
    _after_change(actor, section, staff)


# --- documents ------------------------------------------------------------------------------------


def record_download(*, actor, document: EmployeeDocument) -> None:
    """Personnel documents are personal data: every download is in the audit trail."""
    staff = document.staff
    audit.record(
        actor=actor,
        action="staff.document.download",
        obj=document,
        organisation=staff.organisation,
        object_repr=f"{staff.full_name}: {document}",
        after={"stored_file": document.stored_file_id, "sha256": document.stored_file.sha256},
    )
