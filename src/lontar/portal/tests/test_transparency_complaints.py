"""The public dashboard shows each office's complaints of the last twelve months as counts and working
days only: how many were answered within SP4N-LAPOR!'s 3 + 5 working days, the median, the reporters'
average rating — and nothing a reporter wrote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from lontar.complaints.models import Complaint, ComplaintKind, ComplaintStatus
from lontar.complaints.selectors.public import compute_office_figures
from lontar.complaints.tests.factories import make_category
from lontar.public_services.tests.factories import make_service

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))
TODAY = dt.date(2026, 11, 20)  # a Friday


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def _complaint(office, n: int, *, received: dt.date, responded: dt.date | None = None, status=None, **values):
    """A complaint as it stands after its workflow ran (the state is set directly: only the figures
    are under test here)."""
    complaint = Complaint.objects.create(
        organisation=office,
        number=f"ADU-TST-{n:06d}",
        secret_hash="x",
        channel="portal",
        title=f"Pengaduan {n}",
        description="Nama saya Siti Aminah, NIK 3273014501900002",
        received_at=_at(received),
        responded_at=_at(responded) if responded else None,
        **values,
    )
    if status:
        Complaint.objects.filter(pk=complaint.pk).update(status=status)
    return complaint


def test_figures_count_complaints_and_working_days_to_the_first_response(district):
    make_category(district)
    # Mon 2 Nov → Wed 11 Nov: 7 working days (on time); Mon 2 Nov → Fri 13 Nov: 9 (late).
    _complaint(
        district,
        1,
        received=dt.date(2026, 11, 2),
        responded=dt.date(2026, 11, 11),
        status=ComplaintStatus.RESOLVED,
        rating=4,
    )
    _complaint(
        district,
        2,
        received=dt.date(2026, 11, 2),
        responded=dt.date(2026, 11, 13),
        status=ComplaintStatus.CLOSED,
        rating=5,
    )
    _complaint(
        district,
        3,
        received=dt.date(2026, 11, 3),
        responded=dt.date(2026, 11, 4),
        status=ComplaintStatus.IN_FOLLOW_UP,
    )
    _complaint(district, 4, received=dt.date(2026, 11, 16), status=ComplaintStatus.REJECTED)
    _complaint(district, 5, received=dt.date(2026, 11, 17), kind=ComplaintKind.SUGGESTION)
    _complaint(district, 6, received=dt.date(2025, 11, 1), status=ComplaintStatus.CLOSED)  # too old

    figures = compute_office_figures(district, TODAY)

    assert (figures.received, figures.suggestions) == (4, 1)
    assert (figures.resolved, figures.in_process, figures.rejected) == (2, 1, 1)
    assert (figures.responded, figures.responded_on_time, figures.on_time_percent) == (3, 2, 67)
    assert figures.median_days_to_response == 7  # of 1, 7 and 9
    assert (figures.ratings, str(figures.average_rating)) == (2, "4.5")


def test_the_office_page_shows_the_complaint_figures_without_anything_a_reporter_wrote(client, district):
    cache.clear()
    make_service(district)
    _complaint(district, 1, received=dt.date.today(), status=ComplaintStatus.RECEIVED)
    page = client.get(reverse("portal:transparency_office", args=[district.pk])).content.decode()
    assert 'data-testid="complaint-figures"' in page
    assert "Siti Aminah" not in page and "3273014501900002" not in page and "Pengaduan 1" not in page
    cache.clear()


def test_the_office_page_shows_the_current_ikm_with_its_grade_and_weight(client, district):
    from lontar.surveys.tests.factories import make_response, scores

    cache.clear()
    make_service(district)
    page = client.get(reverse("portal:transparency_office", args=[district.pk])).content.decode()
    assert 'data-testid="ikm-none"' in page
    cache.clear()
    # Two respondents: all 3s and all 4s → NRR 3.5 per element → 3.5 x 25 = 87.50, grade B.
    make_response(district, score_values=scores(3))
    make_response(district, score_values=scores(4))
    page = client.get(reverse("portal:transparency_office", args=[district.pk])).content.decode()
    assert 'data-testid="ikm-value">87,50<' in page
    assert "B · Baik" in page and "bobot unsur 1/9" in page
    cache.clear()


def test_a_cached_office_page_does_not_recompute_the_ikm(client, district, django_assert_max_num_queries):
    from lontar.surveys.tests.factories import make_response, scores

    cache.clear()
    make_service(district)
    make_response(district, score_values=scores(3))
    url = reverse("portal:transparency_office", args=[district.pk])
    assert 'data-testid="ikm-value">75,00<' in client.get(url).content.decode()
    with django_assert_max_num_queries(3):  # the office, the office list; the rest comes from cache
        assert client.get(url).status_code == 200
    cache.clear()
