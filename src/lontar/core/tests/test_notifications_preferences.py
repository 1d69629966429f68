"""Users choose which outside channels notify() may use; the inbox is always written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent
from lontar.core.notifications.models import Channel, Delivery, Notification, NotificationPreference
from lontar.core.notifications.services import notify, update_preferences
from lontar.core.tests.factories import StaffFactory


@pytest.fixture
def _plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def reachable(district):
    return StaffFactory(organisation=district, phone="081234567890", user__email="lurah@contoh.go.id").user


def test_without_preferences_every_requested_channel_is_used(reachable, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify(recipient=reachable, title="Info", channels=[Channel.EMAIL, Channel.WHATSAPP])
    assert set(Delivery.objects.filter(notification=notification).values_list("channel", flat=True)) == {
        "email",
        "whatsapp",
    }


def test_switched_off_channel_is_skipped_but_inbox_still_gets_the_notification(
    reachable, django_capture_on_commit_callbacks
):
    update_preferences(user=reachable, email=False, sms=True, whatsapp=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(recipient=reachable, title="Info", channels=[Channel.EMAIL, Channel.WHATSAPP])
    assert Notification.objects.filter(pk=notification.pk, recipient=reachable).exists()
    assert list(Delivery.objects.filter(notification=notification).values_list("channel", flat=True)) == [
        "whatsapp"
    ]
    assert len(callbacks) == 1


def test_unknown_channel_is_a_programming_error_and_writes_nothing(reachable):
    with pytest.raises(ValueError, match="telegram"):
        notify(recipient=reachable, title="Info", channels=["telegram"])
    assert not Notification.objects.exists()


def test_user_saves_own_preferences_through_the_page_and_it_is_audited(client, reachable, _plain_static):
    client.force_login(reachable)
    page = client.get(reverse("core:notification_preferences"))
    assert page.status_code == 200
    assert 'for="id_email"' in page.content.decode()

    response = client.post(reverse("core:notification_preferences"), {"sms": "on", "whatsapp": "on"})

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=reachable)
    assert (preference.email, preference.sms, preference.whatsapp) == (False, True, True)
    event = AuditEvent.objects.get(action="notifications.update_preferences")
    assert (event.actor, event.before, event.after) == (reachable, {"email": True}, {"email": False})


def test_dashboard_lists_unread_notifications_as_pending_work(client, staff_user):
    from lontar.core.notifications.services import mark_all_read, notify

    notify(recipient=staff_user, title="Surat baru menunggu")
    notify(recipient=staff_user, title="Disposisi baru")
    client.force_login(staff_user)

    page = client.get("/").content.decode()
    assert "Notifikasi belum dibaca" in page
    assert '<div class="count text-warning-emphasis">2</div>' in page

    mark_all_read(user=staff_user)
    assert "Notifikasi belum dibaca" not in client.get("/").content.decode()
