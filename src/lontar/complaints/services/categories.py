"""Complaint categories of an office: what a complaint is about and the unit it is routed to."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.complaints.models import ComplaintCategory
from lontar.complaints.permissions import MANAGE_CATEGORIES
from lontar.core import audit
from lontar.core.permissions import require

FIELDS = ["name", "code", "description", "unit", "keywords", "order", "is_active"]
AUDITED = ["name", "code", "description", "unit_id", "keywords", "order", "is_active"]


def _check(organisation, data: dict, *, exclude_pk=None) -> dict:
    values = {name: data.get(name) for name in FIELDS}
    values["name"] = (values["name"] or "").strip()
    values["code"] = (values["code"] or "").strip().lower()
    values["description"] = (values["description"] or "").strip()
    values["keywords"] = (values["keywords"] or "").strip()
    values["order"] = values["order"] or 0
    values["is_active"] = bool(values["is_active"])
    if not values["name"]:
        raise ValidationError({"name": _("Nama kategori wajib diisi.")})
    if not values["code"]:
        raise ValidationError({"code": _("Kode kategori wajib diisi.")})
    unit = values["unit"]
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("Pilih unit kerja kantor ini.")})
    clash = ComplaintCategory.objects.filter(organisation=organisation, code=values["code"]).exclude(
        pk=exclude_pk
    )
    if clash.exists():
        raise ValidationError(
            {"code": _("Kode %(kode)s sudah dipakai kategori lain.") % {"kode": values["code"]}}
        )
    return values


def create_category(*, actor, organisation, data: dict) -> ComplaintCategory:
    require(actor, MANAGE_CATEGORIES, organisation=organisation)
    values = _check(organisation, data)
    with transaction.atomic():
        category = ComplaintCategory.objects.create(organisation=organisation, **values)
        audit.record(
            actor=actor,
            action="complaints.category.create",
            obj=category,
            after=audit.snapshot(category, AUDITED),
        )
    return category


def update_category(*, actor, category: ComplaintCategory, data: dict) -> ComplaintCategory:
    require(actor, MANAGE_CATEGORIES, category)
    values = _check(category.organisation, data, exclude_pk=category.pk)
    with transaction.atomic():
        locked = ComplaintCategory.objects.select_for_update().get(pk=category.pk)
        before = audit.snapshot(locked, AUDITED)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        audit.record(
            actor=actor,
            action="complaints.category.update",
            obj=locked,
            before=before,
            after=audit.snapshot(locked, AUDITED),
        )
    return locked
