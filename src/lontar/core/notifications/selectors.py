from lontar.core.notifications.models import Notification


def unread_count(user) -> int:
    return Notification.objects.for_recipient(user).unread().count()


def inbox(user):
    return Notification.objects.for_recipient(user)


def mask_address(address: str) -> str:
    """An e-mail or phone number with its middle hidden (personal data on an overview page)."""
    if "@" in address:
        local, _sep, domain = address.partition("@")
        return f"{local[:2]}***@{domain}"
    if len(address) > 7:
        return f"{address[:6]}****{address[-3:]}"
    return "****"


def delivery_overview():
    """Counts per channel and status, and the most recent failures (addresses masked)."""
    from django.db.models import Count

    from lontar.core.notifications.models import Channel, Delivery, DeliveryStatus

    channel_labels, status_labels = dict(Channel.choices), dict(DeliveryStatus.choices)
    rows = Delivery.objects.values("channel", "status").annotate(n=Count("id")).order_by("channel", "status")
    counts = [
        {
            "channel": channel_labels.get(row["channel"], row["channel"]),
            "status": status_labels.get(row["status"], row["status"]),
            "n": row["n"],
        }
        for row in rows
    ]
    failures = [
        {
            "id": d.pk,
            "channel": d.get_channel_display(),
            "address": mask_address(d.address),
            "attempts": d.attempts,
            "last_attempt_at": d.last_attempt_at,
            "error": d.last_error.splitlines()[0][:300] if d.last_error else "",
        }
        for d in Delivery.objects.filter(status=DeliveryStatus.FAILED).order_by("-last_attempt_at")[:20]
    ]
    return counts, failures


def preferences_of(user):
    """The user's channel preferences; an unsaved all-on object when they never changed them."""
    from lontar.core.notifications.models import NotificationPreference

    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
