"""Result documents: rendered from the service's template in a sandbox, numbered and signed when the
Camat (or whoever acts for him) signs, with the acting title printed; refusals take no number."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lontar.core.documents.models import IssuedDocument
from lontar.core.models import PositionAssignment
from lontar.core.numbering.models import IssuedNumber, NumberingTemplate
from lontar.public_services.models import ApplicationStatus
from lontar.public_services.services import applications as app_services
from lontar.public_services.services import results
from lontar.public_services.tests import office_helpers
from lontar.public_services.tests.factories import make_service, submitted_application
from lontar.public_services.tests.office_helpers import acting, client_for

pytestmark = pytest.mark.django_db

# Fixtures of the office set-up (see office_helpers).
ca_dir = office_helpers.ca_dir
documents_storage = office_helpers.documents_storage
office = office_helpers.office


def awaiting_signature(office, **applicant):
    application, _secret = submitted_application(
        office.service, data={"keperluan": "Beasiswa anak"}, **applicant
    )
    app_services.start_verification(application=application, actor=office.officer)
    app_services.step(application=application, name="accept", actor=office.officer)
    results.request_signature(
        application=application,
        actor=office.officer,
        previewed_digest=results.render_result(application).digest,
    )
    return application


def pdf_of(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_signing_issues_a_numbered_signed_pdf_and_completes_the_application(office, tmp_path):
    application = awaiting_signature(office)
    client = client_for(office.camat)
    response = client.post(reverse("public_services:office_sign", args=[application.pk]), {})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.READY
    assert application.completed_at is not None and application.on_time is True
    document = application.result_document
    assert document.number.startswith("400.9/001/")
    assert document.document_type == "surat_keterangan"
    assert document.document_type_name == "Surat Keterangan Tidak Mampu"
    assert document.signed and document.signatory_position == "Camat Satu"
    assert "Ahmad Subagja" in document.signatory_name
    data = pdf_of(document)
    assert data.startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    number = IssuedNumber.objects.get(number=document.number)
    assert number.object_id == str(application.pk)
    assert application.number in document.title
    if shutil.which("pdfsig"):
        path = tmp_path / "hasil.pdf"
        path.write_bytes(data)
        report = subprocess.run(
            ["pdfsig", str(path)], capture_output=True, text=True, timeout=60, check=False
        )
        assert "Signature is Valid." in report.stdout, report.stdout
    page = client.get(reverse("public_services:office_application", args=[application.pk]))
    assert document.number in page.content.decode()
    assert reverse("core:document_verify", args=[document.verification_token]) in page.content.decode()


def test_the_sekcam_acting_for_the_camat_signs_as_plh_camat(office):
    acting(office.camat_position, office.sekcam.staff, kind=PositionAssignment.Kind.PLH)
    application = awaiting_signature(office)
    choices = results.signing_assignments(office.sekcam, office.org)
    assert [a.position for a in choices] == [office.camat_position, office.sekcam_position]
    results.sign_result(application=application, actor=office.sekcam)
    application.refresh_from_db()
    assert application.result_document.signatory_position == "Plh. Camat Satu"
    assert "Rina Marlina" in application.result_document.signatory_name


def test_the_camat_stood_in_for_cannot_sign_as_camat(office):
    acting(office.camat_position, office.sekcam.staff, kind=PositionAssignment.Kind.PLH)
    application = awaiting_signature(office)
    with pytest.raises(ValidationError, match="belum tercatat memegang jabatan"):
        results.sign_result(application=application, actor=office.camat)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_SIGNATURE
    assert not IssuedNumber.objects.exists()


def test_without_a_numbering_template_the_signer_is_told_what_to_ask_and_nothing_is_taken(office):
    NumberingTemplate.objects.filter(organisation=office.org).delete()
    application = awaiting_signature(office)
    response = client_for(office.camat).post(
        reverse("public_services:office_sign", args=[application.pk]), {}
    )
    assert response.status_code == 400
    assert "belum memiliki templat penomoran aktif" in response.content.decode()
    assert "surat_keterangan" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_SIGNATURE and application.result_document is None
    assert not IssuedNumber.objects.exists() and not IssuedDocument.objects.exists()


def test_officers_cannot_sign_and_signers_cannot_skip_the_officer(office):
    application = awaiting_signature(office)
    response = client_for(office.officer).post(
        reverse("public_services:office_sign", args=[application.pk]), {}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_SIGNATURE


def test_the_result_template_runs_sandboxed_and_its_output_is_sanitised(office):
    application, _secret = submitted_application(office.service, data={"keperluan": "<script>x()</script>"})
    office.service.result_body = (
        "<p onclick='x()'>{{ pemohon.nama }} {{ data.keperluan }}</p><script>alert(1)</script>"
        "<img src=x onerror=alert(1)>{{ layanan.nama }}"
    )
    office.service.save()
    html = results.render_result(application).html
    assert "Siti Aminah" in html and "Surat Keterangan Tidak Mampu" in html
    assert "<script" not in html and "onclick" not in html and "<img" not in html and "onerror" not in html
    for bad in ("{% load static %}{% static 'x' %}", "{% include 'base.html' %}", "{% if %}"):
        application.service.result_body = bad
        with pytest.raises(ValidationError, match="Templat isi naskah hasil"):
            results.render_result(application)


def test_a_service_without_a_result_document_completes_without_one(office):
    legalisation = make_service(office.org, code="legalisasi", name="Legalisasi dokumen")
    application, _secret = submitted_application(legalisation)
    client = client_for(office.officer)
    client.post(reverse("public_services:office_take", args=[application.pk]), {})
    client.post(reverse("public_services:office_accept", args=[application.pk]), {})
    page = client.get(reverse("public_services:office_application", args=[application.pk]))
    assert "complete" in page.context["forms"] and not page.context["actions"]["request_signature"]
    assert (
        client.post(reverse("public_services:office_complete", args=[application.pk]), {}).status_code == 302
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.READY and application.result_document is None
    handed = client.post(
        reverse("public_services:office_hand_over", args=[application.pk]), {"serahkan-received_by": ""}
    )
    assert handed.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PICKED_UP and application.picked_up_by == "Siti Aminah"


def test_a_service_with_a_result_document_cannot_be_completed_without_it(office):
    application, _secret = submitted_application(office.service)
    app_services.start_verification(application=application, actor=office.officer)
    app_services.step(application=application, name="accept", actor=office.officer)
    with pytest.raises(ValidationError, match="harus ditandatangani"):
        results.complete_without_document(application=application, actor=office.officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING


def test_the_signer_returns_a_wrong_result_to_the_officer_with_what_to_fix(office):
    application = awaiting_signature(office)
    refused = client_for(office.camat).post(
        reverse("public_services:office_return", args=[application.pk]), {"kembalikan-note": ""}
    )
    assert refused.status_code == 400 and "Tuliskan apa yang perlu diperbaiki" in refused.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_SIGNATURE

    client_for(office.camat).post(
        reverse("public_services:office_return", args=[application.pk]),
        {"kembalikan-note": "Nama ayah pemohon salah ketik"},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING
    note = application.messages.get()
    assert note.kind == "internal" and note.body == "Nama ayah pemohon salah ketik"
    assert not IssuedDocument.objects.exists()
