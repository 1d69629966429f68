"""The counter kiosk: activation puts a signed HttpOnly cookie on the device, and each stuffing
defence refuses on its own (no cookie, deactivated kiosk, reused or unknown nonce, too fast, per-kiosk
rate limits) while a normal visitor's response is saved."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lontar.core.models import AuditEvent
from lontar.surveys.models import Kiosk, KioskNonce, SurveyResponse
from lontar.surveys.services.kiosks import deactivate_kiosk
from lontar.surveys.tests.factories import form_data, make_response, signed_in

pytestmark = pytest.mark.django_db
KIOSK = reverse("surveys:kiosk")


@pytest.fixture(autouse=True)
def _defaults(settings):
    settings.SURVEY_KIOSK_MIN_FILL_SECONDS = 8
    settings.SURVEY_KIOSK_MIN_INTERVAL_SECONDS = 20
    settings.SURVEY_KIOSK_MAX_PER_HOUR = 60


@pytest.fixture
def device(front_desk, service):
    """A tablet the front desk activated; returns (client with the kiosk cookie, kiosk)."""
    client = signed_in(front_desk)
    response = client.post(reverse("surveys:kiosks"), {"nama": "Tablet loket 1", "layanan": service.pk})
    assert response.status_code == 302 and response["Location"] == KIOSK
    cookie = response.cookies["lontar_kios"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    tablet = Client()  # the kiosk needs no sign-in: only the device's cookie
    tablet.cookies["lontar_kios"] = cookie.value
    return tablet, Kiosk.objects.get()


def _nonce(client) -> str:
    page = client.get(KIOSK)
    assert page.status_code == 200
    return re.search(r'name="nonce" value="([^"]+)"', page.content.decode()).group(1)


def _age(seconds: int) -> None:
    """Make every issued form `seconds` older (as if the visitor took that long to fill it)."""
    moved = timezone.now() - dt.timedelta(seconds=seconds)
    KioskNonce.objects.update(issued_at=moved)


def test_activation_stores_only_the_tokens_hash_and_is_audited(device, front_desk):
    client, kiosk = device
    token = client.cookies["lontar_kios"].value
    assert kiosk.token_hash != token and kiosk.token_hash not in token and kiosk.activated_by == front_desk
    assert kiosk.service is not None and kiosk.is_active
    assert AuditEvent.objects.filter(action="surveys.kiosk.activate", object_id=str(kiosk.pk)).exists()


def test_a_visitor_fills_the_kiosk_form_and_the_response_is_saved_once(device, service):
    client, kiosk = device
    nonce = _nonce(client)
    _age(30)
    saved = client.post(KIOSK, form_data(nonce=nonce, nomor_kunjungan="A-012"))
    assert saved.status_code == 302 and saved["Location"] == reverse("surveys:kiosk_thanks")
    response = SurveyResponse.objects.get()
    assert response.channel == "kios" and response.kiosk == kiosk and response.service == service
    assert response.visit_reference == "A-012"
    assert KioskNonce.objects.get().used_at is not None
    thanks = client.get(reverse("surveys:kiosk_thanks"))
    assert "Penilaian Anda sudah kami terima." in thanks.content.decode()


def test_a_reused_nonce_is_refused(device):
    client, _kiosk = device
    nonce = _nonce(client)
    _age(30)
    assert client.post(KIOSK, form_data(nonce=nonce)).status_code == 302
    SurveyResponse.objects.update(submitted_at=timezone.now() - dt.timedelta(minutes=5))  # not the rate limit
    again = client.post(KIOSK, form_data(nonce=nonce))
    assert again.status_code == 200 and "sudah terkirim atau kedaluwarsa" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    # The refused form comes back with a fresh nonce and every answer kept.
    page = again.content.decode()
    assert f'value="{nonce}"' not in page and 'name="nonce" value="' in page and 'value="34"' in page


def test_an_unknown_or_expired_nonce_is_refused(device):
    client, _kiosk = device
    forged = client.post(KIOSK, form_data(nonce="dibuat-sendiri"))
    assert "sudah terkirim atau kedaluwarsa" in forged.content.decode()
    nonce = _nonce(client)
    KioskNonce.objects.update(issued_at=timezone.now() - dt.timedelta(hours=1), expires_at=timezone.now())
    expired = client.post(KIOSK, form_data(nonce=nonce))
    assert "sudah terkirim atau kedaluwarsa" in expired.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_form_sent_faster_than_a_person_can_read_it_is_refused(device):
    client, _kiosk = device
    nonce = _nonce(client)
    _age(3)
    fast = client.post(KIOSK, form_data(nonce=nonce))
    assert fast.status_code == 200 and "terlalu cepat" in fast.content.decode()
    assert not SurveyResponse.objects.exists()
    _age(9)  # the same form, once the visitor took their time
    assert client.post(KIOSK, form_data(nonce=nonce)).status_code == 302


def test_a_kiosk_takes_at_most_one_response_per_interval_and_a_limit_per_hour(device, settings, district):
    client, kiosk = device
    first = _nonce(client)
    _age(30)
    assert client.post(KIOSK, form_data(nonce=first)).status_code == 302
    second = _nonce(client)
    _age(30)
    soon = client.post(KIOSK, form_data(nonce=second))
    assert "baru saja diterima" in soon.content.decode() and SurveyResponse.objects.count() == 1
    SurveyResponse.objects.update(submitted_at=timezone.now() - dt.timedelta(minutes=1))
    settings.SURVEY_KIOSK_MAX_PER_HOUR = 2
    make_response(
        district, channel="kios", kiosk=kiosk, submitted_at=timezone.now() - dt.timedelta(minutes=30)
    )
    hourly = client.post(KIOSK, form_data(nonce=second))
    assert "terlalu banyak isian" in hourly.content.decode() and SurveyResponse.objects.count() == 2


def test_without_the_kiosk_cookie_nothing_is_shown_or_saved(device):
    _client, _kiosk = device
    stranger = Client()
    assert stranger.get(KIOSK).status_code == 403
    refused = stranger.post(KIOSK, form_data(nonce="x"))
    assert refused.status_code == 403 and "bukan kios survei yang aktif" in refused.content.decode()
    # A forged (unsigned) cookie is no better.
    stranger.cookies["lontar_kios"] = "token-palsu"
    assert stranger.post(KIOSK, form_data(nonce="x")).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_deactivated_kiosk_accepts_nothing_more(device, front_desk):
    client, kiosk = device
    nonce = _nonce(client)
    _age(30)
    deactivate_kiosk(actor=front_desk, kiosk=kiosk)
    refused = client.post(KIOSK, form_data(nonce=nonce))
    assert refused.status_code == 403 and not SurveyResponse.objects.exists()
    assert client.get(KIOSK).status_code == 403
    kiosk.refresh_from_db()
    assert not kiosk.is_active and kiosk.deactivated_by == front_desk
    assert AuditEvent.objects.filter(action="surveys.kiosk.deactivate", object_id=str(kiosk.pk)).exists()


def test_staff_deactivate_from_the_kiosk_list_and_another_office_cannot(device, front_desk, foreign_user):
    _client, kiosk = device
    url = reverse("surveys:kiosk_deactivate", args=[kiosk.pk])
    outsider = signed_in(foreign_user)
    assert outsider.post(url).status_code == 404
    kiosk.refresh_from_db()
    assert kiosk.is_active
    staff = signed_in(front_desk)
    listing = staff.get(reverse("surveys:kiosks")).content.decode()
    assert "Tablet loket 1" in listing
    assert staff.post(url).status_code == 302
    kiosk.refresh_from_db()
    assert not kiosk.is_active
