"""Asset URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a room, an asset with a marker name in it (held by a staff member, with a damage report
assigned), an open stock-taking session and a disposal proposal. The QR label URL is public by design:
for anyone but the office's staff it shows only the office, the asset's name, code and register number.
"""

from __future__ import annotations

from lontar.assets.models import Condition
from lontar.assets.services import disposal, maintenance, stocktake
from lontar.assets.tests import factories
from lontar.core.tests.isolation_registry import OfficeA, Route


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    keeper = factories.keeper(org, full_name=office.marker("asset_keeper_name"))
    room = office.add(
        "asset_room", factories.room(org, keeper, code_text="RA-1", name=office.marker("asset_room_name"))
    )
    asset = office.add(
        "asset",
        factories.asset(
            org,
            keeper,
            name=office.marker("asset_name"),
            room=room,
            notes=office.marker("asset_notes"),
            brand_type=office.marker("asset_brand"),
        ),
    )
    broken = factories.asset(
        org, keeper, name=office.marker("asset_broken_name"), condition=Condition.BROKEN, room=room
    )
    ticket = maintenance.report_damage(actor=keeper, asset=asset, description=office.marker("asset_damage"))
    maintenance.assign(actor=keeper, request=ticket, assignee=keeper)
    office.add("asset_ticket", ticket)
    office.add(
        "asset_session",
        stocktake.open_session(
            actor=keeper, organisation=org, title=office.marker("asset_session_title"), room=room
        ),
    )
    office.add(
        "asset_disposal",
        disposal.propose(
            actor=keeper, organisation=org, assets=[broken], reason=office.marker("asset_disposal_reason")
        ),
    )
    office.add("asset_code", factories.code())


def _asset(office):
    return {"pk": office.asset.pk}


def _room(office):
    return {"pk": office.asset_room.pk}


def _ticket(office):
    return {"pk": office.asset_ticket.pk}


def _session(office):
    return {"pk": office.asset_session.pk}


def _disposal(office):
    return {"pk": office.asset_disposal.pk}


def _kib(office):
    return {"org_pk": office.org.pk, "kind": "B"}


ROUTES: dict = {
    "assets:asset_list": Route(),
    "assets:asset_create": Route(post_data=lambda office: {"kantor": office.org.pk}),
    "assets:asset_detail": Route(kwargs=_asset),
    "assets:asset_edit": Route(kwargs=_asset, post_data=lambda office: {"name": "Diambil alih"}),
    "assets:asset_photo": Route(kwargs=_asset, post_data=lambda office: {}),
    "assets:asset_transfer": Route(kwargs=_asset, post_data=lambda office: {"reason": "Diambil alih"}),
    "assets:report_damage": Route(
        kwargs=_asset, post_data=lambda office: {"description": "Laporan orang lain"}
    ),
    "assets:label": Route(
        kwargs=lambda office: {"label": office.asset.label},
        public="the QR label: to anyone but the office's staff it says whose property the asset is",
        may_show=frozenset({"asset_name"}),
    ),
    "assets:label_sheet": Route(),
    "assets:room_list": Route(),
    "assets:room_create": Route(post_data=lambda office: {"kantor": office.org.pk}),
    "assets:room_detail": Route(kwargs=_room),
    "assets:room_edit": Route(kwargs=_room, post_data=lambda office: {"code": "X", "name": "Diambil alih"}),
    "assets:kir_xlsx": Route(kwargs=_room),
    "assets:kir_pdf": Route(kwargs=_room),
    "assets:report_index": Route(),
    "assets:kib_screen": Route(kwargs=_kib),
    "assets:kib_xlsx": Route(kwargs=_kib),
    "assets:kib_pdf": Route(kwargs=_kib),
    "assets:code_list": Route(),
    "assets:code_import": Route(post_data=lambda office: {}),
    "assets:code_edit": Route(
        kwargs=lambda office: {"pk": office.asset_code.pk},
        post_data=lambda office: {"title": "Diambil alih", "is_active": "on"},
    ),
    "assets:stocktake_list": Route(),
    "assets:stocktake_create": Route(post_data=lambda office: {"kantor": office.org.pk}),
    "assets:stocktake_detail": Route(kwargs=_session),
    "assets:stocktake_scan": Route(kwargs=_session),
    "assets:stocktake_check": Route(
        kwargs=lambda office: {"pk": office.asset_session.pk, "asset_pk": office.asset.pk},
        post_data=lambda office: {"found": "0"},
    ),
    "assets:stocktake_accept": Route(
        kwargs=lambda office: {
            "pk": office.asset_session.pk,
            "item_pk": office.asset_session.items.first().pk,
        },
        post_data=lambda office: {"accepted": "0"},
    ),
    "assets:stocktake_close": Route(kwargs=_session, post_data=lambda office: {}),
    "assets:stocktake_cancel": Route(kwargs=_session, post_data=lambda office: {}),
    "assets:stocktake_pdf": Route(kwargs=_session),
    "assets:maintenance_list": Route(),
    "assets:maintenance_detail": Route(kwargs=_ticket),
    "assets:maintenance_assign": Route(kwargs=_ticket, post_data=lambda office: {}),
    "assets:maintenance_resolve": Route(
        kwargs=_ticket, post_data=lambda office: {"work_done": "X", "cost": "1", "resulting_condition": "B"}
    ),
    "assets:maintenance_reject": Route(kwargs=_ticket, post_data=lambda office: {"note": "X"}),
    "assets:disposal_list": Route(),
    "assets:disposal_create": Route(post_data=lambda office: {"kantor": office.org.pk}),
    "assets:disposal_detail": Route(kwargs=_disposal),
    "assets:disposal_approve": Route(kwargs=_disposal, post_data=lambda office: {"note": "X"}),
    "assets:disposal_reject": Route(kwargs=_disposal, post_data=lambda office: {"note": "X"}),
    "assets:disposal_decree": Route(
        kwargs=_disposal, post_data=lambda office: {"decree_number": "X", "decree_date": "2020-01-01"}
    ),
    "api:asset-list": Route(),
    "api:asset-detail": Route(kwargs=_asset),
    "api:asset-report-damage": Route(
        kwargs=_asset, post_data=lambda office: {"description": "Laporan orang lain"}
    ),
    "api:asset-room-list": Route(),
    "api:asset-room-detail": Route(kwargs=_room),
    "api:asset-maintenance-list": Route(),
    "api:asset-maintenance-detail": Route(kwargs=_ticket),
}
