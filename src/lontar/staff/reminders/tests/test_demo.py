"""The agenda's demo: Jatisari's lead times and, where files are empty, the rows the agenda counts from;
the Jatisari agenda then has real items due; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from lontar.core.demo.loader import load_demo
from lontar.core.models import AuditEvent, Organisation
from lontar.staff.models import EmployeeDocument, RankHistory, SalaryIncrease
from lontar.staff.reminders.demo import load_reminders_demo
from lontar.staff.reminders.models import ReminderKind, ReminderSettings
from lontar.staff.reminders.selectors import AgendaFilters, due_counts, office_agenda

pytestmark = pytest.mark.django_db


def test_the_jatisari_agenda_shows_real_items_and_loading_twice_adds_nothing():
    load_demo()
    first = load_reminders_demo()
    counts = (SalaryIncrease.objects.count(), RankHistory.objects.count(), AuditEvent.objects.count())
    assert not load_reminders_demo()
    assert (SalaryIncrease.objects.count(), RankHistory.objects.count(), AuditEvent.objects.count()) == counts

    jatisari = Organisation.objects.get(code="Kec.Jts")
    settings = ReminderSettings.objects.get(organisation=jatisari)
    assert settings.promotion_lead_days == 120 and first["staff_reminders.settings"] == 1
    assert (
        AuditEvent.objects.filter(action="staff_reminders.settings.update", organisation=jatisari).count()
        == 1
    )
    sekcam = get_user_model().objects.get(username="sekcam.jatisari")
    items = office_agenda(sekcam, AgendaFilters(horizon=6))
    kinds = {i.kind for i in items}
    assert {ReminderKind.KGB, ReminderKind.PROMOTION, ReminderKind.DOCUMENT} <= kinds
    due = {c.kind: c.count for c in due_counts(sekcam)}
    assert due[ReminderKind.KGB] >= 2 and due[ReminderKind.DOCUMENT] >= 1
    assert EmployeeDocument.objects.filter(staff__organisation=jatisari, kind="kontrak").count() == 2
