"""Applications (permohonan layanan): one request from one citizen, online or at the counter.

The registration number is readable but not sequential (`numbers.new_registration_number`); the
tracking secret is shown once to the applicant and stored only as a hash. Status changes go through
`lontar.core.workflow` (ApplicationWorkflow below), so each has its history row and audit event.

The clock: `due_date` is set on submission to the standard's working days. While the citizen corrects
the application the clock stops (`paused_since`); on resubmission the due date moves by the working
days the correction took, and those days are added to `paused_working_days`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

# Actions (granted in permissions.py); kept here because the workflow table names them.
PROCESS = "public_services.process_application"
SIGN_RESULT = "public_services.sign_result"
HAND_OVER = "public_services.hand_over_result"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draf", _("Draf (belum diajukan)")
    SUBMITTED = "diajukan", _("Diajukan, menunggu pemeriksaan")
    VERIFYING = "diperiksa", _("Sedang diperiksa")
    NEEDS_CORRECTION = "perbaikan", _("Perlu perbaikan oleh pemohon")
    PROCESSING = "diproses", _("Sedang diproses")
    AWAITING_SIGNATURE = "menunggu_ttd", _("Menunggu tanda tangan")
    READY = "selesai", _("Selesai, hasil siap")
    PICKED_UP = "diambil", _("Hasil sudah diambil")
    REJECTED = "ditolak", _("Ditolak")
    CANCELLED = "dibatalkan", _("Dibatalkan")


OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.VERIFYING,
    ApplicationStatus.NEEDS_CORRECTION,
    ApplicationStatus.PROCESSING,
    ApplicationStatus.AWAITING_SIGNATURE,
)
# Statuses in which the office is working (the clock runs); NEEDS_CORRECTION waits for the citizen.
CLOCK_RUNNING = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.VERIFYING,
    ApplicationStatus.PROCESSING,
    ApplicationStatus.AWAITING_SIGNATURE,
)
DONE_STATUSES = (ApplicationStatus.READY, ApplicationStatus.PICKED_UP)


def _standard_days(application) -> int:
    return application.standard.processing_days


class ApplicationWorkflow(Workflow):
    """Submitted → verifying → (needs correction ⇄) processing → awaiting signature → ready → picked up;
    rejected with a reason from any open state; cancelled only before the office starts (REFERENCE §4).
    Transitions with permission "" are the applicant's and are taken with `actor=None`."""

    states = ApplicationStatus
    initial = ApplicationStatus.DRAFT
    final_states = {ApplicationStatus.PICKED_UP, ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED}
    transitions = [
        Transition(
            "submit",
            ApplicationStatus.DRAFT,
            ApplicationStatus.SUBMITTED,
            permission=PROCESS,
            label=_("Ajukan"),
            deadline_working_days=_standard_days,
        ),
        Transition(
            "start_verification",
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.VERIFYING,
            permission=PROCESS,
            label=_("Mulai periksa"),
        ),
        Transition(
            "request_correction",
            [ApplicationStatus.VERIFYING, ApplicationStatus.PROCESSING],
            ApplicationStatus.NEEDS_CORRECTION,
            permission=PROCESS,
            label=_("Minta perbaikan"),
        ),
        Transition(
            "resubmit",
            ApplicationStatus.NEEDS_CORRECTION,
            ApplicationStatus.VERIFYING,
            permission=PROCESS,
            label=_("Kirim perbaikan"),
        ),
        Transition(
            "accept",
            ApplicationStatus.VERIFYING,
            ApplicationStatus.PROCESSING,
            permission=PROCESS,
            label=_("Berkas lengkap, proses"),
        ),
        Transition(
            "request_signature",
            ApplicationStatus.PROCESSING,
            ApplicationStatus.AWAITING_SIGNATURE,
            permission=PROCESS,
            label=_("Ajukan tanda tangan"),
        ),
        Transition(
            "return_for_revision",
            ApplicationStatus.AWAITING_SIGNATURE,
            ApplicationStatus.PROCESSING,
            permission=SIGN_RESULT,
            label=_("Kembalikan untuk diperbaiki"),
        ),
        Transition(
            "sign",
            ApplicationStatus.AWAITING_SIGNATURE,
            ApplicationStatus.READY,
            permission=SIGN_RESULT,
            label=_("Tanda tangani hasil"),
        ),
        Transition(
            "complete",
            ApplicationStatus.PROCESSING,
            ApplicationStatus.READY,
            permission=PROCESS,
            label=_("Nyatakan selesai (tanpa naskah)"),
        ),
        Transition(
            "hand_over",
            ApplicationStatus.READY,
            ApplicationStatus.PICKED_UP,
            permission=HAND_OVER,
            label=_("Serahkan hasil"),
        ),
        Transition(
            "reject",
            [
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.VERIFYING,
                ApplicationStatus.NEEDS_CORRECTION,
                ApplicationStatus.PROCESSING,
            ],
            ApplicationStatus.REJECTED,
            permission=PROCESS,
            label=_("Tolak"),
        ),
        Transition(
            "cancel",
            [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED],
            ApplicationStatus.CANCELLED,
            permission=PROCESS,
            label=_("Batalkan"),
        ),
    ]


class Channel(models.TextChoices):
    ONLINE = "daring", _("Daring (portal)")
    COUNTER = "loket", _("Loket")


class ApplicationQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Application(WorkflowModel):
    workflow = ApplicationWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    service = models.ForeignKey(
        "public_services.Service",
        verbose_name=_("layanan"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    standard = models.ForeignKey(
        "public_services.ServiceStandard",
        verbose_name=_("standar yang berlaku"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    number = models.CharField(_("nomor registrasi"), max_length=30, unique=True)
    secret_hash = models.CharField(_("sidik kode rahasia"), max_length=64)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    applicant_name = models.CharField(_("nama pemohon"), max_length=200)
    applicant_nik = models.CharField(_("NIK pemohon"), max_length=16, blank=True)
    applicant_phone = models.CharField(_("telepon pemohon"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("surel pemohon"), blank=True)
    applicant_address = models.TextField(_("alamat pemohon"), blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun pemohon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_applications",
    )
    contact_verified_at = models.DateTimeField(_("kontak terverifikasi pada"), null=True, blank=True)
    data = models.JSONField(_("isian formulir"), default=dict, blank=True)
    submit_key = models.CharField(
        _("kunci pengajuan"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Satu kunci per formulir: menekan Ajukan dua kali tetap menghasilkan satu permohonan."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh (loket)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    paused_since = models.DateField(_("jam berhenti sejak"), null=True, blank=True)
    paused_working_days = models.PositiveSmallIntegerField(_("hari kerja berhenti"), default=0)
    completed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    completed_working_days = models.PositiveSmallIntegerField(
        _("lama penyelesaian (hari kerja)"), null=True, blank=True
    )
    on_time = models.BooleanField(_("tepat waktu"), null=True, blank=True)
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    result_document = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name=_("naskah hasil"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    picked_up_at = models.DateTimeField(_("diambil pada"), null=True, blank=True)
    picked_up_by = models.CharField(_("diambil oleh"), max_length=200, blank=True)
    reminded_at = models.DateTimeField(_("pengingat terkirim"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("dieskalasi pada"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("permohonan layanan")
        verbose_name_plural = _("permohonan layanan")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The queue: open applications of one service, oldest submission first.
            models.Index(fields=["service", "status", "submitted_at"], name="application_queue_idx"),
            models.Index(fields=["organisation", "status", "due_date"], name="application_due_idx"),
            models.Index(fields=["organisation", "completed_at"], name="application_completed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.service}"


class ApplicationUpload(models.Model):
    """A file given for one requirement. A correction adds a newer upload; older ones stay, superseded."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="uploads")
    requirement = models.ForeignKey(
        "public_services.Requirement",
        verbose_name=_("persyaratan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    stored_file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("diganti pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("unggahan persyaratan")
        verbose_name_plural = _("unggahan persyaratan")
        ordering = ["application", "requirement__order", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.requirement_id}"


class MessageKind(models.TextChoices):
    TO_APPLICANT = "ke_pemohon", _("Pesan kepada pemohon")
    FROM_APPLICANT = "dari_pemohon", _("Pesan dari pemohon")
    INTERNAL = "internal", _("Catatan internal")


class ApplicationMessage(models.Model):
    """Messages with the applicant and internal notes. Internal notes never leave the office."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("jenis"), max_length=16, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("isi"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("pesan permohonan")
        verbose_name_plural = _("pesan permohonan")
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class QueueDeviation(models.Model):
    """An application handled before older ones of the same service: who, which, why (FIFO rule)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="queue_deviations")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    skipped = models.PositiveIntegerField(_("jumlah permohonan lebih lama yang dilewati"))
    reason = models.TextField(_("alasan"))
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("penanganan di luar urutan")
        verbose_name_plural = _("penanganan di luar urutan")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reason[:60]}"


class ContactChannel(models.TextChoices):
    EMAIL = "surel", _("Surel")
    PHONE = "telepon", _("Telepon (SMS/WhatsApp)")


class ContactVerification(models.Model):
    """A one-time code sent to an applicant's e-mail or phone before an application without an account
    is accepted. Only the code's hash is stored; attempts are limited."""

    channel = models.CharField(_("kanal"), max_length=10, choices=ContactChannel.choices)
    address = models.CharField(_("alamat/nomor"), max_length=254)
    code_hash = models.CharField(max_length=64)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verifikasi kontak")
        verbose_name_plural = _("verifikasi kontak")
        indexes = [models.Index(fields=["address", "created_at"], name="contact_verification_addr_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.created_at:%Y-%m-%d %H:%M}"
