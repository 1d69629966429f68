"""Open311 GeoReport v2 endpoints (plain Django views, outside the DRF schema) and the office screen
where the administrator creates and revokes client keys. Reads go through selectors, writes through
services; no model is touched here."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseForbidden, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST, require_safe

from lontar.complaints.open311 import render as out
from lontar.complaints.open311 import selectors, services
from lontar.complaints.open311.forms import ClientForm
from lontar.complaints.open311.services import IDENTITY_CHOICES, Open311Error

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-24T00:00:00+07:00"
MAX_NUMBERS = 100


def _error(status: int, description: str, format: str):
    return out.errors(status, [description], format=format)


def _client(request, format: str):
    """(client, error response): the client named by `api_key`; none given is an anonymous reader."""
    source = request.POST if request.method == "POST" else request.GET
    api_key = source.get("api_key", "")
    if not api_key:
        return None, None
    client = services.client_for_key(api_key)
    if client is None:
        return None, _error(403, _("api_key tidak sah atau sudah dicabut."), format)
    return client, None


def _office(request, format: str):
    return selectors.jurisdiction(request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id"))


# --- discovery ----------------------------------------------------------------------------------


@require_safe
def discovery(request, format: str):
    endpoint = request.build_absolute_uri(reverse("open311:services", kwargs={"format": format}))
    root = endpoint.rsplit("/", 1)[0] + "/"
    document = {
        "changeset": CHANGESET,
        "contact": _("Hubungi administrator kantor kecamatan untuk memperoleh api_key."),
        "key_service": request.build_absolute_uri("/"),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": root,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return out.respond(document, format=format, xml_root="discovery")


# --- services -----------------------------------------------------------------------------------


def _service_item(category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.unit.name if category.unit_id else "",
    }


@require_safe
def service_list(request, format: str):
    office, error = _office(request, format)
    if error:
        return _error(*error, format)
    items = [_service_item(c) for c in selectors.services_of(office)]
    return out.respond(items, format=format, xml_root="services")


def _attributes() -> list[dict]:
    kinds = [
        {"key": "pengaduan", "name": _("Pengaduan (wajib menyertakan lokasi)")},
        {"key": "saran", "name": _("Saran")},
        {"key": "pertanyaan", "name": _("Pertanyaan")},
    ]
    identities = dict(
        zip(
            IDENTITY_CHOICES,
            [
                _("Identitas dicatat dan terlihat oleh petugas"),
                _("Identitas dirahasiakan: hanya petugas penanganan yang melihat"),
                _("Anonim: nama, surel, dan telepon tidak disimpan sama sekali"),
            ],
            strict=True,
        )
    )
    return [
        {
            "variable": True,
            "code": "jenis",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("Salah satu kunci di bawah; bawaan: pengaduan."),
            "order": 1,
            "description": _("Jenis laporan"),
            "values": kinds,
        },
        {
            "variable": True,
            "code": "identitas",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("Salah satu kunci di bawah; bawaan: biasa."),
            "order": 2,
            "description": _("Perlakuan identitas pelapor"),
            "values": [{"key": key, "name": name} for key, name in identities.items()],
        },
    ]


@require_safe
def service_definition(request, service_code: str, format: str):
    office, error = _office(request, format)
    if error:
        return _error(*error, format)
    category = selectors.service(office, service_code)
    if category is None:
        return _error(404, _("service_code tidak dikenal di yurisdiksi ini."), format)
    return out.respond(
        {"service_code": category.code, "attributes": _attributes()},
        format=format,
        xml_root="service_definition",
    )


# --- service requests ---------------------------------------------------------------------------


def _moment(value: str, tz: ZoneInfo, *, end: bool) -> dt.datetime:
    value = value.strip()
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is None:
            raise ValidationError(value)
        moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment


def _query(params, office) -> selectors.RequestQuery:
    numbers = tuple(n for n in (params.get("service_request_id") or "").split(",") if n.strip())
    if len(numbers) > MAX_NUMBERS:
        raise Open311Error(400, _("Paling banyak %(n)s service_request_id sekaligus.") % {"n": MAX_NUMBERS})
    codes = tuple(c.strip() for c in (params.get("service_code") or "").split(",") if c.strip())
    statuses = tuple(s.strip().lower() for s in (params.get("status") or "").split(",") if s.strip())
    if any(s not in ("open", "closed") for s in statuses):
        raise Open311Error(400, _("status harus open atau closed."))
    tz = ZoneInfo(office.timezone)
    start = end = None
    for name in ("start_date", "end_date"):
        if params.get(name):
            try:
                moment = _moment(params[name], tz, end=name == "end_date")
            except ValidationError:
                raise Open311Error(
                    400,
                    _("%(name)s harus tanggal-waktu ISO 8601, misalnya 2026-11-01T00:00:00+07:00.")
                    % {"name": name},
                ) from None
            if name == "start_date":
                start = moment
            else:
                end = moment
    window = dt.timedelta(days=selectors.DEFAULT_DAYS)
    if start and end and start > end:
        raise Open311Error(400, _("start_date harus sebelum end_date."))
    if start and end and end - start > window:
        raise Open311Error(400, _("Rentang start_date sampai end_date paling lama 90 hari."))
    if start is None and end is None:
        start = dt.datetime.now(tz) - window
    elif start is None:
        start = end - window
    return selectors.RequestQuery(
        numbers=numbers, service_codes=codes, start=start, end=end, statuses=statuses
    )


def request_list(request, format: str):
    office, error = _office(request, format)
    if error:
        return _error(*error, format)
    client, refused = _client(request, format)
    if refused:
        return refused
    try:
        query = _query(request.GET, office)
    except Open311Error as exc:
        return out.errors(exc.status, exc.descriptions, format=format)
    items = [r.as_dict() for r in selectors.requests_of(office, client, query)]
    return out.respond(items, format=format, xml_root="service_requests")


@require_safe
def request_detail(request, service_request_id: str, format: str):
    office, error = _office(request, format)
    if error:
        return _error(*error, format)
    client, refused = _client(request, format)
    if refused:
        return refused
    found = selectors.request_of(office, client, service_request_id)
    if found is None:
        return _error(404, _("service_request_id tidak ditemukan."), format)
    return out.respond([found.as_dict()], format=format, xml_root="service_requests")


def request_create(request, format: str):
    if not request.POST.get("api_key"):
        return _error(403, _("api_key wajib untuk membuat laporan."), format)
    client, refused = _client(request, format)
    if refused:
        return refused
    wanted = (request.POST.get("jurisdiction_id") or request.GET.get("jurisdiction_id") or "").strip()
    if wanted and wanted.lower() != client.organisation.code.lower():
        return _error(
            403,
            _("api_key ini tidak berlaku untuk jurisdiction_id %(value)s.") % {"value": wanted[:40]},
            format,
        )
    if not (request.POST.get("service_code") or "").strip():
        return _error(400, _("service_code wajib diisi."), format)
    category = selectors.service(client.organisation, request.POST["service_code"])
    try:
        posted = services.submit_request(client=client, params=request.POST, category=category)
    except Open311Error as exc:
        return out.errors(exc.status, exc.descriptions, format=format)
    submission = posted.submission
    complaint = submission.complaint
    notice = _(
        "Laporan diterima dengan nomor %(number)s. "
        "Kantor memverifikasi dan meneruskannya paling lambat %(date)s."
    ) % {
        "number": complaint.number,
        "date": complaint.due_date.strftime("%d-%m-%Y"),
    }
    item = {
        "service_request_id": complaint.number,
        "service_notice": notice,
        "account_id": submission.account_id or None,
        "token": submission.token,
    }
    if posted.secret:
        # Not in GeoReport v2 (clients ignore unknown fields): the reporter's own tracking link, given
        # once to the application that filed the report, so the reporter can follow it, reply, rate and
        # re-open on the portal. Only its HMAC is kept, so a repeated POST cannot give it again.
        item["tracking_url"] = settings.SITE_URL.rstrip("/") + reverse(
            "complaints:track_link", kwargs={"number": complaint.number, "secret": posted.secret}
        )
    return out.respond(
        [item], format=format, xml_root="service_requests", status=201 if posted.created else 200
    )


@csrf_exempt  # an API for other servers: authenticated by api_key, never by a session cookie
def request_list_or_create(request, format: str):
    """GET lists service requests; POST creates one (the spec puts both on requests.{format})."""
    if request.method in ("GET", "HEAD"):
        return request_list(request, format)
    if request.method == "POST":
        return request_create(request, format)
    return HttpResponseNotAllowed(["GET", "HEAD", "POST"])


@require_safe
def token_detail(request, token_id: str, format: str):
    number = selectors.number_for_token(token_id)
    if number is None:
        return _error(404, _("token_id tidak ditemukan."), format)
    return out.respond(
        [{"service_request_id": number, "token": token_id.strip().lower()}],
        format=format,
        xml_root="service_requests",
    )


# --- the office's client keys -------------------------------------------------------------------


@login_required
@require_GET
def client_list(request):
    offices = selectors.managed_offices(request.user)
    if not offices.exists():
        return HttpResponseForbidden()
    return render(
        request,
        "open311/client_list.html",
        {"clients": selectors.clients_of(request.user), "form": ClientForm(offices=offices)},
    )


@login_required
@require_POST
def client_create(request):
    offices = selectors.managed_offices(request.user)
    if not offices.exists():
        raise PermissionDenied
    form = ClientForm(request.POST, offices=offices)
    if form.is_valid():
        try:
            new = services.create_client(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # The key is shown on this answer only; it is never stored or shown again.
            response = render(request, "open311/client_created.html", {"client": new.client, "key": new.key})
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "open311/client_list.html",
        {"clients": selectors.clients_of(request.user), "form": form},
        status=400,
    )


@login_required
@require_POST
def client_revoke(request, pk: int):
    client = selectors.client_for(request.user, pk)
    services.revoke_client(actor=request.user, client=client)
    return redirect("open311:client_list")
