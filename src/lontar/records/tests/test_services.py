"""Records services: classification import and editing, files and items, retention, loans, disposal."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.records import selectors, services
from lontar.records.models import (
    Classification,
    DisposalProposal,
    DisposalStatus,
    RecordFile,
    RecordFileStatus,
    RecordItem,
    RecordLoan,
)
from lontar.records.nav import records_work
from lontar.records.tests.conftest import inactive_file, make_file

pytestmark = pytest.mark.django_db

TOP_LEVEL = ["000", "100", "200", "300", "400", "500", "600", "700", "800", "900"]


def csv_upload(text: str, name: str = "kode.csv"):
    handle = io.BytesIO(text.encode("utf-8"))
    handle.name = name
    return handle


def audit_count() -> int:
    return AuditEvent.objects.count()


# --- classification ----------------------------------------------------------------------------------


def test_shipped_tree_has_every_top_level_group_and_second_level_and_old_scheme():
    counts = services.import_shipped_classification()
    assert counts["create"] == Classification.objects.count() > 300
    current = Classification.objects.filter(scheme="83/2022")
    assert sorted(current.filter(parent__isnull=True).values_list("code", flat=True)) == TOP_LEVEL
    for code in TOP_LEVEL:
        assert current.filter(parent__code=code).exists(), code
    assert current.get(code="000.5.6.2").parent.code == "000.5.6"
    assert current.get(code="800.1.11.13").parent.code == "800.1.11"
    old = Classification.objects.filter(scheme="78/2012")
    assert old.get(code="850").title == "Cuti"
    assert old.get(code="850").parent.code == "800"
    assert old.get(code="010").parent.code == "000"
    # Nothing invented: codes without a sourced JRA carry no retention and say so.
    assert not current.exclude(active_years=None).exists()
    assert set(current.values_list("retention_note", flat=True)) == {"belum ditetapkan"}


def test_importing_the_shipped_tree_twice_changes_nothing_the_second_time():
    services.import_shipped_classification()
    events = audit_count()
    counts = services.import_shipped_classification()
    assert counts["create"] == counts["update"] == 0
    assert counts["unchanged"] == Classification.objects.count()
    assert audit_count() == events


def test_import_command_reports_created_and_updated(tmp_path):
    out = io.StringIO()
    call_command("import_classification", stdout=out)
    assert "0 diubah" in out.getvalue()
    path = tmp_path / "jra.csv"
    path.write_text(
        "code,title,active_years,inactive_years,final_disposition\n"
        "000.1.2.3,Perjalanan Dinas Pegawai,2,3,Musnah\n"
    )
    out = io.StringIO()
    call_command("import_classification", str(path), stdout=out)
    assert out.getvalue().strip() == "0 dibuat, 1 diubah, 0 tidak berubah."
    code = Classification.objects.get(scheme="83/2022", code="000.1.2.3")
    assert (code.active_years, code.inactive_years, code.final_disposition) == (2, 3, "musnah")
    assert code.parent.code == "000.1.2"


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row():
    text = (
        "scheme,code,title,active_years,inactive_years,final_disposition,note\n"
        "83/2022,000,Umum,,,,\n"
        "83/2022,000.x,Salah,,,,\n"
        "83/2022,000.1,,2,3,musnah,\n"
        "83/2022,000.2,Perlengkapan,dua,3,hancur,\n"
    )
    preview = services.parse_rows(services.read_table(csv_upload(text)))
    assert preview.errors == [
        "Baris 3: kode “000.x” tidak sah.",
        "Baris 4: uraian wajib diisi.",
        "Baris 5: keterangan akhir “hancur” tidak dikenal (musnah, permanen, dinilai kembali).",
        "Baris 5: retensi aktif harus berupa angka tahun 0 sampai 100, bukan “dua”.",
    ]
    with pytest.raises(ValidationError):
        services.import_classifications(actor=None, preview=preview)
    assert Classification.objects.count() == 0


def test_xlsx_upload_is_read_like_csv():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kode", "uraian", "aktif", "inaktif", "keterangan akhir"])
    sheet.append(["000", "Umum", None, None, None])
    sheet.append(["000.5", "Kearsipan", 2, 8, "Permanen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "jra.xlsx"
    preview = services.parse_rows(services.read_table(buffer))
    assert not preview.errors
    counts = services.import_classifications(actor=None, preview=preview)
    assert counts["create"] == 2
    assert Classification.objects.get(code="000.5").final_disposition == "permanen"


def test_only_the_city_administrator_edits_the_tree_and_a_refusal_changes_nothing(district, org_admin, city):
    services.import_shipped_classification()
    code = Classification.objects.get(scheme="83/2022", code="000.1.2.3")
    events = audit_count()
    with pytest.raises(PermissionDenied):
        services.update_classification(actor=org_admin, classification=code, active_years=9)
    code.refresh_from_db()
    assert code.active_years is None and audit_count() == events

    city_admin = member(city, Role.CITY_ADMIN)
    services.update_classification(
        actor=city_admin, classification=code, active_years=2, inactive_years=3, final_disposition="musnah"
    )
    code.refresh_from_db()
    assert (code.active_years, code.inactive_years, code.final_disposition) == (2, 3, "musnah")
    event = AuditEvent.objects.latest("pk")
    assert event.action == "records.classification_update"
    assert event.before == {"active_years": None, "inactive_years": None, "final_disposition": ""}


# --- files and items ---------------------------------------------------------------------------------


def test_filing_links_the_object_and_filing_it_again_returns_the_same_item(district, keeper, short_code):
    record_file = make_file(keeper, district, short_code, opened=dt.date(2026, 1, 5))
    letter = member(district, Role.STAFF)  # any model instance stands in for a letter
    item = services.file_item(
        actor=keeper,
        record_file=record_file,
        obj=letter,
        description="Surat undangan",
        item_date=dt.date(2026, 1, 6),
    )
    again = services.file_item(
        actor=keeper,
        record_file=record_file,
        obj=letter,
        description="Surat undangan",
        item_date=dt.date(2026, 1, 6),
    )
    assert again.pk == item.pk
    assert item.linked == letter
    assert RecordItem.objects.filter(record_file=record_file).count() == 1
    assert AuditEvent.objects.filter(action="records.item_file").count() == 1


def test_a_closed_file_takes_no_more_items(district, keeper, short_code):
    record_file = make_file(
        keeper, district, short_code, opened=dt.date(2026, 1, 5), closed=dt.date(2026, 2, 1)
    )
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.file_item(
            actor=keeper, record_file=record_file, description="Telat", item_date=dt.date(2026, 2, 2)
        )
    assert not RecordItem.objects.exists()


def test_closing_fixes_the_retention_from_the_closing_date(district, keeper, short_code):
    record_file = make_file(
        keeper, district, short_code, opened=dt.date(2024, 1, 5), closed=dt.date(2024, 2, 29)
    )
    assert record_file.active_until == dt.date(2026, 2, 28)
    assert record_file.retention_until == dt.date(2029, 2, 28)
    # A later change of the schedule does not move a closed file.
    Classification.objects.filter(pk=short_code.pk).update(active_years=10)
    record_file.refresh_from_db()
    assert record_file.active_years == 2


def test_staff_may_read_but_not_open_files_and_a_refusal_saves_nothing(district, staff_user, short_code):
    events = audit_count()
    with pytest.raises(PermissionDenied):
        make_file(staff_user, district, short_code)
    assert not RecordFile.objects.exists() and audit_count() == events


def test_file_numbers_are_unique_per_office(district, keeper, short_code):
    make_file(keeper, district, short_code, number="BRK/7")
    with pytest.raises(ValidationError, match="sudah dipakai"):
        make_file(keeper, district, short_code, number="brk/7")


# --- retention -----------------------------------------------------------------------------------------


def test_retention_job_is_exact_at_the_boundary_and_idempotent(district, keeper, short_code):
    record_file = make_file(
        keeper, district, short_code, opened=dt.date(2020, 1, 2), closed=dt.date(2020, 3, 2)
    )
    assert record_file.active_until == dt.date(2022, 3, 2)

    assert services.apply_retention(today=dt.date(2022, 3, 1)) == 0
    record_file.refresh_from_db()
    assert record_file.status == RecordFileStatus.ACTIVE

    assert services.apply_retention(today=dt.date(2022, 3, 2)) == 1
    events = audit_count()
    assert services.apply_retention(today=dt.date(2022, 3, 2)) == 0
    assert services.apply_retention() == 0
    record_file.refresh_from_db()
    assert record_file.status == RecordFileStatus.INACTIVE
    assert audit_count() == events
    event = AuditEvent.objects.get(action="records.recordfile.deactivate")
    assert event.actor is None and event.object_id == str(record_file.pk)


def test_retention_leaves_open_files_and_files_without_a_schedule_alone(district, keeper, short_code):
    unscheduled = Classification.objects.create(code="000.9", title="Penelitian")
    make_file(keeper, district, short_code, number="OPEN", opened=dt.date(2000, 1, 3))
    make_file(
        keeper, district, unscheduled, number="NOJRA", opened=dt.date(2000, 1, 3), closed=dt.date(2000, 2, 1)
    )
    assert services.apply_retention() == 0
    assert set(RecordFile.objects.values_list("status", flat=True)) == {RecordFileStatus.ACTIVE}


def test_apply_retention_command_runs_the_same_job(district, keeper, short_code):
    make_file(keeper, district, short_code, opened=dt.date(2020, 1, 2), closed=dt.date(2020, 3, 2))
    out = io.StringIO()
    call_command("apply_retention", "--tanggal", "2022-03-02", stdout=out)
    assert out.getvalue().strip() == "1 berkas dipindahkan menjadi inaktif."


# --- loans ---------------------------------------------------------------------------------------------


def test_a_loan_is_due_after_working_days_and_shows_as_overdue_later(
    district, keeper, staff_user, short_code
):
    record_file = make_file(keeper, district, short_code)
    loan_date = dt.date(2026, 11, 20)  # a Friday
    loan = services.lend_file(
        actor=keeper, record_file=record_file, borrower=staff_user, purpose="Bahan audit", loan_date=loan_date
    )
    assert loan.due_date == add_working_days(loan_date, 5, organisation=district)
    assert loan.due_date.weekday() < 5
    with pytest.raises(ValidationError, match="sedang dipinjam"):
        services.lend_file(actor=keeper, record_file=record_file, borrower=staff_user, purpose="Lagi")
    if loan.due_date < organisation_today(district):
        assert list(selectors.overdue_loans(keeper)) == [loan]
    services.return_loan(actor=keeper, loan=loan, returned_on=dt.date(2026, 11, 23))
    assert not selectors.overdue_loans(keeper).exists()
    assert [
        e.action for e in AuditEvent.objects.filter(action__startswith="records.loan").order_by("pk")
    ] == [
        "records.loan_create",
        "records.loan_return",
    ]


def test_an_overdue_loan_appears_in_the_keepers_pending_work(district, keeper, staff_user, short_code):
    record_file = make_file(keeper, district, short_code)
    services.lend_file(
        actor=keeper,
        record_file=record_file,
        borrower=staff_user,
        purpose="Bahan",
        loan_date=dt.date(2025, 1, 6),
    )
    work = {item.label: item.count for item in records_work(keeper)}
    assert work["Peminjaman arsip terlambat kembali"] == 1
    assert records_work(staff_user) == []


def test_a_borrower_from_another_office_is_refused(district, keeper, foreign_user, short_code):
    record_file = make_file(keeper, district, short_code)
    with pytest.raises(ValidationError, match="pegawai kantor ini"):
        services.lend_file(actor=keeper, record_file=record_file, borrower=foreign_user, purpose="x")
    assert not RecordLoan.objects.exists()


# --- disposal ------------------------------------------------------------------------------------------


def test_only_due_musnah_files_can_be_proposed_for_destruction(district, keeper, short_code, permanent_code):
    due = inactive_file(keeper, district, short_code, "A")
    permanent = inactive_file(keeper, district, permanent_code, "B")
    still_active = make_file(keeper, district, short_code, number="C", opened=dt.date(2026, 1, 5))
    assert list(selectors.files_due_for_disposal(keeper, "musnah")) == [due]
    work = {item.label: item.count for item in records_work(keeper)}
    assert work["Berkas jatuh tempo musnah"] == 1
    assert work["Berkas jatuh tempo diserahkan (permanen)"] == 1
    with pytest.raises(ValidationError) as caught:
        services.propose_disposal(
            actor=keeper, organisation=district, kind="musnah", files=[due, permanent, still_active]
        )
    assert len(caught.value.message_dict["files"]) == 2
    assert not DisposalProposal.objects.exists()
    proposal = services.propose_disposal(actor=keeper, organisation=district, kind="musnah", files=[due])
    assert not proposal.needs_higher_approval
    # A file sits in one open proposal at a time.
    with pytest.raises(ValidationError, match="usul lain"):
        services.propose_disposal(actor=keeper, organisation=district, kind="musnah", files=[due])
    assert list(selectors.files_due_for_disposal(keeper, "musnah")) == []
    assert "Berkas jatuh tempo musnah" not in {i.label for i in records_work(keeper)}


def test_head_approval_issues_a_signed_berita_acara_and_destroys_the_files(
    district, keeper, signing_head, short_code, report_numbering, documents_storage
):
    first = inactive_file(keeper, district, short_code, "A")
    second = inactive_file(keeper, district, short_code, "B")
    proposal = services.propose_disposal(
        actor=keeper, organisation=district, kind="musnah", files=[first, second]
    )
    assert {i.label for i in records_work(signing_head)} == {"Usul penyusutan arsip menunggu keputusan"}

    services.approve_disposal(actor=signing_head, proposal=proposal)

    proposal.refresh_from_db()
    assert proposal.status == DisposalStatus.APPROVED and proposal.decided_by == signing_head
    report = proposal.report
    year = organisation_today(district).year
    assert report.number == f"000.5.6.2/001/Kec.Satu/{year}"
    assert report.signed and report.document_type == "berita-acara"
    with report.file.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "BERITA ACARA PEMUSNAHAN ARSIP" in text.upper() and "Berkas A" in text and "Berkas B" in text
    assert set(RecordFile.objects.values_list("status", flat=True)) == {RecordFileStatus.DESTROYED}
    actions = list(AuditEvent.objects.filter(action__startswith="records.").values_list("action", flat=True))
    assert actions.count("records.recordfile.destroy") == 2
    assert "records.disposal_approve" in actions and "records.disposalproposal.approve" in actions


def test_long_retention_needs_the_higher_approval_reference(
    district, keeper, signing_head, long_code, report_numbering, documents_storage
):
    record_file = inactive_file(keeper, district, long_code)
    proposal = services.propose_disposal(
        actor=keeper, organisation=district, kind="musnah", files=[record_file]
    )
    assert proposal.needs_higher_approval
    with pytest.raises(ValidationError, match="Kepala ANRI"):
        services.approve_disposal(actor=signing_head, proposal=proposal)
    proposal.refresh_from_db()
    record_file.refresh_from_db()
    assert proposal.status == DisposalStatus.PROPOSED and record_file.status == RecordFileStatus.INACTIVE
    services.approve_disposal(
        actor=signing_head, proposal=proposal, higher_approval_reference="B-123/ANRI/2026"
    )
    proposal.refresh_from_db()
    assert proposal.higher_approval_reference == "B-123/ANRI/2026"


def test_a_denied_approval_changes_nothing(district, keeper, short_code, report_numbering):
    record_file = inactive_file(keeper, district, short_code)
    proposal = services.propose_disposal(
        actor=keeper, organisation=district, kind="musnah", files=[record_file]
    )
    events = audit_count()
    with pytest.raises(PermissionDenied):
        services.approve_disposal(actor=keeper, proposal=proposal)
    with pytest.raises(PermissionDenied):
        services.reject_disposal(actor=keeper, proposal=proposal, reason="Saya sendiri")
    proposal.refresh_from_db()
    record_file.refresh_from_db()
    assert proposal.status == DisposalStatus.PROPOSED and proposal.report is None
    assert record_file.status == RecordFileStatus.INACTIVE
    assert audit_count() == events


def test_rejection_needs_a_reason_and_frees_the_files(district, keeper, signing_head, short_code):
    record_file = inactive_file(keeper, district, short_code)
    proposal = services.propose_disposal(
        actor=keeper, organisation=district, kind="musnah", files=[record_file]
    )
    with pytest.raises(ValidationError, match="Alasan"):
        services.reject_disposal(actor=signing_head, proposal=proposal, reason="  ")
    services.reject_disposal(actor=signing_head, proposal=proposal, reason="Masih dipakai untuk pemeriksaan")
    proposal.refresh_from_db()
    assert proposal.status == DisposalStatus.REJECTED
    assert proposal.rejection_reason == "Masih dipakai untuk pemeriksaan"
    assert list(selectors.files_due_for_disposal(keeper, "musnah")) == [record_file]


def test_permanent_files_are_transferred_with_a_berita_acara_serah_terima(
    district, keeper, signing_head, permanent_code, report_numbering, documents_storage
):
    record_file = inactive_file(keeper, district, permanent_code)
    proposal = services.propose_disposal(
        actor=keeper, organisation=district, kind="permanen", files=[record_file]
    )
    services.approve_disposal(actor=signing_head, proposal=proposal)
    record_file.refresh_from_db()
    assert record_file.status == RecordFileStatus.TRANSFERRED
    proposal.refresh_from_db()
    assert proposal.report.number.startswith("000.5.6.3/001/")


def test_without_a_numbering_format_approval_fails_cleanly(district, keeper, signing_head, short_code):
    record_file = inactive_file(keeper, district, short_code)
    proposal = services.propose_disposal(
        actor=keeper, organisation=district, kind="musnah", files=[record_file]
    )
    with pytest.raises(ValidationError, match="templat penomoran"):
        services.approve_disposal(actor=signing_head, proposal=proposal)
    record_file.refresh_from_db()
    assert record_file.status == RecordFileStatus.INACTIVE


def test_files_are_found_by_search_by_their_readers_only(
    district, keeper, staff_user, foreign_user, short_code
):
    from lontar.core.search.selectors import search

    record_file = make_file(keeper, district, short_code, opened=dt.date(2026, 1, 5))
    services.file_item(
        actor=keeper,
        record_file=record_file,
        description="Laporan perjalanan ke Bandung",
        item_date=dt.date(2026, 1, 9),
    )
    hits = search(staff_user, "Bandung")
    assert [hit.url for hit in hits] == [f"/arsip/berkas/{record_file.pk}/"]
    assert search(foreign_user, "Bandung") == []


def test_other_modules_find_the_open_files_of_a_code_and_where_an_object_is_filed(
    district, keeper, short_code
):
    open_file = make_file(keeper, district, short_code, number="OPEN", opened=dt.date(2026, 1, 5))
    make_file(
        keeper, district, short_code, number="CLOSED", opened=dt.date(2026, 1, 5), closed=dt.date(2026, 1, 6)
    )
    assert list(selectors.open_files_of(district, classification_code="000.1.2.3")) == [open_file]
    assert list(selectors.open_files_of(district, classification_code="000.5")) == []
    letter = member(district, Role.STAFF)
    services.file_item(
        actor=keeper, record_file=open_file, obj=letter, description="x", item_date=dt.date(2026, 1, 6)
    )
    assert list(selectors.files_holding(letter)) == [open_file]


def test_re_appraisal_files_are_listed_but_cannot_be_proposed(client, district, keeper, short_code):
    from django.urls import reverse

    reappraise = Classification.objects.create(
        code="000.7",
        title="Perencanaan Pembangunan",
        active_years=1,
        inactive_years=1,
        final_disposition="dinilai_kembali",
    )
    record_file = inactive_file(keeper, district, reappraise)
    assert list(selectors.files_due_for_disposal(keeper, "dinilai_kembali")) == [record_file]
    client.force_login(keeper)
    page = client.get(reverse("records:due_list"), {"keterangan": "dinilai_kembali"}).content.decode()
    assert record_file.number in page and "Usulkan" not in page
    assert client.get(reverse("records:proposal_create"), {"jenis": "dinilai_kembali"}).status_code == 404
    with pytest.raises(ValidationError):
        services.propose_disposal(
            actor=keeper, organisation=district, kind="dinilai_kembali", files=[record_file]
        )


def test_the_retention_task_runs_the_job(district, keeper, short_code, settings):
    from lontar.records.tasks import apply_retention_task

    make_file(keeper, district, short_code, opened=dt.date(2020, 1, 2), closed=dt.date(2020, 3, 2))
    result = apply_retention_task.using(backend="default").call()
    assert result == 1
    assert RecordFile.objects.get().status == RecordFileStatus.INACTIVE
