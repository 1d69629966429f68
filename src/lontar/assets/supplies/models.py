"""Office supplies (persediaan ATK): items, receipts, requests from units, issues and the stock card.

Stock changes only through `services`, each as one `Movement` row that carries the running balance
(quantity and value) after it, so the stock card (kartu persediaan) is a plain ordered read and the
monthly report's closing balance equals its opening plus movements, exactly.

* Stock never goes negative: every movement locks the item row (`select_for_update`; on SQLite every
  transaction takes the write lock at BEGIN), re-reads the stock and refuses a shortfall; the database
  also checks `stock >= 0` (`supply_item_stock_not_negative`).
* Valuation: moving weighted average in whole rupiah. A receipt adds quantity x unit price; an issue
  takes the average of what is in stock, rounded half up, and the last unit out takes whatever value
  remains, so the stock value never drifts from the sum of the movements.
* Dates: a movement is dated on or after the item's last movement and not after the office's today,
  so the stock card read by date is the order in which balances were computed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

APPROVE = "supplies.approve_request"
ISSUE = "supplies.manage_stock"
CANCEL = "supplies.cancel_request"


class Store(TenantOwned):
    """The supplies settings of one office: which unit keeps the store (usually Subbag Umum/TU)."""

    keeper_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pengelola persediaan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Kepala dan staf unit ini mencatat penerimaan, penyerahan dan stock opname; "
            "tanpa unit, hanya Camat/Sekcam dan administrator."
        ),
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaturan persediaan")
        verbose_name_plural = _("pengaturan persediaan")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="supply_store_one_per_office")]

    def __str__(self) -> str:
        return str(_("Persediaan %(office)s") % {"office": self.organisation})


class ItemQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def below_minimum(self):
        return self.filter(is_active=True, stock__lt=F("minimum_stock"))


class Item(TenantOwned):
    """One kind of supply (kertas HVS A4, tinta printer ...), with its current stock and value."""

    code = models.CharField(_("kode barang"), max_length=40)
    name = models.CharField(_("nama barang"), max_length=150)
    category = models.CharField(
        _("kategori"), max_length=80, help_text=_("Misalnya Kertas, Alat tulis, Tinta.")
    )
    unit_of_measure = models.CharField(_("satuan"), max_length=30, help_text=_("Misalnya rim, buah, kotak."))
    minimum_stock = models.PositiveIntegerField(_("stok minimum"), default=0)
    stock = models.IntegerField(_("stok"), default=0, editable=False)
    stock_value = models.BigIntegerField(_("nilai stok (Rp)"), default=0, editable=False)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("barang persediaan")
        verbose_name_plural = _("barang persediaan")
        ordering = ["organisation", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="supply_item_code_unique"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="supply_item_stock_not_negative"),
            models.CheckConstraint(condition=Q(stock_value__gte=0), name="supply_item_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit_of_measure})"

    @property
    def is_below_minimum(self) -> bool:
        return self.stock < self.minimum_stock

    @property
    def average_price(self) -> int:
        return round(self.stock_value / self.stock) if self.stock else 0


class Receipt(TenantOwned):
    """Supplies received (from a purchase): supplier, date and document number, one line per item."""

    document_number = models.CharField(
        _("nomor dokumen"), max_length=80, help_text=_("Nomor faktur/BAST/kuitansi pembelian.")
    )
    supplier = models.CharField(_("penyedia"), max_length=150)
    received_on = models.DateField(_("tanggal terima"))
    note = models.TextField(_("keterangan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("penerimaan persediaan")
        verbose_name_plural = _("penerimaan persediaan")
        ordering = ["organisation", "-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_number} ({self.supplier})"

    @property
    def total_value(self) -> int:
        return sum(line.value for line in self.lines.all())


class ReceiptLine(models.Model):
    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = models.PositiveBigIntegerField(_("harga satuan (Rp)"))

    class Meta:
        ordering = ["receipt", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="supply_receipt_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.item.name}: {self.quantity}"

    @property
    def value(self) -> int:
        return self.quantity * self.unit_price


class RequestStatus(models.TextChoices):
    PENDING = "diajukan", _("Menunggu persetujuan")
    APPROVED = "disetujui", _("Disetujui, menunggu penyerahan")
    ISSUED = "diserahkan", _("Diserahkan")
    REJECTED = "ditolak", _("Ditolak")
    CANCELLED = "dibatalkan", _("Dibatalkan")


class RequestWorkflow(Workflow):
    """pending → approved (whole or partial) → issued; pending → rejected; pending/approved → cancelled."""

    states = RequestStatus
    initial = RequestStatus.PENDING
    final_states = {RequestStatus.ISSUED, RequestStatus.REJECTED, RequestStatus.CANCELLED}
    transitions = [
        Transition(
            "approve", RequestStatus.PENDING, RequestStatus.APPROVED, permission=APPROVE, label=_("Setujui")
        ),
        Transition(
            "reject", RequestStatus.PENDING, RequestStatus.REJECTED, permission=APPROVE, label=_("Tolak")
        ),
        Transition(
            "issue", RequestStatus.APPROVED, RequestStatus.ISSUED, permission=ISSUE, label=_("Serahkan")
        ),
        Transition(
            "cancel",
            [RequestStatus.PENDING, RequestStatus.APPROVED],
            RequestStatus.CANCELLED,
            permission=CANCEL,
            label=_("Batalkan"),
        ),
    ]


class SupplyRequest(WorkflowModel):
    """A staff member asks supplies for their unit (permintaan barang)."""

    workflow = RequestWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit peminta"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("peminta"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("keperluan"), max_length=255)
    created_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diserahkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_on = models.DateField(_("tanggal penyerahan"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("permintaan persediaan")
        verbose_name_plural = _("permintaan persediaan")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.purpose}"

    @property
    def reference(self) -> str:
        return f"PB-{self.pk:05d}" if self.pk else "PB-baru"


class RequestLine(models.Model):
    request = models.ForeignKey(SupplyRequest, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="+")
    quantity_requested = models.PositiveIntegerField(_("jumlah diminta"))
    quantity_approved = models.PositiveIntegerField(_("jumlah disetujui"), null=True, blank=True)
    quantity_issued = models.PositiveIntegerField(_("jumlah diserahkan"), default=0)

    class Meta:
        ordering = ["request", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_requested__gt=0), name="supply_request_quantity_positive"
            ),
            models.UniqueConstraint(fields=["request", "item"], name="supply_request_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item.name}: {self.quantity_requested}"


class MovementKind(models.TextChoices):
    IN = "masuk", _("Masuk")
    OUT = "keluar", _("Keluar")
    ADJUSTMENT = "penyesuaian", _("Penyesuaian (stock opname)")


class MovementQuerySet(TenantQuerySet):
    def chronological(self):
        return self.order_by("occurred_on", "pk")


class Movement(TenantOwned):
    """One change of an item's stock, with the balance after it (a row of the kartu persediaan).

    `quantity` and `value` are signed: positive in, negative out."""

    item = models.ForeignKey(
        Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="movements"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=MovementKind.choices)
    occurred_on = models.DateField(_("tanggal"))
    quantity = models.IntegerField(_("jumlah"))
    value = models.BigIntegerField(_("nilai (Rp)"))
    unit_price = models.BigIntegerField(_("harga satuan (Rp)"), default=0)
    balance_quantity = models.IntegerField(_("saldo jumlah"))
    balance_value = models.BigIntegerField(_("saldo nilai (Rp)"))
    receipt_line = models.ForeignKey(
        ReceiptLine, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    request_line = models.ForeignKey(
        RequestLine, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit penerima"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference = models.CharField(_("nomor bukti"), max_length=80, blank=True)
    note = models.CharField(_("keterangan"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("mutasi persediaan")
        verbose_name_plural = _("mutasi persediaan")
        ordering = ["item", "occurred_on", "pk"]
        indexes = [models.Index(fields=["item", "occurred_on"], name="supply_movement_item_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(balance_quantity__gte=0), name="supply_movement_balance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item.name} {self.quantity}"
