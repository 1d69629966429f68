"""Fixtures shared by every module's tests."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.test import override_settings

from lontar.core.models import OrganisationKind, Role
from lontar.core.tests.factories import OrganisationFactory, member

REDIS_DATABASES = 16  # Redis's default `databases`


def redis_url_for_worker(url: str, worker: str) -> str:
    """The Redis URL of one pytest-xdist worker: the run's database number plus the worker's index
    (gw0 keeps it, gw1 takes the next one), so a `cache.clear()` (FLUSHDB), a rate-limit counter or
    cached figures of one worker never reach the other's (decision 0017)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base + int(worker.removeprefix("gw"))) % REDIS_DATABASES
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_worker():
    """Under pytest-xdist every worker has its own test database (pytest-django suffixes its name)
    but Redis is one server: give each worker its own Redis database for the cache, RQ and the
    tests that start an RQ worker process (they read REDIS_URL from the environment)."""
    url = os.environ.get("REDIS_URL", "")
    worker_id = os.environ.get("PYTEST_XDIST_WORKER", "")  # unset without workers or with -p no:xdist
    if not url or not worker_id:
        yield
        return
    worker_url = redis_url_for_worker(url, worker_id)
    saved = {name: os.environ.get(name) for name in ("REDIS_URL", "LONTAR_REDIS_TEST_DB")}
    os.environ["REDIS_URL"] = worker_url
    if saved["LONTAR_REDIS_TEST_DB"]:
        os.environ["LONTAR_REDIS_TEST_DB"] = urlsplit(
            redis_url_for_worker(f"redis:///{saved['LONTAR_REDIS_TEST_DB']}", worker_id)
        ).path.strip("/")
    from django.conf import settings as django_settings

    caches = {
        alias: {**config, "LOCATION": worker_url} if "redis" in config["BACKEND"].lower() else config
        for alias, config in django_settings.CACHES.items()
    }
    queues = {name: {**queue, "URL": worker_url} for name, queue in django_settings.RQ_QUEUES.items()}
    with override_settings(REDIS_URL=worker_url, CACHES=caches, RQ_QUEUES=queues):
        yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


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
