"""The booking journey in a real browser: a staff member requests the hall on a phone (390 x 844) → the
head of Subbag Umum approves it on a desktop → the booking shows on the shared calendar as approved."""

from __future__ import annotations

import pytest

from lontar.assets.bookings.models import Booking, BookingStatus
from lontar.assets.bookings.tests.factories import Office, next_weekday
from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(district, production_live_server):
    built = {}

    def build():
        from lontar.core.models import Organisation

        team = Office(Organisation.objects.get(pk=district.pk))
        for user in (team.staff, team.kasubag):
            user.set_password(DEMO_PASSWORD)
            user.save()
        built["team"] = team

    outside_the_event_loop(build)
    return built["team"]


def _signed_in(browser, server, user, *, phone=False):
    if phone:
        context = browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True)
    else:
        context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _booking() -> Booking:
    found = {}
    outside_the_event_loop(lambda: found.setdefault("b", Booking.objects.select_related("resource").get()))
    return found["b"]


def _no_horizontal_scroll(page) -> None:
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_a_room_requested_on_a_phone_is_approved_and_shows_on_the_calendar(
    office, production_live_server, chromium_browser
):
    server = production_live_server.url
    day = next_weekday(2)

    # 1. On a phone the staff member opens the calendar and requests the hall.
    phone = _signed_in(chromium_browser, server, office.staff, phone=True)
    phone.goto(f"{server}/peminjaman/")
    _no_horizontal_scroll(phone)
    phone.get_by_test_id("request-booking").click()
    _no_horizontal_scroll(phone)
    phone.get_by_label("Ruang/kendaraan").select_option(label="Aula Kecamatan")
    phone.locator("input[name=day]").fill(day.isoformat())
    phone.get_by_label("Jam mulai").fill("13:00")
    phone.get_by_label("Jam selesai").fill("15:30")
    phone.get_by_label("Keperluan").fill("Rapat persiapan Musrenbang")
    phone.get_by_label("Jumlah peserta/penumpang").fill("35")
    phone.get_by_role("button", name="Ajukan").click()
    assert "Menunggu persetujuan" in phone.get_by_test_id("booking-status").inner_text()
    phone.screenshot(path=str(screenshot_path("bookings-journey-1-requested-phone")), full_page=True)
    booking = _booking()
    assert booking.status == BookingStatus.PENDING and booking.attendees_count == 35

    # 2. The head of Subbag Umum finds it among the requests waiting for them and approves it.
    desk = _signed_in(chromium_browser, server, office.kasubag)
    desk.goto(f"{server}/peminjaman/persetujuan/")
    desk.get_by_test_id("pending").get_by_role("link").first.click()
    desk.locator("#approve textarea").fill("Silakan, kunci di Subbag Umum.")
    desk.locator("#approve button[type=submit]").click()
    assert "Disetujui" in desk.get_by_test_id("booking-status").inner_text()
    assert _booking().status == BookingStatus.APPROVED

    # 3. It shows on the shared calendar, week and month, and the requester sees it approved.
    desk.goto(f"{server}/peminjaman/?tanggal={day.isoformat()}")
    item = desk.get_by_test_id("calendar-booking").filter(has_text="Rapat persiapan Musrenbang")
    assert "13.00" in item.inner_text()
    desk.screenshot(path=str(screenshot_path("bookings-journey-2-calendar-desktop")), full_page=True)
    phone.goto(f"{server}/peminjaman/?tanggal={day.isoformat()}&tampilan=bulan")
    _no_horizontal_scroll(phone)
    assert phone.get_by_test_id("calendar-booking").count() == 1
    phone.screenshot(path=str(screenshot_path("bookings-journey-3-month-phone")), full_page=True)
    phone.goto(f"{server}/peminjaman/{booking.pk}/")
    assert "Disetujui" in phone.get_by_test_id("booking-status").inner_text()
