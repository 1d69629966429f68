"""Every URL of Lontar, and how to aim it at another office's objects.

`test_isolation_every_url.py` walks every pattern under `lontar.urls` and requests each one, as the
administrator and as a staff member of office B, with path arguments that point at office A's
objects. It fails for a pattern this file does not list, so a new URL cannot escape the check.

When you add a URL:
1. If its path takes arguments, add what it needs to `populate_office_a` (create the object in
   office A and give every user-visible text a `office.marker(...)` string, so a leak is visible).
2. Add a `Route` under its name (`namespace:name`, or the route string when unnamed) to `ROUTES`,
   with `kwargs` pointing at office A's object. Optionally give `post_data` a payload that would
   change the object if the view forgot to scope it.
3. A page meant for anyone (sign-in, public verification ...) says why in `public`; a public page
   that is meant to show some of office A's fields (a verification page shows the document's
   number and date) lists those marker labels in `may_show`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lontar.core import audit
from lontar.core.models import Role
from lontar.core.notifications.services import notify
from lontar.core.tests.factories import (
    PositionAssignmentFactory,
    PositionFactory,
    UnitFactory,
    member,
)


class OfficeA:
    """Office A's objects, by name, and the unique strings that identify its data in a response."""

    def __init__(self, organisation) -> None:
        self.org = organisation
        self.markers: dict[str, str] = {}
        self.objects: dict[str, object] = {}

    def marker(self, label: str) -> str:
        value = f"RAHASIA-A-{label}-{uuid.uuid4().hex[:10]}"
        self.markers[label] = value
        return value

    def __getattr__(self, name: str):
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def add(self, name: str, obj):
        self.objects[name] = obj
        return obj


def populate_office_a(office: OfficeA) -> None:
    """Create the objects of office A that URLs point at. Modules add their objects here."""
    org = office.org
    head = office.add("head", member(org, Role.HEAD, full_name=office.marker("head_name")))
    office.add("staff_user", member(org, Role.STAFF, full_name=office.marker("staff_name")))
    unit = office.add("unit", UnitFactory(organisation=org, name=office.marker("unit_name")))
    position = office.add(
        "position", PositionFactory(organisation=org, unit=unit, title=office.marker("position_title"))
    )
    office.add("assignment", PositionAssignmentFactory(position=position, staff=head.staff))
    office.add(
        "notification",
        notify(
            recipient=head,
            organisation=org,
            title=office.marker("notification_title"),
            body=office.marker("notification_body"),
            url="/",
        ),
    )
    office.add(
        "audit_event",
        audit.record(actor=head, action="uji.isolasi", obj=unit, after={"catatan": office.marker("audit")}),
    )


def no_kwargs(office: OfficeA) -> dict:
    return {}


def empty_payload(office: OfficeA) -> dict:
    return {}


@dataclass(frozen=True)
class Route:
    kwargs: Callable[[OfficeA], dict] = no_kwargs
    post_data: Callable[[OfficeA], dict] = empty_payload
    # Why anyone, signed in or not, may open this page. Empty: only signed-in users of an office.
    public: str = ""
    # Marker labels of office A that this public page is meant to show.
    may_show: frozenset[str] = field(default_factory=frozenset)


def _reset_link(office: OfficeA) -> dict:
    # A real account of office A with a wrong token: the page must not reveal whose account it is.
    return {"uidb64": urlsafe_base64_encode(force_bytes(office.head.pk)), "token": "c0ffee-0123456789abcdef"}


ROUTES: dict[str, Route] = {
    # --- public and global ---------------------------------------------------------------------
    "healthz": Route(public="load balancer health check; reports only database and Redis status"),
    "set_language": Route(public="language switch; stores the choice in a cookie"),
    "core:login": Route(public="sign-in page"),
    "core:logout": Route(public="sign-out; only ends the caller's own session"),
    "core:password_reset": Route(public="asks for a reset e-mail; never says whether the address exists"),
    "core:password_reset_done": Route(public="static confirmation page"),
    "core:password_reset_confirm": Route(
        kwargs=_reset_link,
        post_data=lambda office: {"new_password1": "Diambil-Alih-123", "new_password2": "Diambil-Alih-123"},
        public="reset link from the e-mail; works only with a valid signed token",
    ),
    "core:password_reset_complete": Route(public="static confirmation page"),
    "api:schema": Route(public="OpenAPI description of the API: code, no data"),
    "api:docs": Route(public="API reference page rendered from the schema"),
    # --- platform screens ----------------------------------------------------------------------
    "core:dashboard": Route(),
    "core:notifications": Route(),
    "core:notification_open": Route(kwargs=lambda office: {"pk": office.notification.pk}),
    "core:notifications_read_all": Route(),
    # --- REST API (/api/v1/) -------------------------------------------------------------------
    "api:api-root": Route(),
    "api:organisation-list": Route(post_data=lambda office: {"name": "Diambil alih", "kind": "kecamatan"}),
    "api:organisation-detail": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {"name": "Diambil alih", "address": "diubah"},
    ),
}

# Route prefixes not walked, and why. Each has its own test.
NOT_WALKED: dict[str, str] = {
    "admin/": "Django admin: superusers only (test_admin_is_closed_to_office_users)",
}
