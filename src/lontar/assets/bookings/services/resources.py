"""Meeting rooms and official vehicles of an office, and the secret addresses of their iCal feeds."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assets.bookings.models import CalendarFeed, Resource, ResourceKind
from lontar.assets.bookings.permissions import MANAGE_FEEDS, MANAGE_RESOURCES, units_of
from lontar.core import audit
from lontar.core.models import Role
from lontar.core.permissions import require, roles_in

FIELDS = [
    "kind",
    "name",
    "code",
    "description",
    "location",
    "capacity",
    "facilities",
    "plate_number",
    "seats",
    "default_driver",
    "asset_register_number",
    "manager_unit",
    "auto_approve",
    "is_active",
    "order",
]
AUDITED = FIELDS
OFFICE_MANAGERS = frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN})


def _text(data: dict, name: str) -> str:
    return (data.get(name) or "").strip()


def _check(actor, organisation, data: dict, *, exclude_pk=None) -> dict:
    values = {name: data.get(name) for name in FIELDS}
    for name in ("name", "description", "location", "facilities", "asset_register_number"):
        values[name] = _text(data, name)
    values["code"] = _text(data, "code").lower()
    values["plate_number"] = " ".join(_text(data, "plate_number").upper().split())
    values["auto_approve"] = bool(values["auto_approve"])
    values["is_active"] = True if values["is_active"] is None else bool(values["is_active"])
    values["order"] = values["order"] or 0
    errors: dict[str, str] = {}
    if values["kind"] not in ResourceKind.values:
        errors["kind"] = _("Pilih jenis: ruang rapat atau kendaraan dinas.")
    if not values["name"]:
        errors["name"] = _("Nama wajib diisi.")
    if not values["code"]:
        errors["code"] = _("Kode wajib diisi.")
    elif (
        Resource.objects.filter(organisation=organisation, code=values["code"])
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["code"] = _("Kode %(kode)s sudah dipakai ruang/kendaraan lain.") % {"kode": values["code"]}
    if values["kind"] == ResourceKind.VEHICLE:
        if not values["plate_number"]:
            errors["plate_number"] = _("Nomor polisi wajib diisi untuk kendaraan.")
        values["capacity"], values["facilities"] = None, ""
    elif values["kind"] == ResourceKind.ROOM:
        values["plate_number"], values["seats"], values["default_driver"] = "", None, None
    for name in ("manager_unit", "default_driver"):
        related = values[name]
        if related is not None and related.organisation_id != organisation.pk:
            errors[name] = _("Pilih dari data kantor ini.")
    if not (roles_in(actor, organisation) & OFFICE_MANAGERS) and not actor.is_superuser:
        # A section head manages only the resources of their own unit.
        unit = values["manager_unit"]
        if unit is None or unit.pk not in units_of(actor, organisation):
            errors["manager_unit"] = _("Pilih unit Anda sebagai unit pengelola.")
    if errors:
        raise ValidationError(errors)
    return values


def create_resource(*, actor, organisation, data: dict) -> Resource:
    require(actor, MANAGE_RESOURCES, organisation=organisation)
    values = _check(actor, organisation, data)
    with transaction.atomic():
        resource = Resource.objects.create(organisation=organisation, **values)
        audit.record(
            actor=actor,
            action="bookings.resource.create",
            obj=resource,
            after=audit.snapshot(resource, AUDITED),
        )
    return resource


def update_resource(*, actor, resource: Resource, data: dict) -> Resource:
    require(actor, MANAGE_RESOURCES, resource)
    values = _check(actor, resource.organisation, data, exclude_pk=resource.pk)
    with transaction.atomic():
        locked = Resource.objects.select_for_update().get(pk=resource.pk)
        before = audit.snapshot(locked, AUDITED)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        before, after = audit.changes(before, audit.snapshot(locked, AUDITED))
        audit.record(actor=actor, action="bookings.resource.update", obj=locked, before=before, after=after)
    return locked


# --- iCal feed addresses -----------------------------------------------------------------------


def token_digest(token: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"bookings-feed:{token}".encode(), hashlib.sha256
    ).hexdigest()


def create_feed(
    *, actor, organisation, resource: Resource | None = None, label: str = ""
) -> tuple[CalendarFeed, str]:
    """A new secret feed address. Returns the feed and its token: show the token once, it is not stored."""
    require(actor, MANAGE_FEEDS, organisation=organisation)
    if resource is not None and resource.organisation_id != organisation.pk:
        raise PermissionDenied
    label = (label or "").strip() or (str(resource) if resource else _("Semua ruang dan kendaraan"))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed = CalendarFeed.objects.create(
            organisation=organisation,
            resource=resource,
            label=label[:120],
            token_digest=token_digest(token),
            token_hint=token[:6],
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action="bookings.feed.create",
            obj=feed,
            after={
                "label": feed.label,
                "resource": resource.pk if resource else None,
                "hint": feed.token_hint,
            },
        )
    return feed, token


def revoke_feed(*, actor, feed: CalendarFeed) -> CalendarFeed:
    """The address stops working at once (a calendar app that kept it gets 404)."""
    require(actor, MANAGE_FEEDS, feed)
    with transaction.atomic():
        locked = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit.record(
                actor=actor,
                action="bookings.feed.revoke",
                obj=locked,
                before={"revoked_at": None},
                after={"revoked_at": locked.revoked_at},
            )
    return locked


def feed_for_token(token: str) -> CalendarFeed | None:
    """The active feed of `token`, or None. Marks it used (at most once a minute)."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.filter(token_digest=token_digest(token), revoked_at__isnull=True)
        .select_related("organisation", "resource")
        .first()
    )
    if feed is not None:
        now = timezone.now()
        if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 60:
            CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed
