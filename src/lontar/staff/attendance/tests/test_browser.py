"""Attendance in a real browser: a staff member checks in and out on a 390 px phone (plain forms, no
horizontal scroll), and the section head edits a roster cell on the desktop grid — refused with the
quota message when the day would fall below it, accepted otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop
from lontar.staff.attendance.models import AttendanceRecord, RosterEntry, WorkMode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(district, production_live_server):
    built = {}

    def build():
        from lontar.core.models import Organisation
        from lontar.core.workdays.calendar import organisation_today
        from lontar.staff.attendance import services
        from lontar.staff.attendance.tests.helpers import team

        org = Organisation.objects.get(pk=district.pk)
        unit, users = team(org, 4)
        for user in users:
            user.set_password(DEMO_PASSWORD)
            user.save()
        today = organisation_today(org)
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
        services.generate_roster(actor=users[0], unit=unit, start=monday, weeks=2)
        built.update(unit=unit, head=users[0], staff=users[1], monday=monday)

    outside_the_event_loop(build)
    return built


def _signed_in(browser, server, user, viewport):
    page = browser.new_context(viewport=viewport, locale="id-ID", is_mobile=viewport == PHONE).new_page()
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


def test_staff_checks_in_and_out_on_a_phone(office, production_live_server, chromium_browser):
    server = production_live_server.url
    phone = _signed_in(chromium_browser, server, office["staff"], PHONE)
    phone.goto(f"{server}/kepegawaian/kehadiran/")
    _no_horizontal_scroll(phone)
    phone.get_by_label("Catatan (tidak wajib): lokasi atau tugas bila WFH").fill("Ruang pelayanan lantai 1")
    with phone.expect_navigation():
        phone.get_by_test_id("check-in").click()
    assert "Masuk tercatat pukul" in phone.content()
    assert phone.get_by_test_id("status").is_visible()
    _no_horizontal_scroll(phone)
    with phone.expect_navigation():
        phone.get_by_test_id("check-out").click()
    assert "Pulang tercatat pukul" in phone.content()
    assert phone.get_by_test_id("done").is_visible()
    phone.screenshot(path=screenshot_path("attendance-phone"), full_page=True)
    _no_horizontal_scroll(phone)

    records = []
    outside_the_event_loop(lambda: records.extend(AttendanceRecord.objects.all()))
    assert len(records) == 1 and records[0].check_out_at is not None
    assert records[0].check_in_note == "Ruang pelayanan lantai 1"


def test_section_head_edits_a_cell_and_is_refused_when_the_quota_would_break(
    office, production_live_server, chromium_browser
):
    server = production_live_server.url
    cells = {}

    def find_cells():
        day = (
            RosterEntry.objects.filter(unit=office["unit"])
            .order_by("date")
            .values_list("date", flat=True)
            .first()
        )
        cells["day"] = day
        cells["office"] = RosterEntry.objects.filter(
            unit=office["unit"], date=day, mode=WorkMode.OFFICE
        ).first()
        cells["home"] = RosterEntry.objects.filter(unit=office["unit"], date=day, mode=WorkMode.HOME).first()

    outside_the_event_loop(find_cells)
    day = cells["day"]
    page = _signed_in(chromium_browser, server, office["head"], DESKTOP)
    page.goto(f"{server}/kepegawaian/kehadiran/jadwal/?unit={office['unit'].pk}&minggu={office['monday']}")
    assert page.get_by_test_id("roster-grid").is_visible()

    # 2 of 4 in the office (50%): moving one of them home is refused, with the reason.
    with page.expect_navigation():
        page.get_by_test_id(f"toggle-{cells['office'].staff_id}-{day}").click()
    assert "Kuota WFO" in page.content() and "minimal 2 dari 4 pegawai" in page.content()
    page.screenshot(path=screenshot_path("attendance-roster-refused"), full_page=True)

    # Someone else to the office first, then the move home is accepted.
    with page.expect_navigation():
        page.get_by_test_id(f"toggle-{cells['home'].staff_id}-{day}").click()
    with page.expect_navigation():
        page.get_by_test_id(f"toggle-{cells['office'].staff_id}-{day}").click()
    assert "diubah" in page.content()

    modes = {}
    outside_the_event_loop(
        lambda: modes.update(
            RosterEntry.objects.filter(pk__in=[cells["office"].pk, cells["home"].pk]).values_list(
                "pk", "mode"
            )
        )
    )
    assert modes == {cells["office"].pk: WorkMode.HOME, cells["home"].pk: WorkMode.OFFICE}
