"""Dispositions (disposisi): who passed an incoming letter to whom, with what instruction, by when.

A disposition goes from the person who holds the letter (the head first, then each recipient) to one
recipient; several recipients are several rows sent together. A re-disposition points at the
disposition it passes on (`parent`), so a letter's dispositions form a tree. A disposition to a unit is
addressed to whoever acts as that unit's head on the day (Plt./Plh. included); the unit is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

# Seeded for an office the first time its list is needed; the office edits its own copy.
DEFAULT_INSTRUCTIONS = (
    _("Untuk diketahui"),
    _("Untuk ditindaklanjuti"),
    _("Untuk dipelajari dan saran"),
    _("Hadiri/wakili"),
    _("Siapkan jawaban"),
    _("Koordinasikan"),
    _("Untuk diproses sesuai ketentuan"),
    _("Bicarakan dengan saya"),
    _("Arsipkan"),
)


class DispositionInstruction(TenantOwned):
    """One line of an office's instruction list (the check boxes of its lembar disposisi)."""

    text = models.CharField(_("instruksi"), max_length=150)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("instruksi disposisi")
        verbose_name_plural = _("instruksi disposisi")
        ordering = ["organisation", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "text"], name="disposition_instruction_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class DispositionStatus(models.TextChoices):
    SENT = "terkirim", _("belum dibaca")
    READ = "dibaca", _("dibaca")
    REPORTED = "dilaporkan", _("dilaporkan selesai")
    DONE = "selesai", _("selesai")
    WITHDRAWN = "ditarik", _("ditarik")


OPEN_DISPOSITION_STATES = (DispositionStatus.SENT, DispositionStatus.READ, DispositionStatus.REPORTED)

RECEIVE = "correspondence.receive_disposition"
MANAGE_SENT = "correspondence.manage_sent_disposition"


class DispositionWorkflow(Workflow):
    states = DispositionStatus
    initial = DispositionStatus.SENT
    final_states = {DispositionStatus.DONE, DispositionStatus.WITHDRAWN}
    transitions = [
        Transition(
            "open", DispositionStatus.SENT, DispositionStatus.READ, permission=RECEIVE, label=_("Baca")
        ),
        Transition(
            "withdraw",
            DispositionStatus.SENT,
            DispositionStatus.WITHDRAWN,
            permission=MANAGE_SENT,
            label=_("Tarik disposisi"),
        ),
        Transition(
            "report_done",
            DispositionStatus.READ,
            DispositionStatus.REPORTED,
            permission=RECEIVE,
            label=_("Laporkan selesai"),
        ),
        Transition(
            "complete",
            [DispositionStatus.READ, DispositionStatus.REPORTED],
            DispositionStatus.DONE,
            permission=MANAGE_SENT,
            label=_("Nyatakan selesai"),
        ),
        Transition(
            "return",
            DispositionStatus.REPORTED,
            DispositionStatus.READ,
            permission=MANAGE_SENT,
            label=_("Kembalikan untuk dilengkapi"),
        ),
    ]


class DispositionQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_DISPOSITION_STATES)

    def live(self):
        """Dispositions that still put their recipient in the letter's chain."""
        return self.exclude(status=DispositionStatus.WITHDRAWN)


class Disposition(WorkflowModel):
    workflow = DispositionWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=DispositionStatus.choices, default=DispositionStatus.SENT
    )
    letter = models.ForeignKey(
        "correspondence.IncomingLetter",
        verbose_name=_("surat masuk"),
        on_delete=models.PROTECT,
        related_name="dispositions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("disposisi asal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dari"), on_delete=models.PROTECT, related_name="+"
    )
    sender_label = models.CharField(_("dari (jabatan)"), max_length=250)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("kepada"), on_delete=models.PROTECT, related_name="+"
    )
    recipient_label = models.CharField(_("kepada (jabatan)"), max_length=250)
    recipient_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit tujuan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    instructions = models.ManyToManyField(
        DispositionInstruction, verbose_name=_("instruksi"), blank=True, related_name="+"
    )
    # The instruction texts as sent, so editing the office's list never rewrites a disposition.
    instruction_texts = models.JSONField(_("instruksi (teks)"), default=list, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    sent_at = models.DateTimeField(_("dikirim pada"))
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("diingatkan pada"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("dieskalasi pada"), null=True, blank=True)

    objects = DispositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["recipient", "status", "due_date"], name="disposition_inbox_idx"),
            models.Index(fields=["sender", "status"], name="disposition_sent_idx"),
            models.Index(fields=["status", "due_date"], name="disposition_deadline_idx"),
            # The chain test of restricted letters (`access_incoming.chain_q`) looks up the letters a
            # user sent or received a disposition for: answered from these indexes alone.
            models.Index(fields=["sender", "letter"], name="disposition_chain_send_idx"),
            models.Index(
                fields=["recipient", "letter"], include=["status"], name="disposition_chain_recip_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_label} → {self.recipient_label}"

    def get_absolute_url(self) -> str:
        return reverse("correspondence:incoming_detail", args=[self.letter_id]) + f"#disposisi-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DISPOSITION_STATES


class DispositionReport(TenantOwned):
    """A follow-up report (laporan tindak lanjut) by the recipient; attachments are stored files."""

    disposition = models.ForeignKey(
        Disposition, verbose_name=_("disposisi"), on_delete=models.PROTECT, related_name="reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pelapor"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("laporan"))
    created_at = models.DateTimeField(_("dilaporkan pada"))

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan tindak lanjut")
        verbose_name_plural = _("laporan tindak lanjut")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
