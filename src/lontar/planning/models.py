"""Program planning of one office for one fiscal year (Renja/DPA), in the nomenclature of
Permendagri 90/2019 (as updated by Kepmendagri 050-5889/2021):

    PlanYear (office, fiscal year, warning thresholds)
      └ Program            code "7.01.01"
          └ Activity       (kegiatan) code "7.01.01.2.01"
              └ SubActivity (sub kegiatan) code "7.01.01.2.01.0001": pagu, PPTK, monthly plan, realisation

Money is integer rupiah. The budget ceiling (pagu) lives only on the sub-activity; a kegiatan's and a
program's pagu are sums computed when read (never stored, so they can never disagree). Every change of
a sub-activity's pagu is a BudgetVersion with its reason (DPA, pergeseran, perubahan): the current pagu
is the latest version's amount, copied to `SubActivity.pagu` in the same transaction so lists read it
in one query.

The monthly plan (anggaran kas / rencana penarikan dana and the physical target) and the monthly
realisation hold, per month, the rupiah of THAT month and the physical progress CUMULATIVE to the
end of that month (as the Kartu Kendali/laporan realisasi fisik is kept). A month locked by Subbag TU
(MonthLock) is read-only for every sub-activity of the year.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet

MONTHS = tuple(range(1, 13))
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]

# Code shapes of the nomenclature: urusan (1-2 digits).bidang(2).program(2) / .kegiatan (1.2) /
# .sub kegiatan (4). A child's code starts with its parent's code.
PROGRAM_CODE = r"^\d{1,2}\.\d{2}\.\d{2}$"
ACTIVITY_CODE = r"^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}$"
SUB_ACTIVITY_CODE = r"^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$"


class PlanYear(TenantOwned):
    """One office's plan for one fiscal year, with the thresholds of its lag warnings."""

    year = models.PositiveSmallIntegerField(
        _("tahun anggaran"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amber_threshold = models.DecimalField(
        _("batas peringatan kuning (poin persen)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=PERCENT,
    )
    red_threshold = models.DecimalField(
        _("batas peringatan merah (poin persen)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("25"),
        validators=PERCENT,
    )
    notes = models.TextField(_("keterangan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana tahunan")
        verbose_name_plural = _("rencana tahunan")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="planning_one_plan_per_office_year"
            ),
            models.CheckConstraint(
                condition=Q(amber_threshold__lte=models.F("red_threshold")),
                name="planning_amber_not_above_red",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}"


class Program(TenantOwned):
    plan_year = models.ForeignKey(
        PlanYear, verbose_name=_("tahun anggaran"), on_delete=models.PROTECT, related_name="programs"
    )
    code = models.CharField(_("kode program"), max_length=20)
    name = models.CharField(_("nama program"), max_length=300)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["plan_year", "code"], name="planning_program_code_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Activity(TenantOwned):
    """A kegiatan of a program."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="activities"
    )
    code = models.CharField(_("kode kegiatan"), max_length=24)
    name = models.CharField(_("nama kegiatan"), max_length=300)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="planning_activity_code_per_program"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SubActivity(TenantOwned):
    """A sub kegiatan: the level that carries money, a PPTK, a monthly plan and the realisation."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="sub_activities"
    )
    code = models.CharField(_("kode sub kegiatan"), max_length=30)
    name = models.CharField(_("nama sub kegiatan"), max_length=300)
    # The current pagu: the amount of the latest BudgetVersion, kept in step by the services.
    pagu = models.BigIntegerField(_("pagu (Rp)"), default=0, validators=[MinValueValidator(0)])
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("PPTK/penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pelaksana"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.CharField(_("lokasi"), max_length=200, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "code"], name="planning_sub_code_per_activity"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="planning_pagu_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def plan_year_id(self) -> int:
        return self.activity.program.plan_year_id


class BudgetKind(models.TextChoices):
    DPA = "dpa", _("Penetapan DPA")
    SHIFT = "pergeseran", _("Pergeseran anggaran")
    AMENDMENT = "perubahan", _("Perubahan anggaran (DPPA)")


class BudgetVersion(TenantOwned):
    """One version of a sub-activity's pagu. Never edited: a revision adds the next version."""

    sub_activity = models.ForeignKey(
        SubActivity, verbose_name=_("sub kegiatan"), on_delete=models.PROTECT, related_name="budget_versions"
    )
    number = models.PositiveSmallIntegerField(_("versi"))
    amount = models.BigIntegerField(_("pagu (Rp)"), validators=[MinValueValidator(0)])
    kind = models.CharField(_("jenis"), max_length=12, choices=BudgetKind.choices)
    reason = models.TextField(_("alasan/dasar"))
    reference = models.CharField(_("nomor dokumen dasar"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi pagu")
        verbose_name_plural = _("versi pagu")
        ordering = ["sub_activity", "number"]
        constraints = [
            models.UniqueConstraint(fields=["sub_activity", "number"], name="planning_budget_version_number"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="planning_budget_amount_not_negative"),
        ]


class MonthlyPlan(TenantOwned):
    """The plan of one month: rupiah to draw that month, physical progress targeted by its end."""

    sub_activity = models.ForeignKey(
        SubActivity, verbose_name=_("sub kegiatan"), on_delete=models.CASCADE, related_name="plans"
    )
    month = models.PositiveSmallIntegerField(_("bulan"), validators=MONTH_VALIDATORS)
    amount = models.BigIntegerField(
        _("rencana penarikan dana (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    physical_target = models.DecimalField(
        _("target fisik kumulatif (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=PERCENT,
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana bulanan")
        verbose_name_plural = _("rencana bulanan")
        ordering = ["sub_activity", "month"]
        constraints = [
            models.UniqueConstraint(fields=["sub_activity", "month"], name="planning_one_plan_per_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="planning_plan_month_range"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="planning_plan_amount_not_negative"),
        ]


class Realisation(TenantOwned):
    """What happened in one month: rupiah spent that month, physical progress cumulative to its end."""

    sub_activity = models.ForeignKey(
        SubActivity, verbose_name=_("sub kegiatan"), on_delete=models.PROTECT, related_name="realisations"
    )
    month = models.PositiveSmallIntegerField(_("bulan"), validators=MONTH_VALIDATORS)
    amount = models.BigIntegerField(
        _("realisasi keuangan bulan ini (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    physical_progress = models.DecimalField(
        _("realisasi fisik kumulatif (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=PERCENT,
    )
    notes = models.TextField(_("catatan/kendala"), blank=True)
    correction_reason = models.TextField(_("alasan koreksi fisik"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diisi oleh"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisasi bulanan")
        verbose_name_plural = _("realisasi bulanan")
        ordering = ["sub_activity", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_activity", "month"], name="planning_one_realisation_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="planning_real_month_range"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="planning_real_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_activity.code} / {self.month}"


class IndicatorLevel(models.TextChoices):
    PROGRAM = "program", _("Program (outcome)")
    ACTIVITY = "kegiatan", _("Kegiatan (keluaran)")
    SUB_ACTIVITY = "sub_kegiatan", _("Sub kegiatan (keluaran)")


class Indicator(TenantOwned):
    """A performance indicator with its unit and yearly target, on exactly one level of the tree."""

    level = models.CharField(_("tingkat"), max_length=12, choices=IndicatorLevel.choices)
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    sub_activity = models.ForeignKey(
        SubActivity, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=40)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["level", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        level="program",
                        program__isnull=False,
                        activity__isnull=True,
                        sub_activity__isnull=True,
                    )
                    | Q(
                        level="kegiatan",
                        program__isnull=True,
                        activity__isnull=False,
                        sub_activity__isnull=True,
                    )
                    | Q(
                        level="sub_kegiatan",
                        program__isnull=True,
                        activity__isnull=True,
                        sub_activity__isnull=False,
                    )
                ),
                name="planning_indicator_one_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorAchievement(TenantOwned):
    """The indicator's achievement cumulative to the end of a month."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="achievements")
    month = models.PositiveSmallIntegerField(_("bulan"), validators=MONTH_VALIDATORS)
    value = models.DecimalField(
        _("capaian"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("capaian indikator")
        verbose_name_plural = _("capaian indikator")
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="planning_one_achievement_per_month"),
        ]


class MonthLock(TenantOwned):
    """A month verified and locked by Subbag TU: its realisation is read-only until unlocked."""

    plan_year = models.ForeignKey(PlanYear, on_delete=models.CASCADE, related_name="locks")
    month = models.PositiveSmallIntegerField(_("bulan"), validators=MONTH_VALIDATORS)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    locked_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("catatan verifikasi"), blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunci bulan")
        verbose_name_plural = _("kunci bulan")
        ordering = ["plan_year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["plan_year", "month"], name="planning_one_lock_per_month"),
        ]
