"""People and a small plan for the planning tests, built through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lontar.core.models import Role, UnitKind
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, UnitFactory, member
from lontar.core.workdays.calendar import organisation_today
from lontar.planning.services import structure as services


def post(user, organisation, *, kind=UnitKind.SUBDIVISION, head=False):
    unit = UnitFactory(organisation=organisation, kind=kind)
    position = PositionFactory(organisation=organisation, unit=unit, is_unit_head=head)
    PositionAssignmentFactory(
        position=position, staff=user.staff, start_date=dt.date(2020, 1, 1), organisation=organisation
    )
    return user


class Team:
    """The people of one office as the planning module sees them."""

    def __init__(self, organisation) -> None:
        self.org = organisation
        self.head = member(organisation, Role.HEAD)
        self.secretary = member(organisation, Role.SECRETARY)
        # Kasubag Perencanaan dan Keuangan: heads a sub-division, keeps the structure and locks months.
        self.kasubag = post(member(organisation, Role.SECTION_HEAD), organisation, head=True)
        # Staff of the sub-division: keeps the structure, may not lock.
        self.planner = post(member(organisation, Role.STAFF), organisation)
        # A Kasi and a staff member outside the secretariat: PPTK of their own sub-activities only.
        self.kasi = post(
            member(organisation, Role.SECTION_HEAD), organisation, kind=UnitKind.SECTION, head=True
        )
        self.pptk = member(organisation, Role.STAFF)
        self.auditor = member(organisation, Role.AUDITOR)
        self.admin = member(organisation, Role.ORG_ADMIN)


def past_year(organisation) -> int:
    """A finished fiscal year: every month is open for realisation, the reference month is December."""
    return organisation_today(organisation).year - 1


def even_plan(pagu: int, *, months=range(1, 13)) -> dict[int, tuple[int, Decimal]]:
    months = list(months)
    share = pagu // len(months)
    rows, cumulative = {}, 0
    for month in range(1, 13):
        amount = share if month in months else 0
        if month == months[-1]:
            amount = pagu - share * (len(months) - 1)
        cumulative += amount
        rows[month] = (amount, (Decimal(cumulative) * 100 / pagu).quantize(Decimal("0.01")))
    return rows


class Plan:
    """Two programs, three kegiatan, four sub kegiatan with pagu and an even monthly plan."""

    def __init__(self, team: Team, *, year: int | None = None) -> None:
        actor = team.kasubag
        self.team = team
        self.year = services.create_plan_year(
            actor=actor, organisation=team.org, year=year or past_year(team.org)
        )
        self.program1 = services.create_program(
            actor=actor,
            plan_year=self.year,
            code="7.01.01",
            name="PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
        )
        self.program2 = services.create_program(
            actor=actor, plan_year=self.year, code="7.01.02", name="PROGRAM PENYELENGGARAAN PEMERINTAHAN"
        )
        self.activity1 = services.create_activity(
            actor=actor,
            program=self.program1,
            code="7.01.01.2.01",
            name="Perencanaan, Penganggaran, dan Evaluasi",
        )
        self.activity2 = services.create_activity(
            actor=actor, program=self.program1, code="7.01.01.2.06", name="Administrasi Umum Perangkat Daerah"
        )
        self.activity3 = services.create_activity(
            actor=actor, program=self.program2, code="7.01.02.2.01", name="Koordinasi Kegiatan Pemerintahan"
        )
        self.sub1 = self._sub(self.activity1, "7.01.01.2.01.0001", 12_000_000, team.pptk)
        self.sub2 = self._sub(self.activity1, "7.01.01.2.01.0007", 6_000_001, team.pptk)
        self.sub3 = self._sub(self.activity2, "7.01.01.2.06.0002", 24_000_000, team.planner)
        self.sub4 = self._sub(self.activity3, "7.01.02.2.01.0001", 36_000_000, team.kasi)
        self.subs = [self.sub1, self.sub2, self.sub3, self.sub4]

    def _sub(self, activity, code, pagu, responsible):
        sub = services.create_sub_activity(
            actor=self.team.kasubag,
            activity=activity,
            code=code,
            name=f"Sub kegiatan {code}",
            pagu=pagu,
            responsible=responsible,
        )
        services.set_monthly_plan(actor=self.team.kasubag, sub_activity=sub, rows=even_plan(pagu))
        return sub
