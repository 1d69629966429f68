"""The one place that answers "may this user do this, here, to this object?".

Two questions, two functions:

* `visible_organisation_ids(user)` — which offices' rows a user may read at all. Every tenant
  queryset goes through `TenantQuerySet.visible_to`, which calls it, so lists filter in SQL.
* `authorize(user, action, obj=None, organisation=None)` — whether the user's roles in the office
  that owns `obj` grant `action`, and whether the object's own rules (registered by the module that
  owns the model: addressee, disposition chain, security classification ...) allow it.

For lists, `organisation_ids_with(user, action)` gives, in one pass over the user's memberships,
the offices where `authorize(user, action, organisation=office)` holds, so a selector filters in SQL
instead of asking office by office.

Roles grant actions through `ROLE_ACTIONS`; modules add their actions with `grant()`. The auditor
role is read-only by construction: it holds every read action ("view" or "view_...") and nothing else,
whatever modules grant. The city administrator holds every action in every office of the kota.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lontar.core.models.organisations import Membership, Organisation, Role

# Roles whose membership in an office also covers every office below it in the tree. In a kota the
# kelurahan are work units of their kecamatan (PP 17/2018), so the Camat, the Sekcam, the
# kecamatan's administrator and its auditor look after them too.
SUBTREE_ROLES = frozenset({Role.CITY_ADMIN, Role.AUDITOR, Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN})
LEADER_ROLES = frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN})
ADMIN_ROLES = frozenset({Role.ORG_ADMIN, Role.CITY_ADMIN})

ROLE_ACTIONS: dict[str, set[str]] = defaultdict(set)
ObjectRule = Callable[[object, str, object], bool]
_OBJECT_RULES: dict[type, list[ObjectRule]] = defaultdict(list)


def grant(roles: Iterable[str], *actions: str) -> None:
    """Give `actions` to each of `roles`. Modules call this from their `AppConfig.ready`."""
    for role in roles:
        ROLE_ACTIONS[role].update(actions)


def register_object_rule(model: type, rule: ObjectRule) -> None:
    """Add a rule `rule(user, action, obj) -> bool` that must also hold for objects of `model`."""
    _OBJECT_RULES[model].append(rule)


def is_read_action(action: str) -> bool:
    """An action that only reads: its verb is "view" or starts with "view_" ("core.view_audit")."""
    verb = action.rsplit(".", 1)[-1]
    return verb == "view" or verb.startswith("view_")


def role_grants(role: str, action: str) -> bool:
    if role == Role.AUDITOR:
        return is_read_action(action)
    if role == Role.CITY_ADMIN:
        return True
    return action in ROLE_ACTIONS.get(role, ())


def _memberships(user) -> list[tuple[int, str, str]]:
    """(organisation id, organisation path, role) for each active membership, cached per user object."""
    cached = getattr(user, "_lontar_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True, organisation__is_active=True).values_list(
                "organisation_id", "organisation__path", "role"
            )
        )
        user._lontar_memberships = cached
    return cached


def _subtree_ids(user, paths: list[str]) -> set[int]:
    """Ids of the offices at or below each of `paths`, cached per user object: every action a subtree
    role holds asks the same question, and a dashboard asks it for a dozen actions."""
    cache = getattr(user, "_lontar_subtrees", None)
    if cache is None:
        cache = user._lontar_subtrees = {}
    ids: set[int] = set()
    for path in paths:
        if path not in cache:
            cache[path] = set(Organisation.objects.filter(path__startswith=path).values_list("pk", flat=True))
        ids |= cache[path]
    return ids


def forget_cached_roles(user) -> None:
    for attr in ("_lontar_memberships", "_lontar_visible_orgs", "_lontar_action_orgs", "_lontar_subtrees"):
        if hasattr(user, attr):
            delattr(user, attr)


def visible_organisation_ids(user) -> list[int]:
    """Ids of the offices whose data the user may read."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_lontar_visible_orgs", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        ids = list(Organisation.objects.values_list("pk", flat=True))
    else:
        ids_set: set[int] = set()
        subtree_paths = []
        for org_id, path, role in _memberships(user):
            ids_set.add(org_id)
            if role in SUBTREE_ROLES:
                subtree_paths.append(path)
        ids_set |= _subtree_ids(user, subtree_paths)
        ids = sorted(ids_set)
    user._lontar_visible_orgs = ids
    return ids


def organisation_ids_with(user, action: str) -> list[int]:
    """Ids of the offices where `authorize(user, action, organisation=office)` holds (before object
    rules, which need an object). Subtree roles reach the offices below their own.

    The set-wise form of `authorize`, for filtering lists in SQL; cached per user object and action.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return visible_organisation_ids(user)
    cache = getattr(user, "_lontar_action_orgs", None)
    if cache is None:
        cache = {}
        user._lontar_action_orgs = cache
    if action not in cache:
        ids: set[int] = set()
        subtree_paths = []
        for org_id, path, role in _memberships(user):
            if not role_grants(role, action):
                continue
            ids.add(org_id)
            if role in SUBTREE_ROLES:
                subtree_paths.append(path)
        ids |= _subtree_ids(user, subtree_paths)
        cache[action] = sorted(ids)
    return cache[action]


def roles_in(user, organisation) -> set[str]:
    """The roles a user holds in `organisation`, directly or through a subtree role above it."""
    if user is None or not user.is_authenticated or organisation is None:
        return set()
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    org_path = (
        Organisation.objects.values_list("path", flat=True).get(pk=org_id)
        if isinstance(organisation, int)
        else organisation.path
    )
    roles = set()
    for member_org_id, path, role in _memberships(user):
        if member_org_id == org_id or (role in SUBTREE_ROLES and org_path.startswith(path)):
            roles.add(role)
    return roles


def all_roles(user) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    return {role for _org, _path, role in _memberships(user)}


def _organisation_of(obj):
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


def authorize(user, action: str, obj=None, *, organisation=None) -> bool:
    """May `user` perform `action` on `obj` (or, without an object, in `organisation`)?

    Without an object or an organisation, the question is whether any of the user's roles
    anywhere grants the action (used for navigation).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    organisation = organisation or _organisation_of(obj)
    if user.is_superuser:
        granted = True
    elif organisation is None:
        granted = any(role_grants(role, action) for role in all_roles(user))
    else:
        org_id = organisation if isinstance(organisation, int) else organisation.pk
        if org_id not in visible_organisation_ids(user):
            return False
        granted = any(role_grants(role, action) for role in roles_in(user, organisation))
    if not granted:
        return False
    if obj is not None:
        for model, rules in _OBJECT_RULES.items():
            if isinstance(obj, model) and not all(rule(user, action, obj) for rule in rules):
                return False
    return True


def require(user, action: str, obj=None, *, organisation=None) -> None:
    """Raise PermissionDenied unless `authorize` says yes."""
    if not authorize(user, action, obj, organisation=organisation):
        raise PermissionDenied(action)


def get_visible_or_404(user, queryset, action: str | None = None, **lookup):
    """Fetch one object through the user's tenant scope; 404 when outside it, 403 when not allowed."""
    model_qs = queryset.visible_to(user) if hasattr(queryset, "visible_to") else queryset
    try:
        obj = model_qs.get(**lookup)
    except (model_qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action is not None:
        require(user, action, obj)
    return obj


# --- the platform's own actions ------------------------------------------------------------
VIEW_AUDIT = "core.view_audit"
VIEW_ORGANISATION = "core.view_organisation"
MANAGE_ORGANISATION = "core.manage_organisation"
VIEW_STAFF = "core.view_staff"
MANAGE_STAFF = "core.manage_staff"
VIEW_NUMBERING = "core.view_numbering"
MANAGE_NUMBERING = "core.manage_numbering"
VIEW_CALENDAR = "core.view_calendar"
MANAGE_CALENDAR = "core.manage_calendar"
VIEW_DOCUMENT = "core.view_document"
ISSUE_DOCUMENT = "core.issue_document"

grant(Role, VIEW_ORGANISATION, VIEW_STAFF)
grant([Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN], VIEW_AUDIT)
grant(
    [Role.ORG_ADMIN],
    MANAGE_ORGANISATION,
    MANAGE_STAFF,
    VIEW_NUMBERING,
    MANAGE_NUMBERING,
    VIEW_CALENDAR,
    MANAGE_CALENDAR,
)
grant(
    [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN],
    VIEW_DOCUMENT,
)
grant([Role.HEAD, Role.SECRETARY], ISSUE_DOCUMENT)
