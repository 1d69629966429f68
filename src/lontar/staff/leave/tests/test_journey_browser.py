"""The leave journey in a real browser: a staff member asks for annual leave → the direct superior
(Kasi) considers it → the Camat approves → the numbered, signed letter downloads as a PDF whose number is
under 800.1.11.2, and the balance the staff member sees has dropped by the leave's working days."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connections

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, screenshot_path
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.staff.leave.models import LeaveRequest, LeaveStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def outside_the_event_loop(work) -> None:
    """Run ORM work in a plain thread: Playwright's sync API keeps an event loop in this one."""
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


@pytest.fixture
def office(district, production_live_server, documents_storage):
    built = {}

    def build():
        from lontar.core.models import Organisation
        from lontar.staff.leave.tests.factories import CUTI_BERSAMA_2026, LeaveOffice, cuti_bersama

        cuti_bersama(CUTI_BERSAMA_2026)
        org = Organisation.objects.get(pk=district.pk)
        team = LeaveOffice(org)
        for user in (team.staff, team.kasi, team.camat):
            user.set_password(DEMO_PASSWORD)
            user.save()
        calendar = WorkCalendar(org)
        first = organisation_today(org) + dt.timedelta(days=7)
        while not calendar.is_working_day(first):
            first += dt.timedelta(days=1)
        last = calendar.add_working_days(first, 2)
        if last.year != first.year:
            first = calendar.add_working_days(dt.date(first.year, 12, 31), 1)
            last = calendar.add_working_days(first, 2)
        built.update(team=team, first=first, last=last)

    outside_the_event_loop(build)
    return built


def _signed_in(browser, server, user):
    page = browser.new_context(viewport=DESKTOP, locale="id-ID", accept_downloads=True).new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _latest() -> LeaveRequest:
    found = {}
    outside_the_event_loop(
        lambda: found.setdefault("r", LeaveRequest.objects.select_related("letter").latest("id"))
    )
    return found["r"]


def test_annual_leave_is_asked_considered_approved_and_its_signed_letter_downloads(
    office, production_live_server, chromium_browser
):
    server = production_live_server.url
    team, first, last = office["team"], office["first"], office["last"]
    year = first.year

    # 1. The staff member reads the balance and asks for three working days.
    staff = _signed_in(chromium_browser, server, team.staff)
    staff.goto(f"{server}/kepegawaian/cuti/")
    before = int(staff.get_by_test_id(f"remaining-{year}").inner_text())
    staff.get_by_test_id("new-request").click()
    staff.get_by_label("Jenis cuti").select_option(label="Cuti tahunan")
    staff.get_by_label("Mulai tanggal").fill(first.isoformat())
    staff.get_by_label("Sampai dengan tanggal").fill(last.isoformat())
    staff.get_by_label("Alasan cuti").fill("Menghadiri pernikahan saudara di Garut")
    staff.get_by_label("Alamat selama menjalankan cuti").fill("Jl. Pasundan 7, Garut")
    staff.get_by_role("button", name="Ajukan").click()
    assert "3 hari kerja" in staff.locator(".alert-success").first.inner_text()
    staff.screenshot(path=str(screenshot_path("leave-journey-1-submitted")), full_page=True)
    assert _latest().status == LeaveStatus.SUBMITTED

    # 2. The Kasi (direct superior) considers it from the inbox.
    kasi = _signed_in(chromium_browser, server, team.kasi)
    kasi.goto(f"{server}/kepegawaian/cuti/perlu-tindakan/")
    kasi.get_by_test_id("to-consider").get_by_role("link", name="Cuti tahunan").click()
    kasi.locator("#form-pertimbangan select").select_option("disetujui")
    kasi.locator("#form-pertimbangan textarea").fill("Tugas diserahkan kepada rekan seksi.")
    kasi.locator("#form-pertimbangan button[type=submit]").click()
    assert _latest().status == LeaveStatus.AWAITING_DECISION

    # 3. The Camat approves: the letter is numbered and signed.
    camat = _signed_in(chromium_browser, server, team.camat)
    camat.goto(f"{server}/kepegawaian/cuti/perlu-tindakan/")
    camat.get_by_test_id("to-decide").get_by_role("link", name="Cuti tahunan").click()
    camat.locator("#form-keputusan select").select_option("approve")
    camat.locator("#form-keputusan button[type=submit]").click()
    number = camat.get_by_test_id("letter-number").inner_text().strip()
    assert number.startswith("800.1.11.2/") and number.endswith(f"/{year}")
    camat.screenshot(path=str(screenshot_path("leave-journey-2-approved")), full_page=True)

    # 4. The staff member downloads the signed letter and sees the balance drop by 3.
    staff.goto(f"{server}/kepegawaian/cuti/{_latest().pk}/")
    assert staff.get_by_test_id("letter-number").inner_text().strip() == number
    with staff.expect_download() as download:
        staff.get_by_test_id("letter-link").click()
    with open(download.value.path(), "rb") as handle:
        pdf = handle.read()
    assert pdf[:4] == b"%PDF"
    assert _latest().letter.number == number
    staff.goto(f"{server}/kepegawaian/cuti/")
    assert int(staff.get_by_test_id(f"remaining-{year}").inner_text()) == before - 3
