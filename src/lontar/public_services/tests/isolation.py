"""Public-services URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Each part of the module keeps its routes and office-A objects in its own `isolation_<part>.py`."""

from __future__ import annotations

from lontar.public_services.tests import (
    isolation_catalogue,
    isolation_counter,
    isolation_office,
    isolation_portal,
    isolation_transparency,
)

PARTS = [isolation_catalogue, isolation_portal, isolation_office, isolation_counter, isolation_transparency]

ROUTES: dict = {}
for _part in PARTS:
    if set(_part.ROUTES) & set(ROUTES):
        raise ValueError(f"routes listed twice: {sorted(set(_part.ROUTES) & set(ROUTES))}")
    ROUTES.update(_part.ROUTES)


def populate_office_a(office) -> None:
    for part in PARTS:
        part.populate_office_a(office)
