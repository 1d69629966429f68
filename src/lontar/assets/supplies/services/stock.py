"""Every write of the supplies module: settings, items, receipts, requests, issues and stock opname.

Each function: one transaction, a permission check through `lontar.core.permissions`, an audit entry
with before/after (workflow transitions of requests audit themselves as well). Stock moves only in
`_move`, under a row lock on the item, so it never goes negative even under simultaneous issues.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.assets.bookings.permissions import units_of
from lontar.assets.supplies.models import (
    Item,
    Movement,
    MovementKind,
    Receipt,
    ReceiptLine,
    RequestLine,
    RequestStatus,
    Store,
    SupplyRequest,
)
from lontar.assets.supplies.permissions import (
    APPROVE_REQUEST,
    CANCEL_REQUEST,
    CONFIGURE_STORE,
    MANAGE_STOCK,
    REQUEST_SUPPLIES,
    keeper_unit_id,
)
from lontar.core import audit
from lontar.core.models import Membership, Role, Staff, Unit
from lontar.core.notifications.services import notify
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import transition

MAX_QUANTITY = 1_000_000
MAX_PRICE = 1_000_000_000
ITEM_FIELDS = ["code", "name", "category", "unit_of_measure", "minimum_stock", "description", "is_active"]


def store_of(organisation) -> Store:
    """The office's store settings (unsaved defaults when never configured)."""
    return Store.objects.filter(organisation=organisation).first() or Store(organisation=organisation)


def configure_store(*, actor, organisation, keeper_unit: Unit | None) -> Store:
    require(actor, CONFIGURE_STORE, organisation=organisation)
    if keeper_unit is not None and keeper_unit.organisation_id != organisation.pk:
        raise ValidationError({"keeper_unit": _("Pilih unit kerja kantor ini.")})
    with transaction.atomic():
        store, _created = Store.objects.select_for_update().get_or_create(organisation=organisation)
        before = {"keeper_unit": store.keeper_unit_id}
        store.keeper_unit = keeper_unit
        store.save()
        audit.record(
            actor=actor,
            action="supplies.store.configure",
            obj=store,
            before=before,
            after={"keeper_unit": store.keeper_unit_id},
        )
    return store


# --- items -------------------------------------------------------------------------------------


def _check_item(organisation, data: dict, *, exclude_pk=None) -> dict:
    values = {name: data.get(name) for name in ITEM_FIELDS}
    for name in ("code", "name", "category", "unit_of_measure", "description"):
        values[name] = (values[name] or "").strip()
    values["code"] = values["code"].upper()
    values["minimum_stock"] = values["minimum_stock"] or 0
    values["is_active"] = True if values["is_active"] is None else bool(values["is_active"])
    errors = {}
    for name, label in (
        ("code", _("Kode barang")),
        ("name", _("Nama barang")),
        ("category", _("Kategori")),
        ("unit_of_measure", _("Satuan")),
    ):
        if not values[name]:
            errors[name] = _("%(label)s wajib diisi.") % {"label": label}
    if values["minimum_stock"] < 0 or values["minimum_stock"] > MAX_QUANTITY:
        errors["minimum_stock"] = _("Stok minimum tidak wajar.")
    if (
        values["code"]
        and Item.objects.filter(organisation=organisation, code=values["code"])
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["code"] = _("Kode %(kode)s sudah dipakai barang lain.") % {"kode": values["code"]}
    if errors:
        raise ValidationError(errors)
    return values


def create_item(*, actor, organisation, data: dict) -> Item:
    require(actor, MANAGE_STOCK, store_of(organisation))
    values = _check_item(organisation, data)
    with transaction.atomic():
        item = Item.objects.create(organisation=organisation, **values)
        audit.record(
            actor=actor, action="supplies.item.create", obj=item, after=audit.snapshot(item, ITEM_FIELDS)
        )
    return item


def update_item(*, actor, item: Item, data: dict) -> Item:
    require(actor, MANAGE_STOCK, item)
    values = _check_item(item.organisation, data, exclude_pk=item.pk)
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        before = audit.snapshot(locked, ITEM_FIELDS)
        was_below = locked.is_below_minimum
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=ITEM_FIELDS)
        before, after = audit.changes(before, audit.snapshot(locked, ITEM_FIELDS))
        audit.record(actor=actor, action="supplies.item.update", obj=locked, before=before, after=after)
        if not was_below and locked.is_below_minimum:
            _alert_below_minimum(locked)
    return locked


# --- moving stock --------------------------------------------------------------------------------


def _keepers(organisation) -> list:
    """Who hears about stock running low: the head of the keeper unit, else the Sekcam (or Camat)."""
    user_model = get_user_model()
    keeper = keeper_unit_id(organisation)
    if keeper is not None:
        heads = list(
            user_model.objects.filter(
                is_active=True,
                memberships__organisation=organisation,
                memberships__role=Role.SECTION_HEAD,
                memberships__is_active=True,
                staff__unit_id=keeper,
            ).distinct()
        )
        if heads:
            return heads
    for role in (Role.SECRETARY, Role.HEAD):
        ids = Membership.objects.filter(organisation=organisation, role=role, is_active=True).values_list(
            "user_id"
        )
        users = list(user_model.objects.filter(pk__in=ids, is_active=True))
        if users:
            return users
    return []


def _alert_below_minimum(item: Item) -> None:
    for recipient in _keepers(item.organisation):
        notify(
            recipient=recipient,
            title=_("Stok %(item)s di bawah minimum") % {"item": item.name},
            body=_("Sisa %(stock)s %(uom)s, minimum %(minimum)s %(uom)s. Segera ajukan pengadaan.")
            % {"stock": item.stock, "minimum": item.minimum_stock, "uom": item.unit_of_measure},
            url=reverse("supplies:item_detail", args=[item.pk]),
            organisation=item.organisation,
        )


def _check_day(item: Item, day: dt.date) -> None:
    today = organisation_today(item.organisation)
    if day > today:
        raise ValidationError(
            _("Tanggal %(tanggal)s belum tiba; catat mutasi pada hari terjadinya.")
            % {"tanggal": date_format(day, "j F Y")}
        )
    last = (
        Movement.objects.filter(item=item)
        .order_by("-occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    if last is not None and day < last:
        raise ValidationError(
            _(
                "Tanggal %(tanggal)s lebih awal dari mutasi terakhir %(item)s (%(terakhir)s); "
                "kartu persediaan dicatat berurutan menurut tanggal."
            )
            % {
                "tanggal": date_format(day, "j F Y"),
                "item": item.name,
                "terakhir": date_format(last, "j F Y"),
            }
        )


def _out_value(item: Item, quantity: int) -> int:
    """Value of `quantity` units at the moving average, rounded half up; the last unit takes the rest."""
    if quantity >= item.stock:
        return item.stock_value
    return (item.stock_value * quantity * 2 + item.stock) // (2 * item.stock)


def _move(
    *,
    actor,
    item: Item,
    kind: str,
    quantity: int,
    day: dt.date,
    unit_price: int | None = None,
    unit=None,
    reference: str = "",
    note: str = "",
    receipt_line=None,
    request_line=None,
) -> Movement:
    """Apply one signed movement to a LOCKED item (caller holds `select_for_update`)."""
    _check_day(item, day)
    before = {"stock": item.stock, "stock_value": item.stock_value}
    if quantity >= 0 and kind != MovementKind.OUT:
        price = unit_price if unit_price is not None else item.average_price
        value = quantity * price
    else:
        taken = -quantity
        if taken > item.stock:
            raise ValidationError(
                _("Stok %(item)s tidak cukup: tersedia %(stock)s %(uom)s, diminta %(qty)s %(uom)s.")
                % {"item": item.name, "stock": item.stock, "uom": item.unit_of_measure, "qty": taken}
            )
        value = -_out_value(item, taken)
        price = round(-value / taken) if taken else 0
    was_below = item.is_below_minimum
    item.stock += quantity
    item.stock_value += value
    item.save(update_fields=["stock", "stock_value"])
    movement = Movement.objects.create(
        organisation=item.organisation,
        item=item,
        kind=kind,
        occurred_on=day,
        quantity=quantity,
        value=value,
        unit_price=price,
        balance_quantity=item.stock,
        balance_value=item.stock_value,
        unit=unit,
        reference=reference[:80],
        note=note[:255],
        receipt_line=receipt_line,
        request_line=request_line,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action=f"supplies.item.{kind}",
        obj=item,
        before=before,
        after={
            "stock": item.stock,
            "stock_value": item.stock_value,
            "quantity": quantity,
            "value": value,
            "date": day,
            "reference": reference,
            "note": note,
        },
    )
    if not was_below and item.is_below_minimum:
        _alert_below_minimum(item)
    return movement


def _lock_items(organisation, item_ids: Iterable[int]) -> dict[int, Item]:
    """Lock the rows in id order (the same order in every transaction: no deadlock)."""
    ids = sorted(set(item_ids))
    locked = {
        item.pk: item
        for item in Item.objects.select_for_update()
        .filter(pk__in=ids, organisation=organisation)
        .order_by("pk")
    }
    if len(locked) != len(ids):
        raise ValidationError(_("Ada barang yang bukan milik kantor ini."))
    return locked


def _quantity(value, label: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Jumlah %(item)s harus bilangan bulat.") % {"item": label}) from None
    if number <= 0 or number > MAX_QUANTITY:
        raise ValidationError(_("Jumlah %(item)s harus lebih dari 0.") % {"item": label})
    return number


def record_receipt(
    *,
    actor,
    organisation,
    document_number: str,
    supplier: str,
    received_on: dt.date,
    lines: Iterable[tuple[Item, int, int]],
    note: str = "",
) -> Receipt:
    """Supplies received: each line (item, quantity, unit price in whole rupiah) adds to stock."""
    require(actor, MANAGE_STOCK, store_of(organisation))
    document_number, supplier = (document_number or "").strip(), (supplier or "").strip()
    errors = {}
    if not document_number:
        errors["document_number"] = _("Nomor dokumen wajib diisi.")
    if not supplier:
        errors["supplier"] = _("Penyedia wajib diisi.")
    if received_on is None:
        errors["received_on"] = _("Tanggal terima wajib diisi.")
    lines = [(item, _quantity(qty, item.name), price) for item, qty, price in lines]
    if not lines:
        errors["lines"] = _("Isi paling sedikit satu barang.")
    for item, _qty, price in lines:
        if price is None or int(price) < 0 or int(price) > MAX_PRICE:
            errors["lines"] = _("Harga satuan %(item)s harus rupiah bulat, 0 atau lebih.") % {
                "item": item.name
            }
    if len({item.pk for item, _q, _p in lines}) != len(lines):
        errors["lines"] = _("Satu barang hanya boleh muncul sekali dalam satu penerimaan.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        items = _lock_items(organisation, [item.pk for item, _q, _p in lines])
        receipt = Receipt.objects.create(
            organisation=organisation,
            document_number=document_number[:80],
            supplier=supplier[:150],
            received_on=received_on,
            note=(note or "").strip(),
            recorded_by=actor,
        )
        for item, quantity, price in lines:
            line = ReceiptLine.objects.create(
                receipt=receipt, item=item, quantity=quantity, unit_price=int(price)
            )
            _move(
                actor=actor,
                item=items[item.pk],
                kind=MovementKind.IN,
                quantity=quantity,
                unit_price=int(price),
                day=received_on,
                reference=document_number,
                note=supplier,
                receipt_line=line,
            )
        audit.record(
            actor=actor,
            action="supplies.receipt.create",
            obj=receipt,
            after={
                "document_number": receipt.document_number,
                "supplier": receipt.supplier,
                "received_on": received_on,
                "lines": [[item.pk, qty, int(price)] for item, qty, price in lines],
            },
        )
    return receipt


def adjust_stock(
    *, actor, item: Item, counted_quantity: int, reason: str, on: dt.date | None = None
) -> Movement | None:
    """Stock opname: set the stock to what was counted, with a reason. Returns None when nothing differs."""
    require(actor, MANAGE_STOCK, item)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penyesuaian wajib diisi (misalnya hasil stock opname).")})
    try:
        counted = int(counted_quantity)
    except (TypeError, ValueError):
        raise ValidationError({"counted_quantity": _("Jumlah hasil hitung harus bilangan bulat.")}) from None
    if counted < 0 or counted > MAX_QUANTITY:
        raise ValidationError({"counted_quantity": _("Jumlah hasil hitung tidak boleh negatif.")})
    day = on or organisation_today(item.organisation)
    with transaction.atomic():
        locked = _lock_items(item.organisation, [item.pk])[item.pk]
        delta = counted - locked.stock
        if delta == 0:
            return None
        movement = _move(
            actor=actor,
            item=locked,
            kind=MovementKind.ADJUSTMENT,
            quantity=delta,
            day=day,
            reference=_("Stock opname"),
            note=reason,
        )
    item.refresh_from_db()
    return movement


# --- requests from units ----------------------------------------------------------------------


def _request_url(request: SupplyRequest) -> str:
    return reverse("supplies:request_detail", args=[request.pk])


def request_supplies(
    *, actor, organisation, purpose: str, lines: Iterable[tuple[Item, int]], unit: Unit | None = None
) -> SupplyRequest:
    """A staff member asks supplies for their unit (the unit of their staff record by default)."""
    require(actor, REQUEST_SUPPLIES, organisation=organisation)
    purpose = (purpose or "").strip()
    own_units = units_of(actor, organisation)
    if unit is None:
        unit_id = (
            Staff.objects.filter(user=actor, organisation=organisation)
            .values_list("unit_id", flat=True)
            .first()
        )
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    errors = {}
    if unit is None:
        errors["unit"] = _("Anda belum tercatat di unit kerja mana pun; hubungi administrator kantor.")
    elif unit.organisation_id != organisation.pk or unit.pk not in own_units:
        errors["unit"] = _("Permintaan hanya dapat diajukan untuk unit Anda sendiri.")
    if not purpose:
        errors["purpose"] = _("Keperluan wajib diisi.")
    lines = [(item, _quantity(qty, item.name)) for item, qty in lines]
    if not lines:
        errors["lines"] = _("Isi paling sedikit satu barang.")
    if len({item.pk for item, _q in lines}) != len(lines):
        errors["lines"] = _("Satu barang hanya boleh muncul sekali dalam satu permintaan.")
    for item, _q in lines:
        if item.organisation_id != organisation.pk or not item.is_active:
            errors["lines"] = _("%(item)s tidak dapat diminta.") % {"item": item.name}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = SupplyRequest.objects.create(
            organisation=organisation, unit=unit, requested_by=actor, purpose=purpose[:255]
        )
        RequestLine.objects.bulk_create(
            [RequestLine(request=request, item=item, quantity_requested=qty) for item, qty in lines]
        )
        audit.record(
            actor=actor,
            action="supplies.request.create",
            obj=request,
            after={"unit": unit.pk, "purpose": purpose, "lines": [[item.pk, qty] for item, qty in lines]},
        )
        for approver in _request_approvers(request):
            if approver.pk != actor.pk:
                notify(
                    recipient=approver,
                    title=_("Permintaan persediaan %(ref)s dari %(unit)s")
                    % {"ref": request.reference, "unit": unit},
                    body=purpose,
                    url=_request_url(request),
                    organisation=organisation,
                )
    return request


def _request_approvers(request: SupplyRequest) -> list:
    """The head of the requesting unit; without one, the keepers."""
    user_model = get_user_model()
    heads = list(
        user_model.objects.filter(
            is_active=True,
            memberships__organisation=request.organisation,
            memberships__role=Role.SECTION_HEAD,
            memberships__is_active=True,
            staff__unit_id=request.unit_id,
        ).distinct()
    )
    return heads or _keepers(request.organisation)


def approve_request(
    *, actor, request: SupplyRequest, quantities: dict[int, int] | None = None, note: str = ""
) -> SupplyRequest:
    """Approve whole (no `quantities`) or partly: `quantities` maps a line id to the approved number
    (0 refuses that line, never more than requested). Stock is taken only when issued."""
    require(actor, APPROVE_REQUEST, request)
    quantities = quantities or {}
    lines = list(request.lines.select_related("item"))
    approved = {}
    for line in lines:
        raw = quantities.get(line.pk, line.quantity_requested)
        try:
            number = int(raw)
        except (TypeError, ValueError):
            raise ValidationError(
                _("Jumlah disetujui %(item)s harus bilangan bulat.") % {"item": line.item.name}
            ) from None
        if number < 0 or number > line.quantity_requested:
            raise ValidationError(
                _("Jumlah disetujui %(item)s harus antara 0 dan %(n)s.")
                % {"item": line.item.name, "n": line.quantity_requested}
            )
        approved[line.pk] = number
    if not any(approved.values()):
        raise ValidationError(
            _("Tidak ada barang yang disetujui; gunakan Tolak bila permintaan tidak dipenuhi.")
        )
    note = (note or "").strip()
    with transaction.atomic():
        transition(obj=request, name="approve", actor=actor, note=note)
        for line in lines:
            line.quantity_approved = approved[line.pk]
            line.save(update_fields=["quantity_approved"])
        request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
        request.save(update_fields=["decided_by", "decided_at", "decision_note"])
        audit.record(
            actor=actor,
            action="supplies.request.approve_lines",
            obj=request,
            before={str(line.pk): line.quantity_requested for line in lines},
            after={str(pk): number for pk, number in approved.items()},
        )
        partial = any(approved[line.pk] < line.quantity_requested for line in lines)
        if actor.pk != request.requested_by_id:
            notify(
                recipient=request.requested_by,
                title=(
                    _("Permintaan %(ref)s disetujui sebagian")
                    if partial
                    else _("Permintaan %(ref)s disetujui")
                )
                % {"ref": request.reference},
                body=note,
                url=_request_url(request),
                organisation=request.organisation,
            )
    return request


def reject_request(*, actor, request: SupplyRequest, reason: str) -> SupplyRequest:
    require(actor, APPROVE_REQUEST, request)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
    with transaction.atomic():
        transition(obj=request, name="reject", actor=actor, note=reason)
        request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), reason
        request.save(update_fields=["decided_by", "decided_at", "decision_note"])
        if actor.pk != request.requested_by_id:
            notify(
                recipient=request.requested_by,
                title=_("Permintaan %(ref)s ditolak") % {"ref": request.reference},
                body=reason,
                url=_request_url(request),
                organisation=request.organisation,
            )
    return request


def cancel_request(*, actor, request: SupplyRequest, reason: str = "") -> SupplyRequest:
    require(actor, CANCEL_REQUEST, request)
    with transaction.atomic():
        transition(obj=request, name="cancel", actor=actor, note=(reason or "").strip())
    return request


def issue_request(*, actor, request: SupplyRequest, issued_on: dt.date | None = None) -> SupplyRequest:
    """Hand over the approved quantities: all lines or none. Refused, naming the item, when the stock
    of any line does not suffice at this moment (another issue may have taken it)."""
    require(actor, MANAGE_STOCK, request)
    if request.status != RequestStatus.APPROVED:
        raise ValidationError(_("Hanya permintaan yang sudah disetujui yang dapat diserahkan."))
    day = issued_on or organisation_today(request.organisation)
    with transaction.atomic():
        lines = [line for line in request.lines.select_related("item") if line.quantity_approved]
        items = _lock_items(request.organisation, [line.item_id for line in lines])
        for line in lines:
            _move(
                actor=actor,
                item=items[line.item_id],
                kind=MovementKind.OUT,
                quantity=-line.quantity_approved,
                day=day,
                unit=request.unit,
                reference=request.reference,
                note=request.purpose,
                request_line=line,
            )
            line.quantity_issued = line.quantity_approved
            line.save(update_fields=["quantity_issued"])
        transition(obj=request, name="issue", actor=actor)
        request.issued_by, request.issued_on = actor, day
        request.save(update_fields=["issued_by", "issued_on"])
        if actor.pk != request.requested_by_id:
            notify(
                recipient=request.requested_by,
                title=_("Barang permintaan %(ref)s siap diambil/diserahkan") % {"ref": request.reference},
                url=_request_url(request),
                organisation=request.organisation,
            )
    return request


def issue_directly(
    *,
    actor,
    organisation,
    unit: Unit,
    lines: Iterable[tuple[Item, int]],
    note: str,
    issued_on: dt.date | None = None,
    reference: str = "",
) -> list[Movement]:
    """Subbag TU hands supplies to a unit without a request (e.g. for an event): all lines or none."""
    require(actor, MANAGE_STOCK, store_of(organisation))
    note = (note or "").strip()
    errors = {}
    if unit is None or unit.organisation_id != organisation.pk:
        errors["unit"] = _("Pilih unit penerima dari kantor ini.")
    if not note:
        errors["note"] = _("Keperluan wajib diisi.")
    lines = [(item, _quantity(qty, item.name)) for item, qty in lines]
    if not lines:
        errors["lines"] = _("Isi paling sedikit satu barang.")
    if len({item.pk for item, _q in lines}) != len(lines):
        errors["lines"] = _("Satu barang hanya boleh muncul sekali.")
    if errors:
        raise ValidationError(errors)
    day = issued_on or organisation_today(organisation)
    with transaction.atomic():
        items = _lock_items(organisation, [item.pk for item, _q in lines])
        return [
            _move(
                actor=actor,
                item=items[item.pk],
                kind=MovementKind.OUT,
                quantity=-qty,
                day=day,
                unit=unit,
                reference=(reference or "").strip() or _("Penyerahan langsung"),
                note=note,
            )
            for item, qty in lines
        ]
