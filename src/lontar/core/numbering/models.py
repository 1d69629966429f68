"""Numbering templates, the counters they draw from, and the register of every number issued."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.numbering.formatting import parse_format


class CounterScope(models.TextChoices):
    DOCUMENT_TYPE = "document_type", _("Per jenis naskah")
    ORGANISATION = "organisation", _("Satu urutan untuk seluruh naskah kantor")
    SHARED = "shared", _("Urutan bersama beberapa jenis naskah")


def counter_key_for(*, scope: str, document_type: str, shared_key: str = "") -> str:
    if scope == CounterScope.ORGANISATION:
        return "org"
    if scope == CounterScope.SHARED:
        return f"shared:{shared_key}"
    return f"type:{document_type}"


class NumberingTemplate(TenantOwned):
    """How one office numbers one type of document (surat dinas, agenda surat masuk ...)."""

    document_type = models.SlugField(
        _("jenis naskah"),
        max_length=60,
        help_text=_("Kunci jenis naskah, huruf kecil dan garis bawah, misalnya surat_dinas."),
    )
    name = models.CharField(_("nama"), max_length=150)
    format = models.CharField(
        _("format nomor"),
        max_length=200,
        help_text=_(
            "Token: {klasifikasi}, {urut} atau {urut:3} (nomor urut dengan nol di depan), {unit}, {org}, "
            "{bulan_romawi}, {bulan}, {tahun}. Contoh: {klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}"
        ),
    )
    scope = models.CharField(
        _("cakupan nomor urut"),
        max_length=16,
        choices=CounterScope.choices,
        default=CounterScope.DOCUMENT_TYPE,
    )
    shared_key = models.SlugField(
        _("kunci urutan bersama"),
        max_length=60,
        blank=True,
        help_text=_("Templat dengan kunci yang sama memakai satu nomor urut. Wajib untuk urutan bersama."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("templat penomoran")
        verbose_name_plural = _("templat penomoran")
        ordering = ["organisation", "document_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "document_type"],
                name="numbering_template_type_unique_per_org",
                violation_error_message=_("Kantor ini sudah memiliki templat untuk jenis naskah tersebut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.document_type})"

    @property
    def counter_key(self) -> str:
        """The key of the counter this template draws from; templates with equal keys share numbers."""
        return counter_key_for(scope=self.scope, document_type=self.document_type, shared_key=self.shared_key)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.format:
            try:
                parse_format(self.format)
            except ValidationError as exc:
                errors["format"] = exc.messages
        if self.scope == CounterScope.SHARED and not self.shared_key:
            errors["shared_key"] = [_("Isi kunci urutan bersama untuk cakupan urutan bersama.")]
        if self.scope != CounterScope.SHARED and self.shared_key:
            errors["shared_key"] = [_("Kunci urutan bersama hanya dipakai untuk cakupan urutan bersama.")]
        if errors:
            raise ValidationError(errors)


class NumberCounter(TenantOwned):
    """The last sequence taken for one scope of one office in one year. Changed only under a row lock."""

    scope_key = models.CharField(_("kunci cakupan"), max_length=80)
    year = models.PositiveIntegerField(_("tahun"))
    last_value = models.PositiveIntegerField(_("nomor urut terakhir"), default=0)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("penghitung nomor")
        verbose_name_plural = _("penghitung nomor")
        ordering = ["organisation", "-year", "scope_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scope_key", "year"], name="number_counter_unique_scope_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_key} {self.year}: {self.last_value}"


class IssuedNumber(TenantOwned):
    """One number taken, kept forever: who took it, when, for what. The database refuses a repeat."""

    template = models.ForeignKey(
        NumberingTemplate, verbose_name=_("templat"), on_delete=models.PROTECT, related_name="issued"
    )
    document_type = models.SlugField(_("jenis naskah"), max_length=60)
    scope_key = models.CharField(_("kunci cakupan"), max_length=80)
    year = models.PositiveIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor"), max_length=255)
    issued_on = models.DateField(_("tanggal nomor"))
    issued_at = models.DateTimeField(_("diambil pada"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diambil oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomor terbit")
        verbose_name_plural = _("nomor terbit")
        ordering = ["organisation", "-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scope_key", "year", "sequence"],
                name="issued_number_unique_sequence",
            ),
            # Sequences restart yearly, so a format without {tahun} repeats its numbers in the next
            # year by design; within a year no two documents of an office ever share a number.
            models.UniqueConstraint(
                fields=["organisation", "year", "number"],
                name="issued_number_unique_text_per_year",
            ),
        ]

    def __str__(self) -> str:
        return self.number
