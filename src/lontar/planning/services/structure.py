"""Writes to the structure of a year's plan: the year, programs, kegiatan, sub kegiatan, pagu versions,
monthly plans and indicators. Each: keyword-only arguments, one transaction, a permission check through
`core.permissions`, an audit entry with before/after. Bad input raises ValidationError in Indonesian and
changes nothing."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.models import Membership, Unit
from lontar.core.permissions import require
from lontar.planning.models import (
    ACTIVITY_CODE,
    MONTHS,
    PROGRAM_CODE,
    SUB_ACTIVITY_CODE,
    Activity,
    BudgetKind,
    BudgetVersion,
    Indicator,
    IndicatorLevel,
    MonthlyPlan,
    PlanYear,
    Program,
    Realisation,
    SubActivity,
)
from lontar.planning.permissions import DECIDE, MANAGE_STRUCTURE

YEAR_FIELDS = ["year", "amber_threshold", "red_threshold", "notes"]
NODE_FIELDS = ["code", "name"]
SUB_FIELDS = ["code", "name", "pagu", "responsible", "unit", "location"]
INDICATOR_FIELDS = ["level", "name", "unit", "target"]


def _clean_text(value: str, field: str, label: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}})
    if len(value) > max_length:
        raise ValidationError({field: _("%(label)s terlalu panjang.") % {"label": label}})
    return value


def _check_code(code: str, pattern: str, example: str, parent_code: str | None = None) -> str:
    code = (code or "").strip()
    if not re.match(pattern, code):
        raise ValidationError(
            {
                "code": _("Kode tidak sesuai bentuk nomenklatur Permendagri 90/2019, contoh: %(example)s.")
                % {"example": example}
            }
        )
    if parent_code and not code.startswith(parent_code + "."):
        raise ValidationError(
            {"code": _("Kode harus diawali kode induknya (%(parent)s).") % {"parent": parent_code}}
        )
    return code


def _thresholds(amber, red) -> tuple[Decimal, Decimal]:
    try:
        amber, red = Decimal(amber), Decimal(red)
    except (InvalidOperation, TypeError) as exc:
        raise ValidationError(_("Batas peringatan harus berupa angka.")) from exc
    errors = {}
    for name, value in (("amber_threshold", amber), ("red_threshold", red)):
        if not Decimal(0) <= value <= Decimal(100):
            errors[name] = _("Batas peringatan antara 0 dan 100 poin persen.")
    if errors:
        raise ValidationError(errors)
    if amber > red:
        raise ValidationError({"amber_threshold": _("Batas kuning tidak boleh melebihi batas merah.")})
    return amber, red


def _save_unique(obj, message: str) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({"code": message}) from exc


# --- year ------------------------------------------------------------------------------------------


@transaction.atomic
def create_plan_year(
    *, actor, organisation, year: int, amber_threshold=Decimal(10), red_threshold=Decimal(25), notes=""
) -> PlanYear:
    require(actor, MANAGE_STRUCTURE, organisation)
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Tahun anggaran tidak masuk akal.")})
    amber, red = _thresholds(amber_threshold, red_threshold)
    if PlanYear.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(
            {"year": _("Rencana tahun %(year)s sudah ada untuk kantor ini.") % {"year": year}}
        )
    plan_year = PlanYear.objects.create(
        organisation=organisation, year=year, amber_threshold=amber, red_threshold=red, notes=notes or ""
    )
    audit.record(
        actor=actor,
        action="planning.year.create",
        obj=plan_year,
        after=audit.snapshot(plan_year, YEAR_FIELDS),
    )
    return plan_year


@transaction.atomic
def set_thresholds(*, actor, plan_year: PlanYear, amber_threshold, red_threshold, notes=None) -> PlanYear:
    """The head/Sekcam decide when a lag is amber and when red."""
    require(actor, DECIDE, plan_year)
    plan_year = PlanYear.objects.select_for_update().get(pk=plan_year.pk)
    before = audit.snapshot(plan_year, YEAR_FIELDS)
    plan_year.amber_threshold, plan_year.red_threshold = _thresholds(amber_threshold, red_threshold)
    if notes is not None:
        plan_year.notes = notes
    plan_year.save()
    before, after = audit.changes(before, audit.snapshot(plan_year, YEAR_FIELDS))
    audit.record(actor=actor, action="planning.year.thresholds", obj=plan_year, before=before, after=after)
    return plan_year


# --- programs and kegiatan --------------------------------------------------------------------------


@transaction.atomic
def create_program(*, actor, plan_year: PlanYear, code: str, name: str) -> Program:
    require(actor, MANAGE_STRUCTURE, plan_year)
    program = Program(
        organisation=plan_year.organisation,
        plan_year=plan_year,
        code=_check_code(code, PROGRAM_CODE, "7.01.01"),
        name=_clean_text(name, "name", _("Nama program"), 300),
    )
    _save_unique(program, _("Kode program sudah dipakai pada tahun ini."))
    audit.record(
        actor=actor, action="planning.program.create", obj=program, after=audit.snapshot(program, NODE_FIELDS)
    )
    return program


@transaction.atomic
def update_program(*, actor, program: Program, code: str, name: str) -> Program:
    require(actor, MANAGE_STRUCTURE, program)
    before = audit.snapshot(program, NODE_FIELDS)
    new_code = _check_code(code, PROGRAM_CODE, "7.01.01")
    if new_code != program.code and program.activities.exists():
        raise ValidationError({"code": _("Kode program yang sudah berisi kegiatan tidak dapat diubah.")})
    program.code = new_code
    program.name = _clean_text(name, "name", _("Nama program"), 300)
    _save_unique(program, _("Kode program sudah dipakai pada tahun ini."))
    before, after = audit.changes(before, audit.snapshot(program, NODE_FIELDS))
    audit.record(actor=actor, action="planning.program.update", obj=program, before=before, after=after)
    return program


@transaction.atomic
def create_activity(*, actor, program: Program, code: str, name: str) -> Activity:
    require(actor, MANAGE_STRUCTURE, program)
    activity = Activity(
        organisation=program.organisation,
        program=program,
        code=_check_code(code, ACTIVITY_CODE, "7.01.01.2.01", program.code),
        name=_clean_text(name, "name", _("Nama kegiatan"), 300),
    )
    _save_unique(activity, _("Kode kegiatan sudah dipakai dalam program ini."))
    audit.record(
        actor=actor,
        action="planning.activity.create",
        obj=activity,
        after=audit.snapshot(activity, NODE_FIELDS),
    )
    return activity


@transaction.atomic
def update_activity(*, actor, activity: Activity, code: str, name: str) -> Activity:
    require(actor, MANAGE_STRUCTURE, activity)
    before = audit.snapshot(activity, NODE_FIELDS)
    new_code = _check_code(code, ACTIVITY_CODE, "7.01.01.2.01", activity.program.code)
    if new_code != activity.code and activity.sub_activities.exists():
        raise ValidationError({"code": _("Kode kegiatan yang sudah berisi sub kegiatan tidak dapat diubah.")})
    activity.code = new_code
    activity.name = _clean_text(name, "name", _("Nama kegiatan"), 300)
    _save_unique(activity, _("Kode kegiatan sudah dipakai dalam program ini."))
    before, after = audit.changes(before, audit.snapshot(activity, NODE_FIELDS))
    audit.record(actor=actor, action="planning.activity.update", obj=activity, before=before, after=after)
    return activity


# --- sub kegiatan and its pagu ------------------------------------------------------------------------


def _check_people(organisation, responsible, unit) -> None:
    if (
        responsible is not None
        and not Membership.objects.filter(
            user=responsible, organisation=organisation, is_active=True
        ).exists()
    ):
        raise ValidationError({"responsible": _("Penanggung jawab harus pegawai kantor ini.")})
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("Unit pelaksana harus unit kantor ini.")})


def _amount(value, field: str) -> int:
    try:
        amount = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("Isikan nilai rupiah tanpa titik atau koma.")}) from exc
    if amount < 0:
        raise ValidationError({field: _("Nilai rupiah tidak boleh negatif.")})
    return amount


@transaction.atomic
def create_sub_activity(
    *,
    actor,
    activity: Activity,
    code: str,
    name: str,
    pagu: int,
    responsible=None,
    unit: Unit | None = None,
    location: str = "",
    reference: str = "",
) -> SubActivity:
    """A sub kegiatan with its first pagu version (penetapan DPA)."""
    require(actor, MANAGE_STRUCTURE, activity)
    _check_people(activity.organisation, responsible, unit)
    sub = SubActivity(
        organisation=activity.organisation,
        activity=activity,
        code=_check_code(code, SUB_ACTIVITY_CODE, "7.01.01.2.01.0001", activity.code),
        name=_clean_text(name, "name", _("Nama sub kegiatan"), 300),
        pagu=_amount(pagu, "pagu"),
        responsible=responsible,
        unit=unit,
        location=(location or "").strip()[:200],
    )
    _save_unique(sub, _("Kode sub kegiatan sudah dipakai dalam kegiatan ini."))
    BudgetVersion.objects.create(
        organisation=sub.organisation,
        sub_activity=sub,
        number=1,
        amount=sub.pagu,
        kind=BudgetKind.DPA,
        reason=_("Pagu awal sesuai DPA."),
        reference=(reference or "").strip()[:120],
        recorded_by=actor,
    )
    audit.record(
        actor=actor, action="planning.sub_activity.create", obj=sub, after=audit.snapshot(sub, SUB_FIELDS)
    )
    return sub


@transaction.atomic
def update_sub_activity(
    *, actor, sub_activity: SubActivity, code: str, name: str, responsible=None, unit=None, location: str = ""
) -> SubActivity:
    """Name, code, PPTK, unit, location. The pagu changes only through `revise_budget`."""
    require(actor, MANAGE_STRUCTURE, sub_activity)
    _check_people(sub_activity.organisation, responsible, unit)
    before = audit.snapshot(sub_activity, SUB_FIELDS)
    new_code = _check_code(code, SUB_ACTIVITY_CODE, "7.01.01.2.01.0001", sub_activity.activity.code)
    if new_code != sub_activity.code and sub_activity.realisations.exists():
        raise ValidationError(
            {"code": _("Kode sub kegiatan yang sudah berisi realisasi tidak dapat diubah.")}
        )
    sub_activity.code = new_code
    sub_activity.name = _clean_text(name, "name", _("Nama sub kegiatan"), 300)
    sub_activity.responsible = responsible
    sub_activity.unit = unit
    sub_activity.location = (location or "").strip()[:200]
    _save_unique(sub_activity, _("Kode sub kegiatan sudah dipakai dalam kegiatan ini."))
    before, after = audit.changes(before, audit.snapshot(sub_activity, SUB_FIELDS))
    audit.record(
        actor=actor, action="planning.sub_activity.update", obj=sub_activity, before=before, after=after
    )
    return sub_activity


def spent(sub_activity: SubActivity, *, excluding_month: int | None = None) -> int:
    rows = Realisation.objects.filter(sub_activity=sub_activity)
    if excluding_month is not None:
        rows = rows.exclude(month=excluding_month)
    return rows.aggregate(total=Sum("amount"))["total"] or 0


@transaction.atomic
def revise_budget(
    *, actor, sub_activity: SubActivity, amount: int, kind: str, reason: str, reference: str = ""
) -> BudgetVersion:
    """A pergeseran or perubahan: the next version of the pagu, with its reason. Never an overwrite."""
    require(actor, MANAGE_STRUCTURE, sub_activity)
    sub = SubActivity.objects.select_for_update().get(pk=sub_activity.pk)
    amount = _amount(amount, "amount")
    if kind not in (BudgetKind.SHIFT, BudgetKind.AMENDMENT):
        raise ValidationError({"kind": _("Pilih pergeseran atau perubahan anggaran.")})
    reason = _clean_text(reason, "reason", _("Alasan perubahan pagu"), 2000)
    if amount == sub.pagu:
        raise ValidationError({"amount": _("Pagu baru sama dengan pagu sekarang; tidak ada yang diubah.")})
    already = spent(sub)
    if amount < already:
        raise ValidationError(
            {
                "amount": _(
                    "Pagu baru (Rp %(new)s) lebih kecil dari realisasi yang sudah dicatat (Rp %(spent)s)."
                )
                % {"new": f"{amount:,}".replace(",", "."), "spent": f"{already:,}".replace(",", ".")}
            }
        )
    number = (sub.budget_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = BudgetVersion.objects.create(
        organisation=sub.organisation,
        sub_activity=sub,
        number=number,
        amount=amount,
        kind=kind,
        reason=reason,
        reference=(reference or "").strip()[:120],
        recorded_by=actor,
    )
    before = {"pagu": sub.pagu}
    sub.pagu = amount
    sub.save(update_fields=["pagu"])
    sub_activity.pagu = amount
    audit.record(
        actor=actor,
        action="planning.sub_activity.revise_budget",
        obj=sub,
        before=before,
        after={
            "pagu": amount,
            "version": number,
            "kind": kind,
            "reason": reason,
            "reference": version.reference,
        },
    )
    return version


@transaction.atomic
def set_monthly_plan(*, actor, sub_activity: SubActivity, rows: dict[int, tuple[int, Decimal]]) -> None:
    """The 12-month plan: rupiah to draw each month and the physical target cumulative to its end.

    The months' rupiah may not add up to more than the pagu; the physical target never goes down and
    ends at most at 100%."""
    require(actor, MANAGE_STRUCTURE, sub_activity)
    sub = SubActivity.objects.select_for_update().get(pk=sub_activity.pk)
    cleaned: dict[int, tuple[int, Decimal]] = {}
    previous_target = Decimal(0)
    errors: dict[str, str] = {}
    for month in MONTHS:
        amount, target = rows.get(month, (0, previous_target))
        amount = _amount(amount, f"amount_{month}")
        try:
            target = Decimal(target)
        except (InvalidOperation, TypeError):
            errors[f"target_{month}"] = _("Target fisik harus berupa angka.")
            continue
        if not Decimal(0) <= target <= Decimal(100):
            errors[f"target_{month}"] = _("Target fisik antara 0 dan 100%.")
        elif target < previous_target:
            errors[f"target_{month}"] = _("Target fisik kumulatif tidak boleh turun dari bulan sebelumnya.")
        previous_target = max(previous_target, target)
        cleaned[month] = (amount, target)
    if errors:
        raise ValidationError(errors)
    total = sum(amount for amount, _target in cleaned.values())
    if total > sub.pagu:
        raise ValidationError(
            _("Jumlah rencana penarikan dana (Rp %(total)s) melebihi pagu (Rp %(pagu)s).")
            % {"total": f"{total:,}".replace(",", "."), "pagu": f"{sub.pagu:,}".replace(",", ".")}
        )
    existing = {p.month: p for p in MonthlyPlan.objects.filter(sub_activity=sub)}
    before = {str(m): [p.amount, str(p.physical_target)] for m, p in sorted(existing.items())}
    for month, (amount, target) in cleaned.items():
        plan = existing.get(month) or MonthlyPlan(
            organisation=sub.organisation, sub_activity=sub, month=month
        )
        plan.amount, plan.physical_target = amount, target
        plan.save()
    after = {str(m): [a, str(t)] for m, (a, t) in sorted(cleaned.items())}
    before, after = audit.changes(before, after) if before else (None, after)
    audit.record(actor=actor, action="planning.sub_activity.plan", obj=sub, before=before, after=after)


# --- indicators -----------------------------------------------------------------------------------


def _indicator_owner_level(owner) -> str:
    if isinstance(owner, Program):
        return IndicatorLevel.PROGRAM
    if isinstance(owner, Activity):
        return IndicatorLevel.ACTIVITY
    if isinstance(owner, SubActivity):
        return IndicatorLevel.SUB_ACTIVITY
    raise TypeError(owner)


def _target(value) -> Decimal:
    try:
        target = Decimal(value)
    except (InvalidOperation, TypeError) as exc:
        raise ValidationError({"target": _("Target harus berupa angka.")}) from exc
    if target < 0:
        raise ValidationError({"target": _("Target tidak boleh negatif.")})
    return target


@transaction.atomic
def add_indicator(*, actor, owner, name: str, unit: str, target) -> Indicator:
    """An outcome indicator of a program, or an output indicator of a kegiatan or sub kegiatan."""
    require(actor, MANAGE_STRUCTURE, owner)
    level = _indicator_owner_level(owner)
    indicator = Indicator.objects.create(
        organisation=owner.organisation,
        level=level,
        program=owner if level == IndicatorLevel.PROGRAM else None,
        activity=owner if level == IndicatorLevel.ACTIVITY else None,
        sub_activity=owner if level == IndicatorLevel.SUB_ACTIVITY else None,
        name=_clean_text(name, "name", _("Nama indikator"), 300),
        unit=_clean_text(unit, "unit", _("Satuan"), 40),
        target=_target(target),
    )
    audit.record(
        actor=actor,
        action="planning.indicator.create",
        obj=indicator,
        after=audit.snapshot(indicator, INDICATOR_FIELDS),
    )
    return indicator


@transaction.atomic
def update_indicator(*, actor, indicator: Indicator, name: str, unit: str, target) -> Indicator:
    require(actor, MANAGE_STRUCTURE, indicator)
    before = audit.snapshot(indicator, INDICATOR_FIELDS)
    indicator.name = _clean_text(name, "name", _("Nama indikator"), 300)
    indicator.unit = _clean_text(unit, "unit", _("Satuan"), 40)
    indicator.target = _target(target)
    indicator.save()
    before, after = audit.changes(before, audit.snapshot(indicator, INDICATOR_FIELDS))
    audit.record(actor=actor, action="planning.indicator.update", obj=indicator, before=before, after=after)
    return indicator
