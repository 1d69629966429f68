"""Public identifiers citizens read, type and keep: readable, not sequential, not guessable
(decision 0013). Applications, bookings and complaints build their numbers and secrets from here.

Characters come from an alphabet without look-alikes (no 0/O, 1/I/L). A secret of eight such
characters carries about 40 bits; only a keyed hash of it (HMAC with SECRET_KEY) is ever stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SECRET_LENGTH = 8


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_secret() -> str:
    return random_code(SECRET_LENGTH)


def office_prefix(organisation, *, fallback: str) -> str:
    """ "Kec.Jts" → "JTS": the letters after the last separator of the office code, at most five."""
    tail = re.split(r"[.\s/-]", organisation.code.strip())[-1] or organisation.code
    letters = re.sub(r"[^A-Za-z0-9]", "", tail).upper()
    return (letters or fallback)[:5]


def normalise(value: str) -> str:
    """What a citizen typed, as stored: upper case, without spaces."""
    return re.sub(r"\s+", "", value or "").upper()


def secret_hash(number: str, secret: str, *, scope: str = "") -> str:
    """The keyed hash stored for `secret`; `scope` keeps one kind of number's hashes apart from
    another's ("" for applications, whose hashes predate scopes)."""
    prefix = f"{scope}:" if scope else ""
    message = f"{prefix}{number.upper()}:{normalise(secret)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def secret_matches(stored_hash: str, number: str, secret: str, *, scope: str = "") -> bool:
    return bool(secret) and hmac.compare_digest(stored_hash, secret_hash(number, secret, scope=scope))


# --- wrong guesses -------------------------------------------------------------------------------------


def count_in_window(key: str, window_seconds: int) -> None:
    """Add one to a counter in the cache that lives `window_seconds` from its first hit."""
    from django.core.cache import cache

    cache.add(key, 0, timeout=window_seconds)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)


class GuessLimiter:
    """Wrong number/secret guesses of one client address, per number and in all, in a time window:
    past either limit the public page answers as if every guess were wrong, so numbers cannot be
    probed (decision 0013)."""

    def __init__(
        self, prefix: str, *, per_number: int = 10, per_address: int = 50, window_seconds: int = 600
    ):
        self.prefix = prefix
        self.per_number = per_number
        self.per_address = per_address
        self.window_seconds = window_seconds

    def _keys(self, request, number: str) -> tuple[str, str]:
        from lontar.core.middleware import client_ip

        ip = client_ip(request) or "-"
        return f"{self.prefix}:{ip}:{normalise(number)[:30]}", f"{self.prefix}:{ip}"

    def refused(self, request, number: str) -> bool:
        from django.core.cache import cache

        per_number, per_address = self._keys(request, number)
        counts = cache.get_many([per_number, per_address])
        return counts.get(per_number, 0) >= self.per_number or counts.get(per_address, 0) >= self.per_address

    def note_failure(self, request, number: str) -> None:
        for key in self._keys(request, number):
            count_in_window(key, self.window_seconds)
