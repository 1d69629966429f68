"""The import screens: upload → column mapping and preview → confirm, and the batch history."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lontar.core.imports import services
from lontar.core.imports.models import BatchStatus, ImportBatch
from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.correspondence.importers import INCOMING_REGISTER_KIND
from lontar.correspondence.models import IncomingLetter
from lontar.correspondence.tests.legacy_import_helpers import LAYOUT_B, layout_b_rows, workbook_file

pytestmark = pytest.mark.django_db
UPLOAD = reverse("core:import_upload", args=[INCOMING_REGISTER_KIND])


@pytest.fixture
def front_desk(district):
    return member(district, Role.FRONT_DESK)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _batch(actor, organisation, rows=None):
    return services.upload(
        actor=actor,
        organisation=organisation,
        kind=INCOMING_REGISTER_KIND,
        uploaded_file=workbook_file(LAYOUT_B, rows or layout_b_rows()),
    )


def test_the_front_desk_finds_the_import_in_the_navigation_and_staff_do_not(client, front_desk, staff_user):
    client.force_login(front_desk)
    assert "Impor Buku Agenda" in client.get(reverse("core:dashboard")).content.decode()
    response = client.get(reverse("correspondence:incoming_register_import"))
    assert response.status_code == 302 and response.url == UPLOAD

    client.force_login(staff_user)
    assert "Impor Buku Agenda" not in client.get(reverse("core:dashboard")).content.decode()
    assert client.get(reverse("correspondence:incoming_register_import")).status_code == 403
    assert client.get(UPLOAD).status_code == 403


def test_upload_preview_and_confirm_through_the_screens(
    client, district, front_desk, django_capture_on_commit_callbacks
):
    client.force_login(front_desk)
    assert client.get(UPLOAD).status_code == 200

    response = client.post(
        UPLOAD, {"organisation": district.pk, "file": workbook_file(LAYOUT_B, layout_b_rows())}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:import_batch", args=[batch.pk])

    page = client.get(response.url).content.decode()
    assert "Kelurahan Sukamaju" in page and "akan dibuat" in page
    assert 'data-testid="count-valid">3<' in page
    assert IncomingLetter.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:import_confirm", args=[batch.pk]))
    page = client.get(response.url).content.decode()
    assert "Impor selesai: 3 data dibuat, 0 dilewati karena sudah ada, 0 bergalat." in page
    assert IncomingLetter.objects.count() == 3
    history = client.get(reverse("core:import_batches")).content.decode()
    assert "buku-agenda.xlsx" in history and "diimpor" in history


def test_error_rows_are_highlighted_with_their_messages_and_confirm_is_refused(
    client, district, front_desk, django_capture_on_commit_callbacks
):
    rows = layout_b_rows()
    rows[0][1] = "32/13/2025"
    batch = _batch(front_desk, district, rows)
    client.force_login(front_desk)

    page = client.get(reverse("core:import_batch", args=[batch.pk])).content.decode()
    assert 'class="table-danger" data-row="2"' in page
    assert "Baris 2, kolom “TANGGAL DITERIMA”: tanggal “32/13/2025” tidak dikenali" in page

    page = client.post(reverse("core:import_confirm", args=[batch.pk]), follow=True).content.decode()
    assert "Tidak ada data yang diimpor: 1 baris bergalat." in page
    assert IncomingLetter.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:import_confirm", args=[batch.pk]), {"valid_only": "on"})
    assert IncomingLetter.objects.count() == 2


def test_a_renamed_file_is_refused_on_the_upload_form(client, district, front_desk):
    client.force_login(front_desk)
    response = client.post(
        UPLOAD,
        {"organisation": district.pk, "file": SimpleUploadedFile("agenda.xlsx", b"<html>bukan</html>")},
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_mapping_form_fixes_a_missing_column(client, district, front_desk):
    headers = ["No. Agenda", "Diterima", "Asal Surat", "Perihal"]
    batch = services.upload(
        actor=front_desk,
        organisation=district,
        kind=INCOMING_REGISTER_KIND,
        uploaded_file=workbook_file(headers, [["7", "01/04/2025", "Kelurahan", "Data"]]),
    )
    client.force_login(front_desk)
    page = client.get(reverse("core:import_batch", args=[batch.pk])).content.decode()
    assert "Kolom wajib belum dipetakan: Tanggal diterima." in page

    client.post(
        reverse("core:import_remap", args=[batch.pk]),
        {"agenda_number": "0", "received_date": "1", "sender_name": "2", "subject": "3"},
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED and batch.valid_rows == 1


def test_a_user_of_another_office_cannot_see_or_confirm_the_batch(
    client, district, front_desk, other_district
):
    batch = _batch(front_desk, district)
    outsider = member(other_district, Role.ORG_ADMIN)
    client.force_login(outsider)

    assert client.get(reverse("core:import_batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("core:import_confirm", args=[batch.pk])).status_code == 404
    assert client.post(reverse("core:import_cancel", args=[batch.pk])).status_code == 404
    assert client.post(reverse("core:import_remap", args=[batch.pk]), {"subject": "0"}).status_code == 404
    assert "buku-agenda.xlsx" not in client.get(reverse("core:import_batches")).content.decode()

    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED and IncomingLetter.objects.count() == 0


def test_an_auditor_reads_the_history_but_cannot_confirm(client, district, front_desk, auditor):
    batch = _batch(front_desk, district)
    client.force_login(auditor)
    assert client.get(reverse("core:import_batch", args=[batch.pk])).status_code == 200
    assert client.post(reverse("core:import_confirm", args=[batch.pk])).status_code == 403
    assert IncomingLetter.objects.count() == 0


def test_uploading_a_file_imported_before_says_so(client, district, front_desk):
    services.confirm(actor=front_desk, batch=_batch(front_desk, district))
    again = _batch(front_desk, district)
    client.force_login(front_desk)
    page = client.get(reverse("core:import_batch", args=[again.pk])).content.decode()
    assert "Berkas yang sama persis sudah diimpor pada" in page
    assert 'data-testid="count-duplicate">3<' in page
