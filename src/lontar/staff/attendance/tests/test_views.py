"""The attendance screens: one-tap check-in/out (plain posts, safe to submit twice, a tiny page), the
roster grid and its cell edits, settings, recap and export, correction, and who may open what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lontar.core.audit import AuditEvent
from lontar.core.models import Role
from lontar.core.navigation import pending_work_for
from lontar.core.tests.factories import member
from lontar.staff.attendance import services
from lontar.staff.attendance.models import AttendanceRecord, RosterEntry, UnitQuota, WorkMode
from lontar.staff.attendance.tests.helpers import MONDAY, at, team

BEFORE = MONDAY - dt.timedelta(days=3)


@pytest.fixture
def people(district):
    unit, users = team(district, 4)
    other, others = team(district, 2, name="Subbagian Umum")
    sekcam = member(district, Role.SECRETARY)
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
    return {
        "unit": unit,
        "head": users[0],
        "staff": users[1],
        "users": users,
        "other": other,
        "others": others,
        "sekcam": sekcam,
    }


def test_check_in_and_out_by_plain_posts_twice_each_gives_one_record(client, people):
    client.force_login(people["staff"])
    planned = services.rostered_mode(people["staff"].staff, MONDAY)
    with at(MONDAY, 7, 10):
        page = client.get(reverse("attendance:mine"))
        assert page.status_code == 200
        assert b'data-testid="check-in"' in page.content
        assert len(page.content) < 40_000, "the page stays light for a poor phone link"
        first = client.post(reverse("attendance:check_in"), {"mode": planned, "note": "Ruang PATEN"})
        again = client.post(
            reverse("attendance:check_in"), {"mode": planned, "note": "Ruang PATEN"}, follow=True
        )
    assert first.status_code == 302
    assert "sudah tercatat masuk pukul 07:10" in again.content.decode()
    assert AttendanceRecord.objects.count() == 1
    with at(MONDAY, 16, 5):
        client.post(reverse("attendance:check_out"), {"note": ""})
        done = client.post(reverse("attendance:check_out"), {}, follow=True)
    assert "sudah tercatat pulang pukul 16:05" in done.content.decode()
    assert b'data-testid="done"' in done.content
    record = AttendanceRecord.objects.get()
    assert record.check_out_at is not None and not record.left_early


def test_a_different_mode_without_a_note_is_refused_and_nothing_is_saved(client, people):
    client.force_login(people["staff"])
    planned = services.rostered_mode(people["staff"].staff, MONDAY)
    other = "wfh" if planned == "wfo" else "wfo"
    with at(MONDAY, 7):
        response = client.post(reverse("attendance:check_in"), {"mode": other, "note": "Catatan saya"})
    assert response.status_code == 400
    assert "tuliskan alasan" in response.content.decode()
    assert 'value="Catatan saya"' in response.content.decode(), "what was typed is kept"
    assert not AttendanceRecord.objects.exists()


def test_check_out_before_check_in_says_so(client, people):
    client.force_login(people["staff"])
    with at(MONDAY, 16):
        response = client.post(reverse("attendance:check_out"), {})
    assert response.status_code == 400 and "belum tercatat masuk" in response.content.decode()


def test_roster_grid_staff_read_their_unit_and_cannot_edit(client, people):
    client.force_login(people["staff"])
    url = reverse("attendance:roster") + f"?unit={people['other'].pk}&minggu={MONDAY}"
    with at(BEFORE):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert people["unit"].name in html and people["others"][1].staff.full_name not in html
    assert 'data-testid="toggle-' not in html
    entry = RosterEntry.objects.filter(unit=people["unit"], date=MONDAY).first()
    with at(BEFORE):
        assert (
            client.post(reverse("attendance:roster_cell", args=[entry.pk]), {"mode": "wfh"}).status_code
            == 404
        )


def test_supervisor_edit_refused_when_the_quota_would_break_shows_why(client, people):
    client.force_login(people["head"])
    entry = RosterEntry.objects.filter(unit=people["unit"], date=MONDAY, mode=WorkMode.OFFICE).first()
    with at(BEFORE):
        page = client.get(reverse("attendance:roster") + f"?minggu={MONDAY}")
        assert f'data-testid="toggle-{entry.staff_id}-{MONDAY}"'.encode() in page.content
        response = client.post(
            reverse("attendance:roster_cell", args=[entry.pk]), {"mode": "wfh"}, follow=True
        )
    assert "Kuota WFO" in response.content.decode() and "minimal 2 dari 4" in response.content.decode()
    entry.refresh_from_db()
    assert entry.mode == WorkMode.OFFICE


def test_supervisor_generates_and_regeneration_over_edits_asks_first(client, people):
    client.force_login(people["head"])
    unit = people["unit"]
    with at(BEFORE):
        home = RosterEntry.objects.filter(unit=unit, date=MONDAY, mode=WorkMode.HOME).first()
        client.post(reverse("attendance:roster_cell", args=[home.pk]), {"mode": "wfo"})
        asked = client.post(
            reverse("attendance:roster_generate"),
            {"unit": unit.pk, "mulai": MONDAY.isoformat(), "minggu": "2"},
        )
        assert asked.status_code == 400 and b'data-testid="needs-confirmation"' in asked.content
        done = client.post(
            reverse("attendance:roster_generate"),
            {"unit": unit.pk, "mulai": MONDAY.isoformat(), "minggu": "2", "konfirmasi": "on"},
        )
    assert done.status_code == 302
    assert RosterEntry.objects.filter(unit=unit, date__gte=MONDAY + dt.timedelta(days=7)).count() == 20


def test_supervisor_marks_someone_out_of_the_roster(client, people):
    client.force_login(people["head"])
    with at(BEFORE):
        response = client.post(
            reverse("attendance:roster_exclude"),
            {
                "unit": people["unit"].pk,
                "staff": people["staff"].staff.pk,
                "tanggal": MONDAY.isoformat(),
                "alasan": "Cuti",
            },
            follow=True,
        )
    assert "tidak dijadwalkan" in response.content.decode()
    assert not RosterEntry.objects.filter(staff=people["staff"].staff, date=MONDAY).exists()


def test_quota_settings_for_sekcam_and_admin_only(client, people, district):
    client.force_login(people["head"])
    assert client.get(reverse("attendance:quota")).status_code == 403
    client.force_login(people["sekcam"])
    page = client.get(reverse("attendance:quota"))
    assert page.status_code == 200 and people["unit"].name in page.content.decode()
    unit = people["unit"]
    bad = client.post(
        reverse("attendance:quota_edit", args=[unit.pk]), {f"u{unit.pk}-min_office_percent": "150"}
    )
    assert bad.status_code == 400
    ok = client.post(
        reverse("attendance:quota_edit", args=[unit.pk]),
        {f"u{unit.pk}-min_office_percent": "80", f"u{unit.pk}-note": "SE"},
    )
    assert ok.status_code == 302 and UnitQuota.objects.get(unit=unit).min_office_percent == 80
    hours = client.post(
        reverse("attendance:office_hours", args=[district.pk]),
        {
            f"o{district.pk}-start": "08:00",
            f"o{district.pk}-end": "16:00",
            f"o{district.pk}-friday_end": "16:30",
        },
    )
    assert hours.status_code == 302


def test_recap_screen_and_export_by_role(client, people, district):
    client.force_login(people["staff"])
    assert client.get(reverse("attendance:recap")).status_code == 403
    assert client.get(reverse("attendance:recap_export")).status_code == 403
    client.force_login(people["head"])
    with at(MONDAY, 17):
        page = client.get(reverse("attendance:recap"))
    html = page.content.decode()
    assert page.status_code == 200
    assert people["staff"].staff.full_name in html and people["others"][1].staff.full_name not in html
    auditor = member(district, Role.AUDITOR)
    client.force_login(auditor)
    with at(MONDAY, 17):
        assert client.get(reverse("attendance:recap")).status_code == 200
        export = client.get(reverse("attendance:recap_export") + "?bulan=2026-02")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="attendance.recap.export", actor=auditor).exists()


def test_supervisor_corrects_a_forgotten_check_out_from_the_recap(client, people):
    with at(MONDAY, 7):
        record = services.check_in(actor=people["staff"]).record
    client.force_login(people["head"])
    with at(MONDAY + dt.timedelta(days=1), 9):
        recap = client.get(reverse("attendance:recap"))
        assert reverse("attendance:correct", args=[record.pk]) in recap.content.decode()
        assert client.get(reverse("attendance:correct", args=[record.pk])).status_code == 200
        refused = client.post(reverse("attendance:correct", args=[record.pk]), {"time": "16:00", "note": ""})
        assert refused.status_code == 400
        done = client.post(reverse("attendance:correct", args=[record.pk]), {"time": "16:00", "note": "Lupa"})
    assert done.status_code == 302
    client.force_login(people["others"][0])
    assert client.get(reverse("attendance:correct", args=[record.pk])).status_code == 404


def test_dashboard_reminds_who_has_not_checked_in_on_a_working_day(people):
    staff = people["staff"]
    with at(MONDAY, 8):
        assert any("belum absen masuk" in item.label for item in pending_work_for(staff))
        services.check_in(actor=staff, mode_note="x", mode=services.rostered_mode(staff.staff, MONDAY))
        assert not any("belum absen masuk" in item.label for item in pending_work_for(staff))
    with at(MONDAY + dt.timedelta(days=5), 8):  # Saturday
        assert not any("belum absen masuk" in item.label for item in pending_work_for(people["users"][2]))


def test_account_without_staff_record_sees_an_explanation(client, district):
    from lontar.core.models import Membership
    from lontar.core.tests.factories import UserFactory

    user = UserFactory()
    Membership.objects.create(user=user, organisation=district, role=Role.STAFF)
    client.force_login(user)
    page = client.get(reverse("attendance:mine"))
    assert page.status_code == 200 and "tidak terhubung" in page.content.decode()


def test_quota_settings_show_one_office_at_a_time_and_never_another_kecamatan(
    client, people, district, other_district
):
    from lontar.core.models import OrganisationKind
    from lontar.core.tests.factories import OrganisationFactory, UnitFactory

    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, name="Kelurahan Uji")
    village_unit = UnitFactory(organisation=village, name="Sekretariat Kelurahan Uji")
    foreign_unit = UnitFactory(organisation=other_district, name="Seksi Kecamatan Dua")
    client.force_login(people["sekcam"])
    own = client.get(reverse("attendance:quota")).content.decode()
    assert people["unit"].name in own and village_unit.name not in own
    below = client.get(reverse("attendance:quota") + f"?kantor={village.pk}").content.decode()
    assert village_unit.name in below and people["unit"].name not in below
    elsewhere = client.get(reverse("attendance:quota") + f"?kantor={other_district.pk}").content.decode()
    assert foreign_unit.name not in elsewhere
    refused = client.post(
        reverse("attendance:quota_edit", args=[foreign_unit.pk]),
        {f"u{foreign_unit.pk}-min_office_percent": "0"},
    )
    assert refused.status_code == 404
