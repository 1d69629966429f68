"""Numbers taken by many workers at once: never a duplicate, never a gap.

Each worker is a thread with its own database connection, so the counter's row lock (PostgreSQL)
or the IMMEDIATE write lock (SQLite) is what keeps them apart, exactly as between web processes.
"""

import threading
from datetime import date

import pytest
from django.conf import settings
from django.db import connections

from lontar.core.models import AuditEvent, IssuedNumber, NumberCounter, NumberingTemplate
from lontar.core.numbering import services

WORKERS = 8
PER_WORKER = 25


pytestmark = pytest.mark.skipif(
    not settings.IS_POSTGRES and not settings.DATABASES["default"]["TEST"].get("NAME"),
    reason=(
        "SQLite's in-memory test database uses a shared cache whose table locks fail at once instead "
        "of waiting; set SQLITE_TEST_NAME to a file to run this on SQLite. It always runs on PostgreSQL."
    ),
)


def _run_workers(target) -> list[BaseException]:
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            target(index)
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return errors


@pytest.mark.django_db(transaction=True)
def test_number_is_never_issued_twice_under_concurrency(district, head):
    NumberingTemplate.objects.create(
        organisation=district,
        document_type="surat_dinas",
        name="Surat Dinas",
        format="{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}",
    )
    taken: dict[int, list[str]] = {}

    def take_many(index):
        taken[index] = [
            services.take_number(
                organisation=district,
                document_type="surat_dinas",
                actor=head,
                classification_code="000.8.3.3",
                on_date=date(2026, 11, 3),
            ).number
            for _ in range(PER_WORKER)
        ]

    errors = _run_workers(take_many)
    assert errors == []
    numbers = [n for batch in taken.values() for n in batch]
    total = WORKERS * PER_WORKER
    assert len(numbers) == len(set(numbers)) == total
    expected = {f"000.8.3.3/{i:03d}/Kec.Satu/XI/2026" for i in range(1, total + 1)}
    assert set(numbers) == expected
    sequences = sorted(IssuedNumber.objects.filter(organisation=district).values_list("sequence", flat=True))
    assert sequences == list(range(1, total + 1))
    assert NumberCounter.objects.get(organisation=district, year=2026).last_value == total
    assert AuditEvent.objects.filter(action="numbering.take", organisation=district).count() == total


@pytest.mark.django_db(transaction=True)
def test_first_numbers_of_a_new_year_are_created_without_a_race(district, head):
    """All workers find no counter for the year and create it at the same moment."""
    NumberingTemplate.objects.create(
        organisation=district, document_type="agenda_surat_masuk", name="Agenda", format="{urut}/{tahun}"
    )
    taken: list[int] = []
    lock = threading.Lock()

    def take_one(index):
        issued = services.take_number(
            organisation=district, document_type="agenda_surat_masuk", actor=head, on_date=date(2027, 1, 4)
        )
        with lock:
            taken.append(issued.sequence)

    errors = _run_workers(take_one)
    assert errors == []
    assert sorted(taken) == list(range(1, WORKERS + 1))
    assert NumberCounter.objects.filter(organisation=district, year=2027).count() == 1
