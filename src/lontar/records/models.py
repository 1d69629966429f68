"""The archive classification (Kode Klasifikasi Arsip) and its retention schedule (JRA).

One tree for the whole deployment: national reference data (Permendagri 83/2022; the 78/2012 codes stay
for older records), edited and imported by the city administrator. See docs/decisions/0003.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel


class ClassificationScheme(models.TextChoices):
    PERMENDAGRI_83_2022 = "83/2022", _("Permendagri 83/2022")
    PERMENDAGRI_78_2012 = "78/2012", _("Permendagri 78/2012 (lama)")


class FinalDisposition(models.TextChoices):
    DESTROY = "musnah", _("Musnah")
    PERMANENT = "permanen", _("Permanen")
    REAPPRAISE = "dinilai_kembali", _("Dinilai kembali")


code_validator = RegexValidator(
    r"^\d{3}(\.\d{1,3})*$",
    _("Kode klasifikasi berupa tiga angka, diikuti bagian angka yang dipisah titik, misalnya 000.5.3.1."),
)


class ClassificationQuerySet(models.QuerySet):
    def current(self):
        """Codes usable for new records: the current scheme, active."""
        return self.filter(scheme=ClassificationScheme.PERMENDAGRI_83_2022, is_active=True)


class Classification(models.Model):
    """One code of the classification tree with its retention rule (JRA) when it has one."""

    scheme = models.CharField(
        _("dasar"),
        max_length=10,
        choices=ClassificationScheme.choices,
        default=ClassificationScheme.PERMENDAGRI_83_2022,
    )
    code = models.CharField(_("kode"), max_length=30, validators=[code_validator])
    title = models.CharField(_("uraian"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("keterangan"), blank=True)
    active_years = models.PositiveSmallIntegerField(_("retensi aktif (tahun)"), null=True, blank=True)
    inactive_years = models.PositiveSmallIntegerField(_("retensi inaktif (tahun)"), null=True, blank=True)
    final_disposition = models.CharField(
        _("keterangan akhir"), max_length=20, choices=FinalDisposition.choices, blank=True
    )
    retention_note = models.CharField(_("catatan retensi"), max_length=255, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = ClassificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kode klasifikasi arsip")
        verbose_name_plural = _("kode klasifikasi arsip")
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="classification_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def depth(self) -> int:
        return self.code.count(".")

    @property
    def has_retention(self) -> bool:
        return (
            self.active_years is not None and self.inactive_years is not None and bool(self.final_disposition)
        )

    def clean(self) -> None:
        if self.parent_id:
            if self.parent.scheme != self.scheme:
                raise ValidationError({"parent": _("Induk harus berasal dari dasar klasifikasi yang sama.")})
            if self.parent.code not in ancestor_codes(self.scheme, self.code):
                raise ValidationError({"parent": _("Kode harus diawali kode induknya.")})


def parent_code_of(scheme: str, code: str) -> str | None:
    """The code one level up, or None for a top-level group.

    Permendagri 83/2022 writes each level after a dot (000.5.3.1 is under 000.5.3). The old 78/2012
    scheme puts its first two levels in the digits (010 is under 000, 011 under 010) and only the
    deeper ones after a dot.
    """
    if "." in code:
        return code.rsplit(".", 1)[0]
    if scheme == ClassificationScheme.PERMENDAGRI_78_2012 and len(code) == 3:
        if code[2] != "0":
            return code[:2] + "0"
        if code[1] != "0":
            return code[0] + "00"
    return None


def ancestor_codes(scheme: str, code: str) -> list[str]:
    """Every code above `code`, nearest first."""
    found = []
    parent = parent_code_of(scheme, code)
    while parent:
        found.append(parent)
        parent = parent_code_of(scheme, parent)
    return found


def add_years(day, years: int):
    """`day` moved `years` calendar years on; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class RecordFileStatus(models.TextChoices):
    ACTIVE = "aktif", _("aktif")
    INACTIVE = "inaktif", _("inaktif")
    TRANSFERRED = "diserahkan", _("diserahkan ke lembaga kearsipan")
    DESTROYED = "dimusnahkan", _("dimusnahkan")


class RecordFileWorkflow(Workflow):
    """A file (berkas) lives active while in use and for the JRA's active years after it closes,
    then inactive for the inactive years; its final disposition ends it (destroyed or transferred)."""

    states = RecordFileStatus
    initial = RecordFileStatus.ACTIVE
    final_states = {RecordFileStatus.TRANSFERRED, RecordFileStatus.DESTROYED}
    transitions = [
        Transition(
            "deactivate",
            RecordFileStatus.ACTIVE,
            RecordFileStatus.INACTIVE,
            permission="records.manage_file",
            label=_("Pindahkan ke inaktif"),
        ),
        Transition(
            "destroy",
            RecordFileStatus.INACTIVE,
            RecordFileStatus.DESTROYED,
            permission="records.approve_destruction",
            label=_("Musnahkan"),
        ),
        Transition(
            "transfer",
            RecordFileStatus.INACTIVE,
            RecordFileStatus.TRANSFERRED,
            permission="records.approve_transfer",
            label=_("Serahkan ke lembaga kearsipan"),
        ),
    ]


class RecordFileQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def due_for_inactive(self, today):
        """Closed active files whose active retention has run out on or before `today`."""
        return self.filter(
            status=RecordFileStatus.ACTIVE, active_until__isnull=False, active_until__lte=today
        )

    def due_for_disposal(self, today, disposition: str | None = None):
        """Inactive files whose inactive retention has run out on or before `today`."""
        qs = self.filter(
            status=RecordFileStatus.INACTIVE, retention_until__isnull=False, retention_until__lte=today
        )
        if disposition is not None:
            qs = qs.filter(final_disposition=disposition)
        return qs


class RecordFile(WorkflowModel):
    """A file (berkas): the documents of one matter, filed under one classification code.

    While open, items are added; closing fixes the closing date and copies the classification's
    retention (JRA) as it stands that day, so later edits of the schedule do not move the dates of a
    file already closed. Retention is counted from the closing date (REFERENCE §3).
    """

    workflow = RecordFileWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=RecordFileStatus.choices, default=RecordFileStatus.ACTIVE
    )
    number = models.CharField(_("nomor berkas"), max_length=60)
    title = models.CharField(_("uraian berkas"), max_length=255)
    classification = models.ForeignKey(
        Classification, verbose_name=_("kode klasifikasi"), on_delete=models.PROTECT, related_name="files"
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit pengolah"), null=True, blank=True, on_delete=models.PROTECT
    )
    opened_on = models.DateField(_("tanggal dibuka"))
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    location = models.CharField(
        _("lokasi simpan fisik"),
        max_length=255,
        blank=True,
        help_text=_("Misalnya: Ruang arsip, lemari 2, rak 3, boks 12."),
    )
    description = models.TextField(_("keterangan"), blank=True)
    active_years = models.PositiveSmallIntegerField(_("retensi aktif (tahun)"), null=True, blank=True)
    inactive_years = models.PositiveSmallIntegerField(_("retensi inaktif (tahun)"), null=True, blank=True)
    final_disposition = models.CharField(
        _("keterangan akhir"), max_length=20, choices=FinalDisposition.choices, blank=True
    )
    active_until = models.DateField(_("aktif sampai"), null=True, blank=True)
    retention_until = models.DateField(_("retensi berakhir"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    objects = RecordFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("berkas arsip")
        verbose_name_plural = _("berkas arsip")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="record_file_unique_number"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "active_until"], name="record_file_active_idx"),
            models.Index(fields=["organisation", "status", "retention_until"], name="record_file_ret_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def total_retention_years(self) -> int | None:
        if self.active_years is None or self.inactive_years is None:
            return None
        return self.active_years + self.inactive_years

    def clean(self) -> None:
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("Tanggal ditutup tidak boleh sebelum tanggal dibuka.")})


class RecordItem(TenantOwned):
    """One document filed in a file: a link to the object it came from (a letter, a leave letter ...),
    passed in by the module that files it, with a description, a date and optionally the scan."""

    record_file = models.ForeignKey(
        RecordFile, verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="items"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("jenis objek"), null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    linked = GenericForeignKey("content_type", "object_id")
    description = models.CharField(_("uraian"), max_length=500)
    item_date = models.DateField(_("tanggal"))
    stored_file = models.ForeignKey(
        "core.StoredFile", verbose_name=_("pindaian"), null=True, blank=True, on_delete=models.PROTECT
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diberkaskan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("diberkaskan pada"), default=timezone.now)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("isi berkas")
        verbose_name_plural = _("isi berkas")
        ordering = ["item_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_file", "content_type", "object_id"],
                condition=~models.Q(object_id=""),
                name="record_item_once_per_file",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class RecordLoan(TenantOwned):
    """A loan of a physical file to a member of staff, due back on a working day."""

    record_file = models.ForeignKey(
        RecordFile, verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="loans"
    )
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("peminjam"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("keperluan"), max_length=255)
    loan_date = models.DateField(_("tanggal pinjam"))
    due_date = models.DateField(_("batas kembali"))
    returned_on = models.DateField(_("tanggal kembali"), null=True, blank=True)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterima oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("peminjaman arsip")
        verbose_name_plural = _("peminjaman arsip")
        ordering = ["-loan_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_file"],
                condition=models.Q(returned_on__isnull=True),
                name="record_loan_one_open_per_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_file.number} — {self.borrower}"


class DisposalKind(models.TextChoices):
    DESTRUCTION = "musnah", _("Pemusnahan")
    TRANSFER = "permanen", _("Penyerahan arsip statis")


class DisposalStatus(models.TextChoices):
    PROPOSED = "diusulkan", _("diusulkan")
    APPROVED = "disetujui", _("disetujui")
    REJECTED = "ditolak", _("ditolak")


class DisposalWorkflow(Workflow):
    states = DisposalStatus
    initial = DisposalStatus.PROPOSED
    final_states = {DisposalStatus.APPROVED, DisposalStatus.REJECTED}
    transitions = [
        Transition(
            "approve",
            DisposalStatus.PROPOSED,
            DisposalStatus.APPROVED,
            permission="records.approve_disposal",
            label=_("Setujui"),
        ),
        Transition(
            "reject",
            DisposalStatus.PROPOSED,
            DisposalStatus.REJECTED,
            permission="records.approve_disposal",
            label=_("Tolak"),
        ),
    ]


# Permendagri 83/2022, 000.5.6.2: destroying records with a retention of at least ten years needs the
# approval of the head of the national archive (ANRI); shorter ones the regional head's.
HIGHER_APPROVAL_YEARS = 10


class DisposalProposal(WorkflowModel):
    """A proposal to destroy (musnah) or transfer (permanen) files whose retention has ended."""

    workflow = DisposalWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=DisposalStatus.choices, default=DisposalStatus.PROPOSED
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=DisposalKind.choices)
    files = models.ManyToManyField(RecordFile, verbose_name=_("berkas"), related_name="disposals")
    reason = models.TextField(_("pertimbangan"), blank=True)
    needs_higher_approval = models.BooleanField(_("perlu persetujuan lebih tinggi"), default=False)
    higher_approval_reference = models.CharField(
        _("nomor persetujuan lebih tinggi"), max_length=255, blank=True
    )
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diusulkan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("diusulkan pada"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    report = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name=_("berita acara"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("usul penyusutan arsip")
        verbose_name_plural = _("usul penyusutan arsip")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
