"""The rules of each leave type in one table (PP 11/2017 art. 310-340; Perban BKN 24/2017 as amended
by 7/2021; PP 49/2018 for PPPK), and the refusals they produce, in Bahasa Indonesia.

`check_request` judges a new request against the table and the staff member's facts; the balance of
annual leave (the ledger) and overlaps with other requests are checked by the services, under the
staff member's lock. Durations: annual leave is counted in working days of the office's calendar;
the other types are bounded in calendar months/years, as the regulation words them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lontar.core.models import Staff
from lontar.staff import facts
from lontar.staff.leave.models import LeaveType

# Annual leave (tahunan) figures of PP 11/2017 art. 310-313.
ANNUAL_DAYS = 12
CARRY_CAP = 6  # unused days of one year that carry into each of the next two years
MAX_AVAILABLE = 24  # the most annual leave anyone may have in a year, deferrals included


class Attachment:
    NEVER = "never"
    ALWAYS = "always"
    OVER_ONE_DAY = "over_one_day"


@dataclass(frozen=True)
class LeaveRule:
    leave_type: str
    min_service_years: int  # completed years of service before the type may be taken
    max_months: int | None  # longest single request, in calendar months (None: bounded elsewhere)
    max_months_with_extension: int | None  # longest continuous run with its extensions
    attachment: str
    female_only: bool = False
    requestable: bool = True  # cuti bersama is set by the government, never requested
    default_code: str = ""
    letter_title: str = ""


RULES: dict[str, LeaveRule] = {
    LeaveType.ANNUAL: LeaveRule(
        LeaveType.ANNUAL, 1, None, None, Attachment.NEVER, default_code="800.1.11.2",
        letter_title="Surat Izin Cuti Tahunan",
    ),
    LeaveType.LONG_SERVICE: LeaveRule(
        LeaveType.LONG_SERVICE, 5, 3, 3, Attachment.NEVER, default_code="800.1.11.3",
        letter_title="Surat Izin Cuti Besar",
    ),
    LeaveType.SICK: LeaveRule(
        LeaveType.SICK, 0, 12, 18, Attachment.OVER_ONE_DAY, default_code="800.1.11.4",
        letter_title="Surat Izin Cuti Sakit",
    ),
    LeaveType.MATERNITY: LeaveRule(
        LeaveType.MATERNITY, 0, 3, 3, Attachment.NEVER, female_only=True, default_code="800.1.11.5",
        letter_title="Surat Izin Cuti Melahirkan",
    ),
    LeaveType.IMPORTANT_REASON: LeaveRule(
        LeaveType.IMPORTANT_REASON, 0, 1, 1, Attachment.ALWAYS, default_code="800.1.11.6",
        letter_title="Surat Izin Cuti karena Alasan Penting",
    ),
    LeaveType.COLLECTIVE: LeaveRule(LeaveType.COLLECTIVE, 0, None, None, Attachment.NEVER, requestable=False),
    LeaveType.UNPAID: LeaveRule(
        LeaveType.UNPAID, 5, 36, 48, Attachment.ALWAYS, default_code="800.1.11.7",
        letter_title="Surat Izin Cuti di Luar Tanggungan Negara",
    ),
}  # fmt: skip

# Which types each employment type may take. PNS: all (PP 11/2017). PPPK: annual, sick, maternity and
# cuti bersama (PP 49/2018 art. 76). Non-ASN staff follow the PPPK rules in the office's practice.
TYPES_BY_EMPLOYMENT: dict[str, frozenset[str]] = {
    Staff.EmploymentType.PNS: frozenset(LeaveType.values),
    Staff.EmploymentType.PPPK: frozenset(
        {LeaveType.ANNUAL, LeaveType.SICK, LeaveType.MATERNITY, LeaveType.COLLECTIVE}
    ),
    Staff.EmploymentType.NON_ASN: frozenset(
        {LeaveType.ANNUAL, LeaveType.SICK, LeaveType.MATERNITY, LeaveType.COLLECTIVE}
    ),
}

# Settings field holding each type's classification code (LeaveSettings).
CODE_FIELDS = {
    LeaveType.ANNUAL: "code_annual",
    LeaveType.LONG_SERVICE: "code_long_service",
    LeaveType.SICK: "code_sick",
    LeaveType.MATERNITY: "code_maternity",
    LeaveType.IMPORTANT_REASON: "code_important_reason",
    LeaveType.UNPAID: "code_unpaid",
}

MATERNITY_MAX_CHILD = 3  # from the fourth child, cuti besar (PP 11/2017 art. 325 via 327)


def requestable_types(staff) -> list[str]:
    allowed = TYPES_BY_EMPLOYMENT.get(staff.employment_type, frozenset())
    return [t for t in LeaveType.values if t in allowed and RULES[t].requestable]


def type_label(leave_type: str) -> str:
    return str(dict(LeaveType.choices).get(leave_type, leave_type))


def day_text(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day: 31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def last_allowed_day(start: datetime.date, months: int) -> datetime.date:
    """The last day of a leave of `months` calendar months starting on `start`."""
    return add_months(start, months) - datetime.timedelta(days=1)


def _service_errors(staff, rule: LeaveRule, start: datetime.date) -> list[str]:
    if rule.min_service_years == 0:
        return []
    began = facts.service_start(staff)
    if began is None:
        return [
            _(
                "Tanggal mulai bekerja (TMT CPNS/PPPK) Anda belum tercatat, sehingga masa kerja untuk "
                "%(jenis)s tidak dapat dihitung. Minta Subbag TU melengkapi data kepegawaian Anda."
            )
            % {"jenis": type_label(rule.leave_type).lower()}
        ]
    eligible_from = add_months(began, 12 * rule.min_service_years)
    if start < eligible_from:
        return [
            _(
                "%(jenis)s baru dapat diambil setelah bekerja paling singkat %(tahun)s tahun secara "
                "terus-menerus, yaitu mulai %(tanggal)s."
            )
            % {
                "jenis": type_label(rule.leave_type),
                "tahun": rule.min_service_years,
                "tanggal": day_text(eligible_from),
            }
        ]
    return []


def check_request(
    *,
    staff,
    leave_type: str,
    start: datetime.date,
    end: datetime.date,
    working_days: int,
    child_order: int | None = None,
    important_reason: str = "",
    attachments: int = 0,
    chain_start: datetime.date | None = None,
) -> list[str]:
    """The warnings of a request that passes the rules of its type; raises ValidationError (every
    refusal at once, keyed by form field) when it does not. `chain_start` is the first day of the
    continuous leave a sick-leave or CLTN extension continues."""
    errors: dict[str, list[str]] = {}
    warnings: list[str] = []

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    rule = RULES.get(leave_type)
    if rule is None or not rule.requestable:
        if leave_type == LeaveType.COLLECTIVE:
            refuse(
                "leave_type",
                _(
                    "Cuti bersama tidak diajukan: tanggalnya ditetapkan pemerintah dan otomatis mengurangi "
                    "hak cuti tahunan."
                ),
            )
        else:
            refuse("leave_type", _("Jenis cuti tidak dikenal."))
        raise ValidationError(errors)
    if leave_type not in TYPES_BY_EMPLOYMENT.get(staff.employment_type, frozenset()):
        refuse(
            "leave_type",
            _(
                "%(jenis)s tidak berlaku bagi pegawai berstatus %(status)s. PPPK dan pegawai non-ASN "
                "berhak atas cuti tahunan, cuti sakit, cuti melahirkan, dan cuti bersama (PP 49/2018)."
            )
            % {"jenis": type_label(leave_type), "status": staff.get_employment_type_display()},
        )
        raise ValidationError(errors)
    if end < start:
        refuse("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        raise ValidationError(errors)
    for message in _service_errors(staff, rule, start):
        refuse("start_date", message)

    if leave_type == LeaveType.ANNUAL:
        if start.year != end.year:
            refuse(
                "end_date",
                _(
                    "Cuti tahunan tidak boleh melewati pergantian tahun, karena hak cuti dihitung per "
                    "tahun. Pecah menjadi dua permintaan: sampai 31 Desember %(tahun)s dan mulai "
                    "1 Januari %(berikut)s."
                )
                % {"tahun": start.year, "berikut": start.year + 1},
            )
        if working_days < 1:
            refuse(
                "start_date",
                _(
                    "Tanggal yang dipilih tidak memuat hari kerja (akhir pekan, libur nasional, "
                    "cuti bersama, "
                    "atau hari kantor tutup). Cuti tahunan paling sedikit 1 hari kerja."
                ),
            )
    elif rule.max_months is not None:
        longest = last_allowed_day(start, rule.max_months)
        if end > longest:
            refuse(
                "end_date",
                _("%(jenis)s paling lama %(lama)s; untuk mulai %(mulai)s paling lambat sampai %(akhir)s.")
                % {
                    "jenis": type_label(leave_type),
                    "lama": _months_text(rule.max_months),
                    "mulai": day_text(start),
                    "akhir": day_text(longest),
                },
            )
        if chain_start is not None and rule.max_months_with_extension:
            longest_run = last_allowed_day(chain_start, rule.max_months_with_extension)
            if end > longest_run:
                refuse(
                    "end_date",
                    _(
                        "Bersama perpanjangannya, %(jenis)s paling lama %(lama)s sejak %(mulai)s, yaitu "
                        "sampai %(akhir)s."
                    )
                    % {
                        "jenis": type_label(leave_type).lower(),
                        "lama": _months_text(rule.max_months_with_extension),
                        "mulai": day_text(chain_start),
                        "akhir": day_text(longest_run),
                    },
                )

    if rule.female_only and not facts.is_female(staff):
        refuse("leave_type", _("Cuti melahirkan hanya bagi pegawai perempuan."))
    if leave_type == LeaveType.MATERNITY:
        if not child_order:
            refuse("child_order", _("Sebutkan kelahiran anak ke berapa."))
        elif child_order > MATERNITY_MAX_CHILD:
            refuse(
                "child_order",
                _(
                    "Cuti melahirkan diberikan untuk kelahiran anak pertama sampai ketiga. Untuk kelahiran "
                    "anak keempat dan seterusnya ajukan cuti besar."
                ),
            )
        else:
            recorded = facts.children_count(staff)
            if recorded != child_order - 1:
                warnings.append(
                    _(
                        "Menurut data keluarga di berkas kepegawaian, pegawai telah memiliki "
                        "%(jumlah)s anak, "
                        "sedangkan permintaan menyebut kelahiran anak ke-%(ke)s. Periksa sebelum memutuskan."
                    )
                    % {"jumlah": recorded, "ke": child_order}
                )
    if leave_type == LeaveType.IMPORTANT_REASON and not important_reason:
        refuse("important_reason", _("Pilih alasan penting cuti."))
    if rule.attachment == Attachment.ALWAYS and attachments < 1:
        refuse(
            "attachment",
            _("%(jenis)s wajib dilampiri dokumen pendukung.") % {"jenis": type_label(leave_type)},
        )
    if rule.attachment == Attachment.OVER_ONE_DAY and (end - start).days >= 1 and attachments < 1:
        refuse(
            "attachment",
            _("Cuti sakit lebih dari 1 hari wajib dilampiri surat keterangan dokter (unggah berkasnya)."),
        )
    if errors:
        raise ValidationError(errors)
    return warnings


def _months_text(months: int) -> str:
    if months % 12 == 0:
        return ngettext("%(n)s tahun", "%(n)s tahun", months // 12) % {"n": months // 12}
    return ngettext("%(n)s bulan", "%(n)s bulan", months) % {"n": months}
