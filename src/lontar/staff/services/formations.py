"""Writes to the office's formation (kebutuhan pegawai per jabatan, from its analisis jabatan/ABK)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import require
from lontar.staff.models import Formation
from lontar.staff.permissions import MANAGE_PERSONNEL

FORMATION_FIELDS = ("unit", "job_title", "position_type", "needed", "order")


def _clean(formation: Formation) -> None:
    if formation.unit is not None and formation.unit.organisation_id != formation.organisation_id:
        raise ValidationError({"unit": _("Unit harus berada di kantor yang sama.")})
    formation.job_title = " ".join(formation.job_title.split())
    clash = Formation.objects.filter(
        organisation=formation.organisation, unit=formation.unit, job_title__iexact=formation.job_title
    ).exclude(pk=formation.pk)
    if clash.exists():
        raise ValidationError({"job_title": _("Formasi jabatan ini sudah ada untuk unit tersebut.")})
    formation.full_clean()


@transaction.atomic
def create_formation(*, actor, organisation, data: dict) -> Formation:
    require(actor, MANAGE_PERSONNEL, organisation=organisation)
    formation = Formation(organisation=organisation, **{k: data[k] for k in FORMATION_FIELDS if k in data})
    _clean(formation)
    formation.save()
    audit.record(
        actor=actor,
        action="staff.formation.create",
        obj=formation,
        after=audit.snapshot(formation, FORMATION_FIELDS),
    )
    return formation


@transaction.atomic
def update_formation(*, actor, formation: Formation, data: dict) -> Formation:
    require(actor, MANAGE_PERSONNEL, formation)
    formation = Formation.objects.select_for_update().get(pk=formation.pk)
    before = audit.snapshot(formation, FORMATION_FIELDS)
    for name in FORMATION_FIELDS:
        if name in data:
            setattr(formation, name, data[name])
    _clean(formation)
    formation.save()
    before, after = audit.changes(before, audit.snapshot(formation, FORMATION_FIELDS))
    if after:
        audit.record(actor=actor, action="staff.formation.update", obj=formation, before=before, after=after)
    return formation


@transaction.atomic
def delete_formation(*, actor, formation: Formation) -> None:
    require(actor, MANAGE_PERSONNEL, formation)
    before = audit.snapshot(formation, FORMATION_FIELDS)
    organisation, pk, text = formation.organisation, formation.pk, str(formation)
    formation.delete()
    audit.record(
        actor=actor,
        action="staff.formation.delete",
        organisation=organisation,
        object_type=Formation._meta.label_lower,
        object_id=str(pk),
        object_repr=text,
        before=before,
    )
