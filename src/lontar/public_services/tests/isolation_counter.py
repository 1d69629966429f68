"""Isolation routes of the counter part of public services: office A's walk-in application, a walk-in
ticket and an online booking, and every counter URL aimed at them."""

from __future__ import annotations

import uuid

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.public_services.selectors import visits as visit_selectors
from lontar.public_services.services import counter as counter_services
from lontar.public_services.services import visits as visit_services
from lontar.public_services.tests.factories import applicant, make_service


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    officer = office.add(
        "counter_officer", member(org, Role.FRONT_DESK, full_name=office.marker("counter_officer_name"))
    )
    service = office.add(
        "counter_service",
        make_service(
            org,
            code="loket-isolasi",
            name=office.marker("counter_service_name"),
            uploads=("KTP pemohon",),
        ),
    )
    requirements = list(visit_selectors.standard_for(service).requirements.all())
    new = counter_services.register_walk_in(
        actor=officer,
        service=service,
        applicant=applicant(
            name=office.marker("walk_in_applicant"), address=office.marker("walk_in_address")
        ),
        data={"keperluan": office.marker("walk_in_purpose")},
        checked_requirements=requirements,
        submit_key=uuid.uuid4().hex,
    )
    office.add("counter_application", new.application)
    office.add(
        "walk_in_visit",
        visit_services.walk_in_ticket(actor=officer, service=service, name=office.marker("ticket_name")),
    )
    day = visit_selectors.days_with_room(service)[0].day
    slot = next(s for s in visit_selectors.slots_on(service, day) if s.bookable)
    office.add(
        "booked_visit",
        visit_services.book_visit(
            service=service,
            day=day,
            slot_start=slot.start,
            name=office.marker("visit_name"),
            phone="081299990001",
        ),
    )


def _application(office):
    return {"pk": office.counter_application.pk}


ROUTES: dict[str, Route] = {
    "public_services:walk_in": Route(
        post_data=lambda office: {
            "layanan": office.counter_service.pk,
            "submit_key": "diselundupkan",
            "name": "Pemohon Selundupan",
            "nik": "3273014501900002",
            "address": "Jl. Lain",
            "isian_keperluan": "Selundupan",
        }
    ),
    "public_services:counter_receipt": Route(kwargs=_application),
    "public_services:counter_receipt_pdf": Route(kwargs=_application),
    "public_services:counter_new_secret": Route(kwargs=_application),
    "public_services:queue": Route(),
    "public_services:queue_display": Route(),
    "public_services:queue_ticket": Route(
        post_data=lambda office: {"service": office.counter_service.pk, "name": "Selundupan"}
    ),
    "public_services:queue_ticket_slip": Route(kwargs=lambda office: {"pk": office.walk_in_visit.pk}),
    "public_services:queue_call_next": Route(post_data=lambda office: {"kantor": office.org.pk}),
    "public_services:queue_check_in": Route(post_data=lambda office: {"code": office.booked_visit.code}),
    "public_services:queue_visit_action": Route(
        kwargs=lambda office: {"pk": office.walk_in_visit.pk},
        post_data=lambda office: {"aksi": "tidak_hadir"},
    ),
    "public_services:book": Route(
        kwargs=lambda office: {"org_id": office.org.pk, "code": office.counter_service.code},
        public="citizens book a counter visit without an account; shows the published service only",
        may_show=frozenset({"counter_service_name"}),
    ),
    "public_services:visit": Route(
        kwargs=lambda office: {"code": office.booked_visit.code},
        # A wrong phone number: cancelling needs the number the booking was made with.
        post_data=lambda office: {"phone": "089900001111"},
        public="the citizen's own booking, reached by its unguessable code; the phone is masked",
        may_show=frozenset({"counter_service_name", "visit_name"}),
    ),
}
