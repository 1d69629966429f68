"""The six inventory cards (KIB A-F) and what each records beyond the fields every asset has.

An asset's card follows from its code (Permendagri 108/2016): 1.3.1 → KIB A Tanah, 1.3.2 → KIB B
Peralatan dan Mesin, 1.3.3 → KIB C Gedung dan Bangunan, 1.3.4 → KIB D Jalan, Irigasi dan Jaringan,
1.3.5 → KIB E Aset Tetap Lainnya, 1.3.6 → KIB F Konstruksi Dalam Pengerjaan.

The card-specific fields (the columns of the KIB forms of Permendagri 19/2016) are declared here once,
as `DetailField`s, and stored in `Asset.details` (JSON). This one declaration drives the form, the
validation in the services, the API and the report columns, so adding a column is one line here and
no migration. Values are kept as text, whole numbers or decimals-as-text (areas in m², lengths in km).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class KibKind(models.TextChoices):
    A = "A", gettext_lazy("KIB A Tanah")
    B = "B", gettext_lazy("KIB B Peralatan dan Mesin")
    C = "C", gettext_lazy("KIB C Gedung dan Bangunan")
    D = "D", gettext_lazy("KIB D Jalan, Irigasi dan Jaringan")
    E = "E", gettext_lazy("KIB E Aset Tetap Lainnya")
    F = "F", gettext_lazy("KIB F Konstruksi Dalam Pengerjaan")


KIND_BY_PREFIX = {"1.3.1": "A", "1.3.2": "B", "1.3.3": "C", "1.3.4": "D", "1.3.5": "E", "1.3.6": "F"}


def kind_of_code(code: str) -> str:
    """The card of a code, or "" for codes outside 1.3.1-1.3.6 (higher levels, other accounts)."""
    parts = code.split(".")
    if len(parts) < 3:
        return ""
    return KIND_BY_PREFIX.get(".".join(parts[:3]), "")


TEXT, NUMBER, DECIMAL, DATE, CHOICE, YESNO = "text", "number", "decimal", "date", "choice", "yesno"


@dataclass(frozen=True)
class DetailField:
    key: str
    label: str
    type: str = TEXT
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int = 100

    def clean(self, value):
        """The stored form of `value` (None when empty); ValidationError in Bahasa Indonesia."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip()
        if self.type == NUMBER:
            if not text.isdigit():
                raise ValidationError(_("%(label)s harus bilangan bulat.") % {"label": self.label})
            return int(text)
        if self.type == DECIMAL:
            try:
                number = Decimal(text.replace(",", "."))
            except InvalidOperation as exc:
                raise ValidationError(_("%(label)s harus berupa angka.") % {"label": self.label}) from exc
            if number < 0 or not number.is_finite():
                raise ValidationError(_("%(label)s tidak boleh negatif.") % {"label": self.label})
            return str(number.quantize(Decimal("0.01")))
        if self.type == DATE:
            try:
                return (value if isinstance(value, dt.date) else dt.date.fromisoformat(text)).isoformat()
            except ValueError as exc:
                raise ValidationError(
                    _("%(label)s harus tanggal (TTTT-BB-HH).") % {"label": self.label}
                ) from exc
        if self.type in (CHOICE, YESNO):
            allowed = dict(self.options())
            if text not in allowed:
                raise ValidationError(_("%(label)s: pilihan tidak dikenal.") % {"label": self.label})
            return text
        if len(text) > self.max_length:
            raise ValidationError(
                _("%(label)s paling panjang %(max)s karakter.")
                % {"label": self.label, "max": self.max_length}
            )
        return text

    def options(self) -> tuple[tuple[str, str], ...]:
        if self.type == YESNO:
            return (("ya", _("Ya")), ("tidak", _("Tidak")))
        return self.choices

    def display(self, value) -> str:
        if value in (None, ""):
            return ""
        if self.type in (CHOICE, YESNO):
            return str(dict(self.options()).get(value, value))
        return str(value)


LAND_RIGHTS = (
    ("hak_pakai", gettext_lazy("Hak Pakai")),
    ("hak_pengelolaan", gettext_lazy("Hak Pengelolaan")),
    ("hak_milik", gettext_lazy("Hak Milik")),
    ("hgb", gettext_lazy("Hak Guna Bangunan")),
    ("belum", gettext_lazy("Belum bersertifikat")),
)
BUILDING_STATE = (
    ("P", gettext_lazy("Permanen")),
    ("SP", gettext_lazy("Semi permanen")),
    ("D", gettext_lazy("Darurat")),
)

DETAIL_FIELDS: dict[str, tuple[DetailField, ...]] = {
    "A": (
        DetailField("area_m2", gettext_lazy("Luas (m²)"), DECIMAL),
        DetailField("address", gettext_lazy("Letak/alamat"), max_length=255),
        DetailField("land_right", gettext_lazy("Status hak tanah"), CHOICE, LAND_RIGHTS),
        DetailField("certificate_date", gettext_lazy("Tanggal sertifikat"), DATE),
        DetailField("certificate_number", gettext_lazy("Nomor sertifikat")),
        DetailField("use", gettext_lazy("Penggunaan"), max_length=150),
    ),
    "B": (
        DetailField("size", gettext_lazy("Ukuran/CC")),
        DetailField("material", gettext_lazy("Bahan")),
        DetailField("factory_number", gettext_lazy("Nomor pabrik/seri")),
        DetailField("frame_number", gettext_lazy("Nomor rangka")),
        DetailField("engine_number", gettext_lazy("Nomor mesin")),
        DetailField("police_number", gettext_lazy("Nomor polisi"), max_length=20),
        DetailField("bpkb_number", gettext_lazy("Nomor BPKB")),
    ),
    "C": (
        DetailField("building_state", gettext_lazy("Kondisi bangunan"), CHOICE, BUILDING_STATE),
        DetailField("multi_storey", gettext_lazy("Bertingkat"), YESNO),
        DetailField("concrete", gettext_lazy("Beton"), YESNO),
        DetailField("floor_area_m2", gettext_lazy("Luas lantai (m²)"), DECIMAL),
        DetailField("address", gettext_lazy("Letak/lokasi alamat"), max_length=255),
        DetailField("document_date", gettext_lazy("Tanggal dokumen gedung"), DATE),
        DetailField("document_number", gettext_lazy("Nomor dokumen gedung")),
        DetailField("land_area_m2", gettext_lazy("Luas tanah (m²)"), DECIMAL),
        DetailField("land_status", gettext_lazy("Status tanah")),
        DetailField("land_code", gettext_lazy("Nomor kode tanah"), max_length=30),
    ),
    "D": (
        DetailField("construction", gettext_lazy("Konstruksi")),
        DetailField("length_km", gettext_lazy("Panjang (km)"), DECIMAL),
        DetailField("width_m", gettext_lazy("Lebar (m)"), DECIMAL),
        DetailField("area_m2", gettext_lazy("Luas (m²)"), DECIMAL),
        DetailField("address", gettext_lazy("Letak/lokasi"), max_length=255),
        DetailField("document_date", gettext_lazy("Tanggal dokumen"), DATE),
        DetailField("document_number", gettext_lazy("Nomor dokumen")),
        DetailField("land_status", gettext_lazy("Status tanah")),
        DetailField("land_code", gettext_lazy("Nomor kode tanah"), max_length=30),
    ),
    "E": (
        DetailField("book_title", gettext_lazy("Buku: judul/pencipta"), max_length=200),
        DetailField("book_spec", gettext_lazy("Buku: spesifikasi")),
        DetailField("art_origin", gettext_lazy("Kesenian: asal daerah")),
        DetailField("art_creator", gettext_lazy("Kesenian: pencipta")),
        DetailField("art_material", gettext_lazy("Kesenian: bahan")),
        DetailField("living_kind", gettext_lazy("Hewan/tumbuhan: jenis")),
        DetailField("living_size", gettext_lazy("Hewan/tumbuhan: ukuran")),
        DetailField("quantity", gettext_lazy("Jumlah"), NUMBER),
    ),
    "F": (
        DetailField("building_state", gettext_lazy("Bangunan (P/SP/D)"), CHOICE, BUILDING_STATE),
        DetailField("multi_storey", gettext_lazy("Bertingkat"), YESNO),
        DetailField("concrete", gettext_lazy("Beton"), YESNO),
        DetailField("area_m2", gettext_lazy("Luas (m²)"), DECIMAL),
        DetailField("address", gettext_lazy("Letak/lokasi alamat"), max_length=255),
        DetailField("document_date", gettext_lazy("Tanggal dokumen"), DATE),
        DetailField("document_number", gettext_lazy("Nomor dokumen")),
        DetailField("start_date", gettext_lazy("Tanggal mulai"), DATE),
        DetailField("land_status", gettext_lazy("Status tanah")),
        DetailField("land_code", gettext_lazy("Nomor kode tanah"), max_length=30),
        DetailField("progress_percent", gettext_lazy("Kemajuan pekerjaan (%)"), NUMBER),
    ),
}


def clean_details(kind: str, raw: dict | None) -> dict:
    """The card's fields of `raw`, cleaned; unknown keys are refused so nothing is silently dropped."""
    raw = dict(raw or {})
    fields = {f.key: f for f in DETAIL_FIELDS.get(kind, ())}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise ValidationError(
            {"details": _("Isian tidak dikenal untuk kartu ini: %(keys)s.") % {"keys": ", ".join(unknown)}}
        )
    cleaned, errors = {}, []
    for key, field in fields.items():
        try:
            value = field.clean(raw.get(key))
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if value is not None:
            cleaned[key] = value
    if kind == "F" and cleaned.get("progress_percent", 0) > 100:
        errors.append(_("Kemajuan pekerjaan paling tinggi 100%."))
    if errors:
        raise ValidationError({"details": errors})
    return cleaned


def display_details(kind: str, details: dict) -> list[tuple[str, str]]:
    return [
        (str(f.label), f.display(details.get(f.key)))
        for f in DETAIL_FIELDS.get(kind, ())
        if details.get(f.key) not in (None, "")
    ]
