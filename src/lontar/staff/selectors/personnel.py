"""Reads of personnel files, scoped to the reader.

* The office's staff list is open to every member of the office (`core.view_staff`), but the NIP is
  masked for those who may not read personnel data (`staff.view_personnel`).
* A personnel file is read by those holding `staff.view_personnel` where the person works, and by the
  person themself ("Data kepegawaian saya"): an object rule of this selector, not a role.
* History rows are scoped through `PersonnelQuerySet.visible_to` (the office where the person now works).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from lontar.core import civil_service
from lontar.core.models import Organisation, Staff, Unit
from lontar.core.permissions import VIEW_STAFF, authorize, organisation_ids_with
from lontar.staff.models import Employee, EmployeeDocument, Formation
from lontar.staff.permissions import MANAGE_PERSONNEL, VIEW_PERSONNEL
from lontar.staff.sections import SECTIONS, Section

PAGE_SIZE = 50
# A document is flagged this many days before it lapses.
EXPIRY_WARNING_DAYS = 90


def offices(user, action: str = VIEW_PERSONNEL) -> list[Organisation]:
    """The offices where `user` holds `action`, the highest in the tree first."""
    return list(Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("path"))


def pick_office(user, wanted, action: str = VIEW_PERSONNEL) -> tuple[Organisation, list[Organisation]]:
    """The office a screen works for (`kantor` in the query), else the user's first. None held: 403;
    an office outside the user's: 404."""
    choices = offices(user, action)
    if not choices:
        raise PermissionDenied(action)
    if not wanted:
        own = getattr(getattr(user, "staff", None), "organisation_id", None)
        return next((o for o in choices if o.pk == own), choices[0]), choices
    for office in choices:
        if str(office.pk) == str(wanted):
            return office, choices
    raise Http404


def may_read_personnel(user, organisation) -> bool:
    return authorize(user, VIEW_PERSONNEL, organisation=organisation)


def may_manage(user, organisation) -> bool:
    return authorize(user, MANAGE_PERSONNEL, organisation=organisation)


# --- the staff list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffFilters:
    unit: Unit | None = None
    employment_type: str = ""
    status: str = "aktif"  # aktif, nonaktif, semua
    query: str = ""
    # Only people with a document lapsing within EXPIRY_WARNING_DAYS of this day (the dashboard's link).
    expiring_on: datetime.date | None = None


def units_of(office):
    return Unit.objects.filter(organisation=office).order_by("order", "name")


def staff_list(office, filters: StaffFilters):
    """The office's staff with their main sheet, filtered; the caller has picked an office it may see."""
    rows = Staff.objects.filter(organisation=office).select_related("unit", "employee", "user")
    if filters.unit is not None:
        rows = rows.filter(unit=filters.unit)
    if filters.employment_type:
        rows = rows.filter(employment_type=filters.employment_type)
    if filters.status == "aktif":
        rows = rows.filter(is_active=True)
    elif filters.status == "nonaktif":
        rows = rows.filter(is_active=False)
    if filters.expiring_on is not None:
        limit = filters.expiring_on + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
        rows = rows.filter(pk__in=EmployeeDocument.objects.filter(expires_on__lte=limit).values("staff_id"))
    text = filters.query.strip()
    if text:
        digits = civil_service.digits_of(text)
        match = Q(full_name__icontains=text)
        if len(digits) >= 3 and len(digits) >= len(text.replace(" ", "")) - 2:
            match |= Q(nip__contains=digits)
        rows = rows.filter(match)
    return rows.order_by("full_name", "pk")


# --- one file -------------------------------------------------------------------------------------


def own_staff(user) -> Staff | None:
    if user is None or not user.is_authenticated:
        return None
    return Staff.objects.filter(user=user).select_related("organisation", "unit").first()


def staff_for(user, pk) -> Staff:
    """A person whose file `user` may read: 404 outside the user's offices, 403 when neither a reader
    of personnel files nor the person themself."""
    try:
        staff = Staff.objects.visible_to(user).select_related("organisation", "unit", "user").get(pk=pk)
    except (Staff.DoesNotExist, ValueError, TypeError) as exc:
        own = own_staff(user)
        if own is None or str(own.pk) != str(pk):
            raise Http404 from exc
        staff = own
    if staff.user_id == user.pk or may_read_personnel(user, staff.organisation):
        return staff
    raise PermissionDenied(VIEW_PERSONNEL)


def staff_to_manage(user, pk) -> Staff:
    staff = staff_for(user, pk)
    if not may_manage(user, staff.organisation):
        raise PermissionDenied(MANAGE_PERSONNEL)
    return staff


def employee_of(staff) -> Employee | None:
    return Employee.objects.filter(staff=staff).first()


def section_rows(staff, section: Section):
    rows = section.model.objects.filter(staff=staff)
    if section.slug == "dokumen":
        rows = rows.select_related("stored_file")
    elif section.slug == "keluarga":
        rows = rows.order_by("-relation", "birth_date", "id")  # the spouse, then the children by age
    return list(rows)


@dataclass(frozen=True)
class FileSection:
    section: Section
    rows: list


def file_sections(staff) -> list[FileSection]:
    return [FileSection(section, section_rows(staff, section)) for section in SECTIONS.values()]


def row_to_manage(user, section: Section, pk):
    """One row of a file the user may change (404 outside the user's offices)."""
    try:
        row = section.model.objects.visible_to(user).select_related("staff__organisation").get(pk=pk)
    except (section.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not may_manage(user, row.staff.organisation):
        raise PermissionDenied(MANAGE_PERSONNEL)
    return row


def document_for_download(user, pk) -> EmployeeDocument:
    """A document with a stored scan, for a reader of personnel data or the person themself."""
    document = (
        EmployeeDocument.objects.select_related("staff__organisation", "stored_file")
        .filter(pk=pk, stored_file__isnull=False)
        .first()
    )
    if document is None:
        raise Http404
    staff = document.staff
    visible = staff.organisation_id in organisation_ids_with(user, VIEW_STAFF) or staff.user_id == user.pk
    if not visible:
        raise Http404
    if staff.user_id != user.pk and not may_read_personnel(user, staff.organisation):
        raise PermissionDenied(VIEW_PERSONNEL)
    return document


def expiry_state(document, day: datetime.date) -> str:
    """ "lewat" (lapsed), "segera" (within the warning period) or "" for a document."""
    if document.expires_on is None:
        return ""
    if document.expires_on < day:
        return "lewat"
    if document.expires_on <= day + datetime.timedelta(days=EXPIRY_WARNING_DAYS):
        return "segera"
    return ""


def expiring_documents(user, day: datetime.date):
    """Documents of the offices the user may read that lapse within the warning period (or have)."""
    return (
        EmployeeDocument.objects.filter(staff__organisation__in=organisation_ids_with(user, VIEW_PERSONNEL))
        .filter(staff__is_active=True, expires_on__lte=day + datetime.timedelta(days=EXPIRY_WARNING_DAYS))
        .select_related("staff")
        .order_by("expires_on")
    )


# --- formations -----------------------------------------------------------------------------------


def formations_of(office):
    return Formation.objects.filter(organisation=office).select_related("unit").order_by("order", "job_title")


def formation_to_manage(user, pk) -> Formation:
    try:
        formation = Formation.objects.visible_to(user).select_related("organisation").get(pk=pk)
    except (Formation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not may_manage(user, formation.organisation):
        raise PermissionDenied(MANAGE_PERSONNEL)
    return formation
