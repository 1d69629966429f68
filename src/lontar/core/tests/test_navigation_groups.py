"""The header gathers a module's screens in one menu, so the daily links stay few."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.core.models import Role
from lontar.core.navigation import NavGroup, NavItem, header_entries, registry
from lontar.core.tests.factories import member


def test_items_of_a_registered_group_are_gathered_where_its_first_item_stands(monkeypatch):
    monkeypatch.setattr(registry, "groups", {"staff": "Kepegawaian"})
    items = [
        NavItem("mail", "Surat Masuk", "core:dashboard", order=10),
        NavItem("leave", "Cuti", "core:dashboard", order=20, group="staff"),
        NavItem("meetings", "Rapat", "core:dashboard", order=30),
        NavItem("travel", "Perjalanan dinas", "core:dashboard", order=40, group="staff"),
        NavItem("numbering", "Penomoran", "core:dashboard", order=50, group="settings"),
        NavItem("loose", "Tanpa menu", "core:dashboard", order=60, group="unregistered"),
    ]
    entries = header_entries(items)
    assert [e.key for e in entries] == ["mail", "staff", "meetings", "loose"]
    group = entries[1]
    assert isinstance(group, NavGroup) and group.label == "Kepegawaian"
    assert [item.key for item in group.items] == ["leave", "travel"]


@pytest.mark.django_db
def test_the_header_shows_the_staff_menu_with_the_screens_the_role_may_open(client, district):
    user = member(district, Role.STAFF)
    client.force_login(user)
    page = client.get(reverse("core:dashboard")).content.decode()
    menu = page[page.index('data-nav-group="staff"') :]
    menu = menu[: menu.index("</ul>")]
    assert 'data-nav="leave"' in menu and 'data-nav="attendance"' in menu
    assert 'data-nav="personnel"' not in menu  # personnel files are for Subbag TU and the leaders
