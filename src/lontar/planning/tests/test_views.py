"""The planning screens: each page for the people who use it, forms that refuse in Indonesian and keep
the input, exports that are audited, and the API going through the same services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent
from lontar.planning.models import MonthLock, Realisation
from lontar.planning.services import realisation as services
from lontar.planning.tests.factories import Plan, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(district):
    return Plan(Team(district))


def client_for(client, user):
    client.force_login(user)
    return client


def test_every_page_renders_for_the_planning_officer(client, plan):
    client_for(client, plan.team.kasubag)
    services.record_realisation(
        actor=plan.team.kasubag, sub_activity=plan.sub1, month=1, amount=1_000_000, physical_progress=9
    )
    pages = [
        reverse("planning:dashboard"),
        reverse("planning:dashboard") + f"?tahun={plan.year.pk}",
        reverse("planning:mine"),
        reverse("planning:year_list"),
        reverse("planning:year_detail", args=[plan.year.pk]),
        reverse("planning:year_detail", args=[plan.year.pk]) + "?periode=triwulan&triwulan=2",
        reverse("planning:months", args=[plan.year.pk]),
        reverse("planning:report", args=[plan.year.pk]) + "?periode=tahun",
        reverse("planning:program_create", args=[plan.year.pk]),
        reverse("planning:program_edit", args=[plan.program1.pk]),
        reverse("planning:activity_create", args=[plan.program1.pk]),
        reverse("planning:activity_edit", args=[plan.activity1.pk]),
        reverse("planning:sub_create", args=[plan.activity1.pk]),
        reverse("planning:sub_detail", args=[plan.sub1.pk]),
        reverse("planning:sub_edit", args=[plan.sub1.pk]),
        reverse("planning:sub_budget", args=[plan.sub1.pk]),
        reverse("planning:sub_plan", args=[plan.sub1.pk]),
        reverse("planning:realisation_entry", args=[plan.sub1.pk, 1]),
        reverse("planning:indicator_create", args=["program", plan.program1.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    detail = client.get(reverse("planning:year_detail", args=[plan.year.pk])).content.decode()
    assert "7.01.01.2.01.0001" in detail and "78.000.001" in detail


def test_the_head_reads_and_decides_but_does_not_keep_the_structure(client, plan):
    client_for(client, plan.team.head)
    assert client.get(reverse("planning:dashboard")).status_code == 200
    assert client.get(reverse("planning:thresholds", args=[plan.year.pk])).status_code == 200
    assert client.get(reverse("planning:program_create", args=[plan.year.pk])).status_code == 403
    assert client.get(reverse("planning:realisation_entry", args=[plan.sub1.pk, 1])).status_code == 403
    response = client.post(
        reverse("planning:month_lock", args=[plan.year.pk, 1]), {"note": "Diverifikasi"}, follow=True
    )
    assert response.status_code == 200 and MonthLock.objects.filter(plan_year=plan.year, month=1).exists()


def test_the_pptk_entry_form_refuses_above_the_pagu_in_indonesian_and_keeps_the_input(client, plan):
    client_for(client, plan.team.pptk)
    url = reverse("planning:realisation_entry", args=[plan.sub1.pk, 2])
    response = client.post(url, {"amount": 12_000_001, "physical_progress": "10", "notes": "Catatan saya"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "melebihi pagu Rp 12.000.000" in page and "Catatan saya" in page
    assert not Realisation.objects.exists()
    response = client.post(url, {"amount": 2_000_000, "physical_progress": "15"})
    assert response.status_code == 302
    assert Realisation.objects.get(sub_activity=plan.sub1, month=2).amount == 2_000_000
    # not their sub-activity
    assert client.get(reverse("planning:realisation_entry", args=[plan.sub4.pk, 2])).status_code == 403


def test_report_downloads_are_audited_and_the_auditor_may_download(client, plan):
    client_for(client, plan.team.auditor)
    base = reverse("planning:report_xlsx", args=[plan.year.pk])
    response = client.get(base + "?periode=triwulan&triwulan=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    pdf = client.get(reverse("planning:report_pdf", args=[plan.year.pk]) + "?periode=bulan&bulan=3")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    events = AuditEvent.objects.filter(action="planning.report.export", actor=plan.team.auditor).order_by(
        "pk"
    )
    assert [e.after["format"] for e in events] == ["xlsx", "pdf"]
    assert events[0].after["period"] == "triwulan" and events[0].after["number"] == 1
    assert client.post(reverse("planning:month_lock", args=[plan.year.pk, 1])).status_code == 403


def test_another_office_sees_nothing(client, plan, other_district):
    stranger = Team(other_district)
    client_for(client, stranger.head)
    assert client.get(reverse("planning:year_detail", args=[plan.year.pk])).status_code == 404
    assert client.get(reverse("planning:sub_detail", args=[plan.sub1.pk])).status_code == 404
    page = client.get(reverse("planning:dashboard")).content.decode()
    assert "7.01.01.2.01.0001" not in page


def test_the_api_lists_the_structure_and_writes_realisation_through_the_service(client, plan):
    client_for(client, plan.team.pptk)
    listing = client.get("/api/v1/planning/sub-activities/", {"tahun": plan.year.pk})
    assert listing.status_code == 200
    assert {row["code"] for row in listing.json()["results"]} == {s.code for s in plan.subs}
    url = "/api/v1/planning/realisations/"
    created = client.post(
        url,
        {"sub_activity": plan.sub1.pk, "month": 1, "amount": 1_000_000, "physical_progress": "5"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    too_much = client.post(
        url,
        {"sub_activity": plan.sub1.pk, "month": 2, "amount": 11_000_001, "physical_progress": "6"},
        content_type="application/json",
    )
    assert too_much.status_code == 400 and "melebihi pagu" in too_much.content.decode()
    foreign = client.post(
        url,
        {"sub_activity": plan.sub4.pk, "month": 2, "amount": 1, "physical_progress": "6"},
        content_type="application/json",
    )
    assert foreign.status_code == 403
    years = client.get("/api/v1/planning/years/").json()["results"]
    assert years[0]["totals"]["real_cumulative"] == 1_000_000
