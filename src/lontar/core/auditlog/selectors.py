"""Reads of the audit trail, scoped to the offices where the user holds `core.view_audit`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lontar.core.audit import action_label, detail_label, detail_value
from lontar.core.models import AuditEvent, Organisation
from lontar.core.permissions import VIEW_AUDIT, organisation_ids_with

PAGE_SIZE = 50
COUNT_CAP = 1000


def audit_organisation_ids(user) -> list[int]:
    return organisation_ids_with(user, VIEW_AUDIT)


def auditable_organisations(user):
    return Organisation.objects.filter(pk__in=audit_organisation_ids(user)).order_by("path")


def audits_everything(user) -> bool:
    """Whether the user audits every office of the deployment (a superuser, the city administrator, a
    city-level auditor): they also see the events that belong to no office (sign-in attempts with a
    name that matches no account, deployment-wide settings)."""
    if user.is_superuser:
        return True
    return set(audit_organisation_ids(user)) >= set(Organisation.objects.values_list("pk", flat=True))


def events_visible_to(user):
    """Events of the offices the user may audit, and deployment-wide ones for who audits everything."""
    if audits_everything(user):
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(organisation_id__in=audit_organisation_ids(user))


@dataclass(frozen=True)
class AuditFilter:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    actor: str = ""
    action: str = ""
    object_type: str = ""
    organisation: Organisation | None = None
    text: str = ""


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_events(user, flt: AuditFilter):
    qs = events_visible_to(user)
    if flt.date_from:
        qs = qs.filter(occurred_at__gte=_start_of(flt.date_from))
    if flt.date_to:
        qs = qs.filter(occurred_at__lt=_start_of(flt.date_to + datetime.timedelta(days=1)))
    if flt.actor:
        qs = qs.filter(actor_label__icontains=flt.actor)
    if flt.action:
        qs = qs.filter(action=flt.action)
    if flt.object_type:
        qs = qs.filter(object_type=flt.object_type)
    if flt.organisation is not None:
        qs = qs.filter(organisation=flt.organisation)
    if flt.text:
        qs = qs.filter(Q(object_repr__icontains=flt.text) | Q(object_id=flt.text))
    return qs.order_by("-occurred_at", "-id")


def capped_count(qs, cap: int | None = None) -> tuple[int, bool]:
    """(count, more): counts at most `cap` + 1 rows, never the whole table."""
    cap = COUNT_CAP if cap is None else cap
    n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n > cap


def page_after(qs, cursor: str | None, size: int = PAGE_SIZE):
    """One page by keyset on (occurred_at, id) descending. Returns (events, next cursor or None)."""
    if cursor:
        try:
            stamp, _sep, pk = cursor.rpartition("_")
            moment = datetime.datetime.fromisoformat(stamp)
            qs = qs.filter(Q(occurred_at__lt=moment) | Q(occurred_at=moment, id__lt=int(pk)))
        except ValueError:
            pass
    events = with_labels(list(qs.select_related("organisation")[: size + 1]))
    if len(events) > size:
        last = events[size - 1]
        return events[:size], f"{last.occurred_at.isoformat()}_{last.pk}"
    return events, None


# Bookkeeping rows no one acts on: never the object of an audit event, so not offered as a filter.
NEVER_AUDITED = frozenset({"core.auditevent", "core.auditchainhead", "core.searchentry", "core.statuschange"})


def object_type_choices() -> list[tuple[str, str]]:
    """Lontar's own models as (object type, readable name), sorted by name, for the filter."""
    from django.apps import apps

    choices = [
        (model._meta.label_lower, capfirst(str(model._meta.verbose_name)))
        for model in apps.get_models()
        if model.__module__.startswith("lontar.") and model._meta.label_lower not in NEVER_AUDITED
    ]
    return sorted(choices, key=lambda choice: (choice[1].casefold(), choice[0]))


def object_type_label(object_type: str) -> str:
    from django.apps import apps

    try:
        return capfirst(str(apps.get_model(object_type)._meta.verbose_name))
    except (LookupError, ValueError):
        return object_type


def with_labels(events: list[AuditEvent]) -> list[AuditEvent]:
    """Give each event the readable names of its action and object type (`label`, `type_label`)."""
    for event in events:
        event.label = action_label(event.action)
        event.type_label = object_type_label(event.object_type) if event.object_type else ""
    return events


def _field_labels(object_type: str) -> dict[str, str]:
    from django.apps import apps

    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    return {
        f.name: capfirst(str(f.verbose_name)) for f in model._meta.get_fields() if hasattr(f, "verbose_name")
    }


def _readable(value):
    if value is True:
        return _("Ya")
    if value is False:
        return _("Tidak")
    if value == "":
        return "—"
    return value


def diff_rows(event: AuditEvent) -> list[tuple[str, object, object, bool]]:
    """(field label, before, after, changed) for every key in either side, labelled as on the forms
    (other keys and coded values as registered with `audit.register_detail_labels`)."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    labels = _field_labels(event.object_type)
    is_change = bool(before) and bool(after)
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return [
        (
            labels.get(key) or detail_label(key),
            _readable(detail_value(key, before[key])) if key in before else None,
            _readable(detail_value(key, after[key])) if key in after else None,
            is_change and before.get(key) != after.get(key),
        )
        for key in keys
    ]
