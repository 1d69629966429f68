"""Every-URL isolation entries of the buku agenda imports (see core/tests/isolation_registry).

Office A gets a previewed batch of each register (surat masuk and surat keluar); the platform's import
screens (`core:import_*`, listed in the core registry) are aimed at the first one, and this module's
own entry points are listed here."""

from __future__ import annotations

from lontar.core.imports import services
from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.correspondence.importers import INCOMING_REGISTER_KIND, OUTGOING_REGISTER_KIND
from lontar.correspondence.tests.legacy_import_helpers import LAYOUT_B, OUTGOING_LAYOUT_B, workbook_file


def populate_office_a(office: OfficeA) -> None:
    importer_user = office.add(
        "import_user", member(office.org, Role.FRONT_DESK, full_name=office.marker("import_user"))
    )
    rows = [
        [
            "9001",
            "12/03/2025",
            office.marker("import_sender"),
            "9/2025",
            "",
            office.marker("import_subject"),
            "",
            "",
        ],
    ]
    office.add(
        "import_batch",
        services.upload(
            actor=importer_user,
            organisation=office.org,
            kind=INCOMING_REGISTER_KIND,
            uploaded_file=workbook_file(LAYOUT_B, rows, name=f"{office.marker('import_file')}.xlsx"),
        ),
    )

    outgoing_rows = [
        ["9002", "12/03/2025", "9002/2025", office.marker("outgoing_import_to"),
         office.marker("outgoing_import_subject"), "", "", "", ""],
    ]  # fmt: skip
    office.add(
        "outgoing_import_batch",
        services.upload(
            actor=importer_user,
            organisation=office.org,
            kind=OUTGOING_REGISTER_KIND,
            uploaded_file=workbook_file(
                OUTGOING_LAYOUT_B, outgoing_rows, name=f"{office.marker('outgoing_import_file')}.xlsx"
            ),
        ),
    )


ROUTES = {
    "correspondence:incoming_register_import": Route(),
    "correspondence:outgoing_register_import": Route(),
}
