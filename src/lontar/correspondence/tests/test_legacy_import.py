"""The buku agenda surat masuk import: exact imports of common layouts, malformed files that change
nothing, re-imports without duplicates, and agenda numbers that keep counting after the import."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.imports import services
from lontar.core.imports.models import BatchStatus, ImportBatch, ImportRow, RowOutcome
from lontar.core.imports.registry import get_importer
from lontar.core.models import AuditEvent, NumberCounter, Role, StoredFile
from lontar.core.numbering.services import take_number
from lontar.core.tests.factories import member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.correspondence.importers import INCOMING_REGISTER_KIND
from lontar.correspondence.models import AGENDA_DOCUMENT_TYPE, IncomingLetter, SecurityClass, Urgency
from lontar.correspondence.tests.legacy_import_helpers import (
    LAYOUT_A,
    LAYOUT_B,
    LAYOUT_C,
    agenda_template,
    layout_a_rows,
    layout_b_rows,
    workbook_file,
)
from lontar.records.models import ClassificationScheme
from lontar.records.tests.factories import ClassificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_desk(district):
    return member(district, Role.FRONT_DESK)


@pytest.fixture
def codes():
    return ClassificationFactory(code="000.1.2", title="Rapat")


def _upload(actor, organisation, uploaded, **kwargs):
    return services.upload(
        actor=actor, organisation=organisation, kind=INCOMING_REGISTER_KIND, uploaded_file=uploaded, **kwargs
    )


def _layout_a_file(**kwargs):
    return workbook_file(
        LAYOUT_A,
        layout_a_rows(),
        titles=("BUKU AGENDA SURAT MASUK", "KECAMATAN SATU TAHUN 2025"),
        numbering_row=True,
        trailing_empty=5,
        **kwargs,
    )


def test_a_register_with_a_merged_title_and_excel_dates_imports_exactly(district, front_desk, codes):
    batch = _upload(front_desk, district, _layout_a_file())

    assert batch.status == BatchStatus.PREVIEWED
    assert batch.header_row == 4
    assert (batch.total_rows, batch.valid_rows, batch.error_rows, batch.duplicate_rows) == (3, 3, 0, 0)
    assert IncomingLetter.objects.count() == 0, "nothing is written before the confirmation"

    batch = services.confirm(actor=front_desk, batch=batch)

    assert batch.status == BatchStatus.CONFIRMED and batch.created_rows == 3
    letters = list(IncomingLetter.objects.order_by("agenda_sequence"))
    assert [(x.agenda_number, x.agenda_year, x.agenda_sequence) for x in letters] == [
        ("1", 2025, 1),
        ("2", 2025, 2),
        ("3", 2025, 3),
    ]
    first = letters[0]
    assert first.organisation == district
    assert first.received_date == dt.date(2025, 3, 3)
    assert first.sender_date == dt.date(2025, 3, 1)
    assert first.sender_name == "Kelurahan Mekarsari"
    assert first.sender_number == "005/12/Kel.Mks/2025"
    assert first.subject == "Undangan rapat koordinasi"
    assert first.classification == codes
    assert first.enclosures == 1
    assert first.status == "tercatat"
    assert first.registered_by == front_desk
    assert letters[1].enclosures == 0 and letters[1].classification is None
    assert letters[2].sender_date is None
    assert AuditEvent.objects.filter(action="correspondence.incoming_import").count() == 3
    assert list(ImportRow.objects.filter(batch=batch).values_list("outcome", flat=True)) == ["created"] * 3


def test_a_register_with_text_dates_sifat_and_keterangan_imports_exactly(district, front_desk):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    assert batch.header_row == 1 and batch.error_rows == 0, list(batch.rows.values_list("errors", flat=True))

    services.confirm(actor=front_desk, batch=batch)

    letters = {x.agenda_number: x for x in IncomingLetter.objects.all()}
    assert set(letters) == {"101", "102", "103"}
    assert letters["101"].received_date == dt.date(2025, 3, 12)
    assert letters["101"].sender_date == dt.date(2025, 3, 10)
    assert letters["101"].urgency == Urgency.URGENT
    assert letters["101"].summary == "Keterangan: asli diterima"
    assert letters["102"].received_date == dt.date(2025, 3, 12)
    assert letters["102"].sender_date == dt.date(2025, 3, 11)
    assert letters["102"].agenda_sequence == 102
    assert letters["103"].security == SecurityClass.CONFIDENTIAL
    assert letters["103"].sender_number == ""


def test_isi_ringkas_becomes_the_subject_when_there_is_no_perihal_column(district, front_desk):
    ClassificationFactory(
        code="400.10", title="Pemerintahan lama", scheme=ClassificationScheme.PERMENDAGRI_78_2012
    )
    rows = [["SM-7/2025", "05/05/2025", "Kelurahan Satu", "1/2025", "Permohonan data", "400.10"]]
    batch = _upload(
        front_desk, district, workbook_file(LAYOUT_C, rows, titles=("AGENDA SURAT MASUK", "TAHUN 2025"))
    )
    assert batch.mapping["subject"] == 4 and "summary" not in batch.mapping

    services.confirm(actor=front_desk, batch=batch)

    letter = IncomingLetter.objects.get()
    assert (letter.agenda_number, letter.agenda_sequence, letter.subject) == (
        "SM-7/2025",
        7,
        "Permohonan data",
    )
    assert letter.classification.scheme == ClassificationScheme.PERMENDAGRI_78_2012


def test_re_importing_the_same_file_creates_no_duplicates(district, front_desk, codes):
    services.confirm(actor=front_desk, batch=_upload(front_desk, district, _layout_a_file()))

    again = _upload(front_desk, district, _layout_a_file())
    assert (again.valid_rows, again.duplicate_rows) == (0, 3)
    again = services.confirm(actor=front_desk, batch=again)

    assert IncomingLetter.objects.count() == 3
    assert again.created_rows == 0
    assert set(ImportRow.objects.filter(batch=again).values_list("outcome", flat=True)) == {
        RowOutcome.DUPLICATE
    }


def test_a_letter_already_registered_by_hand_is_skipped_by_sender_and_number(district, front_desk, codes):
    IncomingLetter.objects.create(
        organisation=district,
        agenda_number="0009/SM/Kec.Satu/2025",
        agenda_year=2025,
        agenda_sequence=9,
        sender_name="Lurah",
        sender_institution="Kelurahan Mekarsari",
        sender_number="005 / 12 / kel.mks/2025",
        received_date=dt.date(2025, 3, 3),
        subject="Undangan rapat koordinasi",
    )
    batch = services.confirm(actor=front_desk, batch=_upload(front_desk, district, _layout_a_file()))

    assert (batch.created_rows, batch.duplicate_rows) == (2, 1)
    assert IncomingLetter.objects.filter(sender_number="005/12/Kel.Mks/2025").count() == 0


def test_rows_repeated_inside_one_file_are_imported_once(district, front_desk):
    rows = layout_b_rows()
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, [*rows, rows[0]]))
    assert (batch.valid_rows, batch.duplicate_rows) == (3, 1)
    services.confirm(actor=front_desk, batch=batch)
    assert IncomingLetter.objects.count() == 3


def test_a_new_registration_after_the_import_numbers_above_the_imported_sequences(
    district, front_desk, org_admin
):
    agenda_template(district, org_admin)
    take_number(
        organisation=district,
        document_type=AGENDA_DOCUMENT_TYPE,
        actor=front_desk,
        on_date=dt.date(2025, 1, 2),
    )
    services.confirm(
        actor=front_desk, batch=_upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    )

    issued = take_number(
        organisation=district,
        document_type=AGENDA_DOCUMENT_TYPE,
        actor=front_desk,
        on_date=dt.date(2025, 12, 1),
    )

    assert issued.sequence == 104
    assert AuditEvent.objects.filter(action="numbering.counter_advance").count() == 1


def test_the_counter_is_advanced_even_before_the_office_has_an_agenda_template(district, front_desk):
    services.confirm(
        actor=front_desk, batch=_upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    )
    counter = NumberCounter.objects.get(organisation=district, year=2025)
    assert (counter.scope_key, counter.last_value) == (f"type:{AGENDA_DOCUMENT_TYPE}", 103)


# --- malformed workbooks ---------------------------------------------------------------------------


def _bad_rows():
    return [
        ["1", "31/02/2025", "Kelurahan Satu", "1/2025", "", "Data", "biasa", ""],  # no 31 February
        ["2", "kemarin", "Kelurahan Dua", "2/2025", "", "Data", "biasa", ""],  # not a date
        ["", "12/03/2025", "", "3/2025", "", "", "biasa", ""],  # agenda, sender, subject missing
        ["4", "12/03/2025", "Kelurahan Empat", "4/2025", "13/03/2025", "Data", "penting sekali", ""],
        ["5", "12/03/2025", "Kelurahan Lima", "5/2025", "", "Data", "biasa", ""],  # this one is fine
    ]


def test_a_malformed_register_changes_nothing_and_reports_row_errors_in_indonesian(district, front_desk):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, _bad_rows()))
    assert (batch.valid_rows, batch.error_rows) == (1, 4)
    messages = [m for row in batch.rows.order_by("row_number") for m in row.errors]
    assert messages == [
        "Baris 2, kolom “TANGGAL DITERIMA”: tanggal “31/02/2025” tidak dikenali; tulis seperti 12/03/2025 "
        "atau 12 Maret 2025.",
        "Baris 3, kolom “TANGGAL DITERIMA”: tanggal “kemarin” tidak dikenali; tulis seperti 12/03/2025 atau "
        "12 Maret 2025.",
        "Baris 4, kolom “NO”: wajib diisi.",
        "Baris 4, kolom “PENGIRIM”: wajib diisi.",
        "Baris 4, kolom “HAL”: wajib diisi.",
        "Baris 5, kolom “TGL SURAT”: tanggal surat tidak boleh sesudah tanggal diterima.",
        "Baris 5, kolom “SIFAT”: sifat “penting sekali” tidak dikenal; pakai biasa, segera, sangat segera, "
        "terbatas, atau rahasia.",
    ]
    events_before = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.confirm(actor=front_desk, batch=batch)

    assert "4 baris bergalat" in refused.value.messages[0]
    assert IncomingLetter.objects.count() == 0
    assert not NumberCounter.objects.exists()
    assert AuditEvent.objects.count() == events_before
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED


def test_valid_rows_only_imports_the_good_rows_and_records_the_bad_ones(district, front_desk):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, _bad_rows()))
    batch = services.confirm(actor=front_desk, batch=batch, valid_only=True)
    assert IncomingLetter.objects.get().agenda_number == "5"
    outcomes = list(batch.rows.order_by("row_number").values_list("outcome", flat=True))
    assert outcomes == ["error", "error", "error", "error", "created"]


def test_an_unknown_classification_code_is_a_row_error(district, front_desk, codes):
    rows = layout_a_rows()
    rows[1][6] = "999.9.9"
    batch = _upload(front_desk, district, workbook_file(LAYOUT_A, rows))
    assert batch.error_rows == 1
    assert batch.rows.get(row_number=3).errors == [
        "Baris 3, kolom “Kode”: kode klasifikasi “999.9.9” tidak dikenal."
    ]
    with pytest.raises(ValidationError):
        services.confirm(actor=front_desk, batch=batch)
    assert IncomingLetter.objects.count() == 0


def test_a_register_missing_a_required_column_stays_a_draft_and_cannot_be_confirmed(district, front_desk):
    headers = ["No. Agenda", "Asal Surat", "Perihal", "Nomor Surat"]  # no received date
    batch = _upload(front_desk, district, workbook_file(headers, [["1", "Kelurahan", "Data", "1/2025"]]))
    assert batch.status == BatchStatus.DRAFT
    assert services.missing_required(get_importer(batch.kind), batch.mapping) == ["Tanggal diterima"]
    with pytest.raises(ValidationError) as refused:
        services.confirm(actor=front_desk, batch=batch)
    assert "pratinjau" in refused.value.messages[0]
    assert IncomingLetter.objects.count() == 0


def test_a_pdf_renamed_xlsx_is_refused_and_nothing_is_stored(district, front_desk):
    with pytest.raises(ValidationError) as refused:
        _upload(front_desk, district, SimpleUploadedFile("agenda.xlsx", pdf_bytes("bukan excel")))
    assert "XLSX" in refused.value.messages[0]
    assert not ImportBatch.objects.exists() and not StoredFile.objects.exists()


def test_a_text_file_renamed_xlsx_is_refused(district, front_desk):
    with pytest.raises(ValidationError) as refused:
        _upload(front_desk, district, SimpleUploadedFile("agenda.xlsx", b"No;Tanggal;Perihal\n1;2;3\n"))
    assert "Jenis berkas tidak diizinkan" in refused.value.messages[0]
    assert not ImportBatch.objects.exists()


def test_a_workbook_whose_sheet_is_damaged_is_refused_and_nothing_is_stored(district, front_desk):
    good = workbook_file(LAYOUT_B, layout_b_rows()).read()
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off mid-element, as a broken download leaves it
            target.writestr(item, data)
    with pytest.raises(ValidationError) as refused:
        _upload(front_desk, district, SimpleUploadedFile("agenda.xlsx", damaged.getvalue()))
    assert refused.value.messages == [
        "Berkas tidak dapat dibaca sebagai buku kerja Excel (XLSX). "
        "Simpan ulang dari Excel, lalu unggah lagi."
    ]
    assert not ImportBatch.objects.exists() and not StoredFile.objects.exists()


def test_a_workbook_without_register_headers_is_refused_with_a_hint(district, front_desk):
    with pytest.raises(ValidationError) as refused:
        _upload(front_desk, district, workbook_file(["Nama", "Alamat"], [["Budi", "Jl. Satu"]]))
    assert "Baris judul kolom tidak ditemukan" in refused.value.messages[0]
    assert "“No. Agenda”" in refused.value.messages[0]


def test_too_many_rows_are_refused_with_the_limit_in_the_message(district, front_desk, settings):
    settings.LONTAR_IMPORT_MAX_ROWS = 2
    with pytest.raises(ValidationError) as refused:
        _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    assert refused.value.messages == [
        "Lembar kerja berisi lebih dari 2 baris data. Pecah berkas menjadi beberapa bagian."
    ]


def test_a_file_above_the_size_limit_is_refused(district, front_desk, settings):
    settings.LONTAR_IMPORT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    assert "melebihi batas impor" in refused.value.messages[0]


# --- mapping, cancel, permissions ---------------------------------------------------------------------


def test_remapping_a_column_changes_the_preview(district, front_desk):
    headers = ["No. Agenda", "Diterima", "Asal Surat", "Perihal"]
    batch = _upload(front_desk, district, workbook_file(headers, [["7", "01/04/2025", "Kelurahan", "Data"]]))
    assert batch.status == BatchStatus.DRAFT

    mapping = {**batch.mapping, "received_date": 1}
    batch = services.remap(actor=front_desk, batch=batch, mapping=mapping)

    assert batch.status == BatchStatus.PREVIEWED and batch.valid_rows == 1
    with pytest.raises(ValidationError):
        services.remap(actor=front_desk, batch=batch, mapping={**mapping, "subject": 1})
    assert AuditEvent.objects.filter(action="core.import.remap", object_id=str(batch.pk)).count() == 1


def test_a_cancelled_batch_cannot_be_confirmed(district, front_desk):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    services.cancel(actor=front_desk, batch=batch)
    with pytest.raises(ValidationError):
        services.confirm(actor=front_desk, batch=batch)
    assert IncomingLetter.objects.count() == 0
    assert AuditEvent.objects.filter(action="core.import.cancel").count() == 1


def test_staff_without_the_import_action_cannot_upload_or_confirm(district, front_desk, staff_user):
    with pytest.raises(PermissionDenied):
        _upload(staff_user, district, workbook_file(LAYOUT_B, layout_b_rows()))
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    with pytest.raises(PermissionDenied):
        services.confirm(actor=staff_user, batch=batch)
    assert IncomingLetter.objects.count() == 0


def test_a_user_of_another_office_cannot_confirm_the_batch(district, front_desk, other_district):
    outsider = member(other_district, Role.FRONT_DESK)
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    with pytest.raises(PermissionDenied):
        services.confirm(actor=outsider, batch=batch)
    assert IncomingLetter.objects.count() == 0


def test_every_step_is_audited(district, front_desk):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    services.confirm(actor=front_desk, batch=batch)
    actions = list(
        AuditEvent.objects.filter(object_type="core.importbatch", object_id=str(batch.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == ["core.import.upload", "core.import.preview", "core.import.confirm"]


# --- the queued confirmation ------------------------------------------------------------------------


def test_a_queued_confirmation_writes_the_rows_once_even_when_the_task_runs_twice(
    district, front_desk, django_capture_on_commit_callbacks
):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    with django_capture_on_commit_callbacks() as queued:
        batch = services.request_confirmation(actor=front_desk, batch=batch)
    assert batch.status == BatchStatus.CONFIRMING and len(queued) == 1
    assert IncomingLetter.objects.count() == 0
    with pytest.raises(ValidationError):
        services.cancel(actor=front_desk, batch=batch)

    assert services.run_confirmation(batch_id=batch.pk).status == BatchStatus.CONFIRMED
    assert services.run_confirmation(batch_id=batch.pk) is None
    assert IncomingLetter.objects.count() == 3


def test_a_confirmation_with_row_errors_is_refused_before_it_is_queued(
    district, front_desk, django_capture_on_commit_callbacks
):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, _bad_rows()))
    with django_capture_on_commit_callbacks() as queued, pytest.raises(ValidationError):
        services.request_confirmation(actor=front_desk, batch=batch)
    assert not queued
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED


def test_a_refused_queued_confirmation_returns_to_the_preview_with_the_reason(district, front_desk):
    batch = _upload(front_desk, district, workbook_file(LAYOUT_B, layout_b_rows()))
    services.request_confirmation(actor=front_desk, batch=batch)
    front_desk.memberships.update(is_active=False)

    batch = services.run_confirmation(batch_id=batch.pk)

    assert batch.status == BatchStatus.PREVIEWED
    assert batch.failure == "Pengunggah tidak lagi berhak mengimpor data ini."
    assert IncomingLetter.objects.count() == 0
    assert AuditEvent.objects.filter(action="core.import.confirm_failed").count() == 1
