"""The survey in a real browser, the citizen on a phone: an application completed through the real
services → the citizen scans the receipt's QR link, the tracking page invites them to the survey, they
fill it with their thumb (labels, no JavaScript needed) → the response is stored with the application.
(The IKM report half of this journey belongs to the reports.)"""

from __future__ import annotations

import pytest

from lontar.core.tests.browser import PHONE, screenshot_path
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def completed(district, production_live_server, settings):
    settings.SITE_URL = production_live_server.url
    built = {}

    def build():
        from lontar.core.models import Organisation
        from lontar.surveys.tests.factories import completed_application, make_service

        org = Organisation.objects.get(pk=district.pk)
        service = make_service(org, code="legalisasi", name="Legalisasi Dokumen", uploads=())
        built["application"], built["secret"] = completed_application(service, name="Siti Nurhaliza")

    outside_the_event_loop(build)
    return production_live_server.url, built["application"], built["secret"]


def _stored(number: str) -> dict:
    found = {}

    def read():
        from lontar.surveys.models import SurveyResponse

        response = SurveyResponse.objects.filter(application__number=number).first()
        if response is not None:
            found["channel"] = response.channel
            found["scores"] = dict(response.answers.values_list("element", "score"))
            found["profile"] = (response.age, response.sex, response.education, response.occupation)
            found["suggestion"] = response.suggestion
        found["count"] = SurveyResponse.objects.count()

    outside_the_event_loop(read)
    return found


def test_a_citizen_answers_the_survey_of_a_completed_application_on_a_phone(completed, chromium_browser):
    server, application, secret = completed
    phone = chromium_browser.new_context(
        viewport=PHONE, locale="id-ID", is_mobile=True, has_touch=True
    ).new_page()
    phone.set_default_timeout(30_000)
    phone.goto(f"{server}/lacak/{application.number}/{secret}/")
    invitation = phone.get_by_test_id("survey-invitation")
    assert "Bagaimana pelayanan kami?" in invitation.inner_text()
    with phone.expect_navigation():
        invitation.get_by_test_id("survey-link").click()
    form = phone.get_by_test_id("survey-form")
    assert "Legalisasi Dokumen" in phone.content()

    # Sent half-filled: the answers given stay, the missing ones are named.
    form.locator("label[for=id_U1_3]").click()  # "Sangat sesuai" (score 4)
    with phone.expect_navigation():
        form.get_by_role("button", name="Kirim survei").click()
    assert "Periksa isian yang ditandai" in phone.get_by_test_id("form-errors").inner_text()
    assert phone.locator("#id_U1_3").is_checked()

    chosen = {"U1": 4, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 3}
    for code, score in chosen.items():
        form.locator(f"label[for=id_{code}_{score - 1}]").click()
    form.get_by_label("Umur (tahun)").fill("41")
    form.get_by_label("Perempuan").check()
    form.get_by_label("SMA/SMK").check()
    form.get_by_label("Wirausaha").check()
    form.get_by_label("Saran dan masukan (boleh dikosongkan)").fill("Antrean pagi mohon dipercepat.")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the survey is {width}px wide on a {PHONE['width']}px phone"
    phone.screenshot(path=str(screenshot_path("survey-journey-1-form-phone")), full_page=True)
    with phone.expect_navigation():
        form.get_by_role("button", name="Kirim survei").click()
    assert "sudah kami terima" in phone.get_by_test_id("survey-thanks").inner_text()

    stored = _stored(application.number)
    assert stored["channel"] == "undangan" and stored["scores"] == chosen
    assert stored["profile"] == (41, "P", "sma", "wirausaha")
    assert stored["suggestion"] == "Antrean pagi mohon dipercepat."

    # Back from the tracking page again: answered once, a second visit only thanks.
    phone.goto(f"{server}/survei/permohonan/{application.number}/")
    assert "sudah diisi" in phone.get_by_test_id("survey-answered").inner_text()
    assert _stored(application.number)["count"] == 1
