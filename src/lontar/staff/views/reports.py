"""The DUK and the formation screens (/kepegawaian/duk/, /kepegawaian/formasi/), with their exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.workdays.calendar import organisation_today
from lontar.staff.forms import DukForm, FormationForm
from lontar.staff.permissions import MANAGE_PERSONNEL
from lontar.staff.selectors import personnel as selectors
from lontar.staff.selectors.reports import duk, formation_report
from lontar.staff.services import exports
from lontar.staff.services import formations as formation_services
from lontar.staff.views.personnel import form_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _duk_day(request, office):
    form = DukForm(request.GET or None)
    day = organisation_today(office)
    if form.is_bound and form.is_valid() and form.cleaned_data["tanggal"]:
        day = form.cleaned_data["tanggal"]
    return form, day


@login_required
@require_GET
def duk_screen(request):
    office, offices = selectors.pick_office(request.user, request.GET.get("kantor"))
    form, day = _duk_day(request, office)
    return render(
        request,
        "staff/reports/duk.html",
        {"office": office, "offices": offices, "form": form, "day": day, "rows": duk(office, day)},
    )


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def duk_xlsx(request):
    office, _offices = selectors.pick_office(request.user, request.GET.get("kantor"))
    _form, day = _duk_day(request, office)
    content = exports.duk_xlsx(actor=request.user, office=office, day=day)
    return _attachment(content, XLSX, f"duk-{office.code}-{day:%Y%m%d}.xlsx".replace(" ", "-"))


@login_required
@require_GET
def duk_pdf(request):
    office, _offices = selectors.pick_office(request.user, request.GET.get("kantor"))
    _form, day = _duk_day(request, office)
    content = exports.duk_pdf(actor=request.user, office=office, day=day)
    return _attachment(content, "application/pdf", f"duk-{office.code}-{day:%Y%m%d}.pdf".replace(" ", "-"))


@login_required
@require_GET
def formation_screen(request):
    office, offices = selectors.pick_office(request.user, request.GET.get("kantor"))
    return render(
        request,
        "staff/reports/formation.html",
        {
            "office": office,
            "offices": offices,
            "report": formation_report(office),
            "may_manage": selectors.may_manage(request.user, office),
        },
    )


@login_required
@require_GET
def formation_xlsx(request):
    office, _offices = selectors.pick_office(request.user, request.GET.get("kantor"))
    content = exports.formation_xlsx(actor=request.user, office=office)
    return _attachment(content, XLSX, f"formasi-{office.code}.xlsx".replace(" ", "-"))


@login_required
@require_http_methods(["GET", "POST"])
def formation_create(request):
    office, offices = selectors.pick_office(
        request.user, request.POST.get("kantor") or request.GET.get("kantor"), MANAGE_PERSONNEL
    )
    form = FormationForm(request.POST or None, units=selectors.units_of(office))
    if request.method == "POST" and form.is_valid():
        try:
            formation_services.create_formation(
                actor=request.user, organisation=office, data=form.cleaned_data
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Formasi disimpan."))
            return redirect(f"{_formation_url()}?kantor={office.pk}")
    return render(
        request,
        "staff/reports/formation_form.html",
        {"form": form, "office": office, "offices": offices},
        status=400 if form.is_bound else 200,
    )


def _formation_url() -> str:
    return reverse("staff:formation")


@login_required
@require_http_methods(["GET", "POST"])
def formation_edit(request, pk: int):
    formation = selectors.formation_to_manage(request.user, pk)
    office = formation.organisation
    form = FormationForm(request.POST or None, instance=formation, units=selectors.units_of(office))
    if request.method == "POST" and request.POST.get("hapus"):
        formation_services.delete_formation(actor=request.user, formation=formation)
        messages.success(request, _("Formasi dihapus."))
        return redirect(f"{_formation_url()}?kantor={office.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            formation_services.update_formation(
                actor=request.user, formation=formation, data=form.cleaned_data
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Formasi disimpan."))
            return redirect(f"{_formation_url()}?kantor={office.pk}")
    return render(
        request,
        "staff/reports/formation_form.html",
        {"form": form, "office": office, "formation": formation},
        status=400 if form.is_bound else 200,
    )
