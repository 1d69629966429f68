"""Browser journey: an office administrator writes a numbering format and sees the live preview."""

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client

from lontar.core.models import NumberingTemplate

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed"),
]


@pytest.fixture
def page(production_live_server, browser_page):
    # The server starts first so it stops last, after the browser has closed its connections.
    return browser_page


def _sign_in(page, production_live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": production_live_server.url}])


@pytest.mark.django_db(transaction=True)
def test_admin_writes_a_format_sees_the_preview_and_saves_the_template(
    page, production_live_server, org_admin, district
):
    _sign_in(page, production_live_server, org_admin)
    page.goto(f"{production_live_server.url}/pengaturan/penomoran/")
    page.get_by_role("link", name="Tambah templat").click()
    page.get_by_label("Jenis naskah").fill("surat_tugas")
    page.get_by_label("Nama", exact=True).fill("Surat Tugas")
    page.get_by_label("Format nomor").fill("{klasifikasi}/{urut:3}/{org}/{tahun}")
    page.get_by_label("Contoh kode klasifikasi untuk pratinjau").fill("800.1.11.1")
    preview = page.get_by_test_id("preview-number")
    preview.wait_for()
    page.wait_for_function(
        "(prefix) => document.querySelector('[data-testid=preview-number]').textContent.startsWith(prefix)",
        arg="800.1.11.1/001/Kec.Satu/",
    )
    page.get_by_label("Format nomor").fill("{klasifikasi}/{nomor}")
    page.get_by_test_id("preview-errors").wait_for()
    assert "Token {nomor} tidak dikenal" in page.get_by_test_id("preview-errors").inner_text()
    page.get_by_label("Format nomor").fill("{klasifikasi}/{urut:3}/{org}/{tahun}")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_test_id("numbering-templates").wait_for()
    assert "surat_tugas" in page.get_by_test_id("numbering-templates").inner_text()
    assert (
        NumberingTemplate.objects.get(organisation=district).format == "{klasifikasi}/{urut:3}/{org}/{tahun}"
    )
