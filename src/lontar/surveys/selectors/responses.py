"""Reads of survey responses, scoped in SQL to the offices where the user holds the action.

`responses_in(...)` is the one entry point for every figure built on responses (the response list and
the IKM reports): the responses of a period (dates inclusive, by the day in the deployment's time zone),
optionally of one office, one service, one unit or one channel. `element_totals(responses)` sums the
scores per element code in one query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone

from lontar.core.permissions import organisation_ids_with
from lontar.surveys.models import ELEMENT_CODES, Answer, SurveyResponse
from lontar.surveys.permissions import VIEW_SURVEY


def responses_in(
    user,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    organisation=None,
    service=None,
    unit=None,
    channel: str | None = None,
    action: str = VIEW_SURVEY,
):
    """Responses the user may read (`action` held in their office), filtered; newest first.

    `organisation`, `service`, `unit` accept an object or an id."""
    responses = SurveyResponse.objects.filter(organisation_id__in=organisation_ids_with(user, action))
    if organisation is not None:
        responses = responses.filter(organisation_id=getattr(organisation, "pk", organisation))
    if service is not None:
        responses = responses.filter(service_id=getattr(service, "pk", service))
    if unit is not None:
        responses = responses.filter(unit_id=getattr(unit, "pk", unit))
    if channel:
        responses = responses.filter(channel=channel)
    return within_days(responses, start, end)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def within_days(responses, start: dt.date | None, end: dt.date | None):
    """Responses submitted on days start..end inclusive (the deployment's time zone), as a plain range on
    `submitted_at` so PostgreSQL can use the (organisation, submitted_at) index, which a `__date` filter
    would not."""
    if start is not None:
        responses = responses.filter(submitted_at__gte=_start_of(start))
    if end is not None:
        responses = responses.filter(submitted_at__lt=_start_of(end + dt.timedelta(days=1)))
    return responses


@dataclass(frozen=True)
class ElementTotal:
    element: str
    total: int  # sum of the scores given to the element
    answered: int  # number of responses that answered it (every response answers all nine)


def element_totals(responses) -> dict[str, ElementTotal]:
    """Sum and count of the scores per element (U1…U9, every code present) over `responses`."""
    rows = (
        Answer.objects.filter(response__in=responses.order_by().values("pk"))
        .values("element")
        .annotate(total=Sum("score"), answered=Count("pk"))
        .order_by()
    )
    found = {row["element"]: ElementTotal(row["element"], row["total"] or 0, row["answered"]) for row in rows}
    return {code: found.get(code, ElementTotal(code, 0, 0)) for code in ELEMENT_CODES}
