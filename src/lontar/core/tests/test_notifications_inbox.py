"""The in-app inbox: its unread count on every page, marking read, and office boundaries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lontar.core.models import Membership, Role
from lontar.core.notifications.models import Channel, Delivery, Notification
from lontar.core.notifications.services import mark_all_read, mark_read, notify


@pytest.fixture(autouse=True)
def _plain_static(settings):
    # Render pages without needing a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _notification_counts(queries) -> int:
    return sum(1 for q in queries if 'FROM "core_notification"' in q["sql"] and "COUNT(" in q["sql"].upper())


BADGE = '<span class="badge text-bg-warning" aria-label="{n} belum dibaca">{n}</span>'


@pytest.mark.parametrize("url_name", ["core:dashboard", "core:notification_preferences", "core:search"])
def test_unread_count_shows_in_the_top_navigation_for_one_query(client, staff_user, district, url_name):
    for title in ("Surat masuk baru", "Disposisi baru", "Tenggat besok"):
        notify(recipient=staff_user, title=title, organisation=district)
    client.force_login(staff_user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert BADGE.format(n=3) in response.content.decode()
    # The dashboard shows the count twice (navigation and pending work) but counts once.
    assert _notification_counts(queries.captured_queries) == 1


def test_no_badge_and_no_pending_line_when_everything_is_read(client, staff_user, district):
    notify(recipient=staff_user, title="Surat masuk baru", organisation=district)
    mark_all_read(user=staff_user)
    client.force_login(staff_user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "text-bg-warning" not in html
    assert "Notifikasi belum dibaca" not in html


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, staff_user, district):
    first = notify(recipient=staff_user, title="Surat masuk", url="/cari/", organisation=district)
    notify(recipient=staff_user, title="Lainnya", organisation=district)
    client.force_login(staff_user)

    response = client.post(reverse("core:notification_open", args=[first.pk]))

    assert (response.status_code, response["Location"]) == (302, "/cari/")
    first.refresh_from_db()
    assert first.read_at is not None
    assert Notification.objects.filter(recipient=staff_user, read_at__isnull=True).count() == 1
    assert BADGE.format(n=1) in client.get(reverse("core:dashboard")).content.decode()


def test_a_notification_never_opens_an_outside_link(client, staff_user, district):
    lure = notify(
        recipient=staff_user, title="Klik", url="https://contoh-jahat.example/", organisation=district
    )
    client.force_login(staff_user)
    response = client.post(reverse("core:notification_open", args=[lure.pk]))
    assert (response.status_code, response["Location"]) == (302, reverse("core:notifications"))


def test_someone_elses_notification_can_be_neither_opened_nor_marked_read(client, staff_user, head, district):
    theirs = notify(recipient=head, title="Untuk Camat", organisation=district)
    client.force_login(staff_user)

    assert client.post(reverse("core:notification_open", args=[theirs.pk])).status_code == 404
    assert mark_read(user=staff_user, notification_id=theirs.pk) is False
    client.post(reverse("core:notifications_read_all"))

    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "Untuk Camat" not in client.get(reverse("core:notifications")).content.decode()


def test_no_notification_about_an_office_reaches_a_user_of_another_office(
    foreign_user, district, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = notify(
            recipient=foreign_user,
            title="Disposisi: surat rahasia Kecamatan Satu",
            body="Isi ringkas surat.",
            organisation=district,
            channels=[Channel.EMAIL],
        )
    assert result is None
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()
    assert callbacks == []


def test_city_administrator_is_notified_about_any_office(city, district, make_member):
    city_admin = make_member(city, Role.CITY_ADMIN)
    notification = notify(recipient=city_admin, title="Laporan kecamatan", organisation=district)
    assert notification is not None
    assert Notification.objects.get().recipient == city_admin


def test_notifications_of_an_office_the_user_left_disappear_from_the_inbox(client, staff_user, district):
    old = notify(recipient=staff_user, title="Disposisi: data warga Kecamatan Satu", organisation=district)
    personal = notify(recipient=staff_user, title="Kata sandi Anda diubah")
    Membership.objects.filter(user=staff_user).update(is_active=False)
    client.force_login(staff_user)

    inbox = client.get(reverse("core:notifications")).content.decode()

    assert "Disposisi: data warga Kecamatan Satu" not in inbox
    assert "Kata sandi Anda diubah" in inbox
    assert client.post(reverse("core:notification_open", args=[old.pk])).status_code == 404
    old.refresh_from_db()
    assert old.read_at is None
    assert BADGE.format(n=1) in inbox
    assert mark_read(user=staff_user, notification_id=personal.pk) is True
