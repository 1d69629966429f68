"""Flexible work (WFO/WFH rosters with an in-office quota per unit) and daily attendance.

* `UnitQuota` — the minimum share of a unit's people in the office on each working day (REFERENCE §6:
  e.g. 50%; critical services such as the PATEN counter stay at 100%). Its row is also the lock that
  serialises every roster change of the unit, so two edits cannot together break the quota.
* `OfficeHours` — the office's working hours, which decide the "terlambat"/"pulang cepat" flags.
* `RosterExclusion` — a person who is not on the roster on a day (leave, duty travel, training).
* `RosterEntry` — WFO or WFH for one person on one working day (one row per person per day).
* `AttendanceRecord` — one check-in/check-out per person per day, with the mode worked.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, UnitKind
from lontar.staff.attendance.planner import required_in_office  # noqa: F401  (re-exported)

# A unit of this kind serves the public face to face (the PATEN counter): fully in office by default.
CRITICAL_UNIT_KINDS = frozenset({UnitKind.SERVICE})
DEFAULT_QUOTA_PERCENT = 50
CRITICAL_QUOTA_PERCENT = 100

DEFAULT_START = dt.time(7, 30)
DEFAULT_END = dt.time(16, 0)
DEFAULT_FRIDAY_END = dt.time(16, 30)


def default_quota_percent(unit) -> int:
    return CRITICAL_QUOTA_PERCENT if unit.kind in CRITICAL_UNIT_KINDS else DEFAULT_QUOTA_PERCENT


class WorkMode(models.TextChoices):
    OFFICE = "wfo", _("WFO (di kantor)")
    HOME = "wfh", _("WFH (dari rumah)")


class UnitQuota(TenantOwned):
    unit = models.OneToOneField(
        "core.Unit", verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="attendance_quota"
    )
    min_office_percent = models.PositiveSmallIntegerField(
        _("minimal di kantor (%)"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Bagian pegawai unit yang wajib bekerja di kantor (WFO) setiap hari kerja."),
    )
    note = models.CharField(_("dasar/keterangan"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("kuota WFO unit")
        verbose_name_plural = _("kuota WFO unit")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_office_percent__lte=100), name="attendance_quota_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.min_office_percent}%"


class OfficeHours(TenantOwned):
    """Jam kerja kantor. Without a row the defaults apply: 07:30-16:00, Friday until 16:30."""

    organisation = models.OneToOneField(
        "core.Organisation", verbose_name=_("organisasi"), on_delete=models.CASCADE, related_name="+"
    )
    start = models.TimeField(_("jam masuk"), default=DEFAULT_START)
    end = models.TimeField(_("jam pulang (Senin-Kamis)"), default=DEFAULT_END)
    friday_end = models.TimeField(_("jam pulang (Jumat)"), default=DEFAULT_FRIDAY_END)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("jam kerja kantor")
        verbose_name_plural = _("jam kerja kantor")

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def end_on(self, day: dt.date) -> dt.time:
        return self.friday_end if day.weekday() == 4 else self.end


class RosterExclusion(TenantOwned):
    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("tanggal"))
    reason = models.CharField(_("alasan"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pegawai di luar jadwal")
        verbose_name_plural = _("pegawai di luar jadwal")
        constraints = [
            models.UniqueConstraint(fields=["staff", "date"], name="attendance_exclusion_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.date}: {self.reason}"


class RosterEntry(TenantOwned):
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("tanggal"))
    mode = models.CharField(_("cara kerja"), max_length=3, choices=WorkMode.choices)
    # Set when a supervisor changed the cell by hand: regenerating asks before it overwrites such a day.
    edited = models.BooleanField(_("diubah manual"), default=False)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("jadwal WFO/WFH")
        verbose_name_plural = _("jadwal WFO/WFH")
        constraints = [models.UniqueConstraint(fields=["staff", "date"], name="attendance_roster_once_a_day")]
        indexes = [models.Index(fields=["unit", "date"], name="attendance_roster_unit_day")]

    def __str__(self) -> str:
        return f"{self.staff} {self.date}: {self.get_mode_display()}"


class AttendanceRecord(TenantOwned):
    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("tanggal"))
    mode = models.CharField(_("cara kerja"), max_length=3, choices=WorkMode.choices)
    mode_note = models.CharField(
        _("alasan cara kerja"), max_length=200, blank=True, help_text=_("Wajib bila berbeda dari jadwal.")
    )
    check_in_at = models.DateTimeField(_("masuk"))
    check_in_note = models.CharField(_("catatan masuk"), max_length=200, blank=True)
    check_out_at = models.DateTimeField(_("pulang"), null=True, blank=True)
    check_out_note = models.CharField(_("catatan pulang"), max_length=200, blank=True)
    is_late = models.BooleanField(_("terlambat"), default=False)
    left_early = models.BooleanField(_("pulang cepat"), default=False)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction_note = models.CharField(_("alasan koreksi"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("catatan kehadiran")
        verbose_name_plural = _("catatan kehadiran")
        ordering = ["-date", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "date"], name="attendance_record_once_a_day"),
        ]
        indexes = [models.Index(fields=["organisation", "date"], name="attendance_record_org_day")]

    def __str__(self) -> str:
        return f"{self.staff} {self.date}"
