"""Demo data of public services: for every demo kecamatan the typical PATEN services with their standards
(the 14 components, requirements, the application form and the result letter), a Maklumat Pelayanan
signed by its Camat, the counter's opening hours, and the numbering formats the result letters use.

Everything goes through the catalogue services as the office's administrator would do it, so the audit
trail is real. Idempotent: a service, Maklumat or setting that exists is left alone. No applications are
made here.

Kota Sukamaju is fictional, and so is its delegation regulation (the Perwal cited below); the national
regulations cited are real.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.core.models import NumberingTemplate, Organisation, OrganisationKind, Role
from lontar.core.numbering.models import CounterScope
from lontar.core.numbering.services import create_template
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import CounterSettings, FieldKind, Service, ServicePledge
from lontar.public_services.selectors.catalogue import head_of_office, units_of
from lontar.public_services.services import catalogue as services

PERWAL = (
    "Peraturan Wali Kota Sukamaju Nomor 17 Tahun 2024 tentang Pelimpahan Sebagian Kewenangan Wali Kota "
    "kepada Camat"
)
COMMON_LAW = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",
    "Peraturan Menteri Dalam Negeri Nomor 4 Tahun 2010 tentang Pedoman Pelayanan Administrasi Terpadu "
    "Kecamatan (PATEN)",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2014 tentang "
    "Pedoman Standar Pelayanan",
)
ADMINDUK = (
    "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang "
    "Administrasi Kependudukan"
)

OUTGOING = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"
# Numbering formats the result letters need besides the core demo's surat_keterangan:
# (document type, name, format, scope, shared key).
RESULT_NUMBERING = [
    ("surat_rekomendasi", "Surat Rekomendasi", OUTGOING, CounterScope.SHARED, "surat_keluar"),
    ("surat_pengantar", "Surat Pengantar", OUTGOING, CounterScope.SHARED, "surat_keluar"),
    (
        "izin_usaha_mikro",
        "Izin Usaha Mikro dan Kecil",
        "{urut:3}/IUMK/{org}/{tahun}",
        CounterScope.DOCUMENT_TYPE,
        "",
    ),
]

PLEDGE_TEXT = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)
COMPLAINTS = (
    "1. Langsung kepada Kepala Seksi Pelayanan di kantor kecamatan;\n"
    "2. Kotak pengaduan di ruang tunggu pelayanan;\n"
    "3. Menu Pengaduan pada portal layanan kecamatan;\n"
    "4. SP4N-LAPOR! melalui www.lapor.go.id.\n"
    "Pengaduan ditanggapi paling lama 5 hari kerja."
)


def management(place: str) -> dict[str, str]:
    """The eight internal components, the same for every service of one kecamatan."""
    return {
        "facilities": (
            "Ruang pelayanan PATEN dengan loket, ruang tunggu ber-AC dan kursi, komputer dan printer, "
            "akses internet, mesin antrean, toilet, ruang laktasi, jalur kursi roda, dan area parkir."
        ),
        "implementer_competence": (
            "Pendidikan paling rendah SMA/sederajat; memahami peraturan pelayanan administrasi "
            "kecamatan; mampu mengoperasikan komputer dan aplikasi Lontar; bersikap ramah dan santun."
        ),
        "internal_supervision": (
            f"Pengawasan melekat oleh Camat {place} dan Sekretaris Kecamatan; pengawasan oleh "
            "Kepala Seksi Pelayanan atas setiap berkas; pemeriksaan oleh Inspektorat Kota Sukamaju."
        ),
        "implementer_count": "1 Kepala Seksi Pelayanan, 2 petugas loket, 1 operator",
        "service_guarantee": (
            "Pelayanan diberikan sesuai standar pelayanan ini, tepat waktu, dan tanpa pungutan di luar "
            "ketentuan. Maklumat Pelayanan dipajang di ruang pelayanan dan portal layanan."
        ),
        "security_guarantee": (
            "Dokumen pemohon dijaga kerahasiaannya dan hanya dipakai untuk keperluan layanan; naskah "
            "hasil ditandatangani secara elektronik dan dapat diperiksa keasliannya melalui kode QR."
        ),
        "performance_evaluation": (
            "Evaluasi kinerja pelaksana setiap bulan oleh Kepala Seksi Pelayanan dan setiap triwulan oleh "
            "Camat; Survei Kepuasan Masyarakat setiap semester."
        ),
    }


@dataclass(frozen=True)
class DemoService:
    code: str
    name: str
    category: str
    summary: str
    procedure: str
    days: int
    product: str
    requirements: tuple[tuple[str, str, bool, bool], ...]  # (name, note, upload online, mandatory)
    fields: tuple[tuple[str, str, str, tuple[str, ...]], ...]  # (key, label, kind, choices)
    legal_basis: tuple[str, ...] = ()
    time_note: str = ""
    fee: int = 0
    fee_note: str = ""
    result_type: str = ""
    result_title: str = ""
    classification: str = ""
    body: str = ""
    accepts_online: bool = True
    downloadable: bool = True
    quota: int = 40
    extra: dict = field(default_factory=dict)


KTP = ("KTP-el pemohon", "", True, True)
KK = ("Kartu Keluarga", "", True, True)
PENGANTAR = ("Surat pengantar RT/RW dan kelurahan", "", True, True)
KEPERLUAN = ("keperluan", "Keperluan", FieldKind.TEXT, ())

STANDARD_STEPS = (
    "1. Pemohon mengajukan permohonan secara daring di portal layanan atau datang ke loket PATEN.\n"
    "2. Petugas loket memeriksa kelengkapan dan keabsahan berkas.\n"
    "3. Bila berkas belum lengkap, pemohon diminta melengkapi (waktu layanan berhenti sementara).\n"
    "4. Kepala Seksi terkait memverifikasi dan menyiapkan konsep naskah.\n"
    "5. Camat menandatangani naskah secara elektronik.\n"
    "6. Naskah dapat diunduh pemohon atau diambil di loket."
)


def catalogue(place: str) -> list[DemoService]:
    """The services of Kecamatan `place` (Jatisari, Mekarsari, Sukaluyu)."""
    closing = "<p>Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.</p>"
    return [
        DemoService(
            code="sktm",
            name="Surat Keterangan Tidak Mampu (SKTM)",
            category="Surat keterangan",
            summary="Keterangan keluarga kurang mampu untuk keringanan biaya sekolah, berobat, atau bantuan.",
            procedure=STANDARD_STEPS,
            days=1,
            time_note="Dapat selesai pada hari yang sama bila berkas lengkap sebelum pukul 12.00.",
            product="Surat Keterangan Tidak Mampu yang ditandatangani Camat",
            requirements=(
                KTP,
                KK,
                PENGANTAR,
                (
                    "Surat pernyataan tidak mampu bermeterai",
                    "Ditandatangani pemohon dan diketahui RT",
                    True,
                    True,
                ),
                ("Kartu KIS/KIP/PKH", "", True, False),
            ),
            fields=(
                (
                    "keperluan",
                    "Keperluan",
                    FieldKind.CHOICE,
                    (
                        "Keringanan biaya sekolah",
                        "Keringanan biaya berobat",
                        "Pengajuan bantuan sosial",
                        "Lainnya",
                    ),
                ),
                (
                    "nama_anggota",
                    "Nama anggota keluarga yang dibantu (bila bukan pemohon)",
                    FieldKind.TEXT,
                    (),
                ),
                ("penghasilan", "Penghasilan keluarga per bulan (rupiah)", FieldKind.NUMBER, ()),
                ("jumlah_tanggungan", "Jumlah tanggungan keluarga", FieldKind.NUMBER, ()),
            ),
            legal_basis=("Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin",),
            result_type="surat_keterangan",
            result_title="Surat Keterangan Tidak Mampu",
            classification="400.9.14",
            body=(
                f"<p>Camat {place}, Kota Sukamaju, menerangkan bahwa:</p>"
                "<table><tr><td>Nama</td><td>: {{ pemohon.nama }}</td></tr>"
                "<tr><td>NIK</td><td>: {{ pemohon.nik }}</td></tr>"
                "<tr><td>Alamat</td><td>: {{ pemohon.alamat }}</td></tr></table>"
                "<p>berdasarkan surat pengantar RT/RW dan kelurahan serta pernyataan yang bersangkutan, "
                "adalah benar warga kami yang termasuk keluarga kurang mampu. Surat keterangan ini diberikan "
                "untuk keperluan <strong>{{ data.keperluan }}</strong>.</p>" + closing
            ),
        ),
        DemoService(
            code="domisili-usaha",
            name="Surat Keterangan Domisili Usaha",
            category="Surat keterangan",
            summary="Keterangan letak tempat usaha untuk perizinan, rekening usaha, atau tender.",
            procedure=STANDARD_STEPS,
            days=2,
            product="Surat Keterangan Domisili Usaha yang ditandatangani Camat",
            requirements=(
                KTP,
                PENGANTAR,
                (
                    "Bukti kepemilikan atau sewa tempat usaha",
                    "Sertifikat, AJB, atau perjanjian sewa",
                    True,
                    True,
                ),
                ("Foto tempat usaha tampak depan", "", True, True),
                ("Bukti lunas PBB tahun berjalan", "", True, True),
            ),
            fields=(
                ("nama_usaha", "Nama usaha", FieldKind.TEXT, ()),
                ("bidang_usaha", "Bidang usaha", FieldKind.TEXT, ()),
                ("alamat_usaha", "Alamat tempat usaha", FieldKind.ADDRESS, ()),
                (
                    "status_tempat",
                    "Status tempat usaha",
                    FieldKind.CHOICE,
                    ("Milik sendiri", "Sewa/kontrak", "Pinjam pakai"),
                ),
                ("jumlah_karyawan", "Jumlah karyawan", FieldKind.NUMBER, ()),
            ),
            result_type="surat_keterangan",
            result_title="Surat Keterangan Domisili Usaha",
            classification="500.3",
            body=(
                f"<p>Camat {place}, Kota Sukamaju, menerangkan bahwa {{{{ pemohon.nama }}}} "
                "(NIK {{ pemohon.nik }}) benar memiliki usaha:</p>"
                "<table><tr><td>Nama usaha</td><td>: {{ data.nama_usaha }}</td></tr>"
                "<tr><td>Bidang usaha</td><td>: {{ data.bidang_usaha }}</td></tr>"
                "<tr><td>Alamat usaha</td><td>: {{ data.alamat_usaha }}</td></tr></table>"
                f"<p>yang berdomisili di wilayah Kecamatan {place}.</p>" + closing
            ),
        ),
        DemoService(
            code="dispensasi-nikah",
            name="Dispensasi Nikah (Pemberitahuan Kurang dari 10 Hari Kerja)",
            category="Perkawinan",
            summary="Izin Camat bila kehendak nikah diberitahukan kepada KUA kurang dari 10 hari kerja.",
            procedure=(
                "1. Calon pengantin atau walinya mengajukan permohonan dengan menyebutkan alasan penting.\n"
                "2. Petugas memeriksa berkas dan surat penolakan/pemberitahuan dari KUA.\n"
                "3. Kepala Seksi Pemerintahan menilai alasan permohonan.\n"
                "4. Camat menandatangani dispensasi.\n"
                "5. Dispensasi diserahkan kepada pemohon untuk dibawa ke KUA."
            ),
            days=1,
            product="Surat Dispensasi Nikah dari Camat",
            requirements=(
                ("KTP-el kedua calon pengantin", "", True, True),
                ("Kartu Keluarga kedua calon pengantin", "", True, True),
                ("Surat pengantar nikah dari kelurahan (formulir N1-N4)", "", True, True),
                ("Surat pemberitahuan kekurangan hari dari KUA", "", True, True),
                ("Surat pernyataan alasan penting bermeterai", "", True, True),
            ),
            fields=(
                ("nama_pasangan", "Nama calon pasangan", FieldKind.TEXT, ()),
                ("nik_pasangan", "NIK calon pasangan", FieldKind.NIK, ()),
                ("tanggal_nikah", "Rencana tanggal akad nikah", FieldKind.DATE, ()),
                ("kua", "KUA tempat pencatatan", FieldKind.TEXT, ()),
                ("alasan", "Alasan penting", FieldKind.TEXTAREA, ()),
            ),
            legal_basis=(
                "Undang-Undang Nomor 16 Tahun 2019 tentang Perubahan atas Undang-Undang Nomor 1 Tahun 1974 "
                "tentang Perkawinan",
                "Peraturan Pemerintah Nomor 9 Tahun 1975 tentang Pelaksanaan Undang-Undang Nomor 1 Tahun "
                "1974 tentang Perkawinan, Pasal 3 ayat (3)",
            ),
            result_type="surat_rekomendasi",
            result_title="Dispensasi Nikah",
            classification="400.12.3.2",
            body=(
                f"<p>Camat {place}, atas nama Wali Kota Sukamaju, memberikan dispensasi kepada "
                "{{ pemohon.nama }} (NIK {{ pemohon.nik }}) dan {{ data.nama_pasangan }} "
                "(NIK {{ data.nik_pasangan }}) untuk melangsungkan akad nikah pada {{ data.tanggal_nikah }} "
                "di {{ data.kua }}, meskipun pemberitahuan kehendak nikah kurang dari 10 hari kerja, "
                "dengan alasan: {{ data.alasan }}.</p>"
            ),
        ),
        DemoService(
            code="rekomendasi-nikah",
            name="Rekomendasi Nikah di Luar Kecamatan",
            category="Perkawinan",
            summary="Rekomendasi bagi warga yang akan menikah dan dicatat di KUA kecamatan lain.",
            procedure=STANDARD_STEPS,
            days=1,
            product="Surat Rekomendasi Nikah",
            requirements=(
                KTP,
                KK,
                ("Surat pengantar nikah dari kelurahan (formulir N1-N4)", "", True, True),
                ("Pas foto 3x4 berlatar biru", "2 lembar dibawa ke loket", False, True),
            ),
            fields=(
                ("nama_pasangan", "Nama calon pasangan", FieldKind.TEXT, ()),
                ("tanggal_nikah", "Rencana tanggal akad nikah", FieldKind.DATE, ()),
                ("kua_tujuan", "KUA tujuan", FieldKind.TEXT, ()),
            ),
            legal_basis=(
                "Undang-Undang Nomor 16 Tahun 2019 tentang Perubahan atas Undang-Undang Nomor 1 Tahun 1974 "
                "tentang Perkawinan",
            ),
            result_type="surat_rekomendasi",
            result_title="Rekomendasi Nikah",
            classification="400.12.3.2",
            body=(
                f"<p>Camat {place} memberikan rekomendasi kepada {{{{ pemohon.nama }}}} (NIK "
                "{{ pemohon.nik }}), warga Kecamatan "
                f"{place}, untuk melangsungkan pernikahan dengan {{{{ data.nama_pasangan }}}} pada "
                "{{ data.tanggal_nikah }} yang dicatat di {{ data.kua_tujuan }}.</p>"
            ),
        ),
        DemoService(
            code="legalisasi",
            name="Legalisasi Dokumen",
            category="Legalisasi",
            summary="Pengesahan fotokopi dokumen yang diterbitkan atau diketahui kecamatan.",
            procedure=(
                "1. Pemohon datang ke loket membawa dokumen asli dan fotokopinya.\n"
                "2. Petugas mencocokkan fotokopi dengan aslinya.\n"
                "3. Camat atau Sekretaris Kecamatan membubuhkan tanda tangan dan cap.\n"
                "4. Fotokopi yang telah dilegalisasi diserahkan kembali kepada pemohon."
            ),
            days=0,
            time_note="30 menit bila berkas lengkap.",
            product="Fotokopi dokumen yang telah dilegalisasi",
            requirements=(
                KTP,
                ("Dokumen asli", "Dibawa ke loket", False, True),
                ("Fotokopi dokumen", "Paling banyak 10 lembar per permohonan", False, True),
            ),
            fields=(
                ("jenis_dokumen", "Jenis dokumen", FieldKind.TEXT, ()),
                ("jumlah_lembar", "Jumlah lembar", FieldKind.NUMBER, ()),
                KEPERLUAN,
            ),
            accepts_online=False,
            downloadable=False,
            quota=60,
        ),
        DemoService(
            code="ahli-waris",
            name="Pengesahan Surat Keterangan Ahli Waris",
            category="Surat keterangan",
            summary="Camat menguatkan surat keterangan waris yang dibuat ahli waris dan dikuatkan Lurah.",
            procedure=(
                "1. Para ahli waris menyusun surat keterangan waris dengan 2 orang saksi.\n"
                "2. Lurah menguatkan surat keterangan waris.\n"
                "3. Pemohon mengajukan pengesahan ke kecamatan; petugas memeriksa berkas.\n"
                "4. Kepala Seksi Pemerintahan memverifikasi, bila perlu memanggil para ahli waris.\n"
                "5. Camat menandatangani pengesahan; berkas diambil di loket."
            ),
            days=5,
            product="Surat Keterangan Ahli Waris yang dikuatkan Camat",
            requirements=(
                ("KTP-el seluruh ahli waris", "", True, True),
                ("Kartu Keluarga ahli waris", "", True, True),
                ("Akta kematian pewaris", "", True, True),
                (
                    "Surat keterangan waris yang ditandatangani para ahli waris, 2 saksi, dan Lurah",
                    "",
                    True,
                    True,
                ),
                ("Akta nikah pewaris", "", True, True),
                ("Akta kelahiran ahli waris", "", True, True),
            ),
            fields=(
                ("nama_pewaris", "Nama pewaris (almarhum/almarhumah)", FieldKind.TEXT, ()),
                ("tanggal_meninggal", "Tanggal meninggal", FieldKind.DATE, ()),
                ("jumlah_ahli_waris", "Jumlah ahli waris", FieldKind.NUMBER, ()),
                (
                    "keperluan",
                    "Keperluan",
                    FieldKind.CHOICE,
                    (
                        "Balik nama sertifikat tanah",
                        "Pencairan tabungan/deposito",
                        "Pencairan pensiun/asuransi",
                        "Lainnya",
                    ),
                ),
            ),
            legal_basis=(
                "Peraturan Menteri Negara Agraria/Kepala Badan Pertanahan Nasional Nomor 3 Tahun 1997 "
                "tentang Ketentuan Pelaksanaan Peraturan Pemerintah Nomor 24 Tahun 1997 tentang Pendaftaran "
                "Tanah, Pasal 111",
            ),
            result_type="surat_keterangan",
            result_title="Pengesahan Surat Keterangan Ahli Waris",
            classification="400.12.3",
            downloadable=False,
            body=(
                f"<p>Camat {place} menguatkan surat keterangan waris atas nama pewaris "
                "<strong>{{ data.nama_pewaris }}</strong> yang meninggal pada {{ data.tanggal_meninggal }}, "
                "diajukan oleh {{ pemohon.nama }} (NIK {{ pemohon.nik }}), untuk keperluan "
                "{{ data.keperluan }}.</p>"
            ),
        ),
        DemoService(
            code="iumk",
            name="Izin Usaha Mikro dan Kecil (IUMK)",
            category="Perizinan",
            summary="Izin bagi usaha mikro dan kecil, sebagai dasar akses permodalan dan pendampingan.",
            procedure=STANDARD_STEPS,
            days=1,
            product="Naskah Izin Usaha Mikro dan Kecil",
            requirements=(
                KTP,
                KK,
                PENGANTAR,
                ("Pas foto berwarna 4x6", "", True, True),
                ("Foto tempat usaha", "", True, True),
            ),
            fields=(
                ("nama_usaha", "Nama usaha", FieldKind.TEXT, ()),
                ("bentuk_usaha", "Bentuk usaha", FieldKind.CHOICE, ("Perorangan", "Kelompok", "Koperasi")),
                ("kegiatan_usaha", "Kegiatan usaha", FieldKind.TEXTAREA, ()),
                ("alamat_usaha", "Alamat usaha", FieldKind.ADDRESS, ()),
                ("modal", "Modal usaha (rupiah)", FieldKind.NUMBER, ()),
                ("telepon_usaha", "Telepon usaha", FieldKind.PHONE, ()),
            ),
            legal_basis=(
                "Peraturan Presiden Nomor 98 Tahun 2014 tentang Perizinan untuk Usaha Mikro dan Kecil",
            ),
            fee_note="IUMK tidak dipungut biaya.",
            result_type="izin_usaha_mikro",
            result_title="Izin Usaha Mikro dan Kecil",
            classification="500.3",
            body=(
                f"<p>Camat {place}, atas nama Wali Kota Sukamaju, memberikan Izin Usaha Mikro dan Kecil "
                "kepada:</p><table><tr><td>Nama</td><td>: {{ pemohon.nama }}</td></tr>"
                "<tr><td>NIK</td><td>: {{ pemohon.nik }}</td></tr>"
                "<tr><td>Nama usaha</td><td>: {{ data.nama_usaha }}</td></tr>"
                "<tr><td>Bentuk usaha</td><td>: {{ data.bentuk_usaha }}</td></tr>"
                "<tr><td>Kegiatan usaha</td><td>: {{ data.kegiatan_usaha }}</td></tr>"
                "<tr><td>Alamat usaha</td><td>: {{ data.alamat_usaha }}</td></tr></table>"
                "<p>Izin ini berlaku selama usaha masih dijalankan di alamat tersebut.</p>"
            ),
        ),
        DemoService(
            code="pengantar-skck",
            name="Surat Pengantar SKCK",
            category="Surat pengantar",
            summary="Pengantar ke Polsek/Polres untuk pembuatan Surat Keterangan Catatan Kepolisian.",
            procedure=STANDARD_STEPS,
            days=1,
            product="Surat Pengantar SKCK",
            requirements=(KTP, KK, PENGANTAR, ("Akta kelahiran atau ijazah terakhir", "", True, True)),
            fields=(
                KEPERLUAN,
                ("tempat_lahir", "Tempat lahir", FieldKind.TEXT, ()),
                ("tanggal_lahir", "Tanggal lahir", FieldKind.DATE, ()),
                ("pekerjaan", "Pekerjaan", FieldKind.TEXT, ()),
            ),
            result_type="surat_pengantar",
            result_title="Surat Pengantar SKCK",
            classification="300",
            body=(
                "<p>Dengan hormat, bersama ini kami hantarkan warga kami:</p>"
                "<table><tr><td>Nama</td><td>: {{ pemohon.nama }}</td></tr>"
                "<tr><td>NIK</td><td>: {{ pemohon.nik }}</td></tr>"
                "<tr><td>Tempat/tanggal lahir</td>"
                "<td>: {{ data.tempat_lahir }}, {{ data.tanggal_lahir }}</td></tr>"
                "<tr><td>Pekerjaan</td><td>: {{ data.pekerjaan }}</td></tr>"
                "<tr><td>Alamat</td><td>: {{ pemohon.alamat }}</td></tr></table>"
                "<p>untuk mendapatkan Surat Keterangan Catatan Kepolisian guna {{ data.keperluan }}. "
                "Sepanjang pengetahuan kami, yang bersangkutan berkelakuan baik.</p>"
            ),
        ),
        DemoService(
            code="pengantar-pindah",
            name="Surat Pengantar Pindah Penduduk",
            category="Kependudukan",
            summary="Pengantar kecamatan untuk pengurusan Surat Keterangan Pindah di Disdukcapil.",
            procedure=STANDARD_STEPS,
            days=1,
            product="Surat Pengantar Pindah",
            requirements=(KTP, KK, PENGANTAR),
            fields=(
                ("alamat_tujuan", "Alamat tujuan pindah", FieldKind.ADDRESS, ()),
                (
                    "alasan_pindah",
                    "Alasan pindah",
                    FieldKind.CHOICE,
                    ("Pekerjaan", "Pendidikan", "Keluarga", "Perumahan", "Lainnya"),
                ),
                ("jumlah_pindah", "Jumlah anggota keluarga yang pindah", FieldKind.NUMBER, ()),
                ("tanggal_pindah", "Rencana tanggal pindah", FieldKind.DATE, ()),
            ),
            legal_basis=(
                ADMINDUK,
                "Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran "
                "Penduduk dan Pencatatan Sipil",
            ),
            result_type="surat_pengantar",
            result_title="Surat Pengantar Pindah",
            classification="400.12.2.2",
            body=(
                "<p>Bersama ini kami hantarkan {{ pemohon.nama }} (NIK {{ pemohon.nik }}) beserta "
                "{{ data.jumlah_pindah }} anggota keluarga yang akan pindah ke {{ data.alamat_tujuan }} "
                "dengan alasan {{ data.alasan_pindah }}, untuk diterbitkan Surat Keterangan Pindah.</p>"
            ),
        ),
        DemoService(
            code="izin-keramaian",
            name="Rekomendasi Izin Keramaian",
            category="Rekomendasi",
            summary="Rekomendasi Camat untuk izin keramaian dari kepolisian (hajatan, pertunjukan, lomba).",
            procedure=(
                "1. Pemohon mengajukan paling lambat 7 hari kerja sebelum acara.\n"
                "2. Petugas memeriksa berkas; Seksi Ketentraman dan Ketertiban meninjau lokasi bila perlu.\n"
                "3. Camat menandatangani rekomendasi.\n"
                "4. Rekomendasi dibawa pemohon ke Polsek setempat."
            ),
            days=3,
            product="Surat Rekomendasi Izin Keramaian",
            requirements=(
                KTP,
                PENGANTAR,
                ("Surat pernyataan tidak mengganggu ketertiban, diketahui tetangga sekitar", "", True, True),
                ("Denah lokasi kegiatan", "", True, False),
            ),
            fields=(
                ("nama_acara", "Nama/jenis acara", FieldKind.TEXT, ()),
                ("tanggal_acara", "Tanggal acara", FieldKind.DATE, ()),
                ("lokasi_acara", "Lokasi acara", FieldKind.ADDRESS, ()),
                ("jumlah_undangan", "Perkiraan jumlah tamu/penonton", FieldKind.NUMBER, ()),
                (
                    "hiburan",
                    "Ada hiburan musik?",
                    FieldKind.CHOICE,
                    ("Tidak ada", "Organ tunggal", "Band/pertunjukan"),
                ),
            ),
            result_type="surat_rekomendasi",
            result_title="Rekomendasi Izin Keramaian",
            classification="300",
            body=(
                f"<p>Camat {place} tidak berkeberatan atas penyelenggaraan {{{{ data.nama_acara }}}} oleh "
                "{{ pemohon.nama }} (NIK {{ pemohon.nik }}) pada {{ data.tanggal_acara }} di "
                "{{ data.lokasi_acara }}, dengan ketentuan menjaga ketertiban dan selesai paling lambat "
                "pukul 22.00.</p>"
            ),
        ),
        DemoService(
            code="tanggungan-keluarga",
            name="Surat Keterangan Tanggungan Keluarga",
            category="Surat keterangan",
            summary="Keterangan jumlah anggota keluarga yang ditanggung, untuk tunjangan atau beasiswa.",
            procedure=STANDARD_STEPS,
            days=1,
            product="Surat Keterangan Tanggungan Keluarga",
            requirements=(KTP, KK, PENGANTAR),
            fields=(
                KEPERLUAN,
                ("jumlah_tanggungan", "Jumlah tanggungan", FieldKind.NUMBER, ()),
                (
                    "nama_tanggungan",
                    "Nama anggota keluarga yang ditanggung (satu per baris)",
                    FieldKind.TEXTAREA,
                    (),
                ),
            ),
            legal_basis=(ADMINDUK,),
            result_type="surat_keterangan",
            result_title="Surat Keterangan Tanggungan Keluarga",
            classification="400.12.2",
            body=(
                f"<p>Camat {place} menerangkan bahwa {{{{ pemohon.nama }}}} (NIK {{{{ pemohon.nik }}}}) "
                "menanggung {{ data.jumlah_tanggungan }} orang anggota keluarga, yaitu: "
                "{{ data.nama_tanggungan }}.</p><p>Surat keterangan ini dibuat untuk keperluan "
                "{{ data.keperluan }}.</p>" + closing
            ),
        ),
        DemoService(
            code="proposal",
            name="Pencatatan dan Rekomendasi Proposal Kegiatan",
            category="Rekomendasi",
            summary="Proposal kelompok masyarakat dicatat dan direkomendasikan Camat sebelum diajukan.",
            procedure=(
                "1. Ketua kelompok mengajukan proposal yang sudah diketahui Lurah.\n"
                "2. Petugas mencatat proposal dan memeriksa kelengkapan.\n"
                "3. Seksi terkait menilai kesesuaian dengan program kecamatan.\n"
                "4. Camat menandatangani lembar rekomendasi; proposal diambil di loket."
            ),
            days=3,
            product="Proposal yang telah dicatat dan diberi rekomendasi Camat",
            requirements=(
                ("KTP-el ketua kelompok", "", True, True),
                ("Proposal kegiatan yang diketahui Lurah", "", True, True),
                ("Surat keputusan/susunan pengurus kelompok", "", True, True),
            ),
            fields=(
                ("nama_kelompok", "Nama kelompok/lembaga", FieldKind.TEXT, ()),
                ("judul_kegiatan", "Judul kegiatan", FieldKind.TEXT, ()),
                ("nilai_usulan", "Nilai usulan (rupiah)", FieldKind.NUMBER, ()),
                ("instansi_tujuan", "Instansi tujuan proposal", FieldKind.TEXT, ()),
            ),
            downloadable=False,
            result_type="surat_rekomendasi",
            result_title="Rekomendasi Proposal Kegiatan",
            classification="000.8.3.4",
            body=(
                f"<p>Camat {place} telah mencatat dan merekomendasikan proposal "
                "{{ data.judul_kegiatan }} "
                "dari {{ data.nama_kelompok }} yang diajukan oleh {{ pemohon.nama }} kepada "
                "{{ data.instansi_tujuan }}.</p>"
            ),
        ),
        DemoService(
            code="pemakaian-aula",
            name="Izin Pemakaian Aula Kantor Kecamatan",
            category="Perizinan",
            summary="Pemakaian aula kecamatan untuk kegiatan masyarakat; dikenakan retribusi.",
            procedure=(
                "1. Pemohon mengajukan paling lambat 5 hari kerja sebelum tanggal pemakaian.\n"
                "2. Petugas memeriksa jadwal aula.\n"
                "3. Pemohon membayar retribusi melalui bank/kanal pembayaran daerah.\n"
                "4. Izin pemakaian diterbitkan setelah bukti setor diterima."
            ),
            days=2,
            product="Surat izin pemakaian aula dan bukti setor retribusi",
            fee=500000,
            fee_note=(
                "Per hari pemakaian (retribusi pemakaian kekayaan daerah), disetor ke kas daerah, "
                "tidak dibayar di loket."
            ),
            requirements=(KTP, ("Surat permohonan dari panitia/lembaga", "", True, True)),
            fields=(
                ("nama_kegiatan", "Nama kegiatan", FieldKind.TEXT, ()),
                ("tanggal_pakai", "Tanggal pemakaian", FieldKind.DATE, ()),
                ("jumlah_peserta", "Jumlah peserta", FieldKind.NUMBER, ()),
            ),
            legal_basis=(
                "Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan "
                "Pemerintahan Daerah",
                "Peraturan Daerah Kota Sukamaju tentang Pajak Daerah dan Retribusi Daerah",
            ),
            downloadable=False,
            quota=10,
        ),
    ]


def _admin_of(office):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=office, memberships__role=Role.ORG_ADMIN, is_active=True)
        .first()
    )


def _numbering(office, admin, created: Counter) -> None:
    for document_type, name, format_, scope, shared_key in RESULT_NUMBERING:
        if NumberingTemplate.objects.filter(organisation=office, document_type=document_type).exists():
            continue
        create_template(
            actor=admin,
            organisation=office,
            document_type=document_type,
            name=name,
            format=format_,
            scope=scope,
            shared_key=shared_key,
        )
        created["templat penomoran hasil layanan"] += 1


def _service(office, admin, item: DemoService, effective: dt.date, place: str) -> None:
    service = services.create_service(
        actor=admin,
        organisation=office,
        code=item.code,
        name=item.name,
        summary=item.summary,
        category=item.category,
        unit=units_of(office).filter(code="PEL").first(),
        accepts_online=item.accepts_online,
        accepts_booking=True,
        daily_quota=item.quota,
        result_downloadable=item.downloadable,
        result_document_type=item.result_type,
        result_title=item.result_title,
        result_classification_code=item.classification,
        result_body=item.body,
    )
    draft = service.standards.get()
    services.update_standard(
        actor=admin,
        standard=draft,
        procedure=item.procedure,
        processing_days=item.days,
        processing_time_text=item.time_note,
        fee_amount=item.fee,
        fee_text=item.fee_note,
        product=item.product,
        complaint_handling=COMPLAINTS,
        legal_basis="\n".join(
            f"{n}. {law}" for n, law in enumerate((*COMMON_LAW, *item.legal_basis, PERWAL), 1)
        ),
        **management(place),
    )
    for name, note, upload, mandatory in item.requirements:
        services.add_requirement(
            actor=admin, standard=draft, name=name, note=note, needs_upload=upload, is_mandatory=mandatory
        )
    for key, label, kind, choices in item.fields:
        services.add_form_field(
            actor=admin,
            standard=draft,
            key=key,
            label=label,
            kind=kind,
            required=key not in {"nama_anggota", "telepon_usaha"},
            choices=list(choices),
            help_text="",
        )
    services.publish_standard(
        actor=admin,
        standard=draft,
        effective_from=effective,
        decree_number=f"Keputusan Camat {place} Nomor 000.8.3.2/01/{effective.year}",
        allow_past=True,
    )


@transaction.atomic
def load_public_services_demo() -> Counter:
    created: Counter = Counter()
    for office in Organisation.objects.filter(
        kind=OrganisationKind.DISTRICT, code__startswith="Kec."
    ).order_by("path"):
        admin = _admin_of(office)
        if admin is None:
            continue
        place = office.short_name or office.name.removeprefix("Kecamatan ")
        effective = dt.date(organisation_today(office).year, 1, 2)
        _numbering(office, admin, created)
        existing = set(Service.objects.filter(organisation=office).values_list("code", flat=True))
        for item in catalogue(place):
            if item.code in existing:
                continue
            _service(office, admin, item, effective, place)
            created["layanan"] += 1
        if not ServicePledge.objects.filter(organisation=office).exists():
            name, position = head_of_office(office)
            services.create_pledge(
                actor=admin,
                organisation=office,
                text=PLEDGE_TEXT,
                signatory_name=name or f"Camat {place}",
                signatory_position=position or f"Camat {place}",
                effective_from=effective,
                allow_past=True,
            )
            created["maklumat pelayanan"] += 1
        _, made = CounterSettings.objects.get_or_create(
            organisation=office,
            defaults={
                "opens_at": dt.time(8, 0),
                "closes_at": dt.time(15, 0),
                "slot_minutes": 60,
                "visits_per_slot": 10,
            },
        )
        if made:
            created["pengaturan loket"] += 1
    return created
