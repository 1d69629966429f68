"""The personnel file (berkas kepegawaian) of a staff member: what Subbag TU keeps beside `core.Staff`.

`core.Staff` holds who a person is to the platform (name, NIP, employment type, rank, unit, account).
Everything here is the personnel file behind it: birth data the NIP is checked against, the dates
that drive the career clock (TMT CPNS/PNS, rank and salary-increase history), the type of post that
decides the retirement age (BUP), education, family (children count for maternity leave) and the
documents (SK and others) with their expiry dates.

A personnel file follows its person: when a staff member moves to another office (mutasi) their
history goes with them, so these rows are scoped by `staff__organisation`, not by an organisation of
their own (decision 0019).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet


class PersonnelQuerySet(TenantQuerySet):
    """Rows of a person's file, visible where the person now works."""

    organisation_field = "staff__organisation"


class Sex(models.TextChoices):
    # The NIP's 15th digit: 1 male, 2 female (REFERENCE §6).
    MALE = "1", _("Laki-laki")
    FEMALE = "2", _("Perempuan")


class PositionType(models.TextChoices):
    """Jenis jabatan: decides the retirement age (BUP, UU 20/2023 and PP 11/2017 as amended)."""

    SENIOR_EXECUTIVE = "jpt", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "administrator", _("Jabatan Administrator")
    SUPERVISOR = "pengawas", _("Jabatan Pengawas")
    EXECUTOR = "pelaksana", _("Jabatan Pelaksana")
    FUNCTIONAL_SKILLED = "jf_keterampilan", _("Jabatan Fungsional Keterampilan")
    FUNCTIONAL_FIRST = "jf_ahli_pertama", _("Jabatan Fungsional Ahli Pertama")
    FUNCTIONAL_YOUNG = "jf_ahli_muda", _("Jabatan Fungsional Ahli Muda")
    FUNCTIONAL_MIDDLE = "jf_ahli_madya", _("Jabatan Fungsional Ahli Madya")
    FUNCTIONAL_MAIN = "jf_ahli_utama", _("Jabatan Fungsional Ahli Utama")


# Batas Usia Pensiun by type of post (REFERENCE §6): 58 for administrative and junior functional
# posts, 60 for senior executives and ahli madya, 65 for ahli utama.
RETIREMENT_AGE = {
    PositionType.SENIOR_EXECUTIVE: 60,
    PositionType.ADMINISTRATOR: 58,
    PositionType.SUPERVISOR: 58,
    PositionType.EXECUTOR: 58,
    PositionType.FUNCTIONAL_SKILLED: 58,
    PositionType.FUNCTIONAL_FIRST: 58,
    PositionType.FUNCTIONAL_YOUNG: 58,
    PositionType.FUNCTIONAL_MIDDLE: 60,
    PositionType.FUNCTIONAL_MAIN: 65,
}


class Employee(models.Model):
    """The personnel file's main sheet: one per staff member, created when Subbag TU first fills it."""

    staff = models.OneToOneField(
        "core.Staff",
        verbose_name=_("pegawai"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="employee",
    )
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    # TMT CPNS for a PNS (the NIP carries its month), TMT PPPK for a PPPK, start of contract otherwise:
    # the start of service that leave rights (1 year for annual leave, 5 for cuti besar) count from.
    service_start = models.DateField(_("TMT CPNS/PPPK/mulai bekerja"), null=True, blank=True)
    tmt_pns = models.DateField(_("TMT PNS"), null=True, blank=True)
    job_title = models.CharField(
        _("nama jabatan"),
        max_length=150,
        blank=True,
        help_text=_("Sesuai SK, misalnya Pengadministrasi Perkantoran atau Analis Kebijakan Ahli Muda."),
    )
    position_type = models.CharField(
        _("jenis jabatan"), max_length=20, choices=PositionType.choices, default=PositionType.EXECUTOR
    )
    retirement_age = models.PositiveSmallIntegerField(
        _("BUP khusus"),
        null=True,
        blank=True,
        help_text=_("Kosongkan agar BUP mengikuti jenis jabatan (58, 60 atau 65 tahun)."),
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = PersonnelQuerySet.as_manager()

    class Meta:
        verbose_name = _("data kepegawaian")
        verbose_name_plural = _("data kepegawaian")

    def __str__(self) -> str:
        return str(self.staff)

    @property
    def bup(self) -> int:
        """The retirement age that applies to this person."""
        return self.retirement_age or RETIREMENT_AGE[PositionType(self.position_type)]


class PersonnelRow(models.Model):
    """Abstract base of the history tables of a personnel file."""

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = PersonnelQuerySet.as_manager()

    class Meta:
        abstract = True


class RankHistory(PersonnelRow):
    """Riwayat pangkat/golongan: each SK with its TMT. The latest TMT starts the 4-year promotion clock."""

    class Kind(models.TextChoices):
        CPNS = "cpns", _("Pengangkatan CPNS/PPPK")
        REGULAR = "reguler", _("Kenaikan pangkat reguler")
        SELECTED = "pilihan", _("Kenaikan pangkat pilihan")
        OTHER = "lain", _("Lainnya (penyesuaian ijazah, dll.)")

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="rank_history"
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=60)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    tmt = models.DateField(_("TMT"))
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    service_years = models.PositiveSmallIntegerField(_("masa kerja golongan (tahun)"), null=True, blank=True)
    service_months = models.PositiveSmallIntegerField(_("masa kerja golongan (bulan)"), null=True, blank=True)

    class Meta:
        verbose_name = _("riwayat pangkat")
        verbose_name_plural = _("riwayat pangkat")
        ordering = ["staff", "-tmt", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "rank", "tmt"], name="rank_history_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rank} TMT {self.tmt:%d-%m-%Y}"


class SalaryIncrease(PersonnelRow):
    """Kenaikan gaji berkala (KGB): each SK with its TMT. The latest TMT starts the 2-year KGB clock."""

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="salary_increases"
    )
    tmt = models.DateField(_("TMT"))
    basic_salary = models.PositiveIntegerField(_("gaji pokok baru (Rp)"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK/surat pemberitahuan"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)

    class Meta:
        verbose_name = _("kenaikan gaji berkala")
        verbose_name_plural = _("kenaikan gaji berkala")
        ordering = ["staff", "-tmt", "-id"]
        constraints = [models.UniqueConstraint(fields=["staff", "tmt"], name="salary_increase_unique")]

    def __str__(self) -> str:
        return f"KGB TMT {self.tmt:%d-%m-%Y}"


class PositionHistory(PersonnelRow):
    """Riwayat jabatan: the posts a person held, in this or an earlier office."""

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="position_history"
    )
    title = models.CharField(_("nama jabatan"), max_length=150)
    position_type = models.CharField(_("jenis jabatan"), max_length=20, choices=PositionType.choices)
    unit_name = models.CharField(_("unit kerja"), max_length=200, blank=True)
    tmt = models.DateField(_("TMT"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["staff", "-tmt", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("tmt")),
                name="position_history_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} TMT {self.tmt:%d-%m-%Y}"


class EducationLevel(models.TextChoices):
    SD = "sd", _("SD")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    D1 = "d1", _("D-I")
    D2 = "d2", _("D-II")
    D3 = "d3", _("D-III")
    D4 = "d4", _("D-IV")
    S1 = "s1", _("S-1")
    S2 = "s2", _("S-2")
    S3 = "s3", _("S-3")


class Education(PersonnelRow):
    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="education"
    )
    level = models.CharField(_("jenjang"), max_length=4, choices=EducationLevel.choices)
    # An office's staff list often says only "S-1 Ilmu Pemerintahan": the school and the year may be
    # filled in later from the diploma.
    institution = models.CharField(_("nama sekolah/perguruan tinggi"), max_length=200, blank=True)
    major = models.CharField(_("jurusan/program studi"), max_length=150, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("tahun lulus"), null=True, blank=True)
    certificate_number = models.CharField(_("nomor ijazah"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("riwayat pendidikan")
        verbose_name_plural = _("riwayat pendidikan")
        ordering = ["staff", "-graduation_year", "-id"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.get_level_display(), self.major, self.institution) if p)


class FamilyMember(PersonnelRow):
    """Spouse and children: the children's birth order decides maternity leave (first to third child)."""

    class Relation(models.TextChoices):
        SPOUSE = "pasangan", _("Suami/istri")
        CHILD = "anak", _("Anak")

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="family"
    )
    relation = models.CharField(_("hubungan"), max_length=10, choices=Relation.choices)
    full_name = models.CharField(_("nama"), max_length=150)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    is_dependent = models.BooleanField(_("tanggungan"), default=True)

    class Meta:
        verbose_name = _("anggota keluarga")
        verbose_name_plural = _("anggota keluarga")
        ordering = ["staff", "relation", "birth_date", "id"]

    def __str__(self) -> str:
        return self.full_name


class DocumentKind(models.TextChoices):
    SK_CPNS = "sk_cpns", _("SK CPNS/PPPK")
    SK_PNS = "sk_pns", _("SK PNS")
    SK_RANK = "sk_pangkat", _("SK kenaikan pangkat")
    SK_POSITION = "sk_jabatan", _("SK jabatan")
    KGB = "kgb", _("SK/surat KGB")
    CONTRACT = "kontrak", _("Perjanjian kerja")
    DIPLOMA = "ijazah", _("Ijazah/transkrip")
    CERTIFICATE = "sertifikat", _("Sertifikat/STR/izin")
    IDENTITY = "identitas", _("KTP/KK/NPWP/BPJS")
    OTHER = "lain", _("Lainnya")


class EmployeeDocument(PersonnelRow):
    """A document of the personnel file; those with an expiry date (a PPPK contract, a certificate)
    are announced before they lapse."""

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("jenis dokumen"), max_length=12, choices=DocumentKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    number = models.CharField(_("nomor"), max_length=100, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    stored_file = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("berkas"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dokumen kepegawaian")
        verbose_name_plural = _("dokumen kepegawaian")
        ordering = ["staff", "kind", "-issued_on", "-id"]
        indexes = [models.Index(fields=["expires_on"], name="staff_document_expiry_idx")]

    def __str__(self) -> str:
        return self.title


class Formation(TenantOwned):
    """Kebutuhan pegawai (formasi, from the office's analisis jabatan/ABK): how many people a post needs.

    Filled is counted from the active staff of the unit whose personnel file names the same job title.
    """

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    job_title = models.CharField(_("nama jabatan"), max_length=150)
    position_type = models.CharField(_("jenis jabatan"), max_length=20, choices=PositionType.choices)
    needed = models.PositiveSmallIntegerField(_("kebutuhan (orang)"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("formasi jabatan")
        verbose_name_plural = _("formasi jabatan")
        ordering = ["organisation", "order", "job_title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "unit", "job_title"], name="formation_unique_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.job_title
