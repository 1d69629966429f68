"""The code list (Permendagri 108/2016): importing a CSV/XLSX and editing one code.

Deployment-wide reference data kept by the city administrator (`MANAGE_CODES`, which no office role
holds). `actor=None` is the system (the management command, the demo). Importing is idempotent:
codes are created or their title/active flag updated, never deleted.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.assets.models import CODE_RE, AssetCode, parent_code
from lontar.assets.permissions import MANAGE_CODES
from lontar.core import audit
from lontar.core.permissions import require

SHIPPED_CODES = Path(__file__).resolve().parent.parent / "data" / "kode_barang_108_2016.csv"
MAX_ROWS = 20000
_HEADERS = {
    "code": "code",
    "kode": "code",
    "kode_barang": "code",
    "title": "title",
    "uraian": "title",
    "nama_barang": "title",
    "is_active": "is_active",
    "aktif": "is_active",
}
_FALSE = {"0", "false", "tidak", "no", "n", "nonaktif"}


@dataclass
class CodeRow:
    line: int
    code: str
    title: str
    is_active: bool = True


@dataclass
class CodePreview:
    rows: list[CodeRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def _table(name: str, data: bytes) -> list[list]:
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several types for a damaged file
            raise ValidationError(_("Berkas XLSX tidak dapat dibaca.")) from exc
        rows = [
            ["" if v is None else v for v in row] for row in book.worksheets[0].iter_rows(values_only=True)
        ]
        book.close()
        return rows
    if name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return list(csv.reader(io.StringIO(text), dialect))
    raise ValidationError(_("Berkas harus berformat CSV atau XLSX."))


def read_codes(name: str, data: bytes) -> CodePreview:
    """Check every row of a file and say what importing it would do; writes nothing."""
    table = _table(name.lower(), data)
    if not table:
        raise ValidationError(_("Berkas kosong."))
    headers = [_HEADERS.get(str(h or "").strip().lower().replace(" ", "_"), "") for h in table[0]]
    if "code" not in headers or "title" not in headers:
        raise ValidationError(
            _("Baris pertama harus berisi nama kolom: code (kode), title (uraian), is_active.")
        )
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError(_("Paling banyak %(max)s baris per impor.") % {"max": MAX_ROWS})
    preview, seen = CodePreview(), set()
    for line, values in enumerate(table[1:], start=2):
        raw = {h: str(values[i]).strip() for i, h in enumerate(headers) if h and i < len(values)}
        if not any(raw.values()):
            continue
        code, title = raw.get("code", "").rstrip("."), " ".join(raw.get("title", "").split())
        if not CODE_RE.match(code):
            preview.errors.append(
                _("Baris %(line)s: kode “%(code)s” tidak sah.") % {"line": line, "code": code}
            )
        elif not title or len(title) > 255:
            preview.errors.append(
                _("Baris %(line)s: uraian wajib diisi (paling panjang 255).") % {"line": line}
            )
        elif code in seen:
            preview.errors.append(
                _("Baris %(line)s: kode %(code)s muncul dua kali.") % {"line": line, "code": code}
            )
        else:
            seen.add(code)
            active = raw.get("is_active", "").lower() not in _FALSE
            preview.rows.append(CodeRow(line, code, title, active))
    existing = {c.code: c for c in AssetCode.objects.filter(code__in=seen)}
    for row in preview.rows:
        current = existing.get(row.code)
        if current is None:
            preview.counts["create"] += 1
        elif (current.title, current.is_active) != (row.title, row.is_active):
            preview.counts["update"] += 1
        else:
            preview.counts["unchanged"] += 1
    return preview


def import_codes(*, actor, preview: CodePreview, source: str = "") -> Counter:
    """Create or update the codes of a checked preview (parents first). Refuses a preview with errors."""
    if actor is not None:
        require(actor, MANAGE_CODES)
    if preview.errors:
        raise ValidationError(preview.errors)
    counts: Counter = Counter()
    with transaction.atomic():
        by_code = {
            c.code: c
            for c in AssetCode.objects.select_for_update().filter(code__in=[r.code for r in preview.rows])
        }
        for row in sorted(preview.rows, key=lambda r: (r.code.count("."), r.code)):
            current = by_code.get(row.code)
            if current is not None and (current.title, current.is_active) == (row.title, row.is_active):
                counts["unchanged"] += 1
                continue
            parent = _nearest_parent(row.code, by_code)
            if current is None:
                current = AssetCode(code=row.code, title=row.title, is_active=row.is_active, parent=parent)
                counts["create"] += 1
            else:
                current.title, current.is_active, current.parent = row.title, row.is_active, parent
                counts["update"] += 1
            current.save()
            by_code[row.code] = current
        if counts["create"] or counts["update"]:
            audit.record(
                actor=actor,
                action="assets.code.import",
                object_type="assets.assetcode",
                object_repr=source or _("impor kode barang"),
                after={
                    "dibuat": counts["create"],
                    "diubah": counts["update"],
                    "tidak_berubah": counts["unchanged"],
                },
            )
    return counts


def _nearest_parent(code: str, known: dict) -> AssetCode | None:
    """The closest ancestor in the file or the list (a published list sometimes skips a level)."""
    ancestor = parent_code(code)
    while ancestor:
        found = known.get(ancestor) or AssetCode.objects.filter(code=ancestor).first()
        if found is not None:
            known[ancestor] = found
            return found
        ancestor = parent_code(ancestor)
    return None


def import_shipped_codes(*, actor=None) -> Counter:
    preview = read_codes(SHIPPED_CODES.name, SHIPPED_CODES.read_bytes())
    return import_codes(actor=actor, preview=preview, source=SHIPPED_CODES.name)


def update_code(*, actor, code: AssetCode, title: str, is_active: bool) -> AssetCode:
    """Change a code's title or deactivate it; the code itself and its place in the tree stay."""
    require(actor, MANAGE_CODES)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Uraian wajib diisi.")})
    with transaction.atomic():
        current = AssetCode.objects.select_for_update().get(pk=code.pk)
        before = {"title": current.title, "is_active": current.is_active}
        current.title, current.is_active = title, is_active
        current.save()
        after = {"title": current.title, "is_active": current.is_active}
        changed_before, changed_after = audit.changes(before, after)
        if changed_after:
            audit.record(
                actor=actor,
                action="assets.code.update",
                obj=current,
                before=changed_before,
                after=changed_after,
            )
    return current
