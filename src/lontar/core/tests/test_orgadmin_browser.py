"""The organisation administrator's main journey in a real browser (Debian Chromium)."""

from __future__ import annotations

import datetime
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from lontar.core.models import Organisation, Role, Staff
from lontar.core.orgadmin import services
from lontar.core.tests.browser import PHONE, screenshot_path
from lontar.core.tests.factories import PASSWORD, PositionFactory, StaffFactory, UnitFactory

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


@pytest.fixture
def page(production_live_server, browser_page):
    # The server starts first so it stops last, after the browser has closed its connections.
    return browser_page


@pytest.mark.django_db(transaction=True)
def test_an_org_admin_updates_the_letterhead_and_gives_a_new_colleague_an_account(
    page, production_live_server, district, make_member
):
    admin = make_member(district, Role.ORG_ADMIN)
    page.goto(f"{production_live_server.url}/akun/masuk/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{production_live_server.url}/organisasi/")
    page.click("text=Ubah profil")
    page.fill("#id_letterhead_government", "PEMERINTAH KOTA SUKAMAJU")
    page.fill("#id_phone", "(022) 555-0199")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector(".kop >> text=PEMERINTAH KOTA SUKAMAJU")
    assert Organisation.objects.get(pk=district.pk).phone == "(022) 555-0199"

    page.goto(f"{production_live_server.url}/pegawai/")
    page.click("text=Tambah pegawai")
    page.fill("#id_full_name", "Rahmat Hidayat")
    page.fill("#id_nip", "19880101 201001 1 004")
    page.fill("#id_email", "rahmat@contoh.go.id")
    page.click("button:has-text('Simpan')")
    page.click("text=Buat akun")
    page.fill("#id_username", "rahmat")
    page.check("input[name=method][value=password]")
    page.fill("#id_password", "Sandi-Baru-2026!")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("[data-testid=memberships] >> text=Staf")
    staff = Staff.objects.get(full_name="Rahmat Hidayat")
    assert staff.nip == "198801012010011004"
    assert staff.user.username == "rahmat"


@pytest.mark.django_db(transaction=True)
def test_an_org_admin_names_a_plh_and_the_structure_shows_who_acts_on_phone_and_desktop(
    page, production_live_server, district, make_member
):
    admin = make_member(district, Role.ORG_ADMIN)
    unit = UnitFactory(organisation=district, name="Seksi Pemerintahan", code="PEM")
    position = PositionFactory(
        organisation=district, unit=unit, title="Kepala Seksi Pemerintahan", is_unit_head=True
    )
    holder = StaffFactory(organisation=district, user=None, full_name="Parlindungan Siregar")
    StaffFactory(organisation=district, user=None, full_name="Muhammad Rojali")
    services.assign_position(
        actor=None, position=position, staff=holder, start_date=datetime.date(2023, 2, 1)
    )
    today = timezone.localdate()
    page.goto(f"{production_live_server.url}/akun/masuk/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(f"{production_live_server.url}/jabatan/{position.pk}/")
    page.select_option("#id_staff", label="Muhammad Rojali")
    page.select_option("#id_kind", label="Pelaksana Harian (Plh.)")
    page.fill("#id_start_date", today.isoformat())
    page.fill("#id_end_date", (today + datetime.timedelta(days=5)).isoformat())
    page.fill("#id_decree_number", "800.1.11.1/045-Kec")
    page.click("button:has-text('Simpan penugasan')")
    page.wait_for_selector(
        "[data-testid=holder] >> text=Menandatangani sebagai Plh. Kepala Seksi Pemerintahan"
    )
    assert position.holder_on(today).staff.full_name == "Muhammad Rojali"

    page.goto(f"{production_live_server.url}/organisasi/{district.pk}/")
    row = page.locator("[data-testid=unit-tree] .position-row", has_text="Kepala Seksi Pemerintahan")
    assert row.locator(".badge-acting").inner_text() == "Plh."
    assert "berhalangan" in row.inner_text()
    serious = [
        (v["id"], v["impact"])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.screenshot(path=screenshot_path("orgadmin-structure-desktop"), full_page=True)
    page.set_viewport_size(PHONE)
    page.goto(f"{production_live_server.url}/pegawai/")
    assert page.locator("[data-testid=staff-directory]").is_visible()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.screenshot(path=screenshot_path("orgadmin-staff-phone"), full_page=True)
