import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lontar.core.files import services
from lontar.core.files.audience import Audience, register_owner_audience
from lontar.core.files.models import StoredFile
from lontar.core.models import AuditEvent, Membership, Role
from lontar.core.search.models import SearchEntry
from lontar.core.tests import files_samples as samples

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


def _store(district, actor, data=None, name="undangan.pdf", **kwargs):
    return services.store_upload(
        organisation=district,
        actor=actor,
        uploaded_file=samples.upload(name, data if data is not None else samples.pdf_bytes()),
        **kwargs,
    )


def test_upload_is_stored_under_an_unguessable_path_with_its_facts_and_audited(
    district, staff_user, django_capture_on_commit_callbacks
):
    data = samples.pdf_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        stored = _store(district, staff_user, data, name="../../Undangan Rapat.PDF")
    stored.refresh_from_db()
    assert stored.original_name == "Undangan Rapat.pdf"
    assert stored.content_type == "application/pdf"
    assert stored.size == len(data)
    assert stored.uploaded_by == staff_user
    parts = stored.file.name.split("/")
    assert parts[:2] == ["berkas", str(district.pk)]
    assert parts[2].isdigit() and len(parts[3]) > 20 and parts[3].endswith(".pdf")
    assert "Undangan" not in stored.file.name
    with stored.file.open("rb") as handle:
        assert handle.read() == data
    event = AuditEvent.objects.get(action="core.file.upload")
    assert event.object_id == str(stored.pk)
    assert event.after["sha256"] == stored.sha256


def test_pdf_text_is_extracted_after_commit_and_the_file_is_indexed(
    district, staff_user, django_capture_on_commit_callbacks
):
    data = samples.pdf_bytes("Permohonan surat keterangan domisili usaha")
    with django_capture_on_commit_callbacks(execute=True):
        stored = _store(district, staff_user, data)
    stored.refresh_from_db()
    assert "keterangan domisili usaha" in stored.extracted_text
    assert stored.text_extracted_at is not None
    entry = SearchEntry.objects.get(object_id=str(stored.pk))
    assert entry.title == "undangan.pdf"
    assert "domisili" in entry.body
    assert entry.url == reverse("core:file_download", args=[stored.pk])


def test_no_task_runs_when_the_upload_transaction_does_not_commit(district, staff_user):
    stored = _store(district, staff_user)
    stored.refresh_from_db()
    assert stored.text_extracted_at is None
    assert not SearchEntry.objects.exists()


def test_text_extraction_is_idempotent(district, staff_user):
    stored = _store(district, staff_user, samples.pdf_bytes("Berita acara serah terima"))
    first = services.extract_text(stored_file_id=stored.pk)
    extracted_at = first.text_extracted_at
    second = services.extract_text(stored_file_id=stored.pk)
    assert second.text_extracted_at == extracted_at
    assert "serah terima" in second.extracted_text
    assert AuditEvent.objects.filter(action="core.file.text_extracted").count() == 1


def test_text_extraction_is_bounded(district, staff_user, settings):
    settings.LONTAR_EXTRACT_MAX_CHARS = 10
    stored = _store(district, staff_user, samples.pdf_bytes("Rencana kerja tahunan kecamatan"))
    assert len(services.extract_text(stored_file_id=stored.pk).extracted_text) == 10


def test_a_damaged_pdf_is_refused_at_upload(district, staff_user):
    with pytest.raises(ValidationError) as excinfo:
        _store(district, staff_user, b"%PDF-1.7\nthis is not a real pdf body\n%%EOF")
    assert excinfo.value.code == "pdf_unreadable"
    assert not StoredFile.objects.exists()


def test_a_stored_pdf_damaged_later_is_kept_but_yields_no_text(district, staff_user):
    stored = _store(district, staff_user)
    with stored.file.storage.open(stored.file.name, "wb") as handle:
        handle.write(b"%PDF-1.7\nthe disk lost the rest\n")
    result = services.extract_text(stored_file_id=stored.pk)
    assert result.extracted_text == ""
    assert result.text_extracted_at is not None
    assert StoredFile.objects.filter(pk=stored.pk).exists()


def test_images_are_indexed_by_name_without_text(district, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = _store(district, staff_user, samples.image_bytes("PNG"), name="denah kantor.png")
    stored.refresh_from_db()
    assert stored.extracted_text == ""
    assert SearchEntry.objects.get(object_id=str(stored.pk)).title == "denah kantor.png"


def test_refused_upload_stores_nothing(district, staff_user, settings):
    with pytest.raises(ValidationError):
        _store(district, staff_user, b"<html><script>alert(1)</script></html>", name="surat.pdf")
    assert not StoredFile.objects.exists()
    assert not AuditEvent.objects.filter(action="core.file.upload").exists()
    for root in (settings.MEDIA_ROOT, settings.LONTAR_PRIVATE_ROOT):
        assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_uploads_are_written_to_the_private_root_which_no_url_serves(district, staff_user, settings):
    stored = _store(district, staff_user)

    on_disk = Path(stored.file.path)
    assert on_disk.is_file()
    assert on_disk.is_relative_to(settings.LONTAR_PRIVATE_ROOT)
    assert not settings.MEDIA_ROOT.exists() or not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))
    with pytest.raises(ValueError, match="no URL"):
        _ = stored.file.url


def test_a_user_of_another_office_cannot_upload_for_this_office(district, foreign_user):
    with pytest.raises(PermissionDenied):
        _store(district, foreign_user)
    assert not StoredFile.objects.exists()


def test_auditor_cannot_upload(district, auditor):
    with pytest.raises(PermissionDenied):
        _store(district, auditor)


def test_owner_must_belong_to_the_same_office(district, other_district, staff_user, make_member):
    foreign_membership = Membership.objects.filter(
        organisation=other_district
    ).first() or Membership.objects.get(user=make_member(other_district, Role.STAFF))
    with pytest.raises(ValidationError):
        _store(district, staff_user, owner=foreign_membership)
    assert not StoredFile.objects.exists()


def test_files_of_a_restricted_owner_follow_the_owners_audience(
    district, staff_user, head, django_capture_on_commit_callbacks
):
    owner = Membership.objects.get(user=head)
    register_owner_audience(Membership, lambda membership: Audience(True, (membership.user_id,)))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            stored = _store(district, staff_user, owner=owner)
        entry = SearchEntry.objects.get(object_id=str(stored.pk))
        assert entry.restricted
        assert list(entry.allowed_users.values_list("pk", flat=True)) == [head.pk]
        assert list(StoredFile.objects.attached_to(owner)) == [stored]
    finally:
        from lontar.core.files.audience import _RESOLVERS

        _RESOLVERS.pop("core.membership", None)


def test_an_upload_stands_when_the_task_queue_is_down(
    district, staff_user, settings, caplog, django_capture_on_commit_callbacks
):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{closed_port}/0"}}
    data = samples.pdf_bytes("Notulen rapat")

    with django_capture_on_commit_callbacks(execute=True):
        stored = _store(district, staff_user, data)

    stored.refresh_from_db()
    with stored.file.open("rb") as handle:
        assert handle.read() == data
    assert stored.text_extracted_at is None  # left for `manage.py reindex_files`
    assert "Could not enqueue task lontar.core.files.tasks.process_stored_file" in caplog.text


def test_reindex_command_catches_up_files_whose_task_never_ran(district, staff_user, capsys):
    from django.core.management import call_command

    from lontar.core.search.selectors import search

    stored = _store(district, staff_user, samples.pdf_bytes("Peta rawan banjir"))
    assert search(staff_user, "banjir") == []
    call_command("reindex_files")
    assert [hit.object_id for hit in search(staff_user, "banjir")] == [str(stored.pk)]
    assert "1 berkas diindeks." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_database_worker_extracts_and_indexes_a_committed_upload(settings, make_member):
    """The production path: the upload commits, the task waits in the database queue, a worker runs it."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from lontar.core.search.selectors import search
    from lontar.core.tests.factories import OrganisationFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    office = OrganisationFactory()
    clerk = make_member(office, Role.STAFF)
    stored = _store(office, clerk, samples.pdf_bytes("Laporan penyaluran bantuan sosial"))
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "lontar.core.files.tasks.process_stored_file"
    assert queued.args_kwargs["args"] == [stored.pk]
    assert search(clerk, "bantuan") == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [hit.object_id for hit in search(clerk, "bantuan")] == [str(stored.pk)]


def test_migration_moves_uploads_stored_under_media_into_the_private_root(district, staff_user, settings):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("lontar.core.migrations.0006_files_in_private_storage")
    stored = _store(district, staff_user, samples.pdf_bytes("Arsip lama"))
    private_path = Path(stored.file.path)
    old_path = settings.MEDIA_ROOT / stored.file.name
    old_path.parent.mkdir(parents=True)
    private_path.rename(old_path)  # where the file lived before uploads went private

    migration.move_uploads_out_of_media(apps, None)

    assert not old_path.exists()
    with stored.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == stored.sha256
