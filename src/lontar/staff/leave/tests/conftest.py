import pytest

from lontar.core.tests import documents_helpers
from lontar.staff.leave.tests.factories import CUTI_BERSAMA_2026, LeaveOffice, cuti_bersama

ca_dir = documents_helpers.ca_dir
documents_storage = documents_helpers.documents_storage


@pytest.fixture
def office(district, documents_storage):
    cuti_bersama(CUTI_BERSAMA_2026)
    return LeaveOffice(district)
