"""Writes of the Open311 module: client keys (office administrator) and posted service requests.

Every write is keyword-only, runs in one transaction and is audited. Posting goes through the
complaints module's `file_complaint` with channel open311, so an Open311 request is an ordinary
complaint in the staff inbox, on the same SP4N-LAPOR! clock.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.complaints.models import ComplaintChannel, ComplaintKind
from lontar.complaints.open311 import keys
from lontar.complaints.open311.models import Open311Client, Open311Submission
from lontar.complaints.open311.permissions import MANAGE_OPEN311_CLIENTS
from lontar.complaints.services.complaints import file_complaint
from lontar.core import audit
from lontar.core.permissions import require

AUDITED = ["name", "key_prefix", "is_active", "hourly_limit", "revoked_at"]

# Identity choices of the `identitas` attribute.
IDENTITY_NORMAL = "biasa"
IDENTITY_CONFIDENTIAL = "rahasia"
IDENTITY_ANONYMOUS = "anonim"
IDENTITY_CHOICES = (IDENTITY_NORMAL, IDENTITY_CONFIDENTIAL, IDENTITY_ANONYMOUS)
# Kinds that must say where: a complaint is about something somewhere; a suggestion or a question is
# about the office itself (decision 0018).
KINDS_NEEDING_LOCATION = frozenset({ComplaintKind.COMPLAINT})


class Open311Error(Exception):
    """An Open311 error answer: HTTP status and the descriptions for the spec's error list."""

    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__(status, descriptions)
        self.status = status
        self.descriptions = tuple(str(d) for d in descriptions)


@dataclass(frozen=True)
class NewClient:
    client: Open311Client
    key: str  # exists only here: shown once to the administrator


def create_client(*, actor, organisation, name: str) -> NewClient:
    require(actor, MANAGE_OPEN311_CLIENTS, organisation=organisation)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama aplikasi wajib diisi.")})
    if len(name) > 100:
        raise ValidationError({"name": _("Nama aplikasi paling panjang 100 karakter.")})
    key = keys.new_key()
    with transaction.atomic():
        client = Open311Client.objects.create(
            organisation=organisation,
            name=name,
            key_prefix=keys.display_prefix(key),
            key_hash=keys.key_hash(key),
            created_by=actor,
        )
        audit.record(
            actor=actor, action="open311.client.create", obj=client, after=audit.snapshot(client, AUDITED)
        )
    return NewClient(client, key)


def revoke_client(*, actor, client: Open311Client) -> Open311Client:
    require(actor, MANAGE_OPEN311_CLIENTS, client)
    with transaction.atomic():
        client = Open311Client.objects.select_for_update().get(pk=client.pk)
        if not client.is_active:
            return client
        before = audit.snapshot(client, AUDITED)
        client.is_active = False
        client.revoked_at = timezone.now()
        client.revoked_by = actor
        client.save(update_fields=["is_active", "revoked_at", "revoked_by"])
        audit.record(
            actor=actor,
            action="open311.client.revoke",
            obj=client,
            before=before,
            after=audit.snapshot(client, AUDITED),
        )
    return client


def client_for_key(api_key: str) -> Open311Client | None:
    """The active client holding `api_key`, or None (unknown, revoked, or its office closed)."""
    api_key = (api_key or "").strip()
    if not api_key or len(api_key) > 200:
        return None
    return (
        Open311Client.objects.select_related("organisation")
        .filter(key_hash=keys.key_hash(api_key), is_active=True, organisation__is_active=True)
        .first()
    )


def _coordinate(value: str, *, name: str, limit: int) -> Decimal:
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, AttributeError):
        raise Open311Error(400, _("%(name)s harus berupa angka desimal.") % {"name": name}) from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise Open311Error(
            400, _("%(name)s harus di antara -%(limit)s dan %(limit)s.") % {"name": name, "limit": limit}
        )
    return number


def _short(params: dict, name: str, max_length: int) -> str:
    value = (params.get(name) or "").strip()
    if len(value) > max_length:
        raise Open311Error(
            400, _("%(name)s paling panjang %(n)s karakter.") % {"name": name, "n": max_length}
        )
    return value


def _choice(params: dict, code: str, choices, default: str) -> str:
    value = (params.get(f"attribute[{code}]") or "").strip() or default
    if value not in choices:
        raise Open311Error(
            400,
            _("attribute[%(code)s] harus salah satu dari: %(choices)s.")
            % {"code": code, "choices": ", ".join(choices)},
        )
    return value


@dataclass(frozen=True)
class Posted:
    submission: Open311Submission
    created: bool
    secret: str = ""  # the reporter's tracking secret: exists only in the answer to the first POST


def submit_request(*, client: Open311Client, params: dict, category) -> Posted:
    """File a complaint from an Open311 POST of `client` (already authenticated, for its own office).

    `params` are the POSTed fields; `category` the service (None when unknown: 404). Raises Open311Error
    with the spec's status and Indonesian descriptions; nothing is saved then."""
    office = client.organisation
    if category is None:
        raise Open311Error(404, _("service_code tidak dikenal di yurisdiksi ini."))
    recent = Open311Submission.objects.filter(
        client=client, created_at__gte=timezone.now() - dt.timedelta(hours=1)
    ).count()
    if recent >= client.hourly_limit:
        raise Open311Error(
            429,
            _("Batas %(n)s laporan per jam untuk kunci ini tercapai. Coba lagi nanti.")
            % {"n": client.hourly_limit},
        )
    kind = _choice(params, "jenis", ComplaintKind.values, ComplaintKind.COMPLAINT)
    identity = _choice(params, "identitas", IDENTITY_CHOICES, IDENTITY_NORMAL)
    lat, long = (params.get("lat") or "").strip(), (params.get("long") or "").strip()
    if bool(lat) != bool(long):
        raise Open311Error(400, _("lat dan long harus dikirim bersama."))
    latitude = _coordinate(lat, name="lat", limit=90) if lat else None
    longitude = _coordinate(long, name="long", limit=180) if long else None
    address = _short(params, "address_string", 300)
    _short(params, "address_id", 100)  # accepted, but Lontar keeps no address register (decision 0018)
    if kind in KINDS_NEEDING_LOCATION and latitude is None and not address:
        raise Open311Error(
            400,
            _(
                "Lokasi wajib untuk pengaduan: kirim lat dan long, atau address_string. "
                "address_id tidak dikenal di sini."
            ),
        )
    media_url = _short(params, "media_url", 500)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise Open311Error(400, _("media_url harus alamat http atau https yang sah.")) from None
    account_id = _short(params, "account_id", 100)
    device_id = _short(params, "device_id", 100)
    name = " ".join(p for p in (_short(params, "first_name", 100), _short(params, "last_name", 100)) if p)
    reporter = {
        "name": name,
        "email": _short(params, "email", 254),
        "phone": _short(params, "phone", 30),
    }
    description = params.get("description") or ""
    idempotency = _short(params, "idempotency_key", 64)
    submit_key = keys.key_hash(f"{client.pk}:{idempotency}")[:40] if idempotency else None
    try:
        with transaction.atomic():
            new = file_complaint(
                organisation=office,
                channel=ComplaintChannel.OPEN311,
                description=description,
                category=category,
                kind=kind,
                address=address,
                latitude=latitude,
                longitude=longitude,
                reporter=reporter,
                is_anonymous=identity == IDENTITY_ANONYMOUS,
                is_confidential=identity == IDENTITY_CONFIDENTIAL,
                service_name=category.name,
                actor=None,
                submit_key=submit_key,
            )
            if not new.created:
                submission = Open311Submission.objects.filter(complaint=new.complaint, client=client).first()
                if submission is None:
                    raise Open311Error(400, _("idempotency_key ini sudah dipakai untuk laporan lain."))
                return Posted(submission, created=False)
            submission = Open311Submission.objects.create(
                organisation=office,
                client=client,
                complaint=new.complaint,
                token=secrets.token_hex(16),
                account_id=account_id,
                device_id=device_id,
                media_url=media_url,
            )
            Open311Client.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
            audit.record(
                actor=None,
                action="open311.request.create",
                obj=new.complaint,
                actor_label=_("Klien Open311: %(name)s") % {"name": client.name},
                after={"klien": str(client), "nomor": new.complaint.number, "token": submission.token},
            )
    except ValidationError as exc:
        raise Open311Error(400, *_messages(exc)) from None
    except PermissionDenied:
        raise Open311Error(403, _("Kantor ini tidak menerima laporan melalui Open311.")) from None
    return Posted(submission, created=True, secret=new.secret)


FIELD_NAMES = {
    "description": "description",
    "title": "description",
    "location": "address_string",
    "address": "address_string",
    "latitude": "lat",
    "longitude": "long",
    "category": "service_code",
    "privacy": "attribute[identitas]",
    "kind": "attribute[jenis]",
    "reporter_phone": "phone",
    "reporter_email": "email",
    "reporter_nik": "nik",
    "reporter_name": "first_name/last_name",
}


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{FIELD_NAMES.get(field, field)}: {message}"
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return [str(m) for m in exc.messages]
