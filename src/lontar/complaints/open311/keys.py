"""Client keys: random, shown once, stored as an HMAC (a 256-bit random key needs no slow hash)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

PREFIX = "o311_"


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    message = f"open311-client:{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def display_prefix(key: str) -> str:
    return key[: len(PREFIX) + 6]
