"""Measurement, not part of the suite (run it by path, on PostgreSQL): the IKM report over 100,000
responses (900,000 answers) of one office in one year.

    DATABASE_URL=postgres://... python -m pytest -q -s src/lontar/surveys/tests/bench_ikm_100k.py
"""

from __future__ import annotations

import datetime as dt
import random
import time

import pytest
from django.db import connection
from django.utils import timezone

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.surveys import periods
from lontar.surveys.models import ELEMENT_CODES, Answer, SurveyResponse
from lontar.surveys.selectors.ikm import current_ikm, ikm_report
from lontar.surveys.services.questionnaires import active_questionnaire
from lontar.surveys.tests.factories import make_service

pytestmark = pytest.mark.django_db
RESPONSES = 100_000


def test_report_over_100k_responses(district):
    rng = random.Random(2026)
    questionnaire = active_questionnaire(district)
    services = [make_service(district, code=f"b{i}", name=f"Layanan {i}", uploads=()) for i in range(5)]
    start = timezone.make_aware(dt.datetime(2026, 1, 1, 8))
    began = time.perf_counter()
    for _batch in range(RESPONSES // 10_000):
        rows = SurveyResponse.objects.bulk_create(
            SurveyResponse(
                organisation=district,
                questionnaire=questionnaire,
                service=rng.choice(services),
                channel="kios",
                age=rng.randint(15, 80),
                sex=rng.choice("LP"),
                education=rng.choice(["sd", "smp", "sma", "d1_d3", "d4_s1", "s2"]),
                occupation=rng.choice(["pns", "swasta", "wirausaha", "pelajar", "lainnya"]),
                submitted_at=start + dt.timedelta(minutes=rng.randint(0, 320 * 24 * 60)),
            )
            for _ in range(10_000)
        )
        Answer.objects.bulk_create(
            (
                Answer(response=r, element=code, score=rng.choice((2, 3, 3, 4)))
                for r in rows
                for code in ELEMENT_CODES
            ),
            batch_size=10_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\ngenerated {RESPONSES} responses in {time.perf_counter() - began:.1f} s")
    head = member(district, Role.HEAD)
    for label, kwargs in (
        ("year, all services", {"period": periods.year(2026)}),
        ("year, one service", {"period": periods.year(2026), "service": services[0]}),
        ("one month", {"period": periods.month(2026, 6)}),
    ):
        timings = []
        for _ in range(5):
            t0 = time.perf_counter()
            report = ikm_report(head, organisation=district, **kwargs)
            timings.append((time.perf_counter() - t0) * 1000)
        print(
            f"{label}: {report.result.respondents} respondents, IKM {report.result.ikm_display}, "
            f"best {min(timings):.0f} ms, median {sorted(timings)[2]:.0f} ms"
        )
    t0 = time.perf_counter()
    result = current_ikm(district)
    print(f"current_ikm: {result.respondents} respondents, {(time.perf_counter() - t0) * 1000:.0f} ms")
    assert report.result.respondents > 0
