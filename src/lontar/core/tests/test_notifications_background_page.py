"""The administrators' background jobs page and the retry of pending deliveries."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone
from django_tasks_db.models import DBTaskResult

from lontar.core.background import worker_heartbeat
from lontar.core.models import AuditEvent, Organisation, Role
from lontar.core.notifications.models import Channel, Delivery, DeliveryStatus, Notification
from lontar.core.notifications.selectors import mask_address
from lontar.core.tests.factories import UserFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.usefixtures("_page_settings")


@pytest.fixture
def _page_settings(settings):
    settings.TASKS = DATABASE_TASKS
    # Render pages without needing a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def city_admin(city, make_member):
    Organisation.objects.filter(pk=city.pk).update(require_2fa_for_leaders=False)
    return make_member(city, Role.CITY_ADMIN)


@pytest.fixture
def failed_delivery(district):
    user = UserFactory(email="bendahara@contoh.go.id")
    notification = Notification.objects.create(recipient=user, organisation=district, title="Tagihan")
    return Delivery.objects.create(
        notification=notification,
        channel=Channel.EMAIL,
        address=user.email,
        status=DeliveryStatus.FAILED,
        attempts=1,
        last_attempt_at=timezone.now() - timedelta(minutes=10),
        last_error="SMTPRecipientsRefused: 550 mailbox unavailable",
    )


def test_addresses_are_masked():
    assert mask_address("bendahara@contoh.go.id") == "be***@contoh.go.id"
    assert mask_address("+6281234567890") == "+62812****890"


@pytest.mark.parametrize("fixture", ["org_admin", "head", "staff_user", "auditor"])
def test_office_roles_cannot_see_the_background_jobs_page(client, request, fixture, district):
    Organisation.objects.filter(pk=district.pk).update(require_2fa_for_leaders=False)
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("core:background_jobs")).status_code == 403


def test_city_admin_sees_queue_counts_and_masked_failed_deliveries(client, city_admin, failed_delivery):
    worker_heartbeat.enqueue("x")
    client.force_login(city_admin)

    response = client.get(reverse("core:background_jobs"))

    assert response.status_code == 200
    assert response.context["queue"].counts == {"READY": 1}
    html = response.content.decode()
    assert "menunggu" in html
    assert "550 mailbox unavailable" in html
    assert "be***@contoh.go.id" in html
    assert "bendahara@contoh.go.id" not in html
    assert "1 dari 5" in html
    assert "(1, 5, 25, 125 menit)" in html


def test_city_admin_sees_when_a_failed_delivery_is_retried_and_when_it_was_given_up(
    client, city_admin, failed_delivery
):
    retry_at = timezone.localtime(timezone.now() + timedelta(minutes=25)).replace(second=0, microsecond=0)
    Delivery.objects.filter(pk=failed_delivery.pk).update(attempts=3, next_attempt_at=retry_at)
    exhausted = Delivery.objects.create(
        notification=failed_delivery.notification,
        channel=Channel.WHATSAPP,
        address="+6281234567890",
        status=DeliveryStatus.FAILED,
        attempts=5,
        last_attempt_at=timezone.now(),
        last_error="RuntimeError: HTTP 401",
    )
    client.force_login(city_admin)

    html = client.get(reverse("core:background_jobs")).content.decode()

    retrying_row = html.split(f'data-delivery="{failed_delivery.pk}"')[1].split("</tr>")[0]
    given_up_row = html.split(f'data-delivery="{exhausted.pk}"')[1].split("</tr>")[0]
    assert "3 dari 5" in retrying_row
    assert formats.date_format(retry_at, "j M Y H:i") in retrying_row
    assert "5 dari 5" in given_up_row
    assert "Dihentikan" in given_up_row


def test_city_admin_retry_requeues_failed_deliveries_and_is_audited(
    client, city_admin, failed_delivery, django_capture_on_commit_callbacks
):
    client.force_login(city_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:background_jobs_retry"))
    assert response.status_code == 302
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "lontar.core.notifications.tasks.deliver"
    assert queued.args_kwargs["args"] == [failed_delivery.pk]
    event = AuditEvent.objects.get(action="notifications.retry_deliveries")
    assert (event.actor, event.after) == (city_admin, {"queued": 1})


def test_retry_refused_to_office_admin_queues_nothing(
    client, org_admin, district, failed_delivery, django_capture_on_commit_callbacks
):
    Organisation.objects.filter(pk=district.pk).update(require_2fa_for_leaders=False)
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:background_jobs_retry"))
    assert response.status_code == 403
    assert not DBTaskResult.objects.exists()
    assert not AuditEvent.objects.filter(action="notifications.retry_deliveries").exists()


def test_retry_command_skips_sent_and_exhausted_deliveries(
    failed_delivery, django_capture_on_commit_callbacks
):
    notification = failed_delivery.notification
    Delivery.objects.create(
        notification=notification, channel=Channel.SMS, address="+6281234567890", status=DeliveryStatus.SENT
    )
    Delivery.objects.create(
        notification=notification,
        channel=Channel.WHATSAPP,
        address="+6281234567890",
        status=DeliveryStatus.FAILED,
        attempts=5,
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retry_deliveries", "--older-than-minutes", "0", stdout=out)
    assert "1 pengiriman diantrekan ulang." in out.getvalue()
    assert [r.args_kwargs["args"] for r in DBTaskResult.objects.all()] == [[failed_delivery.pk]]
