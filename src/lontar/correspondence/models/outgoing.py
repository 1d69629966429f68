"""Outgoing official documents (naskah dinas keluar): templates, drafts, the paraf chain, versions,
comments and recipients.

A document is drafted from its office's template for its type, submitted to the verifier chain
(paraf, in order), signed by the signatory (the number and date are fixed then, and the PDF is
issued through `lontar.core.documents`), then sent: to offices of the deployment, by e-mail, or
printed. Its states are a `Workflow`; everything else changes through `services.outgoing`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import Organisation, Position, TenantOwned, TenantQuerySet, Unit
from lontar.core.workflow import Transition, Workflow, WorkflowModel
from lontar.correspondence.models.incoming import RESTRICTED_CLASSES, SecurityClass, Urgency
from lontar.correspondence.outgoing_actions import (
    IMPORT_OUTGOING,
    PARAF_OUTGOING,
    SEND_OUTGOING,
    SIGN_OUTGOING,
    SUBMIT_OUTGOING,
)


class OutgoingType(models.TextChoices):
    SURAT_DINAS = "surat_dinas", _("Surat Dinas")
    NOTA_DINAS = "nota_dinas", _("Nota Dinas")
    UNDANGAN = "undangan", _("Surat Undangan")
    SURAT_TUGAS = "surat_tugas", _("Surat Tugas")
    SURAT_KETERANGAN = "surat_keterangan", _("Surat Keterangan")
    SURAT_EDARAN = "surat_edaran", _("Surat Edaran")
    BERITA_ACARA = "berita_acara", _("Berita Acara")
    SURAT_KEPUTUSAN = "surat_keputusan", _("Surat Keputusan")


# The layout slug of `lontar.core.documents.services.issue_document` for each type.
LAYOUT_TYPE = {
    OutgoingType.SURAT_DINAS: "surat-dinas",
    OutgoingType.NOTA_DINAS: "nota-dinas",
    OutgoingType.UNDANGAN: "surat-undangan",
    OutgoingType.SURAT_TUGAS: "surat-tugas",
    OutgoingType.SURAT_KETERANGAN: "surat-keterangan",
    OutgoingType.SURAT_EDARAN: "surat-edaran",
    OutgoingType.BERITA_ACARA: "berita-acara",
    OutgoingType.SURAT_KEPUTUSAN: "surat-keputusan",
}
# Types whose layout prints "Yth." and therefore need at least one addressee.
ADDRESSED_TYPES = frozenset({OutgoingType.SURAT_DINAS, OutgoingType.NOTA_DINAS, OutgoingType.UNDANGAN})


# The words printed in the letter's Sifat line, whatever the UI language.
URGENCY_PRINTED = {
    Urgency.NORMAL: "Biasa",
    Urgency.URGENT: "Segera",
    Urgency.VERY_URGENT: "Sangat Segera",
}


class OutgoingTemplate(TenantOwned):
    """How one office writes one type: default body, classification, numbering, paraf chain and
    signatory. The organisation administrator edits it; a type without a row uses the built-in
    default (`services.outgoing.DEFAULT_TEMPLATES`)."""

    document_type = models.CharField(_("jenis naskah"), max_length=30, choices=OutgoingType.choices)
    body_html = models.TextField(_("isi bawaan"), blank=True)
    classification = models.ForeignKey(
        "records.Classification",
        verbose_name=_("kode klasifikasi bawaan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    numbering_key = models.SlugField(
        _("kunci templat penomoran"),
        max_length=60,
        help_text=_("Jenis naskah pada templat penomoran kantor, misalnya surat_dinas."),
    )
    signatory_position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan penandatangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("templat naskah keluar")
        verbose_name_plural = _("templat naskah keluar")
        ordering = ["organisation", "document_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "document_type"], name="outgoing_template_type_unique"
            )
        ]

    def __str__(self) -> str:
        return self.get_document_type_display()


class TemplateVerifier(TenantOwned):
    """One position in a template's paraf chain, in order (Kasubag TU, then Sekcam ...)."""

    template = models.ForeignKey(
        OutgoingTemplate, verbose_name=_("templat"), on_delete=models.CASCADE, related_name="verifiers"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("jabatan pemaraf"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("urutan"))

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemaraf")
        verbose_name_plural = _("pemaraf")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="template_verifier_order_unique")
        ]


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", _("konsep")
    IN_REVIEW = "in_review", _("menunggu paraf")
    RETURNED = "returned", _("dikembalikan untuk perbaikan")
    AWAITING_SIGNATURE = "awaiting_signature", _("menunggu tanda tangan")
    SIGNED = "signed", _("ditandatangani")
    SENT = "sent", _("terkirim")


class OutgoingOrigin(models.TextChoices):
    LONTAR = "lontar", _("dibuat di Lontar")
    # A letter of the office's old paper/Excel buku agenda surat keluar: it went out before Lontar,
    # so it has the number and date as written, no PDF, no paraf chain and no versions.
    LEGACY_REGISTER = "impor", _("diimpor dari buku agenda surat keluar lama")


class OutgoingWorkflow(Workflow):
    states = OutgoingStatus
    initial = OutgoingStatus.DRAFT
    final_states = {OutgoingStatus.SENT}
    transitions = [
        Transition(
            "submit",
            [OutgoingStatus.DRAFT, OutgoingStatus.RETURNED],
            OutgoingStatus.IN_REVIEW,
            permission=SUBMIT_OUTGOING,
            label=_("Ajukan untuk paraf"),
        ),
        Transition(
            "verified",
            OutgoingStatus.IN_REVIEW,
            OutgoingStatus.AWAITING_SIGNATURE,
            permission=PARAF_OUTGOING,
            label=_("Paraf lengkap"),
        ),
        Transition(
            "return_for_revision",
            OutgoingStatus.IN_REVIEW,
            OutgoingStatus.RETURNED,
            permission=PARAF_OUTGOING,
            label=_("Kembalikan untuk perbaikan"),
        ),
        Transition(
            "signatory_returns",
            OutgoingStatus.AWAITING_SIGNATURE,
            OutgoingStatus.RETURNED,
            permission=SIGN_OUTGOING,
            label=_("Dikembalikan penandatangan"),
        ),
        Transition(
            "sign",
            OutgoingStatus.AWAITING_SIGNATURE,
            OutgoingStatus.SIGNED,
            permission=SIGN_OUTGOING,
            label=_("Tandatangani"),
        ),
        Transition(
            "send",
            OutgoingStatus.SIGNED,
            OutgoingStatus.SENT,
            permission=SEND_OUTGOING,
            label=_("Kirim"),
        ),
        # Only the buku agenda import takes it, right after creating the record: the letter was
        # signed and sent on paper long ago, so it is recorded as sent, with this step in its history.
        Transition(
            "record_from_register",
            OutgoingStatus.DRAFT,
            OutgoingStatus.SENT,
            permission=IMPORT_OUTGOING,
            label=_("Dicatat dari buku agenda lama"),
        ),
    ]


class OutgoingDocumentQuerySet(TenantQuerySet):
    def for_listing(self):
        """Lists never carry the body (it can be long)."""
        return self.defer("body_html")


class OutgoingDocument(WorkflowModel):
    """One outgoing document, from its first draft to its sending."""

    workflow = OutgoingWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=OutgoingStatus.choices, default=OutgoingStatus.DRAFT
    )
    document_type = models.CharField(_("jenis naskah"), max_length=30, choices=OutgoingType.choices)
    subject = models.CharField(_("hal/perihal"), max_length=255)
    classification = models.ForeignKey(
        "records.Classification",
        verbose_name=_("kode klasifikasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    urgency = models.CharField(_("sifat"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    security = models.CharField(
        _("klasifikasi keamanan"), max_length=20, choices=SecurityClass.choices, default=SecurityClass.OPEN
    )
    attachments_note = models.CharField(
        _("lampiran"), max_length=100, blank=True, help_text=_("Misalnya: 1 (satu) berkas. Kosong: -")
    )
    recipient_place = models.CharField(
        _("tempat tujuan (di ...)"), max_length=100, blank=True, help_text=_("Kosong: Tempat")
    )
    body_html = models.TextField(_("isi naskah"), blank=True)

    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengonsep"), on_delete=models.PROTECT, related_name="+"
    )
    drafter_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit pengonsep"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signatory_position = models.ForeignKey(
        Position, verbose_name=_("jabatan penandatangan"), on_delete=models.PROTECT, related_name="+"
    )
    # Counts submissions: the paraf steps of the current round carry this number.
    round = models.PositiveSmallIntegerField(_("putaran paraf"), default=0)
    version = models.PositiveIntegerField(_("versi"), default=0)

    number = models.CharField(_("nomor"), max_length=100, blank=True)
    document_date = models.DateField(_("tanggal naskah"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditandatangani oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_document = models.OneToOneField(
        "core.IssuedDocument",
        verbose_name=_("naskah terbit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replies_to = models.ForeignKey(
        "correspondence.IncomingLetter",
        verbose_name=_("membalas surat masuk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    origin = models.CharField(
        _("asal"), max_length=10, choices=OutgoingOrigin.choices, default=OutgoingOrigin.LONTAR
    )
    # For an imported letter: what the register said that has no field of its own (its row number,
    # the unit that handled it, the remarks column).
    register_note = models.TextField(_("catatan buku agenda"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = OutgoingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("naskah keluar")
        verbose_name_plural = _("naskah keluar")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "-updated_at"], name="outgoing_org_status"),
            models.Index(fields=["drafter", "status"], name="outgoing_drafter_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], condition=~Q(number=""), name="outgoing_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()}: {self.subject}"

    @property
    def is_restricted(self) -> bool:
        return self.security in RESTRICTED_CLASSES

    @property
    def is_editable(self) -> bool:
        return self.status in (OutgoingStatus.DRAFT, OutgoingStatus.RETURNED)

    @property
    def is_imported(self) -> bool:
        """Recorded from the old buku agenda: sent outside Lontar, without an issued PDF."""
        return self.origin == OutgoingOrigin.LEGACY_REGISTER

    @property
    def layout_type(self) -> str:
        return LAYOUT_TYPE[self.document_type]


class RecipientRole(models.TextChoices):
    TO = "to", _("Tujuan (Yth.)")
    COPY = "copy", _("Tembusan")


class DeliveryStatus(models.TextChoices):
    NOT_SENT = "", _("belum dikirim")
    EMAIL_QUEUED = "email_queued", _("menunggu pengiriman surel")
    EMAIL_SENDING = "email_sending", _("surel sedang dikirim")
    EMAILED = "emailed", _("terkirim lewat surel")
    EMAIL_FAILED = "email_failed", _("surel gagal, perlu dicetak")
    TO_PRINT = "to_print", _("dicetak dan dikirim lewat pos/kurir")
    INTERNAL_PENDING = "internal_pending", _("belum masuk kotak masuk kantor tujuan")
    DELIVERED = "delivered", _("diterima kotak masuk kantor tujuan")


class OutgoingRecipient(TenantOwned):
    """An addressee (Yth.) or a copy (tembusan): an office of the deployment, or anyone outside it."""

    document = models.ForeignKey(
        OutgoingDocument, verbose_name=_("naskah"), on_delete=models.CASCADE, related_name="recipients"
    )
    role = models.CharField(
        _("peran"), max_length=10, choices=RecipientRole.choices, default=RecipientRole.TO
    )
    internal_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("kantor tujuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("nama/jabatan tujuan"), max_length=200)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    delivery_status = models.CharField(
        _("status pengiriman"), max_length=20, choices=DeliveryStatus.choices, blank=True, default=""
    )
    delivered_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    last_error = models.CharField(_("galat terakhir"), max_length=500, blank=True)
    # E-mail delivery: attempts made, and when the queued (or stalled) e-mail is due to be tried.
    email_attempts = models.PositiveSmallIntegerField(_("percobaan surel"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["delivery_status", "next_attempt_at"], name="outgoing_email_retry_idx"),
        ]
        verbose_name = _("penerima naskah")
        verbose_name_plural = _("penerima naskah")
        ordering = ["document", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.internal_organisation_id is not None


class ParafStep(TenantOwned):
    """One verifier's turn in one round of the chain. Rounds restart after a return for revision."""

    class State(models.TextChoices):
        WAITING = "waiting", _("menunggu giliran")
        PENDING = "pending", _("menunggu paraf")
        APPROVED = "approved", _("diparaf")
        RETURNED = "returned", _("dikembalikan")
        CANCELLED = "cancelled", _("dibatalkan")

    document = models.ForeignKey(
        OutgoingDocument, verbose_name=_("naskah"), on_delete=models.CASCADE, related_name="paraf_steps"
    )
    round = models.PositiveSmallIntegerField(_("putaran"))
    order = models.PositiveSmallIntegerField(_("urutan"))
    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("keadaan"), max_length=12, choices=State.choices, default=State.WAITING)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # "Plt. Sekretaris Kecamatan": the position as its holder acted that day, frozen as text.
    acted_as = models.CharField(_("sebagai"), max_length=200, blank=True)
    acted_at = models.DateTimeField(_("pada"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versi yang diparaf"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("langkah paraf")
        verbose_name_plural = _("langkah paraf")
        ordering = ["document", "round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "round", "order"], name="paraf_step_unique"),
        ]


class OutgoingVersion(TenantOwned):
    """The document's text as it stood after a save or a submission. Append-only."""

    document = models.ForeignKey(
        OutgoingDocument, verbose_name=_("naskah"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versi"))
    subject = models.CharField(_("hal/perihal"), max_length=255)
    body_html = models.TextField(_("isi naskah"), blank=True)
    details = models.JSONField(_("rincian"), default=dict)
    reason = models.CharField(_("keterangan"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("pada"), default=timezone.now)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi naskah")
        verbose_name_plural = _("versi naskah")
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="outgoing_version_unique")]


class OutgoingComment(TenantOwned):
    """A note in the document's thread: a verifier's reason for returning it, a reply, a remark."""

    document = models.ForeignKey(
        OutgoingDocument, verbose_name=_("naskah"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penulis"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("komentar"))
    version = models.PositiveIntegerField(_("pada versi"), default=0)
    created_at = models.DateTimeField(_("pada"), default=timezone.now)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("komentar naskah")
        verbose_name_plural = _("komentar naskah")
        ordering = ["document", "created_at", "pk"]
