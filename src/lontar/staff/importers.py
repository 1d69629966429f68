"""The office's staff list (daftar pegawai) as an Excel import through `lontar.core.imports`.

Offices keep their staff in a sheet with columns such as "Nama | NIP | Pangkat/Gol | TMT | Jabatan |
Unit Kerja | Tempat Lahir | Tgl Lahir | L/P | TMT CPNS | Pendidikan". The importer recognises those
titles, cleans each row and, when the user confirms, creates through `services.imports` the staff
record (`core.Staff`), the main sheet of the personnel file, a rank-history row (when the rank's TMT
is given) and an education row (when the last education is given).

A row is already in the office (and skipped) when a staff member with the same NIP/NI PPPK exists
there, entered by hand or by an earlier import; without a number (non-ASN), when one with the same
name exists. A number already registered in ANOTHER office is a row error: a transferred person is
moved by the city administrator, not entered twice.

The NIP is checked as everywhere (`core.civil_service.nip_errors`), and the birth date, sex and TMT
CPNS of the row against it (`staff.consistency`).
"""

from __future__ import annotations

import hashlib
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import civil_service
from lontar.core.imports.reading import parse_date
from lontar.core.imports.registry import Importer, RowContext, TargetField, normalise_header
from lontar.core.models import Staff, Unit
from lontar.staff.consistency import record_errors
from lontar.staff.models import EducationLevel, PositionType, Sex
from lontar.staff.permissions import MANAGE_PERSONNEL, VIEW_PERSONNEL
from lontar.staff.services.imports import create_imported_staff

STAFF_LIST_KIND = "daftar-pegawai"
IMPORT_STAFF = MANAGE_PERSONNEL

_STATUS = {
    "pns": civil_service.PNS,
    "cpns": civil_service.PNS,
    "pppk": civil_service.PPPK,
    "p3k": civil_service.PPPK,
    "nonasn": civil_service.NON_ASN,
    "nonpns": civil_service.NON_ASN,
    "honorer": civil_service.NON_ASN,
    "tkk": civil_service.NON_ASN,
    "thl": civil_service.NON_ASN,
    "kontrak": civil_service.NON_ASN,
    "pegawaikontrak": civil_service.NON_ASN,
    "tenagaharianlepas": civil_service.NON_ASN,
    "ptt": civil_service.NON_ASN,
}
_SEX = {
    "l": Sex.MALE,
    "lk": Sex.MALE,
    "lakilaki": Sex.MALE,
    "pria": Sex.MALE,
    "1": Sex.MALE,
    "p": Sex.FEMALE,
    "pr": Sex.FEMALE,
    "perempuan": Sex.FEMALE,
    "wanita": Sex.FEMALE,
    "2": Sex.FEMALE,
}
_GOLONGAN = re.compile(r"\b(IV|III|II|I)\s*[/\-.]?\s*([a-e])\b", re.IGNORECASE)
_PPPK_GRADE = re.compile(r"^(?:gol(?:ongan)?\.?\s*)?([IVX]+|\d{1,2})$", re.IGNORECASE)
_ROMAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)
# Position types as offices write them, most specific first.
_POSITION_WORDS = (
    ("pimpinantinggi", PositionType.SENIOR_EXECUTIVE),
    ("jpt", PositionType.SENIOR_EXECUTIVE),
    ("administrator", PositionType.ADMINISTRATOR),
    ("pengawas", PositionType.SUPERVISOR),
    ("ahliutama", PositionType.FUNCTIONAL_MAIN),
    ("ahlimadya", PositionType.FUNCTIONAL_MIDDLE),
    ("ahlimuda", PositionType.FUNCTIONAL_YOUNG),
    ("ahlipertama", PositionType.FUNCTIONAL_FIRST),
    ("keterampilan", PositionType.FUNCTIONAL_SKILLED),
    ("terampil", PositionType.FUNCTIONAL_SKILLED),
    ("pelaksana", PositionType.EXECUTOR),
    ("jfu", PositionType.EXECUTOR),
    ("fungsionalumum", PositionType.EXECUTOR),
)
_EDUCATION = re.compile(
    r"^\s*(S\s*-?\s*[123]|D\s*-?\s*(?:IV|III|II|I|[1-4])|SLTA|SMA|SMK|SMU|STM|SLTP|SMP|SD|"
    r"Sarjana|Magister|Doktor|Diploma\s*(?:IV|III|II|I|[1-4]))\b[\s.,/-]*(.*)$",
    re.IGNORECASE,
)
_EDUCATION_LEVEL = {
    "s1": EducationLevel.S1,
    "sarjana": EducationLevel.S1,
    "s2": EducationLevel.S2,
    "magister": EducationLevel.S2,
    "s3": EducationLevel.S3,
    "doktor": EducationLevel.S3,
    "d1": EducationLevel.D1,
    "di": EducationLevel.D1,
    "d2": EducationLevel.D2,
    "dii": EducationLevel.D2,
    "d3": EducationLevel.D3,
    "diii": EducationLevel.D3,
    "d4": EducationLevel.D4,
    "div": EducationLevel.D4,
    "sma": EducationLevel.SMA,
    "slta": EducationLevel.SMA,
    "smk": EducationLevel.SMA,
    "smu": EducationLevel.SMA,
    "stm": EducationLevel.SMA,
    "smp": EducationLevel.SMP,
    "sltp": EducationLevel.SMP,
    "sd": EducationLevel.SD,
    "diplomai": EducationLevel.D1,
    "diploma1": EducationLevel.D1,
    "diplomaii": EducationLevel.D2,
    "diploma2": EducationLevel.D2,
    "diplomaiii": EducationLevel.D3,
    "diploma3": EducationLevel.D3,
    "diplomaiv": EducationLevel.D4,
    "diploma4": EducationLevel.D4,
}
_YEAR = re.compile(r"\(?\b(19[5-9]\d|20\d\d)\b\)?")
_LIMITS = {
    "full_name": 150,
    "front_title": 30,
    "back_title": 60,
    "job_title": 150,
    "birth_place": 100,
    "email": 254,
    "phone": 30,
}


def read_rank(text: str, employment_type: str) -> str | None:
    """A rank as offices write it ("III/a", "Penata Muda, III/a", "III-a", "IX") in the platform's
    form; "" when empty, None when unreadable."""
    value = " ".join((text or "").split())
    if not value:
        return ""
    if value in civil_service.ranks_for(employment_type):
        return value
    if employment_type == civil_service.PNS and (match := _GOLONGAN.search(value)):
        code = f"{match.group(1).upper()}/{match.group(2).lower()}"
        return next((rank for rank in civil_service.PNS_RANKS if rank.split(" ", 1)[0] == code), None)
    if employment_type == civil_service.PPPK and (match := _PPPK_GRADE.match(value)):
        grade = match.group(1).upper()
        if grade.isdigit():
            grade = _ROMAN[int(grade) - 1] if 1 <= int(grade) <= 17 else ""
        return f"Golongan {grade}" if f"Golongan {grade}" in civil_service.PPPK_GRADES else None
    return None


def read_position_type(text: str) -> str | None:
    key = normalise_header(text)
    if not key:
        return PositionType.EXECUTOR
    for word, kind in _POSITION_WORDS:
        if word in key:
            return kind
    return None


def read_education(text: str) -> tuple[str, str, int | None] | None:
    """(level, major, graduation year) from "S-1 Ilmu Pemerintahan (2008)"; None when unreadable."""
    value = " ".join((text or "").split())
    year_match = _YEAR.search(value)
    year = int(year_match.group(1)) if year_match else None
    if year_match:
        value = (value[: year_match.start()] + value[year_match.end() :]).strip(" ,-")
    match = _EDUCATION.match(value)
    if match is None:
        return None
    level = _EDUCATION_LEVEL.get(normalise_header(match.group(1)))
    if level is None:
        return None
    return level, match.group(2).strip(" ,.-"), year


def read_status(text: str, nip: str) -> str | None:
    key = normalise_header(text)
    if not key:
        # Not said: an 18-digit number with the PPPK marker is a PPPK's, any other number a PNS's.
        if not nip:
            return civil_service.NON_ASN
        return civil_service.PPPK if len(nip) == 18 and nip[12:14] == "21" else civil_service.PNS
    return _STATUS.get(key)


def _units(context: RowContext) -> dict[str, int]:
    if "units" not in context.cache:
        units = {}
        for pk, name, code in Unit.objects.filter(organisation=context.organisation).values_list(
            "pk", "name", "code"
        ):
            units[normalise_header(name)] = pk
            units.setdefault(normalise_header(code), pk)
        context.cache["units"] = units
    return context.cache["units"]


def name_key(name: str) -> str:
    return " ".join(name.lower().split())


class StaffListImporter(Importer):
    key = STAFF_LIST_KIND
    label = gettext_lazy("Daftar pegawai")
    action = IMPORT_STAFF
    view_action = VIEW_PERSONNEL
    fields = (
        TargetField(
            "full_name",
            gettext_lazy("Nama"),
            required=True,
            synonyms=("Nama", "Nama Lengkap", "Nama Pegawai", "Nama PNS", "Nama Lengkap Tanpa Gelar"),
        ),
        TargetField("front_title", gettext_lazy("Gelar depan"), synonyms=("Gelar Depan", "Gelar Dpn")),
        TargetField(
            "back_title", gettext_lazy("Gelar belakang"), synonyms=("Gelar Belakang", "Gelar Blkg", "Gelar")
        ),
        TargetField(
            "nip",
            gettext_lazy("NIP"),
            synonyms=(
                "NIP",
                "NIP Baru",
                "NIP/NI PPPK",
                "NIP/NIPPPK",
                "NI PPPK",
                "NIPPPK",
                "Nomor Induk Pegawai",
            ),
        ),
        TargetField(
            "employment_type",
            gettext_lazy("Status"),
            synonyms=("Status", "Status Kepegawaian", "Status Pegawai", "Jenis Pegawai", "Kedudukan"),
        ),
        TargetField(
            "rank",
            gettext_lazy("Pangkat/Gol"),
            synonyms=(
                "Pangkat/Gol",
                "Pangkat/Golongan",
                "Pangkat Gol",
                "Pangkat Golongan",
                "Gol/Ruang",
                "Golongan",
                "Gol",
                "Pangkat",
            ),
        ),
        TargetField(
            "rank_tmt",
            gettext_lazy("TMT pangkat"),
            synonyms=("TMT Pangkat", "TMT Gol", "TMT Golongan", "TMT Pangkat/Gol", "TMT"),
        ),
        TargetField(
            "job_title",
            gettext_lazy("Jabatan"),
            synonyms=("Jabatan", "Nama Jabatan", "Jabatan Sekarang"),
        ),
        TargetField(
            "position_type",
            gettext_lazy("Jenis jabatan"),
            synonyms=("Jenis Jabatan", "Jenis Jab", "Eselon/Jenis Jabatan", "Eselon"),
        ),
        TargetField(
            "unit", gettext_lazy("Unit"), synonyms=("Unit", "Unit Kerja", "Sub Unit", "Bidang", "Seksi")
        ),
        TargetField(
            "birth_place", gettext_lazy("Tempat lahir"), synonyms=("Tempat Lahir", "Tmp Lahir", "Tempat")
        ),
        TargetField(
            "birth_date",
            gettext_lazy("Tanggal lahir"),
            synonyms=("Tanggal Lahir", "Tgl Lahir", "Tgl. Lahir", "Tanggal Lhr"),
        ),
        TargetField(
            "sex",
            gettext_lazy("Jenis kelamin"),
            synonyms=("Jenis Kelamin", "L/P", "JK", "Kelamin", "Jns Kelamin"),
        ),
        TargetField(
            "service_start",
            gettext_lazy("TMT CPNS"),
            synonyms=("TMT CPNS", "TMT CPNS/PPPK", "TMT PPPK", "Mulai Bekerja"),
        ),
        TargetField(
            "education",
            gettext_lazy("Pendidikan terakhir"),
            synonyms=(
                "Pendidikan Terakhir",
                "Pendidikan",
                "Pend. Terakhir",
                "Ijazah Terakhir",
                "Tingkat Pendidikan",
            ),
        ),
        TargetField(
            "phone",
            gettext_lazy("Telepon"),
            synonyms=("Telepon", "No HP", "No. HP", "HP", "No Telp", "Telp", "WA"),
        ),
        TargetField(
            "email", gettext_lazy("Surel"), synonyms=("Surel", "Email", "E-mail", "Alamat Email", "Pos-el")
        ),
    )

    def validate_row(self, values: dict[str, str], context: RowContext):
        problems: list[tuple[str, str]] = []
        text = {key: " ".join((values.get(key) or "").split()) for key in (f.key for f in self.fields)}
        if not text["full_name"]:
            problems.append(("full_name", _("wajib diisi.")))
        for key, limit in _LIMITS.items():
            if len(text[key]) > limit:
                problems.append((key, _("terlalu panjang (paling banyak %(max)s huruf).") % {"max": limit}))
        nip = civil_service.digits_of(text["nip"])
        status = read_status(text["employment_type"], nip)
        if status is None:
            problems.append(
                (
                    "employment_type",
                    _("status “%(value)s” tidak dikenal; tulis PNS, PPPK atau Non-ASN.")
                    % {"value": text["employment_type"]},
                )
            )
            status = civil_service.PNS
        for message in civil_service.nip_errors(nip, status):
            problems.append(("nip", message))
        if nip and not problems:
            clash = Staff.objects.filter(nip=nip).exclude(organisation=context.organisation).exists()
            if clash:
                problems.append(
                    (
                        "nip",
                        _(
                            "NIP/NI PPPK ini sudah terdaftar di kantor lain. Pegawai yang pindah tugas "
                            "dipindahkan datanya oleh administrator kota, tidak didaftarkan ulang."
                        ),
                    )
                )
        rank = read_rank(text["rank"], status)
        if rank is None or (rank and civil_service.rank_error(rank, status)):
            problems.append(
                (
                    "rank",
                    _(
                        "pangkat/golongan “%(value)s” tidak dikenal untuk %(status)s; "
                        "tulis misalnya %(example)s."
                    )
                    % {
                        "value": text["rank"],
                        "status": dict(Staff.EmploymentType.choices)[status],
                        "example": "III/a" if status != civil_service.PPPK else "Golongan IX",
                    },
                )
            )
        dates = {}
        for key in ("rank_tmt", "birth_date", "service_start"):
            dates[key] = parse_date(text[key]) if text[key] else None
            if text[key] and dates[key] is None:
                problems.append(
                    (
                        key,
                        _(
                            "tanggal “%(value)s” tidak dikenali; "
                            "tulis seperti 26/09/1986 atau 26 September 1986."
                        )
                        % {"value": text[key]},
                    )
                )
        sex = _SEX.get(normalise_header(text["sex"]), "") if text["sex"] else ""
        if text["sex"] and not sex:
            problems.append(
                (
                    "sex",
                    _("jenis kelamin “%(value)s” tidak dikenal; tulis L atau P.") % {"value": text["sex"]},
                )
            )
        for key, message in record_errors(
            nip=nip,
            employment_type=status,
            birth_date=dates["birth_date"],
            sex=sex,
            service_start=dates["service_start"],
        ).items():
            problems.append((key, message))
        position_type = read_position_type(text["position_type"])
        if position_type is None:
            problems.append(
                (
                    "position_type",
                    _(
                        "jenis jabatan “%(value)s” tidak dikenal; tulis Pelaksana, Pengawas, Administrator, "
                        "JPT, atau Fungsional Ahli Pertama/Muda/Madya/Utama atau Keterampilan."
                    )
                    % {"value": text["position_type"]},
                )
            )
        unit_id = None
        if text["unit"]:
            unit_id = _units(context).get(normalise_header(text["unit"]))
            if unit_id is None:
                problems.append(
                    (
                        "unit",
                        _(
                            "unit “%(value)s” tidak ada di kantor ini; "
                            "tulis nama unit seperti pada struktur organisasi."
                        )
                        % {"value": text["unit"]},
                    )
                )
        education = read_education(text["education"]) if text["education"] else None
        if text["education"] and education is None:
            problems.append(
                (
                    "education",
                    _(
                        "pendidikan “%(value)s” tidak dikenali; "
                        "tulis jenjangnya dahulu, misalnya S-1 Ilmu Pemerintahan."
                    )
                    % {"value": text["education"]},
                )
            )
        if message := civil_service.phone_error(text["phone"]):
            problems.append(("phone", message))
        if text["email"]:
            try:
                validate_email(text["email"])
            except ValidationError:
                problems.append(
                    ("email", _("alamat surel “%(value)s” tidak benar.") % {"value": text["email"]})
                )
        if problems:
            return {}, problems
        return {
            "full_name": text["full_name"],
            "front_title": text["front_title"],
            "back_title": text["back_title"],
            "nip": nip,
            "employment_type": status,
            "rank": rank,
            "rank_tmt": dates["rank_tmt"].isoformat() if dates["rank_tmt"] else None,
            "job_title": text["job_title"],
            "position_type": str(position_type),
            "unit_id": unit_id,
            "birth_place": text["birth_place"],
            "birth_date": dates["birth_date"].isoformat() if dates["birth_date"] else None,
            "sex": str(sex),
            "service_start": dates["service_start"].isoformat() if dates["service_start"] else None,
            "education": list(education) if education else None,
            "phone": text["phone"],
            "email": text["email"],
        }, []

    def fingerprint(self, cleaned: dict) -> str:
        return hashlib.sha256(self.duplicate_keys(cleaned)[0].encode()).hexdigest()

    def duplicate_keys(self, cleaned: dict) -> list[str]:
        if cleaned["nip"]:
            return [f"nip:{cleaned['nip']}"]
        return [f"nama:{name_key(cleaned['full_name'])}"]

    def existing_keys(self, organisation, keys: set[str]) -> set[str]:
        nips = sorted(key[4:] for key in keys if key.startswith("nip:"))
        found = set()
        for start in range(0, len(nips), 500):
            found.update(
                f"nip:{nip}"
                for nip in Staff.objects.filter(
                    organisation=organisation, nip__in=nips[start : start + 500]
                ).values_list("nip", flat=True)
            )
        if any(key.startswith("nama:") for key in keys):
            found.update(
                f"nama:{name_key(name)}"
                for name in Staff.objects.filter(organisation=organisation, nip="").values_list(
                    "full_name", flat=True
                )
            )
        return found & keys

    def create(self, cleaned: dict, *, actor, organisation):
        return create_imported_staff(actor=actor, organisation=organisation, values=cleaned)

    def notes(self, batch) -> list[str]:
        return [
            _(
                "Setiap baris menjadi data pegawai beserta data pokok kepegawaiannya; pangkat dengan TMT "
                "menjadi riwayat pangkat pertama. Pegawai yang NIP-nya sudah terdaftar di kantor ini "
                "dilewati."
            )
        ]


staff_list_importer = StaffListImporter()
