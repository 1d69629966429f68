"""A small office for leave tests: a Camat (the authorised official), a Sekcam, a Kasi Pemerintahan with
two staff in the section, a Kasubag TU-style office administrator, an auditor, the numbering template
for leave letters and the leave settings (the ledger starts in 2025)."""

from __future__ import annotations

import datetime

from lontar.core.models import PositionAssignment, Role, UnitKind
from lontar.core.numbering.services import create_template
from lontar.core.tests.factories import PositionFactory, UnitFactory, member
from lontar.core.workdays.models import CalendarDay, DayKind
from lontar.staff.leave.models import LeaveSettings
from lontar.staff.models import Employee, Sex

CUTI_BERSAMA_2026 = [
    datetime.date(2026, 2, 16),
    datetime.date(2026, 3, 18),
    datetime.date(2026, 3, 20),
    datetime.date(2026, 3, 23),
    datetime.date(2026, 3, 24),
    datetime.date(2026, 5, 15),
    datetime.date(2026, 5, 28),
    datetime.date(2026, 12, 24),
]
LETTER_FORMAT = "{klasifikasi}/{urut:3}/{org}/{tahun}"


def cuti_bersama(days) -> None:
    """Replace the deployment's cuti bersama with exactly `days`."""
    CalendarDay.objects.filter(kind=DayKind.CUTI_BERSAMA, organisation__isnull=True).delete()
    for day in days:
        CalendarDay.objects.create(date=day, kind=DayKind.CUTI_BERSAMA, description=f"Cuti bersama {day}")


def employee(user, *, service_start=datetime.date(2015, 5, 1), sex=Sex.MALE):
    Employee.objects.update_or_create(staff=user.staff, defaults={"service_start": service_start, "sex": sex})
    user.staff._state.fields_cache.pop("employee", None)
    return user


def assign(position, user, start=datetime.date(2020, 1, 2), **kwargs):
    return PositionAssignment.objects.create(
        organisation=position.organisation, position=position, staff=user.staff, start_date=start, **kwargs
    )


class LeaveOffice:
    def __init__(self, org, *, numbering: bool = True, start_year: int = 2025) -> None:
        self.org = org
        lead = UnitFactory(organisation=org, kind=UnitKind.LEADERSHIP, code="PIM", name="Pimpinan")
        sek = UnitFactory(organisation=org, kind=UnitKind.SECRETARIAT, code="SEK", name="Sekretariat")
        self.pem = UnitFactory(organisation=org, kind=UnitKind.SECTION, code="PEM", name="Seksi Pemerintahan")
        self.camat_position = PositionFactory(
            organisation=org, unit=lead, title="Camat Satu", is_unit_head=True, order=1
        )
        self.sekcam_position = PositionFactory(
            organisation=org, unit=sek, title="Sekretaris Kecamatan", superior=self.camat_position,
            is_unit_head=True, order=2,
        )  # fmt: skip
        self.kasi_position = PositionFactory(
            organisation=org, unit=self.pem, title="Kepala Seksi Pemerintahan", superior=self.camat_position,
            is_unit_head=True, order=3,
        )  # fmt: skip
        self.staff_position = PositionFactory(
            organisation=org, unit=self.pem, title="Pengolah Data", superior=self.kasi_position, order=4
        )
        self.camat = employee(member(org, Role.HEAD, full_name="Budi Camat", unit=lead))
        self.sekcam = employee(member(org, Role.SECRETARY, full_name="Sari Sekcam", unit=sek))
        self.kasi = employee(member(org, Role.SECTION_HEAD, full_name="Kasi Pem", unit=self.pem))
        self.staff = employee(
            member(org, Role.STAFF, full_name="Rina Pengolah", unit=self.pem), sex=Sex.FEMALE
        )
        self.colleague = employee(member(org, Role.STAFF, full_name="Dodi Rekan", unit=self.pem))
        self.admin = employee(member(org, Role.ORG_ADMIN, full_name="Tata Usaha", unit=sek))
        self.auditor = member(org, Role.AUDITOR, full_name="Auditor Uji")
        assign(self.camat_position, self.camat)
        assign(self.sekcam_position, self.sekcam)
        assign(self.kasi_position, self.kasi)
        assign(self.staff_position, self.staff)
        LeaveSettings.objects.create(organisation=org, ledger_start_year=start_year)
        if numbering:
            create_template(
                actor=self.admin,
                organisation=org,
                document_type="surat-cuti",
                name="Surat izin cuti",
                format=LETTER_FORMAT,
                scope="document_type",
            )
