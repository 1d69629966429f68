"""Background work of the legacy import. Idempotent: a retried task finds the batch done and stops."""

from __future__ import annotations

from django_tasks import task

from lontar.core.imports import services


@task()
def confirm_batch(batch_id: int) -> str:
    batch = services.run_confirmation(batch_id=batch_id)
    return batch.status if batch is not None else ""
