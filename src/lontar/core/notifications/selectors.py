from django.db.models import Q

from lontar.core.notifications.models import Notification
from lontar.core.permissions import visible_organisation_ids

# The unread count is shown on every page (top navigation) and again on the dashboard: count once per
# request, on the request's user object, like the permission module caches memberships.
_UNREAD_CACHE = "_lontar_unread_notifications"


def inbox(user):
    """The user's own notifications, minus those about offices they may no longer see.

    A notification names the office it is about; when the recipient leaves that office (membership
    ended or moved), its titles and bodies stop showing. Notifications without an office are personal.
    """
    return Notification.objects.for_recipient(user).filter(
        Q(organisation__isnull=True) | Q(organisation_id__in=visible_organisation_ids(user))
    )


def unread_count(user) -> int:
    """How many of `user`'s inbox notifications are unread: one query per request at most."""
    cached = getattr(user, _UNREAD_CACHE, None)
    if cached is None:
        cached = inbox(user).unread().count()
        setattr(user, _UNREAD_CACHE, cached)
    return cached


def forget_unread_count(user) -> None:
    """Drop the cached count after the user's read state changed within the same request."""
    if hasattr(user, _UNREAD_CACHE):
        delattr(user, _UNREAD_CACHE)


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
    from lontar.core.notifications.tasks import MAX_ATTEMPTS

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
            "max_attempts": MAX_ATTEMPTS,
            "last_attempt_at": d.last_attempt_at,
            "next_attempt_at": d.next_attempt_at,
            "given_up": d.attempts >= MAX_ATTEMPTS,
            "error": d.last_error.splitlines()[0][:300] if d.last_error else "",
        }
        for d in Delivery.objects.filter(status=DeliveryStatus.FAILED).order_by("-last_attempt_at")[:20]
    ]
    return counts, failures


def preferences_of(user):
    """The user's channel preferences; an unsaved all-on object when they never changed them."""
    from lontar.core.notifications.models import NotificationPreference

    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
