"""The 200,000-application generator at a tiny scale: its rows read back as the services write them.

Runs on SQLite (executemany) and on PostgreSQL (COPY)."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest

from lontar.core.workflow.models import StatusChange
from lontar.public_services.models import Application, ApplicationStatus
from lontar.public_services.numbers import secret_matches
from lontar.public_services.selectors.transparency import compute_office_figures

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import itertools

from bench.generate_applications import generate, weekdays_between

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def generated(db, tmp_path):
    pairs = tmp_path / "pairs.csv"
    totals = generate(applications=600, offices=2, seed=7, today=TODAY, pairs_path=pairs, pairs_count=20)
    return totals, pairs


def test_the_generator_writes_applications_with_their_status_history(generated):
    totals, _pairs = generated
    assert totals["applications"] == Application.objects.count() == 600
    assert StatusChange.objects.count() == totals["status_changes"]
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {ApplicationStatus.DRAFT, ApplicationStatus.PICKED_UP, ApplicationStatus.REJECTED} <= statuses
    for application in Application.objects.exclude(status=ApplicationStatus.DRAFT)[:50]:
        history = list(StatusChange.objects.for_object(application))
        assert history[0].from_state == ApplicationStatus.DRAFT
        assert [h.to_state for h in history][-1] == application.status
        assert all(a.to_state == b.from_state for a, b in itertools.pairwise(history))
    assert not Application.objects.filter(status=ApplicationStatus.DRAFT, submitted_at__isnull=False).exists()


def test_completion_figures_are_net_of_pauses_and_the_dashboard_reads_them(generated):
    done = Application.objects.filter(completed_at__isnull=False)
    assert done.exists()
    for application in done[:50]:
        submitted = application.submitted_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()
        finished = application.completed_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()
        expected = max(0, weekdays_between(submitted, finished) - application.paused_working_days)
        assert application.completed_working_days == expected
    office = done.first().organisation
    figures = compute_office_figures(office, TODAY)
    assert sum(m.completed for s in figures.services for m in s.months) > 0
    assert figures.total.this_month.received > 0


def test_the_pairs_file_holds_numbers_and_secrets_that_match(generated):
    _totals, pairs = generated
    rows = list(csv.reader(pairs.open()))
    assert 0 < len(rows) <= 20
    for number, secret, status in rows:
        application = Application.objects.get(number=number)
        assert secret_matches(application, secret)
        assert application.status == status != ApplicationStatus.DRAFT
