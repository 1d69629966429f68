"""Attendance screens (/kepegawaian/kehadiran/): my attendance with the one-tap "Masuk"/"Pulang"
(plain form posts, tiny page, safe to submit twice), the unit roster grid with cell edits, quota and
office-hours settings, the monthly recap and its Excel export, and the supervisor's correction of a
forgotten check-out. Thin: parse with a form, call a service or a selector, render."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.core.permissions import authorize
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.attendance import forms, selectors, services
from lontar.staff.attendance.export import export_recap
from lontar.staff.attendance.permissions import (
    CORRECT_ATTENDANCE,
    EXPORT_RECAP,
    MANAGE_QUOTA,
    MANAGE_ROSTER,
    RECORD_OWN,
    VIEW_RECAP,
    VIEW_ROSTER,
    may_act_on_unit,
)


def _form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _render(request, template: str, context: dict, organisation, status: int = 200):
    """Render with times shown in the office's own zone (WIB, WITA or WIT)."""
    with timezone.override(ZoneInfo(organisation.timezone)):
        return render(request, template, context, status=status)


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- my attendance ----------------------------------------------------------------------------------


def _month(request, today) -> tuple[int, int]:
    form = forms.MonthForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["bulan"]:
        value = form.cleaned_data["bulan"]
        return value.year, value.month
    return today.year, today.month


def _render_mine(request, *, check_in_form=None, check_out_form=None, status=200):
    staff = selectors.own_staff(request.user)
    if staff is None:
        return render(request, "attendance/mine.html", {"page": None}, status=status)
    year, month = _month(request, organisation_today(staff.organisation))
    page = selectors.my_attendance(request.user, year, month)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return _render(
        request,
        "attendance/mine.html",
        {
            "page": page,
            "month_start": first,
            "previous_month": previous,
            "next_month": following.strftime("%Y-%m") if following <= page.today else "",
            "check_in_form": check_in_form or forms.CheckInForm(initial={"mode": page.planned or "wfo"}),
            "check_out_form": check_out_form or forms.CheckOutForm(),
            "may_recap": authorize(request.user, VIEW_RECAP),
        },
        staff.organisation,
        status=status,
    )


@login_required
@require_GET
def mine(request):
    if not authorize(request.user, RECORD_OWN):
        raise PermissionDenied(RECORD_OWN)
    return _render_mine(request)


@login_required
@require_POST
def check_in(request):
    form = forms.CheckInForm(request.POST)
    if not form.is_valid():
        return _render_mine(request, check_in_form=form, status=400)
    try:
        tap = services.check_in(
            actor=request.user,
            mode=form.cleaned_data["mode"] or None,
            mode_note=form.cleaned_data["mode_note"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        _form_error(form, exc)
        return _render_mine(request, check_in_form=form, status=400)
    at = tap.record.check_in_at
    if tap.changed:
        messages.success(request, _("Masuk tercatat pukul %(time)s.") % {"time": _clock(at, tap.record)})
    else:
        messages.info(
            request, _("Anda sudah tercatat masuk pukul %(time)s.") % {"time": _clock(at, tap.record)}
        )
    return redirect("attendance:mine")


@login_required
@require_POST
def check_out(request):
    form = forms.CheckOutForm(request.POST)
    if not form.is_valid():
        return _render_mine(request, check_out_form=form, status=400)
    try:
        tap = services.check_out(actor=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        _form_error(form, exc)
        return _render_mine(request, check_out_form=form, status=400)
    at = tap.record.check_out_at
    if tap.changed:
        messages.success(request, _("Pulang tercatat pukul %(time)s.") % {"time": _clock(at, tap.record)})
    else:
        messages.info(
            request, _("Anda sudah tercatat pulang pukul %(time)s.") % {"time": _clock(at, tap.record)}
        )
    return redirect("attendance:mine")


def _clock(moment, record) -> str:
    return timezone.localtime(moment, ZoneInfo(record.organisation.timezone)).strftime("%H:%M")


# --- the roster grid --------------------------------------------------------------------------------


def _week_url(unit_id, monday) -> str:
    return f"{reverse('attendance:roster')}?{urlencode({'unit': unit_id, 'minggu': monday.isoformat()})}"


def _roster_context(request, *, unit_id=None, monday=None, generate_form=None, exclusion_form=None):
    units = list(selectors.units_for(request.user, VIEW_ROSTER))
    if not units:
        raise PermissionDenied(VIEW_ROSTER)
    filter_form = forms.RosterFilterForm(request.GET or None, units=units)
    if filter_form.is_bound and filter_form.is_valid():
        unit_id = unit_id or filter_form.cleaned_data["unit"]
        monday = monday or filter_form.cleaned_data["minggu"]
    own = selectors.own_staff(request.user)
    by_id = {u.pk: u for u in units}
    unit = by_id.get(unit_id) or (by_id.get(own.unit_id) if own else None) or units[0]
    today = organisation_today(unit.organisation)
    monday = selectors.monday_of(monday or today)
    week = selectors.roster_week(request.user, unit, monday)
    people = [row.staff for row in week.rows]
    return {
        "units": units,
        "filter_form": forms.RosterFilterForm(initial={"unit": unit.pk, "minggu": monday}, units=units),
        "week": week,
        "unit": unit,
        "previous_week": _week_url(unit.pk, monday - dt.timedelta(days=7)),
        "next_week": _week_url(unit.pk, monday + dt.timedelta(days=7)),
        "this_url": _week_url(unit.pk, monday),
        "generate_form": generate_form or forms.GenerateForm(initial={"mulai": monday, "minggu": 2}),
        "exclusion_form": exclusion_form
        or forms.ExclusionForm(people=people, initial={"tanggal": max(today, monday)}),
        "today_list": selectors.unit_today(request.user, unit) if week.may_edit else [],
    }


@login_required
@require_GET
def roster(request):
    context = _roster_context(request)
    return _render(request, "attendance/roster.html", context, context["unit"].organisation)


def _unit_from_post(request, action: str):
    try:
        unit_id = int(request.POST.get("unit", ""))
    except ValueError as exc:
        raise Http404 from exc
    unit = next((u for u in selectors.units_for(request.user, action) if u.pk == unit_id), None)
    if unit is None:
        raise Http404
    return unit


@login_required
@require_POST
def roster_generate(request):
    unit = _unit_from_post(request, MANAGE_ROSTER)
    form = forms.GenerateForm(request.POST)
    needs_confirmation = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = services.generate_roster(
                actor=request.user,
                unit=unit,
                start=data["mulai"],
                weeks=data["minggu"],
                confirm=data["konfirmasi"],
            )
        except services.RegenerationNeedsConfirmation as exc:
            form.add_error("konfirmasi", exc)
            needs_confirmation = True
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Jadwal %(unit)s %(start)s s.d. %(end)s dibuat: %(days)s hari kerja direncanakan, "
                    "%(kept)s hari yang sudah berjalan tidak diubah."
                )
                % {
                    "unit": unit.name,
                    "start": result.start.strftime("%d-%m-%Y"),
                    "end": result.end.strftime("%d-%m-%Y"),
                    "days": len(result.planned_days),
                    "kept": len(result.kept_days),
                },
            )
            return redirect(_week_url(unit.pk, result.start))
    context = _roster_context(
        request,
        unit_id=unit.pk,
        monday=form.cleaned_data.get("mulai") if form.is_valid() else None,
        generate_form=form,
    )
    context["needs_confirmation"] = needs_confirmation
    return _render(request, "attendance/roster.html", context, unit.organisation, status=400)


@login_required
@require_POST
def roster_cell(request, pk: int):
    entry = selectors.entry_for(request.user, pk)
    if entry is None or not may_act_on_unit(request.user, MANAGE_ROSTER, entry.unit):
        raise Http404
    form = forms.CellForm(request.POST)
    back = _week_url(entry.unit_id, selectors.monday_of(entry.date))
    if not form.is_valid():
        messages.error(request, _("Pilih WFO atau WFH."))
        return redirect(back)
    try:
        services.set_roster_cell(
            actor=request.user, entry=entry, mode=form.cleaned_data["mode"], note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("Jadwal %(name)s diubah.") % {"name": entry.staff.full_name})
    return redirect(back)


@login_required
@require_POST
def roster_exclude(request):
    unit = _unit_from_post(request, MANAGE_ROSTER)
    people = selectors.unit_people_for(request.user, unit)
    form = forms.ExclusionForm(request.POST, people=people)
    if form.is_valid():
        data = form.cleaned_data
        staff = next(p for p in people if p.pk == data["staff"])
        try:
            result = services.mark_excluded(
                actor=request.user, staff=staff, day=data["tanggal"], reason=data["alasan"]
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            text = _("%(name)s tidak dijadwalkan pada %(day)s.") % {
                "name": staff.full_name,
                "day": data["tanggal"].strftime("%d-%m-%Y"),
            }
            if result.promoted:
                text += " " + _("Agar kuota terpenuhi, dijadwalkan WFO: %(names)s.") % {
                    "names": ", ".join(p.full_name for p in result.promoted)
                }
            messages.success(request, text)
            return redirect(_week_url(unit.pk, selectors.monday_of(data["tanggal"])))
    context = _roster_context(request, unit_id=unit.pk, exclusion_form=form)
    return _render(request, "attendance/roster.html", context, unit.organisation, status=400)


@login_required
@require_POST
def exclusion_delete(request, pk: int):
    exclusion = selectors.exclusion_for(request.user, pk)
    if exclusion is None:
        raise Http404
    try:
        services.unmark_excluded(actor=request.user, exclusion=exclusion)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("%(name)s kembali dijadwalkan.") % {"name": exclusion.staff.full_name})
    return redirect(_week_url(exclusion.staff.unit_id, selectors.monday_of(exclusion.date)))


# --- settings: quotas and office hours --------------------------------------------------------------


def _settings_office(request, pk=None):
    offices = list(selectors.offices_for(request.user, MANAGE_QUOTA))
    if not offices:
        raise PermissionDenied(MANAGE_QUOTA)
    wanted = pk or request.GET.get("kantor", "")
    own = selectors.own_staff(request.user)
    chosen = next((o for o in offices if str(o.pk) == str(wanted)), None)
    return offices, chosen or next((o for o in offices if own and o.pk == own.organisation_id), offices[0])


def _settings_context(request, office, offices, *, quota_forms=None, hours_form=None):
    quota_forms = quota_forms or {}
    return {
        "office": office,
        "offices": offices,
        "lines": [
            (
                line,
                quota_forms.get(line.unit.pk)
                or forms.QuotaForm(
                    initial={"min_office_percent": line.percent, "note": line.note}, prefix=f"u{line.unit.pk}"
                ),
            )
            for line in selectors.quota_lines(request.user, office)
        ],
        "hours_form": hours_form or _hours_form(office),
    }


def _hours_form(office):
    hours = selectors.office_hours(office)
    return forms.OfficeHoursForm(
        initial={"start": hours.start, "end": hours.end, "friday_end": hours.friday_end},
        prefix=f"o{office.pk}",
    )


def _settings_url(office) -> str:
    return f"{reverse('attendance:quota')}?kantor={office.pk}"


@login_required
@require_GET
def quota(request):
    offices, office = _settings_office(request)
    return render(request, "attendance/quota.html", _settings_context(request, office, offices))


@login_required
@require_POST
def quota_edit(request, pk: int):
    unit = selectors.quota_unit(request.user, pk)
    if unit is None:
        raise Http404
    offices, office = _settings_office(request, unit.organisation_id)
    form = forms.QuotaForm(request.POST, prefix=f"u{pk}")
    if form.is_valid():
        try:
            services.set_unit_quota(
                actor=request.user,
                unit=unit,
                percent=form.cleaned_data["min_office_percent"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Kuota WFO %(unit)s disimpan.") % {"unit": unit.name})
            return redirect(_settings_url(office))
    context = _settings_context(request, office, offices, quota_forms={pk: form})
    return render(request, "attendance/quota.html", context, status=400)


@login_required
@require_POST
def office_hours(request, pk: int):
    office = selectors.offices_for(request.user, MANAGE_QUOTA).filter(pk=pk).first()
    if office is None:
        raise Http404
    offices, office = _settings_office(request, office.pk)
    form = forms.OfficeHoursForm(request.POST, prefix=f"o{pk}")
    if form.is_valid():
        try:
            services.set_office_hours(actor=request.user, organisation=office, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Jam kerja %(office)s disimpan.") % {"office": office.name})
            return redirect(_settings_url(office))
    context = _settings_context(request, office, offices, hours_form=form)
    return render(request, "attendance/quota.html", context, status=400)


# --- recap and export -------------------------------------------------------------------------------


def _recap_request(request):
    offices = list(selectors.offices_for(request.user, VIEW_RECAP))
    if not offices:
        raise PermissionDenied(VIEW_RECAP)
    own = selectors.own_staff(request.user)
    default = next((o for o in offices if own and o.pk == own.organisation_id), offices[0])
    raw = forms.RecapFilterForm(request.GET or None, offices=offices, units=[])
    office = default
    if raw.is_bound:
        raw.is_valid()
        chosen = raw.cleaned_data.get("kantor") if hasattr(raw, "cleaned_data") else None
        office = next((o for o in offices if o.pk == chosen), default)
    units = [u for u in selectors.units_for(request.user, VIEW_RECAP) if u.organisation_id == office.pk]
    form = forms.RecapFilterForm(request.GET or None, offices=offices, units=units)
    today = organisation_today(office)
    year, month, unit_id = today.year, today.month, None
    if form.is_bound and form.is_valid():
        if form.cleaned_data["bulan"]:
            year, month = form.cleaned_data["bulan"].year, form.cleaned_data["bulan"].month
        unit_id = form.cleaned_data["unit"]
    if (year, month) > (today.year, today.month):
        year, month = today.year, today.month
    shown = forms.RecapFilterForm(
        initial={"kantor": office.pk, "bulan": dt.date(year, month, 1), "unit": unit_id},
        offices=offices,
        units=units,
    )
    return shown, office, year, month, unit_id


@login_required
@require_GET
def recap(request):
    form, office, year, month, unit_id = _recap_request(request)
    data = selectors.monthly_recap(request.user, office, year, month, unit_id=unit_id)
    query = urlencode({"kantor": office.pk, "bulan": f"{year:04d}-{month:02d}", "unit": unit_id or ""})
    return _render(
        request,
        "attendance/recap.html",
        {
            "form": form,
            "recap": data,
            "month_start": dt.date(year, month, 1),
            "export_query": query,
            "may_export": authorize(request.user, EXPORT_RECAP, organisation=office),
            "corrections": selectors.correction_candidates(request.user, office)
            if authorize(request.user, CORRECT_ATTENDANCE, organisation=office)
            else [],
        },
        office,
    )


@login_required
@require_GET
def recap_export(request):
    _form, office, year, month, unit_id = _recap_request(request)
    content = export_recap(actor=request.user, organisation=office, year=year, month=month, unit_id=unit_id)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="rekap-kehadiran-{year:04d}-{month:02d}.xlsx"'
    return response


# --- correction -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def correct(request, pk: int):
    record = selectors.record_for(request.user, pk)
    if record is None:
        raise Http404
    form = forms.CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_check_out(
                actor=request.user,
                record=record,
                time=form.cleaned_data["time"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Jam pulang %(name)s dikoreksi.") % {"name": record.staff.full_name})
            return redirect("attendance:recap")
    return _render(
        request,
        "attendance/correct.html",
        {"record": record, "form": form},
        record.organisation,
        400 if form.errors else 200,
    )
