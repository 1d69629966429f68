"""Meetings screens and API through the test client: scheduling (with the room clash shown), detail,
QR screen and check-in, guest form, minutes and action items, PDFs, my action items, REST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.meetings import services
from lontar.meetings.models import ActionStatus, Meeting
from lontar.meetings.tests.factories import next_weekday, schedule

pytestmark = pytest.mark.django_db


def _form(office, **overrides):
    data = {
        "kantor": office.org.pk,
        "title": "Rapat evaluasi pelayanan",
        "agenda": "Evaluasi IKM triwulan",
        "kind": "hibrida",
        "day": next_weekday(2).isoformat(),
        "start": "09:00",
        "end": "11:00",
        "room": office.room.pk,
        "chair": office.camat.pk,
        "note_taker": office.staff.pk,
        "invited_users": [office.staff2.pk],
        "guests": "Ketua LPM; LPM Kecamatan; lpm@contoh.id",
    }
    data.update(overrides)
    return data


def test_schedule_screen_books_the_room_and_shows_a_clash(client, office):
    client.force_login(office.kasi)
    assert client.get(reverse("meetings:create")).status_code == 200
    response = client.post(reverse("meetings:create"), _form(office))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("meetings:detail", args=[meeting.pk])
    page = client.get(response.url).content.decode()
    assert "meet.jit.si" in page and meeting.booking.reference in page
    clash = client.post(reverse("meetings:create"), _form(office, title="Bentrok"))
    assert clash.status_code == 400
    assert "sudah dipinjam" in clash.content.decode()
    assert Meeting.objects.count() == 1


def test_bad_guest_line_is_explained(client, office):
    client.force_login(office.kasi)
    response = client.post(reverse("meetings:create"), _form(office, guests="a;b;c;d"))
    assert response.status_code == 400 and "Baris 1" in response.content.decode()


def test_qr_screen_and_one_tap_check_in(client, office):
    meeting = schedule(office)
    client.force_login(office.kasi)
    qr = client.get(reverse("meetings:qr", args=[meeting.pk]))
    assert qr.status_code == 200 and qr["Refresh"]
    token = services.qr_token(meeting)
    client.force_login(office.staff2)
    url = reverse("meetings:checkin", args=[token])
    assert "Hadir sebagai" in client.get(url).content.decode()
    done = client.post(url)
    assert "tercatat" in done.content.decode()
    client.post(url)
    assert meeting.attendances.count() == 1
    client.force_login(office.staff2)
    assert client.get(reverse("meetings:qr", args=[meeting.pk])).status_code == 403


def test_guest_form_is_public_and_a_bad_token_is_refused(client, office):
    meeting = schedule(office)
    token = services.qr_token(meeting)
    url = reverse("meetings:checkin_guest", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Pak Lurah", "institution": "Kelurahan Mekar"})
    assert response.status_code == 200 and "tercatat" in response.content.decode()
    assert client.get(reverse("meetings:checkin", args=["salah"])).status_code == 410


def test_minutes_items_done_from_my_list_and_pdfs(client, office):
    meeting = schedule(office)
    client.force_login(office.staff)
    response = client.post(
        reverse("meetings:minutes_save", args=[meeting.pk]),
        {"minutes-summary": "Ringkasan", "minutes-discussion": "Bahas", "minutes-decisions": "Setuju"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {
            "item-description": "Kirim laporan",
            "item-owner": office.staff2.pk,
            "item-due_date": next_weekday(4).isoformat(),
        },
    )
    assert response.status_code == 302
    item = meeting.action_items.get()
    assert (
        client.get(reverse("meetings:attendance_pdf", args=[meeting.pk]))["Content-Type"] == "application/pdf"
    )
    assert client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))["Content-Type"] == "application/pdf"
    client.force_login(office.staff2)
    mine = client.get(reverse("meetings:my_actions"))
    assert "Kirim laporan" in mine.content.decode()
    client.post(reverse("meetings:item_done", args=[item.pk]), {"done-note": "Terkirim", "next": "mine"})
    item.refresh_from_db()
    assert item.status == ActionStatus.DONE
    client.force_login(office.sekcam)
    assert client.post(reverse("meetings:minutes_finalise", args=[meeting.pk])).status_code == 302
    client.force_login(office.staff)
    locked = client.post(reverse("meetings:minutes_save", args=[meeting.pk]), {"minutes-summary": "ubah"})
    assert locked.status_code == 400


def test_outsider_sees_nothing(client, office):
    meeting = schedule(office)
    client.force_login(office.outsider)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert meeting.title not in client.get(reverse("meetings:list")).content.decode()


def test_api_lists_meetings_and_marks_my_item_done(client, office):
    meeting = schedule(office)
    item = services.add_action_item(
        actor=office.staff,
        meeting=meeting,
        description="Rekap",
        owner=office.staff2,
        due_date=next_weekday(4),
    )
    client.force_login(office.staff2)
    listed = client.get("/api/v1/rapat/").json()
    assert [m["id"] for m in listed["results"]] == [meeting.pk]
    items = client.get("/api/v1/tindak-lanjut-rapat/").json()["results"]
    assert [i["id"] for i in items] == [item.pk]
    assert client.post(f"/api/v1/tindak-lanjut-rapat/{item.pk}/selesai/", {"note": ""}).status_code == 400
    done = client.post(f"/api/v1/tindak-lanjut-rapat/{item.pk}/selesai/", {"note": "Beres"})
    assert done.status_code == 200 and done.json()["status"] == "selesai"
    client.force_login(office.kasi)
    created = client.post(
        "/api/v1/rapat/",
        {
            "organisation": office.org.pk,
            "title": "Daring",
            "agenda": "Bahas",
            "kind": "daring",
            "starts_at": "2030-01-08T09:00:00",
            "ends_at": "2030-01-08T10:00:00",
            "chair": office.sekcam.pk,
            "note_taker": office.staff.pk,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["online_url"].startswith("https://meet.jit.si/")


def test_guest_form_is_rate_limited_per_address(client, office, monkeypatch):
    from django.core.cache import cache

    from lontar.meetings.views import screens

    cache.clear()
    monkeypatch.setattr(screens, "GUEST_CHECKINS_PER_ADDRESS", 2)
    meeting = schedule(office)
    url = reverse("meetings:checkin_guest", args=[services.qr_token(meeting)])
    for n in range(2):
        client.post(url, {"name": f"Tamu nomor {n}", "institution": "Desa"})
    refused = client.post(url, {"name": "Tamu ketiga", "institution": "Desa"})
    assert refused.status_code == 429
    assert meeting.attendances.count() == 2
    cache.clear()
