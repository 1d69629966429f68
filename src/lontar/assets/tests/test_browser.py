"""On a phone (390 x 844) a staff member scans an asset's QR label: the label URL opens the sign-in page,
then the asset's page (light, no horizontal scroll), where they report damage; the Kasubag TU sees the
report waiting on the maintenance list."""

from __future__ import annotations

import pytest

from lontar.assets.models import MaintenanceRequest
from lontar.assets.tests import factories
from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.models import Role
from lontar.core.tests.browser import PHONE, screenshot_path
from lontar.core.tests.factories import member
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def built(district, production_live_server):
    made = {}

    def build():
        from lontar.core.models import Organisation

        org = Organisation.objects.get(pk=district.pk)
        keeper = factories.keeper(org)
        staff = member(org, Role.STAFF)
        staff.set_password(DEMO_PASSWORD)
        staff.save()
        room = factories.room(org, keeper, code_text="R-04", name="Ruang Pelayanan")
        made["asset"] = factories.asset(
            org, keeper, name="Komputer PC Pelayanan", code_text="1.3.2.10.01.02.001", room=room
        )
        made["staff"] = staff

    outside_the_event_loop(build)
    return made


def _no_horizontal_scroll(page) -> None:
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_scanning_a_label_on_a_phone_opens_the_asset_and_reports_damage(
    built, production_live_server, chromium_browser
):
    server = production_live_server.url
    asset, staff = built["asset"], built["staff"]
    phone = chromium_browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True).new_page()
    phone.set_default_timeout(30_000)

    # 1. The camera opens the label URL; a stranger would see only whose property it is. Sign in.
    phone.goto(f"{server}/aset/l/{asset.label}/")
    assert "Komputer PC Pelayanan" in phone.content()
    _no_horizontal_scroll(phone)
    with phone.expect_navigation():
        phone.get_by_role("link", name="Masuk").click()
    phone.keyboard.type(staff.username)
    phone.keyboard.press("Tab")
    phone.keyboard.type(DEMO_PASSWORD)
    with phone.expect_navigation():
        phone.keyboard.press("Enter")

    # 2. Back at the label, signed in: the asset's page, light on the phone.
    phone.goto(f"{server}/aset/l/{asset.label}/")
    assert phone.get_by_test_id("asset-name").inner_text() == "Komputer PC Pelayanan"
    _no_horizontal_scroll(phone)
    phone.screenshot(path=str(screenshot_path("assets-label-asset-page-phone")), full_page=True)

    # 3. Report damage from the page.
    phone.get_by_label("Kerusakan yang terlihat").fill("Tidak dingin dan menetes air.")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Kirim laporan").click()
    assert "Laporan kerusakan diterima" in phone.content()
    assert "Pemeliharaan #" in phone.get_by_test_id("asset-history").inner_text()
    _no_horizontal_scroll(phone)

    found = {}
    outside_the_event_loop(lambda: found.setdefault("t", MaintenanceRequest.objects.get(asset_id=asset.pk)))
    assert found["t"].status == "dilaporkan" and found["t"].reported_by_id == staff.pk
