"""The career agenda screens (/kepegawaian/agenda/): the agenda (the office's for those who read the
personnel files, one's own for everyone else), its Excel export, and the lead-time settings. Thin:
parse with a form, call a selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.permissions import authorize, organisation_ids_with
from lontar.staff.reminders import selectors, services
from lontar.staff.reminders.export import export_agenda
from lontar.staff.reminders.forms import AgendaFilterForm, MyAgendaForm, ReminderSettingsForm
from lontar.staff.reminders.permissions import (
    EXPORT_AGENDA,
    MANAGE_SETTINGS,
    VIEW_AGENDA,
    VIEW_OWN_AGENDA,
    VIEW_SETTINGS,
)


def _filters(request) -> tuple[AgendaFilterForm, selectors.AgendaFilters]:
    form = AgendaFilterForm(request.GET or None, **selectors.filter_choices(request.user))
    filters = selectors.AgendaFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.AgendaFilters(
            horizon=data["rentang"],
            kind=data["jenis"],
            organisation=data.get("kantor"),
            unit=data["unit"],
            query=data["cari"].strip(),
            due_only=data["segera"],
        )
    return form, filters


@login_required
@require_GET
def agenda(request):
    if not organisation_ids_with(request.user, VIEW_OWN_AGENDA) and not selectors.may_see_office_agenda(
        request.user
    ):
        raise PermissionDenied(VIEW_OWN_AGENDA)
    if not selectors.may_see_office_agenda(request.user):
        form = MyAgendaForm(request.GET or None)
        horizon = form.cleaned_data["rentang"] if form.is_bound and form.is_valid() else 12
        items = selectors.my_agenda(request.user, horizon=horizon)
        return render(
            request,
            "staff_reminders/my_agenda.html",
            {"form": form, "items": items, "summary": selectors.summary(items), "horizon": horizon},
        )
    form, filters = _filters(request)
    items = selectors.office_agenda(request.user, filters)
    query = request.GET.urlencode()
    return render(
        request,
        "staff_reminders/agenda.html",
        {
            "form": form,
            "filters": filters,
            "items": items,
            "summary": selectors.summary(items),
            "mine": selectors.my_agenda(request.user, horizon=filters.horizon),
            "query": query,
            "may_export": bool(organisation_ids_with(request.user, EXPORT_AGENDA)),
            "may_configure": bool(organisation_ids_with(request.user, VIEW_SETTINGS)),
        },
    )


@login_required
@require_GET
def export(request):
    if not organisation_ids_with(request.user, EXPORT_AGENDA):
        raise PermissionDenied(EXPORT_AGENDA)
    _form, filters = _filters(request)
    content, _rows = export_agenda(actor=request.user, filters=filters)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="agenda-kepegawaian-{stamp}.xlsx"'
    return response


def _pick_office(request, offices: list):
    """The office the screen works for: the one chosen with `kantor`, else the user's first. A
    `kantor` outside the user's offices is not found."""
    wanted = request.POST.get("kantor") or request.GET.get("kantor")
    if not wanted:
        return offices[0]
    for office in offices:
        if str(office.pk) == wanted:
            return office
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def settings(request):
    offices = list(selectors.settings_offices(request.user))
    if not offices:
        raise PermissionDenied(VIEW_SETTINGS)
    office = _pick_office(request, offices)
    may_change = authorize(request.user, MANAGE_SETTINGS, organisation=office)
    current = selectors.settings_of(office)
    form = ReminderSettingsForm(instance=current)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied(MANAGE_SETTINGS)
        form = ReminderSettingsForm(request.POST, instance=selectors.settings_of(office))
        if form.is_valid():
            try:
                services.update_settings(actor=request.user, organisation=office, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Pengaturan pengingat kepegawaian disimpan."))
                return redirect(f"{request.path}?kantor={office.pk}")
    if not may_change:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "staff_reminders/settings.html",
        {
            "form": form,
            "office": office,
            "offices": offices,
            "may_change": may_change,
            "sent": selectors.sent_log(office),
            "may_read_agenda": authorize(request.user, VIEW_AGENDA, organisation=office),
        },
    )
