"""Every-URL isolation entries of the monthly recap (see core/tests/isolation_registry).

The recap screens and exports take the office in their path: aimed at office A, office B's users must
get 403/404 and never a count or an export of office A. Office A gets a letter whose unit name is a
marker, so a leaked recap table would show it."""

from __future__ import annotations

import datetime as dt

from lontar.core.tests.factories import UnitFactory
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.correspondence.services import incoming as incoming_services


def populate_office_a(office: OfficeA) -> None:
    unit = UnitFactory(organisation=office.org, name=office.marker("recap_unit"), code="RKP")
    # The incoming part (merged before this one) created the agenda template and the front desk.
    today = dt.date.today()
    office.add(
        "recap_letter",
        incoming_services.register_incoming(
            actor=office.front_desk,
            organisation=office.org,
            sender_name=office.marker("recap_sender"),
            sender_number="RKP/1",
            sender_date=today,
            received_date=today,
            subject=office.marker("recap_subject"),
            unit=unit,
        ),
    )


def _office(office: OfficeA) -> dict:
    return {"org_pk": office.org.pk}


ROUTES = {
    "correspondence:recap_home": Route(),
    "correspondence:recap": Route(kwargs=_office),
    "correspondence:recap_xlsx": Route(kwargs=_office),
    "correspondence:recap_pdf": Route(kwargs=_office),
}
