"""Demo incoming letters: a realistic handful per kecamatan, with dispositions in every state.

Made through the same services the front desk, the Camat and the Kasi use, so agenda numbers, audit
trail, notifications and search entries are real. Idempotent: an office that already has incoming
letters is left alone. Classification codes the letters need are created when the records module has
not imported them yet (the full KKA list comes from there).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from lontar.core.demo import data
from lontar.core.documents.rendering import html_to_pdf
from lontar.core.models import Organisation, Unit
from lontar.core.numbering.models import NumberingTemplate
from lontar.core.numbering.services import create_template
from lontar.core.workdays.calendar import organisation_today
from lontar.correspondence.models import AGENDA_DOCUMENT_TYPE, DispositionInstruction, IncomingLetter
from lontar.correspondence.services import dispositions as dispose_services
from lontar.correspondence.services import incoming as incoming_services
from lontar.records.models import Classification

CODES = [
    ("000", "Umum"),
    ("000.1", "Ketatausahaan dan Kerumahtanggaan"),
    ("000.1.5", "Rapat Pimpinan"),
    ("100", "Pemerintahan"),
    ("100.2", "Pemerintahan Umum"),
    ("300", "Keamanan dan Ketertiban"),
    ("400", "Kesejahteraan Rakyat"),
    ("500", "Perekonomian"),
    ("700", "Pengawasan"),
    ("800", "Kepegawaian"),
    ("800.1", "Sumber Daya Manusia"),
]


def _codes() -> dict[str, Classification]:
    found = {}
    for code, title in CODES:
        parent = found.get(code.rsplit(".", 1)[0]) if "." in code else None
        found[code], _created = Classification.objects.get_or_create(
            scheme="83/2022", code=code, defaults={"title": title, "parent": parent}
        )
    return found


def _scan(subject: str, sender: str, number: str) -> SimpleUploadedFile:
    html = (
        "<html><body style='font-family: sans-serif; font-size: 12pt'>"
        f"<p><strong>{sender}</strong></p><p>Nomor: {number}</p><p>Hal: {subject}</p>"
        "<p>Dengan hormat, bersama ini kami sampaikan hal tersebut di atas untuk mendapat perhatian "
        "dan tindak lanjut Saudara. Atas perhatian dan kerja samanya kami ucapkan terima kasih.</p>"
        "</body></html>"
    )
    return SimpleUploadedFile("pindaian.pdf", html_to_pdf(html), content_type="application/pdf")


def _user(username: str):
    return get_user_model().objects.filter(username=username, is_active=True).first()


def _instruction(org, text):
    return DispositionInstruction.objects.get(organisation=org, text=text)


def load_incoming_demo() -> Counter:
    created: Counter = Counter()
    codes = _codes()
    for district in data.DISTRICTS:
        org = Organisation.objects.filter(code=district.code).first()
        if org is None or IncomingLetter.objects.filter(organisation=org).exists():
            continue
        with transaction.atomic():
            _district(org, district.slug, codes, created)
    return created


def _district(org, slug: str, codes, created: Counter) -> None:
    front_desk, camat = _user(f"fo.{slug}"), _user(f"camat.{slug}")
    admin = _user(f"admin.{slug}")
    if front_desk is None or camat is None:
        return
    if not NumberingTemplate.objects.filter(organisation=org, document_type=AGENDA_DOCUMENT_TYPE).exists():
        create_template(
            actor=admin,
            organisation=org,
            document_type=AGENDA_DOCUMENT_TYPE,
            name="Agenda Surat Masuk",
            format="{urut:4}/SM/{org}/{tahun}",
            scope="document_type",
        )
    dispose_services.seed_default_instructions(organisation=org)
    today = organisation_today(org)
    units = {unit.code: unit for unit in Unit.objects.filter(organisation=org)}
    place = org.short_name or org.name

    def letter(days_ago, sender_name, institution, number, subject, code, **extra):
        created["surat masuk"] += 1
        return incoming_services.register_incoming(
            actor=front_desk,
            organisation=org,
            sender_name=sender_name,
            sender_institution=institution,
            sender_number=number,
            sender_date=today - dt.timedelta(days=days_ago + 2),
            received_date=today - dt.timedelta(days=days_ago),
            subject=subject,
            classification=codes[code],
            scans=[_scan(subject, institution or sender_name, number)],
            **extra,
        )

    def send(actor, target, instruction, note="", days=None, unit=None):
        created["disposisi"] += 1
        return dispose_services.dispose(
            actor=actor,
            letter=target,
            units=[unit],
            instructions=[_instruction(org, instruction)],
            note=note,
            working_days=days,
        )

    def to_people(actor, target, people, instruction, note="", days=None, parent=None):
        created["disposisi"] += len(people)
        return dispose_services.dispose(
            actor=actor,
            letter=target,
            recipients=people,
            instructions=[_instruction(org, instruction)],
            note=note,
            working_days=days,
            parent=parent,
        )

    # 1. Fully worked: Camat -> Seksi Pemerintahan -> staff, reported and completed.
    ktp = letter(
        6,
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Sukamaju",
        f"470/{212 + len(slug)}/Disdukcapil/{today.year}",
        "Undangan rapat koordinasi percepatan perekaman KTP-el",
        "100.2",
        summary="Rapat koordinasi di Aula Disdukcapil; camat diminta menugaskan Kasi Pemerintahan.",
        urgency="segera",
        enclosures=1,
    )
    if "PEM" in units:
        (to_kasi,) = send(
            camat, ktp, "Hadiri/wakili", "Hadiri dan laporkan hasilnya.", days=3, unit=units["PEM"]
        )
        kasi = to_kasi.recipient
        dispose_services.open_received(actor=kasi, letter=ktp)
        staff = _user(f"staf.pem.{slug}")
        if staff is not None:
            (to_staff,) = to_people(
                kasi, ktp, [staff], "Siapkan jawaban", "Siapkan data perekaman per kelurahan.", 2, to_kasi
            )
            dispose_services.open_received(actor=staff, letter=ktp)
            dispose_services.report(
                actor=staff,
                disposition=to_staff,
                text="Data perekaman per kelurahan sudah disusun dan diserahkan kepada Kasi.",
                done=True,
            )
            to_staff.refresh_from_db()
            dispose_services.complete(actor=kasi, disposition=to_staff, note="Terima kasih.")
        dispose_services.report(
            actor=kasi,
            disposition=to_kasi,
            text=f"Rapat sudah dihadiri; target perekaman {place} 96%.",
            done=True,
        )
        created["laporan"] += 1

    # 2. Urgent warning, sent to two people, still unread.
    weather = letter(
        1,
        "Kepala Pelaksana BPBD",
        "Badan Penanggulangan Bencana Daerah Kota Sukamaju",
        f"360/{88 + len(slug)}/BPBD/{today.year}",
        "Peringatan dini cuaca ekstrem dan kesiapsiagaan banjir",
        "300",
        urgency="sangat_segera",
    )
    people = [u for u in (_user(f"sekcam.{slug}"), _user(f"kasi.trantib.{slug}")) if u is not None]
    if people:
        to_people(
            camat, weather, people, "Koordinasikan", "Siagakan Linmas dan koordinasikan dengan lurah.", 1
        )

    # 3. Read, due soon.
    musrenbang = letter(
        3,
        "Kepala Bappeda",
        "Badan Perencanaan Pembangunan Daerah Kota Sukamaju",
        f"050/{41 + len(slug)}/Bappeda/{today.year}",
        "Jadwal pelaksanaan Musrenbang tingkat kecamatan",
        "500",
    )
    if "EKBANG" in units and dispose_services.unit_head(units["EKBANG"]) is not None:
        (to_ekbang,) = send(camat, musrenbang, "Untuk ditindaklanjuti", days=2, unit=units["EKBANG"])
        dispose_services.open_received(actor=to_ekbang.recipient, letter=musrenbang)

    # 4. Confidential: only its chain sees it.
    audit_letter = letter(
        2,
        "Inspektur Daerah",
        "Inspektorat Daerah Kota Sukamaju",
        f"700/{17 + len(slug)}/Itda/{today.year}",
        "Pemberitahuan pemeriksaan khusus pengelolaan keuangan kecamatan",
        "700",
        security="rahasia",
    )
    sekcam = _user(f"sekcam.{slug}")
    if sekcam is not None:
        to_people(
            camat, audit_letter, [sekcam], "Untuk dipelajari dan saran", "Siapkan dokumen yang diminta.", 5
        )

    # 5. Withdrawn before it was read, then sent to the right person.
    kgb = letter(
        4,
        "Kepala BKPSDM",
        "Badan Kepegawaian dan Pengembangan SDM Kota Sukamaju",
        f"800.1/{305 + len(slug)}/BKPSDM/{today.year}",
        "Surat edaran penyampaian usulan kenaikan gaji berkala",
        "800.1",
    )
    kesos, tu = _user(f"kasi.kesos.{slug}"), _user(f"kasubag.tu.{slug}")
    if kesos is not None and tu is not None:
        (wrong,) = to_people(camat, kgb, [kesos], "Untuk ditindaklanjuti")
        dispose_services.withdraw(
            actor=camat, disposition=wrong, note="Salah tujuan; urusan kepegawaian di Subbag TU."
        )
        to_people(camat, kgb, [tu], "Untuk ditindaklanjuti", "Himpun usulan KGB pegawai kecamatan.", 5)

    # 6 and 7. Waiting for the Camat.
    letter(
        0,
        "Lurah",
        f"Kelurahan di {org.name}",
        f"470/{9 + len(slug)}/Kel/{today.year}",
        "Laporan bulanan kependudukan (lahir, mati, pindah, datang)",
        "100.2",
        enclosures=2,
    )
    letter(
        0,
        "Ketua RW 05",
        "",
        "05/RW05/XI",
        "Permohonan izin keramaian peringatan hari jadi kampung",
        "300",
        channel="kertas",
    )
