import pytest

from lontar.staff.leave.tests.factories import CUTI_BERSAMA_2026, LeaveOffice, cuti_bersama


@pytest.fixture
def office(district):
    cuti_bersama(CUTI_BERSAMA_2026)
    return LeaveOffice(district)
