"""The dashboard around the modules' pending work: roles, today's working-day status, latest
notifications, quick access by role, and the second-factor reminder for leaders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.core import navigation
from lontar.core.models import Role
from lontar.core.notifications.services import notify
from lontar.core.tests.factories import member

pytestmark = pytest.mark.django_db

BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


def _dashboard(client, user) -> str:
    client.force_login(user, backend=BACKEND)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _freeze_today(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr("lontar.core.workdays.calendar.organisation_today", lambda organisation=None: day)


def test_dashboard_names_the_users_role_and_office(client, district):
    user = member(district, Role.SECTION_HEAD)
    page = _dashboard(client, user)
    assert "Kecamatan Satu: Kepala Seksi/Kasubag" in page


def test_a_head_without_a_second_factor_is_reminded_to_enable_it(client, head):
    assert 'data-testid="second-factor-reminder"' in _dashboard(client, head)


def test_the_reminder_goes_once_the_second_factor_is_confirmed(client, head):
    TOTPDevice.objects.create(user=head, name="Ponsel", confirmed=True)
    client.force_login(head, backend=BACKEND)
    # A confirmed device means the sign-in must pass the second step first; mark it passed.
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=head).persistent_id
    session.save()
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert 'data-testid="second-factor-reminder"' not in response.content.decode()


def test_staff_are_not_nagged_about_the_second_factor(client, staff_user):
    assert 'data-testid="second-factor-reminder"' not in _dashboard(client, staff_user)


def test_on_idul_fitri_the_dashboard_says_it_is_not_a_working_day_and_names_the_next_one(
    client, staff_user, monkeypatch
):
    _freeze_today(monkeypatch, dt.date(2025, 3, 31))  # Idul Fitri 1446 H, a Monday
    page = _dashboard(client, staff_user)
    assert "Bukan hari kerja" in page
    assert "Idul Fitri" in page
    assert "Hari kerja berikutnya" in page


def test_on_a_saturday_the_dashboard_says_weekend(client, staff_user, monkeypatch):
    _freeze_today(monkeypatch, dt.date(2026, 11, 21))
    page = _dashboard(client, staff_user)
    assert "Akhir pekan" in page
    assert "Senin, 23 November" in page


def test_latest_notifications_are_the_users_own(client, district, staff_user):
    other = member(district, Role.STAFF)
    notify(recipient=staff_user, organisation=district, title="Disposisi untuk Anda", url="/")
    notify(recipient=other, organisation=district, title="Rahasia orang lain", url="/")
    page = _dashboard(client, staff_user)
    assert "Disposisi untuk Anda" in page
    assert "Rahasia orang lain" not in page


def test_quick_access_follows_the_roles_navigation(client, district, staff_user):
    admin = member(district, Role.ORG_ADMIN)
    assert reverse("core:numbering_templates") in _dashboard(client, admin)
    client.logout()
    assert reverse("core:numbering_templates") not in _dashboard(client, staff_user)


def test_the_dashboard_costs_a_bounded_number_of_queries(client, district):
    """Each module's pending-work provider adds a few queries; none may grow with the data."""
    user = member(district, Role.ORG_ADMIN)
    client.force_login(user, backend=BACKEND)

    def queries_for_dashboard() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("core:dashboard")).status_code == 200
        return len(captured)

    notify(recipient=user, organisation=district, title="Pemberitahuan awal", url="/")
    queries_for_dashboard()  # the first request fills per-process caches (content types and the like)
    few = queries_for_dashboard()
    for i in range(10):
        notify(recipient=user, organisation=district, title=f"Pemberitahuan {i}", url="/")
    assert queries_for_dashboard() == few
    # The shell (session, account, second factor, roles, notifications) costs about 15 queries; each
    # module's pending-work provider may add at most 3 (counts in SQL, never a query per row).
    assert few <= 15 + 3 * len(navigation.registry.pending)
