from __future__ import annotations

import pytest

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.surveys.tests.factories import make_service


@pytest.fixture
def service(district):
    return make_service(district, uploads=())


@pytest.fixture
def front_desk(district):
    return member(district, Role.FRONT_DESK)


@pytest.fixture
def section_head(district):
    return member(district, Role.SECTION_HEAD)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wrong-guess counters live in the cache, which outlives a test: start each test without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
