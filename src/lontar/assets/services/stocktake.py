"""Stock-taking (inventarisasi/sensus BMD): a session lists the assets expected in a room (or the whole
office); checkers mark each found or not found, with the room it was found in and its condition, from a
phone by scanning labels. Closing the session applies the accepted changes — condition, room, and the
"not found" flag — each audited, and freezes the result for the berita acara."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assets.models import (
    Asset,
    AssetStatus,
    CheckResult,
    Condition,
    MovementKind,
    Room,
    StockTake,
    StockTakeItem,
    StockTakeStatus,
)
from lontar.assets.permissions import require_manager
from lontar.assets.services.register import _move, set_condition
from lontar.core import audit
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import transition


def open_session(*, actor, organisation, title: str, room: Room | None = None) -> StockTake:
    require_manager(actor, organisation)
    if room is not None and room.organisation_id != organisation.pk:
        raise ValidationError({"room": _("Ruangan harus milik kantor yang sama.")})
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Judul sesi wajib diisi.")})
    with transaction.atomic():
        session = StockTake.objects.create(
            organisation=organisation,
            title=title[:150],
            room=room,
            started_on=organisation_today(organisation),
            opened_by=actor,
        )
        assets = Asset.objects.filter(organisation=organisation).exclude(status=AssetStatus.REMOVED)
        if room is not None:
            assets = assets.filter(room=room)
        StockTakeItem.objects.bulk_create(
            StockTakeItem(
                organisation=organisation,
                stock_take=session,
                asset=a,
                expected_room_id=a.room_id,
                expected_condition=a.condition,
            )
            for a in assets.only("pk", "room_id", "condition")
        )
        audit.record(
            actor=actor,
            action="assets.stocktake.open",
            obj=session,
            after={"title": session.title, "room": getattr(room, "pk", None), "items": session.items.count()},
        )
    return session


def _open_item(session: StockTake, asset: Asset) -> StockTakeItem:
    if session.status != StockTakeStatus.OPEN:
        raise ValidationError(_("Sesi inventarisasi ini sudah ditutup."))
    if asset.organisation_id != session.organisation_id:
        raise ValidationError(_("Aset ini bukan milik kantor yang sedang diinventarisasi."))
    item = StockTakeItem.objects.select_for_update().filter(stock_take=session, asset=asset).first()
    if item is None:
        # Found although not expected here (a whole-office session lists everything; a room session
        # may meet an asset registered elsewhere): it joins the session as a wrong-room find.
        item = StockTakeItem.objects.create(
            organisation=session.organisation,
            stock_take=session,
            asset=asset,
            expected_room_id=asset.room_id,
            expected_condition=asset.condition,
        )
    return item


def check_item(
    *,
    actor,
    session: StockTake,
    asset: Asset,
    found: bool,
    found_room: Room | None = None,
    found_condition: str = "",
    note: str = "",
) -> StockTakeItem:
    """Record what the checker saw. A found asset without a room given is taken as found where the
    session looks (its room) or where it is registered."""
    require_manager(actor, session.organisation)
    if found_room is not None and found_room.organisation_id != session.organisation_id:
        raise ValidationError({"found_room": _("Ruangan harus milik kantor yang sama.")})
    if found_condition and found_condition not in Condition.values:
        raise ValidationError({"found_condition": _("Kondisi tidak dikenal.")})
    with transaction.atomic():
        session = StockTake.objects.select_for_update().get(pk=session.pk)
        item = _open_item(session, asset)
        before = {
            "result": item.result,
            "found_room": item.found_room_id,
            "found_condition": item.found_condition,
        }
        if found:
            item.result = CheckResult.FOUND
            item.found_room = found_room or session.room or asset.room
            item.found_condition = found_condition or asset.condition
        else:
            item.result, item.found_room, item.found_condition = CheckResult.NOT_FOUND, None, ""
        item.note, item.checked_by, item.checked_at = note.strip()[:255], actor, timezone.now()
        item.save()
        audit.record(
            actor=actor,
            action="assets.stocktake.check",
            obj=session,
            before=before,
            after={
                "asset": asset.pk,
                "result": item.result,
                "found_room": item.found_room_id,
                "found_condition": item.found_condition,
                "note": item.note,
            },
        )
    return item


def set_accepted(*, actor, item: StockTakeItem, accepted: bool) -> StockTakeItem:
    require_manager(actor, item.organisation)
    if item.stock_take.status != StockTakeStatus.OPEN:
        raise ValidationError(_("Sesi inventarisasi ini sudah ditutup."))
    item.accepted = accepted
    item.save(update_fields=["accepted"])
    audit.record(
        actor=actor,
        action="assets.stocktake.accept",
        obj=item.stock_take,
        after={"asset": item.asset_id, "accepted": accepted},
    )
    return item


def close_session(*, actor, session: StockTake, note: str = "") -> dict:
    """Apply the accepted discrepancies and close. Unchecked assets stay as they are (listed as not
    checked in the berita acara)."""
    require_manager(actor, session.organisation)
    applied = {"kondisi": 0, "ruangan": 0, "tidak_ditemukan": 0, "ditemukan_kembali": 0}
    with transaction.atomic():
        transition(obj=session, name="close", actor=actor, note=note)
        reason = _("Inventarisasi: %(title)s") % {"title": session.title}
        items = StockTakeItem.objects.filter(stock_take=session).exclude(result=CheckResult.PENDING)
        for item in items.select_related("asset"):
            asset = Asset.objects.select_for_update().get(pk=item.asset_id)
            if item.result == CheckResult.FOUND and asset.missing:
                asset.missing = False
                asset.save(update_fields=["missing", "updated_at"])
                audit.record(
                    actor=actor, action="assets.asset.found", obj=asset, after={"stocktake": session.pk}
                )
                applied["ditemukan_kembali"] += 1
            if not item.accepted:
                continue
            if item.result == CheckResult.NOT_FOUND and not asset.missing:
                asset.missing = True
                asset.save(update_fields=["missing", "updated_at"])
                audit.record(
                    actor=actor, action="assets.asset.missing", obj=asset, after={"stocktake": session.pk}
                )
                applied["tidak_ditemukan"] += 1
            if item.condition_changed and asset.condition != item.found_condition:
                set_condition(asset=asset, condition=item.found_condition, actor=actor, reason=reason)
                applied["kondisi"] += 1
            if item.wrong_room and asset.room_id != item.found_room_id:
                _move(
                    actor=actor,
                    asset=asset,
                    to_room=item.found_room,
                    to_holder=asset.holder,
                    moved_on=organisation_today(session.organisation),
                    reason=reason,
                    kind=MovementKind.STOCKTAKE,
                )
                applied["ruangan"] += 1
        session.closed_on = organisation_today(session.organisation)
        session.save(update_fields=["closed_on"])
        audit.record(actor=actor, action="assets.stocktake.apply", obj=session, after=applied)
    return applied


def cancel_session(*, actor, session: StockTake, note: str = "") -> StockTake:
    transition(obj=session, name="cancel", actor=actor, note=note)
    return session
