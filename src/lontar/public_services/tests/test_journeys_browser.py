"""Issue 4's journeys in a real browser, the citizen on a phone-sized screen:

1. A citizen applies online with uploads → the officer asks for a correction → the citizen corrects it
   → the officer completes it and the Camat signs the result → the citizen downloads the PDF, whose QR
   link opens the public verification page that confirms the copy (and `pdfsig` the signature).
2. A walk-in registered at the counter is tracked from its receipt's QR link on a phone.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.core import mail

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.core.tests.files_samples import pdf_bytes
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop, pdf_link_uris
from lontar.public_services.models import Application, ApplicationStatus
from lontar.public_services.tests.office_helpers import build_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(settings, tmp_path_factory, district, production_live_server):
    """An office whose SKTM is signed by the Camat, its people able to sign in with a password."""
    settings.LONTAR_CA_DIR = tmp_path_factory.getbasetemp() / "journeys-ps-ca"
    settings.LONTAR_SIGNER = "lontar.core.documents.signing.LocalCASigner"
    settings.SITE_URL = production_live_server.url
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    built = {}

    def build():
        from lontar.core.models import Organisation

        org = Organisation.objects.get(pk=district.pk)
        built["office"] = result = build_office(org)
        for user in (result.camat, result.officer):
            user.set_password(DEMO_PASSWORD)
            user.save()

    outside_the_event_loop(build)
    built["office"].server = production_live_server.url
    return built["office"]


def _phone(browser):
    page = browser.new_context(
        viewport=PHONE, locale="id-ID", accept_downloads=True, is_mobile=True
    ).new_page()
    page.set_default_timeout(30_000)
    return page


def _signed_in(browser, server, user):
    page = browser.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def _application(number: str) -> Application:
    found = {}
    outside_the_event_loop(lambda: found.setdefault("a", Application.objects.get(number=number)))
    return found["a"]


def test_a_citizen_applies_corrects_and_downloads_a_signed_result_that_verifies(
    office, district, chromium_browser, tmp_path
):
    server = office.server
    ktp = tmp_path / "ktp.pdf"
    ktp.write_bytes(pdf_bytes("Kartu Tanda Penduduk Siti Aminah"))
    kk = tmp_path / "kk.pdf"
    kk.write_bytes(pdf_bytes("Kartu Keluarga Siti Aminah"))

    # 1. On her phone the citizen finds the service and proves her e-mail address with a code.
    citizen = _phone(chromium_browser)
    citizen.goto(f"{server}/layanan/kantor/{district.pk}/sktm/")
    _no_horizontal_scroll(citizen)
    citizen.get_by_role("link", name="Ajukan daring").click()
    citizen.get_by_label("Surel (e-mail)").check()
    citizen.get_by_label("Nomor seluler atau alamat surel").fill("siti.aminah@example.com")
    citizen.get_by_role("button", name="Kirim kode").click()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    citizen.get_by_label("Kode verifikasi (6 angka)").fill(code)
    citizen.get_by_role("button", name="Periksa kode").click()

    # 2. She fills the form the administrator defined, uploads KTP and KK, and submits.
    citizen.get_by_label("Nama lengkap (sesuai KTP)").fill("Siti Aminah")
    citizen.get_by_label("NIK").fill("3299034506920003")
    citizen.get_by_label("Nomor telepon seluler").fill("081321450671")
    citizen.get_by_label("Alamat tempat tinggal").fill("Jl. Kenanga No. 12, Kelurahan Satu")
    citizen.locator("[name=isian_keperluan]").fill("Beasiswa sekolah anak")
    uploads = citizen.locator("input[type=file]")
    uploads.nth(0).set_input_files(str(ktp))
    uploads.nth(1).set_input_files(str(kk))
    _no_horizontal_scroll(citizen)
    citizen.get_by_role("button", name="Ajukan", exact=True).click()
    number = citizen.get_by_test_id("receipt-number").inner_text().strip()
    secret = citizen.get_by_test_id("receipt-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]+-\d{4}-[A-Z0-9]{6}", number) and len(secret) == 8
    citizen.screenshot(path=str(screenshot_path("ps-journey-1-submitted-phone")), full_page=True)
    application = _application(number)
    assert application.status == ApplicationStatus.SUBMITTED and application.uploads.count() == 2

    # 3. The officer takes it from the queue and asks for a readable KTP.
    officer = _signed_in(chromium_browser, server, office.officer)
    officer.goto(f"{server}/pelayanan/permohonan/")
    officer.get_by_role("link", name=number).click()
    officer.locator("#form-ambil button[type=submit]").click()
    officer.locator("#form-perbaikan textarea").fill(
        "Foto KTP terpotong; unggah ulang KTP yang terbaca seluruhnya."
    )
    officer.locator("#form-perbaikan button[type=submit]").click()
    assert "jam layanan berhenti" in officer.content()

    # 4. The citizen opens her tracking link, reads the request and sends the corrected KTP.
    citizen.goto(f"{server}/lacak/{number}/{secret}/")
    assert "Foto KTP terpotong" in citizen.get_by_test_id("officer-request").inner_text()
    assert "Jam berhenti" in citizen.get_by_test_id("track-due").inner_text()
    _no_horizontal_scroll(citizen)
    correction = citizen.get_by_test_id("correction-form")
    correction.locator("input[type=file]").nth(0).set_input_files(str(ktp))
    correction.locator("textarea[name=pesan]").fill("KTP sudah saya pindai ulang.")
    correction.get_by_role("button", name="Kirim perbaikan").click()
    application = _application(number)
    assert application.status == ApplicationStatus.VERIFYING

    # 5. The officer accepts, previews the result and sends it for signature; the Camat signs.
    officer.reload()
    officer.locator("#form-terima button[type=submit]").click()
    officer.get_by_role("link", name="Pratinjau dan ajukan tanda tangan").click()
    assert "Siti Aminah" in officer.content()
    officer.get_by_role("button", name="Sudah saya periksa, ajukan tanda tangan").click()
    camat = _signed_in(chromium_browser, server, office.camat)
    camat.goto(f"{server}/pelayanan/permohonan/{application.pk}/")
    camat.locator("#form-ttd button[type=submit]").click()
    application = _application(number)
    assert application.status == ApplicationStatus.READY and application.result_document_id

    # 6. The citizen downloads the signed result; its QR link verifies the copy she holds.
    citizen.goto(f"{server}/lacak/{number}/{secret}/")
    assert citizen.get_by_test_id("track-status").inner_text().startswith("Selesai")
    citizen.screenshot(path=str(screenshot_path("ps-journey-2-ready-phone")), full_page=True)
    with citizen.expect_download() as download_info:
        citizen.get_by_test_id("download-result").click()
    result_pdf = tmp_path / "hasil.pdf"
    download_info.value.save_as(result_pdf)
    links = [uri for uri in pdf_link_uris(result_pdf) if "/verifikasi/" in uri]
    assert links, "the result carries its verification link"
    visitor = _phone(chromium_browser)
    visitor.goto(links[0])
    visitor.set_input_files("input[type=file]", str(result_pdf))
    visitor.get_by_role("button", name="Periksa").click()
    assert visitor.get_by_test_id("verify-result").inner_text() == "Salinan identik dengan dokumen asli."
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler's pdfsig is not installed")
    report = subprocess.run(
        ["pdfsig", str(result_pdf)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Signature is Valid." in report.stdout, report.stdout


def test_a_walk_in_registered_at_the_counter_is_tracked_from_its_receipt(office, chromium_browser):
    server = office.server
    desk = _signed_in(chromium_browser, server, office.officer)
    desk.goto(f"{server}/pelayanan/loket/")
    desk.get_by_test_id("walk-in-services").get_by_role("link").first.click()
    form = desk.get_by_test_id("walk-in-form")
    form.locator("[name=name]").fill("Bambang Suryadi")
    form.locator("[name=nik]").fill("3299032208700003")
    form.locator("[name=phone]").fill("081312340987")
    form.locator("[name=address]").fill("Jl. Melati No. 8")
    form.locator("[name=isian_keperluan]").fill("Keringanan biaya rumah sakit")
    for box in form.locator("input[type=checkbox]").all():
        box.check()
    form.get_by_role("button", name="Daftarkan dan cetak tanda terima").click()
    receipt = desk.get_by_test_id("receipt")
    secret = receipt.get_by_test_id("receipt-secret").inner_text().strip()
    assert receipt.locator("img.receipt-qr").count() == 1, "the receipt prints a tracking QR"
    track_link = desk.get_by_test_id("track-link").get_attribute("href")
    assert secret in track_link
    desk.screenshot(path=str(screenshot_path("ps-journey-3-receipt")), full_page=True)

    # The citizen scans the QR at home: the phone shows the status, the steps and the expected date.
    phone = _phone(chromium_browser)
    phone.goto(track_link if track_link.startswith("http") else server + track_link)
    assert phone.get_by_test_id("track-status").inner_text().startswith("Diajukan")
    assert phone.get_by_test_id("track-due").inner_text().strip()
    assert "Permohonan dibuat" in phone.get_by_test_id("timeline").inner_text()
    _no_horizontal_scroll(phone)
    phone.screenshot(path=str(screenshot_path("ps-journey-4-walk-in-tracked-phone")), full_page=True)
