"""The office's application screens (/pelayanan/permohonan/): the queue, one application's page with
its action forms, and the preview of the result document. Thin: parse with a form, call a service or
a selector, render. Every action posts to its own URL and redirects back with a message; a refused
input re-renders the page with the form as typed and the reason in Bahasa Indonesia."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.core.permissions import authorize, organisation_ids_with
from lontar.public_services.forms import office as forms
from lontar.public_services.permissions import (
    HAND_OVER_RESULT,
    PROCESS_APPLICATION,
    SIGN_APPLICATION_RESULT,
    VIEW_APPLICATION,
)
from lontar.public_services.selectors import applications as selectors
from lontar.public_services.services import applications as services
from lontar.public_services.services import results


def _form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- the queue ------------------------------------------------------------------------------------


def _cursor(raw: str):
    try:
        micros, pk = raw.split("_", 1)
        return dt.datetime.fromtimestamp(int(micros) / 1_000_000, tz=dt.UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def _encode_cursor(cursor) -> str:
    moment, pk = cursor
    return f"{int(moment.timestamp() * 1_000_000)}_{pk}"


@login_required
@require_GET
def application_queue(request):
    if not organisation_ids_with(request.user, VIEW_APPLICATION):
        raise PermissionDenied(VIEW_APPLICATION)
    tab = "selesai" if request.GET.get("tab") == "selesai" else "antrean"
    services_list = list(selectors.services_for_filter(request.user))
    form = forms.QueueFilterForm(request.GET or None, services=services_list, tab=tab)
    filters = selectors.QueueFilter(tab=tab)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.QueueFilter(
            tab=tab,
            service_id=data["layanan"],
            status=data["status"],
            mine=data["saya"],
            overdue=data["terlambat"],
            channel=data["kanal"],
        )
    after = _cursor(request.GET.get("setelah", ""))
    rows, next_cursor = selectors.queue(request.user, filters, after=after)
    query = request.GET.copy()
    query.pop("setelah", None)
    first_query = query.urlencode()
    if next_cursor:
        query["setelah"] = _encode_cursor(next_cursor)
    tab_query = request.GET.copy()
    for key in ("setelah", "tab", "status"):
        tab_query.pop(key, None)
    return render(
        request,
        "public_services/office/queue.html",
        {
            "form": form,
            "tab": tab,
            "rows": rows,
            "summary": selectors.queue_summary(request.user) if tab == "antrean" else [],
            "next_query": query.urlencode() if next_cursor else "",
            "first_query": first_query,
            "paged": after is not None,
            "tab_query": tab_query.urlencode(),
        },
    )


# --- one application ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    prefix: str
    form: Callable
    permission: str


ACTIONS = {
    "take": Action("ambil", lambda data, page: forms.TakeForm(data, prefix="ambil"), PROCESS_APPLICATION),
    "correction": Action(
        "perbaikan", lambda data, page: forms.CorrectionForm(data, prefix="perbaikan"), PROCESS_APPLICATION
    ),
    "accept": Action("terima", lambda data, page: forms.NoteForm(data, prefix="terima"), PROCESS_APPLICATION),
    "complete": Action(
        "selesai", lambda data, page: forms.NoteForm(data, prefix="selesai"), PROCESS_APPLICATION
    ),
    "sign": Action(
        "ttd",
        lambda data, page: forms.SignForm(data, prefix="ttd", assignments=page["signing_as"]),
        SIGN_APPLICATION_RESULT,
    ),
    "reject": Action("tolak", lambda data, page: forms.RejectForm(data, prefix="tolak"), PROCESS_APPLICATION),
    "return": Action(
        "kembalikan", lambda data, page: forms.ReturnForm(data, prefix="kembalikan"), SIGN_APPLICATION_RESULT
    ),
    "hand_over": Action(
        "serahkan", lambda data, page: forms.HandOverForm(data, prefix="serahkan"), HAND_OVER_RESULT
    ),
    "assign": Action(
        "tugaskan",
        lambda data, page: forms.AssignForm(
            data,
            prefix="tugaskan",
            officers=selectors.officers_of(page["application"].organisation),
            initial={"officer": page["application"].assigned_to_id},
        ),
        PROCESS_APPLICATION,
    ),
    "message": Action(
        "pesan", lambda data, page: forms.MessageForm(data, prefix="pesan"), PROCESS_APPLICATION
    ),
    "note": Action(
        "catatan", lambda data, page: forms.InternalNoteForm(data, prefix="catatan"), PROCESS_APPLICATION
    ),
}


def _detail(request, application, *, bound: dict | None = None, status: int = 200):
    page = selectors.application_page(application, request.user)
    action_forms = {}
    for name, action in ACTIONS.items():
        if page["actions"].get(name):
            action_forms[name] = (bound or {}).get(name) or action.form(None, page)
    page["forms"] = action_forms
    return render(request, "public_services/office/detail.html", page, status=status)


@login_required
@require_GET
def application_detail(request, pk: int):
    application = selectors.application_for(request.user, pk)
    return _detail(request, application)


def _act(request, pk: int, name: str, perform: Callable, success: str):
    """Run one action from the application's page: the form parses, `perform(application, form)` calls
    the service; success redirects with a message, a refusal re-renders the page keeping the input."""
    action = ACTIONS[name]
    application = selectors.application_for(request.user, pk, action.permission)
    page = selectors.application_page(application, request.user)
    form = action.form(request.POST, page)
    if form.is_valid():
        try:
            perform(application, form.cleaned_data, form)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("public_services:office_application", pk=application.pk)
    messages.error(request, _("Tindakan belum dilakukan. Periksa isian yang ditandai."))
    return _detail(request, application, bound={name: form}, status=400)


@login_required
@require_POST
def take(request, pk: int):
    return _act(
        request,
        pk,
        "take",
        lambda app, data, form: services.start_verification(
            application=app, actor=request.user, reason=data["reason"]
        ),
        _("Permohonan diambil dan mulai diperiksa."),
    )


@login_required
@require_POST
def request_correction(request, pk: int):
    return _act(
        request,
        pk,
        "correction",
        lambda app, data, form: services.request_correction(
            application=app, actor=request.user, message=data["message"]
        ),
        _("Permintaan perbaikan dikirim kepada pemohon; jam layanan berhenti."),
    )


@login_required
@require_POST
def accept(request, pk: int):
    return _act(
        request,
        pk,
        "accept",
        lambda app, data, form: services.step(
            application=app, name="accept", actor=request.user, note=data["note"]
        ),
        _("Berkas lengkap; permohonan diproses."),
    )


@login_required
@require_POST
def complete(request, pk: int):
    return _act(
        request,
        pk,
        "complete",
        lambda app, data, form: results.complete_without_document(
            application=app, actor=request.user, note=data["note"]
        ),
        _("Permohonan selesai; hasil siap diambil."),
    )


@login_required
@require_POST
def sign(request, pk: int):
    return _act(
        request,
        pk,
        "sign",
        lambda app, data, form: results.sign_result(
            application=app, actor=request.user, assignment=form.chosen()
        ),
        _("Naskah hasil ditandatangani dan diterbitkan; permohonan selesai."),
    )


@login_required
@require_POST
def return_for_revision(request, pk: int):
    return _act(
        request,
        pk,
        "return",
        lambda app, data, form: services.return_for_revision(
            application=app, actor=request.user, note=data["note"]
        ),
        _("Naskah hasil dikembalikan kepada petugas untuk diperbaiki."),
    )


@login_required
@require_POST
def reject(request, pk: int):
    return _act(
        request,
        pk,
        "reject",
        lambda app, data, form: services.reject(application=app, actor=request.user, reason=data["reason"]),
        _("Permohonan ditolak; pemohon dapat membaca alasannya."),
    )


@login_required
@require_POST
def hand_over(request, pk: int):
    return _act(
        request,
        pk,
        "hand_over",
        lambda app, data, form: services.hand_over(
            application=app, actor=request.user, received_by=data["received_by"]
        ),
        _("Penyerahan hasil dicatat."),
    )


@login_required
@require_POST
def assign(request, pk: int):
    return _act(
        request,
        pk,
        "assign",
        lambda app, data, form: services.assign(application=app, actor=request.user, officer=data["officer"]),
        _("Petugas permohonan disimpan."),
    )


@login_required
@require_POST
def message(request, pk: int):
    return _act(
        request,
        pk,
        "message",
        lambda app, data, form: services.add_message(
            application=app, kind=selectors.MessageKind.TO_APPLICANT, body=data["body"], actor=request.user
        ),
        _("Pesan dikirim kepada pemohon."),
    )


@login_required
@require_POST
def note(request, pk: int):
    return _act(
        request,
        pk,
        "note",
        lambda app, data, form: services.add_message(
            application=app, kind=selectors.MessageKind.INTERNAL, body=data["body"], actor=request.user
        ),
        _("Catatan internal disimpan."),
    )


# --- the result: preview and request for signature -------------------------------------------------


def _preview(request, application, *, note: str = "", errors=(), status: int = 200):
    """The result as it will be issued. The request-for-signature form carries the digest of exactly
    this rendering, so the service can tell the officer saw what will be signed."""
    rendered = None
    error = ""
    try:
        rendered = results.render_result(application)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    form = forms.RequestSignatureForm(
        prefix="ttd", initial={"digest": rendered.digest if rendered else "", "note": note}
    )
    return render(
        request,
        "public_services/office/preview.html",
        {
            "application": application,
            # Sanitised by render_result (the same cleaning as every naskah body).
            "body": mark_safe(rendered.html) if rendered else "",  # noqa: S308
            "error": error,
            "errors": list(errors),
            "form": form,
            "may_request": rendered is not None
            and application.status == selectors.ApplicationStatus.PROCESSING
            and authorize(request.user, PROCESS_APPLICATION, application),
        },
        status=status,
    )


@login_required
def preview(request, pk: int):
    """GET shows the result as it will be issued (to officers and signers); POST, from this page, asks
    for the signature."""
    application = selectors.application_for(request.user, pk)
    if not (
        authorize(request.user, PROCESS_APPLICATION, application)
        or authorize(request.user, SIGN_APPLICATION_RESULT, application)
    ):
        raise PermissionDenied(PROCESS_APPLICATION)
    if not results.issues_document(application):
        messages.info(request, _("Layanan ini tidak menerbitkan naskah hasil."))
        return redirect("public_services:office_application", pk=application.pk)
    if request.method != "POST":
        return _preview(request, application)
    application = selectors.application_for(request.user, pk, PROCESS_APPLICATION)
    form = forms.RequestSignatureForm(request.POST, prefix="ttd")
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        results.request_signature(
            application=application,
            actor=request.user,
            previewed_digest=form.cleaned_data.get("digest", ""),
            note=note,
        )
    except ValidationError as exc:
        return _preview(request, application, note=note, errors=exc.messages, status=400)
    messages.success(request, _("Naskah hasil diajukan untuk ditandatangani."))
    return redirect("public_services:office_application", pk=application.pk)
