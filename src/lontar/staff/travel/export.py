"""Export of the filtered office trip list to Excel (openpyxl). Audited: who exported which filter and how
many rows (the sheet names people and their NIP)."""

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
from lontar.staff.travel import selectors

MAX_ROWS = 20_000


def _safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by a spreadsheet (formula injection).
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_trips(*, actor, filters: selectors.TripFilters) -> tuple[bytes, int]:
    """The trips of the offices whose every trip `actor` sees, under `filters`, as .xlsx: (bytes, rows)."""
    allowed = selectors.export_office_ids(actor)
    if not allowed:
        raise PermissionDenied("travel.view_export")
    rows = (
        selectors.filtered(actor, filters)
        .filter(organisation_id__in=allowed)
        .select_related("organisation")
        .prefetch_related("travellers__staff")
        .order_by("-start_date", "-id")[:MAX_ROWS]
    )
    book = Workbook()
    sheet = book.active
    sheet.title = _("Perjalanan dinas")
    headers = [
        _("Nomor surat tugas"),
        _("Kantor"),
        _("Pelaksana"),
        _("NIP"),
        _("Maksud"),
        _("Tempat tujuan"),
        _("Instansi tujuan"),
        _("Berangkat"),
        _("Kembali"),
        _("Hari"),
        _("Hari kerja"),
        _("Alat angkut"),
        _("Sumber dana"),
        _("Kode rekening"),
        _("Status"),
        _("Batas laporan"),
    ]
    sheet.append(headers)
    count = 0
    for trip in rows:
        travellers = list(trip.travellers.all())
        sheet.append(
            [
                trip.number,
                trip.organisation.name,
                _safe("; ".join(t.staff.full_name for t in travellers)),
                "; ".join(t.staff.nip for t in travellers if t.staff.nip),
                _safe(trip.purpose),
                _safe(trip.destination_place),
                _safe(trip.destination_institution),
                trip.start_date,
                trip.end_date,
                trip.days,
                trip.working_days,
                trip.get_transport_display(),
                _safe(trip.funding_source),
                _safe(trip.budget_code),
                trip.get_status_display(),
                trip.due_date,
            ]
        )
        count += 1
    for index, width in enumerate([28, 24, 36, 40, 40, 20, 24, 12, 12, 6, 8, 16, 20, 16, 20, 12], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="travel.trip.export",
            organisation=Organisation.objects.get(pk=allowed[0]) if len(allowed) == 1 else None,
            object_type="travel.trip",
            object_repr=_("Ekspor daftar perjalanan dinas"),
            after={
                "filters": {k: str(v) for k, v in asdict(filters).items() if v},
                "rows": count,
            },
        )
    return buffer.getvalue(), count
