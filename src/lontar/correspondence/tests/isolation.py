"""Every-URL isolation entries of the correspondence module. Each part keeps its own file
(`isolation_<part>.py` with `ROUTES` and `populate_office_a`); this one merges them."""

from __future__ import annotations

from lontar.correspondence.tests import (
    isolation_import,
    isolation_incoming,
    isolation_outgoing,
    isolation_reports,
)

PARTS = [isolation_incoming, isolation_import, isolation_outgoing, isolation_reports]

ROUTES = {}
for _part in PARTS:
    ROUTES.update(_part.ROUTES)


def populate_office_a(office) -> None:
    for part in PARTS:
        part.populate_office_a(office)
