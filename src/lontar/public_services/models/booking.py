"""Counter visits booked online: per-service daily quotas, time slots and queue numbers.

Quotas and queue numbers change under a row lock on the office's `DailyCounter` for the day, so two
citizens booking the last place at the same moment cannot both get it (ARCHITECTURE §5: no
check-then-act)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet


class CounterSettings(TenantOwned):
    """When an office's counter is open and how visits are spread over the day."""

    opens_at = models.TimeField(_("loket buka"), default="08:00")
    closes_at = models.TimeField(_("loket tutup"), default="15:00")
    slot_minutes = models.PositiveSmallIntegerField(_("panjang sesi (menit)"), default=60)
    visits_per_slot = models.PositiveSmallIntegerField(_("kunjungan per sesi"), default=10)
    booking_days_ahead = models.PositiveSmallIntegerField(
        _("pemesanan paling lama (hari kerja ke depan)"), default=10
    )
    queue_prefix = models.CharField(_("awalan nomor antrean"), max_length=3, default="A")

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaturan loket")
        verbose_name_plural = _("pengaturan loket")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="counter_settings_one_per_office")
        ]


class DailyCounter(TenantOwned):
    """The office's queue numbers for one day: the row that is locked while a number is taken."""

    day = models.DateField(_("tanggal"))
    last_number = models.PositiveIntegerField(default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "day"], name="daily_counter_unique")]


class VisitStatus(models.TextChoices):
    BOOKED = "dipesan", _("Dipesan")
    CHECKED_IN = "hadir", _("Hadir, menunggu dipanggil")
    CALLED = "dipanggil", _("Dipanggil")
    SERVED = "dilayani", _("Selesai dilayani")
    NO_SHOW = "tidak_hadir", _("Tidak hadir")
    CANCELLED = "dibatalkan", _("Dibatalkan")


class Visit(TenantOwned):
    """A counter visit: booked online for a slot, or a walk-in ticket taken at the office."""

    service = models.ForeignKey(
        "public_services.Service", verbose_name=_("layanan"), on_delete=models.PROTECT, related_name="visits"
    )
    day = models.DateField(_("tanggal kunjungan"))
    slot_start = models.TimeField(_("sesi mulai"), null=True, blank=True)
    queue_number = models.PositiveIntegerField(_("nomor antrean"))
    code = models.CharField(_("kode pemesanan"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    is_walk_in = models.BooleanField(_("datang langsung"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.BOOKED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    called_at = models.DateTimeField(null=True, blank=True)
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    application = models.ForeignKey(
        "public_services.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunjungan loket")
        verbose_name_plural = _("kunjungan loket")
        ordering = ["day", "queue_number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "day", "queue_number"], name="visit_queue_unique")
        ]
        indexes = [models.Index(fields=["service", "day", "status"], name="visit_service_day_idx")]
