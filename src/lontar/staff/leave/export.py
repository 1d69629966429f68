"""Export of the office's leave list to Excel (openpyxl). Audited: who exported which filter and how
many rows, since the list carries personal data (REFERENCE; ARCHITECTURE §4)."""

from __future__ import annotations

import io
from dataclasses import asdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from lontar.core import audit
from lontar.core.models import Organisation
from lontar.core.permissions import organisation_ids_with
from lontar.staff.leave import selectors
from lontar.staff.leave.permissions import EXPORT_LEAVE

MAX_ROWS = 20_000


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (formula injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_requests(*, actor, filters: selectors.OfficeFilters) -> tuple[bytes, int]:
    allowed = organisation_ids_with(actor, EXPORT_LEAVE)
    if not allowed:
        raise PermissionDenied(EXPORT_LEAVE)
    rows = selectors.office_requests(actor, filters).filter(organisation_id__in=allowed)[:MAX_ROWS]
    book = Workbook()
    sheet = book.active
    sheet.title = _("Cuti")
    sheet.append(
        [
            _("Kantor"),
            _("Nama"),
            _("NIP"),
            _("Unit"),
            _("Jenis cuti"),
            _("Mulai"),
            _("Sampai"),
            _("Hari kerja"),
            _("Hari kalender"),
            _("Status"),
            _("Pertimbangan atasan"),
            _("Nomor surat"),
            _("Alasan"),
        ]
    )
    count = 0
    for r in rows:
        sheet.append(
            [
                r.organisation.name,
                _safe(r.staff.full_name),
                r.staff.nip,
                r.staff.unit.name if r.staff.unit_id else "",
                r.get_leave_type_display(),
                r.start_date,
                r.end_date,
                r.working_days,
                r.calendar_days,
                r.get_status_display(),
                r.get_consideration_display() if r.consideration else "",
                r.letter.number if r.letter_id else "",
                _safe(r.reason),
            ]
        )
        count += 1
    for index, width in enumerate([24, 28, 20, 24, 26, 12, 12, 10, 12, 26, 18, 28, 40], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="leave.request.export",
            organisation=Organisation.objects.get(pk=allowed[0]) if len(allowed) == 1 else None,
            object_type="leave.leaverequest",
            object_repr=_("Ekspor daftar cuti"),
            after={"filters": {k: v for k, v in asdict(filters).items() if v}, "rows": count},
        )
    return buffer.getvalue(), count
