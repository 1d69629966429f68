"""The buku agenda surat keluar import: two common layouts imported exactly after confirmation (and
nothing before), malformed files that change nothing, re-imports without duplicates, numbering that
continues after the imported sequences, office isolation and search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import resolve, reverse

from lontar.core.imports import services
from lontar.core.imports.models import BatchStatus, ImportRow, RowOutcome
from lontar.core.imports.registry import get_importer
from lontar.core.imports.selectors import notes_of
from lontar.core.models import AuditEvent, NumberCounter, Role
from lontar.core.numbering.formatting import roman_month
from lontar.core.numbering.models import IssuedNumber
from lontar.core.numbering.services import take_number
from lontar.core.search.selectors import search
from lontar.core.tests.factories import member
from lontar.core.workdays.calendar import organisation_today
from lontar.correspondence.importers import OUTGOING_REGISTER_KIND
from lontar.correspondence.models import (
    OutgoingDocument,
    OutgoingOrigin,
    OutgoingStatus,
    OutgoingType,
    ParafStep,
    SecurityClass,
    Urgency,
)
from lontar.correspondence.services import outgoing as outgoing_services
from lontar.correspondence.tests.legacy_import_helpers import (
    OUTGOING_LAYOUT_A,
    OUTGOING_LAYOUT_B,
    outgoing_layout_a_rows,
    outgoing_layout_b_rows,
    workbook_file,
)
from lontar.correspondence.tests.outgoing_helpers import (  # noqa: F401 (signing_setup is a fixture)
    build_office,
    draft,
    signing_setup,
    through_paraf,
)
from lontar.records.models import ClassificationScheme
from lontar.records.tests.factories import ClassificationFactory

pytestmark = pytest.mark.django_db
UPLOAD = reverse("core:import_upload", args=[OUTGOING_REGISTER_KIND])


@pytest.fixture
def office(district):
    return build_office(district)


@pytest.fixture
def front_desk(office):
    return member(office.org, Role.FRONT_DESK)


@pytest.fixture
def old_code():
    return ClassificationFactory(code="850", title="Cuti", scheme=ClassificationScheme.PERMENDAGRI_78_2012)


def _upload(actor, organisation, uploaded, **kwargs):
    return services.upload(
        actor=actor, organisation=organisation, kind=OUTGOING_REGISTER_KIND, uploaded_file=uploaded, **kwargs
    )


def _layout_a_file(rows=None):
    return workbook_file(
        OUTGOING_LAYOUT_A,
        rows or outgoing_layout_a_rows(),
        titles=("BUKU AGENDA SURAT KELUAR", "KECAMATAN SATU TAHUN 2025"),
        numbering_row=True,
        trailing_empty=3,
        name="agenda-keluar.xlsx",
    )


def _layout_b_file(rows=None):
    return workbook_file(OUTGOING_LAYOUT_B, rows or outgoing_layout_b_rows(), name="agenda-keluar-b.xlsx")


def _imported():
    return {d.number: d for d in OutgoingDocument.objects.filter(origin=OutgoingOrigin.LEGACY_REGISTER)}


# --- well-formed registers -------------------------------------------------------------------------


def test_a_register_with_a_merged_title_and_excel_dates_imports_exactly_after_confirmation(
    office, front_desk
):
    batch = _upload(front_desk, office.org, _layout_a_file())

    assert batch.status == BatchStatus.PREVIEWED and batch.header_row == 4
    assert (batch.total_rows, batch.valid_rows, batch.error_rows, batch.duplicate_rows) == (3, 3, 0, 0)
    assert not OutgoingDocument.objects.exists(), "nothing is written before the confirmation"
    assert not AuditEvent.objects.filter(action="correspondence.outgoing_import").exists()

    batch = services.confirm(actor=front_desk, batch=batch)

    assert batch.status == BatchStatus.CONFIRMED and batch.created_rows == 3
    documents = _imported()
    assert set(documents) == {
        "000.1.2/041/TU/Kec.Satu/III/2025",
        "000.1.2/057/TU/Kec.Satu/III/2025",
        "B/12/Kec.Satu/2025",
    }
    first = documents["000.1.2/041/TU/Kec.Satu/III/2025"]
    assert first.organisation == office.org
    assert first.status == OutgoingStatus.SENT
    assert first.document_type == OutgoingType.SURAT_DINAS
    assert first.document_date == dt.date(2025, 3, 3)
    assert first.subject == "Undangan rapat posyandu"
    assert first.classification == office.classification
    assert first.attachments_note == "1 berkas"
    assert first.drafter == front_desk and first.drafter_unit == office.tu_unit
    assert first.signatory_position == office.camat_position
    assert first.issued_document is None and first.signed_by is None
    assert first.version == 0 and not first.versions.exists()
    assert not ParafStep.objects.filter(document__in=documents.values()).exists()
    assert [(r.role, r.name, r.internal_organisation_id) for r in first.recipients.all()] == [
        ("to", "Kepala Dinas Kesehatan", None)
    ]
    assert first.register_note == "No. urut buku agenda: 1\nPengolah: Subbagian Tata Usaha"
    second = documents["000.1.2/057/TU/Kec.Satu/III/2025"]
    assert second.attachments_note == "" and second.classification is None
    assert second.drafter_unit is None, "a unit the office does not have stays in the note only"
    assert "Pengolah: Seksi Pemerintahan" in second.register_note
    assert AuditEvent.objects.filter(action="correspondence.outgoing_import").count() == 3
    assert (
        AuditEvent.objects.filter(action="correspondence.outgoingdocument.record_from_register").count() == 3
    )
    assert list(ImportRow.objects.filter(batch=batch).values_list("outcome", flat=True)) == ["created"] * 3


def test_a_register_with_text_dates_sifat_jenis_and_old_codes_imports_exactly(office, front_desk, old_code):
    batch = _upload(front_desk, office.org, _layout_b_file())
    assert batch.header_row == 1 and batch.error_rows == 0, list(batch.rows.values_list("errors", flat=True))
    assert OutgoingDocument.objects.count() == 0

    services.confirm(actor=front_desk, batch=batch)

    documents = _imported()
    cuti = documents["850/15/Kec.Satu/2025"]
    assert (cuti.document_date, cuti.urgency, cuti.classification) == (
        dt.date(2025, 3, 12),
        Urgency.URGENT,
        old_code,
    )
    assert cuti.register_note == "No. urut buku agenda: 12\nKeterangan: asli dikirim pos"
    rapat = documents["005/16/Kec.Satu/2025"]
    assert (rapat.document_date, rapat.document_type) == (dt.date(2025, 3, 13), OutgoingType.UNDANGAN)
    tugas = documents["093/17/Kec.Satu/2025"]
    assert (tugas.document_type, tugas.security) == (OutgoingType.SURAT_TUGAS, SecurityClass.CONFIDENTIAL)
    assert tugas.status == OutgoingStatus.SENT


# --- duplicates ------------------------------------------------------------------------------------


def test_re_importing_the_same_file_creates_no_duplicates(office, front_desk):
    services.confirm(actor=front_desk, batch=_upload(front_desk, office.org, _layout_a_file()))
    counter_before = NumberCounter.objects.get(organisation=office.org, year=2025).last_value

    again = _upload(front_desk, office.org, _layout_a_file())
    assert (again.valid_rows, again.duplicate_rows) == (0, 3)
    again = services.confirm(actor=front_desk, batch=again)

    assert OutgoingDocument.objects.count() == 3 and again.created_rows == 0
    assert set(ImportRow.objects.filter(batch=again).values_list("outcome", flat=True)) == {
        RowOutcome.DUPLICATE
    }
    assert NumberCounter.objects.get(organisation=office.org, year=2025).last_value == counter_before


def test_a_number_the_office_already_has_is_skipped_whatever_its_spacing_or_case(office, front_desk):
    existing = OutgoingDocument.objects.create(
        organisation=office.org,
        document_type=OutgoingType.SURAT_DINAS,
        subject="Dibuat di Lontar",
        drafter=office.drafter,
        signatory_position=office.camat_position,
        number="000.1.2 / 041 / tu / kec.satu / III / 2025",
        document_date=dt.date(2025, 3, 3),
    )
    rows = outgoing_layout_a_rows()
    batch = _upload(front_desk, office.org, _layout_a_file([*rows, rows[1]]))

    assert (batch.valid_rows, batch.duplicate_rows) == (2, 2), "the written one and the repeated row"
    services.confirm(actor=front_desk, batch=batch)
    assert OutgoingDocument.objects.count() == 3
    assert not OutgoingDocument.objects.filter(number="000.1.2/041/TU/Kec.Satu/III/2025").exists()
    assert OutgoingDocument.objects.filter(pk=existing.pk, origin=OutgoingOrigin.LONTAR).exists()


def test_the_same_number_text_in_another_year_is_skipped_because_numbers_are_unique(office, front_desk):
    OutgoingDocument.objects.create(
        organisation=office.org,
        document_type=OutgoingType.SURAT_DINAS,
        subject="Tahun lalu",
        drafter=office.drafter,
        signatory_position=office.camat_position,
        number="B/12/Kec.Satu/2025",
        document_date=dt.date(2024, 12, 30),
    )
    batch = services.confirm(actor=front_desk, batch=_upload(front_desk, office.org, _layout_a_file()))
    assert (batch.created_rows, batch.duplicate_rows) == (2, 1)


# --- numbering -------------------------------------------------------------------------------------


def test_the_counter_moves_past_the_highest_imported_sequence(office, front_desk):
    first = take_number(
        organisation=office.org,
        document_type="surat_dinas",
        actor=office.admin,
        classification_code="000.1.2",
        on_date=dt.date(2025, 1, 2),
    )
    assert first.sequence == 1
    batch = _upload(front_desk, office.org, _layout_a_file())
    notes = get_importer_notes(batch)
    assert any("surat_dinas tahun 2025 akan digeser sampai 57" in n for n in notes)
    assert any(n.startswith("1 nomor surat tidak cocok dengan templat penomoran kantor") for n in notes)

    batch = services.confirm(actor=front_desk, batch=batch)

    issued = take_number(
        organisation=office.org,
        document_type="surat_dinas",
        actor=office.admin,
        classification_code="000.1.2",
        unit_code="TU",
        on_date=dt.date(2025, 12, 1),
    )
    assert issued.sequence == 58 and issued.number == "000.1.2/058/TU/Kec.Satu/XII/2025"
    assert AuditEvent.objects.filter(action="numbering.counter_advance").count() == 1
    assert any("digeser sampai 57" in n for n in get_importer_notes(batch))


def test_numbers_that_do_not_follow_the_template_leave_the_counters_alone(office, front_desk, old_code):
    batch = _upload(front_desk, office.org, _layout_b_file())
    assert get_importer_notes(batch) == [
        "3 nomor surat tidak cocok dengan templat penomoran kantor (atau kantor belum punya templat untuk "
        "jenisnya), sehingga penghitung nomor tidak digeser untuk nomor-nomor itu. Periksa penghitung di "
        "menu Penomoran sebelum menandatangani naskah baru."
    ]
    services.confirm(actor=front_desk, batch=batch)
    assert not NumberCounter.objects.exists()


@pytest.mark.usefixtures("signing_setup")
def test_signing_refuses_a_number_an_imported_letter_already_has(office, front_desk):
    today = organisation_today(office.org)
    next_number = f"000.1.2/001/TU/Kec.Satu/{roman_month(today.month)}/{today.year}"
    # Dated the year before, so it does not fit that year's template and the counter is not moved.
    rows = [[1, dt.datetime(today.year - 1, 12, 30), next_number, "Lurah Satu", "Surat lama", "", "", ""]]
    batch = services.confirm(actor=front_desk, batch=_upload(front_desk, office.org, _layout_a_file(rows)))
    assert batch.created_rows == 1 and not NumberCounter.objects.exists()
    document = through_paraf(office, draft(office))

    with pytest.raises(ValidationError, match="sudah dipakai naskah lain"):
        outgoing_services.sign(actor=office.camat, document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.AWAITING_SIGNATURE and document.number == ""
    assert not IssuedNumber.objects.filter(organisation=office.org).exists()


def get_importer_notes(batch):
    batch.refresh_from_db()
    return notes_of(batch, get_importer(batch.kind))


# --- malformed registers ---------------------------------------------------------------------------


def _bad_rows():
    return [
        ["1", "31/02/2025", "1/Kec/2025", "Lurah Satu", "Data", "", "biasa", "", ""],  # no 31 February
        ["2", "", "", "Lurah Dua", "Data", "", "biasa", "", ""],  # number and date missing
        ["3", "12/03/2025", "3/Kec/2025", "", "", "", "biasa", "", ""],  # addressee and subject missing
        ["4", "12/03/2025", "4/Kec/2025", "Lurah Empat", "Data", "999.9", "biasa", "memo", ""],
        ["5", "12/03/2025", "5/Kec/2025", "Lurah Lima", "x" * 300, "", "biasa", "", ""],
        ["6", "12/03/2025", "6/Kec/2025", "Lurah Enam", "Data", "", "biasa", "", ""],  # this one is fine
    ]


def test_a_malformed_register_changes_nothing_and_reports_row_errors_in_indonesian(office, front_desk):
    batch = _upload(front_desk, office.org, _layout_b_file(_bad_rows()))
    assert (batch.valid_rows, batch.error_rows) == (1, 5)
    messages = [m for row in batch.rows.order_by("row_number") for m in row.errors]
    assert messages == [
        "Baris 2, kolom “TGL SURAT”: tanggal “31/02/2025” tidak dikenali; tulis seperti 12/03/2025 atau "
        "12 Maret 2025.",
        "Baris 3, kolom “NO. SURAT”: wajib diisi.",
        "Baris 3, kolom “TGL SURAT”: wajib diisi.",
        "Baris 4, kolom “TUJUAN”: wajib diisi.",
        "Baris 4, kolom “HAL”: wajib diisi.",
        "Baris 5, kolom “JENIS”: jenis naskah “memo” tidak dikenal; pakai surat dinas, nota dinas, undangan, "
        "surat tugas, surat keterangan, surat edaran, berita acara, atau surat keputusan.",
        "Baris 5, kolom “KLASIFIKASI”: kode klasifikasi “999.9” tidak dikenal.",
        "Baris 6, kolom “HAL”: terlalu panjang (paling banyak 255 huruf).",
    ]
    events_before = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.confirm(actor=front_desk, batch=batch)

    assert "5 baris bergalat" in refused.value.messages[0]
    assert not OutgoingDocument.objects.exists()
    assert not NumberCounter.objects.exists()
    assert AuditEvent.objects.count() == events_before
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED


def test_a_register_missing_a_required_column_stays_a_draft_and_cannot_be_confirmed(office, front_desk):
    headers = ["No", "Tanggal Surat", "Nomor Surat", "Perihal"]
    batch = _upload(front_desk, office.org, workbook_file(headers, [["1", "12/03/2025", "1/2025", "Data"]]))
    assert batch.status == BatchStatus.DRAFT
    assert services.missing_required(get_importer(batch.kind), batch.mapping) == ["Kepada"]
    with pytest.raises(ValidationError):
        services.confirm(actor=front_desk, batch=batch)
    assert not OutgoingDocument.objects.exists()


# --- who may import, isolation and search ----------------------------------------------------------


def test_staff_without_the_import_action_cannot_upload_or_confirm(office, front_desk):
    with pytest.raises(PermissionDenied):
        _upload(office.drafter, office.org, _layout_a_file())
    batch = _upload(front_desk, office.org, _layout_a_file())
    with pytest.raises(PermissionDenied):
        services.confirm(actor=office.drafter, batch=batch)
    assert not OutgoingDocument.objects.exists()


def test_a_user_of_another_office_cannot_see_or_confirm_the_batch(client, office, front_desk, other_district):
    batch = _upload(front_desk, office.org, _layout_a_file())
    outsider = member(other_district, Role.ORG_ADMIN)

    with pytest.raises(PermissionDenied):
        services.confirm(actor=outsider, batch=batch)
    client.force_login(outsider)
    assert client.get(reverse("core:import_batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("core:import_confirm", args=[batch.pk])).status_code == 404
    assert "agenda-keluar.xlsx" not in client.get(reverse("core:import_batches")).content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED and not OutgoingDocument.objects.exists()


def test_imported_documents_are_found_by_search_in_their_office_only(office, front_desk, other_district):
    services.confirm(actor=front_desk, batch=_upload(front_desk, office.org, _layout_a_file()))
    colleague = member(office.org, Role.STAFF)
    outsider = member(other_district, Role.ORG_ADMIN)

    assert {hit.title for hit in search(colleague, "posyandu")} == {
        "Undangan rapat posyandu (000.1.2/041/TU/Kec.Satu/III/2025)"
    }
    assert {hit.title for hit in search(colleague, "Mekarsari")} == {
        "Permintaan data penduduk (000.1.2/057/TU/Kec.Satu/III/2025)"
    }
    assert search(outsider, "posyandu") == []


# --- screens ---------------------------------------------------------------------------------------


@pytest.fixture
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_import_is_reached_from_the_navigation_and_the_outgoing_list(client, office, front_desk):
    client.force_login(front_desk)
    assert "Impor Buku Agenda Surat Keluar" in client.get(reverse("core:dashboard")).content.decode()
    listing = client.get(reverse("correspondence:outgoing_sent")).content.decode()
    assert reverse("correspondence:outgoing_register_import") in listing
    response = client.get(reverse("correspondence:outgoing_register_import"))
    assert response.status_code == 302 and response.url == UPLOAD

    client.force_login(office.drafter)
    assert "Impor Buku Agenda Surat Keluar" not in client.get(reverse("core:dashboard")).content.decode()
    assert client.get(reverse("correspondence:outgoing_register_import")).status_code == 403
    assert client.get(UPLOAD).status_code == 403


@pytest.mark.usefixtures("_tasks_run_at_once")
def test_upload_preview_confirm_and_the_imported_letter_through_the_screens(
    client, office, front_desk, django_capture_on_commit_callbacks
):
    client.force_login(front_desk)
    response = client.post(UPLOAD, {"organisation": office.org.pk, "file": _layout_a_file()})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert 'data-testid="import-notes"' in page and "akan digeser sampai 57" in page
    assert not OutgoingDocument.objects.exists()
    batch_url = response.url

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_confirm_url(batch_url))
    assert OutgoingDocument.objects.count() == 3

    document = OutgoingDocument.objects.get(number="000.1.2/041/TU/Kec.Satu/III/2025")
    detail = client.get(reverse("correspondence:outgoing_detail", args=[document.pk])).content.decode()
    assert 'data-testid="outgoing-imported-note"' in detail
    assert "tidak ada PDF terbit" in detail and "dikirim di luar Lontar" in detail
    assert 'data-testid="download-pdf"' not in detail
    assert reverse("correspondence:outgoing_print", args=[document.pk]) not in detail
    assert client.get(reverse("correspondence:outgoing_print", args=[document.pk])).status_code == 200
    listing = client.get(reverse("correspondence:outgoing_sent")).content.decode()
    assert "buku agenda lama, tanpa PDF" in listing
    api = client.get(f"/api/v1/naskah-keluar/{document.pk}/")
    assert api.status_code == 200, api.content
    assert api.json()["origin"] == "impor" and api.json()["verification_url"] == ""


def _confirm_url(batch_url: str) -> str:
    return reverse("core:import_confirm", args=[resolve(batch_url).kwargs["pk"]])


def test_outgoing_services_still_refuse_to_edit_an_imported_letter(office, front_desk):
    services.confirm(actor=front_desk, batch=_upload(front_desk, office.org, _layout_a_file()))
    document = OutgoingDocument.objects.get(number="B/12/Kec.Satu/2025")
    with pytest.raises((PermissionDenied, ValidationError)):
        outgoing_services.update_draft(actor=front_desk, document=document, subject="Diubah")
