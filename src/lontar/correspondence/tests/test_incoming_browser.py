"""Browser journey: the front desk registers a scanned letter with the keyboard → the Camat disposes it
to the Kasi's seksi with a deadline → the Kasi passes it on to her staff → the staff member reports →
the Kasi completes. Ends with a screenshot of the letter page and its disposition timeline."""

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client

from lontar.core.tests.browser import screenshot_path
from lontar.core.tests.files_samples import pdf_bytes
from lontar.correspondence.models import Disposition, DispositionStatus, IncomingLetter
from lontar.correspondence.tests.incoming_helpers import build_office

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
def test_a_scanned_letter_goes_from_the_front_desk_down_the_disposition_tree_and_back(
    page, production_live_server, district, tmp_path
):
    office = build_office(district)
    server = production_live_server
    scan_file = tmp_path / "undangan.pdf"
    scan_file.write_bytes(pdf_bytes("Undangan rapat koordinasi perekaman KTP-el"))

    # The front desk, keyboard only for the text: the cursor starts at the sender's institution.
    _sign_in(page, server, office.front_desk)
    page.goto(f"{server.url}/surat/masuk/baru/")
    keyboard = page.keyboard
    keyboard.type("Dinas Kependudukan dan Pencatatan Sipil")
    keyboard.press("Tab")
    keyboard.type("Kepala Dinas")
    keyboard.press("Tab")
    keyboard.type("470/555/Disdukcapil/2026")
    page.get_by_label("Tanggal surat").fill("2026-11-02")
    page.get_by_label("Perihal").fill("Undangan rapat koordinasi perekaman KTP-el")
    page.get_by_label("Kode klasifikasi", exact=True).press_sequentially("000.1.5")
    page.get_by_label("Sifat").select_option("segera")
    page.get_by_label("Tanggal diterima").fill("2026-11-03")
    page.get_by_label("Pindaian surat (PDF/JPG)").set_input_files(str(scan_file))
    page.get_by_label("Perihal").press("Enter")
    page.get_by_test_id("letter-data").wait_for()
    letter = IncomingLetter.objects.get()
    assert letter.classification == office.classification and letter.urgency == "segera"
    assert "undangan.pdf" in page.get_by_test_id("letter-scans").inner_text()
    letter_url = f"{server.url}{letter.get_absolute_url()}"

    # The Camat disposes it to the Seksi Pemerintahan (its head, the Kasi) with a 3-working-day deadline.
    _sign_in(page, server, office.camat)
    page.goto(letter_url)
    page.get_by_test_id("dispose-button").click()
    page.get_by_label("Seksi Pemerintahan").check()
    page.get_by_label("Hadiri/wakili").check()
    page.get_by_label("Catatan").fill("Hadiri dan laporkan hasilnya.")
    page.get_by_label("Tenggat (hari kerja)").fill("3")
    page.get_by_role("button", name="Kirim disposisi").click()
    page.get_by_test_id("disposition-tree").wait_for()
    to_kasi = Disposition.objects.get()
    assert to_kasi.recipient == office.kasi and to_kasi.due_date is not None

    # The Kasi finds it in her inbox, opens it (read receipt) and passes it on to her staff.
    _sign_in(page, server, office.kasi)
    page.goto(f"{server.url}/surat/disposisi/?kotak=belum-dibaca")
    page.get_by_role("link", name="Undangan rapat koordinasi perekaman KTP-el").click()
    page.get_by_role("link", name="Teruskan (disposisi lanjutan)").click()
    page.get_by_label("Staf Pemerintahan", exact=True).check()
    page.get_by_label("Siapkan jawaban").check()
    page.get_by_label("Catatan").fill("Siapkan data perekaman per kelurahan.")
    page.get_by_label("Tenggat (hari kerja)").fill("2")
    page.get_by_role("button", name="Kirim disposisi").click()
    page.get_by_test_id("disposition-tree").wait_for()
    to_kasi.refresh_from_db()
    assert to_kasi.status == DispositionStatus.READ
    to_staff = Disposition.objects.get(parent=to_kasi)

    # The staff member reports, with an attachment, and says the work is done.
    _sign_in(page, server, office.staff)
    page.goto(letter_url)
    page.get_by_role("link", name="Laporkan tindak lanjut").click()
    page.get_by_label("Laporan tindak lanjut").fill("Data perekaman per kelurahan sudah disusun.")
    page.get_by_label("Lampiran (PDF/JPG)").set_input_files(str(scan_file))
    page.get_by_label("Pekerjaan sudah selesai").check()
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_test_id("disposition-report").wait_for()

    # The Kasi completes the disposition she sent.
    _sign_in(page, server, office.kasi)
    page.goto(letter_url)
    page.get_by_role("button", name="Nyatakan selesai").click()
    page.get_by_test_id("disposition-tree").wait_for()
    to_staff.refresh_from_db()
    assert to_staff.status == DispositionStatus.DONE
    tree = page.get_by_test_id("disposition-tree").inner_text()
    assert "Data perekaman per kelurahan sudah disusun." in tree
    page.screenshot(path=str(screenshot_path("incoming-letter-disposition-tree")), full_page=True)
