"""Subbag TU's monthly recap: the screen (office and month picker) and its Excel and PDF exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from lontar.correspondence.forms.recap import RecapPeriodForm
from lontar.correspondence.selectors import recap as selectors
from lontar.correspondence.services import recap as services


@login_required
@require_GET
def recap_home(request):
    """The recap of the first office the user may read; the picker switches office."""
    offices = list(selectors.recap_offices(request.user))
    if not offices:
        raise PermissionDenied
    wanted = request.GET.get("office", "")
    office_id = int(wanted) if wanted.isdigit() else offices[0].pk
    query = request.GET.copy()
    query.pop("office", None)
    target = reverse("correspondence:recap", args=[office_id])
    return redirect(f"{target}?{query.urlencode()}" if query else target)


def _period_form(request, office):
    offices = list(selectors.recap_offices(request.user))
    form = RecapPeriodForm(request.GET or None, offices=offices, initial={"office": office.pk})
    return form, offices


@login_required
@require_GET
def recap(request, org_pk: int):
    office = selectors.office_for_recap(request.user, org_pk)
    form, offices = _period_form(request, office)
    data = None
    if not form.is_bound:
        data = selectors.monthly_recap(request.user, office, *RecapPeriodForm.period_default())
    elif form.is_valid():
        data = selectors.monthly_recap(request.user, office, *form.period())
    query = urlencode({"date_from": data.start.isoformat(), "date_to": data.end.isoformat()}) if data else ""
    return render(
        request,
        "correspondence/recap/recap.html",
        {"office": office, "offices": offices, "form": form, "recap": data, "export_query": query},
    )


def _export(request, org_pk: int, fmt: str):
    office = selectors.office_for_recap(request.user, org_pk)
    form, _offices = _period_form(request, office)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "correspondence/recap/recap.html",
            {"office": office, "offices": _offices, "form": form, "recap": None, "export_query": ""},
            status=400,
        )
    start, end = form.period() if form.is_bound else RecapPeriodForm.period_default()
    data, content_type, name = services.export_recap(
        actor=request.user, organisation=office, start=start, end=end, fmt=fmt
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def recap_xlsx(request, org_pk: int):
    return _export(request, org_pk, "xlsx")


@login_required
@require_GET
def recap_pdf(request, org_pk: int):
    return _export(request, org_pk, "pdf")
