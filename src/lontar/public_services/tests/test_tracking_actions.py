"""What the applicant does from the tracking page: send a correction (the clock runs again), download
the result where the office allows it, or learn it waits at the counter; read a rejection's reason."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lontar.core.documents.services import issue_document
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.public_services.models import ApplicationMessage, ApplicationStatus, MessageKind
from lontar.public_services.services import applications as services
from lontar.public_services.tests.factories import make_service, pdf_upload, submitted_application
from lontar.public_services.tests.portal_helpers import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(district):
    return member(district, Role.FRONT_DESK)


def _signed_in_by_secret(application, secret) -> Client:
    client = Client()
    response = client.post(reverse("public_services:track"), {"nomor": application.number, "rahasia": secret})
    assert response.status_code == 302
    return client


@pytest.fixture
def in_correction(district, officer):
    service = make_service(district)
    application, secret = submitted_application(service)
    services.start_verification(application=application, actor=officer)
    services.request_correction(
        application=application, actor=officer, message="Foto KTP buram, unggah ulang."
    )
    return application, secret


def _correction_data(application, **overrides) -> dict:
    data = {
        "nama": application.applicant_name,
        "nik": application.applicant_nik,
        "alamat": application.applicant_address,
        "isian_keperluan": "Beasiswa sekolah anak (SMP)",
        "pesan": "KTP sudah saya pindai ulang.",
    }
    data.update(overrides)
    return data


def test_the_tracking_page_shows_the_officers_request_and_that_the_clock_waits(in_correction):
    application, secret = in_correction
    page = (
        Client()
        .get(reverse("public_services:track_link", args=[application.number, secret]))
        .content.decode()
    )
    assert "Foto KTP buram, unggah ulang." in page
    assert "Jam berhenti menunggu perbaikan Anda." in page
    assert 'data-testid="correction-form"' in page
    assert page.count('data-testid="kept-upload"') == 2


def test_a_correction_sent_through_the_page_goes_back_to_the_officer(in_correction):
    application, secret = in_correction
    client = Client()
    page = client.get(reverse("public_services:track_link", args=[application.number, secret]))
    assert "sessionid" not in page.cookies  # reading the QR page grants nothing
    assert f'name="rahasia" value="{secret}"' in page.content.decode()  # the form proves it when sent
    ktp = application.standard.requirements.order_by("order").first()
    response = client.post(
        reverse("public_services:track_correct", args=[application.number]),
        _correction_data(application, rahasia=secret) | {f"berkas_{ktp.pk}": pdf_upload("ktp-jelas.pdf")},
        follow=True,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VERIFYING
    assert application.paused_since is None
    assert application.data["keperluan"] == "Beasiswa sekolah anak (SMP)"
    current = application.uploads.get(requirement=ktp, superseded_at__isnull=True)
    assert current.stored_file.original_name == "ktp-jelas.pdf"
    assert ApplicationMessage.objects.filter(
        application=application, kind=MessageKind.FROM_APPLICANT, body="KTP sudah saya pindai ulang."
    ).exists()
    page = response.content.decode()
    assert "Perbaikan terkirim" in page
    assert "KTP sudah saya pindai ulang." in page  # the applicant's own message in the thread
    resubmitted = AuditEvent.objects.get(action="public_services.application.resubmit")
    assert resubmitted.actor is None and "Siti Aminah" in resubmitted.actor_label


def test_a_correction_with_a_mistake_keeps_what_was_right_and_stays_with_the_applicant(in_correction):
    application, secret = in_correction
    client = _signed_in_by_secret(application, secret)
    kk = application.standard.requirements.order_by("order").last()
    response = client.post(
        reverse("public_services:track_correct", args=[application.number]),
        _correction_data(application, nik="1234") | {f"berkas_{kk.pk}": pdf_upload("kk-baru.pdf")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "NIK terdiri atas 16 angka" in page and "Perbaikan belum terkirim" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_CORRECTION
    assert application.uploads.get(requirement=kk, superseded_at__isnull=True).stored_file.original_name == (
        "kk-baru.pdf"
    )
    assert application.applicant_nik == "3273014501900002"


def test_a_correction_cannot_be_sent_without_the_secret(in_correction):
    application, _secret = in_correction
    url = reverse("public_services:track_correct", args=[application.number])
    for data in (_correction_data(application), _correction_data(application, rahasia="SALAH234")):
        response = Client().post(url, data)
        assert "Siti Aminah" not in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_CORRECTION


def _completed(service, officer, head, *, with_document: bool):
    application, secret = submitted_application(service)
    services.start_verification(application=application, actor=officer)
    services.step(application=application, name="accept", actor=officer)
    document = None
    if with_document:
        document = issue_document(
            organisation=service.organisation,
            actor=head,
            document_type="surat-keterangan",
            number="400.12/017/KEC/2026",
            title="Surat Keterangan Tidak Mampu",
            body_html="<p>Menerangkan bahwa Siti Aminah ...</p>",
            signatory_name="Drs. Camat",
            signatory_position="Camat",
            sign=False,
        )
    services.complete(application=application, actor=officer, result_document=document)
    return application, secret


def test_the_result_is_downloaded_only_when_the_office_allows_it_and_the_download_is_audited(
    district, officer, head
):
    service = make_service(district, result_downloadable=True)
    application, secret = _completed(service, officer, head, with_document=True)
    client = Client()
    page = client.get(
        reverse("public_services:track_link", args=[application.number, secret])
    ).content.decode()
    assert 'data-testid="download-result"' in page
    # The QR page's button proves the secret once, then leads to the file.
    response = client.post(
        reverse("public_services:track"), {"nomor": application.number, "rahasia": secret, "lanjut": "unduh"}
    )
    assert response["Location"] == reverse("public_services:track_download", args=[application.number])
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.filter(action="document.downloaded").get()
    assert event.actor is None and event.actor_label == "Pemohon: Siti Aminah"
    # Without the grant the same address shows only the tracking form.
    stranger = Client().get(reverse("public_services:track_download", args=[application.number]))
    assert stranger.status_code == 200 and b"%PDF" not in stranger.content


def test_when_the_office_keeps_results_at_the_counter_the_page_says_what_to_bring(district, officer, head):
    service = make_service(district, result_downloadable=False)
    application, secret = _completed(service, officer, head, with_document=True)
    client = Client()
    page = client.get(
        reverse("public_services:track_link", args=[application.number, secret])
    ).content.decode()
    assert 'data-testid="pickup-notice"' in page and "KTP asli" in page
    assert 'data-testid="download-result"' not in page
    client = _signed_in_by_secret(application, secret)
    assert client.get(reverse("public_services:track_download", args=[application.number])).status_code == 404


def test_without_a_result_document_there_is_nothing_to_download(district, officer, head):
    service = make_service(district, result_downloadable=True)
    application, secret = _completed(service, officer, head, with_document=False)
    client = _signed_in_by_secret(application, secret)
    assert (
        'data-testid="pickup-notice"'
        in client.get(reverse("public_services:track_detail", args=[application.number])).content.decode()
    )
    assert client.get(reverse("public_services:track_download", args=[application.number])).status_code == 404


def test_an_open_application_offers_no_download(district, officer):
    service = make_service(district)
    application, secret = submitted_application(service)
    client = _signed_in_by_secret(application, secret)
    assert client.get(reverse("public_services:track_download", args=[application.number])).status_code == 404


def test_a_rejection_shows_its_reason(district, officer):
    service = make_service(district)
    application, secret = submitted_application(service)
    services.reject(
        application=application, actor=officer, reason="Domisili pemohon di luar wilayah kecamatan."
    )
    page = (
        Client()
        .get(reverse("public_services:track_link", args=[application.number, secret]))
        .content.decode()
    )
    assert "Domisili pemohon di luar wilayah kecamatan." in page
    assert "Ditolak" in page


def test_an_upload_that_fails_the_content_check_in_a_correction_is_reported(in_correction):
    application, secret = in_correction
    client = _signed_in_by_secret(application, secret)
    ktp = application.standard.requirements.order_by("order").first()
    response = client.post(
        reverse("public_services:track_correct", args=[application.number]),
        _correction_data(application)
        | {f"berkas_{ktp.pk}": SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00 bukan pdf", "application/pdf")},
    )
    assert response.status_code == 200 and "Perbaikan belum terkirim" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_CORRECTION
