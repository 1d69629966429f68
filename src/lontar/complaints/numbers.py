"""Public identifiers of complaints: readable, not sequential, not guessable (as decision 0013).

A tracking number looks like ``ADU-JTS-2611-K7QM4X``: "ADU" (aduan), the office's short code, year and
month, and six random characters from an alphabet without look-alikes (no 0/O, 1/I/L). The secret has
eight such characters (about 40 bits) and is stored only as a keyed hash (HMAC with SECRET_KEY).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SECRET_LENGTH = 8


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def office_prefix(organisation) -> str:
    """ "Kec.Jts" → "JTS": the letters after the last dot of the office code, at most five."""
    tail = re.split(r"[.\s/-]", organisation.code.strip())[-1] or organisation.code
    letters = re.sub(r"[^A-Za-z0-9]", "", tail).upper()
    return (letters or "KTR")[:5]


def new_tracking_number(organisation, on_date) -> str:
    return f"ADU-{office_prefix(organisation)}-{on_date:%y%m}-{_random(6)}"


def new_secret() -> str:
    return _random(SECRET_LENGTH)


def normalise(value: str) -> str:
    """What a citizen typed, as stored: upper case, without spaces."""
    return re.sub(r"\s+", "", value or "").upper()


def secret_hash(number: str, secret: str) -> str:
    key = settings.SECRET_KEY.encode()
    message = f"complaint:{number.upper()}:{normalise(secret)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def secret_matches(complaint, secret: str) -> bool:
    return bool(secret) and hmac.compare_digest(complaint.secret_hash, secret_hash(complaint.number, secret))
