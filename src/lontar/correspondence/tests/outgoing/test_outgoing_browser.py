"""The outgoing journey in a real browser: a drafter writes a letter, the Kasubag TU and the Sekcam
give paraf, the Camat signs, the number appears, the PDF's QR link opens the public verification
page, which confirms the downloaded copy is identical, and poppler's pdfsig confirms the signature."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading

import pytest
from django.db import connections
from pypdf import PdfReader

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples
from lontar.core.tests.browser import DESKTOP, screenshot_path
from lontar.correspondence.demo_outgoing import load_outgoing_demo
from lontar.correspondence.models import OutgoingDocument, OutgoingStatus
from lontar.records.tests.factories import ClassificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jatisari(settings, tmp_path_factory, production_live_server):
    settings.LONTAR_CA_DIR = tmp_path_factory.getbasetemp() / "browser-ca"
    settings.LONTAR_SIGNER = "lontar.core.documents.signing.LocalCASigner"
    # The QR code and the e-mails point at this server, so the test can follow them.
    settings.SITE_URL = production_live_server.url

    def load():
        load_demo()
        load_samples()
        for code in ("000.1", "000.1.5", "000.8", "000.8.3.2", "800.1.11.1"):
            ClassificationFactory(code=code, title=f"Klasifikasi {code}")
        load_outgoing_demo()

    # Signing runs pyHanko's asyncio loop, which cannot start in this thread while Playwright's runs.
    outside_the_event_loop(load)
    return production_live_server


def outside_the_event_loop(work) -> None:
    errors = []

    def run():
        try:
            work()
        except BaseException as exc:  # re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    if errors:
        raise errors[0]


def signed_in(browser, server, username):
    context = browser.new_context(viewport=DESKTOP, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == server + "/", f"signed in as {username}"
    return page


def pdf_link_uris(path) -> list[str]:
    uris = []
    for page in PdfReader(str(path)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/URI"):
                uris.append(str(action["/URI"]))
    return uris


def test_a_letter_travels_from_draft_through_paraf_to_a_signed_verifiable_pdf(
    jatisari, chromium_browser, tmp_path
):
    server = jatisari
    drafter = signed_in(chromium_browser, server, "staf.jatisari")
    drafter.click('[data-nav="outgoing"]')
    drafter.click('[data-testid="new-outgoing"]')
    drafter.get_by_role("link", name="Surat Dinas").click()
    drafter.get_by_label("Hal/perihal").fill("Permohonan data penduduk rentan untuk bantuan banjir")
    drafter.locator("#id_classification").select_option(label="000.1 Klasifikasi 000.1")
    drafter.locator("#id_urgency").select_option("segera")
    drafter.get_by_label("Kepada penerima lain", exact=True).fill(
        "Kepala Dinas Sosial Kota Sukamaju | Jl. Merdeka No. 9"
    )
    editor = drafter.get_by_test_id("rich-editor")
    editor.click()
    drafter.keyboard.press("Control+a")
    drafter.keyboard.type("Dengan hormat, bersama ini kami mohon data penduduk rentan ")
    drafter.get_by_role("button", name="Tebal").click()
    drafter.keyboard.type("paling lambat 5 hari kerja")
    drafter.get_by_role("button", name="Tebal").click()
    drafter.keyboard.type(".")
    drafter.get_by_role("button", name="Simpan konsep").click()
    drafter.get_by_test_id("submit-outgoing").click()
    assert drafter.get_by_test_id("outgoing-status").inner_text() == "menunggu paraf"
    document = OutgoingDocument.objects.get(subject__startswith="Permohonan data penduduk rentan")
    assert "<strong>paling lambat 5 hari kerja</strong>" in document.body_html or (
        "<b>paling lambat 5 hari kerja</b>" in document.body_html
    )

    for verifier in ("kasubag.tu.jatisari", "sekcam.jatisari"):
        page = signed_in(chromium_browser, server, verifier)
        page.click('[data-nav="outgoing"]')
        page.get_by_role("link", name="Menunggu paraf saya").click()
        page.get_by_role("link", name="Permohonan data penduduk rentan untuk bantuan banjir").click()
        page.get_by_test_id("give-paraf").click()
        page.get_by_text("Paraf diberikan.").wait_for()
    document.refresh_from_db()
    assert document.status == OutgoingStatus.AWAITING_SIGNATURE

    camat = signed_in(chromium_browser, server, "camat.jatisari")
    assert camat.get_by_text("Naskah menunggu tanda tangan Anda").count() >= 1
    camat.goto(server + "/surat/keluar/tanda-tangan/")
    camat.get_by_role("link", name="Permohonan data penduduk rentan untuk bantuan banjir").click()
    camat.get_by_test_id("sign-outgoing").click()
    number = camat.get_by_test_id("outgoing-number").inner_text()
    document.refresh_from_db()
    assert number == document.number
    assert re.fullmatch(r"000\.1/\d{3}/Kec\.Jts/[IVX]+/\d{4}", number)
    camat.screenshot(path=str(screenshot_path("outgoing-signed")), full_page=True)

    with camat.expect_download() as download_info:
        camat.get_by_test_id("download-pdf").click()
    pdf_path = tmp_path / "naskah.pdf"
    download_info.value.save_as(pdf_path)
    verification_url = document.issued_document.verification_url()
    assert verification_url in pdf_link_uris(pdf_path), (
        "the QR code on the page links to the verification page"
    )

    visitor = chromium_browser.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    visitor.goto(verification_url)
    assert number in visitor.get_by_test_id("document-facts").inner_text()
    visitor.set_input_files("input[type=file]", str(pdf_path))
    visitor.get_by_role("button", name="Periksa").click()
    assert visitor.get_by_test_id("verify-result").inner_text() == "Salinan identik dengan dokumen asli."
    visitor.screenshot(path=str(screenshot_path("outgoing-verified")), full_page=True)

    if shutil.which("pdfsig") is None:
        pytest.skip("poppler's pdfsig is not installed")
    report = subprocess.run(
        ["pdfsig", str(pdf_path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Signature is Valid." in report.stdout, report.stdout
