"""Issued documents: the fixed, hashed PDF of a signed letter and its public verification token."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.files.storage import private_storage
from lontar.core.models.organisations import TenantOwned, TenantQuerySet


def issued_pdf_path(instance, filename: str) -> str:
    return f"documents/{instance.organisation_id}/{instance.document_date:%Y}/{uuid.uuid4().hex}.pdf"


def new_verification_token() -> str:
    # 32 bytes from the OS CSPRNG, URL-safe: 43 characters, not guessable, not sequential.
    return secrets.token_urlsafe(32)


class SignerKind(models.TextChoices):
    NONE = "", _("Tidak ditandatangani")
    LOCAL_CA = "local_ca", _("Sertifikat lokal")
    BSRE = "bsre", _("BSrE (BSSN)")


class IssuedDocument(TenantOwned):
    """A document as it was issued: its text facts frozen at issue time and the exact PDF bytes."""

    document_type = models.SlugField(_("jenis naskah (kode)"), max_length=50)
    document_type_name = models.CharField(_("jenis naskah"), max_length=100)
    number = models.CharField(_("nomor"), max_length=100)
    document_date = models.DateField(_("tanggal naskah"))
    title = models.CharField(_("hal/perihal"), max_length=255)

    # Who signed, as text: a later change of name, title or position must not rewrite history.
    signatory_name = models.CharField(_("nama penandatangan"), max_length=200)
    signatory_position = models.CharField(
        _("jabatan penandatangan"),
        max_length=200,
        help_text=_("Termasuk awalan Plt./Plh. bila penandatangan adalah pejabat pelaksana."),
    )
    signatory_rank = models.CharField(_("pangkat/golongan penandatangan"), max_length=100, blank=True)
    signatory_nip = models.CharField(_("NIP penandatangan"), max_length=30, blank=True)
    place = models.CharField(_("tempat penetapan"), max_length=100, blank=True)

    file = models.FileField(
        _("berkas PDF"), storage=private_storage, upload_to=issued_pdf_path, max_length=255
    )
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64, db_index=True)
    verification_token = models.CharField(
        _("token verifikasi"), max_length=64, unique=True, default=new_verification_token, editable=False
    )
    issued_at = models.DateTimeField(_("diterbitkan pada"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed = models.BooleanField(_("ditandatangani elektronik"), default=False)
    signer_kind = models.CharField(
        _("jenis tanda tangan"), max_length=16, choices=SignerKind.choices, blank=True, default=""
    )

    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("jenis sumber"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_id = models.CharField(_("id sumber"), max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("naskah terbit")
        verbose_name_plural = _("naskah terbit")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "document_type", "number"],
                name="issued_document_number_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-issued_at"], name="issued_doc_org_issued"),
            models.Index(fields=["source_type", "source_id"], name="issued_doc_source"),
        ]

    def __str__(self) -> str:
        return f"{self.document_type_name} {self.number}"

    def verification_path(self) -> str:
        from django.urls import reverse

        return reverse("core:document_verify", args=[self.verification_token])

    def verification_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.verification_path()
