"""Isolation routes of the office part of public services: the queue, an application's page, each of
its actions and the result preview, aimed at an application of office A."""

from __future__ import annotations

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.public_services.services import applications as app_services
from lontar.public_services.tests.factories import make_service, submitted_application


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    officer = office.add(
        "service_officer", member(org, Role.FRONT_DESK, full_name=office.marker("service_officer_name"))
    )
    service = office.add(
        "office_service",
        make_service(
            org,
            code="isolasi-pelayanan",
            name=office.marker("office_service_name"),
            result_document_type="surat_keterangan",
            result_title="Surat Keterangan",
            result_body=f"<p>{office.marker('office_result_body')} {{{{ pemohon.nama }}}}</p>",
        ),
    )
    application, _secret = submitted_application(
        service,
        name=office.marker("office_applicant_name"),
        nik="3273014501900002",
        data={"keperluan": office.marker("office_answer")},
    )
    app_services.start_verification(application=application, actor=officer)
    app_services.add_message(
        application=application, kind="internal", body=office.marker("office_internal_note"), actor=officer
    )
    app_services.add_message(
        application=application, kind="ke_pemohon", body=office.marker("office_message"), actor=officer
    )
    office.add("office_application", application)


def _application(office):
    return {"pk": office.office_application.pk}


ROUTES: dict[str, Route] = {
    "public_services:office_queue": Route(),
    "public_services:office_application": Route(kwargs=_application),
    "public_services:office_take": Route(kwargs=_application, post_data=lambda office: {"ambil-reason": "X"}),
    "public_services:office_correction": Route(
        kwargs=_application, post_data=lambda office: {"perbaikan-message": "Perbaiki"}
    ),
    "public_services:office_accept": Route(kwargs=_application, post_data=lambda office: {"terima-note": ""}),
    "public_services:office_preview": Route(
        kwargs=_application, post_data=lambda office: {"ttd-digest": "x"}
    ),
    "public_services:office_sign": Route(kwargs=_application),
    "public_services:office_complete": Route(kwargs=_application),
    "public_services:office_reject": Route(
        kwargs=_application, post_data=lambda office: {"tolak-reason": "Ditolak orang lain"}
    ),
    "public_services:office_return": Route(
        kwargs=_application, post_data=lambda office: {"kembalikan-note": "Dikembalikan orang lain"}
    ),
    "public_services:office_hand_over": Route(
        kwargs=_application, post_data=lambda office: {"serahkan-received_by": "Orang lain"}
    ),
    "public_services:office_assign": Route(
        kwargs=_application, post_data=lambda office: {"tugaskan-officer": office.staff_user.pk}
    ),
    "public_services:office_message": Route(
        kwargs=_application, post_data=lambda office: {"pesan-body": "Pesan orang lain"}
    ),
    "public_services:office_note": Route(
        kwargs=_application, post_data=lambda office: {"catatan-body": "Catatan orang lain"}
    ),
}
