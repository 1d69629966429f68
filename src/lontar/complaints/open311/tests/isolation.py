"""Open311 URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A has a service, a published complaint (its summary, response, address, service and unit
are public on purpose, so they are plain text), an unpublished one posted by its Open311 client
(never public: not its description, not its reporter), and the client key itself (never shown
outside office A)."""

from __future__ import annotations

from django.test import RequestFactory

from lontar.complaints.open311 import services as open311
from lontar.complaints.open311.tests import helpers
from lontar.complaints.tests import isolation as complaints_isolation
from lontar.core.tests.isolation_registry import Route

# Public on purpose: services (name, description, responsible unit) and published complaints (summary,
# public response, address), ours and the complaints module's.
# Our own public texts are plain strings (the complaints module's public pages show them too); the
# markers are on what must never be public: descriptions, reporters, the client and its media.
PUBLISHED = frozenset({"complaint_category_description", "unit_name"} | complaints_isolation.PUBLISHED)


def populate_office_a(office) -> None:
    org = office.org
    cat = office.add(
        "o311_category",
        helpers.category(
            org,
            code="o311-lampu",
            name="Penerangan jalan umum",
            unit_name="Seksi Ketenteraman",
            description="",
            keywords="",
        ),
    )
    public = helpers.filed(
        org,
        cat,
        description=office.marker("o311_public_description"),
        address="Jl. Melati No. 3",
        reporter={"name": office.marker("o311_reporter_public")},
    )
    helpers.resolved(
        public, office.head, response="Lampu sudah diganti.", summary="Lampu jalan mati, sudah diganti."
    )
    client, _key = helpers.client_key(org, name=office.marker("o311_client"), actor=office.admin_user)
    office.add("o311_client", client)
    params = (
        RequestFactory()
        .post(
            "/",
            {
                "service_code": cat.code,
                "description": office.marker("o311_posted_description"),
                "address_string": "Jl. Kenanga",
                "first_name": office.marker("o311_reporter_posted"),
                "media_url": f"https://foto.example/{office.marker('o311_media')}.jpg",
            },
        )
        .POST
    )
    posted = open311.submit_request(client=client, params=params, category=cat)
    office.add("o311_submission", posted.submission)


def _public(why: str, *, shows=frozenset()) -> Route:
    return Route(public=why, may_show=frozenset(shows))


ROUTES = {
    "open311:discovery": _public("Open311 service discovery document: endpoints, no data"),
    "open311:services": _public("Open311 service list: the office's complaint categories", shows=PUBLISHED),
    "open311:service": Route(
        kwargs=lambda office: {"service_code": office.o311_category.code},
        public="Open311 service definition: a category's attributes",
        may_show=PUBLISHED,
    ),
    "open311:requests": Route(
        post_data=lambda office: {
            "service_code": office.o311_category.code,
            "description": "Laporan selundupan tanpa kunci API yang sah.",
            "address_string": "Jl. Selundupan",
        },
        public="Open311 requests: published complaints without personal data; posting needs a client key",
        may_show=PUBLISHED,
    ),
    "open311:request": Route(
        kwargs=lambda office: {"service_request_id": office.o311_submission.complaint.number},
        public="Open311 request by number: only a published one, or the posting client's own",
        may_show=PUBLISHED,
    ),
    "open311:token": Route(
        kwargs=lambda office: {"token_id": office.o311_submission.token},
        public="Open311 token: its unguessable value gives back only the tracking number",
    ),
    "open311:client_list": Route(),
    "open311:client_create": Route(
        post_data=lambda office: {"organisation": office.org.pk, "name": "Klien selundupan"}
    ),
    "open311:client_revoke": Route(kwargs=lambda office: {"pk": office.o311_client.pk}),
}
