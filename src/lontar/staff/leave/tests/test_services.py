"""Leave requests through the services: the rules of each type, the balance, the workflow and the
numbered, signed letter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core import audit
from lontar.core.models import Staff
from lontar.core.orgadmin.selectors import direct_superior
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.workflow.models import StatusChange
from lontar.staff.leave import selectors, services
from lontar.staff.leave.ledger import ledger_for
from lontar.staff.leave.models import Consideration, LeaveStatus, LeaveType
from lontar.staff.leave.tests.factories import assign, employee
from lontar.staff.models import FamilyMember

pytestmark = pytest.mark.django_db
D = dt.date


def submit(user, start, end, leave_type=LeaveType.ANNUAL, **kwargs):
    kwargs.setdefault("reason", "Keperluan keluarga")
    kwargs.setdefault("address_during_leave", "Jl. Melati 5, Jatisari")
    return services.submit_request(
        actor=user, leave_type=leave_type, start_date=start, end_date=end, **kwargs
    )


def approve(office, request, **kwargs):
    if request.status == LeaveStatus.SUBMITTED:
        services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    return services.decide(request=request, actor=office.camat, decision=services.Decision.APPROVE, **kwargs)


def note(name="surat-dokter.pdf"):
    return SimpleUploadedFile(name, pdf_bytes("Surat keterangan dokter"), "application/pdf")


# --- direct superior ---------------------------------------------------------------------------------


def test_direct_superior_follows_the_position_and_respects_an_acting_holder(office):
    assert direct_superior(office.staff.staff, D(2026, 11, 2)) == office.kasi.staff
    assert direct_superior(office.kasi.staff, D(2026, 11, 2)) == office.camat.staff
    # A Plh. of the Kasi acts while the Kasi is away.
    assign(
        office.kasi_position, office.colleague, start=D(2026, 11, 1), end_date=D(2026, 11, 5), kind="3_plh"
    )
    assert direct_superior(office.staff.staff, D(2026, 11, 2)) == office.colleague.staff
    assert direct_superior(office.staff.staff, D(2026, 11, 9)) == office.kasi.staff


def test_direct_superior_of_someone_without_a_position_is_the_head_of_their_unit(office):
    assert direct_superior(office.colleague.staff, D(2026, 11, 2)) == office.kasi.staff
    assert direct_superior(office.camat.staff, D(2026, 11, 2)) is None


# --- annual leave ------------------------------------------------------------------------------------


def test_annual_leave_counts_working_days_of_the_office_calendar(office):
    # 21-31 December 2026: Christmas (25th) is a national holiday, the 24th cuti bersama, weekends out:
    # 21, 22, 23, 28, 29, 30, 31.
    request = submit(office.staff, D(2026, 12, 21), D(2026, 12, 31))
    assert (request.working_days, request.calendar_days) == (7, 11)
    assert request.status == LeaveStatus.SUBMITTED
    assert request.superior == office.kasi.staff and request.official_position == office.camat_position


def test_annual_leave_may_not_span_two_years(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 28), D(2027, 1, 5))
    assert "Pecah menjadi dua permintaan" in str(refused.value)


def test_annual_leave_needs_one_year_of_service(office):
    employee(office.colleague, service_start=D(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        submit(office.colleague, D(2026, 12, 1), D(2026, 12, 2))
    assert "1 Maret 2027" in str(refused.value)


def test_a_request_of_only_days_off_is_refused(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 24), D(2026, 12, 27))
    assert "paling sedikit 1 hari kerja" in str(refused.value)


def test_pending_requests_reserve_their_days(office):
    # 2025 unused (12 -> 6 carried; no 2025 cuti bersama rows) ; 2026: 12 + 6 - 8 bersama = 10.
    assert ledger_for(office.staff.staff, through_year=2026).remaining(2026) == 10
    submit(office.staff, D(2026, 12, 1), D(2026, 12, 7))  # 5 working days
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 14), D(2026, 12, 22))  # 7 working days > 5 free
    assert "5 hari kerja" in str(refused.value)
    submit(office.staff, D(2026, 12, 14), D(2026, 12, 18))  # exactly the 5 left


def test_overlapping_requests_are_refused(office):
    submit(office.staff, D(2026, 12, 1), D(2026, 12, 3))
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 3), D(2026, 12, 4))
    assert "bertumpang tindih" in str(refused.value)


def test_approval_takes_a_number_and_issues_the_signed_letter_and_the_balance_drops(office):
    before = ledger_for(office.staff.staff).remaining(2026)
    request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 3))
    services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE, note="Silakan")
    request = services.decide(request=request, actor=office.camat, decision=services.Decision.APPROVE)
    assert request.status == LeaveStatus.APPROVED
    letter = request.letter
    assert letter.number.startswith("800.1.11.2/001/") and letter.number.endswith("/2026")
    assert letter.document_type_name == "Surat Izin Cuti Tahunan" and letter.signed
    assert letter.file.read()[:4] == b"%PDF"
    assert ledger_for(office.staff.staff).remaining(2026) == before - 3
    actions = (
        set(audit.AuditEvent.objects.filter(object_id=str(request.pk)).values_list("action", flat=True))
        if hasattr(audit, "AuditEvent")
        else None
    )
    changes = [c.transition for c in StatusChange.objects.for_object(request)]
    assert changes == ["consider", "approve"]
    assert actions is None or {"leave.request.submit", "leave.request.decision"} <= actions


def test_the_office_classification_code_is_used_for_the_letter_number(office):
    services.update_settings(actor=office.admin, organisation=office.org, code_annual="851.2")
    request = approve(office, submit(office.staff, D(2026, 12, 1), D(2026, 12, 1)))
    assert request.letter.number.startswith("851.2/")


def test_an_office_without_a_numbering_template_gets_a_clear_message_and_nothing_changes(district):
    from lontar.staff.leave.tests.factories import LeaveOffice

    office = LeaveOffice(district, numbering=False)
    request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 1))
    services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    with pytest.raises(ValidationError) as refused:
        services.decide(request=request, actor=office.camat, decision=services.Decision.APPROVE)
    assert "templat penomoran" in str(refused.value) and "surat-cuti" in str(refused.value)
    request.refresh_from_db()
    assert request.status == LeaveStatus.AWAITING_DECISION and request.letter is None


def test_consideration_is_skipped_when_the_superior_is_the_official(office):
    request = submit(office.kasi, D(2026, 12, 1), D(2026, 12, 2))
    assert request.status == LeaveStatus.AWAITING_DECISION
    assert [c.transition for c in StatusChange.objects.for_object(request)] == ["skip_consideration"]
    assert list(selectors.to_decide(office.camat)) == [request]


def test_only_the_direct_superior_considers_and_only_the_official_decides(office):
    request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    for outsider in (office.colleague, office.sekcam, office.camat, office.staff):
        with pytest.raises(PermissionDenied):
            services.consider(request=request, actor=outsider, consideration=Consideration.AGREE)
    services.consider(
        request=request, actor=office.kasi, consideration=Consideration.CHANGE, note="Geser sehari"
    )
    for outsider in (office.kasi, office.sekcam, office.staff):
        with pytest.raises(PermissionDenied):
            services.decide(request=request, actor=outsider, decision=services.Decision.APPROVE)
    assert list(selectors.to_consider(office.kasi)) == []


def test_a_plh_of_the_camat_decides_and_signs(office):
    request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    today = selectors.organisation_today(office.org) if hasattr(selectors, "organisation_today") else None
    today = today or dt.date.today()
    assign(
        office.camat_position, office.sekcam, start=today, end_date=today + dt.timedelta(days=3), kind="3_plh"
    )
    with pytest.raises(PermissionDenied):
        services.decide(request=request, actor=office.camat, decision=services.Decision.APPROVE)
    request = services.decide(request=request, actor=office.sekcam, decision=services.Decision.APPROVE)
    assert request.letter.signatory_position.startswith("Plh. Camat")


def test_the_official_approves_with_changed_dates(office):
    request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 4))
    services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    request = services.decide(
        request=request,
        actor=office.camat,
        decision=services.Decision.CHANGE,
        start_date=D(2026, 12, 7),
        end_date=D(2026, 12, 8),
        note="Awal Desember ada pelayanan PBB",
    )
    assert (request.start_date, request.working_days, request.requested_start) == (
        D(2026, 12, 7),
        2,
        D(2026, 12, 1),
    )
    assert request.letter is not None


def test_deferred_days_carry_to_the_next_year(office):
    request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 10))  # 8 working days
    services.consider(
        request=request, actor=office.kasi, consideration=Consideration.DEFER, note="Akhir tahun"
    )
    services.decide(request=request, actor=office.camat, decision=services.Decision.DEFER, note="Tutup buku")
    ledger = ledger_for(office.staff.staff, through_year=2027)
    # 2026 left 10 (6 of them from 2026's own bucket, 4 from 2025's); 6 carry by the cap, and the
    # deferred 8 protect the 4 that would lapse: 2027 = 12 + 6 + 4.
    assert ledger.year(2027).deferred_in == 4
    assert ledger.year(2027).available == 22


def test_the_requester_cancels_before_the_decision_and_the_days_are_free_again(office):
    request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 10))
    with pytest.raises(PermissionDenied):
        services.cancel(request=request, actor=office.colleague)
    services.cancel(request=request, actor=office.staff, note="Batal berangkat")
    assert ledger_for(office.staff.staff).free(2026) == 10
    with pytest.raises(ValidationError):
        services.cancel(request=request, actor=office.staff)


def test_the_camat_cannot_request_leave_through_the_office(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.camat, D(2026, 12, 1), D(2026, 12, 2))
    assert "BKPSDM" in str(refused.value)


# --- the other types ---------------------------------------------------------------------------------


def test_cuti_besar_needs_five_years_and_excludes_annual_leave_that_year(office):
    employee(office.colleague, service_start=D(2023, 1, 2))
    with pytest.raises(ValidationError):
        submit(office.colleague, D(2027, 1, 4), D(2027, 2, 4), LeaveType.LONG_SERVICE)
    besar = submit(office.staff, D(2027, 1, 4), D(2027, 3, 31), LeaveType.LONG_SERVICE)
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2027, 6, 1), D(2027, 6, 2))
    assert "cuti besar" in str(refused.value)
    approve(office, besar)
    assert ledger_for(office.staff.staff, through_year=2027).year(2027).entitlement == 0


def test_cuti_besar_is_at_most_three_months_and_shortened_by_annual_leave_taken(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2027, 1, 4), D(2027, 4, 5), LeaveType.LONG_SERVICE)
    assert "3 April 2027" in str(refused.value)
    approve(office, submit(office.staff, D(2026, 12, 1), D(2026, 12, 3)))
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 9, 1), D(2026, 11, 30), LeaveType.LONG_SERVICE)
    assert "3 hari kerja cuti tahunan" in str(refused.value)


def test_sick_leave_of_more_than_one_day_needs_a_doctors_note(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 1), D(2026, 12, 3), LeaveType.SICK)
    assert "surat keterangan dokter" in str(refused.value)
    one_day = submit(office.staff, D(2026, 12, 7), D(2026, 12, 7), LeaveType.SICK)
    assert one_day.pk
    with_note = submit(office.staff, D(2026, 12, 1), D(2026, 12, 3), LeaveType.SICK, attachments=[note()])
    assert with_note.attachments.count() == 1


def test_sick_leave_is_at_most_a_year_and_extends_to_eighteen_months(office):
    with pytest.raises(ValidationError):
        submit(office.staff, D(2026, 1, 5), D(2027, 1, 5), LeaveType.SICK, attachments=[note()])
    first = approve(
        office, submit(office.staff, D(2026, 1, 5), D(2027, 1, 4), LeaveType.SICK, attachments=[note()])
    )
    with pytest.raises(ValidationError) as refused:
        submit(
            office.staff, D(2027, 1, 5), D(2027, 7, 6), LeaveType.SICK, attachments=[note()], extends=first
        )
    assert "4 Juli 2027" in str(refused.value)
    extension = submit(
        office.staff, D(2027, 1, 5), D(2027, 7, 4), LeaveType.SICK, attachments=[note()], extends=first
    )
    assert extension.extends == first


def test_maternity_leave_is_for_women_and_the_first_three_children(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.colleague, D(2026, 12, 1), D(2027, 2, 28), LeaveType.MATERNITY, child_order=1)
    assert "perempuan" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 1), D(2027, 2, 28), LeaveType.MATERNITY, child_order=4)
    assert "cuti besar" in str(refused.value)
    FamilyMember.objects.create(staff=office.staff.staff, relation="anak", full_name="Anak Pertama")
    request = submit(office.staff, D(2026, 12, 1), D(2027, 2, 28), LeaveType.MATERNITY, child_order=3)
    assert request.warnings and "1 anak" in request.warnings[0]


def test_important_reason_needs_a_reason_from_the_list_and_an_attachment(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 1), D(2026, 12, 2), LeaveType.IMPORTANT_REASON)
    assert "Pilih alasan penting" in str(refused.value) and "dokumen pendukung" in str(refused.value)
    request = submit(
        office.staff, D(2026, 12, 1), D(2026, 12, 2), LeaveType.IMPORTANT_REASON,
        important_reason="keluarga_sakit", attachments=[note("surat-rs.pdf")],
    )  # fmt: skip
    assert request.important_reason == "keluarga_sakit"


def test_pppk_staff_take_only_the_pppk_types(office):
    staff = office.colleague.staff
    Staff.objects.filter(pk=staff.pk).update(employment_type=Staff.EmploymentType.PPPK)
    office.colleague.staff.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        submit(office.colleague, D(2026, 12, 1), D(2026, 12, 2), LeaveType.IMPORTANT_REASON,
               important_reason="bencana", attachments=[note()])  # fmt: skip
    assert "PP 49/2018" in str(refused.value)


def test_cuti_bersama_cannot_be_requested(office):
    with pytest.raises(ValidationError) as refused:
        submit(office.staff, D(2026, 12, 24), D(2026, 12, 24), LeaveType.COLLECTIVE)
    assert "ditetapkan pemerintah" in str(refused.value)


def test_cltn_is_for_pns_with_five_years_and_at_most_three_years(office):
    with pytest.raises(ValidationError):
        submit(office.staff, D(2027, 1, 4), D(2030, 1, 4), LeaveType.UNPAID, attachments=[note()])
    request = submit(office.staff, D(2027, 1, 4), D(2030, 1, 3), LeaveType.UNPAID, attachments=[note()])
    assert request.calendar_days == 1096


# --- opening balances --------------------------------------------------------------------------------


def test_an_opening_balance_is_audited_and_replaces_the_computed_carry(office):
    row = services.set_opening_balance(
        actor=office.admin,
        staff=office.staff.staff,
        year=2026,
        remaining_previous=3,
        remaining_before_previous=1,
    )
    ledger = ledger_for(office.staff.staff, through_year=2026)
    assert ledger.start_year == 2026 and ledger.year(2026).available == 16
    assert ledger.year(2026).remaining == 8  # 16 - 8 cuti bersama
    services.set_opening_balance(
        actor=office.admin,
        staff=office.staff.staff,
        year=2026,
        remaining_previous=6,
        remaining_before_previous=6,
    )
    assert ledger_for(office.staff.staff).year(2026).available == 24
    with pytest.raises(ValidationError):
        services.set_opening_balance(
            actor=office.admin,
            staff=office.staff.staff,
            year=2026,
            remaining_previous=7,
            remaining_before_previous=0,
        )
    with pytest.raises(PermissionDenied):
        services.set_opening_balance(
            actor=office.staff,
            staff=office.staff.staff,
            year=2026,
            remaining_previous=1,
            remaining_before_previous=0,
        )
    assert row.pk


def test_first_year_of_service_has_no_leave_and_cuti_bersama_does_not_go_negative(office):
    employee(office.colleague, service_start=D(2026, 2, 2))
    ledger = ledger_for(office.colleague.staff, through_year=2027)
    assert (ledger.year(2026).available, ledger.year(2026).collective_taken, ledger.year(2026).remaining) == (
        0,
        0,
        0,
    )
    assert ledger.year(2027).available == 12


def test_statement_across_2025_2026_2027_with_real_leave_and_cuti_bersama(office):
    approve(office, submit(office.staff, D(2025, 6, 9), D(2025, 6, 13)))  # 5 days of 2025's 12 -> 7 left
    approve(office, submit(office.staff, D(2026, 7, 6), D(2026, 7, 8)))  # 3 days
    ledger = ledger_for(office.staff.staff, through_year=2027)
    y25, y26, y27 = ledger.year(2025), ledger.year(2026), ledger.year(2027)
    assert (y25.available, y25.used, y25.remaining) == (12, 5, 7)
    # 2026: 12 + 6 (capped from 7) = 18; 8 cuti bersama and 3 taken -> 7 left.
    assert (y26.available, y26.collective_taken, y26.used, y26.remaining) == (18, 8, 3, 7)
    # The 2025 bucket (6) was used up first by 2026's deductions; 2026's own bucket keeps 7 -> 6 carried.
    assert (y27.carried_previous, y27.carried_before_previous, y27.available) == (6, 0, 18)


# --- notifications -----------------------------------------------------------------------------------


def test_the_next_actor_and_the_requester_are_notified_at_each_step(
    office, django_capture_on_commit_callbacks
):
    from lontar.core.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        request = submit(office.staff, D(2026, 12, 1), D(2026, 12, 2))
    assert Notification.objects.filter(recipient=office.kasi, title__contains="pertimbangan").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    assert Notification.objects.filter(recipient=office.camat, title__contains="keputusan").exists()
    assert Notification.objects.filter(recipient=office.staff, title__contains="pertimbangan").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(request=request, actor=office.camat, decision=services.Decision.APPROVE)
    assert Notification.objects.filter(recipient=office.staff, title__contains="disetujui").exists()
    assert Notification.objects.filter(recipient=office.kasi, title__contains="disetujui").exists()
