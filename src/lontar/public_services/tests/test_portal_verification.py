"""Verifying a contact before applying: a 6-digit code by e-mail or SMS, stored only as a hash, valid for
10 minutes and 5 attempts, and not sent more than once a minute or 5 times an hour."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lontar.public_services import access
from lontar.public_services.models import ContactChannel, ContactVerification
from lontar.public_services.services import verification
from lontar.public_services.tests.factories import make_service
from lontar.public_services.tests.portal_helpers import IMMEDIATE_TASKS, apply_url, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = IMMEDIATE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def _send(channel, address, ip=""):
        with django_capture_on_commit_callbacks(execute=True):
            return verification.request_code(channel=channel, address=address, ip=ip)

    return _send


def _code(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def test_an_email_code_is_mailed_and_only_its_hash_is_stored(send, mailoutbox):
    pending = send(ContactChannel.EMAIL, " Siti@Example.com ")
    assert pending.address == "siti@example.com"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["siti@example.com"]
    code = _code(mailoutbox[0].body)
    stored = ContactVerification.objects.get(pk=pending.pk)
    assert code not in stored.code_hash and len(stored.code_hash) == 64
    assert verification.check_code(token=pending.token, code=code).verified_at is not None


def test_a_phone_code_goes_through_the_gateway(send, caplog):
    with caplog.at_level(logging.WARNING, logger="lontar.core.notifications.gateways"):
        pending = send(ContactChannel.PHONE, "0812-3456-7890")
    assert pending.address == "+6281234567890"
    sent = [r.getMessage() for r in caplog.records if "+6281234567890" in r.getMessage()]
    assert len(sent) == 1
    assert verification.check_code(token=pending.token, code=_code(sent[0].split(":", 1)[1])).verified_at


def test_the_delivery_task_draws_a_code_only_once(send, mailoutbox):
    pending = send(ContactChannel.EMAIL, "siti@example.com")
    assert verification.deliver_code(pending.pk) is False  # a worker retry sends nothing new
    assert len(mailoutbox) == 1


def test_a_wrong_code_counts_and_five_wrong_attempts_end_the_code(send, mailoutbox):
    pending = send(ContactChannel.EMAIL, "siti@example.com")
    code = _code(mailoutbox[0].body)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"Sisa percobaan: {left}"):
            verification.check_code(token=pending.token, code=wrong)
    with pytest.raises(ValidationError, match="batas percobaan habis"):
        verification.check_code(token=pending.token, code=wrong)
    with pytest.raises(ValidationError, match="Terlalu banyak percobaan"):
        verification.check_code(token=pending.token, code=code)


def test_a_code_expires_after_ten_minutes(send, mailoutbox):
    pending = send(ContactChannel.EMAIL, "siti@example.com")
    ContactVerification.objects.filter(pk=pending.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        verification.check_code(token=pending.token, code=_code(mailoutbox[0].body))


def test_codes_are_limited_per_address_per_minute_and_per_hour(send):
    send(ContactChannel.EMAIL, "siti@example.com")
    with pytest.raises(ValidationError, match="satu menit"):
        send(ContactChannel.EMAIL, "siti@example.com")
    ContactVerification.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    for _ in range(4):
        send(ContactChannel.EMAIL, "siti@example.com")
        ContactVerification.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(ValidationError, match="dalam satu jam terakhir"):
        send(ContactChannel.EMAIL, "siti@example.com")


def test_codes_are_limited_per_client_address(send):
    for number in range(verification.CODES_PER_IP_PER_HOUR):
        send(ContactChannel.EMAIL, f"warga{number}@example.com", ip="203.0.113.9")
    with pytest.raises(ValidationError, match="dari perangkat ini"):
        send(ContactChannel.EMAIL, "satu.lagi@example.com", ip="203.0.113.9")


def test_a_landline_or_a_bad_address_is_refused_before_anything_is_sent(send):
    with pytest.raises(ValidationError, match="seluler"):
        send(ContactChannel.PHONE, "(022) 420 1234")
    with pytest.raises(ValidationError, match="Alamat surel tidak valid"):
        send(ContactChannel.EMAIL, "siti@")
    assert not ContactVerification.objects.exists()


def test_through_the_pages_a_citizen_verifies_an_email_and_reaches_the_form(
    client, district, mailoutbox, django_capture_on_commit_callbacks
):
    service = make_service(district)
    response = client.get(apply_url(service))
    contact_url = reverse("public_services:apply_contact", args=[district.pk, service.code])
    assert response.status_code == 302 and response["Location"] == contact_url
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_url, {"kanal": "surel", "alamat": "siti@example.com"})
    code_url = reverse("public_services:apply_code", args=[district.pk, service.code])
    assert response["Location"] == code_url
    page = client.get(code_url)
    assert "siti@example.com" in page.content.decode()
    response = client.post(
        code_url, {"kode": "999999" if _code(mailoutbox[0].body) != "999999" else "888888"}
    )
    assert "Kode salah" in response.content.decode()
    response = client.post(code_url, {"kode": _code(mailoutbox[0].body)})
    assert response.status_code == 302 and response["Location"] == apply_url(service)
    assert client.session[access.CONTACT_KEY]
    form = client.get(apply_url(service))
    assert form.status_code == 200
    # The verified address is filled in and locked.
    assert 'value="siti@example.com"' in form.content.decode()
    assert "disabled" in re.search(r"<input[^>]*name=\"surel\"[^>]*>", form.content.decode()).group(0)


def test_resending_from_the_code_page_respects_the_one_minute_limit(
    client, district, mailoutbox, django_capture_on_commit_callbacks
):
    service = make_service(district)
    contact_url = reverse("public_services:apply_contact", args=[district.pk, service.code])
    code_url = reverse("public_services:apply_code", args=[district.pk, service.code])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact_url, {"kanal": "telepon", "alamat": "081234567890"})
        response = client.post(code_url, {"kirim_ulang": "1"})
    assert "satu menit" in response.content.decode()
