"""Fixtures of the platform's own tests."""

from __future__ import annotations

import pytest

from lontar.core.tests.net import smtp_server


@pytest.fixture
def smtp_inbox():
    """An SMTP server on localhost (aiosmtpd) with Django's SMTP e-mail backend pointed at it."""
    with smtp_server() as inbox:
        yield inbox
