"""Records URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry)."""

from __future__ import annotations

import datetime as dt

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.records import services
from lontar.records.models import Classification, FinalDisposition


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    keeper = office.add(
        "records_keeper", member(org, Role.SECTION_HEAD, full_name=office.marker("keeper_name"))
    )
    code, _created = Classification.objects.get_or_create(
        scheme="83/2022",
        code="000.1.2.3",
        defaults={
            "title": "Perjalanan Dinas Pegawai",
            "active_years": 2,
            "inactive_years": 3,
            "final_disposition": FinalDisposition.DESTROY,
        },
    )
    office.add("classification", code)
    record_file = services.open_file(
        actor=keeper,
        organisation=org,
        number=office.marker("file_number")[:60],
        title=office.marker("file_title"),
        classification=code,
        opened_on=dt.date(2026, 1, 5),
        location=office.marker("file_location"),
    )
    services.file_item(
        actor=keeper,
        record_file=record_file,
        description=office.marker("item_description"),
        item_date=dt.date(2026, 1, 6),
    )
    office.add("record_file", record_file)
    office.add(
        "record_loan",
        services.lend_file(
            actor=keeper,
            record_file=record_file,
            borrower=office.staff_user,
            purpose=office.marker("loan_purpose"),
        ),
    )
    old = services.open_file(
        actor=keeper,
        organisation=org,
        number=office.marker("old_file_number")[:60],
        title=office.marker("old_file_title"),
        classification=code,
        opened_on=dt.date(2000, 1, 3),
    )
    services.close_file(actor=keeper, record_file=old, closed_on=dt.date(2000, 6, 30))
    services.apply_retention(organisation=org)
    office.add(
        "disposal_proposal",
        services.propose_disposal(
            actor=keeper,
            organisation=org,
            kind="musnah",
            files=[old],
            reason=office.marker("proposal_reason"),
        ),
    )


def _file(office):
    return {"pk": office.record_file.pk}


def _proposal(office):
    return {"pk": office.disposal_proposal.pk}


ROUTES: dict[str, Route] = {
    "records:file_list": Route(),
    "records:file_create": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "number": "CURI/1",
            "title": "Dibuat orang lain",
            "classification": office.classification.pk,
            "opened_on": "2026-01-05",
        }
    ),
    "records:file_detail": Route(kwargs=_file),
    "records:file_edit": Route(
        kwargs=_file,
        post_data=lambda office: {
            "number": "X",
            "title": "Diubah",
            "classification": office.classification.pk,
        },
    ),
    "records:item_add": Route(
        kwargs=_file, post_data=lambda office: {"description": "Sisipan", "item_date": "2026-01-07"}
    ),
    "records:file_close": Route(kwargs=_file, post_data=lambda office: {"closed_on": "2026-01-07"}),
    "records:loan_create": Route(
        kwargs=_file,
        post_data=lambda office: {"borrower": office.head.pk, "purpose": "Ambil", "working_days": 3},
    ),
    "records:loan_list": Route(),
    "records:loan_return": Route(kwargs=lambda office: {"pk": office.record_loan.pk}),
    "records:due_list": Route(),
    "records:proposal_list": Route(),
    "records:proposal_create": Route(
        post_data=lambda office: {"kind": "musnah", "files": [office.disposal_proposal.files.first().pk]}
    ),
    "records:proposal_detail": Route(kwargs=_proposal),
    "records:proposal_approve": Route(
        kwargs=_proposal, post_data=lambda office: {"higher_approval_reference": "X"}
    ),
    "records:proposal_reject": Route(
        kwargs=_proposal, post_data=lambda office: {"reason": "Ditolak orang lain"}
    ),
    "records:classification_list": Route(),
    "records:classification_edit": Route(
        kwargs=lambda office: {"pk": office.classification.pk},
        post_data=lambda office: {"title": "Diubah", "active_years": 99},
    ),
    "records:classification_import": Route(),
    "records:classification_import_confirm": Route(),
}
ROUTES.update(
    {
        "api:classification-list": Route(),
        "api:classification-detail": Route(kwargs=lambda office: {"pk": office.classification.pk}),
        "api:record-file-list": Route(
            post_data=lambda office: {
                "organisation": office.org.pk,
                "number": "API/1",
                "title": "Dibuat lewat API",
                "classification": office.classification.pk,
            }
        ),
        "api:record-file-detail": Route(kwargs=_file, post_data=lambda office: {"title": "Diubah"}),
        "api:record-file-close": Route(kwargs=_file, post_data=lambda office: {"closed_on": "2026-01-07"}),
        "api:record-file-items": Route(
            kwargs=_file, post_data=lambda office: {"description": "Sisipan", "item_date": "2026-01-07"}
        ),
    }
)
