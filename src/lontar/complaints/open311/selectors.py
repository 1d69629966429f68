"""Reads of the Open311 module. Nothing here returns a reporter's identity.

What a reader sees (decision 0018):
* anyone: the published requests of the complaints contract (`publish` and resolved/closed, office
  active), shown with the staff-written public summary instead of the reporter's description;
* a client presenting its key: also the requests it posted itself, in any status, with the description
  as it sent it. Every other request is answered exactly like an unknown number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from lontar.complaints.models import (
    DONE_STATUSES,
    OFFICE_CLOCK,
    Complaint,
    ComplaintMessage,
    MessageKind,
)
from lontar.complaints.open311.models import Open311Client, Open311Submission
from lontar.complaints.open311.permissions import MANAGE_OPEN311_CLIENTS
from lontar.complaints.selectors import public
from lontar.core.models import Organisation
from lontar.core.permissions import get_visible_or_404, organisation_ids_with

MAX_REQUESTS = 1000
DEFAULT_DAYS = 90


# --- jurisdictions and services -----------------------------------------------------------------


def offices() -> list[Organisation]:
    return list(public.offices_taking_complaints())


def jurisdiction(jurisdiction_id: str | None):
    """(office, error): the office a jurisdiction_id names (its Organisation.code, case-insensitive).

    Without a jurisdiction_id the only office taking complaints is meant; with several it is an error.
    Errors are (status, description)."""
    candidates = offices()
    value = (jurisdiction_id or "").strip()
    if not value:
        if len(candidates) == 1:
            return candidates[0], None
        codes = ", ".join(o.code for o in candidates)
        return None, (
            400,
            _("jurisdiction_id wajib diisi. Yurisdiksi yang tersedia: %(codes)s.") % {"codes": codes},
        )
    for office in candidates:
        if office.code.lower() == value.lower():
            return office, None
    return None, (404, _("jurisdiction_id %(value)s tidak ditemukan.") % {"value": value[:40]})


def services_of(office):
    return list(public.public_categories(office.pk).select_related("unit"))


def service(office, service_code: str):
    return public.public_category(office.pk, (service_code or "").strip()[:60])


# --- service requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Open311Request:
    service_request_id: str
    status: str
    status_notes: str
    service_name: str
    service_code: str
    description: str
    agency_responsible: str
    service_notice: str
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str
    address_id: str
    zipcode: str
    lat: float | None
    long: float | None
    media_url: str

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _published_q() -> Q:
    # The complaints contract's definition of public (selectors/public.py).
    return Q(publish=True, status__in=DONE_STATUSES)


def _readable(office, client: Open311Client | None):
    visible = _published_q()
    if client is not None and client.organisation_id == office.pk:
        visible |= Q(open311_submission__client=client)
    return (
        Complaint.objects.filter(visible, organisation=office, organisation__is_active=True)
        .select_related("category", "unit", "organisation", "open311_submission")
        .only(
            "number",
            "status",
            "publish",
            "public_summary",
            "description",
            "service_name",
            "location",
            "address",
            "latitude",
            "longitude",
            "received_at",
            "updated_at",
            "due_date",
            "organisation__timezone",
            "organisation__is_active",
            "category__code",
            "category__name",
            "unit__name",
            "open311_submission__client_id",
            "open311_submission__media_url",
        )
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=ComplaintMessage.objects.filter(kind=MessageKind.TO_REPORTER)
                .only("complaint_id", "body", "created_at")
                .order_by("created_at", "pk"),
                to_attr="public_responses",
            )
        )
    )


def iso(moment: dt.datetime | None, tz: ZoneInfo) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(tz).isoformat(timespec="seconds")


def _submission(complaint):
    try:
        return complaint.open311_submission
    except Open311Submission.DoesNotExist:
        return None


def to_open311(complaint: Complaint, client: Open311Client | None) -> Open311Request:
    tz = ZoneInfo(complaint.organisation.timezone)
    submission = _submission(complaint)
    own = client is not None and submission is not None and submission.client_id == client.pk
    responses = getattr(complaint, "public_responses", [])
    published = complaint.publish and complaint.status in DONE_STATUSES
    notes = responses[-1].body if responses else (complaint.public_summary if published else "")
    expected = None
    if complaint.status in OFFICE_CLOCK and complaint.due_date:
        end_of_day = dt.datetime.combine(complaint.due_date, dt.time(23, 59, 59), tzinfo=tz)
        expected = end_of_day.isoformat(timespec="seconds")
    category = complaint.category
    return Open311Request(
        service_request_id=complaint.number,
        status=public.open311_status(complaint.status),
        status_notes=notes,
        service_name=category.name if category else complaint.service_name,
        service_code=category.code if category else "",
        # Their own words to the client that sent them; the public reads the office's summary only.
        description=complaint.description if own else complaint.public_summary,
        agency_responsible=complaint.unit.name if complaint.unit_id else "",
        service_notice=str(complaint.get_status_display()),
        requested_datetime=iso(complaint.received_at, tz),
        updated_datetime=iso(complaint.updated_at, tz),
        expected_datetime=expected,
        address=complaint.address or complaint.location,
        address_id="",
        zipcode="",
        lat=float(complaint.latitude) if complaint.latitude is not None else None,
        long=float(complaint.longitude) if complaint.longitude is not None else None,
        media_url=submission.media_url if own else "",
    )


@dataclass(frozen=True)
class RequestQuery:
    numbers: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: tuple[str, ...] = ()


def requests_of(office, client: Open311Client | None, query: RequestQuery) -> list[Open311Request]:
    """The requests of `office` this reader may see, newest first, at most MAX_REQUESTS.

    Numbers, when given, override the other filters (as the spec says)."""
    qs = _readable(office, client)
    if query.numbers:
        qs = qs.filter(number__in=[n.strip().upper()[:30] for n in query.numbers])
    else:
        if query.service_codes:
            qs = qs.filter(category__code__in=query.service_codes)
        if query.start is not None:
            qs = qs.filter(received_at__gte=query.start)
        if query.end is not None:
            qs = qs.filter(received_at__lte=query.end)
        if query.statuses and set(query.statuses) != {"open", "closed"}:
            closed = Q(status__in=public.OPEN311_CLOSED)
            qs = qs.filter(closed if "closed" in query.statuses else ~closed)
    return [to_open311(c, client) for c in qs.order_by("-received_at", "-pk")[:MAX_REQUESTS]]


def request_of(office, client: Open311Client | None, number: str) -> Open311Request | None:
    complaint = _readable(office, client).filter(number=(number or "").strip().upper()[:30]).first()
    return to_open311(complaint, client) if complaint is not None else None


def number_for_token(token: str) -> str | None:
    token = (token or "").strip().lower()[:32]
    return (
        Open311Submission.objects.filter(token=token, organisation__is_active=True)
        .values_list("complaint__number", flat=True)
        .first()
    )


# --- staff screen -------------------------------------------------------------------------------


def managed_offices(user):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, MANAGE_OPEN311_CLIENTS)).order_by(
        "name"
    )


def clients_of(user):
    return (
        Open311Client.objects.filter(organisation_id__in=organisation_ids_with(user, MANAGE_OPEN311_CLIENTS))
        .select_related("organisation", "created_by", "revoked_by")
        .order_by("organisation__name", "-is_active", "name", "pk")
    )


def client_for(user, pk: int) -> Open311Client:
    return get_visible_or_404(user, clients_of(user), MANAGE_OPEN311_CLIENTS, pk=pk)
