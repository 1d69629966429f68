"""Helpers for the citizen-side tests: a browser with a verified contact, the form's data."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from lontar.public_services import access
from lontar.public_services.models import ContactChannel, ContactVerification
from lontar.public_services.tests.factories import pdf_upload

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NIK = "3273014501900002"


def apply_url(service) -> str:
    return reverse("public_services:apply", kwargs={"org_id": service.organisation_id, "code": service.code})


def verify_contact(client, address: str = "siti@example.com", channel: str = ContactChannel.EMAIL) -> None:
    """This browser verified `address` (as if it had typed the right code)."""
    verification = ContactVerification.objects.create(
        channel=channel,
        address=address,
        code_hash="x",
        token=f"token-{address}",
        expires_at=timezone.now(),
        verified_at=timezone.now(),
    )
    session = client.session
    session[access.CONTACT_KEY] = verification.token
    session.save()


def grant(client, application) -> None:
    session = client.session
    session[access.GRANTS_KEY] = {application.number: application.secret_hash[:16]}
    session.save()


def submit_key(response) -> str:
    return re.search(r'name="kunci" value="([^"]+)"', response.content.decode()).group(1)


def form_data(service, *, key: str = "", with_files: bool = True, **overrides) -> dict:
    standard = service.standards.get()
    data = {
        "nama": "Siti Aminah",
        "nik": NIK,
        "telepon": "0812 3456 7890",
        "alamat": "Jl. Melati No. 5, RT 02/RW 03, Sukamaju",
        "kunci": key,
        "isian_keperluan": "Beasiswa sekolah anak",
    }
    if with_files:
        for requirement in standard.requirements.filter(needs_upload=True):
            data[f"berkas_{requirement.pk}"] = pdf_upload(f"{requirement.name}.pdf")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache, which outlives a test: start each test without them."""
    cache.clear()
    yield
    cache.clear()
