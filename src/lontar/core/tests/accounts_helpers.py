"""Helpers shared by the test_accounts_* modules."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from lontar.core.tests.factories import PASSWORD


def totp_code(device, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for `device`, `steps_ahead` 30-second steps from now.

    A code is accepted once per step, so a second sign-in in the same test uses the next step
    (within the device's tolerance of one step)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, username, password=PASSWORD, *, meta=None, **extra):
    """Post the sign-in form; `extra` adds form fields, `meta` request headers (REMOTE_ADDR ...)."""
    data = {"username": username, "password": password, **extra}
    return client.post(reverse("core:login"), data, **(meta or {}))


def enrol(user):
    """Give `user` a confirmed TOTP device and backup codes the way the setup page does."""
    from lontar.core.accounts import services

    device = services.pending_totp_device(user=user)
    codes = services.confirm_totp_device(user=user, device=device, code=totp_code(device))
    device.refresh_from_db()
    return device, codes


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Sign-in tests hash many passwords; the real hasher is exercised elsewhere, the flow here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
