"""Complaints, suggestions and questions (pengaduan, saran dan masukan) of one office.

A complaint is filed on the portal, at the counter, by an officer for a caller, through the Open311 API,
or comes from a satisfaction survey's open answer (kind "saran"). It has a readable, non-sequential
tracking number and a secret shown once to the reporter (only its HMAC is stored, see `numbers.py`).

Status changes go through `lontar.core.workflow` (ComplaintWorkflow below) with the SP4N-LAPOR! clock
(PermenPANRB 3/2015; REFERENCE §4), counted in working days:

* on receipt `due_date` = 3 working days to verify and forward;
* forwarding to the responsible unit sets 5 working days to follow up with a public response;
* resolving sets `due_date` to the end of the reporter's 10 working days: without a reply (a re-open)
  by then the complaint closes automatically (`remind_complaints`).

While the office holds the complaint (OFFICE_CLOCK) a passed due date escalates it to the head of
office. In RESOLVED the due date belongs to the reporter, so it never counts as overdue for the office.

Identity: an anonymous complaint stores no identity at all; a confidential one stores it but shows it
only to the assigned handler (`selectors/identity.py` is the one place that decides).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

# Actions (granted in permissions.py); kept here because the workflow table names them.
VERIFY = "complaints.verify_complaint"
HANDLE = "complaints.handle_complaint"
# Taken only by the reporter (actor=None, proven by the secret) or the system: no role holds it.
REPORTER = "complaints.reporter_action"

# SP4N-LAPOR! practice, in working days.
VERIFY_AND_FORWARD_DAYS = 3
FOLLOW_UP_DAYS = 5
AUTO_CLOSE_DAYS = 10


class ComplaintStatus(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    VERIFIED = "diverifikasi", _("Diverifikasi")
    FORWARDED = "diteruskan", _("Diteruskan ke unit")
    IN_FOLLOW_UP = "ditindaklanjuti", _("Sedang ditindaklanjuti")
    RESOLVED = "selesai", _("Selesai ditanggapi")
    CLOSED = "ditutup", _("Ditutup")
    REJECTED = "ditolak", _("Ditolak")


# States in which the office owes the next step (its deadline can pass and escalate).
OFFICE_CLOCK = (
    ComplaintStatus.RECEIVED,
    ComplaintStatus.VERIFIED,
    ComplaintStatus.FORWARDED,
    ComplaintStatus.IN_FOLLOW_UP,
)
OPEN_STATUSES = (*OFFICE_CLOCK, ComplaintStatus.RESOLVED)
DONE_STATUSES = (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)


class ComplaintWorkflow(Workflow):
    """received → verified → forwarded → in follow-up → resolved → closed; rejected (with a reason)
    from received or verified; the reporter re-opens a resolved complaint (→ in follow-up)."""

    states = ComplaintStatus
    initial = ComplaintStatus.RECEIVED
    final_states = {ComplaintStatus.CLOSED, ComplaintStatus.REJECTED}
    transitions = [
        Transition(
            "verify",
            ComplaintStatus.RECEIVED,
            ComplaintStatus.VERIFIED,
            permission=VERIFY,
            label=_("Verifikasi"),
        ),
        Transition(
            "forward",
            ComplaintStatus.VERIFIED,
            ComplaintStatus.FORWARDED,
            permission=VERIFY,
            label=_("Teruskan ke unit"),
            deadline_working_days=FOLLOW_UP_DAYS,
        ),
        Transition(
            "start_follow_up",
            ComplaintStatus.FORWARDED,
            ComplaintStatus.IN_FOLLOW_UP,
            permission=HANDLE,
            label=_("Mulai tindak lanjut"),
        ),
        Transition(
            "resolve",
            [ComplaintStatus.FORWARDED, ComplaintStatus.IN_FOLLOW_UP],
            ComplaintStatus.RESOLVED,
            permission=HANDLE,
            label=_("Nyatakan selesai"),
            deadline_working_days=AUTO_CLOSE_DAYS,
        ),
        Transition(
            "reopen",
            ComplaintStatus.RESOLVED,
            ComplaintStatus.IN_FOLLOW_UP,
            permission=REPORTER,
            label=_("Buka kembali"),
            deadline_working_days=FOLLOW_UP_DAYS,
        ),
        Transition(
            "close", ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, permission=HANDLE, label=_("Tutup")
        ),
        Transition(
            "reject",
            [ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED],
            ComplaintStatus.REJECTED,
            permission=VERIFY,
            label=_("Tolak"),
        ),
    ]


class ComplaintKind(models.TextChoices):
    COMPLAINT = "pengaduan", _("Pengaduan")
    SUGGESTION = "saran", _("Saran/masukan")
    QUESTION = "pertanyaan", _("Pertanyaan")


class ComplaintChannel(models.TextChoices):
    PORTAL = "portal", _("Portal warga")
    COUNTER = "loket", _("Loket")
    PHONE = "telepon", _("Telepon/dicatat petugas")
    OPEN311 = "open311", _("Open311 API")
    SURVEY = "survei", _("Survei kepuasan")


class ComplaintCategoryQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(is_active=True)


class ComplaintCategory(TenantOwned):
    """What a complaint is about, and the unit it goes to. `code` is the Open311 service_code."""

    name = models.CharField(_("nama"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    code = models.SlugField(_("kode"), max_length=60)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    keywords = models.CharField(
        _("kata kunci"), max_length=300, blank=True, help_text=_("Dipisah koma; membantu pencarian.")
    )

    objects = ComplaintCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="complaint_category_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ComplaintQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Complaint(WorkflowModel):
    workflow = ComplaintWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    number = models.CharField(_("nomor pengaduan"), max_length=30, unique=True)
    secret_hash = models.CharField(_("sidik kode rahasia"), max_length=64)
    kind = models.CharField(
        _("jenis"), max_length=12, choices=ComplaintKind.choices, default=ComplaintKind.COMPLAINT
    )
    channel = models.CharField(_("kanal"), max_length=10, choices=ComplaintChannel.choices)
    category = models.ForeignKey(
        ComplaintCategory,
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit tujuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    service_name = models.CharField(_("layanan terkait"), max_length=200, blank=True)
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    address = models.CharField(_("alamat lokasi"), max_length=300, blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_anonymous = models.BooleanField(_("anonim"), default=False)
    is_confidential = models.BooleanField(_("identitas dirahasiakan"), default=False)
    reporter_name = models.CharField(_("nama pelapor"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("telepon pelapor"), max_length=30, blank=True)
    reporter_email = models.EmailField(_("surel pelapor"), blank=True)
    reporter_nik = models.CharField(_("NIK pelapor"), max_length=16, blank=True)
    submit_key = models.CharField(_("kunci pengajuan"), max_length=64, null=True, blank=True, unique=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas penanganan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_complaints",
    )
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    # Escalation to the head of office: by the deadline job (escalated_by empty) or by hand.
    escalated_at = models.DateTimeField(_("dieskalasi pada"), null=True, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dieskalasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    escalation_reason = models.TextField(_("alasan eskalasi"), blank=True)
    escalation_decision = models.TextField(_("arahan pimpinan"), blank=True)
    escalation_decided_at = models.DateTimeField(_("arahan pada"), null=True, blank=True)
    # The due date the last reminder / automatic escalation was for: each deadline is reminded and
    # escalated once, a new deadline (after forwarding or a re-open) again.
    reminded_for = models.DateField(_("pengingat untuk tenggat"), null=True, blank=True)
    escalated_for = models.DateField(_("eskalasi untuk tenggat"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("penilaian"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("komentar penilaian"), blank=True)
    rated_at = models.DateTimeField(_("dinilai pada"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("dibuka kembali"), default=0)
    public_summary = models.TextField(_("ringkasan untuk publik"), blank=True)
    publish = models.BooleanField(_("tampilkan di daftar publik"), default=False)
    received_at = models.DateTimeField(_("diterima pada"), db_index=True)
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("diteruskan pada"), null=True, blank=True)
    responded_at = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    last_reporter_reply_at = models.DateTimeField(_("balasan pelapor terakhir"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_date"], name="complaint_due_idx"),
            models.Index(fields=["organisation", "received_at", "id"], name="complaint_inbox_idx"),
            models.Index(fields=["publish", "status", "resolved_at"], name="complaint_public_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(is_anonymous=True) & models.Q(is_confidential=True)),
                name="complaint_anonymous_or_confidential",
            ),
            models.CheckConstraint(
                condition=~models.Q(is_anonymous=True)
                | (
                    models.Q(reporter_name="")
                    & models.Q(reporter_phone="")
                    & models.Q(reporter_email="")
                    & models.Q(reporter_nik="")
                ),
                name="complaint_anonymous_stores_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class MessageKind(models.TextChoices):
    TO_REPORTER = "ke_pelapor", _("Tanggapan kepada pelapor")
    FROM_REPORTER = "dari_pelapor", _("Balasan pelapor")
    INTERNAL = "internal", _("Catatan internal")


PUBLIC_MESSAGE_KINDS = (MessageKind.TO_REPORTER, MessageKind.FROM_REPORTER)


class ComplaintMessage(models.Model):
    """Public responses (shown on the tracking page), the reporter's replies, and internal notes
    (never shown outside the office)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("jenis"), max_length=16, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("isi"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("pesan pengaduan")
        verbose_name_plural = _("pesan pengaduan")
        ordering = ["complaint", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class ComplaintAttachment(models.Model):
    """A validated upload (`lontar.core.files`) given with a complaint or a reporter's reply."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        ComplaintMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    stored_file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran pengaduan")
        verbose_name_plural = _("lampiran pengaduan")
        ordering = ["complaint", "uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.stored_file_id}"
