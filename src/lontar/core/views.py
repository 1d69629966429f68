"""Platform screens: sign-in, dashboard, health check. Thin: they read through selectors and
write through services."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lontar.core.accounts.services import has_confirmed_device
from lontar.core.forms import SignInForm
from lontar.core.navigation import nav_for, pending_work_for
from lontar.core.selectors import dashboard_context


class SignInView(auth_views.LoginView):
    """Password first; then the second factor when the account has one; then the user's language."""

    template_name = "core/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if has_confirmed_device(user):
            query = urlencode({"next": self.get_success_url()})
            response = redirect(f"{reverse('core:otp_verify')}?{query}")
        language = user.preferred_language
        if language in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def _is_citizen(user) -> bool:
    """An account without any role or staff record: a citizen of the public portal."""
    return not (
        user.is_superuser or user.is_staff or user.memberships.exists() or getattr(user, "staff", None)
    )


@login_required
def dashboard(request):
    citizen_home = getattr(settings, "LONTAR_CITIZEN_HOME", "")
    if citizen_home and _is_citizen(request.user):
        return redirect(citizen_home)
    return render(
        request,
        "core/dashboard.html",
        {
            "pending": pending_work_for(request.user),
            "shortcuts": [item for item in nav_for(request.user) if item.description],
            "here": dashboard_context(request.user),
        },
    )


@never_cache
@require_GET
def healthz(request):
    checks = {}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
        status = 503
    if settings.REDIS_URL:
        try:
            import redis

            # socket_timeout also bounds the connect: a firewalled Redis answers 503 in 2 s, not never.
            with redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2) as client:
                client.ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"error: {exc.__class__.__name__}"
            status = 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "checks": checks}, status=status)
