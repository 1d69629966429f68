"""The career agenda as an Excel file (openpyxl). Audited: who exported which filter and how many rows."""

from __future__ import annotations

import io
from dataclasses import asdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from lontar.core import audit
from lontar.core.models import Organisation
from lontar.core.permissions import organisation_ids_with
from lontar.staff.reminders import selectors
from lontar.staff.reminders.permissions import EXPORT_AGENDA

COLUMNS = [
    (gettext_lazy("Jatuh tempo"), 14),
    (gettext_lazy("Jenis"), 26),
    (gettext_lazy("Nama"), 32),
    (gettext_lazy("NIP/NI PPPK"), 22),
    (gettext_lazy("Status kepegawaian"), 12),
    (gettext_lazy("Unit"), 28),
    (gettext_lazy("Kantor"), 26),
    (gettext_lazy("Keterangan"), 40),
    (gettext_lazy("Dasar perhitungan"), 44),
    (gettext_lazy("Diingatkan mulai"), 16),
    (gettext_lazy("Status"), 20),
]


def _safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by a spreadsheet (formula injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_agenda(*, actor, filters: selectors.AgendaFilters) -> tuple[bytes, int]:
    """The agenda `actor` may export under `filters`, as an .xlsx file. Returns (bytes, rows)."""
    allowed = organisation_ids_with(actor, EXPORT_AGENDA)
    if not allowed:
        raise PermissionDenied(EXPORT_AGENDA)
    items = selectors.office_agenda(actor, filters, action=EXPORT_AGENDA)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Agenda kepegawaian")
    sheet.append([str(title) for title, _width in COLUMNS])
    for item in items:
        sheet.append(
            [
                item.due_date,
                item.kind_label,
                _safe(item.staff_name),
                item.nip_display,
                item.employment_type,
                _safe(item.unit_name),
                item.organisation_name,
                _safe(item.title),
                _safe(item.basis),
                item.ahead_from,
                item.status_label,
            ]
        )
    for index, (_title, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        if index in (1, 10):
            for cell in sheet[get_column_letter(index)][1:]:
                cell.number_format = "DD-MM-YYYY"
    buffer = io.BytesIO()
    book.save(buffer)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="staff_reminders.agenda.export",
            organisation=Organisation.objects.get(pk=allowed[0]) if len(allowed) == 1 else None,
            object_type="staff_reminders.agenda",
            object_repr=_("Ekspor agenda kepegawaian"),
            after={"filters": {k: v for k, v in asdict(filters).items() if v}, "rows": len(items)},
        )
    return buffer.getvalue(), len(items)
