"""The agenda, export and settings screens, the dashboard lines and the API, by role."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lontar.core.models import AuditEvent, Role
from lontar.core.navigation import pending_work_for
from lontar.core.tests.factories import member
from lontar.staff.reminders.models import ReminderSettings
from lontar.staff.reminders.selectors import add_months, add_years

from .factories import document, kgb, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(district):
    """A PNS whose KGB falls in 20 days, a contract ending in 10 days, and one in another office."""
    today = timezone.localdate()
    pns = person(district, full_name="Budi Santoso", start=dt.date(2001, 3, 1))
    kgb(pns, add_years(today + dt.timedelta(days=20), -2))
    contract = person(district, employment_type="non_asn", role=None, full_name="Iwan Kontrak")
    document(contract, today + dt.timedelta(days=10), title="Perjanjian kerja 2026")
    return {"pns": pns, "contract": contract, "today": today}


def _client(client, user):
    client.force_login(user)
    return client


def test_a_manager_sees_the_office_agenda_with_filters(client, district, agenda):
    sekcam = member(district, Role.SECRETARY, nip="")
    page = _client(client, sekcam).get(reverse("staff_reminders:agenda"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Budi Santoso" in body and "Iwan Kontrak" in body and "Perjanjian kerja 2026" in body
    file_url = reverse("staff:file_detail", args=[agenda["pns"].pk])
    assert f'<a href="{file_url}">Budi Santoso</a>' in body
    only_documents = client.get(reverse("staff_reminders:agenda"), {"jenis": "dokumen"}).content.decode()
    assert "Iwan Kontrak" in only_documents and "Budi Santoso" not in only_documents
    by_name = client.get(reverse("staff_reminders:agenda"), {"cari": "budi"}).content.decode()
    assert "Budi Santoso" in by_name and "Iwan Kontrak" not in by_name
    bad = client.get(reverse("staff_reminders:agenda"), {"rentang": "99", "jenis": "x"})
    assert bad.status_code == 200 and "Sebagian saringan" in bad.content.decode()


def test_a_staff_member_sees_only_their_own_agenda(client, district, agenda):
    page = _client(client, agenda["pns"].user).get(reverse("staff_reminders:agenda"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Agenda kepegawaian saya" in body and "Kenaikan gaji berkala" in body
    assert "Iwan Kontrak" not in body
    assert client.get(reverse("staff_reminders:export")).status_code == 403
    assert client.get(reverse("staff_reminders:settings")).status_code == 403


def test_another_office_sees_nothing_of_this_one(client, other_district, agenda):
    stranger = member(other_district, Role.SECRETARY)
    body = _client(client, stranger).get(reverse("staff_reminders:agenda")).content.decode()
    assert "Budi Santoso" not in body and "Iwan Kontrak" not in body
    assert (
        client.get(reverse("staff_reminders:settings"), {"kantor": agenda["pns"].organisation_id}).status_code
        == 404
    )


def test_the_export_is_an_audited_excel_file_the_auditor_may_download(client, district, agenda):
    auditor = member(district, Role.AUDITOR)
    response = _client(client, auditor).get(reverse("staff_reminders:export"), {"jenis": "dokumen"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="agenda-kepegawaian-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Jatuh tempo" and len(rows) == 2
    assert rows[1][2] == "Iwan Kontrak" and rows[1][1] == "Dokumen kedaluwarsa"
    event = AuditEvent.objects.get(action="staff_reminders.agenda.export")
    assert (
        event.actor_id == auditor.pk
        and event.after["rows"] == 1
        and event.after["filters"]["kind"] == "dokumen"
    )


def test_the_sekcam_changes_the_lead_times_and_it_is_audited(client, district):
    sekcam = member(district, Role.SECRETARY)
    url = reverse("staff_reminders:settings")
    assert _client(client, sekcam).get(url).status_code == 200
    data = {
        "kgb_lead_days": "45",
        "promotion_lead_days": "120",
        "retirement_lead_months": "6",
        "document_lead_days": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    row = ReminderSettings.objects.get(organisation=district)
    assert (row.kgb_lead_days, row.promotion_lead_days, row.retirement_lead_months) == (45, 120, 6)
    event = AuditEvent.objects.get(action="staff_reminders.settings.update")
    assert event.after["kgb_lead_days"] == 45 and event.before is None
    client.post(url, {**data, "kgb_lead_days": "30"})
    changed = AuditEvent.objects.filter(action="staff_reminders.settings.update").order_by("pk").last()
    assert changed.before == {"kgb_lead_days": 45} and changed.after == {"kgb_lead_days": 30}


def test_bad_lead_times_are_refused_in_indonesian_and_nothing_changes(client, district):
    sekcam = member(district, Role.SECRETARY)
    response = _client(client, sekcam).post(
        reverse("staff_reminders:settings"),
        {
            "kgb_lead_days": "0",
            "promotion_lead_days": "abc",
            "retirement_lead_months": "30",
            "document_lead_days": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Paling sedikit 1." in body and "Paling banyak 24." in body and "Isi jumlahnya." in body
    assert not ReminderSettings.objects.exists()


@pytest.mark.parametrize("role", [Role.AUDITOR])
def test_the_auditor_reads_the_settings_but_cannot_change_them(client, district, role):
    auditor = member(district, role)
    url = reverse("staff_reminders:settings")
    page = _client(client, auditor).get(url)
    assert page.status_code == 200 and "Anda hanya dapat melihat" in page.content.decode()
    assert client.post(url, {"kgb_lead_days": "10"}).status_code == 403


@pytest.mark.parametrize("role", [Role.HEAD, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK])
def test_only_the_sekcam_and_the_administrator_configure(client, district, role):
    user = member(district, role)
    assert _client(client, user).get(reverse("staff_reminders:settings")).status_code == 403


def test_the_dashboard_counts_announced_items_for_managers_and_own_items_for_staff(district, agenda):
    sekcam = member(district, Role.SECRETARY, nip="", employment_type="non_asn")
    lines = {w.label: w.count for w in pending_work_for(sekcam)}
    assert lines["KGB jatuh tempo dalam 60 hari"] == 1
    assert lines["Dokumen akan kedaluwarsa"] == 1
    agenda_url = reverse("staff_reminders:agenda")
    own = {w.label: w.count for w in pending_work_for(agenda["pns"].user) if w.url.startswith(agenda_url)}
    assert own == {"Agenda kepegawaian Anda": 1}


def test_the_agenda_api_for_managers_and_mine_for_staff(client, district, agenda):
    sekcam = member(district, Role.SECRETARY, nip="", employment_type="non_asn")
    url = reverse("api:staff-agenda-list")
    rows = _client(client, sekcam).get(url, {"rentang": 3}).json()
    assert {(r["staff_name"], r["kind"]) for r in rows} >= {
        ("Budi Santoso", "kgb"),
        ("Iwan Kontrak", "dokumen"),
    }
    assert client.get(url, {"rentang": 5}).status_code == 400
    assert client.get("/api/v1/agenda-kepegawaian.json").status_code == 200
    assert client.get(url, {"jenis": "dokumen"}).json()[0]["reference"]
    client.logout()
    _client(client, agenda["pns"].user)
    assert client.get(url).status_code == 403
    mine = client.get(reverse("api:staff-agenda-mine")).json()
    assert [r["kind"] for r in mine] == ["kgb"]
    assert mine[0]["due_date"] == (agenda["today"] + dt.timedelta(days=20)).isoformat()


def test_a_horizon_of_twelve_months_reaches_further(client, district):
    sekcam = member(district, Role.SECRETARY, nip="", employment_type="non_asn")
    later = person(district, employment_type="non_asn", role=None, full_name="Kontrak Tahun Depan")
    document(later, add_months(timezone.localdate(), 9))
    _client(client, sekcam)
    assert "Kontrak Tahun Depan" not in client.get(reverse("staff_reminders:agenda")).content.decode()
    assert (
        "Kontrak Tahun Depan"
        in client.get(reverse("staff_reminders:agenda"), {"rentang": "12"}).content.decode()
    )
