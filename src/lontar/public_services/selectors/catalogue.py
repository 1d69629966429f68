"""Reads of the service catalogue: the public portal (published services, their standard in force, the
Maklumat) and the office's catalogue screens (scoped to the signed-in user through `visible_to`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from lontar.core.documents.rendering import indonesian_date
from lontar.core.models import Organisation, OrganisationKind, Position, Unit
from lontar.core.permissions import get_visible_or_404, organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import (
    MANAGEMENT_COMPONENTS,
    PUBLISHED_COMPONENTS,
    CounterSettings,
    FieldKind,
    FormField,
    Requirement,
    Service,
    ServicePledge,
    ServiceStandard,
)
from lontar.public_services.permissions import MANAGE_CATALOGUE, VIEW_CATALOGUE

PUBLISHING_KINDS = (OrganisationKind.DISTRICT, OrganisationKind.VILLAGE)
FIELD_KINDS = FieldKind.choices


@dataclass(frozen=True)
class Component:
    field: str
    label: str
    value: str


def rupiah(amount: int) -> str:
    """`Rp10.000` - the Indonesian way of writing money (dot as thousands separator)."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def fee_display(standard: ServiceStandard) -> str:
    if standard.fee_amount == 0:
        return "Gratis / Tidak dipungut biaya"
    return rupiah(standard.fee_amount)


def time_display(standard: ServiceStandard) -> str:
    if standard.processing_days == 0:
        return "Selesai pada hari yang sama"
    return f"{standard.processing_days} hari kerja"


def components(standard: ServiceStandard, *, management: bool) -> list[Component]:
    """The 6 published components (and with `management` the 8 internal ones), ready to print.

    Time and cost read as a citizen reads them; the requirement rows are listed by the template."""
    rows = []
    for field, label in PUBLISHED_COMPONENTS:
        value = getattr(standard, field)
        if field == "processing_time_text":
            value = time_display(standard) + (f" — {value}" if value else "")
        elif field == "fee_text":
            value = fee_display(standard) + (f" — {value}" if value else "")
        rows.append(Component(field, str(label), value))
    if management:
        rows += [
            Component(field, str(label), getattr(standard, field)) for field, label in MANAGEMENT_COMPONENTS
        ]
    return rows


def management_labels() -> list[str]:
    return [str(label) for _field, label in MANAGEMENT_COMPONENTS]


def _with_lists(queryset):
    return queryset.prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.order_by("order", "id")),
        Prefetch("form_fields", queryset=FormField.objects.order_by("order", "id")),
    )


# --- the public portal ---------------------------------------------------------------------------------


def _today_by_zone() -> dict[str, dt.date]:
    zones = Organisation.objects.filter(is_active=True, kind__in=PUBLISHING_KINDS).values_list(
        "timezone", flat=True
    )
    now = timezone.now()
    return {zone: now.astimezone(ZoneInfo(zone)).date() for zone in set(zones)}


def _in_force_filter() -> Q:
    """Services with a standard in force today in their office's time zone, in SQL."""
    condition = Q(pk__in=[])
    for zone, day in _today_by_zone().items():
        in_force = ServiceStandard.objects.in_force_on(day).filter(service=OuterRef("pk"))
        condition |= Q(organisation__timezone=zone) & Q(Exists(in_force))
    return condition


def public_services(query: str = ""):
    """Services a citizen may see: published, active, in an active office, with a standard in force."""
    services = Service.objects.filter(
        is_published=True,
        is_active=True,
        organisation__is_active=True,
        organisation__kind__in=PUBLISHING_KINDS,
    ).filter(_in_force_filter())
    if query:
        services = services.filter(Q(name__icontains=query) | Q(summary__icontains=query))
    return services.select_related("organisation").order_by("organisation__path", "order", "name")


def portal_offices(query: str = "") -> list[tuple[Organisation, list[Service]]]:
    """(office, its published services) for every office that publishes at least one (matching) one."""
    offices: dict[int, tuple[Organisation, list[Service]]] = {}
    for service in public_services(query).select_related("organisation__parent"):
        offices.setdefault(service.organisation_id, (service.organisation, []))[1].append(service)
    return sorted(offices.values(), key=lambda pair: _office_sort_key(pair[0]))


def _office_sort_key(office: Organisation) -> tuple:
    """Kecamatan by name, each followed by its kelurahan by name."""
    if office.kind == OrganisationKind.VILLAGE and office.parent is not None:
        return (office.parent.name, 1, office.name)
    return (office.name, 0, "")


def public_office_or_404(org_id: int) -> Organisation:
    office = Organisation.objects.filter(pk=org_id, is_active=True, kind__in=PUBLISHING_KINDS).first()
    if office is None or not public_services().filter(organisation=office).exists():
        raise Http404
    return office


def public_service_or_404(org_id: int, code: str) -> tuple[Service, ServiceStandard]:
    """A published service and its standard in force; 404 for anything a citizen may not see."""
    service = public_services().filter(organisation_id=org_id, code=code).first()
    if service is None:
        raise Http404
    return service, standard_in_force(service)


def standard_in_force(service: Service, day: dt.date | None = None) -> ServiceStandard | None:
    day = day or organisation_today(service.organisation)
    return (
        _with_lists(ServiceStandard.objects.in_force_on(day).filter(service=service))
        .order_by("-version")
        .first()
    )


def grouped_by_category(services) -> list[tuple[str, list[Service]]]:
    groups: dict[str, list[Service]] = {}
    for service in sorted(services, key=lambda s: (s.category or "~", s.order, s.name)):
        groups.setdefault(service.category, []).append(service)
    return list(groups.items())


def pledge_in_force(organisation) -> ServicePledge | None:
    today = organisation_today(organisation)
    return (
        ServicePledge.objects.filter(organisation=organisation, effective_from__lte=today)
        .order_by("-effective_from", "-id")
        .first()
    )


def counter_settings(organisation) -> CounterSettings | None:
    return CounterSettings.objects.filter(organisation=organisation).first()


def date_text(day: dt.date | None) -> str:
    return indonesian_date(day) if day else ""


# --- the office's catalogue screens ----------------------------------------------------------------------


def catalogue_offices(user, action: str = VIEW_CATALOGUE):
    """The offices whose catalogue the user may read (or, with MANAGE_CATALOGUE, change)."""
    return Organisation.objects.filter(
        pk__in=organisation_ids_with(user, action), is_active=True, kind__in=PUBLISHING_KINDS
    ).order_by("kind", "name")


def chosen_office(user, office_id) -> Organisation | None:
    """The office picked with ?kantor=, else the user's first; None when the user reads no catalogue."""
    offices = catalogue_offices(user)
    if office_id:
        try:
            return offices.filter(pk=int(office_id)).first()
        except (TypeError, ValueError):
            return None
    return offices.first()


def may_manage(user, organisation) -> bool:
    return organisation.pk in organisation_ids_with(user, MANAGE_CATALOGUE)


@dataclass(frozen=True)
class CatalogueRow:
    service: Service
    in_force: ServiceStandard | None
    draft: ServiceStandard | None
    scheduled: ServiceStandard | None


def catalogue_of(user, organisation) -> list[CatalogueRow]:
    """Every service of the office with its version in force, its draft and a version scheduled later."""
    services = list(
        Service.objects.visible_to(user)
        .filter(organisation=organisation)
        .prefetch_related("standards")
        .order_by("order", "name")
    )
    today = organisation_today(organisation)
    rows = []
    for service in services:
        versions = sorted(service.standards.all(), key=lambda s: -s.version)
        in_force = next(
            (
                s
                for s in versions
                if s.published
                and s.effective_from <= today
                and (s.effective_until is None or s.effective_until >= today)
            ),
            None,
        )
        draft = next((s for s in versions if not s.published), None)
        scheduled = next((s for s in versions if s.published and s.effective_from > today), None)
        rows.append(CatalogueRow(service, in_force, draft, scheduled))
    return rows


def service_for(user, pk: int) -> Service:
    return get_visible_or_404(
        user, Service.objects.select_related("organisation", "unit"), VIEW_CATALOGUE, pk=pk
    )


def versions_of(service: Service):
    return service.standards.order_by("-version")


def standard_for(user, pk: int) -> ServiceStandard:
    return get_visible_or_404(
        user,
        _with_lists(ServiceStandard.objects.select_related("service", "organisation", "created_by")),
        VIEW_CATALOGUE,
        pk=pk,
    )


def requirement_for(user, pk: int) -> Requirement:
    requirement = Requirement.objects.select_related("standard__organisation").filter(pk=pk).first()
    if requirement is None:
        raise Http404
    standard_for(user, requirement.standard_id)
    return requirement


def form_field_for(user, pk: int) -> FormField:
    form_field = FormField.objects.select_related("standard__organisation").filter(pk=pk).first()
    if form_field is None:
        raise Http404
    standard_for(user, form_field.standard_id)
    return form_field


def is_in_force(standard: ServiceStandard) -> bool:
    today = organisation_today(standard.organisation)
    return (
        standard.published
        and standard.effective_from <= today
        and (standard.effective_until is None or standard.effective_until >= today)
    )


def units_of(organisation):
    return Unit.objects.filter(organisation=organisation).order_by("order", "name")


def pledges_of(organisation):
    return ServicePledge.objects.filter(organisation=organisation).order_by("-effective_from", "-id")


def head_of_office(organisation) -> tuple[str, str]:
    """(name with titles, post) of whoever heads the office today, to prefill a Maklumat's signatory."""
    post = (
        Position.objects.filter(organisation=organisation, superior__isnull=True, is_unit_head=True)
        .order_by("order")
        .first()
    )
    holder = post.holder_on(organisation_today(organisation)) if post else None
    if holder is None:
        return "", post.title if post else ""
    return holder.staff.name_with_titles, post.title
