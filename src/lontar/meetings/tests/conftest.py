import pytest

from lontar.correspondence.tests.outgoing_helpers import signing_setup
from lontar.meetings.tests.factories import meeting_office

__all__ = ["signing_setup"]


@pytest.fixture
def office(district, signing_setup):
    return meeting_office(district)
