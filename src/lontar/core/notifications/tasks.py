"""Delivering notifications over outside channels. Each task is safe to run more than once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from lontar.core.background import enqueue_on_commit
from lontar.core.notifications.gateways import get_gateway
from lontar.core.notifications.models import Channel, Delivery, DeliveryStatus

MAX_ATTEMPTS = 5
# A delivery left "sending" this long ago belongs to a worker that died mid-send; it may be claimed again.
STALE_SENDING = timedelta(minutes=15)


def _claim(delivery_id: int) -> bool:
    """Atomically mark the delivery as being sent by us; False when it is done, busy or given up."""
    now = timezone.now()
    claimable = Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED]) | Q(
        status=DeliveryStatus.SENDING, last_attempt_at__lt=now - STALE_SENDING
    )
    return bool(
        Delivery.objects.filter(claimable, pk=delivery_id, attempts__lt=MAX_ATTEMPTS).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
        )
    )


def _email_body(delivery: Delivery) -> str:
    notification = delivery.notification
    parts = [notification.body.strip()] if notification.body.strip() else []
    if notification.url:
        link = notification.url
        if link.startswith("/"):
            link = settings.SITE_URL.rstrip("/") + link
        parts.append(_("Buka di Lontar: %(tautan)s") % {"tautan": link})
    parts.append(_("Pesan ini dikirim otomatis oleh Lontar; mohon tidak membalas surel ini."))
    return "\n\n".join(parts)


def _send_email(delivery: Delivery) -> tuple[bool, str, str]:
    message = EmailMessage(
        subject=delivery.notification.title,
        body=_email_body(delivery),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={"Message-ID": make_msgid(domain="lontar")},
    )
    message.send(fail_silently=False)
    return True, "smtp", message.extra_headers["Message-ID"]


def _send_text(delivery: Delivery) -> tuple[bool, str, str]:
    notification = delivery.notification
    text = notification.title if not notification.body else f"{notification.title}\n{notification.body}"
    result = get_gateway().send(delivery.address, text)
    if not result.ok:
        raise RuntimeError(result.error or _("Gateway menolak pesan."))
    return not result.simulated, result.provider, result.reference


@task()
def deliver(delivery_id: int) -> str:
    """Send one delivery if it has not been sent yet; returns the delivery's final status."""
    if not _claim(delivery_id):
        return Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first() or "missing"
    delivery = Delivery.objects.select_related("notification", "notification__recipient").get(pk=delivery_id)
    language = getattr(delivery.notification.recipient, "preferred_language", None) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            if delivery.channel == Channel.EMAIL:
                really_sent, provider, reference = _send_email(delivery)
            else:
                really_sent, provider, reference = _send_text(delivery)
    except Exception as exc:
        Delivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.FAILED, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    status = DeliveryStatus.SENT if really_sent else DeliveryStatus.LOGGED
    Delivery.objects.filter(pk=delivery_id).update(
        status=status,
        sent_at=timezone.now(),
        provider=provider[:100],
        provider_reference=reference[:200],
        last_error="",
    )
    return status


def retry_pending_deliveries(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Enqueue again every unfinished delivery (e.g. the queue was down); returns how many."""
    cutoff = timezone.now() - older_than
    ids = list(
        Delivery.objects.filter(
            Q(status=DeliveryStatus.PENDING, created_at__lt=cutoff)
            | Q(status=DeliveryStatus.FAILED, last_attempt_at__lt=cutoff)
            | Q(status=DeliveryStatus.SENDING, last_attempt_at__lt=timezone.now() - STALE_SENDING),
            attempts__lt=MAX_ATTEMPTS,
        ).values_list("pk", flat=True)
    )
    for delivery_id in ids:
        enqueue_on_commit(deliver, delivery_id)
    return len(ids)
