"""Indonesian civil-service identifiers and ranks (REFERENCE §6): the NIP of a PNS, the NI PPPK,
pangkat/golongan, and how they are written and masked.

A PNS's NIP has 18 digits: birth date YYYYMMDD, TMT CPNS YYYYMM, sex digit (1 male, 2 female) and a
3-digit sequence, written `19860926 201505 1 001`. A PPPK's number is also 18 digits and starts
with the birth date, but the rest is laid out differently; in practice digits 13-14 are "21", which
no month can be, and that is how a PPPK number typed as a PNS's NIP is recognised. Only the birth
date of a PPPK number is checked, since its exact layout is not confirmed for every issuing year.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

NIP_LENGTH = 18
MINIMUM_AGE_AT_APPOINTMENT = 18
MASK = "•"

PNS = "pns"
PPPK = "pppk"
NON_ASN = "non_asn"

# Pangkat/golongan of a PNS, lowest to highest, written "III/a Penata Muda" as in the DUK.
PNS_RANKS = (
    "I/a Juru Muda",
    "I/b Juru Muda Tingkat I",
    "I/c Juru",
    "I/d Juru Tingkat I",
    "II/a Pengatur Muda",
    "II/b Pengatur Muda Tingkat I",
    "II/c Pengatur",
    "II/d Pengatur Tingkat I",
    "III/a Penata Muda",
    "III/b Penata Muda Tingkat I",
    "III/c Penata",
    "III/d Penata Tingkat I",
    "IV/a Pembina",
    "IV/b Pembina Tingkat I",
    "IV/c Pembina Utama Muda",
    "IV/d Pembina Utama Madya",
    "IV/e Pembina Utama",
)
# PPPK are graded I to XVII (Perpres 98/2020), without a pangkat name.
PPPK_GRADES = tuple(
    f"Golongan {roman}"
    for roman in (
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
)


def digits_of(value: str) -> str:
    """The digits of an NIP as people type it: with spaces, dots or dashes."""
    return "".join(ch for ch in (value or "") if ch.isdigit())


def format_nip(nip: str) -> str:
    """`198609262015051001` written the usual way: `19860926 201505 1 001`."""
    if len(nip) != NIP_LENGTH or not nip.isdigit():
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def mask_nip(nip: str) -> str:
    """Only the last three digits: the birth date and appointment date are personal data."""
    if not nip:
        return ""
    if len(nip) != NIP_LENGTH:
        return MASK * 4
    return f"{MASK * 8} {MASK * 6} {MASK} {nip[15:]}"


def mask_phone(phone: str) -> str:
    """`0812-••••-890`: enough to recognise a number, not enough to call it."""
    digits = digits_of(phone)
    if len(digits) < 6:
        return MASK * 4 if phone else ""
    return f"{digits[:4]}-{MASK * 4}-{digits[-3:]}"


def mask_email(email: str) -> str:
    """`ri•••@sukamaju.example`: the office's domain stays readable, the person's name does not."""
    if not email:
        return ""
    local, _at, domain = email.partition("@")
    return f"{local[:2]}{MASK * 3}@{domain}" if domain else MASK * 4


def _date(yyyymmdd: str) -> datetime.date | None:
    try:
        return datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def _eighteenth_birthday(born: datetime.date) -> datetime.date:
    try:
        return born.replace(year=born.year + MINIMUM_AGE_AT_APPOINTMENT)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + MINIMUM_AGE_AT_APPOINTMENT, day=28)


def _birth_date_errors(nip: str, today: datetime.date) -> tuple[datetime.date | None, list[str]]:
    born = _date(nip[:8])
    if born is None:
        return None, [
            _("Angka ke-1 sampai ke-8 adalah tanggal lahir (TTTTBBHH); %(value)s bukan tanggal yang benar.")
            % {"value": nip[:8]}
        ]
    if born > today or born.year < 1900:
        return None, [
            _("Tanggal lahir pada angka ke-1 sampai ke-8 (%(date)s) tidak masuk akal.")
            % {"date": born.strftime("%d-%m-%Y")}
        ]
    return born, []


def _pns_errors(nip: str, today: datetime.date) -> list[str]:
    born, errors = _birth_date_errors(nip, today)
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if tmt_month == 21:
        errors.append(
            _(
                "Angka ke-13 dan ke-14 bernilai 21: ini nomor induk PPPK, bukan NIP PNS. "
                "Pilih status kepegawaian PPPK."
            )
        )
    elif not 1 <= tmt_month <= 12:
        errors.append(
            _("Angka ke-9 sampai ke-14 adalah TMT CPNS (TTTTBB); bulan %(month)s tidak ada.")
            % {"month": nip[12:14]}
        )
    else:
        tmt = datetime.date(tmt_year, tmt_month, 1)
        if tmt.year > today.year + 1:
            errors.append(
                _("TMT CPNS pada angka ke-9 sampai ke-14 (%(tmt)s) belum tiba.")
                % {"tmt": f"{nip[12:14]}/{tmt_year}"}
            )
        elif born is not None and tmt < _eighteenth_birthday(born):
            errors.append(
                _(
                    "TMT CPNS (%(tmt)s) harus sesudah pegawai berusia 18 tahun; menurut tanggal lahir "
                    "pada NIP, usia 18 tahun dicapai pada %(date)s."
                )
                % {"tmt": f"{nip[12:14]}/{tmt_year}", "date": _eighteenth_birthday(born).strftime("%d-%m-%Y")}
            )
    if nip[14] not in "12":
        errors.append(
            _("Angka ke-15 adalah jenis kelamin: 1 untuk laki-laki, 2 untuk perempuan; bukan %(digit)s.")
            % {"digit": nip[14]}
        )
    if nip[15:] == "000":
        errors.append(_("Tiga angka terakhir adalah nomor urut dan tidak boleh 000."))
    return errors


def nip_errors(nip: str, employment_type: str, *, today: datetime.date | None = None) -> list[str]:
    """What is wrong with `nip` (digits only) for a person of `employment_type`; empty when valid."""
    today = today or timezone.localdate()
    if employment_type == NON_ASN:
        if nip:
            return [_("Pegawai non-ASN tidak memiliki NIP atau NI PPPK; kosongkan isian ini.")]
        return []
    if not nip:
        if employment_type == PPPK:
            return [_("NI PPPK wajib diisi untuk pegawai PPPK.")]
        return [_("NIP wajib diisi untuk PNS.")]
    if not nip.isdigit() or len(nip) != NIP_LENGTH:
        return [
            _("Nomor ini harus terdiri atas 18 angka; yang terisi %(count)s angka.") % {"count": len(nip)}
        ]
    if employment_type == PPPK:
        return _birth_date_errors(nip, today)[1]
    return _pns_errors(nip, today)


def ranks_for(employment_type: str) -> tuple[str, ...]:
    if employment_type == PNS:
        return PNS_RANKS
    if employment_type == PPPK:
        return PPPK_GRADES
    return ()


def rank_error(rank: str, employment_type: str) -> str:
    """Why `rank` does not fit `employment_type`, or an empty string."""
    if not rank or rank in ranks_for(employment_type):
        return ""
    if employment_type == NON_ASN:
        return _("Pegawai non-ASN tidak memiliki pangkat/golongan; kosongkan isian ini.")
    if employment_type == PPPK:
        return _("Golongan PPPK ditulis Golongan I sampai Golongan XVII.")
    return _("Pilih pangkat/golongan PNS dari daftar, misalnya III/a Penata Muda.")


def phone_error(phone: str) -> str:
    """Why `phone` is not a telephone number, or an empty string."""
    if not phone:
        return ""
    if any(not (ch.isdigit() or ch in " +-().") for ch in phone) or not 8 <= len(digits_of(phone)) <= 15:
        return _("Nomor telepon berisi 8 sampai 15 angka; boleh memakai spasi, tanda +, - dan kurung.")
    return ""
