"""The public dashboard pages: anonymous, light, explained in plain Indonesian."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from lontar.public_services.tests.factories import make_service, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_anyone_sees_every_publishing_office_on_the_dashboard(client, district, other_district):
    make_service(district)
    response = client.get(reverse("portal:transparency"))
    assert response.status_code == 200
    page = response.content.decode()
    assert district.name in page
    assert other_district.name not in page  # it publishes no service
    assert reverse("portal:transparency_office", args=[district.pk]) in page


def test_an_office_page_shows_each_service_against_its_standard_and_explains_the_terms(client, district):
    service = make_service(district, name="Surat Keterangan Domisili", processing_days=2)
    submitted_application(service)
    response = client.get(reverse("portal:transparency_office", args=[district.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Surat Keterangan Domisili" in page
    assert "Standar: 2 hari kerja" in page
    assert "<svg" in page and "<script" not in page
    assert 'y="40.0"' in page and ",0" not in page.split("<svg", 1)[1].split("</svg>")[0]  # SVG numbers
    assert "Tepat waktu" in page
    assert "menunggu perbaikan dari pemohon juga tidak dihitung" in page
    assert "Siti Aminah" not in page  # no applicant ever appears


def test_an_office_without_published_services_or_inactive_has_no_page(client, district, other_district):
    make_service(district, is_published=False)
    assert client.get(reverse("portal:transparency_office", args=[district.pk])).status_code == 404
    make_service(other_district)
    other_district.is_active = False
    other_district.save()
    url = reverse("portal:transparency_office", args=[other_district.pk])
    assert client.get(url).status_code == 404


def test_figures_are_cached_for_a_few_minutes(client, district, django_assert_max_num_queries):
    make_service(district)
    url = reverse("portal:transparency_office", args=[district.pk])
    client.get(url)
    with django_assert_max_num_queries(3):  # the office, the office list; the figures come from cache
        assert client.get(url).status_code == 200


def test_the_dashboard_refuses_writes(client, district):
    make_service(district)
    assert client.post(reverse("portal:transparency")).status_code == 405
