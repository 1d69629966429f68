"""Sign in with a username or an NIP (with or without the usual spaces)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

NIP_LENGTH = 18


def normalise_nip(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def looks_like_nip(value: str) -> bool:
    """Eighteen digits, possibly grouped with spaces, dots or dashes as printed on ID cards."""
    stripped = value.strip()
    return (
        bool(stripped)
        and all(ch.isdigit() or ch in " .-" for ch in stripped)
        and len(normalise_nip(stripped)) == NIP_LENGTH
    )


def find_account(identifier: str):
    """The account a sign-in name refers to: a username (any case) or an NIP, or None."""
    if not identifier:
        return None
    User = get_user_model()
    user = User.objects.filter(username__iexact=identifier.strip()).first()
    if user is None and looks_like_nip(identifier):
        user = User.objects.filter(staff__nip=normalise_nip(identifier)).first()
    return user


def lockout_key(request, credentials=None) -> str:
    """The name django-axes counts failures under (settings.AXES_USERNAME_CALLABLE).

    Failures count against the ACCOUNT, whichever way it was named: "Budi", "budi" and the NIP
    with or without spaces all share one counter, so varying the spelling does not buy an attacker
    more guesses. Names that match no account are counted by their normalised spelling.
    """
    raw = ""
    if credentials:
        raw = credentials.get("username") or ""
    elif request is not None:
        raw = getattr(request, "data", request.POST).get("username", "") or ""
    user = find_account(raw)
    if user is not None:
        return user.username.lower()
    if looks_like_nip(raw):
        return normalise_nip(raw)
    return raw.strip().lower()


class UsernameOrNipBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_account(username)
        if user is None:
            # Spend the same time hashing as for a real account, so timing does not reveal names.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
