"""Bookings (peminjaman) of an office's shared resources: meeting rooms and official vehicles.

A staff member requests a resource for a time slot; the resource's manager (the Sekcam, or the head
of the unit that looks after it, usually Subbag Umum/TU) approves or rejects it, unless the resource
approves requests automatically. The requester (or a manager) may cancel; a vehicle's trip ends with
its return (odometer optional).

No double booking: a pending or approved booking holds its slot. The database enforces it:

* PostgreSQL: an exclusion constraint on (resource, tstzrange(starts_at, ends_at)) over the active
  bookings (`booking_no_overlap`, needs the btree_gist extension for the equality on the resource);
  two simultaneous requests cannot both commit, whatever code path inserts them.
* SQLite: the service locks the resource row (every transaction takes the write lock at BEGIN, see
  settings) and checks for an overlap inside the same transaction.

Either way the service checks first, so the refusal names the clashing booking in Bahasa Indonesia.
Ranges are half-open ([start, end)): a booking ending at 10.00 does not clash with one starting at 10.00.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

APPROVE = "bookings.approve_booking"
CANCEL = "bookings.cancel_booking"
RECORD_RETURN = "bookings.record_return"


class ResourceKind(models.TextChoices):
    ROOM = "ruang", _("Ruang rapat")
    VEHICLE = "kendaraan", _("Kendaraan dinas")


class ResourceQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Resource(TenantOwned):
    """A meeting room or an official vehicle that staff may book."""

    kind = models.CharField(_("jenis"), max_length=12, choices=ResourceKind.choices)
    name = models.CharField(_("nama"), max_length=150)
    code = models.SlugField(_("kode"), max_length=40, help_text=_("Kode singkat, misalnya aula atau kb-01."))
    description = models.TextField(_("keterangan"), blank=True)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    # Meeting rooms.
    capacity = models.PositiveSmallIntegerField(_("kapasitas (orang)"), null=True, blank=True)
    facilities = models.TextField(
        _("fasilitas"), blank=True, help_text=_("Misalnya proyektor, pengeras suara, AC; satu per baris.")
    )
    # Vehicles.
    plate_number = models.CharField(_("nomor polisi"), max_length=20, blank=True)
    seats = models.PositiveSmallIntegerField(_("jumlah kursi"), null=True, blank=True)
    default_driver = models.ForeignKey(
        "core.Staff",
        verbose_name=_("pengemudi tetap"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asset_register_number = models.CharField(
        _("nomor register aset"),
        max_length=60,
        blank=True,
        help_text=_("Nomor pada Kartu Inventaris Barang, bila tercatat."),
    )
    manager_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pengelola"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Kepala unit ini menyetujui peminjaman (selain Camat/Sekcam), biasanya Subbagian Umum/TU."
        ),
    )
    auto_approve = models.BooleanField(
        _("setujui otomatis"),
        default=False,
        help_text=_("Permohonan yang tidak bentrok langsung disetujui tanpa menunggu pengelola."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("sumber daya")
        verbose_name_plural = _("ruang dan kendaraan")
        ordering = ["organisation", "kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="booking_resource_code_unique"),
        ]

    def __str__(self) -> str:
        if self.kind == ResourceKind.VEHICLE and self.plate_number:
            return f"{self.name} ({self.plate_number})"
        return self.name

    @property
    def is_vehicle(self) -> bool:
        return self.kind == ResourceKind.VEHICLE

    @property
    def facility_list(self) -> list[str]:
        return [line.strip() for line in self.facilities.splitlines() if line.strip()]


class BookingStatus(models.TextChoices):
    PENDING = "diajukan", _("Menunggu persetujuan")
    APPROVED = "disetujui", _("Disetujui")
    REJECTED = "ditolak", _("Ditolak")
    CANCELLED = "dibatalkan", _("Dibatalkan")
    COMPLETED = "selesai", _("Selesai (kendaraan kembali)")


# A booking in one of these states holds its slot.
ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.APPROVED)


class BookingWorkflow(Workflow):
    """pending → approved | rejected; pending/approved → cancelled; approved vehicle → completed."""

    states = BookingStatus
    initial = BookingStatus.PENDING
    final_states = {BookingStatus.REJECTED, BookingStatus.CANCELLED, BookingStatus.COMPLETED}
    transitions = [
        Transition(
            "approve", BookingStatus.PENDING, BookingStatus.APPROVED, permission=APPROVE, label=_("Setujui")
        ),
        Transition(
            "reject", BookingStatus.PENDING, BookingStatus.REJECTED, permission=APPROVE, label=_("Tolak")
        ),
        Transition(
            "cancel",
            [BookingStatus.PENDING, BookingStatus.APPROVED],
            BookingStatus.CANCELLED,
            permission=CANCEL,
            label=_("Batalkan"),
        ),
        Transition(
            "complete",
            BookingStatus.APPROVED,
            BookingStatus.COMPLETED,
            permission=RECORD_RETURN,
            label=_("Catat pengembalian"),
        ),
    ]


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class BookingQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def overlapping(self, starts_at, ends_at):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Booking(WorkflowModel):
    """One request to use a resource from `starts_at` to `ends_at` (aware datetimes, half-open)."""

    workflow = BookingWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=BookingStatus.choices, default=BookingStatus.PENDING
    )
    resource = models.ForeignKey(
        Resource, verbose_name=_("ruang/kendaraan"), on_delete=models.PROTECT, related_name="bookings"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemohon"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pemohon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    purpose = models.CharField(_("keperluan"), max_length=255)
    attendees_count = models.PositiveIntegerField(_("jumlah peserta/penumpang"), null=True, blank=True)
    on_non_working_day = models.BooleanField(_("di luar hari kerja"), default=False)
    # Vehicles.
    destination = models.CharField(_("tujuan"), max_length=255, blank=True)
    driver = models.ForeignKey(
        "core.Staff",
        verbose_name=_("pengemudi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    odometer_start = models.PositiveIntegerField(_("odometer berangkat (km)"), null=True, blank=True)
    odometer_end = models.PositiveIntegerField(_("odometer kembali (km)"), null=True, blank=True)
    returned_at = models.DateTimeField(_("waktu kembali"), null=True, blank=True)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    # Decision.
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
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    # What caused the booking (a meeting, ...), by generic reference so this app imports nobody.
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("peminjaman")
        verbose_name_plural = _("peminjaman")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["resource", "starts_at"], name="booking_resource_start_idx"),
            models.Index(fields=["organisation", "starts_at"], name="booking_org_start_idx"),
            models.Index(fields=["source_type", "source_id"], name="booking_source_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
            ExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("resource", RangeOperators.EQUAL),
                ],
                condition=Q(status__in=[s.value for s in ACTIVE_STATUSES]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.purpose}"

    @property
    def reference(self) -> str:
        return f"PMJ-{self.pk:05d}" if self.pk else "PMJ-baru"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class CalendarFeed(TenantOwned):
    """A secret, revocable address of an iCalendar feed (of one resource, or of every resource of
    the office). Only the HMAC of the token is stored; the address is shown once, when created."""

    resource = models.ForeignKey(
        Resource,
        verbose_name=_("ruang/kendaraan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feeds",
        help_text=_("Kosongkan untuk semua ruang dan kendaraan kantor."),
    )
    label = models.CharField(_("nama tautan"), max_length=120)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(max_length=8, editable=False, help_text="first characters, to recognise it")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("tautan kalender (iCal)")
        verbose_name_plural = _("tautan kalender (iCal)")
        ordering = ["organisation", "-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
