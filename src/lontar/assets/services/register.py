"""Every write to the register: rooms, assets (KIB A-F), photos and transfers between rooms and holders.
One function per use case, keyword-only arguments, one transaction, a permission check and an audit
entry with before/after each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lontar.assets.kinds import clean_details
from lontar.assets.models import (
    MIN_ASSET_LEVEL,
    Asset,
    AssetCode,
    AssetMovement,
    AssetStatus,
    Condition,
    MovementKind,
    Origin,
    Room,
)
from lontar.assets.permissions import REPORT_DAMAGE, require_manager
from lontar.core import audit
from lontar.core.files.services import store_upload
from lontar.core.models import Organisation, Staff
from lontar.core.public_ids import random_code
from lontar.core.workdays.calendar import organisation_today

ROOM_FIELDS = ["code", "name", "building", "responsible", "is_active"]
ASSET_FIELDS = [
    "code",
    "register_number",
    "name",
    "brand_type",
    "acquisition_year",
    "acquisition_date",
    "value",
    "origin",
    "condition",
    "room",
    "location",
    "holder",
    "notes",
    "details",
    "status",
]
EDITABLE = {
    "name",
    "brand_type",
    "acquisition_year",
    "acquisition_date",
    "value",
    "origin",
    "condition",
    "location",
    "notes",
    "details",
}
LABEL_LENGTH = 10


def _same_office(organisation, room: Room | None, holder: Staff | None) -> None:
    if room is not None and room.organisation_id != organisation.pk:
        raise ValidationError({"room": _("Ruangan harus milik kantor yang sama.")})
    if holder is not None and holder.organisation_id != organisation.pk:
        raise ValidationError({"holder": _("Pemegang harus pegawai kantor yang sama.")})


# --- rooms --------------------------------------------------------------------------------------


def create_room(
    *,
    actor,
    organisation: Organisation,
    code: str,
    name: str,
    building: str = "",
    responsible: Staff | None = None,
) -> Room:
    require_manager(actor, organisation)
    _same_office(organisation, None, responsible)
    room = Room(
        organisation=organisation,
        code=code.strip(),
        name=name.strip(),
        building=building.strip(),
        responsible=responsible,
    )
    room.full_clean()
    with transaction.atomic():
        room.save()
        audit.record(
            actor=actor, action="assets.room.create", obj=room, after=audit.snapshot(room, ROOM_FIELDS)
        )
    return room


def update_room(*, actor, room: Room, **values) -> Room:
    require_manager(actor, room.organisation)
    unknown = set(values) - set(ROOM_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    _same_office(room.organisation, None, values.get("responsible"))
    with transaction.atomic():
        current = Room.objects.select_for_update().get(pk=room.pk)
        before = audit.snapshot(current, ROOM_FIELDS)
        for key, value in values.items():
            setattr(current, key, value.strip() if isinstance(value, str) else value)
        current.full_clean()
        current.save()
        changed_before, changed_after = audit.changes(before, audit.snapshot(current, ROOM_FIELDS))
        if changed_after:
            audit.record(
                actor=actor,
                action="assets.room.update",
                obj=current,
                before=changed_before,
                after=changed_after,
            )
    return current


# --- assets -------------------------------------------------------------------------------------


def _check_code(code: AssetCode) -> None:
    if not code.is_active or code.level < MIN_ASSET_LEVEL or not code.kind:
        raise ValidationError(
            {
                "code": _(
                    "Pilih kode barang aktif di bawah 1.3.1-1.3.6, paling tidak sampai tingkat rincian objek."
                )
            }
        )


def _check_values(*, year: int, value: int, acquisition_date, today) -> None:
    errors = {}
    if year is None or year < 1900 or year > today.year:
        errors["acquisition_year"] = _("Tahun perolehan antara 1900 dan tahun ini.")
    if value is None or int(value) < 0:
        errors["value"] = _("Nilai perolehan dalam rupiah, tidak negatif.")
    if acquisition_date is not None and (acquisition_date > today or acquisition_date.year != year):
        errors["acquisition_date"] = _(
            "Tanggal perolehan tidak boleh di masa depan dan harus pada tahun perolehan."
        )
    if errors:
        raise ValidationError(errors)


def _next_register_number(organisation, code: AssetCode) -> str:
    # The office row is locked so two clerks registering at once never take the same number.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    numbers = Asset.objects.filter(organisation=organisation, code=code).values_list(
        "register_number", flat=True
    )
    highest = max((int(n) for n in numbers if n.isdigit()), default=0)
    return f"{highest + 1:04d}"


def _new_label() -> str:
    while True:
        label = random_code(LABEL_LENGTH)
        if not Asset.objects.filter(label=label).exists():
            return label


def register_asset(
    *,
    actor,
    organisation: Organisation,
    code: AssetCode,
    name: str,
    acquisition_year: int,
    value: int,
    brand_type: str = "",
    acquisition_date=None,
    origin: str = Origin.PURCHASE,
    condition: str = Condition.GOOD,
    room: Room | None = None,
    location: str = "",
    holder: Staff | None = None,
    notes: str = "",
    details: dict | None = None,
    register_number: str = "",
) -> Asset:
    """Register one asset. Its KIB follows from the code; the register number is the next one for
    the office and the code unless given (taking over an existing register)."""
    require_manager(actor, organisation)
    _check_code(code)
    _same_office(organisation, room, holder)
    _check_values(
        year=acquisition_year,
        value=value,
        acquisition_date=acquisition_date,
        today=organisation_today(organisation),
    )
    cleaned = clean_details(code.kind, details)
    register_number = (register_number or "").strip()
    try:
        with transaction.atomic():
            asset = Asset(
                organisation=organisation,
                code=code,
                kind=code.kind,
                register_number=register_number or _next_register_number(organisation, code),
                name=name.strip(),
                brand_type=brand_type.strip(),
                acquisition_year=acquisition_year,
                acquisition_date=acquisition_date,
                value=int(value),
                origin=origin,
                condition=condition,
                room=room,
                location=location.strip(),
                holder=holder,
                notes=notes.strip(),
                details=cleaned,
                label=_new_label(),
            )
            asset.full_clean(exclude=["label", "kind"], validate_unique=False)
            asset.save()
            audit.record(
                actor=actor,
                action="assets.asset.create",
                obj=asset,
                after=audit.snapshot(asset, ASSET_FIELDS),
            )
    except IntegrityError as exc:
        raise ValidationError(
            {
                "register_number": _("Nomor register %(n)s sudah dipakai untuk kode ini.")
                % {"n": register_number}
            }
        ) from exc
    return asset


def update_asset(*, actor, asset: Asset, **values) -> Asset:
    """Correct an asset's data. Room and holder change only by a transfer (history kept); the code
    and the register number never change (a wrong code is a new registration)."""
    require_manager(actor, asset.organisation)
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    with transaction.atomic():
        current = Asset.objects.select_for_update().select_related("code").get(pk=asset.pk)
        if current.status == AssetStatus.REMOVED:
            raise ValidationError(_("Aset yang sudah dihapus dari daftar tidak dapat diubah."))
        before = audit.snapshot(current, ASSET_FIELDS)
        if "details" in values:
            values["details"] = clean_details(current.kind, values["details"])
        for key, value in values.items():
            setattr(current, key, value.strip() if isinstance(value, str) else value)
        _check_values(
            year=current.acquisition_year,
            value=current.value,
            acquisition_date=current.acquisition_date,
            today=organisation_today(current.organisation),
        )
        current.full_clean(exclude=["label", "kind"], validate_unique=False)
        current.save()
        changed_before, changed_after = audit.changes(before, audit.snapshot(current, ASSET_FIELDS))
        if changed_after:
            audit.record(
                actor=actor,
                action="assets.asset.update",
                obj=current,
                before=changed_before,
                after=changed_after,
            )
    return current


def add_photo(*, actor, asset: Asset, uploaded_file):
    """A photo of the asset, stored through the platform's validated uploads and attached to it."""
    require_manager(actor, asset.organisation)
    stored = store_upload(
        organisation=asset.organisation, actor=actor, uploaded_file=uploaded_file, owner=asset
    )
    audit.record(
        actor=actor,
        action="assets.asset.photo",
        obj=asset,
        after={"file": stored.pk, "name": stored.original_name},
    )
    return stored


def _move(*, actor, asset: Asset, to_room, to_holder, moved_on, reason: str, kind: str, handover_file=None):
    """Write the movement row and the asset's new place; caller holds the lock and checked rights."""
    movement = AssetMovement.objects.create(
        organisation=asset.organisation,
        asset=asset,
        kind=kind,
        moved_on=moved_on,
        from_room=asset.room,
        to_room=to_room,
        from_holder=asset.holder,
        to_holder=to_holder,
        reason=reason,
        handover_file=handover_file,
        recorded_by=actor,
    )
    before = {"room": asset.room_id, "holder": asset.holder_id}
    asset.room, asset.holder = to_room, to_holder
    asset.save(update_fields=["room", "holder", "updated_at"])
    audit.record(
        actor=actor,
        action=f"assets.asset.{'transfer' if kind == MovementKind.TRANSFER else 'stocktake_move'}",
        obj=asset,
        before=before,
        after={"room": asset.room_id, "holder": asset.holder_id, "reason": reason, "movement": movement.pk},
    )
    return movement


def transfer_asset(
    *,
    actor,
    asset: Asset,
    to_room: Room | None,
    to_holder: Staff | None,
    reason: str,
    moved_on=None,
    handover_upload=None,
) -> AssetMovement:
    """Move an asset to another room and/or hand it to another holder; the berita acara serah terima
    (a scanned PDF) may be attached."""
    require_manager(actor, asset.organisation)
    _same_office(asset.organisation, to_room, to_holder)
    today = organisation_today(asset.organisation)
    moved_on = moved_on or today
    if moved_on > today:
        raise ValidationError({"moved_on": _("Tanggal mutasi tidak boleh di masa depan.")})
    with transaction.atomic():
        current = Asset.objects.select_for_update().get(pk=asset.pk)
        if current.status == AssetStatus.REMOVED:
            raise ValidationError(_("Aset yang sudah dihapus dari daftar tidak dapat dimutasi."))
        if current.room_id == getattr(to_room, "pk", None) and current.holder_id == getattr(
            to_holder, "pk", None
        ):
            raise ValidationError(_("Ruangan dan pemegang tujuan sama dengan yang sekarang."))
        handover = None
        if handover_upload is not None:
            handover = store_upload(
                organisation=current.organisation, actor=actor, uploaded_file=handover_upload, owner=current
            )
        movement = _move(
            actor=actor,
            asset=current,
            to_room=to_room,
            to_holder=to_holder,
            moved_on=moved_on,
            reason=reason.strip(),
            kind=MovementKind.TRANSFER,
            handover_file=handover,
        )
    asset.room, asset.holder = current.room, current.holder
    return movement


def set_condition(*, asset: Asset, condition: str, actor, reason: str) -> None:
    """The asset's condition after a repair or a stock-take (caller holds the lock and checked rights)."""
    if asset.condition == condition:
        return
    before = {"condition": asset.condition}
    asset.condition = condition
    asset.save(update_fields=["condition", "updated_at"])
    audit.record(
        actor=actor,
        action="assets.asset.condition",
        obj=asset,
        before=before,
        after={"condition": condition, "reason": reason},
    )


def may_report_damage(user, asset: Asset) -> bool:
    from lontar.core.permissions import authorize

    return asset.status != AssetStatus.REMOVED and authorize(user, REPORT_DAMAGE, asset)
