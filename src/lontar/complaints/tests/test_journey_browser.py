"""The complaint journey in a real browser, the citizen on a phone (390 x 844): a citizen files a complaint
anonymously → the Kasubag TU verifies it, forwards it to the unit and names a handler → the handler
responds publicly and resolves it → the citizen opens the tracking link and rates the response, and the
rating shows on the staff's page."""

from __future__ import annotations

import re

import pytest

from lontar.complaints.models import Complaint, ComplaintStatus
from lontar.complaints.tests.factories import Team, make_category
from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(district, production_live_server):
    built = {}

    def build():
        from lontar.core.models import Organisation

        org = Organisation.objects.get(pk=district.pk)
        team = Team(org)
        built["category"] = make_category(org, code="kebersihan", name="Kebersihan dan lingkungan")
        for user in (team.section_head, team.handler):
            user.set_password(DEMO_PASSWORD)
            user.save()
        built["team"] = team

    outside_the_event_loop(build)
    return built


def _complaint(number: str) -> Complaint:
    found = {}
    outside_the_event_loop(lambda: found.setdefault("c", Complaint.objects.get(number=number)))
    return found["c"]


def _signed_in(browser, server, user):
    page = browser.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_an_anonymous_complaint_is_verified_forwarded_answered_and_rated(
    office, district, production_live_server, chromium_browser
):
    server = production_live_server.url
    team = office["team"]

    # 1. On a phone the citizen finds the complaints page from the portal header and files anonymously.
    citizen = chromium_browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True).new_page()
    citizen.set_default_timeout(30_000)
    citizen.goto(f"{server}/layanan/")
    citizen.get_by_test_id("portal-complaints").click()
    assert "lapor.go.id" in citizen.get_by_test_id("lapor-link").inner_html()
    citizen.get_by_role("link", name=district.name).click()
    _no_horizontal_scroll(citizen)
    citizen.get_by_label("Kategori").select_option(label="Kebersihan dan lingkungan")
    citizen.get_by_label("Uraian").fill("Sampah menumpuk di TPS depan pasar sejak Senin dan berbau.")
    citizen.get_by_label("Lokasi (tidak wajib)").fill("TPS Pasar")
    citizen.get_by_label("Anonim: identitas tidak dicatat").check()
    citizen.get_by_role("button", name="Kirim pengaduan").click()
    number = citizen.get_by_test_id("number").inner_text().strip()
    secret = citizen.get_by_test_id("secret").inner_text().strip()
    track_link = citizen.get_by_test_id("track-link").get_attribute("href")
    assert (
        re.fullmatch(r"ADU-[A-Z0-9]+-\d{4}-[A-Z0-9]{6}", number) and len(secret) == 8 and secret in track_link
    )
    _no_horizontal_scroll(citizen)
    citizen.screenshot(path=str(screenshot_path("complaints-journey-1-filed-phone")), full_page=True)
    complaint = _complaint(number)
    assert (
        complaint.is_anonymous
        and complaint.reporter_name == ""
        and complaint.status == ComplaintStatus.RECEIVED
    )

    # 2. The Kasubag TU verifies it, forwards it to the category's unit and names the handler.
    kasubag = _signed_in(chromium_browser, server, team.section_head)
    kasubag.goto(f"{server}/pengaduan/kelola/")
    kasubag.get_by_role("link", name=number).click()
    assert "Anonim" in kasubag.get_by_test_id("reporter").inner_text()
    kasubag.locator("#form-verifikasi button[type=submit]").click()
    kasubag.locator("#form-teruskan button[type=submit]").click()
    kasubag.locator("#form-tugaskan select").select_option(label=team.handler.display_name)
    kasubag.locator("#form-tugaskan button[type=submit]").click()
    assert _complaint(number).status == ComplaintStatus.FORWARDED

    # 3. The handler of the unit starts the follow-up, answers publicly and resolves it.
    handler = _signed_in(chromium_browser, server, team.handler)
    handler.goto(f"{server}/pengaduan/kelola/{complaint.pk}/")
    handler.locator("#form-tindaklanjut button[type=submit]").click()
    handler.locator("#form-selesai textarea[name=selesai-response]").fill(
        "Sampah sudah diangkut hari ini dan jadwal angkut TPS pasar ditambah menjadi setiap hari."
    )
    handler.locator("#form-selesai button[type=submit]").click()
    assert _complaint(number).status == ComplaintStatus.RESOLVED

    # 4. The citizen opens the tracking link, reads the response and rates it.
    citizen.goto(track_link)
    assert citizen.get_by_test_id("status").inner_text().startswith("Selesai")
    assert "jadwal angkut TPS pasar" in citizen.get_by_test_id("thread").inner_text()
    _no_horizontal_scroll(citizen)
    form = citizen.locator("#form-nilai")
    form.get_by_label("5 — sangat puas").check()
    form.get_by_label("Komentar (tidak wajib)").fill("Cepat ditangani, terima kasih.")
    form.get_by_role("button", name="Kirim penilaian").click()
    assert "5 dari 5" in citizen.get_by_test_id("rated").inner_text()
    citizen.screenshot(path=str(screenshot_path("complaints-journey-2-rated-phone")), full_page=True)
    complaint = _complaint(number)
    assert (complaint.rating, complaint.rating_comment) == (5, "Cepat ditangani, terima kasih.")

    # 5. The rating shows to the staff.
    handler.reload()
    assert "5/5" in handler.get_by_test_id("rating").inner_text()
