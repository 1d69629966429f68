"""Complaint URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a category, a confidential complaint in follow-up (with a public response, an internal
note and the reporter's reply with a PDF) and a resolved, published one. The public pages are aimed at
office A's complaint with its real number and a WRONG secret (or none), so a page that leaked anything
without the secret would show office A's markers. The public list and the filing form are meant to show
the published summary, its response and the category's name.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.complaints.models import ComplaintCategory, ComplaintChannel
from lontar.complaints.services import complaints as services
from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.tests.isolation_registry import OfficeA, Route

WRONG_SECRET = "SALAH234"
PUBLISHED = frozenset({"complaint_category_name", "complaint_public_summary", "complaint_public_response"})


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    verifier = member(org, Role.SECTION_HEAD, full_name=office.marker("complaint_verifier_name"))
    handler = office.add(
        "complaint_handler", member(org, Role.STAFF, full_name=office.marker("complaint_handler_name"))
    )
    category = office.add(
        "complaint_category",
        ComplaintCategory.objects.create(
            organisation=org,
            code="isolasi",
            name=office.marker("complaint_category_name"),
            description=office.marker("complaint_category_description"),
            unit=office.unit,
        ),
    )
    new = services.file_complaint(
        organisation=org,
        channel=ComplaintChannel.PORTAL,
        category=category,
        title=office.marker("complaint_title"),
        description=office.marker("complaint_description"),
        location=office.marker("complaint_location"),
        reporter={"name": office.marker("complaint_reporter"), "phone": "081299990002"},
        is_confidential=True,
    )
    complaint = office.add("complaint", new.complaint)
    services.verify(complaint=complaint, actor=verifier)
    services.forward(complaint=complaint, actor=verifier)
    services.assign_handler(complaint=complaint, actor=verifier, handler=handler)
    services.start_follow_up(complaint=complaint, actor=handler)
    services.respond(complaint=complaint, actor=handler, body=office.marker("complaint_response"))
    services.add_note(complaint=complaint, actor=handler, body=office.marker("complaint_note"))
    services.reporter_reply(
        complaint=complaint,
        body=office.marker("complaint_reply"),
        attachment=SimpleUploadedFile(
            f"{office.marker('complaint_reply_file')}.pdf", pdf_bytes("Lampiran balasan"), "application/pdf"
        ),
    )

    published = services.file_complaint(
        organisation=org,
        channel=ComplaintChannel.PORTAL,
        category=category,
        title=office.marker("complaint_published_title"),
        description=office.marker("complaint_published_description"),
        reporter={"name": office.marker("complaint_published_reporter")},
    ).complaint
    services.verify(complaint=published, actor=verifier)
    services.forward(complaint=published, actor=verifier)
    services.resolve(
        complaint=published,
        actor=verifier,
        response=office.marker("complaint_public_response"),
        public_summary=office.marker("complaint_public_summary"),
        publish=True,
    )
    office.add("published_complaint", published)


def _pk(office: OfficeA) -> dict:
    return {"pk": office.complaint.pk}


def _number(office: OfficeA) -> dict:
    return {"number": office.complaint.number}


PUBLIC_TRACK = "reporter tracking; without this browser's grant (number + secret) it shows only the form"


def _act(payload):
    return Route(kwargs=_pk, post_data=lambda office: payload)


ROUTES: dict = {
    "complaints:portal_home": Route(
        public="the complaints portal: offices taking complaints and the LAPOR! link"
    ),
    "complaints:file": Route(
        kwargs=lambda office: {"org_id": office.org.pk},
        post_data=lambda office: {"description": "", "privacy": "biasa"},
        public="a citizen files a complaint without an account; shows the office's category names",
        may_show=frozenset({"complaint_category_name"}),
    ),
    "complaints:public_list": Route(
        public="resolved complaints the office published: category, staff summary, response, dates",
        may_show=PUBLISHED,
    ),
    "complaints:track": Route(
        post_data=lambda office: {"number": office.complaint.number, "secret": WRONG_SECRET},
        public=PUBLIC_TRACK,
    ),
    "complaints:track_forget": Route(public="forgets this browser's own grants; touches no data"),
    "complaints:track_detail": Route(kwargs=_number, public=PUBLIC_TRACK),
    "complaints:receipt": Route(kwargs=_number, public=PUBLIC_TRACK),
    "complaints:reply": Route(
        kwargs=_number,
        post_data=lambda office: {"body": "Diambil alih", "secret": WRONG_SECRET},
        public=PUBLIC_TRACK,
    ),
    "complaints:rate": Route(
        kwargs=_number, post_data=lambda office: {"rating": "1", "secret": WRONG_SECRET}, public=PUBLIC_TRACK
    ),
    "complaints:reopen": Route(
        kwargs=_number,
        post_data=lambda office: {"reason": "Diambil alih", "secret": WRONG_SECRET},
        public=PUBLIC_TRACK,
    ),
    "complaints:track_link": Route(
        kwargs=lambda office: {"number": office.complaint.number, "secret": WRONG_SECRET},
        public="the tracking link; with a wrong secret it shows nothing",
    ),
    "complaints:office_inbox": Route(),
    "complaints:office_export": Route(),
    "complaints:office_register": Route(post_data=lambda office: {}),
    "complaints:category_list": Route(),
    "complaints:category_create": Route(post_data=lambda office: {}),
    "complaints:category_edit": Route(
        kwargs=lambda office: {"pk": office.complaint_category.pk},
        post_data=lambda office: {"name": "Diambil alih", "code": "diambil", "order": "0", "is_active": "on"},
    ),
    "complaints:office_detail": Route(kwargs=_pk),
    "complaints:office_verify": _act({"verifikasi-note": "X"}),
    "complaints:office_forward": Route(
        kwargs=_pk, post_data=lambda office: {"teruskan-unit": office.unit.pk, "teruskan-note": "X"}
    ),
    "complaints:office_reroute": Route(
        kwargs=_pk, post_data=lambda office: {"alihkan-unit": office.unit.pk, "alihkan-note": "X"}
    ),
    "complaints:office_assign": Route(
        kwargs=_pk, post_data=lambda office: {"tugaskan-handler": office.staff_user.pk}
    ),
    "complaints:office_start_follow_up": _act({"tindaklanjut-note": "X"}),
    "complaints:office_respond": _act({"tanggapan-body": "Tanggapan orang lain"}),
    "complaints:office_note": _act({"catatan-body": "Catatan orang lain"}),
    "complaints:office_resolve": _act({"selesai-response": "Selesai oleh orang lain"}),
    "complaints:office_publication": _act({"publikasi-public_summary": "X", "publikasi-publish": "on"}),
    "complaints:office_close": _act({"tutup-note": "X"}),
    "complaints:office_reject": _act({"tolak-reason": "Ditolak orang lain"}),
    "complaints:office_escalate": _act({"eskalasi-reason": "Eskalasi orang lain"}),
    "complaints:office_decide": _act({"arahan-decision": "Arahan orang lain"}),
}
