"""The screens of counter visits: the citizen's booking on a phone (no account) and its page, the
front desk's queue, and the waiting room's display."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.public_services.models import CounterSettings, Visit, VisitStatus
from lontar.public_services.services import visits as services
from lontar.public_services.tests.factories import make_service
from lontar.public_services.tests.test_visits_booking import MONDAY, TUESDAY, at

pytestmark = pytest.mark.django_db
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


@pytest.fixture
def service(district):
    CounterSettings.objects.create(
        organisation=district, opens_at=dt.time(8), closes_at=dt.time(11), visits_per_slot=2, queue_prefix="B"
    )
    return make_service(district, daily_quota=3)


@pytest.fixture
def desk(district):
    return member(district, Role.FRONT_DESK)


def book_url(service) -> str:
    return reverse("public_services:book", args=[service.organisation_id, service.code])


def booking(day=TUESDAY, slot="08:00", phone="0812 3456 7001", name="Budi Santoso") -> dict:
    return {"day": day.isoformat(), "slot_start": slot, "name": name, "phone": phone, "email": ""}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def test_a_citizen_books_without_an_account_and_sees_number_code_and_qr(service):
    client = Client()
    with at(MONDAY, 8, 30):
        page = client.get(book_url(service)).content.decode()
        # Monday's remaining sessions (9.00, 10.00) are offered first, with the places left.
        assert "sisa 2 tempat" in page and "sudah dimulai" in page
        response = client.post(book_url(service), booking())
        visit = Visit.objects.get()
        assert response["Location"] == reverse("public_services:visit", args=[visit.code])
        body = client.get(response["Location"]).content.decode()
    assert "B-001" in body and visit.code in body
    assert "data:image/svg+xml" in body
    assert "Selasa, 3 November 2026" in body and "08.00\N{EN DASH}09.00" in body
    assert "0812" in body and "081234567001" not in body  # the phone is masked


def test_pressing_book_twice_shows_the_first_booking_not_a_refusal(service):
    client = Client()
    with at(MONDAY):
        first = client.post(book_url(service), booking())
        second = client.post(book_url(service), booking())
    assert Visit.objects.count() == 1
    assert second["Location"] == first["Location"]
    # Someone else with the same number gets the refusal, not the booking.
    with at(MONDAY):
        other = Client().post(book_url(service), booking())
    assert other.status_code == 200
    assert "sudah memesan antrean" in other.content.decode()


def test_a_holiday_is_refused_in_words_and_a_full_day_is_marked(service):
    client = Client()
    with at(dt.date(2026, 12, 21)):
        page = client.get(book_url(service), {"tanggal": "2026-12-25"}).content.decode()
        assert "Loket tidak buka pada Jumat, 25 Desember 2026" in page
        response = client.post(book_url(service), booking(day=dt.date(2026, 12, 25)))
    assert response.status_code == 200
    assert "Loket tidak buka" in response.content.decode()
    assert not Visit.objects.exists()
    with at(MONDAY):
        for n in range(3):
            services.book_visit(
                service=service, day=TUESDAY, slot_start=dt.time(9), name="X", phone=f"08120000000{n}"
            ) if n < 2 else services.book_visit(
                service=service, day=TUESDAY, slot_start=dt.time(10), name="X", phone=f"08120000000{n}"
            )
        page = client.get(book_url(service)).content.decode()
    assert "penuh" in page


def test_the_booking_page_exists_only_for_published_services_that_take_bookings(district):
    hidden = make_service(district, code="tertutup", accepts_booking=False)
    assert Client().get(book_url(hidden)).status_code == 404
    assert Client().get(reverse("public_services:book", args=[district.pk, "tidak-ada"])).status_code == 404


def test_the_citizen_cancels_on_the_booking_page_with_the_phone_number(service):
    client = Client()
    with at(MONDAY):
        client.post(book_url(service), booking())
        visit = Visit.objects.get()
        url = reverse("public_services:visit", args=[visit.code])
        wrong = client.post(url, {"phone": "089999999999"})
        assert "tidak cocok" in wrong.content.decode()
        client.post(url, {"phone": "+6281234567001"})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED


def test_the_front_desk_runs_the_day_from_the_queue_screen(service, desk):
    with at(MONDAY):
        booked = services.book_visit(
            service=service, day=TUESDAY, slot_start=dt.time(8), name="Budi", phone="081200000001"
        )
    client = signed_in(desk)
    with at(TUESDAY, 7, 55):
        client.post(reverse("public_services:queue_check_in"), {"code": f"https://x/antrean/{booked.code}/"})
        client.post(reverse("public_services:queue_ticket"), {"service": service.pk, "name": "Pak Rahmat"})
        page = client.get(reverse("public_services:queue")).content.decode()
        assert "B-001" in page and "B-002" in page and "Pak Rahmat" in page
        # The walk-in has waited since 7.55; the booking is due when its 8.00 session starts.
        client.post(reverse("public_services:queue_call_next"), {"kantor": service.organisation_id})
        display = client.get(reverse("public_services:queue_display")).content.decode()
        assert "B-002" in display and 'http-equiv="refresh" content="15"' in display
        walk_in = Visit.objects.get(is_walk_in=True)
        client.post(reverse("public_services:queue_visit_action", args=[walk_in.pk]), {"aksi": "selesai"})
        client.post(reverse("public_services:queue_call_next"), {"kantor": service.organisation_id})
        client.post(reverse("public_services:queue_visit_action", args=[booked.pk]), {"aksi": "tidak_hadir"})
    booked.refresh_from_db()
    walk_in.refresh_from_db()
    assert walk_in.status == VisitStatus.SERVED and walk_in.served_by == desk
    assert booked.status == VisitStatus.NO_SHOW and booked.called_at is not None


def test_the_queue_screens_are_closed_to_staff_without_the_queue_action_and_to_other_offices(
    district, other_district, service, desk
):
    with at(TUESDAY, 8):
        ticket = services.walk_in_ticket(actor=desk, service=service)
        head = signed_in(member(district, Role.HEAD))
        foreign = signed_in(member(other_district, Role.FRONT_DESK))
        assert head.get(reverse("public_services:queue")).status_code == 403
        assert head.get(reverse("public_services:queue_display")).status_code == 403
        assert (
            head.post(reverse("public_services:queue_call_next"), {"kantor": district.pk}).status_code == 403
        )
        assert (
            foreign.post(reverse("public_services:queue_call_next"), {"kantor": district.pk}).status_code
            == 404
        )
        assert (
            foreign.get(reverse("public_services:queue_display"), {"kantor": district.pk}).status_code == 404
        )
        assert (
            foreign.post(reverse("public_services:queue_ticket"), {"service": service.pk}).status_code == 404
        )
        action = reverse("public_services:queue_visit_action", args=[ticket.pk])
        assert foreign.post(action, {"aksi": "tidak_hadir"}).status_code == 404
        assert head.post(action, {"aksi": "tidak_hadir"}).status_code == 404
    ticket.refresh_from_db()
    assert ticket.status == VisitStatus.CHECKED_IN
    assert Visit.objects.count() == 1


def test_a_walk_in_ticket_opens_a_printable_slip_with_its_number_and_a_tracking_qr(
    district, other_district, service, desk
):
    client = signed_in(desk)
    with at(TUESDAY, 8):
        response = client.post(
            reverse("public_services:queue_ticket"), {"service": service.pk, "name": "Bu Ani"}
        )
        walk_in = Visit.objects.get(is_walk_in=True)
        assert response.status_code == 302
        assert response.url == reverse("public_services:queue_ticket_slip", args=[walk_in.pk])
        page = client.get(response.url).content.decode()
        assert 'data-testid="slip-number">B-001<' in page
        assert service.name in page and "Bu Ani" in page and "data:image/svg+xml" in page
        assert "@page { size: 80mm auto" in page
        foreign = signed_in(member(other_district, Role.FRONT_DESK))
        assert foreign.get(reverse("public_services:queue_ticket_slip", args=[walk_in.pk])).status_code == 404
