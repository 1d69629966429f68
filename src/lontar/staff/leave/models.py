"""Leave (cuti) of the office's staff: requests, the opening balances of annual leave, the per-staff
ledger lock row and the office's leave settings (PP 11/2017; Perban BKN 24/2017 as amended by 7/2021).

A request moves through `LeaveWorkflow`: submitted → considered by the direct superior (pertimbangan)
→ decided by the authorised official (the holder of the office's top position, Plt./Plh. included).
The rules of each leave type live in `rules.py`; the annual-leave balance is computed by `ledger.py`
from the approved, pending and deferred requests, the deployment's cuti bersama days and the opening
balances entered by Subbag TU.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

# Actions named by the workflow table (granted in permissions.py).
CONSIDER = "leave.consider_leave"
DECIDE = "leave.decide_leave"
CANCEL = "leave.cancel_leave"
# Taken by the system only (actor=None): skipping the consideration when the superior is the official.
SYSTEM = "leave.system_step"


class LeaveType(models.TextChoices):
    ANNUAL = "tahunan", _("Cuti tahunan")
    LONG_SERVICE = "besar", _("Cuti besar")
    SICK = "sakit", _("Cuti sakit")
    MATERNITY = "melahirkan", _("Cuti melahirkan")
    IMPORTANT_REASON = "alasan_penting", _("Cuti karena alasan penting")
    COLLECTIVE = "bersama", _("Cuti bersama")
    UNPAID = "cltn", _("Cuti di luar tanggungan negara")


class LeaveStatus(models.TextChoices):
    SUBMITTED = "diajukan", _("Menunggu pertimbangan atasan")
    AWAITING_DECISION = "menunggu_keputusan", _("Menunggu keputusan pejabat")
    APPROVED = "disetujui", _("Disetujui")
    DEFERRED = "ditangguhkan", _("Ditangguhkan")
    REJECTED = "ditolak", _("Tidak disetujui")
    CANCELLED = "dibatalkan", _("Dibatalkan")


PENDING_STATUSES = (LeaveStatus.SUBMITTED, LeaveStatus.AWAITING_DECISION)
# Requests that occupy their dates: a second request may not overlap them.
ACTIVE_STATUSES = (*PENDING_STATUSES, LeaveStatus.APPROVED)


class Consideration(models.TextChoices):
    """The direct superior's advice (pertimbangan atasan langsung, Perban BKN 24/2017 form)."""

    AGREE = "disetujui", _("Disetujui")
    CHANGE = "perubahan", _("Perubahan")
    DEFER = "ditangguhkan", _("Ditangguhkan")
    DISAGREE = "tidak_disetujui", _("Tidak disetujui")


class ImportantReason(models.TextChoices):
    """Reasons for cuti karena alasan penting (PP 11/2017 art. 325)."""

    FAMILY_ILL = (
        "keluarga_sakit",
        _("Ibu, bapak, isteri/suami, anak, saudara kandung, mertua, atau menantu sakit keras"),
    )
    FAMILY_DIED = (
        "keluarga_meninggal",
        _("Ibu, bapak, isteri/suami, anak, saudara kandung, mertua, atau menantu meninggal dunia"),
    )
    FAMILY_AFFAIRS = "urusan_hak_keluarga", _("Mengurus hak-hak anggota keluarga yang meninggal dunia")
    FIRST_MARRIAGE = "perkawinan_pertama", _("Melangsungkan perkawinan yang pertama")
    SPOUSE_BIRTH = "istri_melahirkan", _("Isteri melahirkan atau operasi caesar")
    DISASTER = "bencana", _("Mengalami musibah kebakaran rumah atau bencana alam")
    MENTAL_RECOVERY = "pemulihan_psikologis", _("Pemulihan psikologis (pasca musibah)")
    OTHER = "lainnya", _("Alasan penting lain yang diterangkan")


class LeaveRequestQuerySet(TenantQuerySet):
    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class LeaveWorkflow(Workflow):
    """submitted → awaiting decision (the superior's consideration, or skipped by the system when the
    superior is the official) → approved / approved with changes / deferred / rejected; the requester
    cancels before the decision."""

    states = LeaveStatus
    initial = LeaveStatus.SUBMITTED
    final_states = {LeaveStatus.APPROVED, LeaveStatus.DEFERRED, LeaveStatus.REJECTED, LeaveStatus.CANCELLED}
    transitions = [
        Transition(
            "consider",
            LeaveStatus.SUBMITTED,
            LeaveStatus.AWAITING_DECISION,
            permission=CONSIDER,
            label=_("Beri pertimbangan"),
        ),
        Transition(
            "skip_consideration",
            LeaveStatus.SUBMITTED,
            LeaveStatus.AWAITING_DECISION,
            permission=SYSTEM,
            label=_("Langsung kepada pejabat yang berwenang"),
        ),
        Transition(
            "approve",
            LeaveStatus.AWAITING_DECISION,
            LeaveStatus.APPROVED,
            permission=DECIDE,
            label=_("Setujui"),
        ),
        Transition(
            "approve_changed",
            LeaveStatus.AWAITING_DECISION,
            LeaveStatus.APPROVED,
            permission=DECIDE,
            label=_("Setujui dengan perubahan tanggal"),
        ),
        Transition(
            "defer",
            LeaveStatus.AWAITING_DECISION,
            LeaveStatus.DEFERRED,
            permission=DECIDE,
            label=_("Tangguhkan"),
        ),
        Transition(
            "reject",
            LeaveStatus.AWAITING_DECISION,
            LeaveStatus.REJECTED,
            permission=DECIDE,
            label=_("Tidak disetujui"),
        ),
        Transition(
            "cancel",
            [LeaveStatus.SUBMITTED, LeaveStatus.AWAITING_DECISION],
            LeaveStatus.CANCELLED,
            permission=CANCEL,
            label=_("Batalkan"),
        ),
    ]


class LeaveRequest(WorkflowModel):
    """One request for leave (permintaan dan pemberian cuti) by one staff member."""

    workflow = LeaveWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=LeaveStatus.choices, default=LeaveStatus.SUBMITTED
    )
    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="leave_requests"
    )
    leave_type = models.CharField(_("jenis cuti"), max_length=20, choices=LeaveType.choices)
    start_date = models.DateField(_("mulai tanggal"))
    end_date = models.DateField(_("sampai dengan tanggal"))
    # Requested dates, kept when the official approves with other dates ("perubahan").
    requested_start = models.DateField(_("tanggal mulai yang diminta"))
    requested_end = models.DateField(_("tanggal selesai yang diminta"))
    working_days = models.PositiveIntegerField(_("jumlah hari kerja"))
    calendar_days = models.PositiveIntegerField(_("jumlah hari kalender"))
    reason = models.TextField(_("alasan cuti"))
    important_reason = models.CharField(
        _("alasan penting"), max_length=30, choices=ImportantReason.choices, blank=True
    )
    child_order = models.PositiveSmallIntegerField(
        _("kelahiran anak ke-"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    address_during_leave = models.CharField(_("alamat selama cuti"), max_length=255)
    phone_during_leave = models.CharField(_("telepon selama cuti"), max_length=30, blank=True)
    extends = models.ForeignKey(
        "self",
        verbose_name=_("perpanjangan dari"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extensions",
    )
    warnings = models.JSONField(_("catatan pemeriksaan"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diajukan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    # Who considers and who decides, fixed when the request is submitted: the positions, so that a
    # Plt./Plh. appointed later acts in them, and the person who held them then.
    superior = models.ForeignKey(
        "core.Staff",
        verbose_name=_("atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    superior_position = models.ForeignKey(
        "core.Position",
        verbose_name=_("jabatan atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    official_position = models.ForeignKey(
        "core.Position",
        verbose_name=_("jabatan pejabat yang berwenang"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    consideration = models.CharField(
        _("pertimbangan atasan"), max_length=20, choices=Consideration.choices, blank=True
    )
    consideration_note = models.TextField(_("catatan pertimbangan"), blank=True)
    considered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dipertimbangkan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    considered_at = models.DateTimeField(_("dipertimbangkan pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    letter = models.OneToOneField(
        "core.IssuedDocument",
        verbose_name=_("surat izin cuti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = LeaveRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("permintaan cuti")
        verbose_name_plural = _("permintaan cuti")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="leave_org_status_idx"),
            models.Index(fields=["staff", "start_date"], name="leave_staff_start_idx"),
            models.Index(fields=["organisation", "start_date", "end_date"], name="leave_org_dates_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="leave_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_leave_type_display()} {self.staff.full_name} {self.start_date:%d-%m-%Y}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def dates_changed(self) -> bool:
        return (self.start_date, self.end_date) != (self.requested_start, self.requested_end)


class LeaveAttachment(TenantOwned):
    """A document supporting a request: a doctor's note, a death certificate, a disaster statement."""

    request = models.ForeignKey(
        LeaveRequest, verbose_name=_("permintaan cuti"), on_delete=models.CASCADE, related_name="attachments"
    )
    stored_file = models.ForeignKey(
        "core.StoredFile", verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lampiran cuti")
        verbose_name_plural = _("lampiran cuti")
        ordering = ["id"]


class LeaveAccount(TenantOwned):
    """One row per staff member, locked (SELECT … FOR UPDATE) by every change that spends or reserves
    leave, so two approvals or submissions at once cannot spend the same days."""

    staff = models.OneToOneField(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="leave_account"
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("rekening cuti")
        verbose_name_plural = _("rekening cuti")


class OpeningBalance(TenantOwned):
    """The annual leave a staff member still had when the office started keeping leave in Lontar, taken
    over from the paper card: the days left of year N-1 and of year N-2, at the start of `year`."""

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="leave_openings"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    remaining_previous = models.PositiveSmallIntegerField(
        _("sisa cuti tahun N-1"), validators=[MaxValueValidator(6)]
    )
    remaining_before_previous = models.PositiveSmallIntegerField(
        _("sisa cuti tahun N-2"), validators=[MaxValueValidator(6)]
    )
    note = models.CharField(_("keterangan"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    class Meta:
        verbose_name = _("saldo awal cuti tahunan")
        verbose_name_plural = _("saldo awal cuti tahunan")
        ordering = ["staff__full_name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="leave_opening_unique_per_year"),
        ]


class LeaveSettings(TenantOwned):
    """Per-office leave settings: the archive classification (KKA) of each leave letter, since codes
    are data (REFERENCE §2), the share of a unit that may be away at once before a warning, and the
    first year whose annual leave Lontar keeps (earlier years come in only as opening balances)."""

    code_annual = models.CharField(_("kode klasifikasi cuti tahunan"), max_length=30, default="800.1.11.2")
    code_long_service = models.CharField(
        _("kode klasifikasi cuti besar"), max_length=30, default="800.1.11.3"
    )
    code_sick = models.CharField(_("kode klasifikasi cuti sakit"), max_length=30, default="800.1.11.4")
    code_maternity = models.CharField(
        _("kode klasifikasi cuti melahirkan"), max_length=30, default="800.1.11.5"
    )
    code_important_reason = models.CharField(
        _("kode klasifikasi cuti karena alasan penting"), max_length=30, default="800.1.11.6"
    )
    code_unpaid = models.CharField(_("kode klasifikasi CLTN"), max_length=30, default="800.1.11.7")
    away_warning_percent = models.PositiveSmallIntegerField(
        _("batas pegawai satu unit yang cuti bersamaan (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    ledger_start_year = models.PositiveSmallIntegerField(
        _("tahun mulai pencatatan cuti di Lontar"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan cuti")
        verbose_name_plural = _("pengaturan cuti")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="leave_settings_one_per_office"),
        ]
