"""Building blocks for public-services tests: a service with a standard in force, requirements and a
form, and applications moved along through the real services."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.tests.files_samples import pdf_bytes
from lontar.public_services.models import FieldKind, FormField, Requirement, Service, ServiceStandard
from lontar.public_services.services import applications as app_services


def pdf_upload(name: str = "ktp.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes("Kartu Tanda Penduduk"), content_type="application/pdf")


def make_service(
    organisation,
    *,
    code: str = "sktm",
    name: str = "Surat Keterangan Tidak Mampu",
    processing_days: int = 3,
    effective_from: dt.date = dt.date(2026, 1, 1),
    uploads: tuple[str, ...] = ("KTP pemohon", "Kartu Keluarga"),
    fields: tuple[tuple[str, str, str], ...] = (("keperluan", "Keperluan", FieldKind.TEXT),),
    **service_kwargs,
) -> Service:
    service = Service.objects.create(organisation=organisation, code=code, name=name, **service_kwargs)
    standard = ServiceStandard.objects.create(
        organisation=organisation,
        service=service,
        version=1,
        effective_from=effective_from,
        published=True,
        procedure="1. Pemohon mengajukan berkas.\n2. Petugas memeriksa.\n3. Camat menandatangani.",
        processing_days=processing_days,
        fee_amount=0,
        fee_text="Tidak dipungut biaya",
        product=name,
        complaint_handling="Kotak pengaduan, portal pengaduan, dan SP4N-LAPOR!",
        legal_basis="Peraturan Wali Kota tentang pelimpahan kewenangan kepada camat",
    )
    for order, requirement in enumerate(uploads):
        Requirement.objects.create(standard=standard, order=order, name=requirement, needs_upload=True)
    for order, (key, label, kind) in enumerate(fields):
        FormField.objects.create(standard=standard, order=order, key=key, label=label, kind=kind)
    return service


def applicant(**overrides) -> dict:
    return {
        "name": "Siti Aminah",
        "nik": "3273014501900002",
        "phone": "081234567890",
        "email": "siti@example.com",
        "address": "Jl. Melati No. 5, Kelurahan Sukamaju",
        **overrides,
    }


def submitted_application(service, *, actor=None, data=None, **applicant_overrides):
    """An online application with its uploads, verified and submitted. Returns (application, secret)."""
    new = app_services.start_application(
        service=service,
        applicant=applicant(**applicant_overrides),
        data=data or {"keperluan": "Beasiswa sekolah anak"},
        contact_verified=True,
    )
    application = new.application
    for requirement in application.standard.requirements.all():
        app_services.add_upload(application=application, requirement=requirement, uploaded_file=pdf_upload())
    app_services.submit(application=application, actor=actor)
    return application, new.secret
