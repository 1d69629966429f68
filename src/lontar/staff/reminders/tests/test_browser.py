"""The career agenda in a real browser: the Sekcam sees the office's coming items on the dashboard,
opens the agenda, narrows it to documents, widens the horizon, exports it and changes a lead time; the
staff member sees
their own agenda on a phone (390 px) without horizontal scrolling."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(district, production_live_server):
    built = {}

    def build():
        from django.utils import timezone

        from lontar.core.models import Organisation, Role
        from lontar.core.tests.factories import member
        from lontar.staff.reminders.selectors import add_months, add_years

        from .factories import document, kgb, person

        org = Organisation.objects.get(pk=district.pk)
        today = timezone.localdate()
        sekcam = member(org, Role.SECRETARY, full_name="Rina Marlina", nip="", employment_type="non_asn")
        pns = person(org, full_name="Budi Santoso", start=dt.date(2001, 3, 1))
        kgb(pns, add_years(today + dt.timedelta(days=20), -2))
        contract = person(org, employment_type="non_asn", role=None, full_name="Iwan Setiawan")
        document(contract, today + dt.timedelta(days=12), title="Perjanjian Kerja Tenaga Non-ASN")
        later = person(org, employment_type="non_asn", role=None, full_name="Sertifikat Tahun Depan")
        document(later, add_months(today, 10), kind="sertifikat", title="Sertifikat Kompetensi")
        for user in (sekcam, pns.user):
            user.set_password(DEMO_PASSWORD)
            user.save()
        built.update(sekcam=sekcam, pns=pns.user)

    outside_the_event_loop(build)
    return built


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


def _no_horizontal_scroll(page, width) -> None:
    page.wait_for_load_state()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def test_the_sekcam_follows_the_dashboard_to_the_agenda_and_the_staff_member_sees_their_own(
    office, production_live_server, chromium_browser
):
    server = production_live_server.url
    page = _signed_in(chromium_browser, server, office["sekcam"], DESKTOP)
    dashboard = page.content()
    assert "KGB jatuh tempo dalam 60 hari" in dashboard and "Dokumen akan kedaluwarsa" in dashboard
    page.locator("header [data-nav-group=staff]").click()  # the Kepegawaian menu
    with page.expect_navigation():
        page.locator("header a[data-nav='staff_agenda']").first.click()
    items = page.get_by_test_id("agenda-items")
    assert "Budi Santoso" in items.inner_text() and "Iwan Setiawan" in items.inner_text()
    assert "Sertifikat Tahun Depan" not in items.inner_text()
    _no_horizontal_scroll(page, DESKTOP["width"])
    page.screenshot(path=str(screenshot_path("staff-agenda-desktop")), full_page=True)

    page.get_by_label("Jenis", exact=True).select_option(label="Dokumen kedaluwarsa")
    page.get_by_label("Rentang", exact=True).select_option(label="12 bulan ke depan")
    with page.expect_navigation():
        page.get_by_role("button", name="Saring").click()
    text = page.get_by_test_id("agenda-items").inner_text()
    assert "Iwan Setiawan" in text and "Sertifikat Tahun Depan" in text and "Budi Santoso" not in text
    with page.expect_download() as download:
        page.get_by_test_id("export-link").click()
    assert download.value.suggested_filename.startswith("agenda-kepegawaian-")

    with page.expect_navigation():
        page.get_by_role("link", name="Pengaturan pengingat").click()
    page.get_by_label("KGB: diingatkan (hari sebelumnya)").fill("45")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan").click()
    assert "Pengaturan pengingat kepegawaian disimpan." in page.content()
    assert page.get_by_label("KGB: diingatkan (hari sebelumnya)").input_value() == "45"
    page.set_viewport_size(PHONE)
    _no_horizontal_scroll(page, PHONE["width"])
    page.screenshot(path=str(screenshot_path("staff-reminder-settings-phone")), full_page=True)

    phone = _signed_in(chromium_browser, server, office["pns"], PHONE)
    phone.goto(server + "/kepegawaian/agenda/")
    assert "Agenda kepegawaian saya" in phone.content()
    assert "Kenaikan gaji berkala" in phone.get_by_test_id("agenda-items").inner_text()
    assert "Iwan Setiawan" not in phone.content()
    _no_horizontal_scroll(phone, PHONE["width"])
    phone.screenshot(path=str(screenshot_path("staff-agenda-phone")), full_page=True)
