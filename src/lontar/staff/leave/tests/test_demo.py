"""The leave demo of Kecamatan Jatisari: numbering template, settings, opening balances and requests in
several states made through the services; loading twice adds nothing."""

from __future__ import annotations

import pytest

from lontar.core.demo.loader import load_demo
from lontar.core.models import AuditEvent
from lontar.staff.leave.demo import load_leave_demo
from lontar.staff.leave.models import LeaveRequest, LeaveStatus, OpeningBalance

pytestmark = pytest.mark.django_db


def test_the_jatisari_demo_has_leave_in_every_state_and_loads_once():
    load_demo()
    created = load_leave_demo()
    assert created["cuti disetujui"] == 1 and created["saldo awal cuti"] > 5
    counts = (LeaveRequest.objects.count(), OpeningBalance.objects.count(), AuditEvent.objects.count())
    assert not load_leave_demo()
    assert (
        LeaveRequest.objects.count(),
        OpeningBalance.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    statuses = set(LeaveRequest.objects.values_list("status", flat=True))
    assert {
        LeaveStatus.APPROVED,
        LeaveStatus.AWAITING_DECISION,
        LeaveStatus.SUBMITTED,
        LeaveStatus.REJECTED,
        LeaveStatus.CANCELLED,
    } <= statuses
    approved = LeaveRequest.objects.get(status=LeaveStatus.APPROVED)
    assert approved.letter.number.startswith("800.1.11.2/") and "/Kec.Jts/" in approved.letter.number
    # The PPPK staff member's sick day waits for the Plh. Kasi Pemerintahan, not the Kasi on leave.
    sick = LeaveRequest.objects.get(leave_type="sakit")
    assert sick.superior.user.username == "kasi.trantib.jatisari"
