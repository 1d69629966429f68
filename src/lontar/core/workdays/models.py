"""Editable calendar days on top of the national holidays the `holidays` package knows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import Organisation


class DayKind(models.TextChoices):
    # Deployment-wide (organisation is empty), set by the government and kept by the city administrator.
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    EXTRA_HOLIDAY = "libur_nasional", _("Libur nasional tambahan")
    WORKING_DAY = "hari_kerja", _("Hari kerja (libur nasional dibatalkan/dipindah)")
    # Per office, kept by the office administrator.
    OFFICE_CLOSURE = "kantor_tutup", _("Kantor tutup")


DEPLOYMENT_WIDE_KINDS = (DayKind.CUTI_BERSAMA, DayKind.EXTRA_HOLIDAY, DayKind.WORKING_DAY)


class CalendarDayQuerySet(models.QuerySet):
    def deployment_wide(self):
        return self.filter(organisation__isnull=True)

    def for_year(self, year: int, organisation=None):
        """The rows that matter to `organisation` in `year`: deployment-wide ones and its closures."""
        scope = Q(organisation__isnull=True)
        if organisation is not None:
            scope |= Q(organisation=organisation)
        return self.filter(scope, date__year=year)


class CalendarDay(models.Model):
    """One date that differs from the plain rule "Monday to Friday, except national holidays"."""

    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=16, choices=DayKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("kantor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    description = models.CharField(_("keterangan"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("hari kalender")
        verbose_name_plural = _("hari kalender")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind"],
                condition=Q(organisation__isnull=True),
                name="calendar_day_unique_deployment_wide",
                violation_error_message=_("Tanggal ini sudah tercatat dengan jenis yang sama."),
            ),
            models.UniqueConstraint(
                fields=["date", "kind", "organisation"],
                condition=Q(organisation__isnull=False),
                name="calendar_day_unique_per_office",
                violation_error_message=_("Tanggal ini sudah tercatat sebagai hari tutup kantor."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="kantor_tutup") & Q(organisation__isnull=False))
                | (~Q(kind="kantor_tutup") & Q(organisation__isnull=True)),
                name="calendar_day_closure_has_office",
                violation_error_message=_(
                    "Hari tutup kantor harus memiliki kantor; jenis lain berlaku untuk semua kantor."
                ),
            ),
        ]
        indexes = [models.Index(fields=["date"], name="calendar_day_date_idx")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}: {self.description}"
