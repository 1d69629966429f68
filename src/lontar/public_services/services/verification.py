"""Verifying an applicant's e-mail address or mobile number with a one-time code.

A citizen without an account proves that the contact they give is theirs before an application is
accepted online, so notices reach them and no one files in another person's name with a made-up
address. The flow:

1. `request_code(channel, address)` creates a `ContactVerification` (with a long random `token` the
   browser keeps in its session) and queues the delivery on commit.
2. The delivery task draws the 6-digit code, stores only its keyed hash, and sends it: e-mail through
   Django's mail, a phone number through the configured SMS/WhatsApp gateway. The code never waits
   in the queue and never reaches the database in clear.
3. `check_code(token, code)`: 10 minutes to answer, at most 5 attempts per code.

Abuse limits: a new code for the same address at most once a minute and 5 times an hour, and at most
`CODES_PER_IP_PER_HOUR` codes an hour from one client address (SMS cost, message bombing).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lontar.core.background import enqueue_on_commit
from lontar.core.notifications.gateways import get_gateway
from lontar.public_services.models import ContactChannel, ContactVerification
from lontar.public_services.validators import clean_phone

logger = logging.getLogger(__name__)

CODE_LENGTH = 6
CODE_VALID_FOR = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
RESEND_GAP = dt.timedelta(minutes=1)
CODES_PER_HOUR = 5
CODES_PER_IP_PER_HOUR = 20
# How long a verified contact may be used to start applications from the same browser.
VERIFIED_USABLE_FOR = dt.timedelta(hours=12)


def clean_address(channel: str, address: str) -> str:
    """The address as stored and compared: a lower-case e-mail, or a mobile number in E.164."""
    address = (address or "").strip()
    if channel == ContactChannel.EMAIL:
        if not address:
            raise ValidationError(_("Tuliskan alamat surel Anda."), code="required")
        address = address.lower()
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ValidationError(_("Alamat surel tidak valid."), code="invalid_email") from exc
        return address
    if channel == ContactChannel.PHONE:
        if not address:
            raise ValidationError(_("Tuliskan nomor telepon seluler Anda."), code="required")
        return clean_phone(address, mobile=True)
    raise ValidationError(_("Pilih surel atau nomor telepon."), code="channel")


def _code_hash(token: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"kontak:{token}:{code}".encode(), hashlib.sha256).hexdigest()


def _refuse_if_too_many(address: str, ip: str) -> None:
    now = timezone.now()
    recent = list(
        ContactVerification.objects.filter(
            address=address, created_at__gte=now - dt.timedelta(hours=1)
        ).values_list("created_at", flat=True)
    )
    if any(created >= now - RESEND_GAP for created in recent):
        raise ValidationError(
            _("Kode baru dapat diminta satu menit setelah permintaan sebelumnya. Tunggu sebentar."),
            code="too_soon",
        )
    if len(recent) >= CODES_PER_HOUR:
        raise ValidationError(
            _("Sudah %(jumlah)s kode dikirim ke alamat ini dalam satu jam terakhir. Coba lagi nanti."),
            params={"jumlah": len(recent)},
            code="too_many",
        )
    if ip:
        key = f"ps:kode:ip:{ip}"
        cache.add(key, 0, timeout=3600)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=3600)
            used = 1
        if used > CODES_PER_IP_PER_HOUR:
            raise ValidationError(
                _("Terlalu banyak permintaan kode dari perangkat ini. Coba lagi satu jam lagi."),
                code="too_many_ip",
            )


def request_code(*, channel: str, address: str, ip: str = "") -> ContactVerification:
    """Start a verification of `address` and queue the code's delivery. ValidationError (in Bahasa
    Indonesia) for a malformed address or when the limits above are reached."""
    address = clean_address(channel, address)
    _refuse_if_too_many(address, ip)
    with transaction.atomic():
        verification = ContactVerification.objects.create(
            channel=channel,
            address=address,
            code_hash="",
            token=secrets.token_urlsafe(32),
            expires_at=timezone.now() + CODE_VALID_FOR,
        )
        from lontar.public_services.tasks_citizen import send_verification_code

        enqueue_on_commit(send_verification_code, verification.pk)
    return verification


def deliver_code(verification_id: int) -> bool:
    """Draw the code, keep its hash, send it. Safe to run twice: a code is drawn only once."""
    with transaction.atomic():
        verification = ContactVerification.objects.select_for_update().filter(pk=verification_id).first()
        if (
            verification is None
            or verification.code_hash
            or verification.verified_at
            or verification.expires_at <= timezone.now()
        ):
            return False
        code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
        verification.code_hash = _code_hash(verification.token, code)
        verification.save(update_fields=["code_hash"])
    minutes = int(CODE_VALID_FOR.total_seconds() // 60)
    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "Kode verifikasi permohonan layanan: %(kode)s. Berlaku %(menit)s menit. Jangan berikan kode "
            "ini kepada siapa pun, termasuk petugas."
        ) % {"kode": code, "menit": minutes}
        subject = _("Kode verifikasi permohonan layanan")
    try:
        if verification.channel == ContactChannel.EMAIL:
            send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [verification.address])
            return True
        result = get_gateway().send(verification.address, text)
        if not result.ok:
            logger.warning("Verification code %s not sent: %s", verification.pk, result.error)
        return result.ok
    except Exception:
        logger.exception("Verification code %s not sent", verification.pk)
        return False


def check_code(*, token: str, code: str) -> ContactVerification:
    """The verification, marked verified, when `code` is right; otherwise ValidationError saying what
    to do (wrong code with attempts left, expired, too many attempts)."""
    verification = ContactVerification.objects.filter(token=token or "").first() if token else None
    if verification is None:
        raise ValidationError(_("Permintaan kode tidak ditemukan. Minta kode baru."), code="unknown")
    if verification.verified_at:
        return verification
    now = timezone.now()
    if verification.expires_at <= now:
        raise ValidationError(
            _("Kode sudah kedaluwarsa (berlaku 10 menit). Minta kode baru."), code="expired"
        )
    if not verification.code_hash:
        raise ValidationError(
            _("Kode belum terkirim. Tunggu sebentar, lalu periksa surel atau SMS Anda."), code="not_sent"
        )
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    counted = ContactVerification.objects.filter(pk=verification.pk, attempts__lt=MAX_ATTEMPTS).update(
        attempts=F("attempts") + 1
    )
    if not counted:
        raise ValidationError(
            _("Terlalu banyak percobaan untuk kode ini. Minta kode baru."), code="too_many_attempts"
        )
    if len(code) != CODE_LENGTH or not hmac.compare_digest(
        verification.code_hash, _code_hash(verification.token, code)
    ):
        left = MAX_ATTEMPTS - verification.attempts - 1
        if left <= 0:
            raise ValidationError(
                _("Kode salah dan batas percobaan habis. Minta kode baru."), code="too_many_attempts"
            )
        raise ValidationError(
            _("Kode salah. Sisa percobaan: %(sisa)s."), params={"sisa": left}, code="wrong_code"
        )
    ContactVerification.objects.filter(pk=verification.pk).update(verified_at=now)
    verification.verified_at = now
    return verification


def pending(token: str) -> ContactVerification | None:
    """A verification that still waits for its code (for the code page)."""
    if not token:
        return None
    return ContactVerification.objects.filter(token=token, verified_at__isnull=True).first()


def verified_contact(token: str) -> ContactVerification | None:
    """The contact this browser verified, while it may still be used to start an application."""
    if not token:
        return None
    return ContactVerification.objects.filter(
        token=token, verified_at__gte=timezone.now() - VERIFIED_USABLE_FOR
    ).first()
