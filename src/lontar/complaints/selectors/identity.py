"""The one place that decides whose eyes see a reporter's identity.

* Anonymous: nothing was stored, nothing is shown.
* Confidential: shown only to the assigned handler, on screen. Everyone else — the Camat, the Sekcam,
  the auditor, a superuser — sees it masked, and every export masks it whoever exports.
* Normal: shown to the office's officers who work on complaints (`SEE_IDENTITY`); the auditor (a read-
  only role) sees it masked, as personal data is shown masked unless the viewer needs it.

Views, exports and API serializers take a `ReporterIdentity` from `reporter_identity()` and never read
`reporter_*` fields themselves; the public selectors (`selectors/public.py`) carry no identity at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from lontar.complaints.permissions import SEE_IDENTITY
from lontar.core.permissions import authorize

HIDDEN = "••••"


@dataclass(frozen=True)
class ReporterIdentity:
    name: str
    phone: str
    email: str
    nik: str
    # "anonim", "rahasia" or "" (normal); `masked` is True when fields were withheld from this viewer.
    privacy: str
    masked: bool

    @property
    def label(self) -> str:
        if self.privacy == "anonim":
            return _("Anonim")
        return self.name or _("(tanpa nama)")

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.email)


def _mask_name(value: str) -> str:
    return " ".join(word[0] + "*" * (len(word) - 1) for word in value.split()) if value else ""


def _mask_tail(value: str, keep: int = 4) -> str:
    return ("*" * max(len(value) - keep, 0) + value[-keep:]) if value else ""


def _mask_email(value: str) -> str:
    if "@" not in value:
        return _mask_tail(value)
    local, domain = value.split("@", 1)
    return f"{local[:1]}***@{domain}"


def may_see_identity(user, complaint, *, for_export: bool = False) -> bool:
    if complaint.is_anonymous:
        return False
    if complaint.is_confidential:
        return (
            not for_export
            and getattr(user, "is_authenticated", False)
            and complaint.handler_id is not None
            and complaint.handler_id == user.pk
            and authorize(user, SEE_IDENTITY, complaint)
        )
    return authorize(user, SEE_IDENTITY, complaint)


def reporter_identity(complaint, user, *, for_export: bool = False) -> ReporterIdentity:
    """The reporter's identity as `user` may see it (`for_export`: as it may leave the system)."""
    if complaint.is_anonymous:
        return ReporterIdentity("", "", "", "", "anonim", masked=False)
    privacy = "rahasia" if complaint.is_confidential else ""
    if may_see_identity(user, complaint, for_export=for_export):
        return ReporterIdentity(
            complaint.reporter_name,
            complaint.reporter_phone,
            complaint.reporter_email,
            complaint.reporter_nik,
            privacy,
            masked=False,
        )
    if complaint.is_confidential:
        return ReporterIdentity(_("Identitas dirahasiakan"), HIDDEN, HIDDEN, HIDDEN, privacy, masked=True)
    return ReporterIdentity(
        _mask_name(complaint.reporter_name),
        _mask_tail(complaint.reporter_phone),
        _mask_email(complaint.reporter_email),
        _mask_tail(complaint.reporter_nik),
        privacy,
        masked=True,
    )
