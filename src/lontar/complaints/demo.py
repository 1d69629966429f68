"""Demo data of complaints: for every demo kecamatan the usual categories routed to its units, and for
Kecamatan Jatisari about ten complaints in every state, filed and moved through the real services so the
history and the audit trail are true. Reporters are fictional. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.complaints.models import Complaint, ComplaintCategory, ComplaintChannel, ComplaintKind
from lontar.complaints.services import categories as category_services
from lontar.complaints.services import complaints as services
from lontar.core.models import Organisation, OrganisationKind, Role, Unit

# (code, name, description, unit code, keywords)
CATEGORIES = [
    (
        "pelayanan-administrasi",
        "Pelayanan administrasi",
        "Surat keterangan, legalisasi, rekomendasi, antrean loket.",
        "PEL",
        "surat,antrean,loket,berkas",
    ),
    (
        "kebersihan-lingkungan",
        "Kebersihan dan lingkungan",
        "Sampah, saluran tersumbat, pencemaran.",
        "KESOS",
        "sampah,bau,limbah",
    ),
    (
        "jalan-drainase",
        "Infrastruktur jalan dan drainase",
        "Jalan rusak, gorong-gorong, banjir genangan.",
        "EKBANG",
        "jalan,lubang,banjir,drainase",
    ),
    (
        "ketertiban-umum",
        "Ketertiban umum",
        "Pedagang di trotoar, parkir liar, kebisingan.",
        "TRANTIB",
        "parkir,pkl,bising",
    ),
    (
        "perilaku-petugas",
        "Perilaku petugas",
        "Sikap, disiplin, dan etika pegawai kecamatan.",
        "SEK",
        "petugas,pegawai,sikap",
    ),
    (
        "pungutan-liar",
        "Pungutan liar",
        "Permintaan uang di luar tarif resmi standar pelayanan.",
        "SEK",
        "pungli,uang,biaya",
    ),
    ("lainnya", "Lainnya", "Hal lain yang tidak termasuk kategori di atas.", "TU", ""),
]

# (category code, kind, channel, privacy, reporter, title, description, location, target state)
COMPLAINTS = [
    (
        "jalan-drainase",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.PORTAL,
        "biasa",
        {"name": "Hadi Susanto", "phone": "081322114455", "email": "hadi.s@contoh.id"},
        "Jalan berlubang di depan SDN Jatisari 2",
        "Lubang besar di Jl. Raya Jatisari depan SDN 2 sudah dua minggu, beberapa pengendara motor terjatuh.",
        "Jl. Raya Jatisari depan SDN 2",
        "diterima",
    ),
    (
        "kebersihan-lingkungan",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.PORTAL,
        "anonim",
        {},
        "Sampah menumpuk di TPS Pasar",
        "Sampah di TPS pasar Jatisari tidak diangkut sejak Senin dan baunya sampai ke permukiman.",
        "TPS Pasar Jatisari",
        "diverifikasi",
    ),
    (
        "pelayanan-administrasi",
        ComplaintKind.QUESTION,
        ComplaintChannel.PHONE,
        "biasa",
        {"name": "Lilis Suryani", "phone": "085721334455"},
        "Syarat rekomendasi nikah",
        "Apakah rekomendasi nikah bisa diurus tanpa pengantar RT bila RT sedang ke luar kota?",
        "",
        "diteruskan",
    ),
    (
        "ketertiban-umum",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.COUNTER,
        "biasa",
        {"name": "Oman Abdurahman", "phone": "081298765400"},
        "Parkir liar di depan puskesmas",
        "Kendaraan parkir di bahu jalan depan Puskesmas Jatisari sehingga ambulans sulit keluar.",
        "Depan Puskesmas Jatisari",
        "ditindaklanjuti",
    ),
    (
        "pungutan-liar",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.PORTAL,
        "rahasia",
        {"name": "Nama Dirahasiakan Demo", "phone": "081377788899", "nik": "3299031010800003"},
        "Diminta uang untuk mempercepat surat",
        "Saat mengurus surat keterangan usaha saya diminta uang Rp50.000 agar cepat selesai.",
        "Loket pelayanan",
        "ditindaklanjuti_eskalasi",
    ),
    (
        "jalan-drainase",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.PORTAL,
        "biasa",
        {"name": "Rahmat Hidayat", "email": "rahmat.h@contoh.id"},
        "Gorong-gorong tersumbat di Kp. Cibeber",
        "Gorong-gorong di RT 03/RW 05 Kp. Cibeber tersumbat sehingga air meluap ke jalan setiap hujan.",
        "Kp. Cibeber RT 03/RW 05",
        "selesai_publik",
    ),
    (
        "pelayanan-administrasi",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.PORTAL,
        "biasa",
        {"name": "Siti Rohmah", "phone": "081234509876"},
        "Antrean loket terlalu lama",
        "Saya menunggu lebih dari dua jam untuk legalisasi, padahal hanya ada tiga orang di depan saya.",
        "Loket PATEN",
        "ditutup",
    ),
    (
        "kebersihan-lingkungan",
        ComplaintKind.SUGGESTION,
        ComplaintChannel.PORTAL,
        "anonim",
        {},
        "Tempat sampah terpilah di kantor",
        "Usul disediakan tempat sampah organik dan anorganik di ruang tunggu kecamatan.",
        "Ruang tunggu kecamatan",
        "selesai",
    ),
    (
        "lainnya",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.PORTAL,
        "biasa",
        {"name": "Joko Prasetyo"},
        "Keluhan tetangga berisik",
        "Tetangga sering menyetel musik keras sampai larut malam.",
        "",
        "ditolak",
    ),
    (
        "perilaku-petugas",
        ComplaintKind.COMPLAINT,
        ComplaintChannel.PORTAL,
        "biasa",
        {"name": "Dewi Anggraeni", "phone": "087812341234"},
        "Petugas loket tidak ramah",
        "Petugas loket berbicara dengan nada tinggi ketika saya bertanya tentang berkas yang kurang.",
        "Loket PATEN",
        "dibuka_kembali",
    ),
]


def _user(username: str):
    return get_user_model().objects.filter(username=username, is_active=True).first()


def _admin_of(office):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=office, memberships__role=Role.ORG_ADMIN, is_active=True)
        .first()
    )


def _categories(office, created: Counter) -> None:
    admin = _admin_of(office)
    if admin is None:
        return
    existing = set(ComplaintCategory.objects.filter(organisation=office).values_list("code", flat=True))
    for order, (code, name, description, unit_code, keywords) in enumerate(CATEGORIES):
        if code in existing:
            continue
        category_services.create_category(
            actor=admin,
            organisation=office,
            data={
                "name": name,
                "code": code,
                "description": description,
                "unit": Unit.objects.filter(organisation=office, code=unit_code).first(),
                "keywords": keywords,
                "order": order,
                "is_active": True,
            },
        )
        created["kategori pengaduan"] += 1


def _jatisari_complaints(office, created: Counter) -> None:
    if Complaint.objects.filter(organisation=office).exists():
        return
    kasubag = _user("kasubag.tu.jatisari")
    camat = _user("camat.jatisari")
    front_desk = _user("fo.jatisari")
    handler = _user("staf.jatisari")
    if not (kasubag and camat and front_desk and handler):
        return
    for code, kind, channel, privacy, reporter, title, description, location, target in COMPLAINTS:
        category = ComplaintCategory.objects.get(organisation=office, code=code)
        new = services.file_complaint(
            organisation=office,
            channel=channel,
            kind=kind,
            category=category,
            title=title,
            description=description,
            location=location,
            reporter=reporter,
            is_anonymous=privacy == "anonim",
            is_confidential=privacy == "rahasia",
            actor=front_desk if channel in (ComplaintChannel.COUNTER, ComplaintChannel.PHONE) else None,
        )
        complaint = new.complaint
        created["pengaduan"] += 1
        if target == "diterima":
            continue
        if target == "ditolak":
            services.reject(
                complaint=complaint,
                actor=kasubag,
                reason="Perselisihan antarwarga diselesaikan melalui RT/RW dan kelurahan; silakan melapor ke "
                "Kelurahan Jatisari.",
            )
            continue
        services.verify(complaint=complaint, actor=kasubag)
        if target == "diverifikasi":
            continue
        services.forward(complaint=complaint, actor=kasubag)
        services.assign_handler(complaint=complaint, actor=kasubag, handler=handler)
        if target == "diteruskan":
            continue
        services.start_follow_up(complaint=complaint, actor=handler)
        services.add_note(
            complaint=complaint, actor=handler, body="Sudah dikoordinasikan dengan kepala seksi."
        )
        if target == "ditindaklanjuti":
            continue
        if target == "ditindaklanjuti_eskalasi":
            services.escalate(
                complaint=complaint,
                actor=handler,
                reason="Dugaan pungutan liar oleh pegawai: perlu keputusan Camat.",
            )
            continue
        services.resolve(
            complaint=complaint,
            actor=handler,
            response="Terima kasih atas laporannya. Hal ini sudah kami tindak lanjuti bersama unit terkait.",
            public_summary=f"{title}: sudah ditangani oleh unit terkait."
            if target == "selesai_publik"
            else "",
            publish=target == "selesai_publik",
        )
        if target == "ditutup":
            services.rate(complaint=complaint, rating=4, comment="Sudah lebih cepat sekarang.")
            services.close(complaint=complaint, actor=handler, note="Pelapor menyatakan puas.")
        if target == "dibuka_kembali":
            services.reopen(complaint=complaint, reason="Minggu ini petugas yang sama masih bersikap sama.")


@transaction.atomic
def load_complaints_demo() -> Counter:
    created: Counter = Counter()
    for office in Organisation.objects.filter(
        kind=OrganisationKind.DISTRICT, code__startswith="Kec."
    ).order_by("path"):
        _categories(office, created)
    jatisari = Organisation.objects.filter(code="Kec.Jts").first()
    if jatisari is not None:
        _jatisari_complaints(jatisari, created)
    return created
