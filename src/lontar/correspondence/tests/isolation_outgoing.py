"""Outgoing documents in the every-URL isolation walk (see lontar.core.tests.isolation_registry)."""

from __future__ import annotations

from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.correspondence.models import OutgoingType
from lontar.correspondence.services import outgoing as services
from lontar.records.tests.factories import ClassificationFactory


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    classification = ClassificationFactory(code="000.1.9", title="Ketatausahaan (uji isolasi)")
    office.add(
        "outgoing_template",
        services.save_template(
            actor=office.admin_user,
            organisation=org,
            document_type=OutgoingType.SURAT_DINAS,
            body_html=f"<p>{office.marker('outgoing_template_body')}</p>",
            classification=classification,
            numbering_key="surat-dinas",
            signatory_position=office.position,
            verifier_positions=[],
        ),
    )
    document = office.add(
        "outgoing",
        services.create_draft(
            actor=office.staff_user,
            organisation=org,
            document_type=OutgoingType.SURAT_DINAS,
            subject=office.marker("outgoing_subject"),
            body_html=f"<p>{office.marker('outgoing_body')}</p>",
            classification=classification,
            recipients=[
                services.RecipientInput(
                    role="to",
                    name=office.marker("outgoing_recipient"),
                    address=office.marker("outgoing_address"),
                )
            ],
        ),
    )
    services.add_comment(actor=office.staff_user, document=document, body=office.marker("outgoing_comment"))


def _pk(office: OfficeA) -> dict:
    return {"pk": office.outgoing.pk}


def _draft_payload(office: OfficeA) -> dict:
    return {
        "organisation": office.org.pk,
        "document_type": "surat_dinas",
        "subject": "Diambil alih",
        "classification": office.outgoing.classification_id,
        "urgency": "biasa",
        "security": "biasa",
        "to_external": "Penerima selundupan",
        "body_html": "<p>Diambil alih</p>",
    }


ROUTES: dict[str, Route] = {
    "correspondence:outgoing_drafts": Route(),
    "correspondence:outgoing_paraf_inbox": Route(),
    "correspondence:outgoing_signature_inbox": Route(),
    "correspondence:outgoing_sent": Route(),
    "correspondence:outgoing_create": Route(post_data=_draft_payload),
    "correspondence:outgoing_templates": Route(),
    "correspondence:outgoing_template_edit": Route(
        kwargs=lambda office: {"office": office.org.pk, "document_type": "surat_dinas"},
        post_data=lambda office: {
            "body_html": "<p>Diambil alih</p>",
            "numbering_key": "diambil-alih",
            "signatory_position": office.position.pk,
        },
    ),
    "correspondence:outgoing_detail": Route(kwargs=_pk),
    "correspondence:outgoing_edit": Route(kwargs=_pk, post_data=_draft_payload),
    "correspondence:outgoing_submit": Route(kwargs=_pk),
    "correspondence:outgoing_paraf": Route(kwargs=_pk),
    "correspondence:outgoing_return": Route(kwargs=_pk, post_data=lambda office: {"comment": "Selundupan"}),
    "correspondence:outgoing_sign": Route(kwargs=_pk),
    "correspondence:outgoing_send": Route(kwargs=_pk),
    "correspondence:outgoing_redeliver": Route(kwargs=_pk),
    "correspondence:outgoing_comment": Route(kwargs=_pk, post_data=lambda office: {"body": "Selundupan"}),
    "correspondence:outgoing_attach": Route(kwargs=_pk),
    "correspondence:outgoing_version": Route(kwargs=lambda office: {"pk": office.outgoing.pk, "number": 1}),
    "correspondence:outgoing_compare": Route(kwargs=_pk),
    "correspondence:outgoing_print": Route(kwargs=_pk),
    # REST API (/api/v1/naskah-keluar/)
    "api:outgoing-list": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "document_type": "nota_dinas",
            "subject": "X",
        }
    ),
    "api:outgoing-detail": Route(kwargs=_pk),
    "api:outgoing-submit": Route(kwargs=_pk),
    "api:outgoing-paraf": Route(kwargs=_pk),
    "api:outgoing-return-for-revision": Route(kwargs=_pk, post_data=lambda office: {"comment": "Selundupan"}),
    "api:outgoing-sign": Route(kwargs=_pk),
    "api:outgoing-send": Route(kwargs=_pk),
}
