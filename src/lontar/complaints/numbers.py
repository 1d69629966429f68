"""Public identifiers of complaints, built on `lontar.core.public_ids` (decision 0013).

A tracking number looks like ``ADU-JTS-2611-K7QM4X``: "ADU" (aduan), the office's short code, year and
month, and six random characters. The secret has eight characters and is stored only as a keyed hash.
"""

from __future__ import annotations

from lontar.core import public_ids
from lontar.core.public_ids import new_secret, normalise  # noqa: F401  (the module's vocabulary)

SCOPE = "complaint"


def office_prefix(organisation) -> str:
    return public_ids.office_prefix(organisation, fallback="KTR")


def new_tracking_number(organisation, on_date) -> str:
    return f"ADU-{office_prefix(organisation)}-{on_date:%y%m}-{public_ids.random_code(6)}"


def secret_hash(number: str, secret: str) -> str:
    return public_ids.secret_hash(number, secret, scope=SCOPE)


def secret_matches(complaint, secret: str) -> bool:
    return public_ids.secret_matches(complaint.secret_hash, complaint.number, secret, scope=SCOPE)
