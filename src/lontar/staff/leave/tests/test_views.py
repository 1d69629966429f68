"""The leave screens through the test client: thin views over the services, scoped to the user."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.staff.leave import services
from lontar.staff.leave.models import Consideration, LeaveRequest, LeaveStatus, LeaveType

pytestmark = pytest.mark.django_db
D = dt.date


def _submit(user, start, end, leave_type=LeaveType.ANNUAL):
    return services.submit_request(
        actor=user, leave_type=leave_type, start_date=start, end_date=end, reason="Urusan keluarga",
        address_during_leave="Jatisari",
    )  # fmt: skip


def test_my_leave_shows_the_balance_and_the_statement(client, office):
    client.force_login(office.staff)
    page = client.get(reverse("leave:mine"))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="balance">10<' in text  # 12 + 6 carried - 8 cuti bersama
    assert 'data-testid="statement-2025"' in text and 'data-testid="statement-2026"' in text


def test_a_request_from_the_form_shows_its_working_day_count(client, office):
    client.force_login(office.staff)
    response = client.post(
        reverse("leave:new"),
        {
            "leave_type": "tahunan",
            "start_date": "2026-12-21",
            "end_date": "2026-12-31",
            "reason": "Libur akhir tahun bersama keluarga",
            "address_during_leave": "Jl. Melati 5",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "7 hari kerja (11 hari kalender)" in response.content.decode()
    assert LeaveRequest.objects.get().status == LeaveStatus.SUBMITTED


def test_a_refused_request_keeps_what_was_typed_and_says_why(client, office):
    client.force_login(office.staff)
    response = client.post(
        reverse("leave:new"),
        {
            "leave_type": "tahunan",
            "start_date": "2026-12-28",
            "end_date": "2027-01-04",
            "reason": "Tahun baru di kampung",
            "address_during_leave": "Jl. Melati 5",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200 and "Pecah menjadi dua permintaan" in text
    assert "Tahun baru di kampung" in text and not LeaveRequest.objects.exists()


def test_superior_considers_and_camat_decides_on_the_detail_page_and_the_letter_downloads(client, office):
    request = _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    client.force_login(office.kasi)
    assert request.pk in [r.pk for r in client.get(reverse("leave:inbox")).context["to_consider"]]
    client.post(
        reverse("leave:consider", args=[request.pk]),
        {"pertimbangan-consideration": "disetujui", "pertimbangan-note": ""},
    )
    client.force_login(office.camat)
    page = client.get(reverse("leave:detail", args=[request.pk]))
    assert page.context["decide_form"] is not None
    client.post(reverse("leave:decide", args=[request.pk]), {"keputusan-decision": "approve"})
    request.refresh_from_db()
    assert request.status == LeaveStatus.APPROVED
    for user in (office.staff, office.kasi, office.camat, office.admin, office.auditor):
        client.force_login(user)
        pdf = client.get(reverse("leave:letter", args=[request.pk]))
        assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:4] == b"%PDF"
    client.force_login(office.colleague)
    assert client.get(reverse("leave:letter", args=[request.pk])).status_code == 403


def test_a_refused_decision_rerenders_with_the_reason(client, office):
    request = _submit(office.kasi, D(2026, 12, 1), D(2026, 12, 2))
    client.force_login(office.camat)
    response = client.post(reverse("leave:decide", args=[request.pk]), {"keputusan-decision": "reject"})
    assert response.status_code == 400
    assert "Tuliskan alasan" in response.content.decode()


def test_the_office_list_and_its_export_are_audited(client, office):
    _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    client.force_login(office.admin)
    assert client.get(reverse("leave:office")).status_code == 200
    export = client.get(reverse("leave:export"))
    assert export.status_code == 200 and export.content[:2] == b"PK"
    assert AuditEvent.objects.filter(action="leave.request.export").exists()
    client.force_login(office.staff)
    assert client.get(reverse("leave:office")).status_code == 403


def test_others_in_the_office_do_not_see_a_colleagues_request(client, office):
    request = _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    client.force_login(office.colleague)
    assert client.get(reverse("leave:detail", args=[request.pk])).status_code == 403


def test_a_user_of_another_office_gets_404(client, office, other_district):
    request = _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    client.force_login(member(other_district, Role.HEAD))
    assert client.get(reverse("leave:detail", args=[request.pk])).status_code == 404


def test_opening_balance_screen_records_it(client, office):
    client.force_login(office.admin)
    response = client.post(
        reverse("leave:openings"),
        {
            "staff": office.staff.staff.pk,
            "year": 2026,
            "remaining_previous": 4,
            "remaining_before_previous": 2,
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="leave.opening.set").exists()
    statement = client.get(reverse("leave:statement", args=[office.staff.staff.pk]))
    assert 'data-testid="remaining-2026">10<' in statement.content.decode()  # 12 + 4 + 2 - 8


def test_the_team_calendar_marks_cuti_bersama_and_warns_when_half_a_unit_is_away(client, office):
    _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    services.consider(
        request=_submit(office.colleague, D(2026, 12, 2), D(2026, 12, 2)),
        actor=office.kasi,
        consideration=Consideration.AGREE,
    )
    client.force_login(office.camat)
    page = client.get(reverse("leave:calendar"), {"bulan": "2026-12", "kantor": office.org.pk})
    text = page.content.decode()
    assert page.status_code == 200 and ">CB<" in text
    # Seksi Pemerintahan has 3 people (Kasi, Rina, Dodi); 2 away on 2 December is more than 50%.
    assert 'data-testid="crowding"' in text and "2 Des" in text


def test_settings_change_the_classification_codes(client, office):
    client.force_login(office.admin)
    data = {
        "code_annual": "800.1.11.2",
        "code_long_service": "800.1.11.3",
        "code_sick": "800.1.11.4",
        "code_maternity": "800.1.11.5",
        "code_important_reason": "800.1.11.6",
        "code_unpaid": "800.1.11.9",
        "away_warning_percent": 40,
        "ledger_start_year": 2025,
    }
    assert client.post(reverse("leave:settings"), data).status_code == 302
    assert AuditEvent.objects.filter(action="leave.settings.update").exists()
    client.force_login(office.staff)
    assert client.get(reverse("leave:settings")).status_code == 403


def test_the_api_gives_my_balance_and_submits_through_the_service(client, office):
    client.force_login(office.staff)
    balance = client.get("/api/v1/cuti/saldo-saya/").json()
    assert balance["free"] == 10 and balance["statements"][0]["year"] == 2026
    created = client.post(
        "/api/v1/cuti/permintaan-saya/",
        {
            "leave_type": "tahunan",
            "start_date": "2026-12-28",
            "end_date": "2027-01-04",
            "reason": "x",
            "address_during_leave": "y",
        },
        content_type="application/json",
    )
    assert created.status_code == 400 and "Pecah" in str(created.json())
    created = client.post(
        "/api/v1/cuti/permintaan-saya/",
        {"leave_type": "tahunan", "start_date": "2026-12-01", "end_date": "2026-12-02", "reason": "x",
         "address_during_leave": "y"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201 and created.json()["working_days"] == 2
    assert client.get("/api/v1/cuti/permintaan-kantor/").status_code == 403
    client.force_login(office.auditor)
    assert len(client.get("/api/v1/cuti/permintaan-kantor/").json()["results"]) == 1


def test_the_dashboard_lists_requests_awaiting_me(office):
    from lontar.core.navigation import pending_work_for

    request = _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    assert any("pertimbangan" in w.label and w.count == 1 for w in pending_work_for(office.kasi))
    services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    assert any("keputusan" in w.label and w.count == 1 for w in pending_work_for(office.camat))
    assert not any("Cuti" in w.label for w in pending_work_for(office.colleague))


def test_absences_between_lists_approved_and_pending_leave(office):
    from lontar.staff.leave.selectors import absences_between

    pending = _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    found = absences_between(office.org, D(2026, 12, 2), D(2026, 12, 31))
    assert [(a.staff_id, a.is_pending) for a in found] == [(office.staff.staff.pk, True)]
    assert absences_between(office.org, D(2026, 12, 2), D(2026, 12, 31), include_pending=False) == []
    assert pending.pk == found[0].request_id


def _travel(office, user, start, end):
    """An approved surat tugas request for `user` (duty travel is away from the unit too)."""
    from lontar.staff.travel import services as travel_services
    from lontar.staff.travel.models import Transport

    trip = travel_services.create_trip(
        organisation=office.org,
        actor=user,
        travellers=[user.staff],
        purpose="Rapat koordinasi kependudukan di kantor kota.",
        basis="Undangan Dinas Kependudukan.",
        basis_letter_number="",
        destination_place="Kota Sukamaju",
        destination_institution="Disdukcapil",
        start_date=start,
        end_date=end,
        transport=Transport.OFFICE_VEHICLE,
        funding_source="",
        budget_code="",
        notes="",
    )
    trip = travel_services.submit(trip=trip, actor=user)
    return travel_services.approve(trip=trip, actor=office.camat)


def test_the_team_calendar_counts_duty_travel_as_away_from_the_unit(client, office):
    _submit(office.staff, D(2026, 12, 2), D(2026, 12, 2))
    _travel(office, office.colleague, D(2026, 12, 2), D(2026, 12, 3))
    client.force_login(office.camat)
    page = client.get(reverse("leave:calendar"), {"bulan": "2026-12", "kantor": office.org.pk})
    text = page.content.decode()
    # Rina on leave and Dodi travelling: 2 of the 3 people of Seksi Pemerintahan away on 2 December.
    assert "<li>2 Des · Seksi Pemerintahan: 2/3</li>" in text and "<li>3 Des" not in text
    assert '<td class="leave-travel" title="Dinas luar">D</td>' in text


def test_approved_leave_excuses_the_days_in_the_attendance_recap(office):
    from lontar.staff.attendance.excused import excused_days

    request = _submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    person = office.staff.staff.pk
    assert person not in excused_days(office.org, [person], D(2026, 12, 1), D(2026, 12, 31))
    services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    services.decide(request=request, actor=office.camat, decision=services.Decision.APPROVE)
    days = excused_days(office.org, [person], D(2026, 11, 30), D(2026, 12, 31))[person]
    assert days == {D(2026, 12, 1): "Cuti tahunan", D(2026, 12, 2): "Cuti tahunan"}
