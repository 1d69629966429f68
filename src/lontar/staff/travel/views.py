"""Duty-travel screens (/kepegawaian/dinas-luar/): my trips, the office's list with its Excel export, the
calendar of who is travelling when, the request form, one trip with its actions, letter and report, and
the office's settings. Thin: parse with a form, call a service or a selector, render. A refused input
re-renders the page with the form as typed and the reason in Bahasa Indonesia."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.core.documents.signatories import signing_assignments
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.travel import forms, selectors, services
from lontar.staff.travel.export import export_trips
from lontar.staff.travel.permissions import MANAGE_TRAVEL_SETTINGS, REQUEST, VIEW_TRIP


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _require_member(user) -> None:
    if not organisation_ids_with(user, VIEW_TRIP):
        raise PermissionDenied(VIEW_TRIP)


def _pick_office(request, offices: list):
    wanted = request.POST.get("kantor") or request.GET.get("kantor")
    if not wanted:
        return offices[0]
    for office in offices:
        if str(office.pk) == wanted:
            return office
    raise Http404


# --- lists ------------------------------------------------------------------------------------------


@login_required
@require_GET
def mine(request):
    _require_member(request.user)
    trips = list(selectors.my_trips(request.user)[:200])
    return render(
        request,
        "travel/mine.html",
        {
            "trips": trips,
            "may_request": bool(organisation_ids_with(request.user, REQUEST)),
            "sees_office": bool(selectors.whole_office_ids(request.user)),
            "counts": selectors.counts_for_dashboard(request.user),
        },
    )


def _filters(request):
    form = forms.FilterForm(request.GET or None, staff=selectors.filter_staff_choices(request.user))
    filters = selectors.TripFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.TripFilters(
            status=data["status"],
            staff=data["pegawai"],
            start=data["dari"],
            end=data["sampai"],
            query=data["cari"],
            report_overdue=data["laporan_terlambat"],
        )
    return form, filters


@login_required
@require_GET
def office(request):
    _require_member(request.user)
    form, filters = _filters(request)
    try:
        offset = max(0, int(request.GET.get("mulai", "0")))
    except ValueError:
        offset = 0
    rows, has_more = selectors.office_list(request.user, filters, offset=offset)
    query = request.GET.copy()
    query.pop("mulai", None)
    return render(
        request,
        "travel/office.html",
        {
            "form": form,
            "trips": rows,
            "query": query.urlencode(),
            "next_offset": offset + selectors.PAGE_SIZE if has_more else None,
            "offset": offset,
            "may_export": bool(selectors.export_office_ids(request.user)),
        },
    )


@login_required
@require_GET
def export(request):
    if not selectors.export_office_ids(request.user):
        raise PermissionDenied("travel.view_export")
    _form, filters = _filters(request)
    content, _rows = export_trips(actor=request.user, filters=filters)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="perjalanan-dinas-{stamp}.xlsx"'
    return response


# --- who is travelling when ---------------------------------------------------------------------------


def _period(request, today: dt.date) -> tuple[str, dt.date, dt.date]:
    view = "pekan" if request.GET.get("tampilan") == "pekan" else "bulan"
    try:
        anchor = dt.date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        anchor = today
    if view == "pekan":
        start = anchor - dt.timedelta(days=anchor.weekday())
        return view, start, start + dt.timedelta(days=6)
    start = anchor.replace(day=1)
    return view, start, start.replace(day=month_calendar.monthrange(start.year, start.month)[1])


@login_required
@require_GET
def calendar(request):
    offices = selectors.calendar_offices(request.user)
    if not offices:
        raise PermissionDenied(VIEW_TRIP)
    office = _pick_office(request, offices)
    today = organisation_today(office)
    view, start, end = _period(request, today)
    previous = start - dt.timedelta(days=1 if view == "bulan" else 7)
    following = end + dt.timedelta(days=1)
    return render(
        request,
        "travel/calendar.html",
        {
            "offices": offices,
            "office": office,
            "view": view,
            "start": start,
            "end": end,
            "today": today,
            "previous": previous.replace(day=1) if view == "bulan" else previous,
            "following": following,
            "grid": selectors.calendar_for(request.user, office, start, end),
        },
    )


# --- the request form ---------------------------------------------------------------------------------


@login_required
def create(request):
    offices = selectors.offices_for_request(request.user)
    if not offices:
        raise PermissionDenied(REQUEST)
    office = _pick_office(request, offices)
    staff = selectors.traveller_choices(request.user, office)
    own = getattr(request.user, "staff", None)
    initial = {"travellers": [str(own.pk)]} if own is not None and own in staff else {}
    form = forms.TripForm(request.POST or None, staff_choices=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            trip = services.create_trip(organisation=office, actor=request.user, **data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Usulan surat tugas disimpan sebagai konsep. Periksa, lalu ajukan."))
            return redirect("travel:detail", pk=trip.pk)
    return render(
        request,
        "travel/form.html",
        {"form": form, "offices": offices, "office": office, "trip": None},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def edit(request, pk: int):
    trip = selectors.trip_for(request.user, pk)
    if not selectors.detail_page(trip, request.user)["may_edit"]:
        raise PermissionDenied(REQUEST)
    staff = selectors.traveller_choices(request.user, trip.organisation)
    current = [t.staff for t in trip.travellers.select_related("staff__unit")]
    choices = list({s.pk: s for s in [*staff, *current]}.values())
    initial = {
        "travellers": [str(s.pk) for s in current],
        **{
            field: getattr(trip, field)
            for field in services.TRIP_FIELDS
            if field in forms.TripForm.base_fields
        },
    }
    form = forms.TripForm(request.POST or None, staff_choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_trip(trip=trip, actor=request.user, **form.service_data())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Usulan surat tugas diperbarui."))
            return redirect("travel:detail", pk=trip.pk)
    return render(
        request,
        "travel/form.html",
        {"form": form, "offices": [trip.organisation], "office": trip.organisation, "trip": trip},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- one trip -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    prefix: str
    form: Callable
    perform: Callable
    success: str


def _sign_form(data, trip, user):
    assignments = signing_assignments(user, trip.organisation)
    return forms.SignForm(data, prefix="ttd", assignments=assignments)


def _sign(trip, user, data, form):
    return services.sign(trip=trip, actor=user, assignment=form.assignments.get(data.get("assignment")))


ACTIONS: dict[str, Action] = {
    "submit": Action(
        "ajukan",
        lambda data, t, u: forms.NoteForm(data, prefix="ajukan"),
        lambda t, u, d, f: services.submit(trip=t, actor=u, note=d["note"]),
        _("Usulan surat tugas diajukan kepada Camat/Sekretaris Camat."),
    ),
    "approve": Action(
        "setujui",
        lambda data, t, u: forms.NoteForm(data, prefix="setujui"),
        lambda t, u, d, f: services.approve(trip=t, actor=u, note=d["note"]),
        _("Perjalanan dinas disetujui. Tanda tangani surat tugas untuk memberi nomor."),
    ),
    "return_for_revision": Action(
        "kembalikan",
        lambda data, t, u: forms.ReasonForm(data, prefix="kembalikan"),
        lambda t, u, d, f: services.return_for_revision(trip=t, actor=u, reason=d["reason"]),
        _("Usulan dikembalikan kepada pengusul untuk diperbaiki."),
    ),
    "reject": Action(
        "tolak",
        lambda data, t, u: forms.ReasonForm(data, prefix="tolak"),
        lambda t, u, d, f: services.reject(trip=t, actor=u, reason=d["reason"]),
        _("Usulan surat tugas ditolak."),
    ),
    "issue": Action("ttd", _sign_form, _sign, _("Surat tugas ditandatangani, diberi nomor, dan terbit.")),
    "cancel": Action(
        "batal",
        lambda data, t, u: forms.ReasonForm(data, prefix="batal"),
        lambda t, u, d, f: services.cancel(trip=t, actor=u, reason=d["reason"]),
        _("Perjalanan dinas dibatalkan."),
    ),
}


def _detail(request, trip, *, bound: dict | None = None, report_form=None, status: int = 200):
    page = selectors.detail_page(trip, request.user)
    page["forms"] = {
        name: (bound or {}).get(name) or action.form(None, trip, request.user)
        for name, action in ACTIONS.items()
        if name in page["actions"]
    }
    if "submit_report" in page["actions"]:
        page["report_form"] = report_form or forms.ReportForm(prefix="laporan")
    return render(request, "travel/detail.html", page, status=status)


@login_required
@require_GET
def detail(request, pk: int):
    return _detail(request, selectors.trip_for(request.user, pk))


def _act(request, pk: int, name: str):
    action = ACTIONS[name]
    trip = selectors.trip_for(request.user, pk)
    form = action.form(request.POST, trip, request.user)
    if form.is_valid():
        try:
            action.perform(trip, request.user, form.cleaned_data, form)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, action.success)
            return redirect("travel:detail", pk=trip.pk)
    messages.error(request, _("Tindakan belum dilakukan. Periksa isian yang ditandai."))
    trip.refresh_from_db()
    return _detail(request, trip, bound={name: form}, status=400)


def _action_view(name: str):
    @login_required
    @require_POST
    def view(request, pk: int):
        return _act(request, pk, name)

    view.__name__ = f"{name}_view"
    return view


submit = _action_view("submit")
approve = _action_view("approve")
return_for_revision = _action_view("return_for_revision")
reject = _action_view("reject")
sign = _action_view("issue")
cancel = _action_view("cancel")


@login_required
@require_POST
def report(request, pk: int):
    trip = selectors.trip_for(request.user, pk)
    form = forms.ReportForm(request.POST, request.FILES, prefix="laporan")
    if form.is_valid():
        try:
            services.submit_report(
                trip=trip,
                actor=request.user,
                results=form.cleaned_data["results"],
                conclusions=form.cleaned_data["conclusions"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Laporan perjalanan dinas terkirim; perjalanan dinas selesai."))
            return redirect("travel:detail", pk=trip.pk)
    messages.error(request, _("Laporan belum terkirim. Periksa isian yang ditandai."))
    trip.refresh_from_db()
    return _detail(request, trip, report_form=form, status=400)


# --- settings -----------------------------------------------------------------------------------------


@login_required
def settings_view(request):
    offices = [
        o
        for o in selectors.offices_for_request(request.user)
        if authorize(request.user, MANAGE_TRAVEL_SETTINGS, o)
    ]
    if not offices:
        raise PermissionDenied(MANAGE_TRAVEL_SETTINGS)
    office = _pick_office(request, offices)
    form = forms.SettingsForm(
        request.POST or None, initial={"classification_code": selectors.classification_code_of(office)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_classification_code(
                organisation=office,
                actor=request.user,
                classification_code=form.cleaned_data["classification_code"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Pengaturan surat tugas disimpan."))
            return redirect(f"{request.path}?kantor={office.pk}")
    return render(
        request,
        "travel/settings.html",
        {"form": form, "offices": offices, "office": office},
        status=400 if form.is_bound and form.errors else 200,
    )
