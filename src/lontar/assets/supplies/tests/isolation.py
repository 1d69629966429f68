"""Supplies URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A keeps its store in its unit, has an item with a receipt, a pending request and an approved
one waiting to be issued."""

from __future__ import annotations

from lontar.assets.supplies.models import Item
from lontar.assets.supplies.services import stock as services
from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.core.workdays.calendar import organisation_today


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    leader = member(org, Role.SECRETARY, full_name=office.marker("supply_secretary"))
    services.configure_store(actor=leader, organisation=org, keeper_unit=office.unit)
    item = office.add(
        "supply_item",
        Item.objects.create(
            organisation=org,
            code="ISO-1",
            name=office.marker("supply_item_name"),
            category=office.marker("supply_category"),
            unit_of_measure="rim",
            minimum_stock=5,
        ),
    )
    services.record_receipt(
        actor=leader,
        organisation=org,
        document_number=office.marker("supply_receipt_number"),
        supplier=office.marker("supply_supplier"),
        received_on=organisation_today(org),
        lines=[(item, 20, 50_000)],
    )
    requester = member(org, Role.STAFF, full_name=office.marker("supply_requester"), unit=office.unit)
    office.add(
        "supply_request",
        services.request_supplies(
            actor=requester, organisation=org, purpose=office.marker("supply_purpose"), lines=[(item, 2)]
        ),
    )
    approved = services.request_supplies(
        actor=requester, organisation=org, purpose=office.marker("supply_purpose_approved"), lines=[(item, 3)]
    )
    services.approve_request(actor=leader, request=approved)
    office.add("supply_request_approved", approved)


def _item(office: OfficeA) -> dict:
    return {"pk": office.supply_item.pk}


def _request(office: OfficeA) -> dict:
    return {"pk": office.supply_request.pk}


def _approved(office: OfficeA) -> dict:
    return {"pk": office.supply_request_approved.pk}


ROUTES: dict[str, Route] = {
    "supplies:item_list": Route(),
    "supplies:item_create": Route(
        post_data=lambda office: {
            "code": "SEL",
            "name": "Selundupan",
            "category": "x",
            "unit_of_measure": "buah",
        }
    ),
    "supplies:item_detail": Route(kwargs=_item),
    "supplies:item_edit": Route(
        kwargs=_item,
        post_data=lambda office: {
            "code": "ISO-1",
            "name": "Diambil alih",
            "category": "x",
            "unit_of_measure": "rim",
        },
    ),
    "supplies:item_opname": Route(
        kwargs=_item, post_data=lambda office: {"counted_quantity": 0, "reason": "x"}
    ),
    "supplies:request_list": Route(),
    "supplies:request_new": Route(
        post_data=lambda office: {"purpose": "Selundupan", "item_0": office.supply_item.pk, "quantity_0": 1}
    ),
    "supplies:request_detail": Route(kwargs=_request),
    "supplies:request_approve": Route(kwargs=_request, post_data=lambda office: {"approve-note": "x"}),
    "supplies:request_reject": Route(kwargs=_request, post_data=lambda office: {"reject-reason": "x"}),
    "supplies:request_cancel": Route(kwargs=_request, post_data=lambda office: {"cancel-reason": "x"}),
    "supplies:request_issue": Route(kwargs=_approved, post_data=lambda office: {}),
    "supplies:receipt_list": Route(),
    "supplies:receipt_new": Route(
        post_data=lambda office: {
            "document_number": "SEL",
            "supplier": "x",
            "received_on": "2026-01-01",
            "item_0": office.supply_item.pk,
            "quantity_0": 1,
            "price_0": 1,
        }
    ),
    "supplies:direct_issue": Route(
        post_data=lambda office: {
            "unit": office.unit.pk,
            "note": "x",
            "item_0": office.supply_item.pk,
            "quantity_0": 1,
        }
    ),
    "supplies:store_settings": Route(post_data=lambda office: {"keeper_unit": ""}),
    "supplies:report": Route(),
    "supplies:report_excel": Route(),
    "supplies:report_pdf": Route(),
    "api:supply-item-list": Route(),
    "api:supply-item-detail": Route(kwargs=_item),
    "api:supply-item-card": Route(kwargs=_item),
    "api:supply-request-list": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "purpose": "Selundupan",
            "lines": [{"item": office.supply_item.pk, "quantity": 1}],
        }
    ),
    "api:supply-request-detail": Route(kwargs=_request),
    "api:supply-request-approve": Route(kwargs=_request, post_data=lambda office: {"note": "x"}),
    "api:supply-request-reject": Route(kwargs=_request, post_data=lambda office: {"reason": "x"}),
    "api:supply-request-cancel": Route(kwargs=_request, post_data=lambda office: {"reason": "x"}),
    "api:supply-request-issue": Route(kwargs=_approved, post_data=lambda office: {}),
}
