"""Error answers: JSON under /api/ (what an API client can parse and the OpenAPI document promises),
a light page in the site's language elsewhere. Wired as Django's handler400/403/404/500."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Permintaan tidak sah.")}, status=400)
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Anda tidak berwenang melakukan tindakan ini.")}, status=403)
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Tidak ditemukan.")}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": _("Terjadi galat pada server. Silakan coba lagi.")}, status=500)
    # No request context: whatever broke the page may break the context processors too.
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
