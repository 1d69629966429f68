"""Public verification page, download of the original and the staff list of issued documents."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lontar.core.models import AuditEvent, Role
from lontar.core.tests import documents_helpers
from lontar.core.tests.documents_helpers import issue

pytestmark = pytest.mark.django_db

# Fixtures shared with the other documents tests.
ca_dir = documents_helpers.ca_dir
documents_storage = documents_helpers.documents_storage


@pytest.fixture
def document(district, head):
    return issue(district, head)


def original_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def verify_url(document) -> str:
    return reverse("core:document_verify", args=[document.verification_token])


def test_verification_page_shows_the_document_facts_without_login(client, document):
    response = client.get(verify_url(document))

    assert response.status_code == 200
    page = response.content.decode()
    for fact in (
        "Surat Keterangan",
        "400.12/15/Kec.Satu/XI/2026",
        "22 November 2026",
        "Drs. Ahmad Subagja, M.Si.",
        "Camat Satu",
        "Kecamatan Satu",
        document.sha256,
    ):
        assert fact in page
    # The NIP and the subject (which often names a citizen) are personal data: not on the public page.
    assert "19720315" not in page
    assert "Siti Aminah" not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_identical_copy_is_confirmed(client, document):
    upload = SimpleUploadedFile("salinan.pdf", original_bytes(document), content_type="application/pdf")

    response = client.post(verify_url(document), {"copy": upload})

    assert response.status_code == 200
    assert "Salinan identik dengan dokumen asli." in response.content.decode()
    assert "TIDAK identik" not in response.content.decode()


def test_modified_copy_is_reported_not_identical(client, document):
    data = bytearray(original_bytes(document))
    data[-10] ^= 0x01
    upload = SimpleUploadedFile("salinan.pdf", bytes(data), content_type="application/pdf")

    response = client.post(verify_url(document), {"copy": upload})

    page = response.content.decode()
    assert "Salinan TIDAK identik dengan dokumen asli" in page
    assert "Salinan identik dengan dokumen asli." not in page


def test_oversized_upload_is_refused_with_a_message(client, document, settings):
    settings.LONTAR_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("besar.pdf", b"%PDF" + b"0" * 2048, content_type="application/pdf")

    response = client.post(verify_url(document), {"copy": upload})

    page = response.content.decode()
    assert "Berkas terlalu besar" in page
    assert "identik" not in page.split("Periksa salinan", 1)[1].split("<form", 1)[0]


def test_upload_declared_larger_than_the_cap_is_refused_before_reading(client, document, settings):
    settings.LONTAR_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("besar.pdf", b"%PDF" + b"0" * 200_000, content_type="application/pdf")

    response = client.post(verify_url(document), {"copy": upload})

    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.content.decode()
    assert "identik dengan dokumen asli" not in response.content.decode()


def test_unknown_token_gives_a_plain_404(client, document):
    response = client.get(reverse("core:document_verify", args=["tidak-ada-token-seperti-ini"]))

    assert response.status_code == 404
    page = response.content.decode()
    assert document.number not in page
    assert "Kecamatan Satu" not in page


def test_staff_of_the_office_downloads_the_original_as_attachment(client, district, staff_user, document):
    client.force_login(staff_user)

    response = client.get(reverse("core:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == original_bytes(document)
    assert AuditEvent.objects.filter(
        action="document.downloaded", object_id=str(document.pk), actor=staff_user
    ).exists()


def test_user_of_another_office_cannot_download(client, foreign_user, document):
    client.force_login(foreign_user)

    response = client.get(reverse("core:document_download", args=[document.pk]))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="document.downloaded").exists()


def test_anonymous_visitor_is_sent_to_sign_in_for_download(client, document):
    response = client.get(reverse("core:document_download", args=[document.pk]))

    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]


def test_list_shows_only_documents_of_the_users_offices(
    client, district, other_district, staff_user, make_member
):
    own = issue(district, make_member(district, Role.HEAD))
    other = issue(
        other_district,
        make_member(other_district, Role.HEAD),
        number="800.1.11.1/7/Kec.Dua/2026",
        signatory_name="Budi Santoso",
        signatory_position="Camat Dua",
    )
    client.force_login(staff_user)

    response = client.get(reverse("core:document_list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert own.number in page
    assert other.number not in page
    assert reverse("core:document_download", args=[own.pk]) in page


def test_list_search_filters_by_number_or_subject(client, district, staff_user, head):
    issue(district, head)
    issue(district, head, number="800.1.11.1/9/Kec.Satu/2026", title="Surat tugas rapat koordinasi")
    client.force_login(staff_user)

    response = client.get(reverse("core:document_list"), {"q": "rapat"})

    page = response.content.decode()
    assert "800.1.11.1/9/Kec.Satu/2026" in page
    assert "400.12/15/Kec.Satu/XI/2026" not in page


def test_issued_documents_appear_in_navigation_for_staff(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("core:document_list"))

    assert 'data-nav="issued_documents"' in response.content.decode()
