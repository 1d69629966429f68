"""What a citizen without an account may reach, decided in one place.

A citizen holds no role. They act on their own application by its registration number and the
tracking secret shown once when it was created (or printed on the counter receipt). Every public
view on an application goes through this module:

* `application_for(number, secret)` — the application when the secret matches, else None. An unknown
  number and a wrong secret are indistinguishable to the caller (and take the same work), so numbers
  cannot be probed.
* `tracking_refused(request, number)` / `note_failed_attempt(request, number)` — wrong guesses are
  limited per client address and number, and per client address overall.
* `grant_access(request, application)` / `granted_application(request, number)` — after the secret
  was given once, this browser's session may act on the application (correct it, resume a draft,
  download the result) without typing it again. The grant is written only when it is new, and only
  when the citizen acts (a POST): reading the QR link never writes a session. A grant remembers a
  piece of the secret's hash, so a new secret (made at the counter for someone who lost theirs)
  ends every grant given for the old one.
* `reachable_application(request, number, secret)` — granted already, or proven now by the secret
  sent with the action (the forms of the QR page carry it), which then grants.
* `remember_receipt` / `receipt_secret` — the secret of an application created in this browser, so
  the confirmation can be shown again if its first response was lost on a poor connection.
* `contact_token` / `remember_contact` — the contact verification of this browser (apply flow).

A citizen may also hold an account (`is_citizen`: signed in, no membership, no staff record). Its
owner rule: a signed-in user who is the application's `applicant_user` may see and act on it as if
this browser held the grant (`granted_application`, `may_act`), with no secret.
"""

from __future__ import annotations

import hmac

from django.http import Http404

from lontar.core.public_ids import GuessLimiter
from lontar.public_services import numbers
from lontar.public_services.models import DONE_STATUSES, Application, ApplicationStatus, Service

GRANTS_KEY = "ps_akses"
RECEIPTS_KEY = "ps_bukti"
CONTACT_KEY = "ps_kontak"
PENDING_CONTACT_KEY = "ps_kontak_menunggu"
KEEP_AT_MOST = 10

FAILURES_PER_NUMBER = 10
FAILURES_PER_ADDRESS = 50
FAILURE_WINDOW_SECONDS = 10 * 60

# An unknown number still costs one keyed hash, as a wrong secret does.
_DUMMY_NUMBER = "XXX-0000-XXXXXX"


# The office and service columns the public pages read: the tracking page is the most requested page
# of the portal (every receipt's QR leads to it), so it loads no more than it shows.
_OFFICE_FIELDS = ("name", "short_name", "code", "address", "phone", "email", "timezone", "is_active")
_SERVICE_FIELDS = (
    "organisation",
    "code",
    "name",
    "is_active",
    "is_published",
    "accepts_online",
    "result_downloadable",
    "result_document_type",
)


def _tracking_queryset():
    own = [field.name for field in Application._meta.concrete_fields]
    return (
        Application.objects.select_related("service", "organisation")
        .only(
            *own,
            *(f"service__{name}" for name in _SERVICE_FIELDS),
            *(f"organisation__{name}" for name in _OFFICE_FIELDS),
        )
        .order_by()
    )


def application_for(number: str, secret: str) -> Application | None:
    number = numbers.normalise(number)[:30]
    secret = numbers.normalise(secret)[:30]
    application = next(iter(_tracking_queryset().filter(number=number)[:1]), None) if number else None
    if application is None:
        hmac.compare_digest(numbers.secret_hash(_DUMMY_NUMBER, secret or "-"), "0" * 64)
        return None
    return application if numbers.secret_matches(application, secret) else None


# --- wrong guesses ---------------------------------------------------------------------------------


GUESSES = GuessLimiter(
    "ps:lacak:gagal",
    per_number=FAILURES_PER_NUMBER,
    per_address=FAILURES_PER_ADDRESS,
    window_seconds=FAILURE_WINDOW_SECONDS,
)
tracking_refused = GUESSES.refused  # True when this client has guessed wrong too often
note_failed_attempt = GUESSES.note_failure


# --- this browser's grants -------------------------------------------------------------------------


def _remember(session, key: str, value: list | dict) -> None:
    session[key] = value
    session.modified = True


def _grants(request) -> dict:
    grants = request.session.get(GRANTS_KEY, {})
    return grants if isinstance(grants, dict) else {}


def _seal(application: Application) -> str:
    return application.secret_hash[:16]


def grant_access(request, application: Application) -> None:
    grants = _grants(request)
    if grants.get(application.number) == _seal(application):
        return
    grants = {key: value for key, value in grants.items() if key != application.number}
    grants[application.number] = _seal(application)
    _remember(request.session, GRANTS_KEY, dict(list(grants.items())[-KEEP_AT_MOST:]))


def has_grant(request, number: str) -> bool:
    return numbers.normalise(number) in _grants(request)


def is_citizen(user) -> bool:
    """A signed-in citizen account: no role in any office (not even an inactive one), no staff record."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser or user.is_staff:
        return False
    cached = getattr(user, "_ps_is_citizen", None)
    if cached is None:
        cached = not user.memberships.exists() and getattr(user, "staff", None) is None
        user._ps_is_citizen = cached
    return cached


def owned_application(request, number: str) -> Application | None:
    """The application the signed-in user applied for with their account (owner rule), or None."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False) or not number:
        return None
    return next(
        iter(
            _tracking_queryset()
            .select_related("standard")
            .filter(number=number, applicant_user_id=user.pk)[:1]
        ),
        None,
    )


def is_owner(request, application: Application) -> bool:
    user = getattr(request, "user", None)
    return bool(
        getattr(user, "is_authenticated", False)
        and application.applicant_user_id
        and application.applicant_user_id == user.pk
    )


def may_act(request, application: Application) -> bool:
    """This browser may act on `application` without sending its secret (grant or owner)."""
    return has_grant(request, application.number) or is_owner(request, application)


def granted_application(request, number: str) -> Application | None:
    """The application this browser proved the secret of, or the signed-in user's own one; None
    otherwise (without a query for an anonymous browser without a grant; None too when the secret
    was changed since)."""
    number = numbers.normalise(number)
    seal = _grants(request).get(number)
    if not seal:
        return owned_application(request, number)
    application = next(iter(_tracking_queryset().select_related("standard").filter(number=number)[:1]), None)
    if application is None or not hmac.compare_digest(seal, _seal(application)):
        return owned_application(request, number)
    return application


def reachable_application(request, number: str, secret: str = "") -> Application | None:
    """The application this browser was granted, or the one `secret` proves now (then granted).
    A wrong secret counts as a failed attempt, like on the tracking form."""
    application = granted_application(request, number)
    if application is not None or not secret:
        return application
    if tracking_refused(request, number):
        return None
    application = application_for(number, secret)
    if application is None:
        note_failed_attempt(request, number)
        return None
    grant_access(request, application)
    return application


def forget_all(request) -> None:
    for key in (GRANTS_KEY, RECEIPTS_KEY):
        request.session.pop(key, None)


def remember_receipt(request, application: Application, secret: str) -> None:
    """Keep the secret of an application created in this browser (and grant access to it)."""
    receipts = dict(request.session.get(RECEIPTS_KEY, {}))
    if secret and receipts.get(application.number) != secret:
        receipts[application.number] = secret
        _remember(request.session, RECEIPTS_KEY, dict(list(receipts.items())[-KEEP_AT_MOST:]))
    grant_access(request, application)


def receipt_secret(request, application: Application) -> str:
    """The secret shown when `application` was created in this browser, while it is still valid."""
    secret = request.session.get(RECEIPTS_KEY, {}).get(application.number, "")
    return secret if secret and numbers.secret_matches(application, secret) else ""


# --- contact verification of the apply flow --------------------------------------------------------


def contact_token(request) -> str:
    return request.session.get(CONTACT_KEY, "")


def pending_contact_token(request) -> str:
    return request.session.get(PENDING_CONTACT_KEY, "")


def remember_pending_contact(request, token: str) -> None:
    request.session[PENDING_CONTACT_KEY] = token


def remember_contact(request, token: str) -> None:
    request.session.pop(PENDING_CONTACT_KEY, None)
    request.session[CONTACT_KEY] = token


# --- what the citizen may do -----------------------------------------------------------------------


def open_service(org_id: int, code: str) -> Service:
    """A published, active service of an active office, or 404."""
    service = (
        Service.objects.select_related("organisation")
        .filter(
            organisation_id=org_id,
            code=code,
            is_active=True,
            is_published=True,
            organisation__is_active=True,
        )
        .first()
    )
    if service is None:
        raise Http404
    return service


def may_download(application: Application) -> bool:
    return bool(
        application.status in DONE_STATUSES
        and application.service.result_downloadable
        and application.result_document_id
    )


def may_answer_survey(application: Application) -> bool:
    """A completed application invites its applicant to the satisfaction survey (lontar.surveys)."""
    return application.status in DONE_STATUSES


def is_draft(application: Application) -> bool:
    return application.status == ApplicationStatus.DRAFT


def needs_correction(application: Application) -> bool:
    return application.status == ApplicationStatus.NEEDS_CORRECTION
