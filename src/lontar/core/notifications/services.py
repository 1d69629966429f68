"""Notification writes. `notify()` is the single entry point for telling a user something.

The in-app notification is written in the caller's transaction. Outside channels (e-mail, SMS,
WhatsApp) each get a `Delivery` row and a `deliver` task enqueued after commit, so a rolled-back
change never sends a message and a retried task never sends one twice.

    notify(recipient=head, title=_("Disposisi baru: %s") % letter.subject, url=letter.get_absolute_url(),
           organisation=letter.organisation, channels=[Channel.EMAIL, Channel.WHATSAPP])
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.background import MANAGE_BACKGROUND_JOBS, enqueue_on_commit
from lontar.core.notifications.gateways import normalise_phone
from lontar.core.notifications.models import Channel, Delivery, Notification, NotificationPreference
from lontar.core.notifications.selectors import forget_unread_count, inbox
from lontar.core.notifications.tasks import deliver, retry_pending_deliveries
from lontar.core.permissions import require, visible_organisation_ids

logger = logging.getLogger(__name__)


def _phone_of(recipient) -> str:
    staff = getattr(recipient, "staff", None)
    return getattr(staff, "phone", "") or ""


def _address_for(channel: str, recipient, phone: str | None) -> str:
    """Where `channel` reaches the recipient, or "" when it cannot (no e-mail, no valid phone)."""
    if channel == Channel.EMAIL:
        return (recipient.email or "").strip()
    raw = phone if phone is not None else _phone_of(recipient)
    if not raw:
        return ""
    try:
        return normalise_phone(raw)
    except ValidationError:
        return ""


@transaction.atomic
def notify(
    *,
    recipient,
    title: str,
    body: str = "",
    url: str = "",
    organisation=None,
    channels: Iterable[str] = (),
    phone: str | None = None,
) -> Notification | None:
    """Put a notification in `recipient`'s inbox and queue it on each of `channels` they can be reached on.

    `organisation` is the office the notification is about (its title and body carry that office's
    data). A recipient who may not see that office gets nothing, neither in the inbox nor by e-mail or
    message, and None is returned: a notification must never carry one office's data to another's
    staff. Leave `organisation` empty only for personal messages (about the recipient's own account).

    `channels` are `Channel` values; a channel the recipient switched off in their preferences, or has
    no address for (no e-mail, no valid phone), is skipped silently, since the in-app notification
    always exists. `phone` overrides the phone number taken from the recipient's staff record.
    """
    wanted = list(dict.fromkeys(channels))
    unknown = [c for c in wanted if c not in Channel.values]
    if unknown:
        raise ValueError(f"Unknown notification channel(s) {unknown!r}")
    if organisation is not None and organisation.pk not in visible_organisation_ids(recipient):
        logger.warning(
            "Notification %r not sent: user %s may not see organisation %s",
            title,
            recipient.pk,
            organisation.pk,
        )
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        title=title[:200],
        body=body,
        url=url,
        organisation=organisation,
    )
    forget_unread_count(recipient)
    preference = NotificationPreference.objects.filter(user=recipient).first() if wanted else None
    for channel in wanted:
        if preference is not None and not preference.allows(channel):
            continue
        address = _address_for(channel, recipient, phone)
        if not address:
            continue
        delivery = Delivery.objects.create(notification=notification, channel=channel, address=address)
        enqueue_on_commit(deliver, delivery.pk)
    return notification


@transaction.atomic
def mark_read(*, user, notification_id: int) -> bool:
    """Mark one of the user's own notifications read; anyone else's is simply not found."""
    forget_unread_count(user)
    return bool(inbox(user).unread().filter(pk=notification_id).update(read_at=timezone.now()))


@transaction.atomic
def mark_all_read(*, user) -> int:
    forget_unread_count(user)
    return inbox(user).unread().update(read_at=timezone.now())


@transaction.atomic
def retry_deliveries(*, actor) -> int:
    """Queue again every unfinished or failed delivery that has attempts left; returns how many."""
    require(actor, MANAGE_BACKGROUND_JOBS)
    count = retry_pending_deliveries(older_than=timedelta(0), now_too=True)
    audit.record(
        actor=actor,
        action="notifications.retry_deliveries",
        object_type="core.delivery",
        object_repr=_("Kirim ulang notifikasi tertunda"),
        after={"queued": count},
    )
    return count


@transaction.atomic
def update_preferences(*, user, email: bool, sms: bool, whatsapp: bool) -> NotificationPreference:
    """Set which outside channels `user` receives notifications on (their own setting only)."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    fields = ["email", "sms", "whatsapp"]
    before = audit.snapshot(preference, fields)
    preference.email, preference.sms, preference.whatsapp = email, sms, whatsapp
    preference.save()
    before, after = audit.changes(before, audit.snapshot(preference, fields))
    audit.record(
        actor=user, action="notifications.update_preferences", obj=preference, before=before, after=after
    )
    return preference
