"""Network helpers for tests: a free local port, and a real SMTP server (aiosmtpd) that Django's SMTP
e-mail backend is pointed at."""

from __future__ import annotations

import contextlib
import email.message
import socket
from collections.abc import Iterator

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler
from django.test import override_settings


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on (also the way to get a 'closed' port)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpInbox(MessageHandler):
    """What the SMTP server received; `port` is where it listens."""

    def __init__(self):
        super().__init__(message_class=email.message.EmailMessage)
        self.messages: list[email.message.EmailMessage] = []
        self.port = 0

    def handle_message(self, message):
        self.messages.append(message)


@contextlib.contextmanager
def smtp_server() -> Iterator[SmtpInbox]:
    """Start an SMTP server on localhost and send Django's mail to it while the block runs."""
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
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
