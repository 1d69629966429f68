"""The IKM report in a real browser: responses recorded through the survey's own service → the head's
report screen shows the IKM; one more response through the public survey form on a phone → the
report (and its PDF) shows the new value. Expected figures worked by hand:

Three counter responses: all 4; all 3; U1 = 2 and the rest 3.
  Sums: U1 = 4 + 3 + 2 = 9, every other element 10. Σ NRR = 9/3 + 8 x 10/3 = 89/3.
  IKM = 25/9 x 89/3 = 2225/27 = 82,407… → printed 82,40, B (Baik). NRR U1 = 3,00; U3 = 3,33.
The citizen then answers U1 4, U2 3, U3 2, U4 4, U5 3, U6 4, U7 4, U8 3, U9 3.
  Sums: U1 13, U2 13, U3 12, U4 14, U5 13, U6 14, U7 14, U8 13, U9 13 (total 119), four respondents.
  Σ NRR = 119/4 = 29,75. IKM = 25/9 x 29,75 = 743,75/9 = 82,638… → printed 82,63 (half-up would say
  82,64), B (Baik). NRR U1 = 13/4 = 3,25; U3 = 12/4 = 3,00.
"""

from __future__ import annotations

import subprocess

import pytest

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNTER = [
    dict.fromkeys(("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"), 4),
    dict.fromkeys(("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"), 3),
    {**dict.fromkeys(("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"), 3), "U1": 2},
]
CITIZEN = {"U1": 4, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 3}


@pytest.fixture
def office(district, production_live_server, settings):
    settings.SITE_URL = production_live_server.url
    built = {}

    def build():
        from lontar.core.models import Organisation, Role
        from lontar.core.tests.factories import member
        from lontar.surveys.tests.factories import completed_application, make_response, make_service

        org = Organisation.objects.get(pk=district.pk)
        service = make_service(org, code="legalisasi", name="Legalisasi Dokumen", uploads=())
        for scores in COUNTER:  # through the survey's own service (submit_response), at the counter
            make_response(org, service=service, score_values=scores)
        built["application"], built["secret"] = completed_application(service, name="Siti Nurhaliza")
        built["head"] = head = member(org, Role.HEAD)
        head.set_password(DEMO_PASSWORD)
        head.save()

    outside_the_event_loop(build)
    return production_live_server.url, built


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


def _figures(page) -> tuple[str, str, str, str, str, str]:
    return (
        page.get_by_test_id("respondents").inner_text(),
        page.get_by_test_id("ikm-value").inner_text(),
        page.get_by_test_id("ikm-grade").inner_text(),
        page.get_by_test_id("ikm-weight").inner_text(),
        page.get_by_test_id("nrr-U1").inner_text(),
        page.get_by_test_id("nrr-U3").inner_text(),
    )


def test_report_follows_the_responses_including_one_from_a_phone(office, chromium_browser):
    server, built = office
    staff = _signed_in(chromium_browser, server, built["head"])
    staff.goto(server + "/survei/kelola/")
    with staff.expect_navigation():
        staff.get_by_role("link", name="Laporan IKM").first.click()
    assert _figures(staff) == ("3", "82,40", "B (Baik)", "1/9", "3,00", "3,33")

    # One more response, from the citizen's phone through the public survey form.
    application, secret = built["application"], built["secret"]
    phone = chromium_browser.new_context(
        viewport=PHONE, locale="id-ID", is_mobile=True, has_touch=True
    ).new_page()
    phone.set_default_timeout(30_000)
    phone.goto(f"{server}/lacak/{application.number}/{secret}/")
    with phone.expect_navigation():
        phone.get_by_test_id("survey-invitation").get_by_test_id("survey-link").click()
    form = phone.get_by_test_id("survey-form")
    for code, score in CITIZEN.items():
        form.locator(f"label[for=id_{code}_{score - 1}]").click()
    form.get_by_label("Umur (tahun)").fill("41")
    form.get_by_label("Perempuan").check()
    form.get_by_label("SMA/SMK").check()
    form.get_by_label("Wirausaha").check()
    with phone.expect_navigation():
        form.get_by_role("button", name="Kirim survei").click()
    assert "sudah kami terima" in phone.get_by_test_id("survey-thanks").inner_text()

    staff.reload()
    assert _figures(staff) == ("4", "82,63", "B (Baik)", "1/9", "3,25", "3,00")
    with staff.expect_download() as download:
        staff.get_by_test_id("download-pdf").click()
    text = subprocess.run(
        ["pdftotext", "-layout", download.value.path(), "-"], capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert (
        "82,63" in flat and "B (Baik)" in flat and "Bobot nilai per unsur : 1/9" in flat and "4 orang" in flat
    )
