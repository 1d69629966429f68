"""The working-day calendar screen: a year's days off; office closures and (for city administrators)
cuti bersama, extra national holidays and cancelled holidays."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lontar.core.numbering.selectors import manageable_organisations
from lontar.core.permissions import MANAGE_CALENDAR, VIEW_CALENDAR, authorize
from lontar.core.workdays import selectors, services
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workdays.forms import ClosureForm, NationalDayForm


def _context(request, action: str = MANAGE_CALENDAR):
    organisations = manageable_organisations(request.user, action)
    if not organisations:
        raise PermissionDenied(action)
    by_pk = {str(org.pk): org for org in organisations}
    organisation = by_pk.get(request.GET.get("kantor") or request.POST.get("kantor", ""), organisations[0])
    try:
        year = int(
            request.GET.get("tahun") or request.POST.get("tahun") or organisation_today(organisation).year
        )
    except ValueError:
        year = organisation_today(organisation).year
    year = min(max(year, 2000), 2100)
    return organisations, organisation, year


def _back(organisation, year):
    return redirect(f"{reverse('core:workdays_calendar')}?kantor={organisation.pk}&tahun={year}")


@login_required
def calendar_view(request):
    """Readable by whoever may see the calendar (auditors too); changes need the manage action."""
    organisations, organisation, year = _context(request, VIEW_CALENDAR)
    return _render_calendar(request, organisations, organisation, year)


def _render_calendar(request, organisations, organisation, year, *, closure_form=None, national_form=None):
    calendar = WorkCalendar(organisation)
    may_national = services.may_manage_national_calendar(request.user)
    may_manage = authorize(request.user, MANAGE_CALENDAR, organisation=organisation)
    return render(
        request,
        "core/workdays/calendar.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "year": year,
            "days_off": calendar.days_off_in_year(year),
            "closures": selectors.closures_in_year(organisation, year),
            "national_rows": selectors.deployment_wide_days_in_year(year),
            "may_national": may_national,
            "may_manage": may_manage,
            "closure_form": (closure_form or ClosureForm()) if may_manage else None,
            "national_form": national_form or (NationalDayForm() if may_national else None),
            "today": organisation_today(organisation),
        },
    )


@login_required
@require_POST
def closure_add(request):
    organisations, organisation, year = _context(request)
    form = ClosureForm(request.POST)
    if form.is_valid():
        try:
            services.add_closure(
                actor=request.user,
                day=form.cleaned_data["date"],
                description=form.cleaned_data["description"],
                organisation=organisation,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Hari tutup kantor ditambahkan."))
            return _back(organisation, form.cleaned_data["date"].year)
    return _render_calendar(request, organisations, organisation, year, closure_form=form)


@login_required
@require_POST
def national_add(request):
    organisations, organisation, year = _context(request)
    if not services.may_manage_national_calendar(request.user):
        raise PermissionDenied(services.MANAGE_NATIONAL_CALENDAR)
    form = NationalDayForm(request.POST)
    if form.is_valid():
        try:
            services.add_day(
                actor=request.user,
                day=form.cleaned_data["date"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Hari kalender nasional disimpan."))
            return _back(organisation, form.cleaned_data["date"].year)
    return _render_calendar(request, organisations, organisation, year, national_form=form)


@login_required
@require_POST
def day_remove(request, pk: int):
    _organisations, organisation, year = _context(request)
    row = selectors.removable_day(organisation, pk)
    if row is None:
        raise Http404
    services.remove_day(actor=request.user, row=row)
    messages.success(request, _("Tanggal dihapus dari kalender."))
    return _back(organisation, year)
