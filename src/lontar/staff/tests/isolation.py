"""Personnel-file URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a PNS with a filled personnel file (main sheet, rank row, position row, education,
family, a document with its scan) and a formation row, every text a marker. Office B's users must
get nothing of it: files, rows and documents by id answer 404; the lists, DUK and formation screens
and their exports show office B's own (empty) data only."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.staff.sections import SECTIONS
from lontar.staff.services import formations as formation_services
from lontar.staff.services import personnel as services
from lontar.staff.tests.factories import nip, person


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    keeper = member(org, Role.SECRETARY, full_name=office.marker("personnel_keeper_name"))
    staff = office.add(
        "personnel_staff",
        person(
            org,
            full_name=office.marker("personnel_staff_name"),
            number=nip("19850312", "201003", "1"),
            unit=office.unit,
        ),
    )
    services.save_main_sheet(
        actor=keeper,
        staff=staff,
        staff_data={},
        employee_data={
            "birth_place": office.marker("personnel_birth_place"),
            "birth_date": datetime.date(1985, 3, 12),
            "sex": "1",
            "service_start": datetime.date(2010, 3, 1),
            "address": office.marker("personnel_address"),
        },
    )

    def add(slug, **data):
        return services.add_row(actor=keeper, staff=staff, section=SECTIONS[slug], data=data)

    office.add(
        "personnel_rank",
        add(
            "pangkat",
            rank="III/a Penata Muda",
            tmt=datetime.date(2010, 3, 1),
            decree_number=office.marker("sk_pangkat"),
        ),
    )
    add(
        "jabatan",
        title=office.marker("personnel_job_title"),
        position_type="pelaksana",
        tmt=datetime.date(2016, 1, 4),
    )
    add("pendidikan", level="s1", institution=office.marker("personnel_school"), graduation_year=2009)
    add("keluarga", relation="pasangan", full_name=office.marker("personnel_spouse"))
    document = services.add_row(
        actor=keeper,
        staff=staff,
        section=SECTIONS["dokumen"],
        data={
            "kind": "sk_cpns",
            "title": office.marker("personnel_document"),
            "expires_on": datetime.date(2030, 1, 1),
        },
        uploaded_file=SimpleUploadedFile(
            f"{office.marker('personnel_document_file')}.pdf", pdf_bytes("SK CPNS"), "application/pdf"
        ),
    )
    office.add("personnel_document", document)
    office.add(
        "formation",
        formation_services.create_formation(
            actor=keeper,
            organisation=org,
            data={
                "unit": office.unit,
                "job_title": office.marker("formation_title"),
                "position_type": "pelaksana",
                "needed": 3,
            },
        ),
    )


def _staff(office: OfficeA) -> dict:
    return {"pk": office.personnel_staff.pk}


def _row(office: OfficeA) -> dict:
    return {"section_slug": "pangkat", "pk": office.personnel_rank.pk}


RANK_TAKEOVER = {"rank": "IV/e Pembina Utama", "kind": "reguler", "tmt": "2020-04-01"}

ROUTES: dict = {
    "api:personnel-file-list": Route(),
    "api:personnel-file-detail": Route(kwargs=_staff),
    "api:duk-detail": Route(kwargs=lambda office: {"pk": office.org.pk}),
    "staff:staff_list": Route(),
    "staff:my_file": Route(),
    "staff:import": Route(),
    "staff:file_detail": Route(kwargs=_staff),
    "staff:main_sheet": Route(
        kwargs=_staff,
        post_data=lambda office: {
            "full_name": "Diambil alih",
            "employment_type": "non_asn",
            "position_type": "pelaksana",
        },
    ),
    "staff:row_create": Route(
        kwargs=lambda office: {"pk": office.personnel_staff.pk, "section_slug": "pangkat"},
        post_data=lambda office: RANK_TAKEOVER,
    ),
    "staff:row_edit": Route(kwargs=_row, post_data=lambda office: RANK_TAKEOVER),
    "staff:row_delete": Route(kwargs=_row),
    "staff:document_download": Route(kwargs=lambda office: {"pk": office.personnel_document.pk}),
    "staff:duk": Route(),
    "staff:duk_xlsx": Route(),
    "staff:duk_pdf": Route(),
    "staff:formation": Route(),
    "staff:formation_xlsx": Route(),
    "staff:formation_create": Route(
        post_data=lambda office: {
            "job_title": "Diambil alih",
            "position_type": "pelaksana",
            "needed": "1",
            "order": "0",
        }
    ),
    "staff:formation_edit": Route(
        kwargs=lambda office: {"pk": office.formation.pk},
        post_data=lambda office: {
            "job_title": "Diambil alih",
            "position_type": "pelaksana",
            "needed": "9",
            "order": "0",
        },
    ),
}
