"""The IKM report screen (/survei/kelola/ikm/): figures for an office, a period and optionally a unit
or a service, the PDF and Excel downloads (audited), and the follow-up plan. Thin: a form parses the
filters, the selector computes, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.permissions import authorize
from lontar.core.workdays.calendar import organisation_today
from lontar.surveys import ikm_documents
from lontar.surveys.forms.ikm import FollowUpForm, ReportFilterForm
from lontar.surveys.ikm_permissions import MANAGE_FOLLOW_UP
from lontar.surveys.permissions import VIEW_SURVEY
from lontar.surveys.selectors import ikm as selectors
from lontar.surveys.services import followups as services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _office(request):
    """The office chosen with ?kantor= among those whose surveys the user reads (the first by default)."""
    offices = list(selectors.offices_for_reports(request.user))
    if not offices:
        raise PermissionDenied(VIEW_SURVEY)
    wanted = request.GET.get("kantor") or request.POST.get("kantor")
    if wanted:
        chosen = next((o for o in offices if str(o.pk) == wanted), None)
        if chosen is None:
            raise Http404
        return chosen, offices
    own = (
        {m.organisation_id for m in request.user.memberships.all()}
        if hasattr(request.user, "memberships")
        else set()
    )
    return next((o for o in offices if o.pk in own), offices[0]), offices


def _report_from_request(request):
    office, offices = _office(request)
    units = list(selectors.units_of(office))
    services_ = list(selectors.services_of(office))
    today = organisation_today(office)
    form = ReportFilterForm(request.GET or None, units=units, services=services_, today=today)
    report = None
    if not form.is_bound:
        form = ReportFilterForm(
            {"periode": "tahun", "tahun": today.year}, units=units, services=services_, today=today
        )
    if form.is_valid():
        data = form.cleaned_data
        report = selectors.ikm_report(
            request.user,
            organisation=office,
            period=data["period"],
            unit=next((u for u in units if u.pk == data.get("unit")), None),
            service=next((s for s in services_ if s.pk == data.get("layanan")), None),
            weight_convention=data.get("bobot") or None,
        )
        if report is None:
            raise PermissionDenied(VIEW_SURVEY)
    return office, offices, form, report


@login_required
@require_GET
def report(request):
    office, offices, form, report_ = _report_from_request(request)
    context = {
        "office": office,
        "offices": offices,
        "form": form,
        "report": report_,
        "may_manage_follow_up": authorize(request.user, MANAGE_FOLLOW_UP, organisation=office),
        "query": request.GET.urlencode(),
    }
    if report_ is not None:
        context = {**context, **ikm_documents.report_context(report_)}
    return render(request, "surveys/ikm/report.html", context)


def _download(request, file_format: str):
    _chosen, _offices, form, report_ = _report_from_request(request)
    if report_ is None:
        messages.error(
            request,
            _("Periksa saringan laporan: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
        return redirect(reverse("survey_reports:report") + "?" + request.GET.urlencode())
    services.record_report_export(actor=request.user, report=report_, file_format=file_format)
    if file_format == "pdf":
        body, content_type = ikm_documents.report_pdf(report_), "application/pdf"
    else:
        body, content_type = ikm_documents.report_xlsx(report_), XLSX
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{ikm_documents.report_filename(report_, file_format)}"'
    )
    return response


@login_required
@require_GET
def report_pdf(request):
    return _download(request, "pdf")


@login_required
@require_GET
def report_xlsx(request):
    return _download(request, "xlsx")


def _follow_up_form(office, data=None, **kwargs):
    return FollowUpForm(
        data, units=list(selectors.units_of(office)), services=list(selectors.services_of(office)), **kwargs
    )


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_http_methods(["GET", "POST"])
def follow_ups(request):
    office, offices = _office(request)
    may_manage = authorize(request.user, MANAGE_FOLLOW_UP, organisation=office)
    form = None
    if may_manage:
        if request.method == "POST":
            form = _follow_up_form(office, request.POST)
            if form.is_valid():
                try:
                    services.create_follow_up(
                        actor=request.user, organisation=office, **form.service_arguments()
                    )
                except ValidationError as exc:
                    _add_errors(form, exc)
                else:
                    messages.success(request, _("Rencana tindak lanjut disimpan."))
                    return redirect(reverse("survey_reports:follow_ups") + f"?kantor={office.pk}")
        else:
            today = organisation_today(office)
            form = _follow_up_form(
                office,
                initial={
                    "period_start": today.replace(month=1, day=1),
                    "period_end": today.replace(month=12, day=31),
                    "status": "rencana",
                },
            )
    elif request.method == "POST":
        raise PermissionDenied(MANAGE_FOLLOW_UP)
    return render(
        request,
        "surveys/ikm/follow_ups.html",
        {
            "office": office,
            "offices": offices,
            "rows": selectors.follow_up_list(request.user, office),
            "form": form,
            "may_manage_follow_up": may_manage,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request, pk: int):
    row = selectors.follow_up_of(request.user, pk, VIEW_SURVEY)
    if row is None:
        raise Http404
    if not authorize(request.user, MANAGE_FOLLOW_UP, row):
        raise PermissionDenied(MANAGE_FOLLOW_UP)
    office = row.organisation
    if request.method == "POST":
        form = _follow_up_form(office, request.POST)
        if form.is_valid():
            try:
                services.update_follow_up(actor=request.user, follow_up=row, **form.service_arguments())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Rencana tindak lanjut diperbarui."))
                return redirect(reverse("survey_reports:follow_ups") + f"?kantor={office.pk}")
    else:
        form = _follow_up_form(
            office,
            initial={
                "period_start": row.period_start,
                "period_end": row.period_end,
                "unit": row.unit_id,
                "service": row.service_id,
                "element": row.element,
                "action": row.action,
                "responsible": row.responsible,
                "target_date": row.target_date,
                "status": row.status,
            },
        )
    return render(request, "surveys/ikm/follow_up_edit.html", {"office": office, "row": row, "form": form})
