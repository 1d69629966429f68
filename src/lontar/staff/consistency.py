"""Does the personnel file agree with the NIP (REFERENCE §6)?

A PNS's NIP carries the birth date (digits 1-8), the year and month of TMT CPNS (digits 9-14) and the
sex (digit 15). When Subbag TU records a birth date, a start of service or a sex that the NIP
contradicts, one of the two is wrong, and a wrong birth date moves the retirement date (BUP) and a
wrong TMT CPNS moves every leave right. The file is refused with the digits named, so the person who
typed it can compare with the SK.

A PPPK's number starts with the birth date too; the rest of its layout is not checked (see
`lontar.core.civil_service`). Non-ASN staff have no number, so nothing is compared.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from lontar.core import civil_service
from lontar.core.documents.rendering import MONTHS, indonesian_date


def _day(value: datetime.date) -> str:
    return indonesian_date(value)


def _nip_birth_date(nip: str) -> datetime.date | None:
    try:
        return datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None


def record_errors(
    *,
    nip: str,
    employment_type: str,
    birth_date: datetime.date | None,
    sex: str,
    service_start: datetime.date | None,
) -> dict[str, str]:
    """Field name (`birth_date`, `sex`, `service_start`) → why it disagrees with the NIP; empty when
    they agree or when there is nothing to compare. `nip` is digits only; an NIP that is itself
    malformed is reported by `civil_service.nip_errors`, not here."""
    nip = civil_service.digits_of(nip)
    if employment_type == civil_service.NON_ASN or len(nip) != civil_service.NIP_LENGTH:
        return {}
    errors: dict[str, str] = {}
    nip_born = _nip_birth_date(nip)
    if birth_date is not None and nip_born is not None and birth_date != nip_born:
        label = _("NIP") if employment_type == civil_service.PNS else _("NI PPPK")
        errors["birth_date"] = _(
            "Tanggal lahir %(recorded)s tidak sesuai dengan %(label)s: angka ke-1 sampai ke-8 (%(digits)s) "
            "menyatakan lahir %(nip_date)s. Periksa SK atau tanggal lahir yang diketik."
        ) % {"recorded": _day(birth_date), "label": label, "digits": nip[:8], "nip_date": _day(nip_born)}
    if employment_type != civil_service.PNS:
        return errors
    if service_start is not None and (service_start.year, service_start.month) != (
        int(nip[8:12]),
        int(nip[12:14]),
    ):
        month = int(nip[12:14])
        nip_tmt = f"{MONTHS[month - 1]} {nip[8:12]}" if 1 <= month <= 12 else nip[8:14]
        errors["service_start"] = _(
            "TMT CPNS %(recorded)s tidak sesuai dengan NIP: angka ke-9 sampai ke-14 (%(digits)s) "
            "menyatakan TMT CPNS bulan %(nip_tmt)s."
        ) % {"recorded": _day(service_start), "digits": nip[8:14], "nip_tmt": nip_tmt}
    if sex in ("1", "2") and nip[14] in "12" and sex != nip[14]:
        errors["sex"] = _(
            "Jenis kelamin tidak sesuai dengan NIP: angka ke-15 bernilai %(digit)s, artinya %(meaning)s."
        ) % {"digit": nip[14], "meaning": _("laki-laki") if nip[14] == "1" else _("perempuan")}
    return errors
