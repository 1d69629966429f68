"""The planning demo: Jatisari's plan of the current year through the services (2 programs, 5 kegiatan,
10 sub kegiatan with pagu, plans, realisation up to October with some lagging); loading twice adds
nothing."""

from __future__ import annotations

import pytest

from lontar.core.demo.loader import load_demo
from lontar.core.models import AuditEvent, Organisation
from lontar.planning import figures as fig
from lontar.planning.demo import load_planning_demo, split
from lontar.planning.models import BudgetVersion, MonthLock, PlanYear, Realisation, SubActivity
from lontar.planning.selectors import planning as selectors

pytestmark = pytest.mark.django_db


def test_split_adds_up_to_the_pagu():
    for pagu in (1, 11, 24_500_000, 103_356_800, 110_212_081):
        assert sum(split(pagu, (0, 1, 2, 3, 3, 3, 3, 3, 2, 2, 1, 1))) == pagu


def test_the_demo_plan_of_jatisari():
    load_demo()
    first = load_planning_demo()
    counts = (SubActivity.objects.count(), Realisation.objects.count(), AuditEvent.objects.count())
    assert not load_planning_demo()
    assert (SubActivity.objects.count(), Realisation.objects.count(), AuditEvent.objects.count()) == counts
    jatisari = Organisation.objects.get(code="Kec.Jts")
    plan_year = PlanYear.objects.get(organisation=jatisari)
    assert (
        first["planning.subactivity"] == 10
        and first["planning.program"] == 2
        and first["planning.activity"] == 5
    )
    assert not SubActivity.objects.filter(organisation=jatisari, responsible__isnull=True).exists()
    assert BudgetVersion.objects.filter(organisation=jatisari, number=2).count() <= 1
    report = selectors.year_report(plan_year)
    assert report.total.figures.pagu == sum(s.pagu for s in SubActivity.objects.filter(organisation=jatisari))
    if report.last_month >= 3:
        assert Realisation.objects.filter(organisation=jatisari).exists()
        assert {n.severity for n in report.sub_activities()} & {fig.RED, fig.AMBER}
        assert MonthLock.objects.filter(plan_year=plan_year).exists()
    assert AuditEvent.objects.filter(organisation=jatisari, action="planning.realisation.create").count() == (
        Realisation.objects.filter(organisation=jatisari).count()
    )
