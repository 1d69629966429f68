"""Public-services URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Each part of the module keeps its routes and office-A objects in its own `isolation_<part>.py`."""

from __future__ import annotations

import dataclasses

from lontar.public_services.tests import (
    isolation_catalogue,
    isolation_counter,
    isolation_office,
    isolation_portal,
    isolation_transparency,
)

PARTS = [isolation_catalogue, isolation_portal, isolation_office, isolation_counter, isolation_transparency]

# Published services of office A come from several parts (the catalogue's and the dashboard's); a public
# page that lists published services (catalogue, dashboard, public API) may show any of them, and
# nothing else of office A.
PUBLISHED_SERVICE_MARKERS = (
    isolation_catalogue.PUBLISHED
    | isolation_portal.SERVICE_NAME
    | {
        isolation_transparency.SERVICE_NAME,
        "office_service_name",
        "counter_service_name",
    }
)

ROUTES: dict = {}
for _part in PARTS:
    if set(_part.ROUTES) & set(ROUTES):
        raise ValueError(f"routes listed twice: {sorted(set(_part.ROUTES) & set(ROUTES))}")
    for _name, _route in _part.ROUTES.items():
        if _route.public and _route.may_show:
            _route = dataclasses.replace(_route, may_show=_route.may_show | PUBLISHED_SERVICE_MARKERS)
        ROUTES[_name] = _route


def populate_office_a(office) -> None:
    for part in PARTS:
        part.populate_office_a(office)
