"""Public identifiers of applications and visits: readable, not sequential, not guessable.

A registration number looks like ``JTS-2611-K7QM4X``: the office's short code, year and month, and six
random characters from an alphabet without look-alikes (no 0/O, 1/I/L). The tracking secret has eight
such characters (about 40 bits) and is stored only as a keyed hash; tracking by number alone shows
nothing personal.
"""

from __future__ import annotations

from lontar.core import public_ids
from lontar.core.public_ids import ALPHABET, SECRET_LENGTH, new_secret, normalise  # noqa: F401


def office_prefix(organisation) -> str:
    return public_ids.office_prefix(organisation, fallback="LYN")


def new_registration_number(organisation, on_date) -> str:
    return f"{office_prefix(organisation)}-{on_date:%y%m}-{public_ids.random_code(6)}"


def new_visit_code() -> str:
    return public_ids.random_code(8)


def secret_hash(number: str, secret: str) -> str:
    return public_ids.secret_hash(number, secret)


def secret_matches(application, secret: str) -> bool:
    return public_ids.secret_matches(application.secret_hash, application.number, secret)
