"""Audit of sign-in, sign-out and failed sign-in.

These are Django's own authentication events, so receivers are the natural hook (the architecture
keeps domain logic out of signals; nothing here changes state besides the audit trail).
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lontar.core import audit


@receiver(user_logged_in, dispatch_uid="lontar_audit_login")
def audit_login(sender, request, user, **kwargs):
    audit.record(actor=user, action="core.login", obj=user, object_repr=user.username)


@receiver(user_logged_out, dispatch_uid="lontar_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(actor=user, action="core.logout", obj=user, object_repr=user.username)


@receiver(user_login_failed, dispatch_uid="lontar_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    from lontar.core.auth_backends import find_account

    attempted = str(credentials.get("username", ""))[:150]
    account = find_account(attempted)
    audit.record(
        actor=None,
        action="core.login_failed",
        object_type="core.user",
        object_id=str(account.pk) if account is not None else "",
        object_repr=attempted,
        after={"known_account": account is not None},
    )
