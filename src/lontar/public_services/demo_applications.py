"""Demo applications for Kecamatan Jatisari, moved through the real services so every screen has
something true to show: a queue in order, one being checked, one waiting for the citizen's correction,
one waiting for the Camat's signature, a signed result ready, one picked up and one rejected.

Applicants are fictional; their NIKs are shaped like real ones (region 32.99.xx of the demo kota, birth
date, +40 on the day for women) so the screens' masking and validation have something real to work on.
"""

from __future__ import annotations

import functools
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.documents.rendering import html_to_pdf
from lontar.core.models import Organisation
from lontar.public_services.models import Application, Channel, Service
from lontar.public_services.services import applications as services
from lontar.public_services.services import results

# (service code, name, NIK, phone, address, answers, target state)
APPLICANTS = [
    (
        "sktm",
        "Siti Nurhaliza",
        "3299034506920003",
        "081321450671",
        "Jl. Kenanga No. 12, Kelurahan Jatisari",
        "selesai_ttd",
    ),
    (
        "domisili-usaha",
        "Ahmad Fauzi",
        "3299031204850002",
        "081223344551",
        "Jl. Raya Jatisari No. 45",
        "diambil",
    ),
    ("sktm", "Dedi Kurniawan", "3299030710880005", "085722113498", "Kp. Cibeber RT 03/RW 05", "menunggu_ttd"),
    (
        "tanggungan-keluarga",
        "Rina Marlina",
        "3299036202900001",
        "081394450012",
        "Perum Griya Asri Blok C-7",
        "diproses",
    ),
    ("domisili-usaha", "Yusuf Hidayat", "3299030303790004", "082118765432", "Jl. Mawar No. 3", "perbaikan"),
    (
        "pengantar-skck",
        "Agus Setiawan",
        "3299031511000001",
        "087822334455",
        "Jl. Flamboyan No. 21",
        "diperiksa",
    ),
    ("sktm", "Nur Aini", "3299035903950002", "081287654321", "Kp. Sindangsari RT 01/RW 02", "diajukan"),
    ("sktm", "Bambang Suryadi", "3299032208700003", "081312340987", "Jl. Melati No. 8", "diajukan"),
    ("iumk", "Wulan Sari", "3299034811930001", "085624681357", "Jl. Pasar Jatisari Kios 14", "diajukan"),
    (
        "pengantar-pindah",
        "Hendra Gunawan",
        "3299030101820007",
        "081911223344",
        "Jl. Anggrek No. 17",
        "ditolak",
    ),
]


@functools.cache
def _scan_bytes() -> bytes:
    """One rendered page stands for every scanned requirement (rendering each takes a while)."""
    html = (
        "<html><body style='font-family: sans-serif; font-size: 12pt'>"
        "<p><strong>Pindaian dokumen pemohon</strong></p><p>Data demo.</p></body></html>"
    )
    return html_to_pdf(html)


def _scan(title: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("pindaian.pdf", _scan_bytes(), content_type="application/pdf")


def _answers(application: Application) -> dict:
    values = {}
    for field in application.standard.form_fields.all():
        if field.kind == "choice" and field.choices:
            values[field.key] = field.choices[0]
        elif field.kind == "number":
            values[field.key] = "2"
        elif field.kind == "date":
            values[field.key] = "2026-12-05"
        elif field.kind == "nik":
            values[field.key] = application.applicant_nik
        elif field.kind == "phone":
            values[field.key] = application.applicant_phone
        else:
            values[field.key] = {
                "keperluan": "Persyaratan beasiswa sekolah anak",
                "nama_usaha": "Warung Makan Barokah",
            }.get(field.key, "Sesuai berkas terlampir")
    return values


def load_demo_applications() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code="Kec.Jts").first()
    if office is None or Application.objects.filter(organisation=office).exists():
        return created
    users = get_user_model().objects
    officer = users.filter(username="staf.pem.jatisari").first()
    front_desk = users.filter(username="fo.jatisari").first()
    camat = users.filter(username="camat.jatisari").first()
    if not (officer and front_desk and camat):
        return created
    for code, name, nik, phone, address, target in APPLICANTS:
        service = Service.objects.filter(organisation=office, code=code).first()
        if service is None:
            continue
        online = target != "diambil"
        applicant = {"name": name, "nik": nik, "phone": phone, "address": address}
        new = services.start_application(
            service=service,
            applicant=applicant,
            channel=Channel.ONLINE if online else Channel.COUNTER,
            actor=None if online else front_desk,
            contact_verified=online,
        )
        application = new.application
        services.update_draft(
            application=application,
            applicant=applicant,
            data=_answers(application),
            actor=None if online else front_desk,
        )
        if online:
            for requirement in application.standard.requirements.filter(needs_upload=True):
                services.add_upload(
                    application=application, requirement=requirement, uploaded_file=_scan(requirement.name)
                )
        services.submit(application=application, actor=None if online else front_desk)
        created["permohonan layanan"] += 1
        if target == "diajukan":
            continue
        services.start_verification(application=application, actor=officer, reason="Data demo")
        if target == "diperiksa":
            continue
        if target == "perbaikan":
            services.request_correction(
                application=application,
                actor=officer,
                message="Foto KTP pada unggahan terpotong. Mohon unggah ulang KTP yang terbaca seluruhnya.",
            )
            continue
        if target == "ditolak":
            services.reject(
                application=application,
                actor=officer,
                reason="Alamat tujuan pindah berada di luar wilayah yang dapat dilayani dengan surat "
                "pengantar ini; silakan mengurus langsung ke Disdukcapil.",
            )
            continue
        services.step(application=application, name="accept", actor=officer)
        if target == "diproses":
            continue
        if results.issues_document(application):
            results.request_signature(
                application=application,
                actor=officer,
                previewed_digest=results.render_result(application).digest,
            )
            if target == "menunggu_ttd":
                continue
            results.sign_result(application=application, actor=camat)
        else:
            results.complete_without_document(application=application, actor=officer)
        if target == "diambil":
            services.hand_over(application=application, actor=front_desk, received_by=name)
    return created
