"""Public, non-personal reading of complaints: the portal's list and the Open311 API build on this.

Nothing here carries a reporter's identity, the description the reporter wrote (it may name people),
internal notes or attachments. A complaint is public only when staff `publish` it after it is resolved
or closed; what the public reads is the staff-written `public_summary`, the office's public responses,
the category, the location staff left on it, and dates. `PublicComplaint` is a plain value, so an API
serializer cannot reach a model field by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from lontar.complaints.models import (
    DONE_STATUSES,
    FOLLOW_UP_DAYS,
    OFFICE_CLOCK,
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    MessageKind,
)
from lontar.core.models import Organisation
from lontar.core.workdays.calendar import working_days_between

OPEN311_CLOSED = (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, ComplaintStatus.REJECTED)


def open311_status(status: str) -> str:
    """Open311 GeoReport v2 knows two statuses: "open" and "closed"."""
    return "closed" if status in OPEN311_CLOSED else "open"


@dataclass(frozen=True)
class PublicComplaint:
    number: str
    organisation_id: int
    office_name: str
    category_code: str
    category_name: str
    unit_name: str
    kind: str
    status: str
    status_label: str
    open311_status: str
    public_summary: str
    responses: tuple[str, ...]
    location: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    received_at: dt.datetime
    resolved_at: dt.datetime | None
    updated_at: dt.datetime
    working_days_taken: int | None


def _published():
    return (
        Complaint.objects.filter(publish=True, status__in=DONE_STATUSES, organisation__is_active=True)
        .select_related("organisation", "category", "unit")
        .only(
            "number",
            "organisation__name",
            "organisation__timezone",
            "organisation__is_active",
            "category__code",
            "category__name",
            "unit__name",
            "kind",
            "status",
            "public_summary",
            "location",
            "address",
            "latitude",
            "longitude",
            "received_at",
            "resolved_at",
            "updated_at",
        )
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=ComplaintMessage.objects.filter(kind=MessageKind.TO_REPORTER).only(
                    "complaint_id", "body", "created_at"
                ),
                to_attr="public_responses",
            )
        )
    )


def _local_date(moment: dt.datetime, office) -> dt.date:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(office.timezone)).date()


def to_public(complaint: Complaint) -> PublicComplaint:
    office = complaint.organisation
    taken = None
    if complaint.resolved_at:
        taken = working_days_between(
            _local_date(complaint.received_at, office),
            _local_date(complaint.resolved_at, office),
            organisation=office,
        )
    category = complaint.category
    return PublicComplaint(
        number=complaint.number,
        organisation_id=complaint.organisation_id,
        office_name=office.name,
        category_code=category.code if category else "",
        category_name=category.name if category else "",
        unit_name=complaint.unit.name if complaint.unit_id else "",
        kind=complaint.kind,
        status=complaint.status,
        status_label=complaint.get_status_display(),
        open311_status=open311_status(complaint.status),
        public_summary=complaint.public_summary,
        responses=tuple(m.body for m in getattr(complaint, "public_responses", [])),
        location=complaint.location,
        address=complaint.address,
        latitude=complaint.latitude,
        longitude=complaint.longitude,
        received_at=complaint.received_at,
        resolved_at=complaint.resolved_at,
        updated_at=complaint.updated_at,
        working_days_taken=taken,
    )


def published_complaints(
    *,
    organisation_id: int | None = None,
    category_code: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[PublicComplaint]:
    """Published (resolved/closed) complaints, newest resolution first, at most `limit` (≤ 200)."""
    qs = _published()
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    if category_code:
        qs = qs.filter(category__code=category_code)
    if since is not None:
        qs = qs.filter(received_at__gte=since)
    if until is not None:
        qs = qs.filter(received_at__lte=until)
    limit = max(1, min(limit, 200))
    return [to_public(c) for c in qs.order_by("-resolved_at", "-id")[offset : offset + limit]]


def published_complaint(number: str) -> PublicComplaint | None:
    """One published complaint by its number, or None (unpublished ones are not told apart)."""
    complaint = _published().filter(number=(number or "").strip().upper()[:30]).first()
    return to_public(complaint) if complaint is not None else None


def public_categories(organisation_id: int | None = None):
    """Active categories of active offices (the Open311 service list; the portal form's choices)."""
    qs = ComplaintCategory.objects.filter(is_active=True, organisation__is_active=True).select_related(
        "organisation"
    )
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.order_by("organisation__name", "order", "name")


def public_category(organisation_id: int, code: str) -> ComplaintCategory | None:
    return public_categories(organisation_id).filter(code=code).first()


def offices_taking_complaints():
    """Active kecamatan/kelurahan offices that have at least one active category."""
    return (
        Organisation.objects.filter(
            is_active=True,
            pk__in=ComplaintCategory.objects.filter(is_active=True).values("organisation_id"),
        )
        .only("id", "name", "short_name", "code", "timezone")
        .order_by("name")
    )


def public_office(organisation_id: int) -> Organisation | None:
    return offices_taking_complaints().filter(pk=organisation_id).first()


# --- public figures for the transparency dashboard ---------------------------------------------------

# SP4N-LAPOR! practice: 3 working days to verify and forward, then 5 for the unit to follow up, so a
# complaint answered within 8 working days of its receipt was answered on time.
RESPONSE_NORM_DAYS = 3 + FOLLOW_UP_DAYS
FIGURES_CACHE_SECONDS = 300


@dataclass(frozen=True)
class ComplaintFigures:
    """An office's complaints over the last twelve months, as counts and working days only."""

    since: dt.date
    received: int
    suggestions: int
    resolved: int
    rejected: int
    in_process: int
    responded: int
    responded_on_time: int
    median_days_to_response: int | None
    ratings: int
    average_rating: Decimal | None

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.responded_on_time / self.responded) if self.responded else None


def _median(values: list[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]  # the lower median: a whole number of working days


def compute_office_figures(organisation, today: dt.date) -> ComplaintFigures:
    since = today - dt.timedelta(days=365)
    rows = list(
        Complaint.objects.filter(organisation=organisation, received_at__date__gt=since)
        .order_by()
        .values_list("kind", "status", "received_at", "responded_at", "rating")
    )
    complaints = [r for r in rows if r[0] != ComplaintKind.SUGGESTION]
    days = [
        working_days_between(
            _local_date(received, organisation),
            _local_date(responded, organisation),
            organisation=organisation,
        )
        for _kind, _status, received, responded, _rating in complaints
        if responded is not None
    ]
    ratings = [r[4] for r in complaints if r[4] is not None]
    return ComplaintFigures(
        since=since + dt.timedelta(days=1),
        received=len(complaints),
        suggestions=len(rows) - len(complaints),
        resolved=sum(1 for r in complaints if r[1] in DONE_STATUSES),
        rejected=sum(1 for r in complaints if r[1] == ComplaintStatus.REJECTED),
        in_process=sum(1 for r in complaints if r[1] in OFFICE_CLOCK),
        responded=len(days),
        responded_on_time=sum(1 for d in days if d <= RESPONSE_NORM_DAYS),
        median_days_to_response=_median(days),
        ratings=len(ratings),
        average_rating=(Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.1")) if ratings else None,
    )


def office_figures(organisation, today: dt.date) -> ComplaintFigures:
    """`compute_office_figures`, kept a few minutes: the dashboard is public and read often."""
    from django.core.cache import cache

    key = f"complaints:figures:{organisation.pk}:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_office_figures(organisation, today)
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures
