"""Isolation routes of the portal (citizen) part of public services.

Every page here is public but "Permohonan saya" (any signed-in user's own applications): a citizen
may have no account. The walk aims them at office A's application
with its real number and a WRONG secret (or no secret at all), so a page that leaked anything
personal without the secret would show office A's markers. Only the service's public name may show
(the apply pages are about that service)."""

from __future__ import annotations

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.public_services.models import MessageKind
from lontar.public_services.services import applications as app_services
from lontar.public_services.tests.factories import make_service, submitted_application

WRONG_SECRET = "SALAH234"
SERVICE_NAME = frozenset({"portal_service_name"})


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    service = office.add(
        "portal_service",
        make_service(org, code="portal-uji", name=office.marker("portal_service_name")),
    )
    application, _secret = submitted_application(
        service,
        name=office.marker("portal_applicant_name"),
        phone="081299990001",
        email="pemohon.a@example.com",
        address=office.marker("portal_applicant_address"),
        data={"keperluan": office.marker("portal_answer")},
    )
    officer = member(org, Role.FRONT_DESK, full_name=office.marker("portal_officer_name"))
    app_services.add_message(
        application=application, kind=MessageKind.INTERNAL, body=office.marker("portal_note"), actor=officer
    )
    office.add("portal_application", application)


def _service(office: OfficeA) -> dict:
    return {"org_id": office.org.pk, "code": office.portal_service.code}


def _number(office: OfficeA) -> dict:
    return {"number": office.portal_application.number}


PUBLIC_APPLY = "a citizen applies without an account; shows only the published service's name"
PUBLIC_TRACK = "citizen tracking; without this browser's grant (number + secret) it shows only the form"

ROUTES: dict = {
    "public_services:apply": Route(
        kwargs=_service,
        post_data=lambda office: {"nama": "Penyusup", "kunci": "kunci-uji", "ajukan": "1"},
        public=PUBLIC_APPLY,
        may_show=SERVICE_NAME,
    ),
    "public_services:apply_contact": Route(
        kwargs=_service,
        post_data=lambda office: {"kanal": "surel", "alamat": "uji@example.com"},
        public=PUBLIC_APPLY,
        may_show=SERVICE_NAME,
    ),
    "public_services:apply_code": Route(
        kwargs=_service,
        post_data=lambda office: {"kode": "123456"},
        public=PUBLIC_APPLY,
        may_show=SERVICE_NAME,
    ),
    "public_services:register": Route(
        post_data=lambda office: {
            "nama": "Penyusup",
            "surel": "penyusup@example.com",
            "sandi": "Sandi-Uji-2026",
        },
        public="a citizen registers an account; creates nothing before the e-mail code is given",
    ),
    "public_services:register_code": Route(
        post_data=lambda office: {"kode": "123456"},
        public="the registration code of this browser's own pending registration; no data of anyone else",
    ),
    # Signed in only: the user's own applications (applicant_user = the user), never another's.
    "public_services:my_applications": Route(),
    "public_services:track": Route(
        post_data=lambda office: {"nomor": office.portal_application.number, "rahasia": WRONG_SECRET},
        public=PUBLIC_TRACK,
    ),
    "public_services:track_forget": Route(public="forgets this browser's own grants; touches no data"),
    "public_services:track_detail": Route(kwargs=_number, public=PUBLIC_TRACK),
    "public_services:receipt": Route(kwargs=_number, public=PUBLIC_TRACK),
    "public_services:track_correct": Route(
        kwargs=_number,
        post_data=lambda office: {"nama": "Diambil alih", "pesan": "Diambil alih"},
        public=PUBLIC_TRACK,
    ),
    "public_services:track_download": Route(kwargs=_number, public=PUBLIC_TRACK),
    "public_services:track_link": Route(
        kwargs=lambda office: {"number": office.portal_application.number, "secret": WRONG_SECRET},
        public="the QR link; with a wrong secret it shows only the tracking form",
    ),
}
