"""Personnel-file screens (/kepegawaian/): the office's staff list, one person's file with its
sections, the forms that change it, "Data kepegawaian saya" and the audited document download.
Thin: parse with a form, call a service or a selector, render. A refused input re-renders the form
as typed with the reason in Bahasa Indonesia."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.files.validation import SAFE_CONTENT_TYPES
from lontar.core.permissions import VIEW_STAFF
from lontar.core.workdays.calendar import organisation_today
from lontar.staff import facts
from lontar.staff.forms import MainSheetForm, StaffFilterForm, row_form_class
from lontar.staff.importers import IMPORT_STAFF, STAFF_LIST_KIND
from lontar.staff.sections import section
from lontar.staff.selectors import personnel as selectors
from lontar.staff.services import personnel as services


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_GET
def staff_list(request):
    office, offices = selectors.pick_office(request.user, request.GET.get("kantor"), VIEW_STAFF)
    form = StaffFilterForm(request.GET or None, units=selectors.units_of(office))
    filters = selectors.StaffFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.StaffFilters(
            unit=data["unit"],
            employment_type=data["jenis"],
            status=data["status"] or "aktif",
            query=data["cari"],
            expiring_on=organisation_today(office) if data["dokumen"] else None,
        )
    page = Paginator(selectors.staff_list(office, filters), selectors.PAGE_SIZE).get_page(
        request.GET.get("hal")
    )
    query = request.GET.copy()
    query.pop("hal", None)
    return render(
        request,
        "staff/staff_list.html",
        {
            "office": office,
            "offices": offices,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_read": selectors.may_read_personnel(request.user, office),
            "may_manage": selectors.may_manage(request.user, office),
        },
    )


def _file_context(request, staff) -> dict:
    today = organisation_today(staff.organisation)
    sections = selectors.file_sections(staff)
    for item in sections:
        if item.section.slug == "dokumen":
            for document in item.rows:
                document.expiry_state = selectors.expiry_state(document, today)
    employee = selectors.employee_of(staff)
    born = facts.birth_date(staff)
    start = facts.service_start(staff)
    return {
        "staff": staff,
        "employee": employee,
        "sections": sections,
        "birth_date": born,
        "service_start": start,
        "sex": facts.sex(staff),
        "age": facts.full_years_between(born, today) if born else None,
        "years_of_service": facts.years_of_service(staff, today),
        "may_manage": selectors.may_manage(request.user, staff.organisation),
        "is_own": staff.user_id == request.user.pk,
        "today": today,
    }


@login_required
@require_GET
def file_detail(request, pk: int):
    staff = selectors.staff_for(request.user, pk)
    return render(request, "staff/file_detail.html", _file_context(request, staff))


@login_required
@require_GET
def my_file(request):
    staff = selectors.own_staff(request.user)
    if staff is None:
        return render(request, "staff/no_file.html", status=404)
    return render(request, "staff/file_detail.html", {**_file_context(request, staff), "mine": True})


@login_required
@require_http_methods(["GET", "POST"])
def main_sheet(request, pk: int):
    staff = selectors.staff_to_manage(request.user, pk)
    employee = selectors.employee_of(staff)
    form = MainSheetForm(
        request.POST or None, staff=staff, employee=employee, units=selectors.units_of(staff.organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_main_sheet(
                actor=request.user,
                staff=staff,
                staff_data=form.staff_data(),
                employee_data=form.employee_data(),
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Data pokok disimpan."))
            return redirect("staff:file_detail", pk=staff.pk)
    return render(
        request,
        "staff/main_sheet_form.html",
        {"staff": staff, "form": form},
        status=400 if form.is_bound else 200,
    )


def _row_data(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "berkas"}


@login_required
@require_http_methods(["GET", "POST"])
def row_create(request, pk: int, section_slug: str):
    part = section(section_slug)
    staff = selectors.staff_to_manage(request.user, pk)
    form = row_form_class(part)(request.POST or None, request.FILES or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_row(
                actor=request.user,
                staff=staff,
                section=part,
                data=_row_data(form),
                uploaded_file=form.cleaned_data.get("berkas") or None,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("%(what)s ditambahkan.") % {"what": part.row_label.capitalize()})
            return redirect(reverse("staff:file_detail", args=[staff.pk]) + f"#{part.slug}")
    return render(
        request,
        "staff/row_form.html",
        {"staff": staff, "form": form, "section": part},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request, section_slug: str, pk: int):
    part = section(section_slug)
    row = selectors.row_to_manage(request.user, part, pk)
    staff = row.staff
    form = row_form_class(part)(request.POST or None, request.FILES or None, instance=row, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_row(
                actor=request.user,
                row=row,
                data=_row_data(form),
                uploaded_file=form.cleaned_data.get("berkas") or None,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("%(what)s disimpan.") % {"what": part.row_label.capitalize()})
            return redirect(reverse("staff:file_detail", args=[staff.pk]) + f"#{part.slug}")
    return render(
        request,
        "staff/row_form.html",
        {"staff": staff, "form": form, "section": part, "row": row},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def row_delete(request, section_slug: str, pk: int):
    part = section(section_slug)
    row = selectors.row_to_manage(request.user, part, pk)
    staff = row.staff
    if request.method == "POST":
        services.delete_row(actor=request.user, row=row)
        messages.success(request, _("%(what)s dihapus.") % {"what": part.row_label.capitalize()})
        return redirect(reverse("staff:file_detail", args=[staff.pk]) + f"#{part.slug}")
    return render(request, "staff/row_delete.html", {"staff": staff, "section": part, "row": row})


@login_required
@require_GET
def document_download(request, pk: int):
    document = selectors.document_for_download(request.user, pk)
    stored = document.stored_file
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    services.record_download(actor=request.user, document=document)
    content_type = (
        stored.content_type if stored.content_type in SAFE_CONTENT_TYPES else "application/octet-stream"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def import_staff(request):
    if not selectors.offices(request.user, IMPORT_STAFF):
        raise PermissionDenied(IMPORT_STAFF)
    return redirect("core:import_upload", kind=STAFF_LIST_KIND)
