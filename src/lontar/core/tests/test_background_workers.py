"""Background tasks run by real workers: the database worker and an RQ worker on Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lontar.core.background import enqueue_on_commit, worker_heartbeat
from lontar.core.notifications.models import Channel, Delivery, DeliveryStatus
from lontar.core.notifications.services import notify
from lontar.core.tests.factories import UserFactory
from lontar.core.tests.test_notifications_delivery import _free_port, _Inbox

PROJECT_DIR = Path(__file__).resolve().parents[4]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
# Redis database reserved for these tests, so the test never touches the application's queues.
REDIS_TEST_DB = int(os.environ.get("LONTAR_REDIS_TEST_DB", "9"))


def _test_redis_url() -> str:
    parts = urlsplit(os.environ["REDIS_URL"])
    return urlunsplit((parts.scheme, parts.netloc, f"/{REDIS_TEST_DB}", "", ""))


def _run_db_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default", verbosity=0)


@override_settings(TASKS=DATABASE_TASKS)
def test_enqueue_on_commit_queues_only_when_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(worker_heartbeat, "batal")
            raise RuntimeError("rollback")
        assert not DBTaskResult.objects.exists()
        with transaction.atomic():
            enqueue_on_commit(worker_heartbeat, "jadi")
            assert not DBTaskResult.objects.exists()
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == ["jadi"]
    assert queued.status == TaskResultStatus.READY


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.django_db(transaction=True)
def test_database_worker_runs_an_enqueued_task():
    result = worker_heartbeat.enqueue("nonce-db")
    assert result.status == TaskResultStatus.READY

    _run_db_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["nonce"] == "nonce-db"
    assert result.return_value["pid"] == os.getpid()  # in-process worker (the test database is private)


@pytest.fixture
def smtp_inbox():
    handler = _Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        yield handler
    controller.stop()


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.django_db(transaction=True)
def test_notification_email_travels_from_notify_through_the_worker_to_smtp(smtp_inbox, district):
    user = UserFactory(email="kasi@contoh.go.id")

    notification = notify(
        recipient=user,
        title="Permohonan baru menunggu verifikasi",
        body="Permohonan KTP atas nama Siti Aminah.",
        organisation=district,
        channels=[Channel.EMAIL],
    )
    assert DBTaskResult.objects.count() == 1  # queued on commit of notify()'s own transaction

    _run_db_worker()
    _run_db_worker()  # a second worker pass finds nothing left to send

    assert len(smtp_inbox.messages) == 1
    assert smtp_inbox.messages[0]["X-RcptTo"] == "kasi@contoh.go.id"
    delivery = Delivery.objects.get(notification=notification)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.redis
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis server to test on"
)
def test_rq_worker_process_runs_an_enqueued_task():
    import django_rq

    redis_url = _test_redis_url()
    with override_settings(TASKS=RQ_TASKS, RQ_QUEUES={"default": {"URL": redis_url, "DEFAULT_TIMEOUT": 60}}):
        django_rq.get_queue("default").empty()
        nonce = uuid.uuid4().hex
        result = worker_heartbeat.enqueue(nonce)
        assert result.status == TaskResultStatus.READY

        env = {
            **os.environ,
            "REDIS_URL": redis_url,
            "TASK_BACKEND": "rq",
            "DJANGO_SETTINGS_MODULE": "lontar.settings",
        }
        completed = subprocess.run(
            [
                sys.executable,
                str(PROJECT_DIR / "manage.py"),
                "rqworker",
                "--burst",
                "--job-class",
                "django_tasks_rq.Job",
                "default",
            ],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr[-2000:]

        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value["nonce"] == nonce
        assert result.return_value["pid"] != os.getpid()  # it really ran in the worker process
