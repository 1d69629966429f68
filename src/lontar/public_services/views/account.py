"""Citizen accounts on the portal: register (name, e-mail, password, then the e-mail code) and
"Permohonan saya", the signed-in citizen's own applications. Signing in and out is the platform's
(`core:login`, `core:logout`); the dashboard sends a citizen to `settings.LONTAR_CITIZEN_HOME`.
Writes go through `services.accounts`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lontar.core.middleware import client_ip
from lontar.public_services import access
from lontar.public_services.forms.account import RegisterForm
from lontar.public_services.forms.application import CodeForm
from lontar.public_services.selectors.applications import applications_of_account
from lontar.public_services.services import accounts
from lontar.public_services.views.portal import _add_errors, _private

PENDING_KEY = "ps_daftar"
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("public_services:my_applications")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = accounts.start_registration(
                name=form.cleaned_data["nama"],
                email=form.cleaned_data["surel"],
                password=form.cleaned_data["sandi"],
                ip=client_ip(request),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            request.session[PENDING_KEY] = pending.as_dict()
            return redirect("public_services:register_code")
    return _private(render(request, "public_services/portal/register.html", {"form": form}))


@require_http_methods(["GET", "POST"])
def register_code(request):
    pending = accounts.PendingRegistration.from_dict(request.session.get(PENDING_KEY))
    if pending is None:
        return redirect("public_services:register")
    form = CodeForm()
    resend_error = ""
    if request.method == "POST" and "kirim_ulang" in request.POST:
        try:
            again = accounts.resend_code(pending, ip=client_ip(request))
        except ValidationError as exc:
            resend_error = exc.messages[0]
        else:
            request.session[PENDING_KEY] = again.as_dict()
            messages.info(request, _("Kode baru sudah dikirim. Kode sebelumnya tidak berlaku lagi."))
            return redirect("public_services:register_code")
    elif request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                user = accounts.complete_registration(pending, code=form.cleaned_data["kode"])
            except ValidationError as exc:
                form.add_error("kode", exc.messages)
            else:
                request.session.pop(PENDING_KEY, None)
                login(request, user, backend=BACKEND)
                messages.success(
                    request,
                    _("Akun Anda sudah dibuat. Selamat datang, %(nama)s.") % {"nama": user.first_name},
                )
                return redirect("public_services:my_applications")
    return _private(
        render(
            request,
            "public_services/portal/register_code.html",
            {"form": form, "sent_to": pending.email, "resend_error": resend_error},
        )
    )


@login_required
def my_applications(request):
    return _private(
        render(
            request,
            "public_services/portal/my_applications.html",
            {
                "applications": applications_of_account(request.user),
                "is_citizen": access.is_citizen(request.user),
            },
        )
    )
