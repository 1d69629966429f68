"""Barang milik daerah held by an office: the code list (deployment-wide reference data), rooms, the
assets of KIB A-F, their movements, stock-taking sessions, maintenance and disposal proposals."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.assets.kinds import KibKind, kind_of_code
from lontar.core.models.organisations import Staff, TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow
from lontar.core.workflow.models import WorkflowModel

# 1, 1.3, 1.3.2, 1.3.2.05, 1.3.2.05.02, 1.3.2.05.02.01, 1.3.2.05.02.01.001 (levels 1-3 one digit,
# levels 4-6 two digits, level 7 three digits).
CODE_RE = re.compile(r"^\d(\.\d(\.\d(\.\d{2}(\.\d{2}(\.\d{2}(\.\d{3})?)?)?)?)?)?$")
code_validator = RegexValidator(
    CODE_RE, _("Kode barang harus berpola 1.3.2.05.02.01.001 (sampai tujuh tingkat).")
)
# An asset is registered under a code of at least the fifth level (rincian objek).
MIN_ASSET_LEVEL = 5


class AssetCodeQuerySet(models.QuerySet):
    def registrable(self):
        return self.filter(is_active=True, level__gte=MIN_ASSET_LEVEL).exclude(kind="")


class AssetCode(models.Model):
    """One code of the Permendagri 108/2016 list (kodefikasi barang). Shared by every office of the
    deployment and kept by the city administrator (import or edit); never deleted, only deactivated."""

    code = models.CharField(_("kode barang"), max_length=20, unique=True, validators=[code_validator])
    title = models.CharField(_("uraian"), max_length=255)
    level = models.PositiveSmallIntegerField(_("tingkat"), editable=False)
    kind = models.CharField(_("KIB"), max_length=1, choices=KibKind.choices, blank=True, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = AssetCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("kode barang")
        verbose_name_plural = _("kode barang")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.level = self.code.count(".") + 1
        self.kind = kind_of_code(self.code)
        super().save(*args, **kwargs)


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


class Room(TenantOwned):
    """A room (ruangan) of the office, with the staff member answerable for what is in it (KIR)."""

    code = models.CharField(_("kode ruangan"), max_length=20)
    name = models.CharField(_("nama ruangan"), max_length=120)
    building = models.CharField(_("gedung/lantai"), max_length=120, blank=True)
    responsible = models.ForeignKey(
        Staff,
        verbose_name=_("penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("ruangan")
        verbose_name_plural = _("ruangan")
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="assets_room_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Condition(models.TextChoices):
    GOOD = "B", _("Baik")
    FAIR = "KB", _("Kurang Baik")
    BROKEN = "RB", _("Rusak Berat")


class Origin(models.TextChoices):
    PURCHASE = "pembelian", _("Pembelian")
    GRANT = "hibah", _("Hibah")
    TRANSFER = "mutasi", _("Mutasi/transfer masuk")
    SELF_HELP = "swadaya", _("Swadaya")
    OTHER = "lainnya", _("Perolehan lain yang sah")


class AssetStatus(models.TextChoices):
    ACTIVE = "aktif", _("Aktif")
    PROPOSED = "diusulkan_hapus", _("Diusulkan dihapus")
    REMOVED = "dihapus", _("Dihapus")


class AssetQuerySet(TenantQuerySet):
    def in_use(self):
        return self.exclude(status=AssetStatus.REMOVED)


class Asset(TenantOwned):
    """One registered item of barang milik daerah. Its KIB follows from its code; the card-specific
    columns live in `details` (see kinds.py). `label` is the random id printed in the QR label."""

    code = models.ForeignKey(
        AssetCode, verbose_name=_("kode barang"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("KIB"), max_length=1, choices=KibKind.choices, editable=False)
    register_number = models.CharField(_("nomor register"), max_length=10)
    name = models.CharField(_("nama barang"), max_length=200)
    brand_type = models.CharField(_("merk/tipe"), max_length=150, blank=True)
    acquisition_year = models.PositiveSmallIntegerField(_("tahun perolehan"))
    acquisition_date = models.DateField(_("tanggal perolehan"), null=True, blank=True)
    value = models.PositiveBigIntegerField(_("nilai perolehan (Rp)"))
    origin = models.CharField(_("asal usul"), max_length=20, choices=Origin.choices, default=Origin.PURCHASE)
    condition = models.CharField(
        _("kondisi"), max_length=2, choices=Condition.choices, default=Condition.GOOD
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("ruangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
    )
    location = models.CharField(_("lokasi"), max_length=255, blank=True)
    holder = models.ForeignKey(
        Staff, verbose_name=_("pemegang"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("keterangan"), blank=True)
    details = models.JSONField(_("rincian KIB"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.ACTIVE
    )
    missing = models.BooleanField(_("tidak ditemukan saat inventarisasi"), default=False)
    label = models.CharField(_("kode label"), max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("aset")
        verbose_name_plural = _("aset")
        ordering = ["organisation", "code__code", "register_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "register_number"], name="assets_asset_unique_register"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "kind", "status"], name="assets_asset_kind_idx"),
            models.Index(fields=["organisation", "room"], name="assets_asset_room_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code.code} · {self.register_number} · {self.name}"

    def clean(self) -> None:
        if self.room_id and self.room.organisation_id != self.organisation_id:
            raise ValidationError({"room": _("Ruangan harus milik kantor yang sama.")})
        if self.holder_id and self.holder.organisation_id != self.organisation_id:
            raise ValidationError({"holder": _("Pemegang harus pegawai kantor yang sama.")})


class MovementKind(models.TextChoices):
    TRANSFER = "mutasi", _("Mutasi ruangan/pemegang")
    STOCKTAKE = "inventarisasi", _("Koreksi hasil inventarisasi")


class AssetMovement(TenantOwned):
    """Where an asset was moved and to whom it was handed (history, never edited)."""

    asset = models.ForeignKey(
        Asset, verbose_name=_("aset"), on_delete=models.PROTECT, related_name="movements"
    )
    kind = models.CharField(
        _("jenis"), max_length=20, choices=MovementKind.choices, default=MovementKind.TRANSFER
    )
    moved_on = models.DateField(_("tanggal"))
    from_room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    from_holder = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_holder = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    handover_file = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("berita acara serah terima"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mutasi aset")
        verbose_name_plural = _("mutasi aset")
        ordering = ["-moved_on", "-recorded_at"]


# --- stock-taking (inventarisasi / sensus) ----------------------------------------------------------


class StockTakeStatus(models.TextChoices):
    OPEN = "berjalan", _("Berjalan")
    CLOSED = "ditutup", _("Ditutup")
    CANCELLED = "dibatalkan", _("Dibatalkan")


class StockTakeWorkflow(Workflow):
    states = StockTakeStatus
    initial = StockTakeStatus.OPEN
    final_states = {StockTakeStatus.CLOSED, StockTakeStatus.CANCELLED}
    transitions = [
        Transition(
            "close", StockTakeStatus.OPEN, StockTakeStatus.CLOSED, "assets.manage_asset", _("Tutup sesi")
        ),
        Transition(
            "cancel",
            StockTakeStatus.OPEN,
            StockTakeStatus.CANCELLED,
            "assets.manage_asset",
            _("Batalkan sesi"),
        ),
    ]


class StockTake(WorkflowModel):
    """A stock-taking session for one room or the whole office."""

    workflow = StockTakeWorkflow
    status = models.CharField(_("status"), max_length=40, choices=StockTakeStatus.choices)
    title = models.CharField(_("judul"), max_length=150)
    room = models.ForeignKey(
        Room,
        verbose_name=_("ruangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosongkan untuk seluruh kantor."),
    )
    started_on = models.DateField(_("tanggal mulai"))
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name=_("berita acara"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inventarisasi")
        verbose_name_plural = _("inventarisasi")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class CheckResult(models.TextChoices):
    PENDING = "belum", _("Belum diperiksa")
    FOUND = "ada", _("Ditemukan")
    NOT_FOUND = "tidak_ada", _("Tidak ditemukan")


class StockTakeItem(TenantOwned):
    """One asset expected in the session, and what the checker found."""

    stock_take = models.ForeignKey(StockTake, on_delete=models.CASCADE, related_name="items")
    asset = models.ForeignKey(Asset, verbose_name=_("aset"), on_delete=models.PROTECT, related_name="+")
    expected_room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    expected_condition = models.CharField(max_length=2, choices=Condition.choices)
    result = models.CharField(
        _("hasil"), max_length=10, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    found_room = models.ForeignKey(
        Room,
        verbose_name=_("ditemukan di"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    found_condition = models.CharField(
        _("kondisi ditemukan"), max_length=2, choices=Condition.choices, blank=True
    )
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    accepted = models.BooleanField(_("terima perubahan"), default=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asset__code__code", "asset__register_number"]
        constraints = [
            models.UniqueConstraint(fields=["stock_take", "asset"], name="assets_stocktake_unique_asset")
        ]

    @property
    def wrong_room(self) -> bool:
        return self.result == CheckResult.FOUND and self.found_room_id != self.expected_room_id

    @property
    def condition_changed(self) -> bool:
        return (
            self.result == CheckResult.FOUND
            and bool(self.found_condition)
            and (self.found_condition != self.expected_condition)
        )

    @property
    def is_discrepancy(self) -> bool:
        return self.result == CheckResult.NOT_FOUND or self.wrong_room or self.condition_changed


# --- maintenance -------------------------------------------------------------------------------------


class MaintenanceStatus(models.TextChoices):
    REPORTED = "dilaporkan", _("Dilaporkan")
    ASSIGNED = "ditugaskan", _("Ditugaskan")
    RESOLVED = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Ditolak")


class MaintenanceWorkflow(Workflow):
    states = MaintenanceStatus
    initial = MaintenanceStatus.REPORTED
    final_states = {MaintenanceStatus.RESOLVED, MaintenanceStatus.REJECTED}
    transitions = [
        Transition(
            "assign",
            [MaintenanceStatus.REPORTED, MaintenanceStatus.ASSIGNED],
            MaintenanceStatus.ASSIGNED,
            "assets.manage_asset",
            _("Tugaskan petugas"),
            deadline_working_days=5,
        ),
        Transition(
            "resolve",
            MaintenanceStatus.ASSIGNED,
            MaintenanceStatus.RESOLVED,
            "assets.handle_maintenance",
            _("Selesaikan"),
        ),
        Transition(
            "reject",
            [MaintenanceStatus.REPORTED, MaintenanceStatus.ASSIGNED],
            MaintenanceStatus.REJECTED,
            "assets.manage_asset",
            _("Tolak laporan"),
        ),
    ]


class MaintenanceRequest(WorkflowModel):
    """A damage report on an asset and the repair work done on it."""

    workflow = MaintenanceWorkflow
    status = models.CharField(_("status"), max_length=40, choices=MaintenanceStatus.choices)
    asset = models.ForeignKey(
        Asset, verbose_name=_("aset"), on_delete=models.PROTECT, related_name="maintenance"
    )
    description = models.TextField(_("kerusakan"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("dilaporkan pada"), default=timezone.now)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    work_done = models.TextField(_("pekerjaan yang dilakukan"), blank=True)
    cost = models.PositiveBigIntegerField(_("biaya (Rp)"), default=0)
    resulting_condition = models.CharField(
        _("kondisi setelah perbaikan"), max_length=2, choices=Condition.choices, blank=True
    )
    resolved_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemeliharaan")
        verbose_name_plural = _("pemeliharaan")
        ordering = ["-reported_at"]


# --- disposal (usulan penghapusan) -------------------------------------------------------------------


class DisposalStatus(models.TextChoices):
    PROPOSED = "diusulkan", _("Diusulkan")
    APPROVED = "disetujui", _("Disetujui")
    REJECTED = "ditolak", _("Ditolak")
    REMOVED = "dihapus", _("Dihapus dari daftar")


class DisposalWorkflow(Workflow):
    states = DisposalStatus
    initial = DisposalStatus.PROPOSED
    final_states = {DisposalStatus.REJECTED, DisposalStatus.REMOVED}
    transitions = [
        Transition(
            "approve",
            DisposalStatus.PROPOSED,
            DisposalStatus.APPROVED,
            "assets.approve_disposal",
            _("Setujui"),
        ),
        Transition(
            "reject", DisposalStatus.PROPOSED, DisposalStatus.REJECTED, "assets.approve_disposal", _("Tolak")
        ),
        Transition(
            "remove",
            DisposalStatus.APPROVED,
            DisposalStatus.REMOVED,
            "assets.manage_asset",
            _("Catat keputusan penghapusan"),
        ),
    ]


class DisposalProposal(WorkflowModel):
    """A proposal to remove assets from the register (usulan penghapusan BMD). Assets are never deleted:
    they become "diusulkan dihapus", then "dihapus" once the decree (SK penghapusan) is recorded."""

    workflow = DisposalWorkflow
    status = models.CharField(_("status"), max_length=40, choices=DisposalStatus.choices)
    reason = models.TextField(_("alasan"))
    proposal_file = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("dokumen usulan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_on = models.DateField(_("tanggal usulan"))
    decision_note = models.CharField(_("catatan keputusan"), max_length=255, blank=True)
    decree_number = models.CharField(_("nomor SK penghapusan"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal SK penghapusan"), null=True, blank=True)
    assets = models.ManyToManyField(Asset, verbose_name=_("aset"), related_name="disposals")

    class Meta:
        verbose_name = _("usulan penghapusan")
        verbose_name_plural = _("usulan penghapusan")
        ordering = ["-proposed_on", "-pk"]
