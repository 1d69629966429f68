"""The working-day calendar screen."""

from datetime import date

import pytest
from django.urls import reverse

from lontar.core.models import CalendarDay, Role
from lontar.core.workdays import services
from lontar.core.workdays.models import DayKind


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_org_admin_sees_a_years_days_off(client, org_admin, district):
    services.load_cuti_bersama(actor=None)
    response = login(client, org_admin).get(reverse("core:workdays_calendar"), {"tahun": 2026})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hari Raya Idul Fitri" in body and "Cuti bersama Idul Fitri 1447 H" in body
    assert (
        "Tenggat n hari kerja jatuh pada hari kerja ke-n sesudah tanggal mulai. Tanggal mulai sendiri "
        "tidak dihitung, juga bila jatuh pada hari libur." in body
    )
    assert reverse("core:workdays_calendar") in login(client, org_admin).get("/").content.decode()


@pytest.mark.django_db
def test_staff_are_refused_the_calendar_screen(client, staff_user):
    assert login(client, staff_user).get(reverse("core:workdays_calendar")).status_code == 403


@pytest.mark.django_db
def test_org_admin_adds_and_removes_an_office_closure(client, org_admin, district):
    login(client, org_admin)
    response = client.post(
        reverse("core:workdays_closure_add"),
        {"kantor": district.pk, "tahun": 2026, "date": "2026-11-04", "description": "Hari jadi kecamatan"},
    )
    assert response.status_code == 302
    row = CalendarDay.objects.get()
    assert (row.organisation, row.kind, row.date) == (district, DayKind.OFFICE_CLOSURE, date(2026, 11, 4))
    response = client.post(reverse("core:workdays_day_remove", args=[row.pk]), {"kantor": district.pk})
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_a_closure_without_description_is_explained_and_not_saved(client, org_admin, district):
    response = login(client, org_admin).post(
        reverse("core:workdays_closure_add"), {"kantor": district.pk, "date": "2026-11-04", "description": ""}
    )
    assert response.status_code == 200
    assert "Bidang ini harus diisi" in response.content.decode()
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_org_admin_cannot_touch_cuti_bersama_or_another_offices_closure(
    client, org_admin, foreign_user, district, other_district
):
    services.load_cuti_bersama(actor=None, years=[2026])
    cuti = CalendarDay.objects.filter(kind=DayKind.CUTI_BERSAMA).first()
    login(client, org_admin)
    assert (
        client.post(reverse("core:workdays_day_remove", args=[cuti.pk]), {"kantor": district.pk}).status_code
        == 403
    )
    response = client.post(
        reverse("core:workdays_national_add"),
        {"kantor": district.pk, "date": "2026-06-02", "kind": "cuti_bersama", "description": "x"},
    )
    assert response.status_code == 403
    closure = services.add_day(
        actor=foreign_user,
        day=date(2026, 6, 2),
        kind=DayKind.OFFICE_CLOSURE,
        description="x",
        organisation=other_district,
    )
    assert (
        client.post(
            reverse("core:workdays_day_remove", args=[closure.pk]), {"kantor": district.pk}
        ).status_code
        == 404
    )
    assert CalendarDay.objects.filter(pk__in=[cuti.pk, closure.pk]).count() == 2


@pytest.mark.django_db
def test_city_admin_adds_cuti_bersama_for_every_office(client, city, district, make_member):
    city_admin = make_member(city, Role.CITY_ADMIN)
    login(client, city_admin)
    page = client.get(reverse("core:workdays_calendar"), {"kantor": district.pk, "tahun": 2027})
    assert "Tambah cuti bersama" in page.content.decode()
    response = client.post(
        reverse("core:workdays_national_add"),
        {"kantor": district.pk, "date": "2027-03-12", "kind": "cuti_bersama", "description": "SKB 2027"},
    )
    assert response.status_code == 302
    row = CalendarDay.objects.get()
    assert row.organisation is None and row.kind == DayKind.CUTI_BERSAMA


@pytest.mark.django_db
def test_the_auditor_reads_the_calendar_but_is_offered_no_change(client, district, auditor, org_admin):
    closure = services.add_closure(
        actor=org_admin, day=date(2026, 12, 28), description="Pindahan kantor", organisation=district
    )
    client.force_login(auditor)
    page = client.get(reverse("core:workdays_calendar"), {"kantor": district.pk, "tahun": 2026})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pindahan kantor" in text
    assert reverse("core:workdays_closure_add") not in text
    assert reverse("core:workdays_day_remove", args=[closure.pk]) not in text
    response = client.post(
        reverse("core:workdays_closure_add"),
        {"kantor": district.pk, "date": "2026-12-29", "description": "Tidak boleh"},
    )
    assert response.status_code == 403
    assert client.post(reverse("core:workdays_day_remove", args=[closure.pk])).status_code == 403
    assert CalendarDay.objects.filter(organisation=district).count() == 1
