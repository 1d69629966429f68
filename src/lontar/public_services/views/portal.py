"""The citizen's pages: apply online (contact code, form, draft, confirmation) and public tracking.

Without an account a citizen proves a contact with a one-time code before applying, and reaches an
application by its number and secret. A citizen signed in with an account (`access.is_citizen`; see
`views.account`) skips the code (their e-mail was verified at registration), and reaches their own
applications without the secret. What a browser may reach is decided in `access.py`; writes go
through `services.citizen` / `services.verification`. Pages about an application are never cached
and never indexed.
"""

from __future__ import annotations

import uuid

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lontar.core.documents.services import file_name
from lontar.core.middleware import client_ip
from lontar.public_services import access, tracking
from lontar.public_services.forms.application import (
    ApplicationForm,
    CodeForm,
    ContactForm,
    TrackForm,
    initial_from,
    locked_contact,
)
from lontar.public_services.services import applications as app_services
from lontar.public_services.services import citizen
from lontar.public_services.services import verification as contact_codes
from lontar.public_services.validators import display_phone


def _private(response, *, no_referrer: bool = False):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    if no_referrer:
        # The secret is in the address of a QR link: never pass it on to another site. ("no-referrer"
        # would also make the browser send "Origin: null" with the page's own forms, which CSRF refuses.)
        response["Referrer-Policy"] = "same-origin"
    return response


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")


def _track_link(request, number: str, secret: str) -> str:
    return request.build_absolute_uri(
        reverse("public_services:track_link", kwargs={"number": number, "secret": secret})
    )


def _shown_contact(verification) -> str:
    if verification is None:
        return ""
    return (
        display_phone(verification.address) if verification.address.startswith("+") else verification.address
    )


# --- apply: contact verification ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apply_contact(request, org_id: int, code: str):
    service = access.open_service(org_id, code)
    if access.is_citizen(request.user):
        return redirect("public_services:apply", org_id=service.organisation_id, code=service.code)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verification = contact_codes.request_code(
                channel="surel" if form.cleaned_data["kanal"] == "surel" else "telepon",
                address=form.cleaned_data["alamat"],
                ip=client_ip(request),
            )
        except ValidationError as exc:
            form.add_error("alamat", exc.messages)
        else:
            access.remember_pending_contact(request, verification.token)
            return redirect("public_services:apply_code", org_id=service.organisation_id, code=service.code)
    return _private(
        render(request, "public_services/portal/apply_contact.html", {"service": service, "form": form})
    )


@require_http_methods(["GET", "POST"])
def apply_code(request, org_id: int, code: str):
    service = access.open_service(org_id, code)
    if access.is_citizen(request.user):
        return redirect("public_services:apply", org_id=service.organisation_id, code=service.code)
    pending = contact_codes.pending(access.pending_contact_token(request))
    if pending is None:
        return redirect("public_services:apply_contact", org_id=service.organisation_id, code=service.code)
    form = CodeForm()
    resend_error = ""
    if request.method == "POST" and "kirim_ulang" in request.POST:
        try:
            again = contact_codes.request_code(
                channel=pending.channel, address=pending.address, ip=client_ip(request)
            )
        except ValidationError as exc:
            resend_error = exc.messages[0]
        else:
            access.remember_pending_contact(request, again.token)
            messages.info(request, _("Kode baru sudah dikirim. Kode sebelumnya tidak berlaku lagi."))
            return redirect("public_services:apply_code", org_id=service.organisation_id, code=service.code)
    elif request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                verified = contact_codes.check_code(token=pending.token, code=form.cleaned_data["kode"])
            except ValidationError as exc:
                form.add_error("kode", exc.messages)
            else:
                access.remember_contact(request, verified.token)
                return redirect("public_services:apply", org_id=service.organisation_id, code=service.code)
    return _private(
        render(
            request,
            "public_services/portal/apply_code.html",
            {
                "service": service,
                "form": form,
                "sent_to": _shown_contact(pending),
                "channel": pending.channel,
                "resend_error": resend_error,
            },
        )
    )


# --- apply: the form, drafts, submission ----------------------------------------------------------


def _apply_page(request, service, standard, form, draft=None):
    context = {
        "service": service,
        "standard": standard,
        "form": form,
        "draft": draft,
        "other_requirements": [r for r in standard.requirements.all() if not r.needs_upload],
    }
    if draft is not None:
        secret = access.receipt_secret(request, draft)
        context["draft_secret"] = secret
        context["draft_link"] = _track_link(request, draft.number, secret) if secret else ""
    return _private(render(request, "public_services/portal/apply.html", context))


@require_http_methods(["GET", "POST"])
def apply(request, org_id: int, code: str):
    service = access.open_service(org_id, code)
    if not service.accepts_online:
        return render(request, "public_services/portal/apply_closed.html", {"service": service})
    number = (request.POST.get("nomor") or request.GET.get("nomor") or "").strip()
    draft = verification = None
    account = request.user if access.is_citizen(request.user) else None
    if number:
        draft = access.granted_application(request, number)
        if draft is None or draft.service_id != service.pk:
            messages.info(request, _("Buka draf Anda lewat halaman lacak dengan nomor dan kode rahasianya."))
            return redirect("public_services:track")
        if not access.is_draft(draft):
            messages.info(request, _("Permohonan ini sudah kami terima."))
            return redirect("public_services:receipt", number=draft.number)
    elif account is None:
        verification = contact_codes.verified_contact(access.contact_token(request))
        if verification is None:
            return redirect(
                "public_services:apply_contact", org_id=service.organisation_id, code=service.code
            )
    try:
        standard = draft.standard if draft else app_services.standard_in_force(service)
    except ValidationError as exc:
        return render(
            request,
            "public_services/portal/apply_closed.html",
            {"service": service, "reason": exc.messages[0]},
        )
    locked = locked_contact(draft, verification, account)
    kept = tracking.kept_uploads(draft) if draft else {}
    if request.method == "GET":
        initial = initial_from(draft) if draft else {"kunci": uuid.uuid4().hex}
        if account is not None and draft is None:
            initial = {**initial, "nama": account.get_full_name(), "surel": account.email}
        form = ApplicationForm(standard, initial=initial, locked=locked, kept=kept)
        return _apply_page(request, service, standard, form, draft)

    submitting = "ajukan" in request.POST
    form = ApplicationForm(
        standard, request.POST, request.FILES, locked=locked, kept=kept, submitting=submitting
    )
    valid = form.is_valid()
    if not form.can_save:
        if form.uploads():
            form.add_error(
                None,
                _(
                    "Berkas yang Anda pilih belum tersimpan karena nama pemohon belum diisi. Isi nama, lalu "
                    "pilih berkas itu lagi."
                ),
            )
        return _apply_page(request, service, standard, form, draft)
    try:
        saved = citizen.save_online_application(
            service=service,
            application=draft,
            submit_key=form.cleaned_data.get("kunci") or uuid.uuid4().hex,
            applicant=form.applicant(),
            answers=form.answers(),
            uploads=form.uploads(),
            submit=submitting and valid,
            may_continue=lambda application: access.may_act(request, application),
            applicant_user=account,
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return _apply_page(request, service, standard, form, draft)
    application = saved.application
    if saved.key_used_elsewhere:
        messages.info(
            request,
            _(
                "Permohonan ini sudah kami terima. Lacak dengan nomor dan kode rahasia yang ditampilkan "
                "saat pertama kali dikirim; nomornya juga dikirim ke surel atau telepon Anda."
            ),
        )
        return redirect("public_services:track")
    if saved.created:
        access.remember_receipt(request, application, saved.secret)
    if saved.already_received or saved.submitted:
        if saved.already_received:
            messages.info(request, _("Permohonan ini sudah kami terima. Anda tidak perlu mengirimnya lagi."))
        return redirect("public_services:receipt", number=application.number)
    if not submitting and valid and not saved.upload_errors:
        messages.success(request, _("Draf tersimpan. Anda dapat melanjutkannya kapan saja."))
        url = reverse(
            "public_services:apply", kwargs={"org_id": service.organisation_id, "code": service.code}
        )
        return redirect(f"{url}?nomor={application.number}")
    # Something to fix. What was right is saved; show the form again on the draft with the messages.
    kept = tracking.kept_uploads(application)
    data = request.POST.copy()
    data["nomor"] = application.number
    form = ApplicationForm(
        standard, data, locked=locked_contact(application), kept=kept, submitting=submitting
    )
    form.is_valid()
    for name, errors in saved.upload_errors.items():
        form.add_error(name, errors)
    if saved.error is not None:
        _add_errors(form, saved.error)
    if submitting:
        form.add_error(
            None,
            _(
                "Permohonan belum diajukan: perbaiki isian yang ditandai. Isian dan berkas yang benar sudah "
                "disimpan sebagai draf."
            ),
        )
    return _apply_page(request, service, standard, form, application)


def receipt(request, number: str):
    """The confirmation: number, the secret (only in the browser that created it), QR, due date."""
    application = access.granted_application(request, number)
    if application is None:
        return redirect(f"{reverse('public_services:track')}?nomor={number[:30]}")
    secret = access.receipt_secret(request, application)
    link = _track_link(request, application.number, secret) if secret else ""
    return _private(
        render(
            request,
            "public_services/portal/receipt.html",
            {
                "application": application,
                "secret": secret,
                "link": link,
                "qr_svg": _qr_svg(link) if link else "",
                "is_draft": access.is_draft(application),
            },
        )
    )


# --- tracking -------------------------------------------------------------------------------------


def _track_form(request, form, *, failed: bool = False, refused: bool = False):
    status = 429 if refused else 200
    return _private(
        render(
            request,
            "public_services/portal/track.html",
            {"form": form, "failed": failed, "refused": refused},
            status=status,
        )
    )


@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "POST":
        form = TrackForm(request.POST)
        if not form.is_valid():
            return _track_form(request, form)
        number = form.cleaned_data["nomor"]
        if access.tracking_refused(request, number):
            return _track_form(request, form, refused=True)
        application = access.application_for(number, form.cleaned_data["rahasia"])
        if application is None:
            access.note_failed_attempt(request, number)
            return _track_form(request, TrackForm(initial={"nomor": number}), failed=True)
        access.grant_access(request, application)
        return _after_grant(application, request.POST.get("lanjut", ""))
    return _track_form(request, TrackForm(initial={"nomor": request.GET.get("nomor", "")[:30]}))


def _after_grant(application, next_step: str):
    """Where the tracking form leads: the page, or straight to the action the QR page's button named."""
    if next_step == "unduh" and access.may_download(application):
        return redirect("public_services:track_download", number=application.number)
    if next_step == "draf" and access.is_draft(application):
        url = reverse(
            "public_services:apply",
            kwargs={"org_id": application.organisation_id, "code": application.service.code},
        )
        return redirect(f"{url}?nomor={application.number}")
    if next_step == "survei" and access.may_answer_survey(application):
        # The satisfaction survey lives in the surveys module, reached by URL name only.
        return redirect("surveys:invitation", number=application.number)
    return redirect("public_services:track_detail", number=application.number)


def _detail(request, application, correction_form=None, *, secret: str = "", no_referrer: bool = False):
    """The tracking page. `secret` (from the QR link, in a browser without the grant) goes into the
    page's action forms, which prove it again when used."""
    view = tracking.tracking(application)
    if view.correction and correction_form is None:
        correction_form = ApplicationForm(
            application.standard,
            initial=initial_from(application),
            locked=locked_contact(application),
            kept=view.kept_uploads,
            with_message=True,
        )
    return _private(
        render(
            request,
            "public_services/portal/track_detail.html",
            {
                "t": view,
                "application": application,
                "form": correction_form,
                "granted": access.may_act(request, application),
                "owner": access.is_owner(request, application),
                "secret": secret,
            },
        ),
        no_referrer=no_referrer,
    )


def track_detail(request, number: str):
    application = access.granted_application(request, number)
    if application is None:
        # Same page for an unknown number and for a known one without the secret.
        return _track_form(request, TrackForm(initial={"nomor": number[:30]}))
    return _detail(request, application)


def track_link(request, number: str, secret: str):
    """The QR link: number and secret in the address. Never writes the session (it is the page the
    QR codes of every receipt lead to, read far more often than acted on)."""
    if access.tracking_refused(request, number):
        return _track_form(request, TrackForm(initial={"nomor": number[:30]}), refused=True)
    application = access.application_for(number, secret)
    if application is None:
        access.note_failed_attempt(request, number)
        return _track_form(request, TrackForm(initial={"nomor": number[:30]}), failed=True)
    granted = access.may_act(request, application)
    return _detail(request, application, secret="" if granted else secret.upper(), no_referrer=True)


@require_http_methods(["GET", "POST"])
def track_correct(request, number: str):
    application = access.reachable_application(request, number, request.POST.get("rahasia", ""))
    if application is None:
        return _track_form(request, TrackForm(initial={"nomor": number[:30]}))
    if request.method == "GET" or not access.needs_correction(application):
        return redirect("public_services:track_detail", number=application.number)
    kept = tracking.kept_uploads(application)
    form = ApplicationForm(
        application.standard,
        request.POST,
        request.FILES,
        locked=locked_contact(application),
        kept=kept,
        submitting=True,
        with_message=True,
    )
    valid = form.is_valid()
    saved = citizen.send_correction(
        application=application,
        applicant=form.applicant(),
        answers=form.answers(),
        uploads=form.uploads(),
        message=form.cleaned_data.get("pesan", ""),
        resubmit=valid,
    )
    if saved.submitted:
        messages.success(
            request, _("Perbaikan terkirim. Petugas akan memeriksanya; waktu penyelesaian berjalan kembali.")
        )
        return redirect("public_services:track_detail", number=application.number)
    if saved.already_received:
        return redirect("public_services:track_detail", number=application.number)
    form = ApplicationForm(
        application.standard,
        request.POST,
        locked=locked_contact(application),
        kept=tracking.kept_uploads(application),
        submitting=True,
        with_message=True,
    )
    form.is_valid()
    for name, errors in saved.upload_errors.items():
        form.add_error(name, errors)
    if saved.error is not None:
        _add_errors(form, saved.error)
    form.add_error(
        None, _("Perbaikan belum terkirim: periksa isian yang ditandai. Yang sudah benar telah disimpan.")
    )
    return _detail(request, application, form)


def track_download(request, number: str):
    application = access.granted_application(request, number)
    if application is None:
        return _track_form(request, TrackForm(initial={"nomor": number[:30]}))
    if not access.may_download(application):
        raise Http404
    document = application.result_document
    citizen.record_result_download(application)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=file_name(document.document_type, document.number),
        content_type="application/pdf",
    )
    return _private(response)


@require_POST
def track_forget(request):
    access.forget_all(request)
    messages.info(request, _("Perangkat ini tidak lagi menyimpan akses ke permohonan Anda."))
    return redirect("public_services:track")
