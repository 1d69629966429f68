"""Incoming letters (surat masuk): what the front desk registers in the buku agenda.

A letter is owned by one office. Its agenda number comes from the numbering service (document type
``agenda_surat_masuk``, a sequence per office and year) when it is registered. Scans are stored files
(`lontar.core.files`) attached to the letter as their owner. Letters that another office sends through
Lontar (a surat dinas delivered internally) keep a link to the issued document they came from.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

AGENDA_DOCUMENT_TYPE = "agenda_surat_masuk"


class Urgency(models.TextChoices):
    """Sifat naskah."""

    NORMAL = "biasa", _("Biasa")
    URGENT = "segera", _("Segera")
    VERY_URGENT = "sangat_segera", _("Sangat Segera")


class SecurityClass(models.TextChoices):
    """Klasifikasi keamanan naskah. Anything but "biasa" is seen only by the letter's chain."""

    OPEN = "biasa", _("Biasa/Terbuka")
    LIMITED = "terbatas", _("Terbatas")
    CONFIDENTIAL = "rahasia", _("Rahasia")
    SECRET = "sangat_rahasia", _("Sangat Rahasia")


RESTRICTED_CLASSES = frozenset({SecurityClass.LIMITED, SecurityClass.CONFIDENTIAL, SecurityClass.SECRET})


class ReceiptChannel(models.TextChoices):
    PAPER = "kertas", _("Kertas (pos/kurir/diantar)")
    EMAIL = "surel", _("Surel")
    INTERNAL = "internal", _("Naskah dinas elektronik (Lontar)")


class IncomingStatus(models.TextChoices):
    REGISTERED = "tercatat", _("tercatat, menunggu disposisi")
    DISPOSED = "didisposisikan", _("didisposisikan")
    DONE = "selesai", _("selesai ditindaklanjuti")
    FILED = "diarsipkan", _("diarsipkan")


class IncomingLetterWorkflow(Workflow):
    states = IncomingStatus
    initial = IncomingStatus.REGISTERED
    final_states = {IncomingStatus.FILED}
    transitions = [
        Transition(
            "dispose",
            IncomingStatus.REGISTERED,
            IncomingStatus.DISPOSED,
            permission="correspondence.dispose",
            label=_("Disposisikan"),
        ),
        Transition(
            "complete",
            [IncomingStatus.REGISTERED, IncomingStatus.DISPOSED],
            IncomingStatus.DONE,
            permission="correspondence.close_incoming",
            label=_("Nyatakan selesai"),
        ),
        Transition(
            "reopen",
            IncomingStatus.DONE,
            IncomingStatus.DISPOSED,
            permission="correspondence.close_incoming",
            label=_("Buka kembali"),
        ),
        Transition(
            "file",
            [IncomingStatus.REGISTERED, IncomingStatus.DONE],
            IncomingStatus.FILED,
            permission="correspondence.close_incoming",
            label=_("Arsipkan"),
        ),
        # Taken by the system when the last disposition of a letter is withdrawn unread.
        Transition(
            "recall",
            IncomingStatus.DISPOSED,
            IncomingStatus.REGISTERED,
            permission="correspondence.dispose",
            label=_("Kembali menunggu disposisi"),
        ),
    ]


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def sender_key(sender_name: str, sender_institution: str = "") -> str:
    """The sender as compared for duplicates: case, spaces and punctuation do not matter."""
    who = sender_institution or sender_name
    return _NOT_ALNUM.sub("", (who or "").lower())[:150]


def number_key(sender_number: str) -> str:
    """A sender's number as compared for duplicates: `005/12/Kel.Mks/2026` = `005 / 12 / kel.mks/2026`."""
    return _NOT_ALNUM.sub("", (sender_number or "").lower())[:100]


class IncomingLetterQuerySet(TenantQuerySet):
    def for_listing(self):
        return self.select_related("classification", "unit").defer("summary")


class IncomingLetter(WorkflowModel):
    workflow = IncomingLetterWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=IncomingStatus.choices, default=IncomingStatus.REGISTERED
    )
    agenda_number = models.CharField(_("nomor agenda"), max_length=100)
    agenda_year = models.PositiveSmallIntegerField(_("tahun agenda"))
    agenda_sequence = models.PositiveIntegerField(_("nomor urut agenda"))

    sender_name = models.CharField(
        _("pengirim"), max_length=200, help_text=_("Nama atau jabatan penanda tangan surat.")
    )
    sender_institution = models.CharField(_("instansi pengirim"), max_length=200, blank=True)
    sender_number = models.CharField(_("nomor surat pengirim"), max_length=100, blank=True)
    sender_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    # Normalised copies for the duplicate check, indexed together with the office.
    sender_key = models.CharField(max_length=150, editable=False, default="")
    number_key = models.CharField(max_length=100, editable=False, default="")

    received_date = models.DateField(_("tanggal diterima"))
    subject = models.CharField(_("perihal"), max_length=500)
    summary = models.TextField(_("ringkasan isi"), blank=True)
    urgency = models.CharField(_("sifat"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    security = models.CharField(
        _("klasifikasi keamanan"), max_length=20, choices=SecurityClass.choices, default=SecurityClass.OPEN
    )
    classification = models.ForeignKey(
        "records.Classification",
        verbose_name=_("kode klasifikasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    enclosures = models.PositiveSmallIntegerField(_("jumlah lampiran"), default=0)
    channel = models.CharField(
        _("diterima melalui"), max_length=20, choices=ReceiptChannel.choices, default=ReceiptChannel.PAPER
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pengolah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_document = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name=_("naskah asal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Naskah dinas yang dikirim kantor lain melalui Lontar."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    objects = IncomingLetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("surat masuk")
        verbose_name_plural = _("surat masuk")
        ordering = ["-received_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "agenda_year", "agenda_number"], name="incoming_agenda_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-received_date", "-id"], name="incoming_register_idx"),
            # The register of a head or secretary spans their office and the offices below it: an
            # IN list over `incoming_register_idx` must sort every matching letter; this index is read
            # newest first and stops after a page (bench/, docs/benchmarks.md).
            models.Index(fields=["-received_date", "-id"], name="incoming_received_idx"),
            models.Index(fields=["organisation", "status"], name="incoming_status_idx"),
            models.Index(fields=["organisation", "sender_key", "number_key"], name="incoming_duplicate_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_number} — {self.subject}"

    def save(self, *args, **kwargs):
        self.sender_key = sender_key(self.sender_name, self.sender_institution)
        self.number_key = number_key(self.sender_number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"sender_name", "sender_institution", "sender_number"} & set(
            update_fields
        ):
            kwargs["update_fields"] = list({*update_fields, "sender_key", "number_key"})
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("correspondence:incoming_detail", args=[self.pk])

    @property
    def is_restricted(self) -> bool:
        return self.security in RESTRICTED_CLASSES

    @property
    def sender_display(self) -> str:
        if self.sender_institution and self.sender_name:
            return f"{self.sender_name}, {self.sender_institution}"
        return self.sender_institution or self.sender_name
