"""Calendar writes. Office closures belong to one office (office administrator); cuti bersama,
extra national holidays and holiday overrides apply to the whole deployment (city administrator)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import MANAGE_CALENDAR, authorize, require
from lontar.core.workdays.models import DEPLOYMENT_WIDE_KINDS, CalendarDay, DayKind

# Deployment-wide days are set by the government; only city administrators (and superusers) keep them.
MANAGE_NATIONAL_CALENDAR = "core.manage_national_calendar"
FIELDS = ("date", "kind", "organisation", "description")


def may_manage_national_calendar(user) -> bool:
    return authorize(user, MANAGE_NATIONAL_CALENDAR)


def _require_for(actor, *, kind: str, organisation) -> None:
    if kind == DayKind.OFFICE_CLOSURE:
        require(actor, MANAGE_CALENDAR, organisation=organisation)
    elif actor is not None and not may_manage_national_calendar(actor):
        raise PermissionDenied(MANAGE_NATIONAL_CALENDAR)


def add_day(*, actor, day: date, kind: str, description: str, organisation=None) -> CalendarDay:
    """Record a day off (or a cancelled national holiday). `actor=None` is the system (seeding)."""
    if kind not in DayKind.values:
        raise ValidationError(_("Jenis hari tidak dikenal."))
    if kind in DEPLOYMENT_WIDE_KINDS and organisation is not None:
        raise ValidationError(_("Cuti bersama dan libur nasional berlaku untuk semua kantor."))
    _require_for(actor, kind=kind, organisation=organisation)
    row = CalendarDay(
        date=day,
        kind=kind,
        organisation=organisation,
        description=(description or "").strip(),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    if not row.description:
        raise ValidationError(
            {"description": [_("Isi keterangan, misalnya nama acara atau dasar hukumnya.")]}
        )
    row.full_clean(exclude=["created_by"])
    with transaction.atomic():
        row.save()
        audit.record(
            actor=actor,
            action="calendar.day_add",
            obj=row,
            organisation=organisation,
            after=audit.snapshot(row, FIELDS),
        )
    return row


def add_closure(*, actor, day: date, description: str, organisation) -> CalendarDay:
    """Close one office for a day (a local event, a disaster): it is no working day for that office."""
    return add_day(
        actor=actor, day=day, kind=DayKind.OFFICE_CLOSURE, description=description, organisation=organisation
    )


def remove_day(*, actor, row: CalendarDay) -> None:
    _require_for(actor, kind=row.kind, organisation=row.organisation)
    with transaction.atomic():
        before = audit.snapshot(row, FIELDS)
        audit.record(
            actor=actor,
            action="calendar.day_remove",
            obj=row,
            organisation=row.organisation,
            before=before,
        )
        CalendarDay.objects.filter(pk=row.pk).delete()


def load_cuti_bersama(*, actor=None, years=None) -> int:
    """Seed the known cuti bersama (see `data.py`) of each year that has none recorded yet.

    A year that already has any cuti bersama is left alone: the city administrator may have removed a
    day the government cancelled, and seeding again must not bring it back.
    """
    from lontar.core.workdays.data import CUTI_BERSAMA

    created = 0
    for year in sorted(years or CUTI_BERSAMA):
        if CalendarDay.objects.deployment_wide().filter(kind=DayKind.CUTI_BERSAMA, date__year=year).exists():
            continue
        for day, description in CUTI_BERSAMA.get(year, []):
            add_day(actor=actor, day=day, kind=DayKind.CUTI_BERSAMA, description=description)
            created += 1
    return created
