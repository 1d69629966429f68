"""Isolation routes of the REST API of public services (public catalogue and tracking, staff applications);
its published service also feeds the portal's transparency dashboard."""

from __future__ import annotations

from lontar.core.tests.isolation_registry import Route
from lontar.public_services.tests.factories import make_service, submitted_application

SERVICE_NAME = "transparency_service"


def _service(office) -> dict:
    return {"pk": office.transparency_service.pk}


def _application(office) -> dict:
    return {"pk": office.transparency_application.pk}


PUBLIC_CATALOGUE = "the published service catalogue: every office's public standard, meant for anyone"

ROUTES: dict = {
    # --- REST API: public --------------------------------------------------------------------------
    "api:public-service-list": Route(
        public=PUBLIC_CATALOGUE,
        may_show=frozenset({SERVICE_NAME}),
        post_data=lambda office: {"name": "Diambil alih"},
    ),
    "api:public-service-detail": Route(
        kwargs=_service,
        public=PUBLIC_CATALOGUE,
        may_show=frozenset({SERVICE_NAME}),
        post_data=lambda office: {"name": "Diambil alih"},
    ),
    "api:tracking-list": Route(
        public="tracking by number AND secret; a wrong secret answers as an unknown number",
        post_data=lambda office: {
            "number": office.transparency_application.number,
            "secret": "SALAH234",
        },
    ),
    # --- REST API: staff ---------------------------------------------------------------------------
    "api:application-list": Route(post_data=lambda office: {"service": office.transparency_service.pk}),
    "api:application-detail": Route(kwargs=_application, post_data=lambda office: {"status": "ditolak"}),
    "api:application-start-verification": Route(
        kwargs=_application, post_data=lambda office: {"reason": "Selundupan"}
    ),
    "api:application-request-correction": Route(
        kwargs=_application, post_data=lambda office: {"message": "Selundupan"}
    ),
    "api:application-accept": Route(kwargs=_application),
    "api:application-reject": Route(kwargs=_application, post_data=lambda office: {"reason": "Selundupan"}),
}


def populate_office_a(office) -> None:
    """A published service of office A and a submitted application whose personal data are markers."""
    service = office.add(
        "transparency_service",
        make_service(office.org, code="trn-isolasi", name=office.marker(SERVICE_NAME), uploads=()),
    )
    application, _secret = submitted_application(
        service,
        name=office.marker("applicant_name"),
        nik="3273014501900002",
        phone="081299887766",
        email="rahasia.a@example.com",
        address=office.marker("applicant_address"),
        data={"keperluan": office.marker("application_purpose")},
    )
    office.add("transparency_application", application)
