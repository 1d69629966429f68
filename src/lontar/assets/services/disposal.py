"""Usulan penghapusan: Subbag TU proposes assets (typically Rusak Berat) for removal with a reason and
the proposal document; the head approves or rejects; once the decree (SK penghapusan) is issued its
number and date are recorded and the assets leave the register. Assets are never deleted."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.assets.models import Asset, AssetStatus, DisposalProposal
from lontar.assets.permissions import require_manager
from lontar.core import audit
from lontar.core.files.services import store_upload
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import transition


def _set_status(assets, status: str, actor, proposal: DisposalProposal) -> None:
    for asset in assets:
        before = {"status": asset.status}
        asset.status = status
        asset.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor,
            action="assets.asset.status",
            obj=asset,
            before=before,
            after={"status": status, "disposal": proposal.pk},
        )


def propose(*, actor, organisation, assets: list[Asset], reason: str, document=None) -> DisposalProposal:
    require_manager(actor, organisation)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penghapusan.")})
    if not assets:
        raise ValidationError({"assets": _("Pilih paling sedikit satu aset.")})
    with transaction.atomic():
        locked = list(Asset.objects.select_for_update().filter(pk__in=[a.pk for a in assets]))
        wrong = [a for a in locked if a.organisation_id != organisation.pk or a.status != AssetStatus.ACTIVE]
        if wrong or len(locked) != len({a.pk for a in assets}):
            raise ValidationError(
                {
                    "assets": _("Hanya aset aktif kantor ini yang belum diusulkan dapat dipilih: %(names)s.")
                    % {"names": ", ".join(str(a) for a in wrong) or "-"}
                }
            )
        proposal = DisposalProposal.objects.create(
            organisation=organisation,
            reason=reason,
            proposed_by=actor,
            proposed_on=organisation_today(organisation),
        )
        if document is not None:
            proposal.proposal_file = store_upload(
                organisation=organisation, actor=actor, uploaded_file=document, owner=proposal
            )
            proposal.save(update_fields=["proposal_file"])
        proposal.assets.set(locked)
        audit.record(
            actor=actor,
            action="assets.disposal.propose",
            obj=proposal,
            after={"reason": reason, "assets": [a.pk for a in locked], "value": sum(a.value for a in locked)},
        )
        _set_status(locked, AssetStatus.PROPOSED, actor, proposal)
    return proposal


def approve(*, actor, proposal: DisposalProposal, note: str = "") -> DisposalProposal:
    with transaction.atomic():
        transition(obj=proposal, name="approve", actor=actor, note=note)
        proposal.decision_note = note.strip()[:255]
        proposal.save(update_fields=["decision_note"])
    return proposal


def reject(*, actor, proposal: DisposalProposal, note: str) -> DisposalProposal:
    if not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    with transaction.atomic():
        transition(obj=proposal, name="reject", actor=actor, note=note)
        proposal.decision_note = note.strip()[:255]
        proposal.save(update_fields=["decision_note"])
        assets = list(proposal.assets.select_for_update())
        _set_status(assets, AssetStatus.ACTIVE, actor, proposal)
    return proposal


def record_removal(*, actor, proposal: DisposalProposal, decree_number: str, decree_date) -> DisposalProposal:
    decree_number = (decree_number or "").strip()
    if not decree_number or decree_date is None:
        raise ValidationError({"decree_number": _("Nomor dan tanggal SK penghapusan wajib diisi.")})
    if decree_date > organisation_today(proposal.organisation):
        raise ValidationError({"decree_date": _("Tanggal SK tidak boleh di masa depan.")})
    with transaction.atomic():
        transition(obj=proposal, name="remove", actor=actor, note=decree_number)
        proposal.decree_number, proposal.decree_date = decree_number[:100], decree_date
        proposal.save(update_fields=["decree_number", "decree_date"])
        audit.record(
            actor=actor,
            action="assets.disposal.decree",
            obj=proposal,
            after={"decree_number": proposal.decree_number, "decree_date": decree_date},
        )
        _set_status(list(proposal.assets.select_for_update()), AssetStatus.REMOVED, actor, proposal)
    return proposal
