"""Every write about sign-in security: enrolling, checking and removing the second factor,
releasing a locked account, recording password changes. One transaction each, audited."""

from __future__ import annotations

import base64
from binascii import unhexlify

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.core import audit
from lontar.core.models import Membership
from lontar.core.permissions import MANAGE_STAFF, authorize

BACKUP_CODE_COUNT = 8
TOTP_DEVICE_NAME = "Aplikasi autentikator"
BACKUP_DEVICE_NAME = "Kode cadangan"


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
            audit.record(actor=user, action="core.otp_setup_failed", obj=user, object_repr=user.username)
    if not allowed:
        raise ValidationError(_("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi."))
    if not ok:
        raise ValidationError(
            _("Kode tidak cocok. Pastikan jam ponsel Anda tepat lalu masukkan kode yang sedang tampil.")
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        audit.record(
            actor=user,
            action="core.otp_enabled",
            obj=user,
            object_repr=user.username,
            after={"device": device.name, "backup_codes": len(codes)},
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
            audit.record(
                actor=user,
                action="core.otp_failed",
                obj=user,
                object_repr=user.username,
                after={"throttled": throttled, "kind": "totp" if is_totp_shape else "backup"},
            )
        elif isinstance(matched, StaticDevice):
            audit.record(
                actor=user,
                action="core.otp_backup_code_used",
                obj=user,
                object_repr=user.username,
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
        _remove_devices(user)
        audit.record(actor=user, action="core.otp_disabled", obj=user, object_repr=user.username)


def _remove_devices(user) -> int:
    removed, _detail = TOTPDevice.objects.filter(user=user).delete()
    removed_static, _detail = StaticDevice.objects.filter(user=user).delete()
    return removed + removed_static


def managed_organisation(actor, target):
    """An office of `target` in which `actor` may manage staff, or None."""
    memberships = Membership.objects.filter(user=target).select_related("organisation")
    orgs = {m.organisation_id: m.organisation for m in memberships}
    staff = getattr(target, "staff", None) if hasattr(target, "staff") else None
    if staff is not None:
        orgs.setdefault(staff.organisation_id, staff.organisation)
    for org in orgs.values():
        if authorize(actor, MANAGE_STAFF, organisation=org):
            return org
    return None


def reset_second_factor(*, actor, target) -> None:
    """An organisation administrator removes another user's second factor (lost phone).

    The user sets it up again at the next sign-in when their office requires it."""
    if actor.pk == target.pk:
        raise PermissionDenied
    organisation = managed_organisation(actor, target)
    if organisation is None:
        raise PermissionDenied(MANAGE_STAFF)
    with transaction.atomic():
        removed = _remove_devices(target)
        audit.record(
            actor=actor,
            action="core.otp_reset",
            obj=target,
            organisation=organisation,
            object_repr=target.username,
            after={"devices_removed": removed},
        )


def unlock_account(*, actor, target) -> int:
    """Release a lockout after repeated wrong passwords. `actor` None means the command line."""
    from axes.utils import reset

    organisation = None
    if actor is not None:
        organisation = managed_organisation(actor, target)
        if organisation is None:
            raise PermissionDenied(MANAGE_STAFF)
    with transaction.atomic():
        names = {target.username, target.username.lower()}
        removed = sum(reset(username=name) for name in names)
        audit.record(
            actor=actor,
            action="core.account_unlocked",
            obj=target,
            organisation=organisation,
            object_repr=target.username,
            after={"attempts_removed": removed},
        )
    return removed


def is_locked_out(user) -> bool:
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    attempts = AccessAttempt.objects.filter(
        username=user.username.lower(), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.exists()


def record_password_changed(*, user, how: str) -> None:
    audit.record(
        actor=user, action="core.password_changed", obj=user, object_repr=user.username, after={"via": how}
    )


def change_password(*, user, new_password: str) -> None:
    """The signed-in user's own password change (the form has checked the old one and the rules)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_password_changed(user=user, how="change")
