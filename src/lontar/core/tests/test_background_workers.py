"""Background tasks run by real workers: the database worker and an RQ worker on Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lontar.core.background import enqueue_on_commit, worker_heartbeat
from lontar.core.models import Role
from lontar.core.notifications.models import Channel, Delivery, DeliveryStatus, Notification
from lontar.core.notifications.services import notify
from lontar.core.notifications.tasks import deliver
from lontar.core.tests.factories import UserFactory
from lontar.core.tests.net import free_port

PROJECT_DIR = Path(__file__).resolve().parents[4]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def _test_redis_url() -> str:
    """REDIS_URL as given to the test run (its database is the tests' own), or LONTAR_REDIS_TEST_DB in it."""
    parts = urlsplit(os.environ["REDIS_URL"])
    database = os.environ.get("LONTAR_REDIS_TEST_DB")
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}" if database else parts.path, "", ""))


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


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.django_db(transaction=True)
def test_notification_email_travels_from_notify_through_the_worker_to_smtp(smtp_inbox, district, make_member):
    user = make_member(district, Role.SECTION_HEAD, user__email="kasi@contoh.go.id")

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


def _worker_database_url() -> str:
    """The URL of the test database, for a worker process; skips when another process cannot open it."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            auth += ":" + quote(db["PASSWORD"], safe="")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"
    name = str(db["NAME"])
    if connection.is_in_memory_db():
        pytest.skip(
            "the in-memory SQLite test database is invisible to a worker process (set SQLITE_TEST_NAME)"
        )
    return f"sqlite:///{Path(name).resolve()}"


needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis server to test on"
)


@pytest.fixture
def rq_queue():
    """The RQ backend on the test Redis, its default queue emptied of anything an earlier run left."""
    import django_rq
    from rq.registry import FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry

    def clear(queue):
        queue.empty()
        for registry in (ScheduledJobRegistry, FailedJobRegistry, FinishedJobRegistry):
            jobs = registry(queue=queue)
            for job_id in jobs.get_job_ids():
                jobs.remove(job_id, delete_job=True)

    redis_url = _test_redis_url()
    with override_settings(TASKS=RQ_TASKS, RQ_QUEUES={"default": {"URL": redis_url, "DEFAULT_TIMEOUT": 60}}):
        queue = django_rq.get_queue("default")
        clear(queue)
        yield queue
        clear(queue)


@pytest.mark.redis
@needs_redis
@pytest.mark.django_db(transaction=True)
def test_rq_worker_process_delivers_a_notification_and_records_it_in_the_database(
    rq_queue, smtp_inbox, district, make_member
):
    worker_database = _worker_database_url()
    camat = make_member(district, Role.HEAD, user__email="camat@contoh.go.id")
    notification = notify(
        recipient=camat,
        title="Surat masuk menunggu disposisi",
        body="Undangan rapat koordinasi dari Dinas Kependudukan.",
        organisation=district,
        channels=[Channel.EMAIL],
    )
    delivery = Delivery.objects.get(notification=notification)
    nonce = uuid.uuid4().hex
    heartbeat = worker_heartbeat.enqueue(nonce)
    # notify() committed, so its delivery task waits in Redis, not in the database queue.
    assert rq_queue.count == 2
    assert not DBTaskResult.objects.exists()
    assert delivery.status == DeliveryStatus.PENDING

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lontar.settings",
        "DATABASE_URL": worker_database,
        "REDIS_URL": _test_redis_url(),
        "TASK_BACKEND": "rq",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_inbox.port}",
    }
    # The command of the systemd unit in docs/deployment.md, in burst mode (exit when the queue is empty).
    completed = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "manage.py"),
            "rqworker",
            "--job-class",
            "django_tasks_rq.Job",
            "--with-scheduler",
            "--burst",
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

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.provider) == (DeliveryStatus.SENT, 1, "smtp")
    (message,) = smtp_inbox.messages
    assert message["X-RcptTo"] == "camat@contoh.go.id"
    assert message["Subject"] == "Surat masuk menunggu disposisi"
    assert delivery.provider_reference == message["Message-ID"]
    heartbeat.refresh()
    assert heartbeat.status == TaskResultStatus.SUCCESSFUL
    assert heartbeat.return_value["nonce"] == nonce
    assert heartbeat.return_value["pid"] != os.getpid()  # it really ran in the worker process
    assert rq_queue.count == 0


@pytest.mark.redis
@needs_redis
def test_a_failed_delivery_waits_in_the_rq_scheduler_until_its_retry_is_due(
    rq_queue, db, django_capture_on_commit_callbacks
):
    from rq.registry import ScheduledJobRegistry

    user = UserFactory(email="staf@contoh.go.id")
    notification = Notification.objects.create(recipient=user, title="Pengingat")
    delivery = Delivery.objects.create(notification=notification, channel=Channel.EMAIL, address=user.email)
    closed_port = free_port()
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=closed_port,
            EMAIL_USE_TLS=False,
            EMAIL_TIMEOUT=5,
        ),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(OSError),
    ):
        deliver.call(delivery.pk)
    delivery.refresh_from_db()

    scheduled = ScheduledJobRegistry(queue=rq_queue)
    (job_id,) = scheduled.get_job_ids()
    job = rq_queue.fetch_job(job_id)
    assert (job.func_name, list(job.args)) == ("lontar.core.notifications.tasks.deliver", [delivery.pk])
    assert scheduled.get_scheduled_time(job) == delivery.next_attempt_at.replace(microsecond=0)
    assert rq_queue.count == 0  # not runnable before its time
