"""Role-aware navigation and the "my pending work" dashboard that modules plug into.

Modules register items from their AppConfig.ready(); the shell shows an item only when
`permissions.authorize(user, item.action)` holds, so navigation follows the same rules as the views.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from lontar.core.permissions import authorize


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    action: str | None = None
    icon: str = ""
    order: int = 100
    # One line under the link in the dashboard's quick access, saying what the screen is for.
    description: str = ""
    # "settings": an administrator's configuration screen, listed under the header's Pengaturan menu
    # so the daily screens stay on one line. Another registered group (`register_nav_group`) gathers a
    # module's screens under one header menu ("Kepegawaian": data, cuti, kehadiran, dinas luar ...).
    group: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class PendingWork:
    """One line of the dashboard: a count of things waiting for this user and where to go."""

    label: str
    count: int
    url: str
    severity: str = "info"  # info, warning, danger
    detail: str = ""


PendingProvider = Callable[[object], list[PendingWork]]


@dataclass
class NavGroup:
    """A header menu gathering the screens of one module; shown where its first visible item would be."""

    key: str
    label: str
    items: list[NavItem] = field(default_factory=list)


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    pending: list[PendingProvider] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)


registry = Registry()


def register_nav(item: NavItem) -> None:
    if all(existing.key != item.key for existing in registry.nav):
        registry.nav.append(item)
        registry.nav.sort(key=lambda i: (i.order, i.key))


def register_nav_group(key: str, label: str) -> None:
    """Name a header menu; items registered with `group=key` are listed in it."""
    registry.groups.setdefault(key, label)


def header_entries(items: list[NavItem]) -> list[NavItem | NavGroup]:
    """The header's daily entries in order: plain items, and each group's items gathered in one menu.
    Settings screens are left out (they have their own menu)."""
    entries: list[NavItem | NavGroup] = []
    groups: dict[str, NavGroup] = {}
    for item in items:
        if item.group == "settings":
            continue
        label = registry.groups.get(item.group) if item.group else None
        if label is None:
            entries.append(item)
            continue
        if item.group not in groups:
            groups[item.group] = NavGroup(item.group, str(label))
            entries.append(groups[item.group])
        groups[item.group].items.append(item)
    return entries


def register_pending_work(provider: PendingProvider) -> None:
    if provider not in registry.pending:
        registry.pending.append(provider)


def nav_for(user) -> list[NavItem]:
    return [item for item in registry.nav if item.action is None or authorize(user, item.action)]


def pending_work_for(user) -> list[PendingWork]:
    items: list[PendingWork] = []
    for provider in registry.pending:
        items.extend(provider(user))
    return items
