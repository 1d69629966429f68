"""Several signatories signing different documents at the same moment: every document gets its own
number, in one unbroken sequence, and every issued PDF carries the number its document holds.

Each worker is a thread with its own database connection, as between web processes; the numbering
counter's row lock (PostgreSQL) or the write lock (SQLite on a file) keeps them apart.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connections

from lontar.core.documents.models import IssuedDocument
from lontar.core.models import IssuedNumber, PositionAssignment, Role
from lontar.core.tests.factories import PositionFactory, member
from lontar.correspondence.models import OutgoingDocument, OutgoingStatus
from lontar.correspondence.services import outgoing as services
from lontar.correspondence.tests.outgoing_helpers import build_office, draft, through_paraf

pytestmark = pytest.mark.skipif(
    not settings.IS_POSTGRES and not settings.DATABASES["default"]["TEST"].get("NAME"),
    reason="SQLite's in-memory test database cannot make threads wait; it always runs on PostgreSQL.",
)

WORKERS = 6


@pytest.mark.django_db(transaction=True)
def test_numbers_stay_unique_when_several_documents_are_signed_at_once(district, signing_setup):
    office = build_office(district)
    # One signatory per worker: each signs their own document, all drawing from the office's sequence.
    signers, documents = [], []
    for i in range(WORKERS):
        signer = member(office.org, Role.HEAD, full_name=f"Penandatangan {i}")
        position = PositionFactory(
            organisation=office.org, unit=office.camat_position.unit, title=f"Pejabat {i}"
        )
        PositionAssignment.objects.create(
            organisation=office.org, position=position, staff=signer.staff, start_date=dt.date(2025, 1, 1)
        )
        document = through_paraf(office, draft(office, subject=f"Surat serentak {i}"))
        OutgoingDocument.objects.filter(pk=document.pk).update(signatory_position=position)
        document.refresh_from_db()
        assert document.status == OutgoingStatus.AWAITING_SIGNATURE
        signers.append(signer)
        documents.append(document)

    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def sign(index):
        try:
            barrier.wait(timeout=30)
            services.sign(actor=signers[index], document=documents[index])
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a signing worker hung"
    assert errors == []

    numbers = list(OutgoingDocument.objects.filter(organisation=office.org).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == WORKERS
    sequences = sorted(
        IssuedNumber.objects.filter(organisation=office.org).values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, WORKERS + 1))
    for document in OutgoingDocument.objects.filter(organisation=office.org).select_related(
        "issued_document"
    ):
        assert document.status == OutgoingStatus.SIGNED
        assert document.issued_document.number == document.number
    assert IssuedDocument.objects.filter(organisation=office.org).count() == WORKERS
