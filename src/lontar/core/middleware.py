"""Request id and client address for the audit trail, idle sign-out, second-factor policy."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lontar.core import context


def client_ip(request) -> str:
    # Behind nginx the real address arrives in X-Forwarded-For; take the nearest proxy's view.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.META.get("HTTP_X_REQUEST_ID", "")[:64] or uuid.uuid4().hex
        request.request_id = request_id
        token = context.set_current(
            context.RequestContext(request_id=request_id, ip_address=client_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the user chose otherwise (language cookie, set by the language
    switcher and at sign-in from the account's preferred language).

    The browser's Accept-Language is ignored on purpose: many office phones and PCs run an
    English system, and their users still expect the Indonesian interface.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


API_PREFIX = "/api/"


class IdleTimeoutMiddleware:
    """Sign a user out after SESSION_IDLE_TIMEOUT seconds without a request.

    The timestamp is refreshed at most once a minute so an active user does not cost a session
    write on every request. An API call after the timeout goes on signed out, so the API answers
    it as it answers any call without credentials.
    """

    KEY = "lontar_last_seen"
    # Read by the sign-out audit receiver, so the trail tells an idle sign-out from a chosen one.
    LOGOUT_REASON = "idle"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(self.KEY, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                request.lontar_logout_reason = self.LOGOUT_REASON
                logout(request)
                if request.path.startswith(API_PREFIX):
                    return self.get_response(request)
                messages.info(
                    request,
                    _("Sesi Anda berakhir karena tidak ada aktivitas. Silakan masuk kembali."),
                )
                return redirect(f"{reverse('core:login')}?next={request.path}")
            if now - last_seen >= 60 or self.KEY not in request.session:
                request.session[self.KEY] = now
        return self.get_response(request)


class SecondFactorPolicyMiddleware:
    """Nothing but the sign-in pages until the second factor is passed.

    * anyone with a confirmed device must enter a code (TOTP or backup) after the password;
    * leaders and administrators of an office that requires it, without a device, must set one up.

    Pages redirect to the code or set-up page; the API, which a browser session also reaches,
    answers 403 with a JSON message instead, so no path leads around the second factor.
    """

    EXEMPT_PREFIXES = (
        "/akun/masuk/",
        "/akun/keluar/",
        "/akun/lupa-sandi/",
        "/akun/atur-sandi/",
        "/akun/dua-langkah/",
        "/i18n/",
        "/static/",
        "/healthz",
        "/verifikasi/",
        "/media/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and not user.is_verified()
        ):
            from lontar.core.accounts.services import has_confirmed_device
            from lontar.core.auth import second_factor_required

            target = None
            if has_confirmed_device(user):
                target = "core:otp_verify"
            elif second_factor_required(user):
                target = "core:otp_setup"
            if target is not None:
                if request.path.startswith(API_PREFIX):
                    return JsonResponse(
                        {"detail": _("Selesaikan verifikasi dua langkah sebelum memakai API.")}, status=403
                    )
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
