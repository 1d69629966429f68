"""Isolation routes of the catalogue part of public services: the public portal pages (which show only
office A's published service, its 6 published components and its Maklumat) and the office's catalogue
screens (office A's staff only)."""

from __future__ import annotations

import datetime as dt

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.public_services.models import CounterSettings
from lontar.public_services.services import catalogue as services

SERVICE_CODE = "katalog-a"
# What a public page of office A is meant to show: the office's contact, its published service and the
# published components, and its Maklumat. The draft and the 8 management components never.
PUBLISHED = frozenset(
    {
        "office_address",
        "office_phone",
        "service_name",
        "service_summary",
        "standard_procedure",
        "standard_product",
        "requirement_name",
        "pledge_text",
        "pledge_signatory",
    }
)


def populate_office_a(office: OfficeA) -> None:
    admin = office.add("catalogue_admin", member(office.org, Role.ORG_ADMIN))
    service = services.create_service(
        actor=admin,
        organisation=office.org,
        code=SERVICE_CODE,
        name=office.marker("service_name"),
        summary=office.marker("service_summary"),
        category="Surat keterangan",
    )
    standard = service.standards.get()
    services.update_standard(
        actor=admin,
        standard=standard,
        procedure=office.marker("standard_procedure"),
        product=office.marker("standard_product"),
        legal_basis=office.marker("standard_legal_basis"),
        implementer_count=office.marker("standard_implementer_count"),
    )
    services.add_requirement(
        actor=admin, standard=standard, name=office.marker("requirement_name"), note="", needs_upload=True
    )
    services.add_form_field(
        actor=admin, standard=standard, key="keperluan", label=office.marker("form_field_label"), kind="text"
    )
    services.publish_standard(
        actor=admin, standard=standard, effective_from=dt.date(2026, 1, 2), allow_past=True
    )
    office.add("catalogue_service", service)
    office.add("catalogue_standard", standard)
    draft = services.new_version(actor=admin, service=service)
    services.update_standard(actor=admin, standard=draft, procedure=office.marker("draft_procedure"))
    office.add("catalogue_draft", draft)
    office.add("catalogue_requirement", draft.requirements.get())
    office.add("catalogue_form_field", draft.form_fields.get())
    services.create_pledge(
        actor=admin,
        organisation=office.org,
        text=office.marker("pledge_text"),
        signatory_name=office.marker("pledge_signatory"),
        signatory_position="Camat A",
        effective_from=dt.date(2026, 1, 2),
        allow_past=True,
    )
    CounterSettings.objects.create(organisation=office.org)


def _org(office):
    return {"org_id": office.org.pk}


def _service_page(office):
    return {"org_id": office.org.pk, "code": SERVICE_CODE}


def _service(office):
    return {"pk": office.catalogue_service.pk}


def _standard(office):
    return {"pk": office.catalogue_standard.pk}


def _draft(office):
    return {"pk": office.catalogue_draft.pk}


def _requirement(office):
    return {"pk": office.catalogue_requirement.pk}


def _form_field(office):
    return {"pk": office.catalogue_form_field.pk}


PLACEHOLDER = "TEMPORARY placeholder of a page another part defines; answers 404"

ROUTES: dict[str, Route] = {
    # --- public portal ---
    "public_services:portal_home": Route(
        public="the citizens' list of offices and their published services", may_show=PUBLISHED
    ),
    "public_services:portal_office": Route(
        kwargs=_org, public="an office's published services, counter hours and Maklumat", may_show=PUBLISHED
    ),
    "public_services:portal_pledge_pdf": Route(
        kwargs=_org, public="the office's Maklumat Pelayanan as a PDF", may_show=PUBLISHED
    ),
    "public_services:portal_service": Route(
        kwargs=_service_page,
        public="a published service with the 6 published components of its standard in force",
        may_show=PUBLISHED,
    ),
    "public_services:portal_standard_pdf": Route(
        kwargs=_service_page,
        public="the published standard as a PDF; all 14 components only for the office's own members",
        may_show=PUBLISHED,
    ),
    # --- the office's catalogue ---
    "public_services:catalogue_list": Route(),
    "public_services:catalogue_service_create": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "code": "selundupan",
            "name": "Layanan selundupan",
            "daily_quota": 10,
        }
    ),
    "public_services:catalogue_service": Route(kwargs=_service),
    "public_services:catalogue_service_edit": Route(
        kwargs=_service, post_data=lambda office: {"name": "Diambil alih", "daily_quota": 1}
    ),
    "public_services:catalogue_new_version": Route(kwargs=_service),
    "public_services:catalogue_standard": Route(kwargs=_standard),
    "public_services:catalogue_standard_pdf": Route(kwargs=_draft),
    "public_services:catalogue_standard_edit": Route(
        kwargs=_draft,
        post_data=lambda office: {"procedure": "Diambil alih", "processing_days": 1, "fee_amount": 0},
    ),
    "public_services:catalogue_standard_publish": Route(
        kwargs=_draft, post_data=lambda office: {"effective_from": "2030-01-01"}
    ),
    "public_services:catalogue_requirement_create": Route(
        kwargs=_draft, post_data=lambda office: {"name": "Selundupan"}
    ),
    "public_services:catalogue_requirement_edit": Route(
        kwargs=_requirement, post_data=lambda office: {"name": "Diambil alih"}
    ),
    "public_services:catalogue_requirement_delete": Route(kwargs=_requirement),
    "public_services:catalogue_requirement_move": Route(
        kwargs=_requirement, post_data=lambda office: {"arah": "naik"}
    ),
    "public_services:catalogue_form_field_create": Route(
        kwargs=_draft, post_data=lambda office: {"label": "Selundupan", "key": "selundupan", "kind": "text"}
    ),
    "public_services:catalogue_form_field_edit": Route(
        kwargs=_form_field, post_data=lambda office: {"label": "Diambil alih", "key": "x", "kind": "text"}
    ),
    "public_services:catalogue_form_field_delete": Route(kwargs=_form_field),
    "public_services:catalogue_form_field_move": Route(
        kwargs=_form_field, post_data=lambda office: {"arah": "naik"}
    ),
    "public_services:catalogue_pledges": Route(),
    "public_services:catalogue_pledge_create": Route(
        post_data=lambda office: {
            "text": "Maklumat selundupan",
            "signatory_name": "X",
            "signatory_position": "Y",
            "effective_from": "2030-01-01",
        }
    ),
}
