"""The organisation administrator's main journey in a real browser (Debian Chromium)."""

from __future__ import annotations

import shutil

import pytest

from lontar.core.models import Organisation, Role, Staff
from lontar.core.tests.factories import PASSWORD

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
