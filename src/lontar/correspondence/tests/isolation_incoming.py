"""The correspondence module's URLs for the every-URL isolation walk (see core/tests/isolation_registry)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.tests.isolation_registry import OfficeA, Route

# --- incoming letters and dispositions ------------------------------------------------------------


def _populate_incoming(office: OfficeA) -> None:
    from lontar.correspondence.services import dispositions, incoming
    from lontar.correspondence.tests.incoming_helpers import agenda_template

    org = office.org
    agenda_template(org, office.admin_user)
    front_desk = office.add("front_desk", member(org, Role.FRONT_DESK, full_name=office.marker("front_desk")))
    letter = office.add(
        "incoming_letter",
        incoming.register_incoming(
            actor=front_desk,
            organisation=org,
            sender_name=office.marker("incoming_sender"),
            sender_number=office.marker("incoming_sender_number"),
            received_date=dt.date(2026, 11, 2),
            subject=office.marker("incoming_subject"),
            summary=office.marker("incoming_summary"),
            scans=[SimpleUploadedFile("pindaian.pdf", pdf_bytes(office.marker("incoming_scan_text")))],
        ),
    )
    dispositions.seed_default_instructions(organisation=org)
    office.add(
        "instruction",
        dispositions.add_instruction(
            actor=office.admin_user, organisation=org, text=office.marker("instruction")
        ),
    )
    (to_staff,) = dispositions.dispose(
        actor=office.head,
        letter=letter,
        recipients=[office.staff_user],
        instructions=[office.instruction],
        note=office.marker("disposition_note"),
        working_days=3,
    )
    office.add("disposition", to_staff)
    dispositions.report(
        actor=office.staff_user, disposition=to_staff, text=office.marker("disposition_report")
    )
    to_staff.refresh_from_db()


def _letter(office: OfficeA) -> dict:
    return {"pk": office.incoming_letter.pk}


def _disposition(office: OfficeA) -> dict:
    return {"pk": office.disposition.pk}


INCOMING_ROUTES: dict[str, Route] = {
    "correspondence:incoming_list": Route(),
    "correspondence:incoming_create": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "sender_name": "Selundupan",
            "subject": "Selundupan",
            "received_date": "2026-11-02",
            "urgency": "biasa",
            "security": "biasa",
            "enclosures": "0",
            "channel": "kertas",
        }
    ),
    "correspondence:incoming_duplicate_check": Route(),
    "correspondence:classification_options": Route(),
    "correspondence:incoming_waiting": Route(),
    "correspondence:incoming_detail": Route(kwargs=_letter),
    "correspondence:incoming_scans": Route(kwargs=_letter),
    "correspondence:incoming_correct": Route(
        kwargs=_letter,
        post_data=lambda office: {
            "sender_name": "Diambil alih",
            "subject": "Diambil alih",
            "received_date": "2026-11-02",
            "urgency": "biasa",
            "security": "biasa",
            "enclosures": "0",
            "channel": "kertas",
        },
    ),
    "correspondence:incoming_status": Route(kwargs=_letter, post_data=lambda office: {"tindakan": "file"}),
    "correspondence:incoming_sheet": Route(kwargs=_letter),
    "correspondence:disposition_create": Route(
        kwargs=_letter,
        post_data=lambda office: {"recipients": [office.head.pk], "note": "Selundupan", "working_days": "2"},
    ),
    "correspondence:disposition_inbox": Route(),
    "correspondence:disposition_withdraw": Route(kwargs=_disposition),
    "correspondence:disposition_complete": Route(kwargs=_disposition),
    "correspondence:disposition_send_back": Route(
        kwargs=_disposition, post_data=lambda office: {"note": "x"}
    ),
    "correspondence:disposition_report": Route(
        kwargs=_disposition, post_data=lambda office: {"text": "Selundupan", "done": "on"}
    ),
    "correspondence:instruction_list": Route(post_data=lambda office: {"text": "Selundupan", "order": "1"}),
    "correspondence:instruction_edit": Route(
        kwargs=lambda office: {"pk": office.instruction.pk},
        post_data=lambda office: {"text": "Diambil alih", "order": "1", "is_active": "on"},
    ),
    "api:incoming-letter-list": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "sender_name": "Selundupan",
            "subject": "Selundupan",
            "received_date": "2026-11-02",
        }
    ),
    "api:incoming-letter-detail": Route(kwargs=_letter),
    "api:incoming-letter-scans": Route(kwargs=_letter),
    "api:disposition-list": Route(
        post_data=lambda office: {
            "letter": office.incoming_letter.pk,
            "recipients": [office.head.pk],
            "note": "x",
        }
    ),
    "api:disposition-detail": Route(kwargs=_disposition),
    "api:disposition-read": Route(kwargs=_disposition),
    "api:disposition-withdraw": Route(kwargs=_disposition),
    "api:disposition-report": Route(kwargs=_disposition, post_data=lambda office: {"text": "Selundupan"}),
    "api:disposition-complete": Route(kwargs=_disposition),
}
# --- end incoming ---------------------------------------------------------------------------------

ROUTES: dict[str, Route] = {**INCOMING_ROUTES}


def populate_office_a(office: OfficeA) -> None:
    _populate_incoming(office)
