"""Maintenance: anyone of the office reports damage on an asset (from its page or a scanned label);
Subbag TU assigns a person; that person records the work and its cost; the request is resolved and
the asset's condition updated. Every step is a workflow transition (history + audit)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lontar.assets.models import Asset, AssetStatus, Condition, MaintenanceRequest, MaintenanceStatus
from lontar.assets.permissions import REPORT_DAMAGE, may_manage
from lontar.assets.services.register import set_condition
from lontar.core import audit
from lontar.core.models import Membership
from lontar.core.notifications.services import notify
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import transition


def report_damage(*, actor, asset: Asset, description: str) -> MaintenanceRequest:
    require(actor, REPORT_DAMAGE, asset)
    description = (description or "").strip()
    if len(description) < 5:
        raise ValidationError({"description": _("Jelaskan kerusakannya (paling sedikit 5 karakter).")})
    if asset.status == AssetStatus.REMOVED:
        raise ValidationError(_("Aset ini sudah dihapus dari daftar."))
    with transaction.atomic():
        request = MaintenanceRequest.objects.create(
            organisation=asset.organisation, asset=asset, description=description[:4000], reported_by=actor
        )
        audit.record(
            actor=actor,
            action="assets.maintenance.report",
            obj=request,
            after={"asset": asset.pk, "description": request.description},
        )
    return request


def _office_member(organisation, user) -> bool:
    return Membership.objects.filter(organisation=organisation, user=user, is_active=True).exists()


def assign(*, actor, request: MaintenanceRequest, assignee, note: str = "") -> MaintenanceRequest:
    if assignee is None or not _office_member(request.organisation, assignee):
        raise ValidationError({"assignee": _("Petugas harus anggota kantor ini.")})
    with transaction.atomic():
        transition(obj=request, name="assign", actor=actor, note=note)
        before = {"assignee": request.assignee_id}
        request.assignee = assignee
        request.save(update_fields=["assignee"])
        audit.record(
            actor=actor,
            action="assets.maintenance.assign",
            obj=request,
            before=before,
            after={"assignee": assignee.pk},
        )
        transaction.on_commit(
            lambda: notify(
                recipient=assignee,
                title=_("Tugas pemeliharaan: %(asset)s") % {"asset": request.asset.name},
                body=request.description[:300],
                url=reverse("assets:maintenance_detail", args=[request.pk]),
                organisation=request.organisation,
            )
        )
    return request


def resolve(
    *,
    actor,
    request: MaintenanceRequest,
    work_done: str,
    cost: int,
    resulting_condition: str,
    resolved_on=None,
) -> MaintenanceRequest:
    work_done = (work_done or "").strip()
    if not work_done:
        raise ValidationError({"work_done": _("Catat pekerjaan yang dilakukan.")})
    if cost is None or int(cost) < 0:
        raise ValidationError({"cost": _("Biaya dalam rupiah, tidak negatif.")})
    if resulting_condition not in Condition.values:
        raise ValidationError({"resulting_condition": _("Pilih kondisi aset setelah perbaikan.")})
    today = organisation_today(request.organisation)
    resolved_on = resolved_on or today
    if resolved_on > today:
        raise ValidationError({"resolved_on": _("Tanggal selesai tidak boleh di masa depan.")})
    with transaction.atomic():
        transition(obj=request, name="resolve", actor=actor, note=work_done[:255])
        request.work_done, request.cost = work_done, int(cost)
        request.resulting_condition, request.resolved_on = resulting_condition, resolved_on
        request.save(update_fields=["work_done", "cost", "resulting_condition", "resolved_on"])
        audit.record(
            actor=actor,
            action="assets.maintenance.resolve",
            obj=request,
            after={"work_done": work_done, "cost": int(cost), "condition": resulting_condition},
        )
        asset = Asset.objects.select_for_update().get(pk=request.asset_id)
        set_condition(
            asset=asset,
            condition=resulting_condition,
            actor=actor,
            reason=_("Pemeliharaan #%(pk)s selesai") % {"pk": request.pk},
        )
    return request


def reject(*, actor, request: MaintenanceRequest, note: str) -> MaintenanceRequest:
    if not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    transition(obj=request, name="reject", actor=actor, note=note.strip()[:255])
    return request


def may_assign(user, request: MaintenanceRequest) -> bool:
    return request.status in (MaintenanceStatus.REPORTED, MaintenanceStatus.ASSIGNED) and may_manage(
        user, request.organisation
    )


def check_assignee_may_resolve(user, request: MaintenanceRequest) -> None:
    if request.assignee_id != user.pk and not may_manage(user, request.organisation):
        raise PermissionDenied
