"""Delivering notifications over outside channels. Each task is safe to run more than once.

A failed attempt is retried with exponential backoff (`retry_delay`): the task records when the next
attempt may start and enqueues itself deferred until then; `retry_pending_deliveries` (the
`retry_deliveries` command, run every few minutes by cron) catches any retry whose deferred task was
lost. After `MAX_ATTEMPTS` the delivery stays failed, shown to administrators on the background
jobs page.
"""

from __future__ import annotations

from datetime import datetime, timedelta

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
# Waits after the 1st, 2nd, 3rd and 4th failure: 1, 5, 25 and 125 minutes (about 2.5 hours in all),
# long enough to ride out a mail server's restart or a provider's outage of an afternoon.
RETRY_BASE_DELAY = timedelta(minutes=1)
RETRY_BACKOFF_FACTOR = 5
# A deferred retry may start this much before its time: workers' clocks are never exactly alike.
CLOCK_TOLERANCE = timedelta(seconds=30)
# A delivery left "sending" this long ago belongs to a worker that died mid-send; it may be claimed again.
STALE_SENDING = timedelta(minutes=15)


def retry_delay(attempts: int, base: timedelta = RETRY_BASE_DELAY) -> timedelta:
    """How long to wait before the next attempt after `attempts` failed ones: `base`, then five
    times longer after each further failure."""
    return base * RETRY_BACKOFF_FACTOR ** (max(attempts, 1) - 1)


def _claim(delivery_id: int) -> bool:
    """Atomically mark the delivery as being sent by us; False when it is done, busy, not due or given up."""
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + CLOCK_TOLERANCE)
    claimable = (
        Q(status=DeliveryStatus.PENDING)
        | (Q(status=DeliveryStatus.FAILED) & due)
        | Q(status=DeliveryStatus.SENDING, last_attempt_at__lt=now - STALE_SENDING)
    )
    return bool(
        Delivery.objects.filter(claimable, pk=delivery_id, attempts__lt=MAX_ATTEMPTS).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
        )
    )


def _record_failure(delivery_id: int, exc: Exception) -> datetime | None:
    """Mark the attempt failed and plan the next one; returns when it is due (None: given up)."""
    attempts = Delivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True).first() or 0
    retry_at = timezone.now() + retry_delay(attempts) if attempts < MAX_ATTEMPTS else None
    Delivery.objects.filter(pk=delivery_id).update(
        status=DeliveryStatus.FAILED,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        next_attempt_at=retry_at,
    )
    return retry_at


def _schedule_retry(delivery_id: int, retry_at: datetime) -> None:
    """Enqueue the next attempt deferred until `retry_at`, where the backend can defer tasks."""
    if not deliver.get_backend().supports_defer:
        return  # the immediate backend: the retry_deliveries cron job picks it up
    enqueue_on_commit(deliver.using(run_after=retry_at), delivery_id)


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
    """Send one delivery if it has not been sent yet; returns the delivery's status afterwards."""
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
        retry_at = _record_failure(delivery_id, exc)
        if retry_at is not None:
            _schedule_retry(delivery_id, retry_at)
        # The task itself fails too, so the queue's own records show the error.
        raise
    status = DeliveryStatus.SENT if really_sent else DeliveryStatus.LOGGED
    Delivery.objects.filter(pk=delivery_id).update(
        status=status,
        sent_at=timezone.now(),
        provider=provider[:100],
        provider_reference=reference[:200],
        last_error="",
        next_attempt_at=None,
    )
    return status


def retry_pending_deliveries(*, older_than: timedelta = timedelta(minutes=5), now_too: bool = False) -> int:
    """Enqueue again every unfinished delivery whose task was lost; returns how many.

    That is: deliveries still pending `older_than` after they were created (the queue was down),
    failed ones whose next attempt is due (their deferred task was lost), and ones a dead worker left
    "sending". With `now_too` (an administrator's "send again now") failed deliveries are retried at
    once, whatever their backoff says. Deliveries that used up their attempts are left alone.
    """
    now = timezone.now()
    failed = Q(status=DeliveryStatus.FAILED)
    if not now_too:
        failed &= Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    candidates = Delivery.objects.filter(
        Q(status=DeliveryStatus.PENDING, created_at__lt=now - older_than)
        | failed
        | Q(status=DeliveryStatus.SENDING, last_attempt_at__lt=now - STALE_SENDING),
        attempts__lt=MAX_ATTEMPTS,
    )
    ids = list(candidates.values_list("pk", flat=True))
    if now_too:
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.FAILED).update(next_attempt_at=now)
    for delivery_id in ids:
        enqueue_on_commit(deliver, delivery_id)
    return len(ids)
