"""Audit of sign-in, sign-out, failed sign-in and lockout.

These are Django's and django-axes' own authentication events, so receivers are the natural hook
(the architecture keeps domain logic out of signals; nothing here changes state besides the audit
trail). Each event goes to the audit chain of the account's office, where its administrators and
auditors can see it.
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lontar.core import audit
from lontar.core.accounts import services
from lontar.core.accounts.selectors import is_locked_out

# How much of a name that matches no account the trail keeps. People type their password into the
# name field by mistake, and an append-only trail cannot forget it afterwards.
UNKNOWN_NAME_SHOWN = 2


def _masked(attempted: str) -> str:
    return f"{attempted[:UNKNOWN_NAME_SHOWN]}… ({len(attempted)})"


@receiver(user_logged_in, dispatch_uid="lontar_audit_login")
def audit_login(sender, request, user, **kwargs):
    services.record_account_event(actor=user, user=user, action="core.login")


@receiver(user_logged_out, dispatch_uid="lontar_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "lontar_logout_reason", "") or "user"
        services.record_account_event(actor=user, user=user, action="core.logout", after={"reason": reason})


@receiver(user_login_failed, dispatch_uid="lontar_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    from lontar.core.auth_backends import find_account

    attempted = str(credentials.get("username", "")).strip()[:150]
    account = find_account(attempted)
    if account is None:
        audit.record(
            actor=None,
            action="core.login_failed",
            object_type="core.user",
            object_id="",
            object_repr=_masked(attempted),
            after={"known_account": False},
        )
        return
    services.record_account_event(
        actor=None,
        user=account,
        action="core.login_failed",
        after={"known_account": True, "locked": _was_locked_already(request, account)},
    )


def _was_locked_already(request, account) -> bool:
    """Whether the account was locked BEFORE this attempt (so the password was not even checked).

    django-axes counts the attempt in its own receiver of the same signal; whichever of the two runs
    first, the answer is the same."""
    counted = getattr(request, "axes_failures_since_start", None)
    if counted is not None:
        return counted > settings.AXES_FAILURE_LIMIT
    return is_locked_out(account)


@receiver(user_locked_out, dispatch_uid="lontar_audit_lockout")
def audit_lockout(sender, request, username, **kwargs):
    """django-axes says so on the failure that reaches the limit and again on every failure while the
    account stays locked; only the first is a change of state."""
    from lontar.core.auth_backends import find_account

    failures = getattr(request, "axes_failures_since_start", None)
    if failures != settings.AXES_FAILURE_LIMIT:
        return
    account = find_account(username)
    if account is not None:
        services.record_lockout(user=account, failures=failures)
