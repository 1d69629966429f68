"""The arithmetic of plan and realisation, in one place and without the database.

Rupiah are integers and are only ever added, so every total is exact: a kegiatan's figures are the sums
of its sub-activities', a program's the sums of its kegiatan's, the year's the sums of its programs'.
Percentages are computed from those sums (never averaged), rounded half-up to two decimals for display.
Physical progress rolls up weighted by pagu (a sub-activity of Rp 100 juta at 50% weighs ten times one
of Rp 10 juta), the usual rule of the laporan realisasi fisik; the weighted sum is kept exact
(percent x rupiah) and divided only when shown.

Deviation is plan minus realisation, in percentage points, cumulative to the reference month: positive
means behind the plan. Amber when it exceeds the year's amber threshold, red when it exceeds the red one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")

OK, AMBER, RED = "ok", "amber", "red"
SEVERITY_ORDER = {OK: 0, AMBER: 1, RED: 2}
QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}


def rounded(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def percent(part, whole) -> Decimal:
    """part / whole x 100, two decimals; 0 when there is nothing to divide by."""
    if not whole:
        return Decimal("0.00")
    return rounded(Decimal(part) * HUNDRED / Decimal(whole))


def severity(deviation: Decimal, amber: Decimal, red: Decimal) -> str:
    if deviation > red:
        return RED
    if deviation > amber:
        return AMBER
    return OK


def worst(*levels: str) -> str:
    return max(levels, key=SEVERITY_ORDER.__getitem__) if levels else OK


@dataclass
class Figures:
    """Plan and realisation of one node (a sub-activity or a sum of them) for one period."""

    pagu: int = 0
    plan_cumulative: int = 0  # rupiah planned from January to the end of the period
    plan_period: int = 0  # rupiah planned within the period
    real_period: int = 0  # rupiah spent within the period
    real_cumulative: int = 0  # rupiah spent from January to the end of the period
    # percent x rupiah (exact); divided by pagu when shown
    physical_weighted: Decimal = field(default_factory=Decimal)
    plan_physical_weighted: Decimal = field(default_factory=Decimal)

    def add(self, other: Figures) -> None:
        self.pagu += other.pagu
        self.plan_cumulative += other.plan_cumulative
        self.plan_period += other.plan_period
        self.real_period += other.real_period
        self.real_cumulative += other.real_cumulative
        self.physical_weighted += other.physical_weighted
        self.plan_physical_weighted += other.plan_physical_weighted

    @property
    def remaining(self) -> int:
        return self.pagu - self.real_cumulative

    @property
    def financial_percent(self) -> Decimal:
        return percent(self.real_cumulative, self.pagu)

    @property
    def period_percent(self) -> Decimal:
        return percent(self.real_period, self.pagu)

    @property
    def plan_financial_percent(self) -> Decimal:
        return percent(self.plan_cumulative, self.pagu)

    @property
    def physical_percent(self) -> Decimal:
        if not self.pagu:
            return Decimal("0.00")
        return rounded(self.physical_weighted / Decimal(self.pagu))

    @property
    def plan_physical_percent(self) -> Decimal:
        if not self.pagu:
            return Decimal("0.00")
        return rounded(self.plan_physical_weighted / Decimal(self.pagu))

    @property
    def financial_deviation(self) -> Decimal:
        return self.plan_financial_percent - self.financial_percent

    @property
    def physical_deviation(self) -> Decimal:
        return self.plan_physical_percent - self.physical_percent


def sub_activity_figures(
    *,
    pagu: int,
    plans: dict[int, tuple[int, Decimal]],
    realisations: dict[int, tuple[int, Decimal]],
    first_month: int,
    last_month: int,
) -> Figures:
    """Figures of one sub-activity for months first_month..last_month (cumulative from January).

    `plans` and `realisations` map month → (rupiah of that month, physical % cumulative to its end).
    A month without a row contributes no rupiah and keeps the previous month's physical progress."""
    figures = Figures(pagu=pagu)
    physical = plan_physical = Decimal("0")
    for month in range(1, last_month + 1):
        plan_amount, plan_target = plans.get(month, (0, None))
        real_amount, real_physical = realisations.get(month, (0, None))
        figures.plan_cumulative += plan_amount
        figures.real_cumulative += real_amount
        if month >= first_month:
            figures.plan_period += plan_amount
            figures.real_period += real_amount
        if plan_target is not None:
            plan_physical = Decimal(plan_target)
        if real_physical is not None:
            physical = Decimal(real_physical)
    figures.physical_weighted = physical * pagu
    figures.plan_physical_weighted = plan_physical * pagu
    return figures


def months_of(period: str, number: int) -> tuple[int, int]:
    """("bulan", 10) → (10, 10); ("triwulan", 3) → (7, 9); ("tahun", any) → (1, 12)."""
    if period == "bulan":
        return number, number
    if period == "triwulan":
        return QUARTERS[number]
    return 1, 12
