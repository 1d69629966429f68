"""The 1M-letter generator at a tiny scale: its rows are the rows the services write.

Runs on SQLite (executemany, FTS5 tables filled) and on PostgreSQL (COPY, the generated tsvector)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from lontar.core.search.models import SearchEntry
from lontar.core.search.selectors import search
from lontar.correspondence.models import Disposition, DispositionStatus, IncomingLetter, SecurityClass
from lontar.correspondence.selectors.incoming import inbox, letters_visible_to
from lontar.correspondence.services.incoming import reindex_letter

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.generate_letters import generate


@pytest.fixture
def kota(db):
    totals = generate(offices=2, letters=200, seed=7, staff_per_unit=1)
    return totals


def _entries(letter):
    """The search rows of a letter and its dispositions, as comparable tuples."""
    types = ContentType.objects.get_for_models(IncomingLetter, Disposition)
    keys = [(types[IncomingLetter].pk, str(letter.pk))] + [
        (types[Disposition].pk, str(pk)) for pk in letter.dispositions.values_list("pk", flat=True)
    ]
    rows = []
    for type_id, object_id in sorted(keys):
        entry = SearchEntry.objects.get(content_type_id=type_id, object_id=object_id)
        rows.append(
            (
                type_id,
                object_id,
                entry.organisation_id,
                entry.title,
                entry.body,
                entry.url,
                entry.restricted,
                sorted(entry.allowed_users.values_list("pk", flat=True)),
            )
        )
    return rows


def test_generated_search_rows_equal_what_reindex_letter_writes(kota):
    assert kota["letters"] == 200
    open_letter = IncomingLetter.objects.filter(
        security=SecurityClass.OPEN, dispositions__isnull=False
    ).first()
    restricted = (
        IncomingLetter.objects.exclude(security=SecurityClass.OPEN).filter(dispositions__isnull=False).first()
    )
    withdrawn = IncomingLetter.objects.filter(dispositions__status=DispositionStatus.WITHDRAWN).first()
    for letter in {open_letter, restricted, withdrawn} - {None}:
        generated = _entries(letter)
        reindex_letter(letter)
        assert _entries(letter) == generated
    assert SearchEntry.objects.count() == IncomingLetter.objects.count() + Disposition.objects.count()


def test_search_finds_a_generated_letter_for_its_registrar_and_not_in_another_office(kota):
    letter = (
        IncomingLetter.objects.filter(security=SecurityClass.OPEN).select_related("registered_by").first()
    )
    word = max(letter.subject.split(), key=len)
    registrar = letter.registered_by
    found = {hit.object_id for hit in search(registrar, word, models=[IncomingLetter], limit=100)}
    assert str(letter.pk) in found
    stranger = (
        get_user_model()
        .objects.exclude(memberships__organisation=letter.organisation)
        .filter(username__startswith="fo.")[0]
    )
    assert str(letter.pk) not in {hit.object_id for hit in search(stranger, word, limit=100)}


def test_a_generated_restricted_letter_stays_in_its_chain(kota):
    letter = (
        IncomingLetter.objects.exclude(security=SecurityClass.OPEN)
        .filter(dispositions__isnull=False)
        .select_related("registered_by")
        .first()
    )
    chain = {letter.registered_by_id}
    chain |= set(letter.dispositions.values_list("sender_id", flat=True))
    chain |= set(letter.dispositions.live().values_list("recipient_id", flat=True))
    outsider = (
        get_user_model()
        .objects.filter(memberships__organisation=letter.organisation, memberships__role="staff")
        .exclude(pk__in=chain)
        .first()
    )
    word = max(letter.subject.split(), key=len)
    assert str(letter.pk) in {h.object_id for h in search(letter.registered_by, word, limit=100)}
    assert str(letter.pk) not in {h.object_id for h in search(outsider, word, limit=100)}
    assert letters_visible_to(letter.registered_by).filter(pk=letter.pk).exists()
    assert not letters_visible_to(outsider).filter(pk=letter.pk).exists()


def test_generated_open_dispositions_are_in_their_recipients_inbox(kota):
    disposition = (
        Disposition.objects.filter(status=DispositionStatus.SENT).select_related("recipient").first()
    )
    assert disposition in inbox(disposition.recipient, "belum-dibaca", limit=1000)
