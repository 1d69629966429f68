"""Writes of the monthly realisation: the PPTK's entry (rupiah, physical progress, indicator achievement,
notes, evidence), Subbag TU's verification lock of a month and its audited unlock, and the audit of
report exports.

Rules a realisation must keep, checked under a row lock on the sub-activity so two entries at once
cannot together pass the pagu:
* the rupiah of all months together never exceed the current pagu;
* physical progress is cumulative: it may not fall below an earlier month's, nor rise above a later
  month's, unless the entry says why (a correction);
* a locked month is read-only; a month after the current one cannot be entered yet.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.files.services import store_upload
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.planning.models import (
    MONTHS,
    Indicator,
    IndicatorAchievement,
    IndicatorLevel,
    MonthLock,
    PlanYear,
    Realisation,
    SubActivity,
)
from lontar.planning.permissions import ENTER_REALISATION, EXPORT_REPORT, LOCK_MONTH, MANAGE_STRUCTURE
from lontar.planning.services.structure import spent
from lontar.planning.texts import MONTH_NAMES, rupiah

REALISATION_FIELDS = ["amount", "physical_progress", "notes", "correction_reason"]


def is_locked(plan_year_id: int, month: int) -> bool:
    return MonthLock.objects.filter(plan_year_id=plan_year_id, month=month).exists()


def last_open_month(plan_year: PlanYear) -> int:
    """The last month whose realisation may be entered: the current month of the current year,
    December of a past year, none (0) of a future year."""
    today = organisation_today(plan_year.organisation)
    if plan_year.year < today.year:
        return 12
    if plan_year.year > today.year:
        return 0
    return today.month


def _check_month(plan_year: PlanYear, month: int) -> None:
    if month not in MONTHS:
        raise ValidationError({"month": _("Bulan tidak dikenal.")})
    if month > last_open_month(plan_year):
        raise ValidationError(
            {
                "month": _("Realisasi %(month)s %(year)s belum dapat diisi: bulannya belum berjalan.")
                % {"month": MONTH_NAMES[month], "year": plan_year.year}
            }
        )
    if is_locked(plan_year.pk, month):
        raise ValidationError(
            _(
                "Bulan %(month)s %(year)s sudah diverifikasi dan dikunci Subbag TU; realisasinya tidak dapat "
                "diubah. Minta pembukaan kunci dengan alasan bila perlu koreksi."
            )
            % {"month": MONTH_NAMES[month], "year": plan_year.year}
        )


def _decimal(value, field: str, message: str) -> Decimal:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({field: message}) from exc


@transaction.atomic
def record_realisation(
    *,
    actor,
    sub_activity: SubActivity,
    month: int,
    amount: int,
    physical_progress,
    notes: str = "",
    correction_reason: str = "",
    achievements: dict[int, object] | None = None,
    files=(),
) -> Realisation:
    """Enter or correct one month's realisation of a sub-activity (its PPTK or a planning officer)."""
    require(actor, ENTER_REALISATION, sub_activity)
    sub = (
        SubActivity.objects.select_for_update()
        .select_related("activity__program__plan_year__organisation")
        .get(pk=sub_activity.pk)
    )
    plan_year = sub.activity.program.plan_year
    _check_month(plan_year, month)
    try:
        amount = int(amount)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"amount": _("Isikan nilai rupiah tanpa titik atau koma.")}) from exc
    if amount < 0:
        raise ValidationError({"amount": _("Realisasi keuangan tidak boleh negatif.")})
    physical = _decimal(physical_progress, "physical_progress", _("Realisasi fisik harus berupa angka."))
    if not Decimal(0) <= physical <= Decimal(100):
        raise ValidationError({"physical_progress": _("Realisasi fisik antara 0 dan 100%.")})
    correction_reason = (correction_reason or "").strip()

    other_months = spent(sub, excluding_month=month)
    if other_months + amount > sub.pagu:
        raise ValidationError(
            {
                "amount": _(
                    "Realisasi kumulatif akan menjadi Rp %(total)s, melebihi pagu Rp %(pagu)s. Sisa pagu "
                    "yang dapat direalisasikan bulan ini Rp %(left)s."
                )
                % {
                    "total": rupiah(other_months + amount),
                    "pagu": rupiah(sub.pagu),
                    "left": rupiah(max(sub.pagu - other_months, 0)),
                }
            }
        )
    earlier = Realisation.objects.filter(sub_activity=sub, month__lt=month).order_by("-month").first()
    later = Realisation.objects.filter(sub_activity=sub, month__gt=month).order_by("month").first()
    if earlier is not None and physical < earlier.physical_progress and not correction_reason:
        raise ValidationError(
            {
                "physical_progress": _(
                    "Realisasi fisik kumulatif turun dari %(before)s%% (%(month)s). Isi alasan "
                    "koreksi bila memang dikoreksi."
                )
                % {"before": earlier.physical_progress, "month": MONTH_NAMES[earlier.month]}
            }
        )
    if later is not None and physical > later.physical_progress and not correction_reason:
        raise ValidationError(
            {
                "physical_progress": _(
                    "Realisasi fisik kumulatif melebihi %(after)s%% yang tercatat untuk %(month)s. "
                    "Isi alasan koreksi bila memang dikoreksi."
                )
                % {"after": later.physical_progress, "month": MONTH_NAMES[later.month]}
            }
        )

    realisation = Realisation.objects.filter(sub_activity=sub, month=month).first()
    before = audit.snapshot(realisation, REALISATION_FIELDS) if realisation else None
    if realisation is None:
        realisation = Realisation(organisation=sub.organisation, sub_activity=sub, month=month)
    realisation.amount = amount
    realisation.physical_progress = physical
    realisation.notes = (notes or "").strip()
    realisation.correction_reason = correction_reason
    realisation.entered_by = actor
    realisation.save()
    after = audit.snapshot(realisation, REALISATION_FIELDS)
    after["month"] = month

    achieved = _record_achievements(actor, sub, month, achievements or {})
    if achieved:
        after["achievements"] = achieved
    for upload in files:
        stored = store_upload(
            organisation=sub.organisation, actor=actor, uploaded_file=upload, owner=realisation
        )
        after.setdefault("evidence", []).append(stored.original_name)
    if before is not None:
        changed_before, changed_after = audit.changes(before, after)
        changed_after["month"] = month
        before, after = changed_before, changed_after
    audit.record(
        actor=actor,
        action="planning.realisation.update" if before is not None else "planning.realisation.create",
        obj=realisation,
        before=before,
        after=after,
    )
    return realisation


def _record_achievements(actor, sub, month: int, values: dict) -> dict:
    indicators = {
        i.pk: i for i in Indicator.objects.filter(sub_activity=sub, level=IndicatorLevel.SUB_ACTIVITY)
    }
    recorded = {}
    for indicator_id, raw in values.items():
        if raw in (None, ""):
            continue
        indicator = indicators.get(int(indicator_id))
        if indicator is None:
            raise ValidationError(_("Indikator tidak termasuk sub kegiatan ini."))
        value = _decimal(raw, f"indicator_{indicator.pk}", _("Capaian indikator harus berupa angka."))
        if value < 0:
            raise ValidationError({f"indicator_{indicator.pk}": _("Capaian indikator tidak boleh negatif.")})
        IndicatorAchievement.objects.update_or_create(
            indicator=indicator,
            month=month,
            defaults={"organisation": sub.organisation, "value": value, "recorded_by": actor},
        )
        recorded[indicator.name] = str(value)
    return recorded


@transaction.atomic
def record_indicator_achievement(*, actor, indicator: Indicator, month: int, value) -> IndicatorAchievement:
    """Achievement of a program's or kegiatan's indicator (kept by the planning officers)."""
    require(actor, MANAGE_STRUCTURE, indicator)
    plan_year = _plan_year_of_indicator(indicator)
    _check_month(plan_year, month)
    value = _decimal(value, "value", _("Capaian indikator harus berupa angka."))
    if value < 0:
        raise ValidationError({"value": _("Capaian indikator tidak boleh negatif.")})
    existing = IndicatorAchievement.objects.filter(indicator=indicator, month=month).first()
    before = {"month": month, "value": str(existing.value)} if existing else None
    row, _created = IndicatorAchievement.objects.update_or_create(
        indicator=indicator,
        month=month,
        defaults={"organisation": indicator.organisation, "value": value, "recorded_by": actor},
    )
    audit.record(
        actor=actor,
        action="planning.indicator.achievement",
        obj=indicator,
        before=before,
        after={"month": month, "value": str(value)},
    )
    return row


def _plan_year_of_indicator(indicator: Indicator) -> PlanYear:
    if indicator.program_id:
        return indicator.program.plan_year
    if indicator.activity_id:
        return indicator.activity.program.plan_year
    return indicator.sub_activity.activity.program.plan_year


# --- month locks ------------------------------------------------------------------------------------


@transaction.atomic
def lock_month(*, actor, plan_year: PlanYear, month: int, note: str = "") -> MonthLock:
    """Subbag TU has verified the month: its realisation becomes read-only."""
    require(actor, LOCK_MONTH, plan_year)
    plan_year = PlanYear.objects.select_for_update().get(pk=plan_year.pk)
    if month not in MONTHS:
        raise ValidationError(_("Bulan tidak dikenal."))
    if month > last_open_month(plan_year):
        raise ValidationError(_("Bulan yang belum berjalan tidak dapat dikunci."))
    if is_locked(plan_year.pk, month):
        raise ValidationError(_("Bulan %(month)s sudah dikunci.") % {"month": MONTH_NAMES[month]})
    lock = MonthLock.objects.create(
        organisation=plan_year.organisation,
        plan_year=plan_year,
        month=month,
        locked_by=actor,
        note=(note or "").strip(),
    )
    audit.record(
        actor=actor,
        action="planning.month.lock",
        obj=plan_year,
        before={"month": month, "locked": False},
        after={"month": month, "locked": True, "note": lock.note},
    )
    return lock


@transaction.atomic
def unlock_month(*, actor, plan_year: PlanYear, month: int, reason: str) -> None:
    """Open a locked month again for a correction; the reason is kept in the audit trail."""
    require(actor, LOCK_MONTH, plan_year)
    plan_year = PlanYear.objects.select_for_update().get(pk=plan_year.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan membuka kunci bulan wajib diisi.")})
    lock = MonthLock.objects.filter(plan_year=plan_year, month=month).first()
    if lock is None:
        raise ValidationError(
            _("Bulan %(month)s tidak sedang dikunci.") % {"month": MONTH_NAMES.get(month, month)}
        )
    before = {"month": month, "locked": True, "locked_by": lock.locked_by_id, "note": lock.note}
    lock.delete()
    audit.record(
        actor=actor,
        action="planning.month.unlock",
        obj=plan_year,
        before=before,
        after={"month": month, "locked": False, "reason": reason},
    )


def record_report_export(*, actor, plan_year: PlanYear, period: str, number: int, file_format: str) -> None:
    """A realisation report left the system (PDF or Excel): who, which office, year and period."""
    require(actor, EXPORT_REPORT, plan_year)
    audit.record(
        actor=actor,
        action="planning.report.export",
        obj=plan_year,
        after={"format": file_format, "year": plan_year.year, "period": period, "number": number},
    )
