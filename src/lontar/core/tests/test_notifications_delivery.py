"""Notifications leave the building: e-mail over a real SMTP server, text messages over HTTP."""

from __future__ import annotations

import email
import email.policy
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lontar.core.models import Role
from lontar.core.notifications.gateways import HttpJsonGateway, LogGateway, normalise_phone
from lontar.core.notifications.models import Channel, Delivery, DeliveryStatus, Notification
from lontar.core.notifications.services import notify
from lontar.core.notifications.tasks import MAX_ATTEMPTS, deliver, retry_pending_deliveries
from lontar.core.tests.factories import StaffFactory, UserFactory
from lontar.core.tests.net import free_port, smtp_server


class _Provider(BaseHTTPRequestHandler):
    """A tiny WhatsApp provider: records each request, answers as configured by the test."""

    requests: list[dict]
    reply_status = 200
    reply_body: dict = {"status": True, "id": "wa-123"}

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.server.received.append(
            {
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "content_type": self.headers.get("Content-Type"),
                "json": json.loads(self.rfile.read(length).decode("utf-8")),
            }
        )
        payload = json.dumps(self.server.reply_body).encode()
        self.send_response(self.server.reply_status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(db):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Provider)
    server.received = []
    server.reply_status = 200
    server.reply_body = {"status": True, "id": "wa-123"}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _gateway_settings(server, **extra):
    options = {
        "url": f"http://127.0.0.1:{server.server_address[1]}/send",
        "token": "rahasia-token",
        "token_prefix": "",
        "payload": {"target": "{to_digits}", "message": "{text}", "countryCode": "62"},
        "success_field": "status",
        **extra,
    }
    return override_settings(
        LONTAR_SMS_GATEWAY="lontar.core.notifications.gateways.HttpJsonGateway",
        LONTAR_SMS_GATEWAY_OPTIONS=options,
    )


# --- phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("(021) 555-1234", "+62215551234"),
    ],
)
def test_indonesian_phone_numbers_are_normalised_to_e164(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "12345", "+6581234567", "0812abc4567", "+62 0812 3456 7890", "0" * 20])
def test_invalid_phone_numbers_are_refused_in_indonesian(raw):
    with pytest.raises(ValidationError) as exc:
        normalise_phone(raw)
    assert "Nomor" in exc.value.messages[0]


# --- notify() ---------------------------------------------------------------------------------


def test_notify_writes_inbox_entry_and_queues_email_only_after_commit(
    district, make_member, django_capture_on_commit_callbacks
):
    user = make_member(district, Role.HEAD, user__email="camat@contoh.go.id")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(
            recipient=user,
            title="Surat masuk baru",
            organisation=district,
            channels=[Channel.EMAIL],
        )
        assert DBTaskResult.objects.count() == 0
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 1
    delivery = Delivery.objects.get(notification=notification)
    assert (delivery.channel, delivery.address, delivery.status) == (
        Channel.EMAIL,
        "camat@contoh.go.id",
        DeliveryStatus.PENDING,
    )
    assert len(callbacks) == 1
    callbacks[0]()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "lontar.core.notifications.tasks.deliver"
    assert queued.args_kwargs["args"] == [delivery.pk]


def test_notify_skips_channels_the_recipient_cannot_be_reached_on(
    district, django_capture_on_commit_callbacks
):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(recipient=user, title="Info", channels=[Channel.EMAIL, Channel.WHATSAPP])
    assert Notification.objects.filter(pk=notification.pk).exists()
    assert not Delivery.objects.exists()
    assert callbacks == []


def test_notify_uses_the_staff_phone_for_whatsapp(district, django_capture_on_commit_callbacks):
    staff = StaffFactory(organisation=district, phone="0813 1111 2222")
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify(recipient=staff.user, title="Info", channels=[Channel.WHATSAPP])
    assert Delivery.objects.get(notification=notification).address == "+6281311112222"


def test_rolled_back_change_queues_nothing(district, django_capture_on_commit_callbacks):
    from django.db import transaction

    user = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipient=user, title="Batal", channels=[Channel.EMAIL])
        raise RuntimeError("rollback")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()


# --- e-mail over a real SMTP server ----------------------------------------------------------


def _email_delivery(user, title, body="", url=""):
    notification = Notification.objects.create(recipient=user, title=title, body=body, url=url)
    return Delivery.objects.create(notification=notification, channel=Channel.EMAIL, address=user.email)


def test_email_delivery_reaches_smtp_server_with_indonesian_subject_and_body(db, smtp_inbox):
    user = UserFactory(email="sekcam@contoh.go.id")
    delivery = _email_delivery(
        user,
        title="Disposisi baru: Undangan rapat koordinasi — Camat “Kecamatan Satu” ✓",
        body="Mohon segera ditindaklanjuti sebelum hari Jumat.",
        url="/surat/12/",
    )

    assert deliver.call(delivery.pk) == DeliveryStatus.SENT

    assert len(smtp_inbox.messages) == 1
    received = email.message_from_bytes(smtp_inbox.messages[0].as_bytes(), policy=email.policy.default)
    assert received["To"] == "sekcam@contoh.go.id"
    assert received["X-RcptTo"] == "sekcam@contoh.go.id"
    # Folding puts the encoded words on a continuation line; the whitespace after "Subject:" is not content.
    assert (
        received["Subject"].strip() == "Disposisi baru: Undangan rapat koordinasi — Camat “Kecamatan Satu” ✓"
    )
    text = received.get_body(("plain",)).get_content()
    assert "Mohon segera ditindaklanjuti sebelum hari Jumat." in text
    assert "Buka di Lontar: http://127.0.0.1:8000/surat/12/" in text
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 1
    assert delivery.provider_reference == received["Message-ID"]


def test_email_delivery_run_twice_sends_once(db, smtp_inbox):
    user = UserFactory(email="staf@contoh.go.id")
    delivery = _email_delivery(user, title="Pengingat tenggat")

    assert deliver.call(delivery.pk) == DeliveryStatus.SENT
    assert deliver.call(delivery.pk) == DeliveryStatus.SENT

    assert len(smtp_inbox.messages) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


def _closed_smtp():
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=5,
    )


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
def test_email_delivery_failure_is_recorded_and_retried_only_after_its_backoff():
    user = UserFactory(email="staf@contoh.go.id")
    delivery = _email_delivery(user, title="Pengingat")
    before = timezone.now()
    with _closed_smtp(), pytest.raises(OSError):
        deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
    assert "ConnectionRefusedError" in delivery.last_error
    assert timedelta(seconds=59) < delivery.next_attempt_at - before < timedelta(seconds=61)

    with smtp_server() as inbox:
        # A duplicate job before the retry is due does nothing: the backoff holds.
        assert deliver.call(delivery.pk) == DeliveryStatus.FAILED
        assert inbox.messages == []
        # The minute passes.
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        assert deliver.call(delivery.pk) == DeliveryStatus.SENT
    assert len(inbox.messages) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error, delivery.next_attempt_at) == (
        DeliveryStatus.SENT,
        2,
        "",
        None,
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_each_failure_schedules_the_next_attempt_later_until_it_gives_up(
    db, django_capture_on_commit_callbacks
):
    user = UserFactory(email="staf@contoh.go.id")
    delivery = _email_delivery(user, title="Pengingat")
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        failed_at = timezone.now()
        with _closed_smtp(), django_capture_on_commit_callbacks(execute=True), pytest.raises(OSError):
            deliver.call(delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, attempt)
        if delivery.next_attempt_at is None:
            break
        waits.append(round((delivery.next_attempt_at - failed_at).total_seconds() / 60))
        # The retry waits in the queue as a deferred task, due when the delivery says.
        retry = DBTaskResult.objects.order_by("-enqueued_at").first()
        assert (retry.task_path, retry.args_kwargs["args"]) == (
            "lontar.core.notifications.tasks.deliver",
            [delivery.pk],
        )
        assert retry.run_after == delivery.next_attempt_at
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert waits == [1, 5, 25, 125]
    assert delivery.attempts == MAX_ATTEMPTS
    assert DBTaskResult.objects.count() == MAX_ATTEMPTS - 1  # no retry after the last attempt


@override_settings(TASKS=DATABASE_TASKS)
def test_retry_sweep_requeues_only_failed_deliveries_that_are_due(db, django_capture_on_commit_callbacks):
    user = UserFactory(email="staf@contoh.go.id")
    due = _email_delivery(user, title="Jatuh tempo")
    waiting = _email_delivery(UserFactory(email="lain@contoh.go.id"), title="Belum waktunya")
    now = timezone.now()
    Delivery.objects.filter(pk=due.pk).update(
        status=DeliveryStatus.FAILED, attempts=2, next_attempt_at=now - timedelta(minutes=1)
    )
    Delivery.objects.filter(pk=waiting.pk).update(
        status=DeliveryStatus.FAILED, attempts=2, next_attempt_at=now + timedelta(minutes=20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_pending_deliveries() == 1
    assert [r.args_kwargs["args"] for r in DBTaskResult.objects.all()] == [[due.pk]]
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_pending_deliveries(now_too=True) == 2
    waiting.refresh_from_db()
    assert waiting.next_attempt_at <= timezone.now()


@pytest.mark.django_db
def test_delivery_gives_up_after_max_attempts():
    user = UserFactory(email="staf@contoh.go.id")
    delivery = _email_delivery(user, title="Pengingat")
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=MAX_ATTEMPTS)
    assert deliver.call(delivery.pk) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert delivery.attempts == MAX_ATTEMPTS


# --- text messages over an HTTP provider -----------------------------------------------------


def test_http_gateway_posts_the_configured_json_to_the_provider(provider):
    gateway = HttpJsonGateway(
        url=f"http://127.0.0.1:{provider.server_address[1]}/send",
        token="rahasia",
        payload={"target": "{to_digits}", "message": "{text}"},
        success_field="status",
    )
    result = gateway.send("0812-3456-7890", "Permohonan Anda selesai diproses.")
    assert result.ok and not result.simulated
    assert result.reference == "wa-123"
    (request,) = provider.received
    assert request["path"] == "/send"
    assert request["authorization"] == "Bearer rahasia"
    assert request["content_type"].startswith("application/json")
    assert request["json"] == {"target": "6281234567890", "message": "Permohonan Anda selesai diproses."}


def test_http_gateway_reports_a_provider_refusal(provider):
    provider.reply_body = {"status": False, "reason": "invalid token"}
    gateway = HttpJsonGateway(url=f"http://127.0.0.1:{provider.server_address[1]}/", success_field="status")
    result = gateway.send("081234567890", "Tes")
    assert not result.ok
    assert "invalid token" in result.error


def test_http_gateway_reports_an_http_error(provider):
    provider.reply_status = 401
    provider.reply_body = {"error": "unauthorised"}
    result = HttpJsonGateway(url=f"http://127.0.0.1:{provider.server_address[1]}/").send(
        "081234567890", "Tes"
    )
    assert not result.ok
    assert result.error.startswith("HTTP 401")


def test_whatsapp_delivery_goes_through_the_configured_gateway_once(provider, district):
    user = UserFactory()
    notification = Notification.objects.create(recipient=user, title="Surat siap diambil", body="Loket 2.")
    delivery = Delivery.objects.create(
        notification=notification, channel=Channel.WHATSAPP, address="+6281234567890"
    )
    with _gateway_settings(provider):
        assert deliver.call(delivery.pk) == DeliveryStatus.SENT
        assert deliver.call(delivery.pk) == DeliveryStatus.SENT
    assert len(provider.received) == 1
    assert provider.received[0]["authorization"] == "rahasia-token"
    assert provider.received[0]["json"]["message"] == "Surat siap diambil\nLoket 2."
    delivery.refresh_from_db()
    assert (delivery.provider, delivery.provider_reference) == ("http-json", "wa-123")


def test_log_gateway_never_reports_a_message_as_sent(db, caplog):
    result = LogGateway().send("0812 3456 7890", "Halo")
    assert result.simulated
    assert "+6281234567890" in caplog.text

    user = UserFactory()
    notification = Notification.objects.create(recipient=user, title="Halo")
    delivery = Delivery.objects.create(
        notification=notification, channel=Channel.SMS, address="+6281234567890"
    )
    with override_settings(LONTAR_SMS_GATEWAY="lontar.core.notifications.gateways.LogGateway"):
        assert deliver.call(delivery.pk) == DeliveryStatus.LOGGED
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.LOGGED
    assert delivery.sent_at is not None
    assert delivery.provider == "log"
