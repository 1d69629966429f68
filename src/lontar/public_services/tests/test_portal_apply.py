"""Applying online through the pages: one application however often "Ajukan" arrives, drafts that can
be resumed elsewhere with the number and secret, and nothing typed or uploaded lost to an error."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lontar.public_services.models import (
    Application,
    ApplicationStatus,
    ApplicationUpload,
    FieldKind,
    FormField,
)
from lontar.public_services.tests.factories import make_service, pdf_upload
from lontar.public_services.tests.portal_helpers import (  # noqa: F401
    apply_url,
    form_data,
    fresh_cache,
    submit_key,
    verify_contact,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(district):
    return make_service(district, processing_days=3)


@pytest.fixture
def citizen(client):
    verify_contact(client, "siti@example.com")
    return client


def _receipt_secret(response) -> str:
    return re.search(r'data-testid="receipt-secret">([A-Z0-9]+)<', response.content.decode()).group(1)


def test_pressing_ajukan_twice_makes_one_application_and_shows_the_same_confirmation(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    first = citizen.post(apply_url(service), form_data(service, key=key, ajukan="1"), follow=True)
    second = citizen.post(apply_url(service), form_data(service, key=key, ajukan="1"), follow=True)

    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.uploads.count() == 2  # the second press stored no files either
    for response in (first, second):
        assert response.status_code == 200
        assert application.number in response.content.decode()
    assert "Permohonan ini sudah kami terima" in second.content.decode()
    assert "Permohonan ini sudah kami terima" not in first.content.decode()
    # This browser may see its secret again if the first answer was lost on the way.
    assert _receipt_secret(first) == _receipt_secret(second)
    assert application.applicant_email == "siti@example.com"
    assert application.applicant_phone == "+6281234567890"
    assert application.contact_verified_at is not None


def test_the_same_form_key_from_another_browser_creates_nothing_and_shows_no_secret(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    citizen.post(apply_url(service), form_data(service, key=key, ajukan="1"))
    other = Client()
    verify_contact(other, "lain@example.com")
    response = other.post(apply_url(service), form_data(service, key=key, ajukan="1"), follow=True)
    assert Application.objects.count() == 1
    page = response.content.decode()
    assert "Permohonan ini sudah kami terima" in page
    assert Application.objects.get().number not in page
    assert "Siti Aminah" not in page


def test_the_confirmation_shows_number_secret_qr_and_the_expected_completion_date(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    response = citizen.post(apply_url(service), form_data(service, key=key, ajukan="1"), follow=True)
    application = Application.objects.get()
    page = response.content.decode()
    assert "<svg" in page  # the QR code
    assert 'data-testid="receipt-due"' in page
    secret = _receipt_secret(response)
    # The secret leads to the tracking page; the number alone does not.
    link = reverse("public_services:track_link", args=[application.number, secret])
    assert Client().get(link).content.decode().count(application.applicant_name) >= 1


def test_a_validation_error_keeps_the_typed_answers_and_the_files_already_sent(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    response = citizen.post(apply_url(service), form_data(service, key=key, nik="3273014501900", ajukan="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "NIK terdiri atas 16 angka" in page
    assert "Permohonan belum diajukan" in page
    assert 'value="Beasiswa sekolah anak"' in page  # the answer is shown again
    assert 'value="3273014501900"' in page  # and so is the wrong NIK, to be corrected
    assert page.count('data-testid="kept-upload"') == 2  # both files are kept
    draft = Application.objects.get()
    assert draft.status == ApplicationStatus.DRAFT and draft.data["keperluan"] == "Beasiswa sekolah anak"
    assert f'name="nomor" value="{draft.number}"' in page

    # Only the NIK is fixed; the files are not chosen again.
    fixed = form_data(service, key=key, with_files=False, nomor=draft.number, ajukan="1")
    response = citizen.post(apply_url(service), fixed, follow=True)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED and draft.applicant_nik == "3273014501900002"
    assert draft.uploads.count() == 2
    assert "Permohonan Anda sudah diterima" in response.content.decode()


def test_a_file_that_is_not_what_it_claims_is_refused_and_the_others_are_kept(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    ktp, kk = service.standards.get().requirements.order_by("order")
    data = form_data(service, key=key, ajukan="1")
    data[f"berkas_{kk.pk}"] = SimpleUploadedFile("kk.pdf", b"<html>bukan pdf</html>", "application/pdf")
    response = citizen.post(apply_url(service), data)
    assert response.status_code == 200
    assert list(ApplicationUpload.objects.values_list("requirement_id", flat=True)) == [ktp.pk]
    page = response.content.decode()
    assert re.search(rf'data-testid="upload-{kk.pk}".*?invalid-feedback', page, re.S)
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_without_a_name_nothing_is_kept_and_the_page_says_so(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    response = citizen.post(apply_url(service), form_data(service, key=key, nama="", simpan_draf="1"))
    page = response.content.decode()
    assert "Tulis nama pemohon" in page
    assert "belum tersimpan karena nama pemohon belum diisi" in page
    assert not Application.objects.exists()


def test_a_draft_is_saved_then_resumed_from_another_browser_with_number_and_secret(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    response = citizen.post(
        apply_url(service),
        form_data(service, key=key, with_files=False, isian_keperluan="Kuliah", simpan_draf="1"),
        follow=True,
    )
    draft = Application.objects.get()
    page = response.content.decode()
    assert draft.status == ApplicationStatus.DRAFT
    assert "Draf tersimpan" in page and draft.number in page
    secret = re.search(r'data-testid="draft-secret">([A-Z0-9]+)<', page).group(1)

    phone = Client()  # another device, no verified contact of its own
    detail = phone.post(
        reverse("public_services:track"), {"nomor": draft.number.lower(), "rahasia": secret}, follow=True
    )
    assert 'data-testid="resume-draft"' in detail.content.decode()
    form = phone.get(f"{apply_url(service)}?nomor={draft.number}")
    assert form.status_code == 200
    assert 'value="Kuliah"' in form.content.decode()
    response = phone.post(
        apply_url(service),
        form_data(service, key=draft.submit_key, nomor=draft.number, ajukan="1"),
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert "Permohonan Anda sudah diterima" in response.content.decode()
    assert Application.objects.count() == 1


def test_a_draft_cannot_be_opened_by_number_without_the_secret(client, service, citizen):
    key = submit_key(citizen.get(apply_url(service)))
    citizen.post(apply_url(service), form_data(service, key=key, with_files=False, simpan_draf="1"))
    draft = Application.objects.get()
    stranger = Client()
    response = stranger.get(f"{apply_url(service)}?nomor={draft.number}")
    assert response.status_code == 302 and response["Location"] == reverse("public_services:track")
    response = stranger.post(
        apply_url(service),
        form_data(service, key="lain", nomor=draft.number, nama="Penyusup", simpan_draf="1"),
    )
    draft.refresh_from_db()
    assert draft.applicant_name == "Siti Aminah"


def test_every_kind_of_form_field_is_built_from_the_standard_and_validated(citizen, district):
    service = make_service(district, uploads=(), fields=())
    standard = service.standards.get()
    kinds = [
        ("alasan", "Alasan", FieldKind.TEXTAREA, []),
        ("luas", "Luas tanah (m²)", FieldKind.NUMBER, []),
        ("tanggal_nikah", "Tanggal nikah", FieldKind.DATE, []),
        ("status", "Status perkawinan", FieldKind.CHOICE, ["Belum kawin", "Cerai hidup", "Cerai mati"]),
        ("nik_ayah", "NIK ayah", FieldKind.NIK, []),
        ("telepon_wali", "Telepon wali", FieldKind.PHONE, []),
        ("surel_wali", "Surel wali", FieldKind.EMAIL, []),
        ("alamat_usaha", "Alamat usaha", FieldKind.ADDRESS, []),
    ]
    for order, (key, label, kind, choices) in enumerate(kinds):
        FormField.objects.create(
            standard=standard, order=order, key=key, label=label, kind=kind, choices=choices
        )
    page = citizen.get(apply_url(service)).content.decode()
    assert 'type="date"' in page and "Cerai hidup" in page and 'inputmode="decimal"' in page
    key = submit_key(citizen.get(apply_url(service)))
    bad = {
        "isian_luas": "dua belas",
        "isian_tanggal_nikah": "31/02/2026",
        "isian_status": "Kawin siri",
        "isian_nik_ayah": "1234",
        "isian_telepon_wali": "12",
        "isian_surel_wali": "wali@",
    }
    response = citizen.post(
        apply_url(service), form_data(service, key=key, with_files=False, ajukan="1", **bad)
    )
    page = response.content.decode()
    for message in (
        "Tulis angka, misalnya 12 atau 12,5.",
        "Tulis tanggal yang benar",
        "Pilih salah satu pilihan yang tersedia.",
        "NIK terdiri atas 16 angka",
        "Nomor telepon 12 tidak valid",
        "Alamat surel tidak valid",
    ):
        assert message in page, message
    good = {
        "isian_alasan": "Untuk melengkapi berkas KUA",
        "isian_luas": "1.250,5",
        "isian_tanggal_nikah": "2026-07-17",
        "isian_status": "Cerai hidup",
        "isian_nik_ayah": "3273011708650001",
        "isian_telepon_wali": "0813-1111-2222",
        "isian_surel_wali": "wali@example.com",
        "isian_alamat_usaha": "Pasar Baru Blok C-12",
    }
    draft = Application.objects.get()
    citizen.post(
        apply_url(service),
        form_data(service, key=key, nomor=draft.number, with_files=False, ajukan="1", **good),
    )
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.data == {
        "alasan": "Untuk melengkapi berkas KUA",
        "luas": "1250.5",
        "tanggal_nikah": "2026-07-17",
        "status": "Cerai hidup",
        "nik_ayah": "3273011708650001",
        "telepon_wali": "+6281311112222",
        "surel_wali": "wali@example.com",
        "alamat_usaha": "Pasar Baru Blok C-12",
    }


def test_required_answers_and_uploads_are_asked_for_only_when_submitting(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    response = citizen.post(
        apply_url(service),
        form_data(service, key=key, with_files=False, isian_keperluan="", ajukan="1"),
    )
    page = response.content.decode()
    assert page.count("Unggah berkas ini") == 2
    assert "Wajib diisi." in page
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_a_service_that_is_not_offered_online_sends_the_citizen_to_the_counter(citizen, district):
    service = make_service(district, accepts_online=False)
    response = citizen.get(apply_url(service))
    assert "tidak dapat diajukan secara daring" in response.content.decode()
    hidden = make_service(district, code="tersembunyi", is_published=False)
    assert citizen.get(apply_url(hidden)).status_code == 404


def test_a_new_upload_in_a_draft_supersedes_the_earlier_file(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    citizen.post(apply_url(service), form_data(service, key=key, simpan_draf="1"))
    draft = Application.objects.get()
    ktp = service.standards.get().requirements.order_by("order").first()
    citizen.post(
        apply_url(service),
        form_data(service, key=key, nomor=draft.number, with_files=False, simpan_draf="1")
        | {f"berkas_{ktp.pk}": pdf_upload("ktp-baru.pdf")},
    )
    current = draft.uploads.filter(superseded_at__isnull=True, requirement=ktp).get()
    assert current.stored_file.original_name == "ktp-baru.pdf"
    assert draft.uploads.count() == 3


def test_the_draft_link_leads_through_one_button_back_to_the_form(citizen, service):
    key = submit_key(citizen.get(apply_url(service)))
    response = citizen.post(
        apply_url(service), form_data(service, key=key, with_files=False, simpan_draf="1"), follow=True
    )
    draft = Application.objects.get()
    secret = re.search(r'data-testid="draft-secret">([A-Z0-9]+)<', response.content.decode()).group(1)
    phone = Client()
    page = phone.get(reverse("public_services:track_link", args=[draft.number, secret])).content.decode()
    assert 'name="lanjut" value="draf"' in page
    response = phone.post(
        reverse("public_services:track"), {"nomor": draft.number, "rahasia": secret, "lanjut": "draf"}
    )
    assert response["Location"] == f"{apply_url(service)}?nomor={draft.number}"
    assert phone.get(response["Location"]).status_code == 200
