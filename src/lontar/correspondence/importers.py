"""The buku agenda surat masuk and surat keluar as legacy imports (the platform's `lontar.core.imports`).

Offices kept their incoming register in Excel long before Lontar, in a handful of layouts: a title
row or two, then columns such as "No. Agenda | Tgl Terima | Asal Surat | No. Surat | Tgl Surat |
Perihal | Kode | Lampiran | Keterangan". The importer recognises those titles, cleans each row and
creates the letters through `services.legacy_import` when the user confirms.

A row is already in the office (and skipped) when a letter with the same agenda number exists in the
same year, or one from the same sender with the same sender's number.

The outgoing register ("No | Nomor Surat | Tanggal | Kepada | Perihal | Kode | Sifat | Lampiran |
Pengolah | Keterangan") becomes outgoing documents recorded as sent, marked as imported. A row is
already there when the office has an outgoing document with the same number (spaces, case and
punctuation aside) in the same year, or with exactly that number in any year (a number is unique in
the office). Numbers that follow the office's numbering template for their type move its counter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.imports.models import BatchStatus
from lontar.core.imports.reading import parse_count, parse_date
from lontar.core.imports.registry import Importer, RowContext, TargetField
from lontar.core.imports.selectors import values_of_rows
from lontar.core.models import Unit
from lontar.core.numbering.formatting import sequence_matcher
from lontar.core.numbering.models import NumberingTemplate
from lontar.core.workdays.calendar import organisation_today
from lontar.correspondence.models import (
    IncomingLetter,
    OutgoingDocument,
    OutgoingType,
    SecurityClass,
    Urgency,
)
from lontar.correspondence.models.incoming import number_key, sender_key
from lontar.correspondence.outgoing_actions import IMPORT_OUTGOING, VIEW_OUTGOING_IMPORTS
from lontar.correspondence.services import legacy_import
from lontar.correspondence.services.outgoing import template_for
from lontar.records.models import ClassificationScheme
from lontar.records.selectors import classification_by_code

IMPORT_INCOMING = "correspondence.import_incoming"
VIEW_INCOMING_IMPORTS = "correspondence.view_incoming_imports"
INCOMING_REGISTER_KIND = "buku-agenda-surat-masuk"
OUTGOING_REGISTER_KIND = "buku-agenda-surat-keluar"

# "Sifat" in old registers mixes urgency and security: (urgency, security) per normalised word.
_SIFAT = {
    "": (Urgency.NORMAL, SecurityClass.OPEN),
    "biasa": (Urgency.NORMAL, SecurityClass.OPEN),
    "penting": (Urgency.NORMAL, SecurityClass.OPEN),
    "terbuka": (Urgency.NORMAL, SecurityClass.OPEN),
    "segera": (Urgency.URGENT, SecurityClass.OPEN),
    "penting segera": (Urgency.URGENT, SecurityClass.OPEN),
    "sangat segera": (Urgency.VERY_URGENT, SecurityClass.OPEN),
    "kilat": (Urgency.VERY_URGENT, SecurityClass.OPEN),
    "amat segera": (Urgency.VERY_URGENT, SecurityClass.OPEN),
    "terbatas": (Urgency.NORMAL, SecurityClass.LIMITED),
    "rahasia": (Urgency.NORMAL, SecurityClass.CONFIDENTIAL),
    "sangat rahasia": (Urgency.NORMAL, SecurityClass.SECRET),
}
_DIGITS = re.compile(r"\d+")
_LIMITS = {"agenda_number": 100, "sender_name": 200, "sender_number": 100, "subject": 500}


def _read_sifat(values: dict[str, str], problems: list) -> tuple[str, str] | None:
    """(urgency, security) of the register's "Sifat" cell, or None with a row problem."""
    sifat = " ".join(values.get("urgency", "").lower().replace("/", " ").replace("-", " ").split())
    if sifat not in _SIFAT:
        problems.append(
            (
                "urgency",
                _(
                    "sifat “%(value)s” tidak dikenal; pakai biasa, segera, sangat segera, terbatas, "
                    "atau rahasia."
                )
                % {"value": values.get("urgency", "")},
            )
        )
        return None
    return _SIFAT[sifat]


def _read_classification(values: dict[str, str], context: RowContext, problems: list) -> int | None:
    """The id of the row's classification code (None when empty, or unknown with a row problem)."""
    code = values.get("classification", "").strip()
    classification_id = IncomingRegisterImporter._classification(code, context) if code else None
    if code and classification_id is None:
        problems.append(("classification", _("kode klasifikasi “%(code)s” tidak dikenal.") % {"code": code}))
    return classification_id


class IncomingRegisterImporter(Importer):
    key = INCOMING_REGISTER_KIND
    label = gettext_lazy("Buku Agenda Surat Masuk")
    action = IMPORT_INCOMING
    view_action = VIEW_INCOMING_IMPORTS
    fields = (
        TargetField(
            "agenda_number",
            gettext_lazy("Nomor agenda"),
            required=True,
            synonyms=("No. Agenda", "Nomor Agenda", "No Agenda", "Agenda", "No. Urut", "Nomor Urut", "No"),
        ),
        TargetField(
            "received_date",
            gettext_lazy("Tanggal diterima"),
            required=True,
            synonyms=(
                "Tanggal Diterima",
                "Tgl Terima",
                "Tgl. Terima",
                "Tanggal Terima",
                "Tgl Diterima",
                "Diterima Tanggal",
                "Tanggal Masuk",
                "Tgl Masuk",
                "Tanggal Agenda",
                "Tgl Agenda",
                "Tanggal",
                "Tgl",
            ),
        ),
        TargetField(
            "sender_name",
            gettext_lazy("Pengirim"),
            required=True,
            synonyms=("Asal Surat", "Pengirim", "Dari", "Surat Dari", "Asal", "Instansi Pengirim"),
        ),
        TargetField(
            "sender_number",
            gettext_lazy("Nomor surat"),
            synonyms=("Nomor Surat", "No. Surat", "No Surat", "Nomor Surat Masuk"),
        ),
        TargetField("sender_date", gettext_lazy("Tanggal surat"), synonyms=("Tanggal Surat", "Tgl Surat")),
        TargetField(
            "subject",
            gettext_lazy("Perihal"),
            required=True,
            synonyms=("Perihal", "Hal", "Perihal Surat", "Isi Ringkas", "Isi Surat", "Ringkasan Isi"),
        ),
        TargetField(
            "summary", gettext_lazy("Ringkasan isi"), synonyms=("Isi Ringkas", "Ringkasan Isi", "Ringkasan")
        ),
        TargetField(
            "classification",
            gettext_lazy("Kode klasifikasi"),
            synonyms=("Kode Klasifikasi", "Kode", "Klasifikasi", "Kode Arsip", "Indeks"),
        ),
        TargetField("enclosures", gettext_lazy("Lampiran"), synonyms=("Lampiran", "Jumlah Lampiran", "Lamp")),
        TargetField("urgency", gettext_lazy("Sifat"), synonyms=("Sifat", "Sifat Surat")),
        TargetField("remarks", gettext_lazy("Keterangan"), synonyms=("Keterangan", "Ket", "Catatan")),
    )

    def validate_row(self, values: dict[str, str], context: RowContext):
        problems: list[tuple[str, str]] = []
        cleaned: dict = {}
        for key in ("agenda_number", "sender_name", "subject"):
            text = values.get(key, "").strip()
            if not text:
                problems.append((key, _("wajib diisi.")))
            cleaned[key] = text
        for key, limit in _LIMITS.items():
            text = values.get(key, "").strip()
            if len(text) > limit:
                problems.append((key, _("terlalu panjang (paling banyak %(max)s huruf).") % {"max": limit}))
            cleaned[key] = text
        sequence = _DIGITS.search(cleaned["agenda_number"])
        if cleaned["agenda_number"] and sequence is None:
            problems.append(
                (
                    "agenda_number",
                    _("“%(value)s” tidak memuat nomor urut.") % {"value": cleaned["agenda_number"]},
                )
            )
        received = self._date(values, "received_date", problems, required=True)
        sent = self._date(values, "sender_date", problems)
        today = context.cache.setdefault("today", organisation_today(context.organisation))
        if received is not None and received > today:
            problems.append(("received_date", _("tanggal diterima tidak boleh sesudah hari ini.")))
        if received is not None and sent is not None and sent > received:
            problems.append(("sender_date", _("tanggal surat tidak boleh sesudah tanggal diterima.")))
        enclosures = parse_count(values.get("enclosures", ""))
        if enclosures is None:
            problems.append(
                (
                    "enclosures",
                    _("“%(value)s” bukan jumlah lampiran.") % {"value": values.get("enclosures", "")},
                )
            )
        sifat = _read_sifat(values, problems)
        classification_id = _read_classification(values, context, problems)
        if problems:
            return {}, problems
        summary = values.get("summary", "").strip()
        remarks = values.get("remarks", "").strip()
        if remarks:
            summary = "\n".join(
                part for part in (summary, _("Keterangan: %(text)s") % {"text": remarks}) if part
            )
        urgency, security = sifat
        cleaned.update(
            agenda_year=received.year,
            agenda_sequence=int(sequence.group()),
            received_date=received.isoformat(),
            sender_date=sent.isoformat() if sent else None,
            summary=summary,
            classification_id=classification_id,
            enclosures=enclosures,
            urgency=str(urgency),
            security=str(security),
        )
        return cleaned, []

    @staticmethod
    def _date(values, key: str, problems: list, *, required: bool = False) -> dt.date | None:
        text = values.get(key, "").strip()
        if not text:
            if required:
                problems.append((key, _("wajib diisi.")))
            return None
        parsed = parse_date(text)
        if parsed is None:
            problems.append(
                (
                    key,
                    _("tanggal “%(value)s” tidak dikenali; tulis seperti 12/03/2025 atau 12 Maret 2025.")
                    % {"value": text},
                )
            )
        return parsed

    @staticmethod
    def _classification(code: str, context: RowContext) -> int | None:
        """The code's id: Permendagri 83/2022 first, then the 78/2012 codes of older registers."""
        cache = context.cache.setdefault("classification", {})
        if code not in cache:
            found = classification_by_code(code) or classification_by_code(
                code, ClassificationScheme.PERMENDAGRI_78_2012
            )
            cache[code] = found.pk if found is not None else None
        return cache[code]

    @staticmethod
    def _agenda_key(cleaned: dict) -> str:
        return f"agenda:{cleaned['agenda_year']}:{cleaned['agenda_number']}"

    def fingerprint(self, cleaned: dict) -> str:
        return hashlib.sha256(self._agenda_key(cleaned).encode()).hexdigest()

    def duplicate_keys(self, cleaned: dict) -> list[str]:
        keys = [self._agenda_key(cleaned)]
        number = number_key(cleaned["sender_number"])
        if number:
            keys.append(f"pengirim:{sender_key(cleaned['sender_name'])}:{number}")
        return keys

    def existing_keys(self, organisation, keys: set[str]) -> set[str]:
        agenda: dict[int, set[str]] = {}
        senders: set[str] = set()
        numbers: set[str] = set()
        for key in keys:
            kind, first, second = key.split(":", 2)
            if kind == "agenda":
                agenda.setdefault(int(first), set()).add(second)
            else:
                senders.add(first)
                numbers.add(second)
        letters = IncomingLetter.objects.filter(organisation=organisation)
        found: set[str] = set()
        for year, numbers_of_year in agenda.items():
            listed = sorted(numbers_of_year)
            for start in range(0, len(listed), 500):
                found.update(
                    f"agenda:{year}:{number}"
                    for number in letters.filter(
                        agenda_year=year, agenda_number__in=listed[start : start + 500]
                    ).values_list("agenda_number", flat=True)
                )
        listed = sorted(numbers)
        for start in range(0, len(listed), 500):
            found.update(
                f"pengirim:{who}:{number}"
                for who, number in letters.filter(number_key__in=listed[start : start + 500]).values_list(
                    "sender_key", "number_key"
                )
                if who in senders
            )
        return found & keys

    def create(self, cleaned: dict, *, actor, organisation):
        return legacy_import.create_legacy_letter(actor=actor, organisation=organisation, values=cleaned)

    def finish(self, created: list[dict], *, actor, organisation) -> None:
        legacy_import.advance_agenda_counters(actor=actor, organisation=organisation, letters=created)


incoming_register_importer = IncomingRegisterImporter()


# --- buku agenda surat keluar ----------------------------------------------------------------------

# "Jenis" as written in old registers → the naskah type. Empty means surat dinas.
_JENIS = {"": OutgoingType.SURAT_DINAS}
for _type in OutgoingType:
    _words = _type.value.replace("_", " ")
    _JENIS[_words] = _type
    _JENIS[_words.removeprefix("surat ")] = _type
_JENIS["surat undangan"] = OutgoingType.UNDANGAN
_OUTGOING_LIMITS = {
    "register_number": 20,
    "number": 100,
    "recipient": 200,
    "subject": 255,
    "attachments": 100,
    "unit": 150,
    "remarks": 1000,
}
_NO_ATTACHMENT = {"", "-", "0", "nihil", "tidak ada"}
_WORDS = re.compile(r"[^0-9a-z]+")


def _words_of(text: str) -> str:
    return " ".join(_WORDS.sub(" ", text.lower()).split())


class OutgoingRegisterImporter(Importer):
    key = OUTGOING_REGISTER_KIND
    label = gettext_lazy("Buku Agenda Surat Keluar")
    action = IMPORT_OUTGOING
    view_action = VIEW_OUTGOING_IMPORTS
    fields = (
        TargetField(
            "register_number",
            gettext_lazy("Nomor urut buku agenda"),
            synonyms=("No. Urut", "Nomor Urut", "No Urut", "No"),
        ),
        TargetField(
            "number",
            gettext_lazy("Nomor surat"),
            required=True,
            synonyms=("Nomor Surat", "No. Surat", "No Surat", "Nomor Surat Keluar", "Nomor Naskah", "Nomor"),
        ),
        TargetField(
            "document_date",
            gettext_lazy("Tanggal surat"),
            required=True,
            synonyms=("Tanggal Surat", "Tgl Surat", "Tgl. Surat", "Tanggal Naskah", "Tanggal", "Tgl"),
        ),
        TargetField(
            "recipient",
            gettext_lazy("Kepada"),
            required=True,
            synonyms=("Kepada", "Tujuan", "Dikirim Kepada", "Alamat Tujuan", "Tujuan Surat", "Yth"),
        ),
        TargetField(
            "subject",
            gettext_lazy("Perihal"),
            required=True,
            synonyms=("Perihal", "Hal", "Perihal Surat", "Isi Ringkas", "Isi Surat", "Ringkasan Isi"),
        ),
        TargetField(
            "classification",
            gettext_lazy("Kode klasifikasi"),
            synonyms=("Kode Klasifikasi", "Kode", "Klasifikasi", "Kode Arsip", "Indeks"),
        ),
        TargetField("urgency", gettext_lazy("Sifat"), synonyms=("Sifat", "Sifat Surat")),
        TargetField(
            "attachments", gettext_lazy("Lampiran"), synonyms=("Lampiran", "Jumlah Lampiran", "Lamp")
        ),
        TargetField(
            "unit",
            gettext_lazy("Unit pengolah"),
            synonyms=("Unit Pengolah", "Pengolah", "Bagian", "Unit Kerja", "Seksi"),
        ),
        TargetField(
            "document_type", gettext_lazy("Jenis naskah"), synonyms=("Jenis Naskah", "Jenis Surat", "Jenis")
        ),
        TargetField("remarks", gettext_lazy("Keterangan"), synonyms=("Keterangan", "Ket", "Catatan")),
    )

    def validate_row(self, values: dict[str, str], context: RowContext):
        problems: list[tuple[str, str]] = []
        cleaned: dict = {}
        text = {key: values.get(key, "").strip() for key in _OUTGOING_LIMITS}
        for key in ("number", "recipient", "subject"):
            if not text[key]:
                problems.append((key, _("wajib diisi.")))
        for key, limit in _OUTGOING_LIMITS.items():
            if len(text[key]) > limit:
                problems.append((key, _("terlalu panjang (paling banyak %(max)s huruf).") % {"max": limit}))
        if text["number"] and not _DIGITS.search(text["number"]):
            problems.append(
                (
                    "number",
                    _("“%(value)s” bukan nomor surat: tidak memuat angka.") % {"value": text["number"]},
                )
            )
        written = IncomingRegisterImporter._date(values, "document_date", problems, required=True)
        today = context.cache.setdefault("today", organisation_today(context.organisation))
        if written is not None and written > today:
            problems.append(("document_date", _("tanggal surat tidak boleh sesudah hari ini.")))
        sifat = _read_sifat(values, problems)
        jenis = _JENIS.get(_words_of(values.get("document_type", "")))
        if jenis is None:
            problems.append(
                (
                    "document_type",
                    _(
                        "jenis naskah “%(value)s” tidak dikenal; pakai surat dinas, nota dinas, undangan, "
                        "surat tugas, surat keterangan, surat edaran, berita acara, atau surat keputusan."
                    )
                    % {"value": values.get("document_type", "")},
                )
            )
        classification_id = _read_classification(values, context, problems)
        numbering = self._numbering(jenis, context) if jenis is not None else None
        if numbering is not None and numbering["signatory_position_id"] is None:
            problems.append(
                (
                    "document_type",
                    _(
                        "kantor ini belum menetapkan jabatan penandatangan untuk %(type)s; minta "
                        "administrator kantor mengaturnya pada templat naskah keluar."
                    )
                    % {"type": jenis.label},
                )
            )
        if problems:
            return {}, problems
        urgency, security = sifat
        matcher = numbering["matcher"]
        sequence = matcher(text["number"], written.year) if matcher is not None else None
        unit_id = self._unit(text["unit"], context) if text["unit"] else None
        note = [
            f"No. urut buku agenda: {text['register_number']}" if text["register_number"] else "",
            f"Pengolah: {text['unit']}" if text["unit"] else "",
            f"Keterangan: {text['remarks']}" if text["remarks"] else "",
        ]
        cleaned.update(
            register_number=text["register_number"],
            number=text["number"],
            number_key=number_key(text["number"]),
            document_date=written.isoformat(),
            recipient=text["recipient"],
            subject=text["subject"],
            classification_id=classification_id,
            urgency=str(urgency),
            security=str(security),
            attachments_note="" if text["attachments"].lower() in _NO_ATTACHMENT else text["attachments"],
            unit_id=unit_id,
            document_type=str(jenis),
            signatory_position_id=numbering["signatory_position_id"],
            numbering_key=numbering["numbering_key"],
            sequence=sequence,
            register_note="\n".join(line for line in note if line),
        )
        return cleaned, []

    @staticmethod
    def _numbering(document_type: str, context: RowContext) -> dict:
        """For a naskah type: its signatory, the numbering template key, and how to read a sequence
        out of a number written in that template's format (None when the office has no template)."""
        cache = context.cache.setdefault("numbering", {})
        if document_type not in cache:
            template = template_for(context.organisation, document_type)
            numbering = NumberingTemplate.objects.filter(
                organisation=context.organisation, document_type=template.numbering_key, is_active=True
            ).first()
            matchers: dict[int, object] = {}

            def read(number: str, year: int, fmt=numbering.format if numbering else "") -> int | None:
                if year not in matchers:
                    matchers[year] = sequence_matcher(fmt, year=year)
                return matchers[year](number)

            cache[document_type] = {
                "signatory_position_id": template.signatory_position_id,
                "numbering_key": template.numbering_key,
                "matcher": read if numbering is not None else None,
            }
        return cache[document_type]

    @staticmethod
    def _unit(text: str, context: RowContext) -> int | None:
        """The office's unit written in the Pengolah column, by code or name; None when not found (the
        text stays in the register note)."""
        units = context.cache.get("units")
        if units is None:
            units = {}
            for pk, name, code in Unit.objects.filter(organisation=context.organisation).values_list(
                "pk", "name", "code"
            ):
                units.setdefault(_words_of(code), pk)
                units.setdefault(_words_of(name), pk)
            context.cache["units"] = units
        return units.get(_words_of(text))

    @staticmethod
    def _number_key(cleaned: dict) -> str:
        return f"nomor:{cleaned['document_date'][:4]}:{cleaned['number_key']}"

    def fingerprint(self, cleaned: dict) -> str:
        return hashlib.sha256(self._number_key(cleaned).encode()).hexdigest()

    def duplicate_keys(self, cleaned: dict) -> list[str]:
        # The second key mirrors the database's rule: one number text per office, whatever the year.
        return [self._number_key(cleaned), f"teks:{cleaned['number']}"]

    def existing_keys(self, organisation, keys: set[str]) -> set[str]:
        years: set[int] = set()
        texts: list[str] = []
        for key in keys:
            kind, rest = key.split(":", 1)
            if kind == "nomor":
                years.add(int(rest.split(":", 1)[0]))
            else:
                texts.append(rest)
        documents = OutgoingDocument.objects.filter(organisation=organisation).exclude(number="")
        found: set[str] = set()
        # Numbers are compared without spaces, case or punctuation, which the database cannot index;
        # an office writes a few thousand letters a year, so each year's numbers are read once.
        for year in sorted(years):
            found.update(
                f"nomor:{year}:{number_key(number)}"
                for number in documents.filter(document_date__year=year).values_list("number", flat=True)
            )
        texts.sort()
        for start in range(0, len(texts), 500):
            found.update(
                f"teks:{number}"
                for number in documents.filter(number__in=texts[start : start + 500]).values_list(
                    "number", flat=True
                )
            )
        return found & keys

    def create(self, cleaned: dict, *, actor, organisation):
        return legacy_import.create_legacy_outgoing(actor=actor, organisation=organisation, values=cleaned)

    def finish(self, created: list[dict], *, actor, organisation) -> None:
        legacy_import.advance_outgoing_counters(actor=actor, organisation=organisation, documents=created)

    def notes(self, batch) -> list[str]:
        """What the import does to the office's numbering counters, for the batch page."""
        confirmed = batch.status == BatchStatus.CONFIRMED
        highest: dict[tuple[str, int], int] = {}
        unread = 0
        for values in values_of_rows(batch, created_only=confirmed):
            if values.get("sequence"):
                key = (values["numbering_key"], int(values["document_date"][:4]))
                highest[key] = max(highest.get(key, 0), values["sequence"])
            else:
                unread += 1
        notes = [
            (
                _("Penghitung nomor %(key)s tahun %(year)s digeser sampai %(sequence)s (jika belum lebih).")
                if confirmed
                else _(
                    "Penghitung nomor %(key)s tahun %(year)s akan digeser sampai %(sequence)s (jika belum "
                    "lebih), sehingga naskah yang ditandatangani berikutnya tidak memakai nomor yang sama."
                )
            )
            % {"key": key, "year": year, "sequence": sequence}
            for (key, year), sequence in sorted(highest.items())
        ]
        if unread:
            notes.append(
                (
                    _(
                        "%(count)s nomor surat tidak cocok dengan templat penomoran kantor (atau kantor "
                        "belum punya templat untuk jenisnya), sehingga penghitung nomor tidak digeser untuk "
                        "nomor-nomor itu. Periksa penghitung di menu Penomoran sebelum menandatangani "
                        "naskah baru."
                    )
                )
                % {"count": unread}
            )
        return notes


outgoing_register_importer = OutgoingRegisterImporter()
