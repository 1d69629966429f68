"""Export of the filtered complaint list to Excel (openpyxl). Audited: who exported which filter and how
many rows. Identities pass through `reporter_identity(..., for_export=True)`: anonymous and confidential
reporters are never written to a file, and the auditor's export is masked as its screens are."""

from __future__ import annotations

import io
from dataclasses import asdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from lontar.complaints.permissions import EXPORT_COMPLAINTS
from lontar.complaints.selectors import complaints as selectors
from lontar.complaints.selectors.identity import reporter_identity
from lontar.core import audit
from lontar.core.permissions import organisation_ids_with

MAX_ROWS = 20_000


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by a spreadsheet (CSV/formula injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_complaints(*, actor, filters: selectors.InboxFilters) -> tuple[bytes, int]:
    """The complaints `actor` may see under `filters`, as an .xlsx file. Returns (bytes, rows)."""
    if not organisation_ids_with(actor, EXPORT_COMPLAINTS):
        raise PermissionDenied(EXPORT_COMPLAINTS)
    allowed = organisation_ids_with(actor, EXPORT_COMPLAINTS)
    rows = (
        selectors.filtered(actor, filters)
        .filter(organisation_id__in=allowed)
        .select_related("organisation", "category", "unit", "handler")
        .order_by("-received_at", "-id")[:MAX_ROWS]
    )
    book = Workbook()
    sheet = book.active
    sheet.title = _("Pengaduan")
    headers = [
        _("Nomor"),
        _("Kantor"),
        _("Diterima"),
        _("Jenis"),
        _("Kanal"),
        _("Kategori"),
        _("Unit"),
        _("Judul"),
        _("Status"),
        _("Tenggat"),
        _("Petugas"),
        _("Pelapor"),
        _("Telepon"),
        _("Surel"),
        _("Identitas"),
        _("Ditanggapi"),
        _("Selesai"),
        _("Penilaian"),
        _("Dieskalasi"),
    ]
    sheet.append(headers)
    count = 0
    for complaint in rows:
        identity = reporter_identity(complaint, actor, for_export=True)
        privacy = {"anonim": _("anonim"), "rahasia": _("dirahasiakan")}.get(identity.privacy, _("biasa"))
        sheet.append(
            [
                complaint.number,
                complaint.organisation.name,
                _local(complaint.received_at),
                complaint.get_kind_display(),
                complaint.get_channel_display(),
                complaint.category.name if complaint.category_id else "",
                complaint.unit.name if complaint.unit_id else "",
                _safe(complaint.title),
                complaint.get_status_display(),
                complaint.due_date,
                complaint.handler.display_name if complaint.handler_id else "",
                _safe(identity.name if identity.privacy != "anonim" else _("Anonim")),
                _safe(identity.phone),
                _safe(identity.email),
                privacy,
                _local(complaint.responded_at),
                _local(complaint.resolved_at),
                complaint.rating,
                _local(complaint.escalated_at),
            ]
        )
        count += 1
    for index, width in enumerate(
        [22, 24, 18, 14, 16, 24, 24, 40, 20, 12, 22, 24, 18, 24, 14, 18, 18, 10, 18], 1
    ):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="complaints.complaint.export",
            organisation=actor_office(actor, allowed),
            object_type="complaints.complaint",
            object_repr=_("Ekspor daftar pengaduan"),
            after={"filters": {k: v for k, v in asdict(filters).items() if v}, "rows": count},
        )
    return buffer.getvalue(), count


def actor_office(actor, allowed: list[int]):
    """The office the export is recorded under: the actor's only office, else none (global chain)."""
    from lontar.core.models import Organisation

    return Organisation.objects.get(pk=allowed[0]) if len(allowed) == 1 else None
