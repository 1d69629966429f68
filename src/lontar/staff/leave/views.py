"""Leave screens (/kepegawaian/cuti/): my leave, a new request, one request with its actions and letter,
the inbox of superiors and the official, the office list with its export, opening balances, a staff
member's statement, the team calendar and the settings. Thin: parse with a form, call a service or a
selector, render; a refused input re-renders the form as typed with the reason in Bahasa Indonesia."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.core.documents.services import record_download
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.leave import forms, rules, selectors, services
from lontar.staff.leave.export import export_requests
from lontar.staff.leave.permissions import (
    CANCEL_LEAVE,
    CONSIDER_LEAVE,
    DECIDE_LEAVE,
    EXPORT_LEAVE,
    MANAGE_BALANCES,
    MANAGE_SETTINGS,
    VIEW_LEAVE,
)


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _staff_or_403(user):
    staff = selectors.staff_of(user)
    if staff is None or not selectors.may_request(user):
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai aktif."))
    return staff


# --- my leave --------------------------------------------------------------------------------------


@login_required
@require_GET
def mine(request):
    staff = _staff_or_403(request.user)
    today = organisation_today(staff.organisation)
    year = today.year
    requests = selectors.my_requests(request.user)
    latest = max((r.start_date.year for r in requests[:50]), default=year)
    ledger = selectors.my_ledger(request.user, through_year=max(year, latest))
    current = ledger.year(year)
    return render(
        request,
        "leave/mine.html",
        {
            "staff": staff,
            "year": year,
            "ledger": ledger,
            "current": current,
            "free": ledger.free(year),
            "pending_days": ledger.pending.get(year, 0),
            "statements": list(reversed(ledger.statements)),
            "requests": requests[: selectors.LIST_LIMIT],
            "types": [rules.type_label(t) for t in rules.requestable_types(staff)],
        },
    )


def _request_form(request, staff, data=None, files=None):
    extendable = [
        r
        for r in selectors.my_requests(request.user)
        if r.leave_type in ("sakit", "cltn") and r.status == "disetujui"
    ]
    return forms.RequestForm(data, files, types=rules.requestable_types(staff), extendable=extendable)


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    staff = _staff_or_403(request.user)
    form = _request_form(request, staff, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extends = None
        if data["extends"]:
            extends = next((r for r in selectors.my_requests(request.user) if r.pk == data["extends"]), None)
        try:
            created = services.submit_request(
                actor=request.user,
                leave_type=data["leave_type"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                reason=data["reason"],
                important_reason=data["important_reason"],
                child_order=data["child_order"],
                extends=extends,
                address_during_leave=data["address_during_leave"],
                phone_during_leave=data["phone_during_leave"],
                attachments=data["attachment"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Permintaan %(jenis)s diajukan: %(kerja)s hari kerja (%(hari)s hari kalender), %(status)s.")
                % {
                    "jenis": created.get_leave_type_display().lower(),
                    "kerja": created.working_days,
                    "hari": created.calendar_days,
                    "status": created.get_status_display().lower(),
                },
            )
            return redirect("leave:detail", pk=created.pk)
    ledger = selectors.my_ledger(request.user)
    year = organisation_today(staff.organisation).year
    return render(
        request,
        "leave/new.html",
        {"form": form, "free": ledger.free(year), "year": year, "rules": rules},
    )


# --- one request -----------------------------------------------------------------------------------


def _detail_context(request, leave, **bound):
    user = request.user
    pending = leave.status in ("diajukan", "menunggu_keputusan")
    may_consider = leave.status == "diajukan" and authorize(user, CONSIDER_LEAVE, leave)
    may_decide = leave.status == "menunggu_keputusan" and authorize(user, DECIDE_LEAVE, leave)
    may_cancel = pending and authorize(user, CANCEL_LEAVE, leave)
    crowded = (
        selectors.crowding(
            leave.organisation,
            leave.start_date,
            min(leave.end_date, leave.start_date + selectors.CROWDING_HORIZON),
            extra=leave,
        )
        if (may_consider or may_decide or pending)
        else []
    )
    return {
        "leave": leave,
        "history": selectors.history(leave),
        "attachments": selectors.attachments_of(leave),
        "consider_form": bound.get("consider")
        or (forms.ConsiderForm(prefix="pertimbangan") if may_consider else None),
        "decide_form": bound.get("decide")
        or (
            forms.DecideForm(
                prefix="keputusan", initial={"start_date": leave.start_date, "end_date": leave.end_date}
            )
            if may_decide
            else None
        ),
        "cancel_form": bound.get("cancel") or (forms.CancelForm(prefix="batal") if may_cancel else None),
        "crowded": crowded,
        "warning_percent": selectors.ledger.settings_of(leave.organisation).away_warning_percent,
        "balance": selectors.statement_of(leave.staff) if leave.leave_type == "tahunan" else None,
    }


@login_required
@require_GET
def detail(request, pk):
    leave = selectors.request_for(request.user, pk)
    return render(request, "leave/detail.html", _detail_context(request, leave))


def _act(request, pk, *, form_class, prefix, key, perform, success):
    leave = selectors.request_for(request.user, pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            perform(leave, form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("leave:detail", pk=leave.pk)
    leave = selectors.request_for(request.user, pk)
    return render(request, "leave/detail.html", _detail_context(request, leave, **{key: form}), status=400)


@login_required
@require_POST
def consider(request, pk):
    return _act(
        request,
        pk,
        form_class=forms.ConsiderForm,
        prefix="pertimbangan",
        key="consider",
        perform=lambda leave, d: services.consider(
            request=leave, actor=request.user, consideration=d["consideration"], note=d["note"]
        ),
        success=_("Pertimbangan disimpan; permintaan diteruskan kepada pejabat yang berwenang."),
    )


@login_required
@require_POST
def decide(request, pk):
    return _act(
        request,
        pk,
        form_class=forms.DecideForm,
        prefix="keputusan",
        key="decide",
        perform=lambda leave, d: services.decide(
            request=leave,
            actor=request.user,
            decision=d["decision"],
            note=d["note"],
            start_date=d["start_date"],
            end_date=d["end_date"],
        ),
        success=_("Keputusan disimpan."),
    )


@login_required
@require_POST
def cancel(request, pk):
    return _act(
        request,
        pk,
        form_class=forms.CancelForm,
        prefix="batal",
        key="cancel",
        perform=lambda leave, d: services.cancel(request=leave, actor=request.user, note=d["note"]),
        success=_("Permintaan cuti dibatalkan."),
    )


@login_required
@require_GET
def letter(request, pk):
    leave = selectors.request_for(request.user, pk)
    document = leave.letter
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    record_download(actor=request.user, document=document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- inbox and the office list ---------------------------------------------------------------------


@login_required
@require_GET
def inbox(request):
    if not organisation_ids_with(request.user, VIEW_LEAVE):
        raise PermissionDenied(VIEW_LEAVE)
    return render(
        request,
        "leave/inbox.html",
        {
            "to_consider": selectors.to_consider(request.user)[: selectors.LIST_LIMIT],
            "to_decide": selectors.to_decide(request.user)[: selectors.LIST_LIMIT],
        },
    )


def _office_filters(request):
    form = forms.OfficeFilterForm(request.GET or None, **selectors.office_choices(request.user))
    filters = selectors.OfficeFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = selectors.OfficeFilters(
            status=d["status"],
            leave_type=d["jenis"],
            unit=d["unit"],
            year=d["tahun"],
            query=d["cari"].strip(),
        )
    return form, filters


@login_required
@require_GET
def office(request):
    if not selectors.may_see_office(request.user):
        raise PermissionDenied(VIEW_LEAVE)
    form, filters = _office_filters(request)
    rows = selectors.office_requests(request.user, filters)[: selectors.LIST_LIMIT]
    return render(
        request,
        "leave/office.html",
        {
            "form": form,
            "rows": rows,
            "query": request.GET.urlencode(),
            "may_export": bool(organisation_ids_with(request.user, EXPORT_LEAVE)),
            "may_balances": bool(organisation_ids_with(request.user, MANAGE_BALANCES)),
            "staff": selectors.staff_for_balances(request.user)[:500],
        },
    )


@login_required
@require_GET
def export(request):
    if not organisation_ids_with(request.user, EXPORT_LEAVE):
        raise PermissionDenied(EXPORT_LEAVE)
    _form, filters = _office_filters(request)
    content, _rows = export_requests(actor=request.user, filters=filters)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="cuti-{stamp}.xlsx"'
    return response


@login_required
@require_GET
def statement(request, staff_pk):
    staff = selectors.staff_member_for(request.user, staff_pk)
    ledger = selectors.statement_of(staff)
    return render(
        request,
        "leave/statement.html",
        {"staff": staff, "ledger": ledger, "statements": list(reversed(ledger.statements))},
    )


# --- opening balances, settings --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def openings(request):
    if not selectors.balance_offices(request.user):
        raise PermissionDenied(MANAGE_BALANCES)
    people = list(
        selectors.staff_for_balances(request.user).filter(
            organisation_id__in=selectors.balance_offices(request.user)
        )
    )
    form = forms.OpeningForm(request.POST or None, staff=people)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        person = next((p for p in people if p.pk == d["staff"]), None)
        try:
            if person is None:
                raise PermissionDenied(MANAGE_BALANCES)
            services.set_opening_balance(
                actor=request.user,
                staff=person,
                year=d["year"],
                remaining_previous=d["remaining_previous"],
                remaining_before_previous=d["remaining_before_previous"],
                note=d["note"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Saldo awal cuti %(nama)s disimpan.") % {"nama": person.full_name})
            return redirect("leave:openings")
    return render(
        request,
        "leave/openings.html",
        {"form": form, "rows": selectors.openings_of(request.user)[:500]},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings(request):
    current = selectors.settings_for(request.user)
    initial = {name: getattr(current, name) for name in services.SETTINGS_FIELDS}
    form = forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(
                actor=request.user, organisation=current.organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Pengaturan cuti disimpan."))
            return redirect("leave:settings")
    if not organisation_ids_with(request.user, MANAGE_SETTINGS):
        raise PermissionDenied(MANAGE_SETTINGS)
    return render(request, "leave/settings.html", {"form": form, "organisation": current.organisation})


# --- team calendar ---------------------------------------------------------------------------------


@login_required
@require_GET
def team_calendar(request):
    offices = selectors.calendar_offices(request.user)
    if not offices:
        raise PermissionDenied(VIEW_LEAVE)
    choices = {
        "offices": selectors.calendar_office_list(request.user),
        "units": selectors.calendar_units(request.user),
    }
    form = forms.CalendarForm(request.GET or None, **choices)
    valid = form.is_bound and form.is_valid()
    year, month = form.month() if valid else (None, None)
    grid = selectors.team_calendar(
        request.user,
        organisation_id=form.cleaned_data.get("kantor") if valid else None,
        year=year,
        month=month,
        unit_id=form.cleaned_data.get("unit") if valid else None,
    )
    if not valid:
        form = forms.CalendarForm(
            initial={"kantor": grid.organisation.pk, "bulan": f"{grid.year:04d}-{grid.month:02d}"}, **choices
        )
    previous = (grid.year - 1, 12) if grid.month == 1 else (grid.year, grid.month - 1)
    following = (grid.year + 1, 1) if grid.month == 12 else (grid.year, grid.month + 1)
    return render(
        request,
        "leave/calendar.html",
        {
            "grid": grid,
            "form": form,
            "previous": f"{previous[0]:04d}-{previous[1]:02d}",
            "following": f"{following[0]:04d}-{following[1]:02d}",
            "warning_percent": selectors.ledger.settings_of(grid.organisation).away_warning_percent,
        },
    )
