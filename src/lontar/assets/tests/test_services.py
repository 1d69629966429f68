import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lontar.assets.models import (
    AssetCode,
    AssetMovement,
    AssetStatus,
    Condition,
    MaintenanceStatus,
)
from lontar.assets.services import codes as code_services
from lontar.assets.services import disposal, maintenance, reports, stocktake
from lontar.assets.services import register as services
from lontar.assets.tests import factories
from lontar.core.models import Role
from lontar.core.models.audit import AuditEvent
from lontar.core.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OrganisationFactory()


@pytest.fixture
def keeper(office):
    return factories.keeper(office)


def test_shipped_codes_import_idempotently_and_derive_the_kib():
    first = code_services.import_shipped_codes()
    assert first["create"] > 50
    assert code_services.import_shipped_codes()["create"] == 0
    assert AssetCode.objects.get(code="1.3.1.01.01.04.001").kind == "A"
    pc = AssetCode.objects.get(code="1.3.2.10.01.02.001")
    assert (pc.kind, pc.level, pc.parent.code) == ("B", 7, "1.3.2.10.01.02")


def test_code_import_refuses_bad_rows_and_only_the_city_admin_edits(office):
    preview = code_services.read_codes("k.csv", b"code,title\n1.3.2.99,\nX.1,Salah\n")
    assert len(preview.errors) == 2
    with pytest.raises(ValidationError):
        code_services.import_codes(actor=None, preview=preview)
    staff = member(office, Role.ORG_ADMIN)
    code = factories.code()
    with pytest.raises(PermissionDenied):
        code_services.update_code(actor=staff, code=code, title="X", is_active=False)


def test_register_numbers_run_per_code_and_details_are_checked_per_kib(office, keeper):
    a = factories.asset(office, keeper)
    b = factories.asset(office, keeper)
    assert (a.register_number, b.register_number, a.kind) == ("0001", "0002", "B")
    assert a.label != b.label and len(a.label) == 10
    with pytest.raises(ValidationError):
        factories.asset(office, keeper, details={"area_m2": "12"})  # a KIB A field on a computer
    land = factories.asset(
        office,
        keeper,
        code_text="1.3.1.01.01.04.001",
        name="Tanah kantor",
        details={"area_m2": "1250,5", "land_right": "hak_pakai"},
    )
    assert land.kind == "A" and land.details == {"area_m2": "1250.50", "land_right": "hak_pakai"}


def test_only_the_keepers_of_the_register_change_it(office, keeper):
    kasi = member(office, Role.SECTION_HEAD)  # a section head, not of a sub-division
    staff = member(office, Role.STAFF)
    for user in (kasi, staff, member(office, Role.HEAD)):
        with pytest.raises(PermissionDenied):
            factories.asset(office, user)
    sekcam = member(office, Role.SECRETARY)
    assert factories.asset(office, sekcam).pk


def test_transfer_keeps_history_and_audits(office, keeper):
    r1, r2 = factories.room(office, keeper), factories.room(office, keeper, code_text="R-02", name="Aula")
    asset = factories.asset(office, keeper, room=r1)
    services.transfer_asset(actor=keeper, asset=asset, to_room=r2, to_holder=keeper.staff, reason="Pindah")
    asset.refresh_from_db()
    assert asset.room == r2 and asset.holder == keeper.staff
    move = AssetMovement.objects.get(asset=asset)
    assert (move.from_room, move.to_room) == (r1, r2)
    assert AuditEvent.objects.filter(action="assets.asset.transfer", object_id=str(asset.pk)).exists()
    with pytest.raises(ValidationError):
        services.transfer_asset(actor=keeper, asset=asset, to_room=r2, to_holder=keeper.staff, reason="Sama")


def test_damage_report_is_assigned_resolved_and_updates_the_condition(office, keeper):
    staff = member(office, Role.STAFF)
    asset = factories.asset(office, keeper)
    ticket = maintenance.report_damage(actor=staff, asset=asset, description="Layar mati total")
    with pytest.raises(PermissionDenied):
        maintenance.assign(actor=staff, request=ticket, assignee=staff)
    maintenance.assign(actor=keeper, request=ticket, assignee=staff)
    other = member(office, Role.STAFF)
    with pytest.raises(PermissionDenied):
        maintenance.resolve(actor=other, request=ticket, work_done="Ganti", cost=1, resulting_condition="B")
    maintenance.resolve(
        actor=staff, request=ticket, work_done="Ganti LCD", cost=850_000, resulting_condition=Condition.FAIR
    )
    ticket.refresh_from_db()
    asset.refresh_from_db()
    assert ticket.status == MaintenanceStatus.RESOLVED and ticket.cost == 850_000
    assert asset.condition == Condition.FAIR


def test_stocktake_lists_discrepancies_and_applies_only_accepted_ones(office, keeper):
    r1, r2 = factories.room(office, keeper), factories.room(office, keeper, code_text="R-02", name="Aula")
    a, b, c, d = (factories.asset(office, keeper, room=r1) for _ in range(4))
    session = stocktake.open_session(actor=keeper, organisation=office, title="Sensus", room=r1)
    assert session.items.count() == 4
    stocktake.check_item(actor=keeper, session=session, asset=a, found=True)
    stocktake.check_item(actor=keeper, session=session, asset=b, found=True, found_condition=Condition.BROKEN)
    stocktake.check_item(actor=keeper, session=session, asset=c, found=True, found_room=r2)
    item_d = stocktake.check_item(actor=keeper, session=session, asset=d, found=False)
    stocktake.set_accepted(actor=keeper, item=item_d, accepted=False)
    assert sum(1 for i in session.items.all() if i.is_discrepancy) == 3
    applied = stocktake.close_session(actor=keeper, session=session)
    assert applied == {"kondisi": 1, "ruangan": 1, "tidak_ditemukan": 0, "ditemukan_kembali": 0}
    b.refresh_from_db(), c.refresh_from_db(), d.refresh_from_db()
    assert b.condition == Condition.BROKEN and c.room == r2 and not d.missing
    with pytest.raises(ValidationError):
        stocktake.check_item(actor=keeper, session=session, asset=a, found=True)
    assert reports.stocktake_report(actor=keeper, session=session).startswith(b"%PDF")


def test_disposal_marks_assets_and_never_deletes_them(office, keeper):
    head = member(office, Role.HEAD)
    asset = factories.asset(office, keeper, condition=Condition.BROKEN)
    proposal = disposal.propose(actor=keeper, organisation=office, assets=[asset], reason="Rusak berat")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.PROPOSED
    with pytest.raises(ValidationError):
        disposal.propose(actor=keeper, organisation=office, assets=[asset], reason="Lagi")
    with pytest.raises(PermissionDenied):
        disposal.approve(actor=keeper, proposal=proposal)
    disposal.approve(actor=head, proposal=proposal, note="Setuju")
    disposal.record_removal(
        actor=keeper, proposal=proposal, decree_number="030/12/Kec/2026", decree_date=dt.date(2026, 1, 5)
    )
    asset.refresh_from_db()
    assert asset.status == AssetStatus.REMOVED


def test_kib_and_kir_totals_are_exact_and_exports_are_audited(office, keeper):
    room = factories.room(office, keeper)
    values = [12_450_001, 7_999_999, 1]
    for v in values:
        factories.asset(office, keeper, value=v, room=room)
    factories.asset(office, keeper, code_text="1.3.1.01.01.04.001", name="Tanah", value=5)
    kib_b = reports.kib_report(office, "B")
    assert kib_b.total == sum(values) and len(kib_b.rows) == 3
    assert sum(row[kib_b.value_column] for row in kib_b.rows) == sum(values)
    assert reports.kir_report(room).total == sum(values)
    auditor = member(office, Role.AUDITOR)
    data, _content_type, _name = reports.export_kib(actor=auditor, organisation=office, kind="B", fmt="xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(data)).active
    assert sheet.cell(row=9, column=kib_b.value_column + 1).value == sum(values)
    pdf, _t, _n = reports.export_kib(actor=auditor, organisation=office, kind="A", fmt="pdf")
    assert pdf.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="assets.report.export", actor=auditor).count() == 2
    staff = member(office, Role.STAFF)
    with pytest.raises(PermissionDenied):
        reports.export_kib(actor=staff, organisation=office, kind="B", fmt="xlsx")


def test_scanned_label_opens_the_asset_for_staff_and_a_bare_page_for_others(client, office, keeper):
    asset = factories.asset(office, keeper, name="Laptop Camat", value=13_000_000)
    url = reverse("assets:label", args=[asset.label])
    public = client.get(url)
    assert public.status_code == 200
    body = public.content.decode()
    assert office.name in body and "Laptop Camat" in body and "13000000" not in body
    staff = member(office, Role.STAFF)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("assets:asset_detail", args=[asset.pk])
    page = client.get(response.url).content.decode()
    assert "Laporkan kerusakan" in page and "13000000" not in page  # staff do not see values
    outsider = member(OrganisationFactory(), Role.STAFF)
    client.force_login(outsider)
    assert client.get(url).status_code == 200
    assert client.get(reverse("assets:asset_detail", args=[asset.pk])).status_code == 404
    sheet = reports.label_sheet(actor=keeper, organisation=office, assets=[asset])
    assert sheet.startswith(b"%PDF")


def test_staff_list_only_what_they_hold(client, office, keeper):
    staff = member(office, Role.STAFF)
    factories.asset(office, keeper, name="Milik saya", holder=staff.staff)
    factories.asset(office, keeper, name="Bukan milik saya")
    client.force_login(staff)
    body = client.get(reverse("assets:asset_list")).content.decode()
    assert "Milik saya" in body and "Bukan milik saya" not in body


def test_the_import_command_loads_a_file_and_can_dry_run(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "kode.csv"
    path.write_text(
        "kode;uraian\n1.3.2.05.02.01.004;Kursi Kayu\n1.3.2.05.02.01;Meubelair\n", encoding="utf-8"
    )
    call_command("import_asset_codes", str(path), "--dry-run")
    assert not AssetCode.objects.exists()
    call_command("import_asset_codes", str(path))
    chair = AssetCode.objects.get(code="1.3.2.05.02.01.004")
    assert chair.parent.code == "1.3.2.05.02.01" and chair.kind == "B"
