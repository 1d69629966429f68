"""Fixtures of the platform's own tests."""

from __future__ import annotations

import email
import email.message
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler
from django.test import override_settings


class SmtpInbox(MessageHandler):
    """What a real SMTP server, started by the test, received."""

    def __init__(self):
        super().__init__(message_class=email.message.EmailMessage)
        self.messages: list[email.message.EmailMessage] = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_inbox():
    """An SMTP server on localhost (aiosmtpd) with Django's SMTP e-mail backend pointed at it."""
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=10,
        ):
            yield inbox
    finally:
        controller.stop()
