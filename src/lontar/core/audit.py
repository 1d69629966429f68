"""Writing, naming and verifying the audit trail.

`record()` is the only way an event is written. It appends to the chain of the event's
organisation under a row lock on that chain's head, inside the caller's transaction, so an event
exists exactly when the change it describes was committed.

Action codes (`numbering.template_create`) are for code; people read labels. A module names its
actions once, usually in its AppConfig.ready()::

    audit.register_action_labels(_("Surat masuk"), {
        "correspondence.incoming_register": _("Surat masuk dicatat"),
        "correspondence.disposition_send": _("Disposisi dikirim"),
    })

`action_label(code)` gives the label (workflow transitions are named from their declaration:
"Pengaduan: Tugaskan"), or the code itself when nobody named it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lontar.core import context
from lontar.core.models.audit import SYSTEM_ACTOR_LABEL, AuditChainHead, AuditEvent

GLOBAL_CHAIN = 0

# action code -> (group label, action label), both lazy translations.
_ACTION_LABELS: dict[str, tuple[str, str]] = {}


def register_action_labels(group: str, labels: Mapping[str, str]) -> None:
    """Name actions for people. `group` gathers them in the audit filter ("Akun dan keamanan")."""
    for code, label in labels.items():
        _ACTION_LABELS[code] = (group, label)


@functools.cache
def _workflow_actions() -> dict[str, tuple[str, str]]:
    """Actions of declared workflows ("app.model.transition"), named from their declaration.
    Models are all loaded before the first request, so this is computed once."""
    found = {}
    for model in apps.get_models():
        workflow = getattr(model, "workflow", None)
        for transition in getattr(workflow, "transitions", ()):
            name = capfirst(str(model._meta.verbose_name))
            found[f"{model._meta.label_lower}.{transition.name}"] = (
                name,
                f"{name}: {transition.label or transition.name}",
            )
    return found


def action_label(action: str) -> str:
    """What `action` means, in the active language; the code itself when it was never named."""
    named = _ACTION_LABELS.get(action)
    if named is None and action.count(".") >= 2:
        named = _workflow_actions().get(action)
    return str(named[1]) if named else action


# before/after keys that are not model fields ("locked", "via") and some of their coded values.
_DETAIL_LABELS: dict[str, str] = {}
_VALUE_LABELS: dict[tuple[str, str], str] = {}


def register_detail_labels(fields: Mapping[str, str], values: Mapping[tuple[str, str], str] = ()) -> None:
    """Name before/after keys that are not fields of the event's model, and coded values of them:
    `register_detail_labels({"via": _("Melalui")}, {("via", "reset"): _("tautan di surel")})`."""
    _DETAIL_LABELS.update(fields)
    _VALUE_LABELS.update(dict(values))


def detail_label(key: str) -> str:
    label = _DETAIL_LABELS.get(key)
    return str(label) if label is not None else key


def detail_value(key: str, value):
    if isinstance(value, str) and (key, value) in _VALUE_LABELS:
        return str(_VALUE_LABELS[(key, value)])
    return value


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every named action, grouped and sorted by label, for a filter: [(group, [(code, label)])]."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, (group, label) in {**_workflow_actions(), **_ACTION_LABELS}.items():
        groups.setdefault(str(group), []).append((code, str(label)))
    return [(group, sorted(items, key=lambda item: item[1])) for group, items in sorted(groups.items())]


def _plain(value):
    """What a JSON column gives back, so the hash is computed on exactly what is stored."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj, fields: Iterable[str] | None = None) -> dict:
    """The fields of a model instance as plain JSON values, for before/after."""
    data = model_to_dict(obj, fields=list(fields) if fields is not None else None)
    for key, value in list(data.items()):
        if hasattr(value, "name") and hasattr(value, "storage"):
            data[key] = value.name or ""
        elif isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
    return _plain(data)


def changes(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Keep only the keys whose values differ, to make events readable."""
    if not before or not after:
        return before, after
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


GAP = _("urutan terputus (ada kejadian yang dihapus)")
BROKEN_LINK = _("tautan ke kejadian sebelumnya tidak cocok")
ALTERED = _("isi kejadian telah diubah")
TAIL_MISSING = _("kejadian terakhir dalam rantai hilang")


@dataclass(frozen=True)
class VerificationResult:
    """The outcome for one chain: the FIRST event that does not fit (and why), or ok."""

    ok: bool
    checked: int
    first_bad_event_id: int | None = None
    reason: str = ""
    first_bad_sequence: int | None = None


def record(
    *,
    actor,
    action: str,
    obj=None,
    organisation=None,
    before: dict | None = None,
    after: dict | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event. Call inside the transaction that makes the change.

    `actor_label` names an actor without an account (a citizen acting by number and secret, e.g.
    "Pemohon: Siti Aminah"); it is used only when `actor` is not a signed-in user."""
    if organisation is None and obj is not None:
        organisation = getattr(obj, "organisation", None)
        if organisation is None and obj.__class__.__name__ == "Organisation":
            organisation = obj
    org_id = organisation.pk if organisation is not None else None
    chain_key = org_id or GLOBAL_CHAIN
    ctx = context.current()
    if object_type is None and obj is not None:
        object_type = obj._meta.label_lower
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_label = f"{actor.display_name} ({actor.username})"
    elif not actor_label and actor is None:
        actor_label = SYSTEM_ACTOR_LABEL
    with transaction.atomic():
        AuditChainHead.objects.bulk_create([AuditChainHead(chain_key=chain_key)], ignore_conflicts=True)
        head = AuditChainHead.objects.select_for_update().get(chain_key=chain_key)
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
            actor_label=actor_label[:200],
            organisation_id=org_id,
            action=action,
            object_type=object_type or "",
            object_id=str(object_id if object_id is not None else (obj.pk if obj is not None else ""))[:64],
            object_repr=(object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[
                :255
            ],
            before=_plain(before),
            after=_plain(after),
            request_id=ctx.request_id,
            ip_address=ctx.ip_address,
            chain_key=chain_key,
            sequence=head.last_sequence + 1,
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        AuditChainHead.objects.filter(pk=chain_key).update(last_sequence=event.sequence, last_hash=event.hash)
    return event


def verify_chain(chain_key: int) -> VerificationResult:
    prev_hash = ""
    expected_sequence = 1
    checked = 0
    events = AuditEvent.objects.filter(chain_key=chain_key).order_by("sequence").iterator(chunk_size=2000)
    for event in events:
        checked += 1
        reason = None
        if event.sequence != expected_sequence:
            reason = GAP
        elif event.prev_hash != prev_hash:
            reason = BROKEN_LINK
        elif event.compute_hash() != event.hash:
            reason = ALTERED
        if reason is not None:
            return VerificationResult(False, checked, event.pk, reason, first_bad_sequence=event.sequence)
        prev_hash = event.hash
        expected_sequence += 1
    head = AuditChainHead.objects.filter(pk=chain_key).first()
    if head and (head.last_sequence != expected_sequence - 1 or head.last_hash != prev_hash):
        return VerificationResult(False, checked, None, TAIL_MISSING, first_bad_sequence=expected_sequence)
    return VerificationResult(True, checked)


def verify_all() -> list[tuple[int, VerificationResult]]:
    keys = sorted(
        set(AuditChainHead.objects.values_list("chain_key", flat=True))
        | set(AuditEvent.objects.values_list("chain_key", flat=True).distinct())
    )
    return [(key, verify_chain(key)) for key in keys]
