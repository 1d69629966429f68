"""What a citizen types that has a known shape: the NIK and an Indonesian phone number.

NIK (Nomor Induk Kependudukan, UU 23/2006 as amended by UU 24/2013; region codes of Kemendagri) has
16 digits::

    32 73 01 450190 0002
    │  │  │  │      └─ serial within the district and birth date (0001-9999)
    │  │  │  └──────── birth date DDMMYY; women add 40 to the day (45 = the 5th)
    │  │  └─────────── kecamatan (district) code, 01 and up
    │  └────────────── kabupaten/kota code, 01 and up (kota from 71)
    └───────────────── province code (Kemendagri): 11 Aceh ... 96 Papua Barat Daya

The check is one of shape and plausibility, not of existence (only Dukcapil knows that); its purpose
is to catch a mistyped or invented number while the citizen is still at the form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lontar.core.notifications.gateways import normalise_phone

# Province codes in use (Kemendagri), including the Papua provinces formed in 2022 (93-96).
PROVINCE_CODES = frozenset(
    [
        *range(11, 20),
        21,
        *range(31, 37),
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 97),
    ]
)

_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class NikFacts:
    nik: str
    province: str
    regency: str
    district: str
    birth_date: dt.date
    female: bool
    serial: str


def clean_nik(value: str) -> str:
    """The NIK as stored (16 digits, separators removed), or ValidationError in Bahasa Indonesia."""
    return nik_facts(value).nik


def nik_facts(value: str, *, today: dt.date | None = None) -> NikFacts:
    nik = _SEPARATORS.sub("", value or "")
    if not nik.isdigit():
        raise ValidationError(_("NIK hanya berisi angka."), code="nik_digits")
    if len(nik) != 16:
        raise ValidationError(
            _("NIK terdiri atas 16 angka; yang Anda tulis %(jumlah)s angka."),
            params={"jumlah": len(nik)},
            code="nik_length",
        )
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    if int(province) not in PROVINCE_CODES:
        raise ValidationError(
            _("Dua angka pertama NIK (%(kode)s) bukan kode provinsi. Periksa kembali KTP atau KK Anda."),
            params={"kode": province},
            code="nik_province",
        )
    if regency == "00" or district == "00":
        raise ValidationError(
            _("Angka ke-3 sampai ke-6 NIK (kode kabupaten/kota dan kecamatan) tidak boleh 00."),
            code="nik_region",
        )
    birth_date, female = _birth_date(nik[6:12], today or dt.date.today())
    serial = nik[12:16]
    if serial == "0000":
        raise ValidationError(_("Empat angka terakhir NIK tidak boleh 0000."), code="nik_serial")
    return NikFacts(nik, province, regency, district, birth_date, female, serial)


def _birth_date(digits: str, today: dt.date) -> tuple[dt.date, bool]:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    female = day > 40
    if female:
        day -= 40
    invalid = ValidationError(
        _(
            "Angka ke-7 sampai ke-12 NIK harus tanggal lahir (HHBBTT; perempuan: tanggal ditambah 40). "
            "%(angka)s bukan tanggal yang sah."
        ),
        params={"angka": digits},
        code="nik_birth_date",
    )
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise invalid
    # Two-digit year: the latest century that does not put the birth in the future.
    for century in (2000, 1900):
        try:
            born = dt.date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            return born, female
    raise invalid


def clean_phone(value: str, *, mobile: bool = False) -> str:
    """An Indonesian phone number in E.164 (`+62812…`), or ValidationError. With `mobile`, only a
    cellular number (+628…) passes: a verification code goes by SMS or WhatsApp."""
    phone = normalise_phone(value)
    if mobile and not phone.startswith("+628"):
        raise ValidationError(
            _("Kode dikirim lewat SMS/WhatsApp: tulis nomor telepon seluler (diawali 08)."),
            code="not_mobile",
        )
    return phone


def display_phone(phone: str) -> str:
    """+6281234567890 → 0812-3456-7890, as Indonesians read it."""
    if not phone.startswith("+62"):
        return phone
    local = "0" + phone[3:]
    return "-".join(part for part in (local[:4], local[4:8], local[8:]) if part)
