"""The retention job and the head's approval run safely side by side: each worker is a thread with its
own database connection, so the row locks are what keep them apart, as between worker processes."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from lontar.core.models import AuditEvent, IssuedNumber
from lontar.core.workflow import StatusChange
from lontar.records import services
from lontar.records.models import DisposalStatus, RecordFile, RecordFileStatus
from lontar.records.tests.conftest import inactive_file, make_file

pytestmark = pytest.mark.skipif(
    not settings.IS_POSTGRES and not settings.DATABASES["default"]["TEST"].get("NAME"),
    reason="SQLite's in-memory test database cannot wait for locks; this always runs on PostgreSQL.",
)


def _run_workers(count: int, target) -> tuple[list, list[BaseException]]:
    barrier = threading.Barrier(count)
    results: list = []
    errors: list[BaseException] = []

    def worker():
        try:
            barrier.wait(timeout=30)
            results.append(target())
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_retention_runs_at_once_move_each_file_exactly_once(district, keeper, short_code):
    for index in range(6):
        make_file(
            keeper,
            district,
            short_code,
            number=f"BRK/{index}",
            opened=dt.date(2020, 1, 2),
            closed=dt.date(2020, 3, 2),
        )
    results, errors = _run_workers(4, lambda: services.apply_retention(today=dt.date(2022, 3, 2)))
    assert not errors
    assert sum(results) == 6
    assert set(RecordFile.objects.values_list("status", flat=True)) == {RecordFileStatus.INACTIVE}
    assert StatusChange.objects.filter(transition="deactivate").count() == 6
    assert AuditEvent.objects.filter(action="records.recordfile.deactivate").count() == 6


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_issue_one_berita_acara(
    district, keeper, signing_head, short_code, report_numbering, documents_storage
):
    record_file = inactive_file(keeper, district, short_code)
    proposal = services.propose_disposal(
        actor=keeper, organisation=district, kind="musnah", files=[record_file]
    )
    results, errors = _run_workers(
        2, lambda: services.approve_disposal(actor=signing_head, proposal=proposal)
    )
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "sudah diputuskan" in str(errors[0])
    proposal.refresh_from_db()
    assert proposal.status == DisposalStatus.APPROVED
    assert IssuedNumber.objects.filter(document_type="berita_acara_pemusnahan").count() == 1
    assert StatusChange.objects.filter(transition="destroy").count() == 1
