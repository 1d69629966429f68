"""The invitation of a completed application (/survei/permohonan/<number>/): same privacy as the
tracking page, one response per application, nothing lost on a validation error, and the links from
the tracking page and the completion notice."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from lontar.public_services.services import applicant_notices
from lontar.public_services.tests.factories import submitted_application
from lontar.public_services.tests.portal_helpers import without_csrf
from lontar.surveys.models import Answer, SurveyResponse
from lontar.surveys.tests.factories import completed_application, form_data, scores

pytestmark = pytest.mark.django_db
UNKNOWN = "SATU-2611-ZZZZZZ"


@pytest.fixture
def done(service, front_desk):
    return completed_application(service, officer=front_desk, name="Siti Aminah", address="Jl. Rahasia 9")


def _url(number):
    return reverse("surveys:invitation", args=[number])


def _proved(client, application, secret):
    response = client.post(_url(application.number), {"rahasia": secret})
    assert response.status_code == 302 and response["Location"] == _url(application.number)
    return client


def _page(response, number):
    return without_csrf(response.content.decode()).replace(number, "NOMOR")


def test_an_unknown_number_and_a_wrong_secret_answer_the_same_and_show_nothing(done):
    application, _secret = done
    known, unknown = Client(), Client()
    for method, data in (("get", None), ("post", {"rahasia": "SALAH234"})):
        a = getattr(known, method)(_url(application.number), data)
        b = getattr(unknown, method)(_url(UNKNOWN), data)
        assert a.status_code == b.status_code == 200
        assert _page(a, application.number) == _page(b, UNKNOWN)
        for personal in ("Siti Aminah", "Jl. Rahasia 9", application.service.name):
            assert personal not in a.content.decode()
    assert (
        "Nomor atau kode rahasia tidak cocok."
        in known.post(_url(application.number), {"rahasia": "X"}).content.decode()
    )
    # A survey posted without proof saves nothing.
    known.post(_url(application.number), form_data())
    assert not SurveyResponse.objects.exists()


def test_wrong_secrets_are_rate_limited_like_the_tracking_page(done):
    application, secret = done
    client = Client()
    for _ in range(10):
        assert client.post(_url(application.number), {"rahasia": "SALAH234"}).status_code == 200
    refused = client.post(_url(application.number), {"rahasia": secret})
    assert refused.status_code == 429 and "Terlalu banyak percobaan" in refused.content.decode()
    assert (
        Client(REMOTE_ADDR="203.0.113.9").post(_url(application.number), {"rahasia": secret}).status_code
        == 302
    )


def test_the_applicant_answers_once_and_a_second_time_changes_nothing(done):
    application, secret = done
    client = _proved(Client(), application, secret)
    page = client.get(_url(application.number)).content.decode()
    assert 'name="U1"' in page and "Sangat sesuai" in page and application.service.name in page
    saved = client.post(_url(application.number), form_data(scores(4, U3=2), saran="Antrean lama."))
    assert saved.status_code == 200 and "sudah kami terima" in saved.content.decode()
    response = SurveyResponse.objects.get()
    assert response.application == application and response.channel == "undangan"
    assert response.suggestion == "Antrean lama." and response.service == application.service
    assert dict(response.answers.values_list("element", "score"))["U3"] == 2
    again = client.post(_url(application.number), form_data(scores(1)))
    assert "Survei untuk permohonan ini sudah diisi. Terima kasih." in again.content.decode()
    fresh = _proved(Client(), application, secret).get(_url(application.number))
    assert "Survei untuk permohonan ini sudah diisi. Terima kasih." in fresh.content.decode()
    assert SurveyResponse.objects.count() == 1 and Answer.objects.filter(score=1).count() == 0


def test_a_validation_error_keeps_every_answer_given(done):
    application, secret = done
    client = _proved(Client(), application, secret)
    data = form_data(scores(2, U7=4), umur="9", saran="Tolong tambah kursi.")
    del data["U5"]
    page = client.post(_url(application.number), data).content.decode()
    assert "Umur paling rendah 15 tahun." in page and "Pilih salah satu jawaban." in page
    checked = re.findall(r'<input type="radio" name="(U\d)" value="(\d)"[^>]*checked', page)
    assert sorted(checked) == sorted(
        (code, str(score)) for code, score in scores(2, U7=4).items() if code != "U5"
    )
    assert "Tolong tambah kursi." in page and 'value="9"' in page
    assert not SurveyResponse.objects.exists()


def test_an_application_not_completed_yet_invites_nobody(service):
    application, secret = submitted_application(service)
    client = _proved(Client(), application, secret)
    page = client.get(_url(application.number)).content.decode()
    assert "Survei dapat diisi setelah permohonan selesai." in page
    client.post(_url(application.number), form_data())
    assert not SurveyResponse.objects.exists()


def test_the_tracking_page_of_a_completed_application_links_to_the_survey(done, service):
    application, secret = done
    client = Client()
    client.post(reverse("public_services:track"), {"nomor": application.number, "rahasia": secret})
    page = client.get(reverse("public_services:track_detail", args=[application.number])).content.decode()
    assert 'data-testid="survey-link"' in page and _url(application.number) in page
    # From the QR link (secret in the address, no grant yet) the button proves the secret first.
    qr = (
        Client()
        .get(reverse("public_services:track_link", args=[application.number, secret]))
        .content.decode()
    )
    assert 'value="survei"' in qr and 'data-testid="survey-link"' in qr
    qr_client = Client()
    jump = qr_client.post(
        reverse("public_services:track"), {"nomor": application.number, "rahasia": secret, "lanjut": "survei"}
    )
    assert jump.status_code == 302 and jump["Location"] == _url(application.number)
    assert 'name="U1"' in qr_client.get(jump["Location"]).content.decode()
    # An open application shows no invitation.
    open_application, open_secret = submitted_application(service, name="Budi")
    other = Client()
    other.post(reverse("public_services:track"), {"nomor": open_application.number, "rahasia": open_secret})
    page = other.get(reverse("public_services:track_detail", args=[open_application.number])).content.decode()
    assert 'data-testid="survey-link"' not in page


def test_the_completion_notice_carries_the_survey_link_but_not_the_secret(done):
    application, secret = done
    _subject, body, sms = applicant_notices.compose(application, applicant_notices.READY)
    assert _url(application.number) in body and _url(application.number) in sms
    assert secret not in body and secret not in sms
