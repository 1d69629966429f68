"""An uploaded register (batch) and its rows, kept as read so the preview and the history can show them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("diunggah, periksa pemetaan kolom")
    PREVIEWED = "previewed", _("pratinjau siap, menunggu konfirmasi")
    CONFIRMING = "confirming", _("sedang diimpor")
    CONFIRMED = "confirmed", _("diimpor")
    CANCELLED = "cancelled", _("dibatalkan")


OPEN_STATUSES = frozenset({BatchStatus.DRAFT, BatchStatus.PREVIEWED})


class RowOutcome(models.TextChoices):
    PENDING = "", _("belum diimpor")
    CREATED = "created", _("dibuat")
    DUPLICATE = "duplicate", _("dilewati, sudah ada")
    ERROR = "error", _("tidak diimpor, ada galat")


class ImportBatch(TenantOwned):
    kind = models.CharField(_("jenis impor"), max_length=80)
    source_file = models.ForeignKey(
        "core.StoredFile", verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="+", null=True
    )
    file_name = models.CharField(_("nama berkas"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64)
    sheet_name = models.CharField(_("lembar kerja"), max_length=100)
    header_row = models.PositiveIntegerField(_("baris judul kolom"))
    headers = models.JSONField(_("judul kolom"), default=list)
    mapping = models.JSONField(_("pemetaan kolom"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    valid_only = models.BooleanField(_("hanya baris yang benar"), default=False)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    valid_rows = models.PositiveIntegerField(_("baris benar"), default=0)
    error_rows = models.PositiveIntegerField(_("baris bergalat"), default=0)
    duplicate_rows = models.PositiveIntegerField(_("baris sudah ada"), default=0)
    created_rows = models.PositiveIntegerField(_("baris dibuat"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    confirm_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikonfirmasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    failure = models.TextField(_("alasan impor gagal"), blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "kind", "-created_at"], name="import_batch_kind_idx")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_confirming(self) -> bool:
        return self.status == BatchStatus.CONFIRMING


class ImportRow(models.Model):
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("impor"), on_delete=models.CASCADE, related_name="rows"
    )
    row_number = models.PositiveIntegerField(_("nomor baris"))
    raw = models.JSONField(_("isi baris"), default=list)
    values = models.JSONField(_("nilai terpetakan"), default=dict)
    errors = models.JSONField(_("galat"), default=list)
    fingerprint = models.CharField(_("sidik baris"), max_length=64, blank=True)
    duplicate = models.BooleanField(_("sudah ada"), default=False)
    outcome = models.CharField(
        _("hasil"), max_length=20, choices=RowOutcome.choices, default=RowOutcome.PENDING, blank=True
    )
    object_id = models.CharField(_("id data yang dibuat"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("baris impor")
        verbose_name_plural = _("baris impor")
        ordering = ["batch", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="import_row_unique_number"),
        ]
        indexes = [models.Index(fields=["fingerprint", "outcome"], name="import_row_fingerprint_idx")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number}"
