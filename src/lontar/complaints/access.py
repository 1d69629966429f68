"""What a reporter without an account may reach, decided in one place (as decision 0013).

A reporter holds no role. They act on their own complaint by its tracking number and the secret shown
once when it was filed:

* `complaint_for(number, secret)` — the complaint when the secret matches, else None. An unknown number
  and a wrong secret are indistinguishable (and cost the same keyed hash), so numbers cannot be probed.
* `tracking_refused` / `note_failed_attempt` — wrong guesses are limited per client address and number,
  and per client address overall.
* `grant_access` / `granted_complaint` — after the secret was given once, this browser's session may
  act on the complaint (reply, rate, re-open) without typing it again. A grant remembers a piece of
  the secret's hash.
* `remember_receipt` / `receipt_secret` — the secret of a complaint filed in this browser, so the
  confirmation can be shown again if its first response was lost on a poor connection.
* `filing_refused` / `note_filing` — at most a few complaints per client address per hour.
"""

from __future__ import annotations

import hmac

from django.core.cache import cache

from lontar.complaints import numbers
from lontar.complaints.models import Complaint
from lontar.core.middleware import client_ip
from lontar.core.public_ids import GuessLimiter, count_in_window

GRANTS_KEY = "adu_akses"
RECEIPTS_KEY = "adu_bukti"
KEEP_AT_MOST = 10

FAILURES_PER_NUMBER = 10
FAILURES_PER_ADDRESS = 50
FAILURE_WINDOW_SECONDS = 10 * 60
FILINGS_PER_ADDRESS = 10
FILING_WINDOW_SECONDS = 60 * 60

_DUMMY_NUMBER = "ADU-XXX-0000-XXXXXX"


def _queryset():
    return Complaint.objects.select_related("organisation", "category", "unit").order_by()


def complaint_for(number: str, secret: str) -> Complaint | None:
    number = numbers.normalise(number)[:30]
    secret = numbers.normalise(secret)[:30]
    complaint = next(iter(_queryset().filter(number=number)[:1]), None) if number else None
    if complaint is None:
        hmac.compare_digest(numbers.secret_hash(_DUMMY_NUMBER, secret or "-"), "0" * 64)
        return None
    return complaint if numbers.secret_matches(complaint, secret) else None


GUESSES = GuessLimiter(
    "adu:lacak:gagal",
    per_number=FAILURES_PER_NUMBER,
    per_address=FAILURES_PER_ADDRESS,
    window_seconds=FAILURE_WINDOW_SECONDS,
)
tracking_refused = GUESSES.refused
note_failed_attempt = GUESSES.note_failure


def _filing_key(request) -> str:
    return f"adu:kirim:{client_ip(request) or '-'}"


def filing_refused(request) -> bool:
    return cache.get(_filing_key(request), 0) >= FILINGS_PER_ADDRESS


def note_filing(request) -> None:
    count_in_window(_filing_key(request), FILING_WINDOW_SECONDS)


def _grants(request) -> dict:
    grants = request.session.get(GRANTS_KEY, {})
    return grants if isinstance(grants, dict) else {}


def _seal(complaint: Complaint) -> str:
    return complaint.secret_hash[:16]


def grant_access(request, complaint: Complaint) -> None:
    grants = _grants(request)
    if grants.get(complaint.number) == _seal(complaint):
        return
    grants = {k: v for k, v in grants.items() if k != complaint.number}
    grants[complaint.number] = _seal(complaint)
    request.session[GRANTS_KEY] = dict(list(grants.items())[-KEEP_AT_MOST:])


def granted_complaint(request, number: str) -> Complaint | None:
    """The complaint this browser proved the secret of; None otherwise (no query without a grant)."""
    number = numbers.normalise(number)
    seal = _grants(request).get(number)
    if not seal:
        return None
    complaint = next(iter(_queryset().filter(number=number)[:1]), None)
    if complaint is None or not hmac.compare_digest(seal, _seal(complaint)):
        return None
    return complaint


def reachable_complaint(request, number: str, secret: str = "") -> Complaint | None:
    """The complaint this browser was granted, or the one `secret` proves now (then granted)."""
    complaint = granted_complaint(request, number)
    if complaint is not None or not secret:
        return complaint
    if tracking_refused(request, number):
        return None
    complaint = complaint_for(number, secret)
    if complaint is None:
        note_failed_attempt(request, number)
        return None
    grant_access(request, complaint)
    return complaint


def remember_receipt(request, complaint: Complaint, secret: str) -> None:
    receipts = dict(request.session.get(RECEIPTS_KEY, {}))
    if secret and receipts.get(complaint.number) != secret:
        receipts[complaint.number] = secret
        request.session[RECEIPTS_KEY] = dict(list(receipts.items())[-KEEP_AT_MOST:])
    grant_access(request, complaint)


def receipt_secret(request, complaint: Complaint) -> str:
    secret = request.session.get(RECEIPTS_KEY, {}).get(complaint.number, "")
    return secret if secret and numbers.secret_matches(complaint, secret) else ""


def forget_all(request) -> None:
    for key in (GRANTS_KEY, RECEIPTS_KEY):
        request.session.pop(key, None)
