"""Stored uploads. The file lives in Django's storage under an unguessable name; the row keeps
what the office needs to know about it (who, when, what it really is, its hash, its text)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.files.storage import private_storage
from lontar.core.models.organisations import TenantOwned, TenantQuerySet


def upload_path(instance: StoredFile, filename: str) -> str:
    """berkas/<organisation>/<year>/<random>.<ext> — the original name never reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    year = timezone.localdate().year
    return f"berkas/{instance.organisation_id}/{year}/{secrets.token_urlsafe(18)}.{extension}"


class StoredFileQuerySet(TenantQuerySet):
    def for_listing(self):
        """Lists never carry the extracted text (it can be megabytes per row)."""
        return self.defer("extracted_text")

    def attached_to(self, owner):
        return self.filter(
            owner_type=ContentType.objects.get_for_model(owner, for_concrete_model=False),
            owner_id=str(owner.pk),
        )


class StoredFile(TenantOwned):
    original_name = models.CharField(_("nama berkas"), max_length=255)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to=upload_path, max_length=255)
    content_type = models.CharField(_("jenis isi"), max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    extracted_text = models.TextField(_("teks hasil ekstraksi"), blank=True)
    text_extracted_at = models.DateTimeField(_("teks diekstraksi pada"), null=True, blank=True)
    owner_type = models.ForeignKey(
        ContentType,
        verbose_name=_("jenis pemilik"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_id = models.CharField(_("id pemilik"), max_length=64, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("berkas tersimpan")
        verbose_name_plural = _("berkas tersimpan")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="core_file_owner_idx")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"
