"""Browser journey: the Kasubag TU opens a file, files a letter, closes it; the retention job moves it
to inactive; she proposes its destruction; the Camat approves and downloads the berita acara."""

from __future__ import annotations

import os

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from lontar.core.tests.browser import screenshot_path
from lontar.records.models import DisposalStatus, RecordFile, RecordFileStatus

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed"),
]


@pytest.fixture
def page(production_live_server, browser_page):
    # The server starts first so it stops last, after the browser has closed its connections.
    return browser_page


def _sign_in(page, server, user):
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])


@pytest.mark.django_db(transaction=True)
def test_file_is_opened_filed_closed_retained_proposed_approved_and_its_report_downloaded(
    page,
    production_live_server,
    district,
    keeper,
    signing_head,
    short_code,
    report_numbering,
    documents_storage,
):
    server = production_live_server
    _sign_in(page, server, keeper)
    page.goto(f"{server.url}/arsip/")
    page.get_by_role("link", name="Buka berkas baru").click()
    page.get_by_label("Nomor berkas").fill("BRK/2015/004")
    page.get_by_label("Uraian berkas").fill("Perjalanan dinas pegawai 2015")
    page.get_by_label("Kode klasifikasi").select_option(label="000.1.2.3 — Perjalanan Dinas Pegawai")
    page.get_by_label("Tanggal dibuka").fill("2015-01-05")
    page.get_by_label("Lokasi simpan fisik").fill("Ruang arsip, lemari 1, boks 4")
    page.get_by_role("button", name="Simpan").click()

    page.get_by_label("Uraian naskah").fill("Surat tugas rapat koordinasi di Balai Kota")
    page.get_by_label("Tanggal naskah").fill("2015-01-12")
    page.get_by_role("button", name="Berkaskan naskah").click()
    assert "Surat tugas rapat koordinasi" in page.get_by_test_id("file-items").inner_text()

    page.get_by_label("Tanggal ditutup").fill("2015-03-02")
    page.get_by_role("button", name="Tutup berkas").click()
    assert "2 Maret 2020" in page.get_by_test_id("retention").inner_text()

    call_command("apply_retention")
    record_file = RecordFile.objects.get(number="BRK/2015/004")
    assert record_file.status == RecordFileStatus.INACTIVE

    page.goto(f"{server.url}/arsip/jatuh-tempo/?keterangan=musnah")
    assert "BRK/2015/004" in page.get_by_test_id("due-files").inner_text()
    page.get_by_role("link", name="Usulkan pemusnahan").click()
    page.get_by_label("BRK/2015/004", exact=False).check()
    page.get_by_label("Pertimbangan").fill("Masa retensi habis; tidak lagi dipakai.")
    page.get_by_role("button", name="Ajukan usul").click()
    assert page.get_by_test_id("proposal-status").inner_text() == "diusulkan"
    proposal_url = page.url

    _sign_in(page, server, signing_head)
    page.goto(proposal_url)
    page.get_by_role("button", name="Setujui dan terbitkan berita acara").click()
    assert page.get_by_test_id("proposal-status").inner_text() == "disetujui"
    assert "dimusnahkan" in page.get_by_test_id("proposal-files").inner_text()
    page.screenshot(path=screenshot_path("records-destruction-approved"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_test_id("report-download").click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    record_file.refresh_from_db()
    assert record_file.status == RecordFileStatus.DESTROYED
    assert record_file.disposals.get().status == DisposalStatus.APPROVED
