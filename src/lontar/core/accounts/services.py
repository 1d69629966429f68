"""Every write about sign-in security: enrolling, checking and removing the second factor,
locking and releasing an account, changing and resetting passwords. One transaction each, audited.

Events about an account go to the audit chain of the account's office (`account_organisation`), so
that office's administrators and auditors see who signed in, failed, was locked out or lost a
second factor.
"""

from __future__ import annotations

import base64
from binascii import unhexlify

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.core import audit
from lontar.core.accounts.selectors import account_organisation, is_locked_out, managed_organisation
from lontar.core.permissions import MANAGE_STAFF

BACKUP_CODE_COUNT = 8
TOTP_DEVICE_NAME = "Aplikasi autentikator"
BACKUP_DEVICE_NAME = "Kode cadangan"


def record_account_event(*, actor, user, action: str, before=None, after=None, organisation=None):
    """One audit event about `user`'s account, in the chain of the account's office."""
    return audit.record(
        actor=actor,
        action=action,
        obj=user,
        organisation=organisation or account_organisation(user),
        object_repr=user.username,
        before=before,
        after=after,
    )


def base32_secret(device: TOTPDevice) -> str:
    """The device key as authenticator apps expect it for manual entry, in groups of four."""
    secret = base64.b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def has_confirmed_device(user) -> bool:
    if not user.is_authenticated:
        return False
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True).exists()
    )


def pending_totp_device(*, user) -> TOTPDevice:
    """The not-yet-confirmed device shown on the setup page; the same one on every reload, so the
    QR code the user already scanned stays valid."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def confirm_totp_device(*, user, device: TOTPDevice, code: str) -> list[str]:
    """Confirm `device` with a code from the app. Returns fresh backup codes (shown once).

    Raises ValidationError (Indonesian) when the code is wrong; the failure is audited.
    """
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    code = normalise_code(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _info = device.verify_is_allowed()
        ok = allowed and device.verify_token(code)
        if not ok:
            record_account_event(actor=user, user=user, action="core.otp_setup_failed")
    if not allowed:
        raise ValidationError(_("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi."))
    if not ok:
        raise ValidationError(
            _("Kode tidak cocok. Pastikan jam ponsel Anda tepat lalu masukkan kode yang sedang tampil.")
        )
    with transaction.atomic():
        had_device = has_confirmed_device(user)
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        record_account_event(
            actor=user,
            user=user,
            action="core.otp_enabled",
            before={"second_factor": had_device},
            after={"second_factor": True, "device": device.name, "backup_codes": len(codes)},
        )
    return codes


def check_second_factor(*, user, code: str):
    """The confirmed device that accepts `code` (a 6-digit TOTP code or a backup code), or None.

    Throttling is django-otp's: after each wrong code the device refuses for 1, 2, 4 ... seconds.
    Raises ValidationError with an Indonesian message when the code is wrong or throttled;
    the failure is audited either way.
    """
    code = normalise_code(code)
    is_totp_shape = code.isdigit() and len(code) == 6
    model = TOTPDevice if is_totp_shape else StaticDevice
    throttled = False
    matched = None
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update().order_by("pk"):
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                matched = device
                break
        if matched is None:
            record_account_event(
                actor=user,
                user=user,
                action="core.otp_failed",
                after={"throttled": throttled, "kind": "totp" if is_totp_shape else "backup"},
            )
        elif isinstance(matched, StaticDevice):
            record_account_event(
                actor=user,
                user=user,
                action="core.otp_backup_code_used",
                after={"remaining": matched.token_set.count()},
            )
    if matched is None:
        if throttled:
            raise ValidationError(_("Terlalu banyak kode salah. Tunggu beberapa detik lalu coba lagi."))
        raise ValidationError(_("Kode salah atau sudah kedaluwarsa. Coba lagi dengan kode yang baru."))
    return matched


def disable_second_factor(*, user, code: str) -> None:
    """Remove one's own second factor. Needs a current code, so a borrowed session cannot do it."""
    check_second_factor(user=user, code=code)
    with transaction.atomic():
        removed = _remove_devices(user)
        record_account_event(
            actor=user,
            user=user,
            action="core.otp_disabled",
            before={"second_factor": True},
            after={"second_factor": False, "devices_removed": removed},
        )


def _remove_devices(user) -> int:
    """Delete the user's authenticator and backup-code devices; returns how many devices (not codes)."""
    totp = TOTPDevice.objects.filter(user=user)
    static = StaticDevice.objects.filter(user=user)
    count = totp.count() + static.count()
    totp.delete()
    static.delete()
    return count


def reset_second_factor(*, actor, target) -> None:
    """An organisation administrator removes another user's second factor (lost phone).

    The user sets it up again at the next sign-in when their office requires it."""
    if actor.pk == target.pk:
        raise PermissionDenied
    organisation = managed_organisation(actor, target)
    if organisation is None:
        raise PermissionDenied(MANAGE_STAFF)
    with transaction.atomic():
        had_device = has_confirmed_device(target)
        removed = _remove_devices(target)
        record_account_event(
            actor=actor,
            user=target,
            action="core.otp_reset",
            organisation=organisation,
            before={"second_factor": had_device},
            after={"second_factor": False, "devices_removed": removed},
        )


def _release_lockout(user) -> int:
    """Forget the failed attempts counted against `user` (django-axes keys them by lower-case name)."""
    from axes.utils import reset

    return sum(reset(username=name) for name in {user.username, user.username.lower()})


def unlock_account(*, actor, target) -> int:
    """Release a lockout after repeated wrong passwords. `actor` None means the command line."""
    organisation = None
    if actor is not None:
        organisation = managed_organisation(actor, target)
        if organisation is None:
            raise PermissionDenied(MANAGE_STAFF)
    with transaction.atomic():
        was_locked = is_locked_out(target)
        removed = _release_lockout(target)
        record_account_event(
            actor=actor,
            user=target,
            action="core.account_unlocked",
            organisation=organisation,
            before={"locked": was_locked},
            after={"locked": False, "attempts_removed": removed, "via": "admin" if actor else "command"},
        )
    return removed


def record_lockout(*, user, failures: int) -> None:
    """The account has just been locked after `failures` wrong passwords in a row (django-axes)."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off()
    record_account_event(
        actor=None,
        user=user,
        action="core.account_locked",
        before={"locked": False},
        after={
            "locked": True,
            "failures": failures,
            "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
    )


def change_password(*, user, new_password: str) -> None:
    """The signed-in user's own password change (the form has checked the old one and the rules)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_account_event(actor=user, user=user, action="core.password_changed", after={"via": "change"})


def reset_password(*, user, new_password: str) -> None:
    """A new password chosen through the link e-mailed to the account (the view has checked the
    token and the form the rules). Whoever holds the mailbox is the owner, so the failed attempts
    counted so far are forgotten and a lockout ends too."""
    with transaction.atomic():
        was_locked = is_locked_out(user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_account_event(actor=user, user=user, action="core.password_changed", after={"via": "reset"})
        removed = _release_lockout(user)
        if was_locked:
            record_account_event(
                actor=user,
                user=user,
                action="core.account_unlocked",
                before={"locked": True},
                after={"locked": False, "attempts_removed": removed, "via": "password_reset"},
            )


def record_password_reset_requested(*, users) -> None:
    """A reset link was e-mailed to each of `users` (the page never says so to the visitor)."""
    with transaction.atomic():
        for user in users:
            record_account_event(actor=None, user=user, action="core.password_reset_requested")


def send_password_link_mail(*, user, domain: str, use_https: bool) -> None:
    """Write and send the "choose a new password" mail, in the account's own language.

    Called by the `send_password_link` task; the token is made here, when the mail is written.
    """
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "domain": domain,
        "protocol": "https" if use_https else "http",
        "valid_hours": max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600)),
    }
    language = user.preferred_language if user.preferred_language in dict(settings.LANGUAGES) else "id"
    with translation.override(language):
        subject = "".join(render_to_string("core/email/password_reset_subject.txt", context).splitlines())
        body = render_to_string("core/email/password_reset.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
