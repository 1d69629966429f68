"""Second factor, password change and account-security screens. Thin: services do the writes."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from lontar.core.accounts import selectors, services
from lontar.core.accounts.forms import (
    CodeForm,
    LontarPasswordChangeForm,
    LontarPasswordResetForm,
    SetupCodeForm,
)
from lontar.core.permissions import MANAGE_STAFF, require


def _safe_next(request, default: str = "") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def _qr_svg(uri: str) -> str:
    # Rendered here, inline: the secret never leaves the server for a QR service.
    return segno.make(uri, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


@never_cache
@login_required
def otp_setup(request):
    user = request.user
    next_url = _safe_next(request)
    if services.has_confirmed_device(user):
        if not user.is_verified():
            return redirect(f"{reverse('core:otp_verify')}?next={next_url}")
        messages.info(request, _("Verifikasi dua langkah sudah aktif untuk akun Anda."))
        return redirect("core:account_security")
    device = services.pending_totp_device(user=user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_totp_device(user=user, device=device, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            device.refresh_from_db()
            otp_login(request, device)
            return render(
                request,
                "core/accounts/otp_backup_codes.html",
                {"codes": codes, "next": next_url},
            )
    return render(
        request,
        "core/accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": services.base32_secret(device),
            "next": next_url,
            "required": _second_factor_required(user),
        },
    )


def _second_factor_required(user) -> bool:
    from lontar.core.auth import second_factor_required

    return second_factor_required(user)


@never_cache
@login_required
def otp_verify(request):
    user = request.user
    next_url = _safe_next(request)
    if not services.has_confirmed_device(user) or user.is_verified():
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.check_second_factor(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            otp_login(request, device)
            return redirect(next_url)
    return render(request, "core/accounts/otp_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def account_security(request):
    user = request.user
    return render(
        request,
        "core/accounts/security.html",
        {
            "has_device": services.has_confirmed_device(user),
            "required": _second_factor_required(user),
            "disable_form": CodeForm(),
            "can_manage": selectors.organisations_managed_by(user).exists(),
        },
    )


@require_POST
@login_required
def otp_disable(request):
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            services.disable_second_factor(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            messages.success(request, _("Verifikasi dua langkah dinonaktifkan."))
            if _second_factor_required(request.user):
                return redirect("core:otp_setup")
            return redirect("core:account_security")
    return render(
        request,
        "core/accounts/security.html",
        {
            "has_device": services.has_confirmed_device(request.user),
            "required": _second_factor_required(request.user),
            "disable_form": form,
            "can_manage": selectors.organisations_managed_by(request.user).exists(),
        },
        status=400,
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/accounts/password_change.html"
    form_class = LontarPasswordChangeForm
    success_url = reverse_lazy("core:account_security")

    def form_valid(self, form):
        services.change_password(user=form.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Kata sandi Anda sudah diganti."))
        return redirect(self.get_success_url())


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "core/password_reset.html"
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    success_url = reverse_lazy("core:password_reset_done")
    form_class = LontarPasswordResetForm

    def form_valid(self, form):
        users = form.get_users(form.cleaned_data["email"])
        response = super().form_valid(form)
        services.record_password_reset_requested(users=users)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("core:password_reset_complete")

    def form_valid(self, form):
        services.reset_password(user=form.user, new_password=form.cleaned_data["new_password1"])
        # The token lived in the session between the link and this form; it is spent now.
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


@never_cache
@login_required
def managed_accounts(request):
    require(request.user, MANAGE_STAFF)
    search = request.GET.get("q", "").strip()
    page = Paginator(selectors.accounts_managed_by(request.user, search=search), 50).get_page(
        request.GET.get("halaman")
    )
    rows = [
        {
            "account": account,
            "has_device": services.has_confirmed_device(account),
            "locked": selectors.is_locked_out(account),
        }
        for account in page
    ]
    return render(
        request, "core/accounts/managed_accounts.html", {"page": page, "rows": rows, "search": search}
    )


def _managed_target(request, pk):
    target = selectors.managed_account(request.user, pk)
    if target is None:
        raise Http404
    return target


@require_POST
@login_required
def reset_account_second_factor(request, pk):
    target = _managed_target(request, pk)
    if target.pk == request.user.pk:
        messages.error(request, _("Untuk akun Anda sendiri, gunakan halaman Keamanan akun."))
    else:
        services.reset_second_factor(actor=request.user, target=target)
        messages.success(
            request,
            _("Verifikasi dua langkah %(name)s diatur ulang. Ia perlu mengaturnya lagi saat masuk.")
            % {"name": target.display_name},
        )
    return redirect("core:managed_accounts")


@require_POST
@login_required
def unlock_managed_account(request, pk):
    target = _managed_target(request, pk)
    services.unlock_account(actor=request.user, target=target)
    messages.success(request, _("Kunci akun %(name)s dibuka.") % {"name": target.display_name})
    return redirect("core:managed_accounts")
