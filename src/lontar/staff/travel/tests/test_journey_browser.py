"""The duty-travel journey in a real browser: a staff member requests a surat tugas and submits it →
the Camat approves and signs → the numbered, signed letter is downloadable by the traveller → the
traveller sends the trip report with a photo attached → the trip is completed. The traveller works on a
phone (390 px), the Camat on a desktop (1366 px)."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.core.tests.files_samples import pdf_bytes
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop
from lontar.staff.travel.models import Trip, TripStatus
from lontar.staff.travel.tests.factories import build_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team(district, production_live_server):
    built = {}

    def build():
        from lontar.core.models import Organisation

        office = build_office(Organisation.objects.get(pk=district.pk))
        for user in (office.staff, office.camat):
            user.set_password(DEMO_PASSWORD)
            user.save()
        built["office"] = office

    outside_the_event_loop(build)
    return built["office"]


def _trip() -> Trip:
    found = {}
    outside_the_event_loop(lambda: found.setdefault("t", Trip.objects.select_related("document").get()))
    return found["t"]


def _signed_in(browser, server, user, viewport):
    page = browser.new_context(viewport=viewport, locale="id-ID").new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _no_horizontal_scroll(page) -> None:
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_a_request_is_approved_signed_downloaded_and_reported(
    team, production_live_server, chromium_browser, tmp_path
):
    server = production_live_server.url
    today = dt.date.today()

    # 1. The staff member requests a surat tugas on a phone and submits it.
    staff = _signed_in(chromium_browser, server, team.staff, PHONE)
    staff.goto(f"{server}/kepegawaian/dinas-luar/")
    staff.get_by_test_id("new-trip").click()
    _no_horizontal_scroll(staff)
    assert staff.get_by_label("Euis Komala").is_checked()
    staff.get_by_label("Maksud perjalanan dinas").fill("Mengikuti rapat koordinasi data kependudukan.")
    staff.locator("#id_basis").fill("Undangan Disdukcapil Kota.")
    staff.get_by_label("Tempat tujuan").fill("Kota Sukamaju")
    staff.get_by_label("Tanggal berangkat").fill(today.isoformat())
    staff.get_by_label("Tanggal kembali").fill((today + dt.timedelta(days=1)).isoformat())
    staff.get_by_label("Alat angkut").select_option("kendaraan_dinas")
    staff.get_by_role("button", name="Simpan konsep").click()
    staff.locator("#form-ajukan button[type=submit]").click()
    assert _trip().status == TripStatus.SUBMITTED
    staff.screenshot(path=str(screenshot_path("travel-journey-1-submitted-phone")), full_page=True)

    # 2. The Camat finds it on the dashboard's list, approves and signs it.
    camat = _signed_in(chromium_browser, server, team.camat, DESKTOP)
    camat.goto(f"{server}/kepegawaian/dinas-luar/kantor/?status=diajukan")
    camat.get_by_role("link", name=f"Usulan #{_trip().pk}").click()
    camat.locator("#form-setujui button[type=submit]").click()
    camat.locator("#form-ttd button[type=submit]").click()
    trip = _trip()
    assert trip.status == TripStatus.ISSUED and trip.number.startswith("800.1.11.1/001/")
    assert trip.number in camat.get_by_test_id("number").inner_text()
    camat.screenshot(path=str(screenshot_path("travel-journey-2-signed-desktop")), full_page=True)

    # 3. The traveller downloads the signed, numbered letter.
    staff.goto(f"{server}/kepegawaian/dinas-luar/{trip.pk}/")
    with staff.expect_download() as download_info:
        staff.get_by_test_id("letter-download").click()
    letter = tmp_path / "surat-tugas.pdf"
    download_info.value.save_as(letter)
    assert letter.read_bytes().startswith(b"%PDF")

    # 4. The traveller sends the report with a photo of the meeting; the trip is completed.
    photo = tmp_path / "foto-rapat.pdf"
    photo.write_bytes(pdf_bytes("Foto rapat koordinasi"))
    form = staff.locator("#form-laporan")
    form.get_by_label("Hasil perjalanan dinas").fill("Data ganda 312 akan dituntaskan akhir bulan.")
    form.locator("input[type=file]").set_input_files(str(photo))
    form.get_by_role("button", name="Kirim laporan").click()
    assert "foto-rapat.pdf" in staff.get_by_test_id("report-attachments").inner_text()
    _no_horizontal_scroll(staff)
    assert _trip().status == TripStatus.COMPLETED
    staff.screenshot(path=str(screenshot_path("travel-journey-3-reported-phone")), full_page=True)

    # 5. Who is travelling when: the Camat's month view shows the traveller on the trip's days; the
    # traveller's own list fits the phone.
    camat.goto(f"{server}/kepegawaian/dinas-luar/kalender/")
    calendar = camat.get_by_test_id("travel-calendar")
    assert "Euis Komala" in calendar.inner_text()
    camat.screenshot(path=str(screenshot_path("travel-calendar-desktop")), full_page=True)
    camat.goto(f"{server}/kepegawaian/dinas-luar/kantor/")
    assert trip.number in camat.get_by_test_id("office-trips").inner_text()
    camat.screenshot(path=str(screenshot_path("travel-office-list-desktop")), full_page=True)
    staff.goto(f"{server}/kepegawaian/dinas-luar/")
    assert trip.number in staff.get_by_test_id("my-trips").inner_text()
    _no_horizontal_scroll(staff)
    staff.goto(f"{server}/kepegawaian/dinas-luar/kalender/")
    _no_horizontal_scroll(staff)
    staff.screenshot(path=str(screenshot_path("travel-calendar-phone")), full_page=True)
