"""Gateways that send short text messages (WhatsApp, SMS) through an outside provider.

A gateway is a class with `send(to_phone, text) -> GatewayResult`. Settings choose one:

    LONTAR_SMS_GATEWAY = "lontar.core.notifications.gateways.HttpJsonGateway"
    LONTAR_SMS_GATEWAY_OPTIONS = {"url": "https://api.fonnte.com/send", "token": "...",
                                  "token_header": "Authorization", "token_prefix": "",
                                  "payload": {"target": "{to}", "message": "{text}"}}

* `LogGateway` is the DEVELOPMENT default: it sends nothing. It writes the message to the log and
  reports `simulated=True`, so the delivery is recorded as "logged", never as "sent".
* `HttpJsonGateway` POSTs a JSON payload built from a template to a provider's HTTP API; the usual
  Indonesian WhatsApp/SMS providers (Fonnte, Wablas, Zenziva, Twilio-style APIs) fit it by
  configuration. Phone numbers are normalised to E.164 (`0812…` → `+62812…`) first.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_SEPARATORS = re.compile(r"[\s\-.()/]")


def normalise_phone(raw: str) -> str:
    """An Indonesian phone number as E.164 (`+62…`), or ValidationError in Bahasa Indonesia.

    Accepts the forms people write: `0812-3456-7890`, `(021) 555 1234`, `62812…`, `+62 812…`, `812…`.
    """
    number = _SEPARATORS.sub("", raw or "")
    if number.startswith("+"):
        number = number[1:]
        if not number.startswith("62"):
            raise ValidationError(
                _("Nomor %(nomor)s bukan nomor Indonesia (+62)."),
                params={"nomor": raw},
                code="not_indonesian",
            )
    elif number.startswith("0"):
        number = "62" + number[1:]
    elif number.startswith("8"):
        number = "62" + number
    if not number.isdigit() or not number.startswith("62"):
        raise ValidationError(
            _("Nomor telepon %(nomor)s tidak valid."), params={"nomor": raw}, code="invalid_phone"
        )
    subscriber = number[2:]
    if subscriber.startswith("0") or not 7 <= len(subscriber) <= 12:
        raise ValidationError(
            _("Nomor telepon %(nomor)s tidak valid: panjangnya tidak sesuai."),
            params={"nomor": raw},
            code="invalid_phone_length",
        )
    return "+" + number


@dataclass(frozen=True)
class GatewayResult:
    ok: bool
    provider: str
    reference: str = ""
    error: str = ""
    # True when nothing left this machine (development gateway): never report such a message as sent.
    simulated: bool = False


class MessageGateway(ABC):
    name = "gateway"

    @abstractmethod
    def send(self, to_phone: str, text: str) -> GatewayResult:
        """Send `text` to `to_phone` (any Indonesian form); never raise for a provider's refusal."""


class LogGateway(MessageGateway):
    """Development gateway: writes the message to the log and sends nothing."""

    name = "log"

    def send(self, to_phone: str, text: str) -> GatewayResult:
        phone = normalise_phone(to_phone)
        logger.warning("LogGateway (development, NOT sent) to %s: %s", phone, text)
        return GatewayResult(ok=True, provider=self.name, reference=f"log:{phone}", simulated=True)


def _fill(template: Any, values: dict[str, str]) -> Any:
    """Replace `{to}` and `{text}` in every string of a JSON-like template (values stay JSON-safe)."""
    if isinstance(template, str):
        result = template
        for key, value in values.items():
            result = result.replace("{" + key + "}", value)
        return result
    if isinstance(template, dict):
        return {key: _fill(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [_fill(item, values) for item in template]
    return template


class HttpJsonGateway(MessageGateway):
    """POST a JSON payload to a provider's HTTP API.

    `payload` is a JSON-like template whose strings may contain `{to}` (E.164 with "+"),
    `{to_digits}` (the same without "+", as Fonnte and Wablas expect) and `{text}`.
    `reference_field` names the key of the provider's JSON reply holding its message id;
    `success_field`, when set, names a key that must be true (providers that answer HTTP 200 with
    `{"status": false, "reason": ...}` on refusal).
    """

    name = "http-json"

    def __init__(
        self,
        *,
        url: str,
        token: str = "",
        token_header: str = "Authorization",  # noqa: S107 - a header name, not a secret
        token_prefix: str = "Bearer ",  # noqa: S107 - a scheme, not a secret
        payload: dict | None = None,
        reference_field: str = "id",
        success_field: str | None = None,
        timeout: float = 10.0,
        name: str | None = None,
    ) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError("HttpJsonGateway url must be http(s)")
        self.url = url
        self.token = token
        self.token_header = token_header
        self.token_prefix = token_prefix
        self.payload = payload if payload is not None else {"to": "{to}", "text": "{text}"}
        self.reference_field = reference_field
        self.success_field = success_field
        self.timeout = timeout
        if name:
            self.name = name

    def send(self, to_phone: str, text: str) -> GatewayResult:
        phone = normalise_phone(to_phone)
        body = json.dumps(
            _fill(self.payload, {"to": phone, "to_digits": phone[1:], "text": text}), ensure_ascii=False
        ).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"},
        )
        if self.token:
            request.add_header(self.token_header, f"{self.token_prefix}{self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace")
            return GatewayResult(ok=False, provider=self.name, error=f"HTTP {exc.code}: {detail}")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return GatewayResult(ok=False, provider=self.name, error=f"{type(exc).__name__}: {exc}")
        reference = ""
        try:
            reply = json.loads(raw or b"null")
        except ValueError:
            reply = None
        if self.success_field and not (isinstance(reply, dict) and reply.get(self.success_field)):
            detail = raw[:500].decode("utf-8", "replace")
            return GatewayResult(ok=False, provider=self.name, error=_("Ditolak penyedia: %s") % detail)
        if isinstance(reply, dict) and reply.get(self.reference_field) is not None:
            reference = str(reply[self.reference_field])[:200]
        return GatewayResult(ok=True, provider=self.name, reference=reference)


def get_gateway() -> MessageGateway:
    """The gateway configured by `LONTAR_SMS_GATEWAY` (+ `LONTAR_SMS_GATEWAY_OPTIONS`)."""
    gateway_class = import_string(settings.LONTAR_SMS_GATEWAY)
    return gateway_class(**getattr(settings, "LONTAR_SMS_GATEWAY_OPTIONS", {}))
