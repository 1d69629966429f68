"""The transparency dashboard's figures, with worked examples: counts per month in the office's time
zone, nearest-rank median and p90 over the working days net of correction pauses, on-time share."""

from __future__ import annotations

import datetime as dt
import itertools
from unittest import mock

import pytest
from django.core.cache import cache

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.public_services.models import Application, ApplicationStatus
from lontar.public_services.selectors import transparency
from lontar.public_services.services import applications as services
from lontar.public_services.tests.factories import make_service, submitted_application

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))
TODAY = dt.date(2026, 11, 20)
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def wib(day: dt.date | str, hour: int = 10, minute: int = 0) -> dt.datetime:
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


def rows(service, *specs):
    """Applications written as they stand (bulk, no workflow): each spec a dict of fields."""
    standard = service.standards.get()
    made = []
    for spec in specs:
        spec = dict(spec)
        status = spec.pop("status")
        made.append(
            Application(
                organisation=service.organisation,
                service=service,
                standard=standard,
                number=f"UJI-{next(_serial):06d}",
                secret_hash="-",
                applicant_name="Pemohon Uji",
                status=status,
                status_changed_at=spec.get("completed_at") or spec.get("changed") or spec.get("submitted_at"),
                **{k: v for k, v in spec.items() if k != "changed"},
            )
        )
    Application.objects.bulk_create(made)
    return made


def completed(day: str, days: int, on_time: bool, status=ApplicationStatus.READY) -> dict:
    moment = wib(day)
    return {
        "status": status,
        "submitted_at": moment - dt.timedelta(days=days + 2),
        "completed_at": moment,
        "completed_working_days": days,
        "on_time": on_time,
    }


@pytest.mark.parametrize(
    ("durations", "median", "p90"),
    [
        ({1: 1, 2: 1, 3: 1, 4: 1}, 2, 4),
        ({5: 1}, 5, 5),
        ({1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1}, 5, 9),
        ({0: 6, 3: 3, 12: 1}, 0, 3),
        ({}, None, None),
    ],
)
def test_median_and_p90_are_the_nearest_rank_values(durations, median, p90):
    assert transparency.nearest_rank(durations, 0.5) == median
    assert transparency.nearest_rank(durations, 0.9) == p90


def test_this_months_figures_of_a_service_worked_example(district):
    service = make_service(district, processing_days=3)
    # Ten completions in November taking 1..10 working days; those within 3 days were on time, and
    # one of 4 days was on time as well because its due date moved by a correction.
    rows(service, *[completed(f"2026-11-{d + 2:02d}", d, on_time=d <= 4) for d in range(1, 11)])
    figures = transparency.compute_office_figures(district, TODAY)
    month = figures.services[0].this_month
    assert month.start == dt.date(2026, 11, 1)
    assert (month.completed, month.on_time, month.on_time_percent) == (10, 4, 40)
    assert (month.median, month.p90) == (5, 9)
    assert figures.services[0].standard_days == 3


def test_drafts_and_cancelled_are_not_received_and_rejected_are_counted_apart(district):
    service = make_service(district)
    rows(
        service,
        {"status": ApplicationStatus.DRAFT},
        {"status": ApplicationStatus.CANCELLED, "submitted_at": wib("2026-11-03")},
        {"status": ApplicationStatus.SUBMITTED, "submitted_at": wib("2026-11-04")},
        {"status": ApplicationStatus.NEEDS_CORRECTION, "submitted_at": wib("2026-11-05")},
        {
            "status": ApplicationStatus.REJECTED,
            "submitted_at": wib("2026-11-06"),
            "changed": wib("2026-11-09"),
        },
        {
            "status": ApplicationStatus.REJECTED,
            "submitted_at": wib("2026-10-20"),
            "changed": wib("2026-11-02"),
        },
        completed("2026-11-10", 2, True, status=ApplicationStatus.PICKED_UP),
    )
    month = transparency.compute_office_figures(district, TODAY).services[0].this_month
    # Received in November: submitted, needs correction, rejected (6 Nov) and the one picked up
    # (submitted 8 Nov); not the draft nor the cancelled one.
    assert month.received == 4
    assert month.rejected == 2
    assert (month.completed, month.median, month.on_time_percent) == (1, 2, 100)


def test_months_follow_the_offices_time_zone_at_the_boundaries(district):
    service = make_service(district)
    rows(
        service,
        # 00:30 WIB on 1 November is still 31 October in UTC: it belongs to November.
        {"status": ApplicationStatus.SUBMITTED, "submitted_at": wib("2026-11-01", 0, 30)},
        {"status": ApplicationStatus.SUBMITTED, "submitted_at": wib("2026-10-31", 23, 59)},
        # The oldest month shown is December 2025; November 2025 is outside the twelve months.
        completed("2025-12-01", 4, False) | {"completed_at": wib("2025-12-01", 0, 5)},
        completed("2025-11-30", 1, True) | {"completed_at": wib("2025-11-30", 23, 55)},
    )
    months = transparency.compute_office_figures(district, TODAY).services[0].months
    assert months[0].start == dt.date(2025, 12, 1)
    assert months[-1].start == dt.date(2026, 11, 1)
    assert len(months) == 12
    by_month = {m.start: m for m in months}
    assert by_month[dt.date(2026, 11, 1)].received == 1
    assert by_month[dt.date(2026, 10, 1)].received == 1
    assert by_month[dt.date(2025, 12, 1)].completed == 1
    assert sum(m.completed for m in months) == 1


def test_the_office_total_merges_its_services_and_leaves_out_other_offices(district, other_district):
    first = make_service(district, code="a", processing_days=1)
    second = make_service(district, code="b", processing_days=5)
    rows(first, completed("2026-11-03", 1, True), completed("2026-11-04", 2, False))
    rows(second, completed("2026-11-05", 6, False), completed("2026-11-06", 3, True))
    rows(make_service(other_district), completed("2026-11-05", 30, False))
    total = transparency.compute_office_figures(district, TODAY).total.this_month
    # Durations 1, 2, 3, 6: median 2, p90 6; two of four on time.
    assert (total.completed, total.median, total.p90, total.on_time_percent) == (4, 2, 6, 50)


def test_figures_take_a_fixed_number_of_queries(district, django_assert_num_queries):
    for code in ("a", "b", "c"):
        rows(make_service(district, code=code), completed("2026-11-03", 1, True))
    with django_assert_num_queries(5):
        transparency.compute_office_figures(district, TODAY)


def test_offices_summary_counts_this_month_per_office(district, other_district):
    rows(make_service(district), completed("2026-11-03", 1, True), completed("2026-11-04", 9, False))
    make_service(other_district)
    with mock.patch("django.utils.timezone.now", return_value=wib(TODAY)):
        summary = {s.organisation_id: s for s in transparency.compute_offices_summary()}
    assert (summary[district.pk].completed, summary[district.pk].on_time_percent) == (2, 50)
    assert summary[other_district.pk].completed == 0


def test_a_completion_through_the_services_appears_net_of_the_correction_days(district):
    officer = member(district, Role.FRONT_DESK)
    service = make_service(district, processing_days=5)

    def at(day):
        return mock.patch("django.utils.timezone.now", return_value=wib(day, 9))

    with at("2026-11-02"):
        application, _secret = submitted_application(service)
        services.start_verification(application=application, actor=officer)
    with at("2026-11-03"):
        services.request_correction(application=application, actor=officer, message="KTP buram")
    with at("2026-11-06"):
        services.resubmit(application=application, message="Sudah diperbaiki")
    with at("2026-11-10"):
        services.step(application=application, name="accept", actor=officer)
        services.complete(application=application, actor=officer)
    month = transparency.compute_office_figures(district, TODAY).services[0].this_month
    # Six working days passed, three of them with the citizen: three count, within the standard.
    assert (month.received, month.completed, month.median, month.on_time_percent) == (1, 1, 3, 100)
