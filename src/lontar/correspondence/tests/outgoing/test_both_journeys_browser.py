"""Both journeys of issue 3 in one real browser session on the demo kecamatan, the way an office lives
them: the front desk registers a scanned letter with the keyboard → the Camat disposes it to the Kasi
Pemerintahan with a deadline → the Kasi passes it on to his staff → the staff member reports → the Kasi
completes; then the same staff member writes the reply from the letter → the Kasubag TU and the Sekcam
give paraf → the Camat signs → the number appears → the PDF's QR link opens the public verification page,
which confirms the downloaded copy, and poppler's `pdfsig` confirms the signature."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from lontar.core.tests.browser import screenshot_path
from lontar.core.tests.files_samples import pdf_bytes
from lontar.correspondence.models import (
    Disposition,
    DispositionStatus,
    IncomingLetter,
    OutgoingDocument,
    OutgoingStatus,
)
from lontar.correspondence.tests.outgoing.test_outgoing_browser import (
    outside_the_event_loop,
    pdf_link_uris,
    signed_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "Permintaan data rekapitulasi perekaman KTP-el per kelurahan"
SENDER_NUMBER = "470/871/Disdukcapil/XI/2026"


@pytest.fixture
def demo_office(settings, tmp_path_factory, production_live_server):
    """The whole demo, as `scripts/run` loads it (every module's demo data, the KKA tree included)."""
    settings.LONTAR_CA_DIR = tmp_path_factory.getbasetemp() / "journeys-ca"
    settings.LONTAR_SIGNER = "lontar.core.documents.signing.LocalCASigner"
    settings.SITE_URL = production_live_server.url
    # Signing runs pyHanko's asyncio loop, which cannot start in this thread while Playwright's runs.
    outside_the_event_loop(lambda: call_command("load_demo", force=True, verbosity=0))
    return production_live_server


def test_a_registered_letter_is_disposed_reported_and_answered_with_a_signed_verifiable_reply(
    demo_office, chromium_browser, tmp_path
):
    server = demo_office
    scan = tmp_path / "surat-disdukcapil.pdf"
    scan.write_bytes(pdf_bytes(SUBJECT))

    # 1. The front desk registers the scanned letter: the cursor starts at the sender, keyboard only.
    desk = signed_in(chromium_browser, server, "fo.jatisari")
    desk.goto(server + "/surat/masuk/baru/")
    desk.keyboard.type("Dinas Kependudukan dan Pencatatan Sipil Kota Sukamaju")
    desk.keyboard.press("Tab")
    desk.keyboard.type("Kepala Dinas")
    desk.keyboard.press("Tab")
    desk.keyboard.type(SENDER_NUMBER)
    desk.get_by_label("Tanggal surat").fill("2026-11-16")
    desk.get_by_label("Perihal").fill(SUBJECT)
    desk.get_by_label("Kode klasifikasi", exact=True).press_sequentially("400.12.2")
    desk.get_by_label("Sifat").select_option("segera")
    desk.get_by_label("Tanggal diterima").fill("2026-11-17")
    desk.get_by_label("Pindaian surat (PDF/JPG)").set_input_files(str(scan))
    desk.get_by_label("Perihal").press("Enter")
    desk.get_by_test_id("letter-data").wait_for()
    letter = IncomingLetter.objects.get(sender_number=SENDER_NUMBER)
    assert letter.classification.code == "400.12.2"
    assert "surat-disdukcapil.pdf" in desk.get_by_test_id("letter-scans").inner_text()
    letter_url = server + letter.get_absolute_url()

    # 2. The Camat disposes it to the Kasi Pemerintahan with a deadline of three working days.
    camat = signed_in(chromium_browser, server, "camat.jatisari")
    camat.goto(letter_url)
    camat.get_by_test_id("dispose-button").click()
    camat.get_by_label(re.compile(r"^Parlindungan Siregar")).check()
    camat.get_by_label("Siapkan jawaban").check()
    camat.get_by_label("Catatan").fill("Siapkan data dan konsep jawaban.")
    camat.get_by_label("Tenggat (hari kerja)").fill("3")
    camat.get_by_role("button", name="Kirim disposisi").click()
    camat.get_by_test_id("disposition-tree").wait_for()
    to_kasi = Disposition.objects.get(letter=letter, parent=None)
    assert to_kasi.recipient.username == "kasi.pem.jatisari" and to_kasi.due_date is not None

    # 3. The Kasi finds it among his unread dispositions and passes it on to his staff member.
    kasi = signed_in(chromium_browser, server, "kasi.pem.jatisari")
    kasi.goto(server + "/surat/disposisi/?kotak=belum-dibaca")
    kasi.get_by_role("link", name=SUBJECT).click()
    kasi.get_by_role("link", name="Teruskan (disposisi lanjutan)").click()
    kasi.get_by_label(re.compile(r"^Taufik Ramadhan")).check()
    kasi.get_by_label("Siapkan jawaban").check()
    kasi.get_by_label("Catatan").fill("Rekap per kelurahan, lalu konsep balasan.")
    kasi.get_by_label("Tenggat (hari kerja)").fill("2")
    kasi.get_by_role("button", name="Kirim disposisi").click()
    kasi.get_by_test_id("disposition-tree").wait_for()
    to_kasi.refresh_from_db()
    assert to_kasi.status == DispositionStatus.READ
    to_staff = Disposition.objects.get(parent=to_kasi)
    assert to_staff.recipient.username == "staf.pem.jatisari"

    # 4. The staff member reports with an attachment.
    staff = signed_in(chromium_browser, server, "staf.pem.jatisari")
    staff.goto(letter_url)
    staff.get_by_role("link", name="Laporkan tindak lanjut").click()
    staff.get_by_label("Laporan tindak lanjut").fill("Rekap perekaman per kelurahan sudah disusun.")
    staff.get_by_label("Lampiran (PDF/JPG)").set_input_files(str(scan))
    staff.get_by_label("Pekerjaan sudah selesai").check()
    staff.get_by_role("button", name="Kirim laporan").click()
    staff.get_by_test_id("disposition-report").wait_for()

    # 5. The Kasi completes what he sent.
    kasi.goto(letter_url)
    kasi.get_by_role("button", name="Nyatakan selesai").click()
    kasi.get_by_test_id("disposition-tree").wait_for()
    to_staff.refresh_from_db()
    assert to_staff.status == DispositionStatus.DONE
    assert (
        "Rekap perekaman per kelurahan sudah disusun." in kasi.get_by_test_id("disposition-tree").inner_text()
    )

    # 6. The staff member writes the reply from the letter page: the draft starts from the letter.
    staff.goto(letter_url)
    staff.get_by_test_id("reply-button").click()
    assert SUBJECT in staff.get_by_test_id("reply-to").inner_text()
    staff.get_by_label("Hal/perihal").fill("Penyampaian rekapitulasi perekaman KTP-el per kelurahan")
    editor = staff.get_by_test_id("rich-editor")
    editor.click()
    staff.keyboard.press("Control+a")
    staff.keyboard.type("Menindaklanjuti surat Saudara, bersama ini kami sampaikan rekapitulasi perekaman.")
    staff.get_by_role("button", name="Simpan konsep").click()
    staff.get_by_test_id("submit-outgoing").click()
    assert staff.get_by_test_id("outgoing-status").inner_text() == "menunggu paraf"
    reply = OutgoingDocument.objects.get(replies_to=letter)
    reply_url = server + reverse("correspondence:outgoing_detail", args=[reply.pk])

    # 7. Paraf by the Kasubag TU, then the Sekcam.
    for verifier in ("kasubag.tu.jatisari", "sekcam.jatisari"):
        page = signed_in(chromium_browser, server, verifier)
        page.goto(reply_url)
        page.get_by_test_id("give-paraf").click()
        page.get_by_text("Paraf diberikan.").wait_for()
    reply.refresh_from_db()
    assert reply.status == OutgoingStatus.AWAITING_SIGNATURE

    # 8. The Camat signs: the number is taken and shown.
    camat.goto(reply_url)
    camat.get_by_test_id("sign-outgoing").click()
    number = camat.get_by_test_id("outgoing-number").inner_text()
    reply.refresh_from_db()
    assert number == reply.number and reply.status == OutgoingStatus.SIGNED
    assert re.fullmatch(r"400\.12\.2/\d{3}/Kec\.Jts/[IVX]+/\d{4}", number), number
    assert SUBJECT in camat.get_by_test_id("replies-to").inner_text()
    camat.screenshot(path=str(screenshot_path("journeys-reply-signed")), full_page=True)

    # 9. The PDF's QR link opens the verification page, which confirms the downloaded copy.
    with camat.expect_download() as download_info:
        camat.get_by_test_id("download-pdf").click()
    pdf_path = tmp_path / "balasan.pdf"
    download_info.value.save_as(pdf_path)
    verification_url = reply.issued_document.verification_url()
    assert verification_url in pdf_link_uris(pdf_path)
    visitor = chromium_browser.new_context(locale="id-ID").new_page()
    visitor.goto(verification_url)
    assert number in visitor.get_by_test_id("document-facts").inner_text()
    visitor.set_input_files("input[type=file]", str(pdf_path))
    visitor.get_by_role("button", name="Periksa").click()
    assert visitor.get_by_test_id("verify-result").inner_text() == "Salinan identik dengan dokumen asli."

    # 10. poppler's pdfsig confirms the signature.
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler's pdfsig is not installed")
    report = subprocess.run(
        ["pdfsig", str(pdf_path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Signature is Valid." in report.stdout, report.stdout
