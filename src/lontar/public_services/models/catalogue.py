"""The service catalogue as data (REFERENCE §4): services, their standards (the 14 components of
PermenPANRB 15/2014) versioned by effective date, requirements, the application form, and each office's
Maklumat Pelayanan.

A standard is never edited once it is in force: a change is a new version with a later effective date,
so every application keeps the standard (requirements, time, cost, form) it was filed under.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet

# The 6 components published to citizens and the 8 kept for management (PermenPANRB 15/2014), in the
# order of the regulation's annex: (field name, label).
PUBLISHED_COMPONENTS = (
    ("requirements_text", _("Persyaratan")),
    ("procedure", _("Sistem, mekanisme, dan prosedur")),
    ("processing_time_text", _("Jangka waktu penyelesaian")),
    ("fee_text", _("Biaya/tarif")),
    ("product", _("Produk pelayanan")),
    ("complaint_handling", _("Penanganan pengaduan, saran, dan masukan")),
)
MANAGEMENT_COMPONENTS = (
    ("legal_basis", _("Dasar hukum")),
    ("facilities", _("Sarana, prasarana, dan/atau fasilitas")),
    ("implementer_competence", _("Kompetensi pelaksana")),
    ("internal_supervision", _("Pengawasan internal")),
    ("implementer_count", _("Jumlah pelaksana")),
    ("service_guarantee", _("Jaminan pelayanan")),
    ("security_guarantee", _("Jaminan keamanan dan keselamatan pelayanan")),
    ("performance_evaluation", _("Evaluasi kinerja pelaksana")),
)


class Service(TenantOwned):
    """One service an office offers (which ones depends on the local delegation regulation)."""

    code = models.SlugField(_("kode layanan"), max_length=40, help_text=_("Contoh: sktm, domisili-usaha."))
    name = models.CharField(_("nama layanan"), max_length=200)
    summary = models.CharField(_("ringkasan"), max_length=300, blank=True)
    category = models.CharField(_("kelompok"), max_length=100, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pelaksana"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_published = models.BooleanField(_("tampil di portal"), default=True)
    accepts_online = models.BooleanField(_("dapat diajukan daring"), default=True)
    accepts_booking = models.BooleanField(_("dapat memesan antrean loket"), default=True)
    daily_quota = models.PositiveSmallIntegerField(
        _("kuota antrean per hari"), default=40, help_text=_("Jumlah pemesanan kunjungan loket per hari.")
    )
    result_downloadable = models.BooleanField(
        _("hasil dapat diunduh pemohon"),
        default=True,
        help_text=_("Bila tidak, pemohon menerima pemberitahuan bahwa hasil siap diambil di loket."),
    )
    result_document_type = models.SlugField(
        _("jenis naskah hasil"),
        max_length=50,
        blank=True,
        help_text=_(
            "Jenis naskah untuk penomoran hasil layanan, misalnya surat_keterangan. Kosong: tanpa naskah."
        ),
    )
    result_title = models.CharField(_("judul naskah hasil"), max_length=200, blank=True)
    result_classification_code = models.CharField(_("kode klasifikasi hasil"), max_length=30, blank=True)
    result_body = models.TextField(
        _("templat isi naskah hasil"),
        blank=True,
        help_text=_("HTML dengan isian {{ pemohon.nama }}, {{ pemohon.nik }}, {{ data.<kunci> }}."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="service_code_unique_per_office")
        ]

    def __str__(self) -> str:
        return self.name


class StandardQuerySet(TenantQuerySet):
    def in_force_on(self, day):
        return self.filter(effective_from__lte=day, published=True).filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=day)
        )


class ServiceStandard(TenantOwned):
    """One version of a service's standard: the 14 components, the requirements and the form."""

    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), on_delete=models.CASCADE, related_name="standards"
    )
    version = models.PositiveIntegerField(_("versi"))
    effective_from = models.DateField(_("berlaku mulai"))
    effective_until = models.DateField(
        _("berlaku sampai"), null=True, blank=True, help_text=_("Diisi otomatis saat versi baru berlaku.")
    )
    published = models.BooleanField(
        _("ditetapkan"), default=False, help_text=_("Versi konsep belum berlaku dan masih dapat diubah.")
    )
    decree_number = models.CharField(_("nomor keputusan penetapan"), max_length=120, blank=True)
    # Published components (service delivery).
    requirements_text = models.TextField(
        _("persyaratan (uraian)"), blank=True, help_text=_("Catatan umum; daftar persyaratan diisi terpisah.")
    )
    procedure = models.TextField(_("sistem, mekanisme, dan prosedur"))
    processing_days = models.PositiveSmallIntegerField(
        _("jangka waktu (hari kerja)"), help_text=_("0 berarti selesai pada hari yang sama.")
    )
    processing_time_text = models.CharField(
        _("jangka waktu (keterangan)"),
        max_length=200,
        blank=True,
        help_text=_("Contoh: 60 menit bila berkas lengkap."),
    )
    fee_amount = models.PositiveIntegerField(_("biaya (rupiah)"), default=0)
    fee_text = models.CharField(_("biaya (keterangan)"), max_length=300, blank=True)
    product = models.CharField(_("produk pelayanan"), max_length=300)
    complaint_handling = models.TextField(_("penanganan pengaduan, saran, dan masukan"))
    # Management components (kept for staff).
    legal_basis = models.TextField(_("dasar hukum"))
    facilities = models.TextField(_("sarana, prasarana, dan/atau fasilitas"), blank=True)
    implementer_competence = models.TextField(_("kompetensi pelaksana"), blank=True)
    internal_supervision = models.TextField(_("pengawasan internal"), blank=True)
    implementer_count = models.CharField(_("jumlah pelaksana"), max_length=200, blank=True)
    service_guarantee = models.TextField(_("jaminan pelayanan"), blank=True)
    security_guarantee = models.TextField(_("jaminan keamanan dan keselamatan pelayanan"), blank=True)
    performance_evaluation = models.TextField(_("evaluasi kinerja pelaksana"), blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("standar pelayanan")
        verbose_name_plural = _("standar pelayanan")
        ordering = ["service", "-version"]
        constraints = [models.UniqueConstraint(fields=["service", "version"], name="standard_version_unique")]

    def __str__(self) -> str:
        return f"{self.service} v{self.version}"

    @property
    def is_free(self) -> bool:
        return self.fee_amount == 0


class Requirement(models.Model):
    """One item of persyaratan. With `needs_upload` the application form asks for one file for it."""

    standard = models.ForeignKey(
        ServiceStandard, verbose_name=_("standar"), on_delete=models.CASCADE, related_name="requirements"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("persyaratan"), max_length=300)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    needs_upload = models.BooleanField(_("diunggah saat pengajuan daring"), default=True)
    is_mandatory = models.BooleanField(_("wajib"), default=True)

    class Meta:
        verbose_name = _("persyaratan")
        verbose_name_plural = _("persyaratan")
        ordering = ["standard", "order", "id"]

    def __str__(self) -> str:
        return self.name


class FieldKind(models.TextChoices):
    TEXT = "text", _("Teks singkat")
    TEXTAREA = "textarea", _("Teks panjang")
    NUMBER = "number", _("Angka")
    DATE = "date", _("Tanggal")
    CHOICE = "choice", _("Pilihan")
    NIK = "nik", _("NIK")
    PHONE = "phone", _("Nomor telepon")
    EMAIL = "email", _("Surel")
    ADDRESS = "address", _("Alamat")


class FormField(models.Model):
    """One question of a service's application form, defined by an administrator (no code).

    Uploads are not fields: each requirement with `needs_upload` adds one upload to the form."""

    standard = models.ForeignKey(
        ServiceStandard, verbose_name=_("standar"), on_delete=models.CASCADE, related_name="form_fields"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    key = models.SlugField(
        _("kunci"), max_length=50, help_text=_("Nama isian di templat hasil, misalnya nama_usaha.")
    )
    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=FieldKind.choices, default=FieldKind.TEXT)
    required = models.BooleanField(_("wajib"), default=True)
    choices = models.JSONField(_("pilihan"), default=list, blank=True, help_text=_("Satu pilihan per baris."))
    help_text = models.CharField(_("petunjuk"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("isian formulir")
        verbose_name_plural = _("isian formulir")
        ordering = ["standard", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["standard", "key"], name="form_field_key_unique")]

    def __str__(self) -> str:
        return self.label


class ServicePledge(TenantOwned):
    """Maklumat Pelayanan: the office's public pledge, versioned by effective date."""

    text = models.TextField(_("isi maklumat"))
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200)
    signatory_position = models.CharField(_("jabatan penanda tangan"), max_length=200)
    effective_from = models.DateField(_("berlaku mulai"))
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = _("maklumat pelayanan")
        ordering = ["organisation", "-effective_from", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.effective_from})"
