"""Reads of the working-day calendar for its screen."""

from __future__ import annotations

from lontar.core.workdays.models import CalendarDay, DayKind


def closures_in_year(organisation, year: int):
    """The office's own closures in `year`."""
    return CalendarDay.objects.filter(organisation=organisation, kind=DayKind.OFFICE_CLOSURE, date__year=year)


def deployment_wide_days_in_year(year: int):
    """Cuti bersama, extra national holidays and cancelled holidays, which apply to every office."""
    return CalendarDay.objects.deployment_wide().filter(date__year=year)


def removable_day(organisation, pk: int) -> CalendarDay | None:
    """A calendar row the office screen may remove: one of this office's closures or a deployment-wide
    day (the service checks who may remove which). Another office's closure is never returned."""
    row = CalendarDay.objects.filter(pk=pk).select_related("organisation").first()
    if row is None or (row.organisation_id is not None and row.organisation_id != organisation.pk):
        return None
    return row
