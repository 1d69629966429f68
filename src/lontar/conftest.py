"""Fixtures shared by every module's tests."""

from __future__ import annotations

import pytest

from lontar.core.models import OrganisationKind, Role
from lontar.core.tests.factories import OrganisationFactory, member


@pytest.fixture
def city(db):
    return OrganisationFactory(kind=OrganisationKind.CITY, parent=None, name="Kota Uji", code="KotaUji")


@pytest.fixture
def district(city):
    return OrganisationFactory(
        kind=OrganisationKind.DISTRICT, parent=city, name="Kecamatan Satu", code="Kec.Satu"
    )


@pytest.fixture
def other_district(city):
    return OrganisationFactory(
        kind=OrganisationKind.DISTRICT, parent=city, name="Kecamatan Dua", code="Kec.Dua"
    )


@pytest.fixture
def make_member():
    return member


@pytest.fixture
def head(district):
    return member(district, Role.HEAD)


@pytest.fixture
def staff_user(district):
    return member(district, Role.STAFF)


@pytest.fixture
def org_admin(district):
    return member(district, Role.ORG_ADMIN)


@pytest.fixture
def auditor(district):
    return member(district, Role.AUDITOR)


@pytest.fixture
def foreign_user(other_district):
    """A user of another office, with the broadest office-level role, for isolation tests."""
    return member(other_district, Role.ORG_ADMIN)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Full-strength hashing costs ~0.3 s per account; tests create hundreds of accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    """Uploads and issued PDFs of each test go to its own folder, never to the shared data dir."""
    settings.LONTAR_PRIVATE_ROOT = tmp_path / "private"


# Browser tests: a live server serving static files as production does, and Debian's Chromium.
from lontar.core.tests.browser import (  # noqa: E402
    browser_page,
    chromium_browser,
    collected_static,
    production_live_server,
)

__all__ = ["browser_page", "chromium_browser", "collected_static", "production_live_server"]
