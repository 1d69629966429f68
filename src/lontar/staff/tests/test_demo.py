"""The personnel demo: every active Jatisari staff member has a file that agrees with their NIP, the
rank history ends at the current rank, a PPPK contract lapses soon, the formation has a gap; loading
twice adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lontar.core import civil_service
from lontar.core.demo.loader import load_demo
from lontar.core.models import AuditEvent, Organisation, Staff
from lontar.staff.consistency import record_errors
from lontar.staff.demo import load_personnel_demo
from lontar.staff.models import Employee, EmployeeDocument, Formation, RankHistory
from lontar.staff.selectors.reports import duk, formation_report

pytestmark = pytest.mark.django_db


def test_jatisari_files_agree_with_their_nips_and_loading_twice_adds_nothing():
    load_demo()
    first = load_personnel_demo()
    counts = (Employee.objects.count(), RankHistory.objects.count(), AuditEvent.objects.count())
    assert not load_personnel_demo()
    assert (Employee.objects.count(), RankHistory.objects.count(), AuditEvent.objects.count()) == counts

    office = Organisation.objects.get(code="Kec.Jts")
    staff = list(Staff.objects.filter(organisation=office, is_active=True).select_related("employee"))
    assert first["data pokok"] == len(staff) >= 15
    for person in staff:
        employee = person.employee
        assert not record_errors(
            nip=person.nip,
            employment_type=person.employment_type,
            birth_date=employee.birth_date,
            sex=employee.sex,
            service_start=employee.service_start,
        ), person
        if person.employment_type == civil_service.PNS:
            latest = RankHistory.objects.filter(staff=person).order_by("-tmt").first()
            assert latest is not None and latest.rank == person.rank
            assert employee.job_title
    assert EmployeeDocument.objects.filter(
        staff__organisation=office, kind="kontrak", expires_on__isnull=False
    ).exists()
    rows = duk(office, timezone.localdate())
    assert rows[0].rank.startswith("IV/") and {r.staff.employment_type for r in rows} == {"pns"}
    report = formation_report(office)
    assert Formation.objects.filter(organisation=office).count() == len(report.rows) > 10
    assert any(row.verdict == "kurang" for row in report.rows)
