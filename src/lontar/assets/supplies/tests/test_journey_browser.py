"""The supplies journey in a real browser: a staff member asks for paper on a phone (390 x 844) → the head
of their unit approves part of it → the keeper hands it over, and the stock card and the monthly report
show it (desktop, 1366 px)."""

from __future__ import annotations

import pytest

from lontar.assets.supplies.models import Item, RequestStatus, SupplyRequest
from lontar.assets.supplies.services import stock as services
from lontar.assets.supplies.tests.factories import Office
from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.core.workdays.calendar import organisation_today
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(district, production_live_server):
    built = {}

    def build():
        from lontar.core.models import Organisation

        org = Organisation.objects.get(pk=district.pk)
        team = Office(org)
        services.record_receipt(
            actor=team.keeper,
            organisation=org,
            document_number="BAST/ATK/017",
            supplier="CV Sinar Jaya",
            received_on=organisation_today(org),
            lines=[(team.paper, 12, 52_000), (team.pen, 48, 3_200)],
        )
        for user in (team.staff, team.kasi, team.keeper):
            user.set_password(DEMO_PASSWORD)
            user.save()
        built["team"] = team

    outside_the_event_loop(build)
    return built["team"]


def _signed_in(browser, server, user, *, phone=False):
    options = {"viewport": PHONE, "is_mobile": True} if phone else {"viewport": DESKTOP}
    page = browser.new_context(locale="id-ID", **options).new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _fetch(get):
    found = {}
    outside_the_event_loop(lambda: found.setdefault("x", get()))
    return found["x"]


def _no_horizontal_scroll(page) -> None:
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_request_on_a_phone_partly_approved_issued_and_reported(
    office, production_live_server, chromium_browser
):
    server = production_live_server.url

    phone = _signed_in(chromium_browser, server, office.staff, phone=True)
    phone.goto(f"{server}/persediaan/")
    _no_horizontal_scroll(phone)
    phone.screenshot(path=str(screenshot_path("supplies-1-items-phone")), full_page=True)
    phone.goto(f"{server}/persediaan/permintaan/baru/")
    _no_horizontal_scroll(phone)
    phone.get_by_label("Keperluan").fill("Pendataan RT/RW")
    phone.locator("select[name=item_0]").select_option(label=str(office.paper))
    phone.locator("input[name=quantity_0]").fill("6")
    phone.get_by_role("button", name="Kirim permintaan").click()
    assert "Menunggu persetujuan" in phone.get_by_test_id("request-status").inner_text()
    request = _fetch(lambda: SupplyRequest.objects.get())

    desk = _signed_in(chromium_browser, server, office.kasi)
    desk.goto(f"{server}/persediaan/permintaan/{request.pk}/")
    desk.locator("#approve input[type=number]").fill("4")
    desk.locator("#approve button[type=submit]").click()
    assert "Disetujui" in desk.get_by_test_id("request-status").inner_text()

    keeper = _signed_in(chromium_browser, server, office.keeper)
    keeper.goto(f"{server}/persediaan/permintaan/{request.pk}/")
    keeper.locator("#issue button[type=submit]").click()
    assert "Diserahkan" in keeper.get_by_test_id("request-status").inner_text()
    assert _fetch(lambda: SupplyRequest.objects.get().status) == RequestStatus.ISSUED
    assert _fetch(lambda: Item.objects.get(pk=office.paper.pk).stock) == 8
    keeper.goto(f"{server}/persediaan/barang/{office.paper.pk}/")
    assert "PB-" in keeper.get_by_test_id("stock-card").inner_text()
    keeper.screenshot(path=str(screenshot_path("supplies-2-stock-card-desktop")), full_page=True)
    desk.goto(f"{server}/persediaan/laporan/")
    assert "569.600" in desk.get_by_test_id("closing-total").inner_text().replace(",", ".")
    desk.screenshot(path=str(screenshot_path("supplies-3-report-desktop")), full_page=True)
