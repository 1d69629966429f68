"""Citizen accounts: a citizen may register on the portal and apply signed in, instead of proving a
contact with a code for every application.

A citizen is a `User` with no membership (and no staff record): roles come only from memberships, so
the central permission functions give such an account nothing in any office. Registration is two
steps:

1. `start_registration(name, email, password)` checks the password passes Django's password
   validators, then sends a one-time code to the e-mail through `services.verification` (same limits
   as the apply flow). Nothing is created yet; the caller keeps the returned `PendingRegistration`
   (the password only as a hash) in the browser's session.
2. `complete_registration(pending, code)` checks the code and creates the account (username = the
   lower-cased e-mail), audited with the citizen's name.

Whether an e-mail already has an account is said only after the code from that mailbox is entered:
the first step answers the same for every address, so the form cannot be used to find out who has an
account (as the password-reset page already does).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.public_services.models import ContactChannel
from lontar.public_services.services import verification as contact_codes

NAME_MAX_LENGTH = 150


@dataclass
class PendingRegistration:
    """What the browser keeps between the two steps (JSON-serialisable for the session)."""

    token: str
    name: str
    email: str
    password_hash: str

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, value) -> PendingRegistration | None:
        if not isinstance(value, dict):
            return None
        try:
            return cls(**{key: str(value[key]) for key in ("token", "name", "email", "password_hash")})
        except KeyError:
            return None


def account_label(user) -> str:
    return _("Warga: %(nama)s") % {"nama": user.get_full_name() or user.username}


def _email_taken(email: str) -> bool:
    return get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists()


def _refuse_taken(email: str) -> None:
    if _email_taken(email):
        raise ValidationError(
            {
                "surel": _(
                    "Alamat surel ini sudah dipakai sebuah akun. Masuk dengan akun itu, atau pakai lupa "
                    "kata sandi bila Anda lupa."
                )
            }
        )


def start_registration(*, name: str, email: str, password: str, ip: str = "") -> PendingRegistration:
    """Check the details and send the e-mail code. ValidationError keyed by form field (nama, surel,
    sandi) in Bahasa Indonesia; nothing is created."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"nama": _("Tuliskan nama lengkap Anda.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError({"nama": _("Nama terlalu panjang (paling banyak 150 huruf).")})
    try:
        email = contact_codes.clean_address(ContactChannel.EMAIL, email)
    except ValidationError as exc:
        raise ValidationError({"surel": exc.messages}) from exc
    User = get_user_model()
    try:
        validate_password(password, user=User(username=email, email=email, first_name=name))
    except ValidationError as exc:
        raise ValidationError({"sandi": exc.messages}) from exc
    try:
        verification = contact_codes.request_code(channel=ContactChannel.EMAIL, address=email, ip=ip)
    except ValidationError as exc:
        raise ValidationError({"surel": exc.messages}) from exc
    return PendingRegistration(
        token=verification.token, name=name, email=email, password_hash=make_password(password)
    )


def resend_code(pending: PendingRegistration, *, ip: str = "") -> PendingRegistration:
    verification = contact_codes.request_code(channel=ContactChannel.EMAIL, address=pending.email, ip=ip)
    return PendingRegistration(
        token=verification.token, name=pending.name, email=pending.email, password_hash=pending.password_hash
    )


def complete_registration(pending: PendingRegistration, *, code: str):
    """The new citizen account when `code` is right; ValidationError otherwise (nothing created)."""
    verification = contact_codes.check_code(token=pending.token, code=code)
    if verification.channel != ContactChannel.EMAIL or verification.address != pending.email.lower():
        raise ValidationError(_("Permintaan kode tidak ditemukan. Minta kode baru."), code="unknown")
    User = get_user_model()
    try:
        with transaction.atomic():
            _refuse_taken(pending.email)  # said only to whoever reads that mailbox
            user = User(username=pending.email, email=pending.email, first_name=pending.name)
            user.password = pending.password_hash
            user.save()
            audit.record(
                actor=None,
                action="public_services.citizen_account.create",
                obj=user,
                after={"username": user.username, "email": user.email, "name": pending.name},
                actor_label=account_label(user),
            )
    except IntegrityError as exc:  # the same e-mail registered at the same moment
        raise ValidationError(
            {"surel": _("Alamat surel ini sudah dipakai sebuah akun. Masuk dengan akun itu.")}
        ) from exc
    return user
