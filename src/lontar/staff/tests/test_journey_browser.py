"""The personnel journey in a real browser: the Sekcam (Subbag TU's file keeper in the demo) opens the
DUK from the Kepegawaian menu, opens a section head's file, records his promotion in the rank history,
and sees the DUK reorder; the file and the DUK stay usable on a phone."""

from __future__ import annotations

import pytest

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.demo.loader import load_demo
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop
from lontar.staff.demo import load_personnel_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PERSON = "Dedi Kurniawan"


@pytest.fixture
def demo(production_live_server):
    def build():
        load_demo()
        load_personnel_demo()

    outside_the_event_loop(build)


def _signed_in(browser, server, username, viewport=DESKTOP):
    page = browser.new_context(viewport=viewport, locale="id-ID").new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _duk_number(page, name: str) -> int:
    row = page.locator("[data-testid=duk-row]", has_text=name)
    return int(row.locator("td").first.inner_text())


def test_the_file_keeper_records_a_promotion_and_the_duk_reorders(
    demo, production_live_server, chromium_browser
):
    server = production_live_server.url
    page = _signed_in(chromium_browser, server, "sekcam.jatisari")

    page.locator("header [data-nav-group=staff]").click()  # the Kepegawaian menu
    page.locator("header a[data-nav=personnel]").click()
    page.get_by_role("link", name="DUK", exact=True).click()
    before = _duk_number(page, PERSON)
    assert before > 2
    page.screenshot(path=screenshot_path("staff-duk-desktop"), full_page=True)

    page.locator("[data-testid=duk-row]", has_text=PERSON).get_by_role("link", name=PERSON).click()
    assert PERSON in page.get_by_test_id("file-name").inner_text()
    assert "III/d" in page.get_by_test_id("current-rank").inner_text()
    page.screenshot(path=screenshot_path("staff-file-desktop"), full_page=True)

    page.get_by_test_id("section-pangkat").get_by_role("link", name="Tambah").click()
    form = page.get_by_test_id("row-form")
    form.get_by_label("Pangkat/golongan").select_option("IV/a Pembina")
    form.get_by_label("Jenis").select_option("reguler")
    form.get_by_label("TMT").fill("2026-10-01")
    form.get_by_label("Nomor SK").fill("800.1.3.2/077-BKPSDM/2026")
    with page.expect_navigation():
        form.get_by_role("button", name="Simpan").click()
    assert "IV/a Pembina" in page.get_by_test_id("current-rank").inner_text()
    assert "IV/a Pembina" in page.get_by_test_id("section-pangkat").inner_text()

    page.locator("header [data-nav-group=staff]").click()  # the Kepegawaian menu
    page.locator("header a[data-nav=personnel]").click()
    page.get_by_role("link", name="DUK", exact=True).click()
    after = _duk_number(page, PERSON)
    assert after < before, f"{PERSON} stayed at {after} (was {before})"

    phone = _signed_in(chromium_browser, server, "staf.jatisari", viewport=PHONE)
    phone.goto(server + "/kepegawaian/saya/")
    assert "Data kepegawaian saya" in phone.content()
    assert "Ujang Sopandi" in phone.get_by_test_id("file-name").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"own file is {width}px wide on a phone"
    phone.screenshot(path=screenshot_path("staff-my-file-phone"), full_page=True)
