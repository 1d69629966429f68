"""Portal URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

The portal composes public pages from several modules; office A's published service and application
come from the modules' own isolation data (public_services' `transparency_service`)."""

from __future__ import annotations

from lontar.core.tests.isolation_registry import Route
from lontar.public_services.tests.isolation import PUBLISHED_SERVICE_MARKERS

ROUTES: dict = {
    "portal:transparency": Route(public="public figures of every office; counts only"),
    "portal:transparency_office": Route(
        kwargs=lambda office: {"org_id": office.org.pk},
        public="public figures of one office per published service; counts and durations only",
        may_show=frozenset(PUBLISHED_SERVICE_MARKERS),
    ),
}


def populate_office_a(office) -> None:
    """Nothing of its own: the dashboard shows what the modules' isolation data publish."""
