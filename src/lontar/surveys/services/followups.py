"""Writes of the follow-up plan (rencana tindak lanjut) and the audit of report downloads."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import require
from lontar.surveys.ikm_permissions import MANAGE_FOLLOW_UP
from lontar.surveys.models import FollowUpStatus, SurveyFollowUp
from lontar.surveys.permissions import VIEW_SURVEY


def _snapshot(row: SurveyFollowUp) -> dict:
    return {
        "period_start": row.period_start.isoformat(),
        "period_end": row.period_end.isoformat(),
        "unit": row.unit_id,
        "service": row.service_id,
        "element": row.element,
        "action": row.action,
        "responsible": row.responsible,
        "target_date": row.target_date.isoformat(),
        "status": row.status,
    }


def _check(organisation, *, period_start, period_end, unit, service, action, responsible, status) -> None:
    errors = {}
    if period_end < period_start:
        errors["period_end"] = _("Tanggal akhir periode tidak boleh sebelum tanggal awal.")
    if unit is not None and unit.organisation_id != organisation.pk:
        errors["unit"] = _("Unit ini bukan milik kantor Anda.")
    if service is not None and service.organisation_id != organisation.pk:
        errors["service"] = _("Layanan ini bukan milik kantor Anda.")
    if not (action or "").strip():
        errors["action"] = _("Tuliskan tindak lanjutnya.")
    if not (responsible or "").strip():
        errors["responsible"] = _("Sebutkan penanggung jawabnya.")
    if status not in FollowUpStatus.values:
        errors["status"] = _("Status tidak dikenal.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_follow_up(
    *,
    actor,
    organisation,
    period_start: dt.date,
    period_end: dt.date,
    action: str,
    responsible: str,
    target_date: dt.date,
    unit=None,
    service=None,
    element: str = "",
    status: str = FollowUpStatus.PLANNED,
) -> SurveyFollowUp:
    require(actor, MANAGE_FOLLOW_UP, organisation=organisation)
    _check(
        organisation,
        period_start=period_start,
        period_end=period_end,
        unit=unit,
        service=service,
        action=action,
        responsible=responsible,
        status=status,
    )
    row = SurveyFollowUp.objects.create(
        organisation=organisation,
        period_start=period_start,
        period_end=period_end,
        unit=unit,
        service=service,
        element=element or "",
        action=action.strip(),
        responsible=responsible.strip(),
        target_date=target_date,
        status=status,
        created_by=actor,
    )
    audit.record(actor=actor, action="surveys.follow_up.create", obj=row, after=_snapshot(row))
    return row


@transaction.atomic
def update_follow_up(
    *,
    actor,
    follow_up: SurveyFollowUp,
    period_start: dt.date,
    period_end: dt.date,
    action: str,
    responsible: str,
    target_date: dt.date,
    unit=None,
    service=None,
    element: str = "",
    status: str,
) -> SurveyFollowUp:
    row = SurveyFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    require(actor, MANAGE_FOLLOW_UP, row)
    _check(
        row.organisation,
        period_start=period_start,
        period_end=period_end,
        unit=unit,
        service=service,
        action=action,
        responsible=responsible,
        status=status,
    )
    before = _snapshot(row)
    row.period_start, row.period_end = period_start, period_end
    row.unit, row.service, row.element = unit, service, element or ""
    row.action, row.responsible = action.strip(), responsible.strip()
    row.target_date, row.status = target_date, status
    row.save()
    after = _snapshot(row)
    if after != before:
        audit.record(actor=actor, action="surveys.follow_up.update", obj=row, before=before, after=after)
    return row


@transaction.atomic
def record_report_export(*, actor, report, file_format: str) -> None:
    """A report left the system (PDF or Excel): who, which office, period, scope, convention, figure."""
    require(actor, VIEW_SURVEY, organisation=report.organisation)
    result = report.result
    audit.record(
        actor=actor,
        action="surveys.ikm.export",
        organisation=report.organisation,
        object_type="surveys.ikmreport",
        object_id=f"{report.period.start.isoformat()}..{report.period.end.isoformat()}",
        object_repr=f"Laporan IKM {report.period.label} ({report.scope_label})",
        after={
            "format": file_format,
            "period_start": report.period.start.isoformat(),
            "period_end": report.period.end.isoformat(),
            "unit": report.unit.pk if report.unit else None,
            "service": report.service.pk if report.service else None,
            "weight_convention": result.weight_convention,
            "respondents": result.respondents,
            "ikm": str(result.ikm_display) if result.ikm_display is not None else None,
        },
    )
