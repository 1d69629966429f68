"""Background work: django-tasks, with the backend chosen by the environment.

`TASK_BACKEND` selects where `Task.enqueue()` puts work (see settings):

* ``database`` (default) — `django_tasks_db.DatabaseBackend`; run ``manage.py db_worker``.
* ``rq`` — `django_tasks_rq.RQBackend` on Redis (`REDIS_URL`); run
  ``manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler default`` (the scheduler
  releases deferred tasks, e.g. notification retries).
* ``immediate`` — runs the task inside ``enqueue()``; for development and tests only.

Services never enqueue directly: work must only start once the data it reads is committed,
so they call `enqueue_on_commit(task, *args, **kwargs)` inside their transaction. Tasks must be safe
to run twice (a retry, or two workers picking the same job after a crash): they look at the state
they are about to change and do nothing when it is already done.

Example::

    from django_tasks import task
    from lontar.core.background import enqueue_on_commit

    @task()
    def refresh_search_vector(letter_id: int) -> None: ...

    @transaction.atomic
    def register_letter(*, actor, ...):
        letter = IncomingLetter.objects.create(...)
        enqueue_on_commit(refresh_search_vector, letter.pk)
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

logger = logging.getLogger(__name__)


def enqueue_on_commit(task_obj, *args, **kwargs) -> None:
    """Enqueue `task_obj` with these arguments when the current transaction commits.

    Outside a transaction the task is enqueued at once. If the queue cannot be reached the error
    is logged and the committed change stands; the work must then be picked up again by whatever
    retries it (for notifications: `retry_pending_deliveries`).
    """

    def _enqueue() -> None:
        try:
            task_obj.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("Could not enqueue task %s", getattr(task_obj, "module_path", task_obj))

    transaction.on_commit(_enqueue)


@task()
def worker_heartbeat(nonce: str) -> dict:
    """Prove a worker is alive and runs our code: echo `nonce` with where and when it ran."""
    return {
        "nonce": nonce,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "ran_at": timezone.now().isoformat(),
    }


# --- status of the background machinery (for the administrators' page) ----------------------------

# Cross-office by nature (one queue serves every office), so no office role grants it: only city
# administrators (who hold every action) and superusers see the page.
MANAGE_BACKGROUND_JOBS = "core.manage_background_jobs"


@dataclass(frozen=True)
class FailedJob:
    id: str
    task: str
    finished_at: object
    error: str


TASK_STATUS_LABELS = {
    "READY": _("menunggu"),
    "RUNNING": _("sedang berjalan"),
    "SUCCESSFUL": _("berhasil"),
    "FAILED": _("gagal"),
}


@dataclass
class QueueOverview:
    backend: str
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[FailedJob] = field(default_factory=list)
    unreachable: str = ""

    @property
    def labelled_counts(self) -> list[tuple[str, int]]:
        return [(str(TASK_STATUS_LABELS.get(status, status)), n) for status, n in self.counts.items()]


def _database_overview(overview: QueueOverview) -> None:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by("status")
    overview.counts = {row["status"]: row["n"] for row in rows}
    overview.failures = [
        FailedJob(
            id=str(row.id),
            task=row.task_path,
            finished_at=row.finished_at,
            error=(row.traceback.strip().splitlines() or [row.exception_class_path])[-1][:300],
        )
        for row in DBTaskResult.objects.failed().order_by("-finished_at")[:20]
    ]


def _rq_overview(overview: QueueOverview, queue_names: list[str]) -> None:
    import django_rq
    from redis.exceptions import RedisError
    from rq.registry import FailedJobRegistry, FinishedJobRegistry, StartedJobRegistry

    counts = {"READY": 0, "RUNNING": 0, "SUCCESSFUL": 0, "FAILED": 0}
    try:
        for name in queue_names:
            queue = django_rq.get_queue(name)
            counts["READY"] += queue.count
            counts["RUNNING"] += StartedJobRegistry(queue=queue).count
            counts["SUCCESSFUL"] += FinishedJobRegistry(queue=queue).count
            failed = FailedJobRegistry(queue=queue)
            counts["FAILED"] += failed.count
            for job_id in failed.get_job_ids(0, 19):
                job = queue.fetch_job(job_id)
                if job is not None:
                    error = (job.exc_info or "").strip().splitlines() or [""]
                    overview.failures.append(
                        FailedJob(
                            id=job_id, task=job.func_name, finished_at=job.ended_at, error=error[-1][:300]
                        )
                    )
    except RedisError as exc:
        overview.unreachable = str(exc)
    overview.counts = counts


def queue_overview() -> QueueOverview:
    """Counts of queued, running, finished and failed tasks of the default backend, plus recent failures."""
    config = settings.TASKS["default"]
    overview = QueueOverview(backend=config["BACKEND"])
    if config["BACKEND"] == "django_tasks_db.DatabaseBackend":
        _database_overview(overview)
    elif config["BACKEND"] == "django_tasks_rq.RQBackend":
        _rq_overview(overview, list(config.get("QUEUES", ["default"])))
    return overview
