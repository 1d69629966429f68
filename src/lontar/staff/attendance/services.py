"""Every write of flexible work and attendance: quotas, office hours, roster generation and edits,
exclusions, check-in/check-out and corrections. Keyword-only arguments, one transaction, a permission
check through `core.permissions`, an audit entry with before/after.

Roster writes of a unit are serialised on the unit's `UnitQuota` row (`SELECT … FOR UPDATE`): an edit
re-counts the day's people in the office under that lock, so two simultaneous edits that are each fine
alone cannot together drop a day below the quota (see tests/test_concurrency_postgres.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.models import Staff
from lontar.core.permissions import require
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.staff.attendance import planner
from lontar.staff.attendance.models import (
    AttendanceRecord,
    OfficeHours,
    RosterEntry,
    RosterExclusion,
    UnitQuota,
    WorkMode,
    default_quota_percent,
    required_in_office,
)
from lontar.staff.attendance.permissions import (
    CORRECT_ATTENDANCE,
    MANAGE_QUOTA,
    MANAGE_ROSTER,
    RECORD_OWN,
    require_for_staff,
    require_unit,
)

MAX_WEEKS = 8
QUOTA_FIELDS = ("min_office_percent", "note")
HOURS_FIELDS = ("start", "end", "friday_end")


def _day(day: dt.date) -> str:
    return date_format(day, "l, j F Y")


# --- settings: quota per unit and office hours ------------------------------------------------------


def set_unit_quota(*, actor, unit, percent: int, note: str = "") -> UnitQuota:
    """Set the minimum share of the unit in the office. Applies to rosters generated and edits made
    after it; days already planned keep their cells (the grid shows a day below the new quota)."""
    require(actor, MANAGE_QUOTA, organisation=unit.organisation)
    if percent is None or not 0 <= int(percent) <= 100:
        raise ValidationError({"min_office_percent": _("Kuota harus antara 0 dan 100 persen.")})
    with transaction.atomic():
        quota = _locked_quota(unit)
        before = audit.snapshot(quota, QUOTA_FIELDS)
        quota.min_office_percent = int(percent)
        quota.note = note.strip()[:200]
        quota.updated_by = actor
        quota.save()
        old, new = audit.changes(before, audit.snapshot(quota, QUOTA_FIELDS))
        audit.record(actor=actor, action="attendance.quota.update", obj=quota, before=old, after=new)
    return quota


def set_office_hours(
    *, actor, organisation, start: dt.time, end: dt.time, friday_end: dt.time
) -> OfficeHours:
    require(actor, MANAGE_QUOTA, organisation=organisation)
    errors = {}
    if end <= start:
        errors["end"] = _("Jam pulang harus sesudah jam masuk.")
    if friday_end <= start:
        errors["friday_end"] = _("Jam pulang hari Jumat harus sesudah jam masuk.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        hours, _created = OfficeHours.objects.select_for_update().get_or_create(organisation=organisation)
        before = audit.snapshot(hours, HOURS_FIELDS)
        hours.start, hours.end, hours.friday_end = start, end, friday_end
        hours.updated_by = actor
        hours.save()
        old, new = audit.changes(before, audit.snapshot(hours, HOURS_FIELDS))
        audit.record(actor=actor, action="attendance.hours.update", obj=hours, before=old, after=new)
    return hours


def _locked_quota(unit) -> UnitQuota:
    """The unit's quota row, created with the default on first use, locked for this transaction."""
    quota, _created = UnitQuota.objects.get_or_create(
        unit=unit,
        defaults={"organisation_id": unit.organisation_id, "min_office_percent": default_quota_percent(unit)},
    )
    return UnitQuota.objects.select_for_update().get(pk=quota.pk)


# --- roster generation ------------------------------------------------------------------------------


class RegenerationNeedsConfirmation(ValidationError):
    """The period has cells a supervisor changed by hand on days still to come."""

    def __init__(self, edited_days: list[dt.date]):
        self.edited_days = edited_days
        super().__init__(
            _(
                "Jadwal periode ini sudah diubah manual pada %(days)s. Membuat ulang akan menimpa perubahan "
                "itu; centang konfirmasi bila memang dikehendaki. Hari yang sudah berjalan tidak diubah."
            )
            % {"days": ", ".join(_day(day) for day in edited_days)}
        )


@dataclass
class Generation:
    unit: object
    start: dt.date
    end: dt.date
    quota_percent: int
    planned_days: list[dt.date] = field(default_factory=list)
    kept_days: list[dt.date] = field(default_factory=list)
    overwritten_edits: list[dt.date] = field(default_factory=list)
    entries: int = 0


def unit_people(unit) -> list[Staff]:
    return list(Staff.objects.filter(unit=unit, is_active=True).order_by("pk"))


def generate_roster(*, actor, unit, start: dt.date, weeks: int, confirm: bool = False) -> Generation:
    """Plan WFO/WFH for the unit's active people on every working day of `weeks` whole weeks from the
    Monday `start` (algorithm: `planner.py`). Days up to and including today that already have cells are
    kept as they are and count towards fairness; a later day a supervisor changed by hand is overwritten
    only with `confirm`."""
    require_unit(actor, MANAGE_ROSTER, unit)
    if start.weekday() != 0:
        raise ValidationError({"start": _("Periode jadwal dimulai pada hari Senin.")})
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError({"weeks": _("Periode jadwal 1 sampai %(max)s minggu.") % {"max": MAX_WEEKS}})
    end = start + dt.timedelta(days=7 * weeks - 1)
    people = unit_people(unit)
    if not people:
        raise ValidationError(_("Unit %(unit)s belum memiliki pegawai aktif.") % {"unit": unit.name})
    calendar = WorkCalendar(unit.organisation)
    days = [start + dt.timedelta(days=i) for i in range(7 * weeks)]
    days = [day for day in days if calendar.is_working_day(day)]
    ids = [person.pk for person in people]
    with transaction.atomic():
        quota = _locked_quota(unit)
        today = organisation_today(unit.organisation)
        existing = list(RosterEntry.objects.filter(unit=unit, date__range=(start, end)))
        fixed: dict[dt.date, dict[int, str]] = {}
        for entry in existing:
            if entry.date <= today:
                fixed.setdefault(entry.date, {})[entry.staff_id] = entry.mode
        edited = sorted({e.date for e in existing if e.edited and e.date not in fixed})
        if edited and not confirm:
            raise RegenerationNeedsConfirmation(edited)
        unavailable: dict[dt.date, set[int]] = {}
        for staff_id, day in RosterExclusion.objects.filter(
            staff_id__in=ids, date__range=(start, end)
        ).values_list("staff_id", "date"):
            unavailable.setdefault(day, set()).add(staff_id)
        plan = planner.plan_roster(
            people=ids,
            days=days,
            quota_percent=quota.min_office_percent,
            unavailable=unavailable,
            fixed={day: cells for day, cells in fixed.items() if day in set(days)},
        )
        to_plan = [day for day in days if day not in fixed]
        RosterEntry.objects.filter(unit=unit, date__in=to_plan).delete()
        RosterEntry.objects.filter(staff_id__in=ids, date__in=to_plan).delete()
        rows = [
            RosterEntry(
                organisation_id=unit.organisation_id,
                unit=unit,
                staff_id=staff_id,
                date=day,
                mode=mode,
                updated_by=actor,
            )
            for day in to_plan
            for staff_id, mode in plan.days[day].items()
        ]
        RosterEntry.objects.bulk_create(rows)
        result = Generation(
            unit=unit,
            start=start,
            end=end,
            quota_percent=quota.min_office_percent,
            planned_days=to_plan,
            kept_days=sorted(fixed),
            overwritten_edits=edited,
            entries=len(rows),
        )
        audit.record(
            actor=actor,
            action="attendance.roster.generate",
            obj=unit,
            after={
                "start": start.isoformat(),
                "end": end.isoformat(),
                "quota_percent": quota.min_office_percent,
                "people": len(ids),
                "planned_days": len(to_plan),
                "kept_days": [day.isoformat() for day in result.kept_days],
                "overwritten_edits": [day.isoformat() for day in edited],
                "entries": len(rows),
            },
        )
    return result


# --- roster edits -----------------------------------------------------------------------------------


def _office_count(unit, day: dt.date) -> tuple[int, int]:
    """(people in the office, people on the roster) of the unit on `day`."""
    modes = list(RosterEntry.objects.filter(unit=unit, date=day).values_list("mode", flat=True))
    return sum(mode == WorkMode.OFFICE for mode in modes), len(modes)


def quota_shortfall_message(*, unit, day, percent, required, people, left) -> str:
    return _(
        "Kuota WFO %(unit)s pada %(day)s tidak terpenuhi: minimal %(required)s dari %(people)s pegawai "
        "harus bekerja di kantor (%(percent)s%%), perubahan ini menyisakan %(left)s. Jadwalkan pegawai "
        "lain WFO terlebih dahulu."
    ) % {
        "unit": unit.name,
        "day": _day(day),
        "required": required,
        "people": people,
        "percent": percent,
        "left": left,
    }


def set_roster_cell(*, actor, entry: RosterEntry, mode: str, note: str = "") -> RosterEntry:
    """A supervisor changes one person's mode on one day. Refused when it would leave the day below the
    unit's quota (counted under the unit's lock) or when the day has passed."""
    unit = entry.unit
    require_unit(actor, MANAGE_ROSTER, unit)
    if mode not in WorkMode.values:
        raise ValidationError({"mode": _("Pilih WFO atau WFH.")})
    if entry.date < organisation_today(unit.organisation):
        raise ValidationError(_("Jadwal hari yang sudah lewat tidak dapat diubah."))
    with transaction.atomic():
        quota = _locked_quota(unit)
        entry = RosterEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.mode == mode:
            return entry
        if mode == WorkMode.HOME:
            office, people = _office_count(unit, entry.date)
            required = required_in_office(quota.min_office_percent, people)
            if office - 1 < required:
                raise ValidationError(
                    quota_shortfall_message(
                        unit=unit,
                        day=entry.date,
                        percent=quota.min_office_percent,
                        required=required,
                        people=people,
                        left=office - 1,
                    )
                )
        before = audit.snapshot(entry, ("mode", "note", "edited"))
        entry.mode = mode
        entry.note = note.strip()[:200]
        entry.edited = True
        entry.updated_by = actor
        entry.save()
        old, new = audit.changes(before, audit.snapshot(entry, ("mode", "note", "edited")))
        audit.record(actor=actor, action="attendance.roster.edit", obj=entry, before=old, after=new)
    return entry


# --- people out of the roster on a day --------------------------------------------------------------


@dataclass
class ExclusionResult:
    exclusion: RosterExclusion
    promoted: list[Staff] = field(default_factory=list)


def mark_excluded(*, actor, staff: Staff, day: dt.date, reason: str) -> ExclusionResult:
    """Take a person out of the roster on `day` (leave, duty travel, training ...). Their cell on a day
    still to come (today included) is removed; if they were in the office and the day would fall below
    the quota, the colleagues with the fewest office days that week move to WFO (audited, reported)."""
    if staff.unit_id is None:
        raise ValidationError(_("Pegawai ini belum ditempatkan pada unit kerja."))
    unit = staff.unit
    require_unit(actor, MANAGE_ROSTER, unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tuliskan alasannya, misalnya cuti tahunan atau perjalanan dinas.")}
        )
    with transaction.atomic():
        quota = _locked_quota(unit)
        if RosterExclusion.objects.filter(staff=staff, date=day).exists():
            raise ValidationError(
                _("%(name)s sudah ditandai di luar jadwal pada %(day)s.") % {"name": staff, "day": _day(day)}
            )
        exclusion = RosterExclusion.objects.create(
            organisation_id=staff.organisation_id,
            staff=staff,
            date=day,
            reason=reason[:200],
            recorded_by=actor,
        )
        promoted: list[Staff] = []
        removed = None
        entry = RosterEntry.objects.filter(staff=staff, date=day).first()
        if entry is not None and day >= organisation_today(unit.organisation):
            removed = entry.mode
            entry.delete()
            promoted = _restore_quota(actor, entry.unit, day, quota.min_office_percent)
        audit.record(
            actor=actor,
            action="attendance.exclusion.create",
            obj=exclusion,
            after={
                "staff": staff.pk,
                "date": day.isoformat(),
                "reason": exclusion.reason,
                "removed_cell": removed,
                "moved_to_office": [person.pk for person in promoted],
            },
        )
    return ExclusionResult(exclusion, promoted)


def _restore_quota(actor, unit, day: dt.date, percent: int) -> list[Staff]:
    """Move WFH people of the day to WFO until the quota holds: fewest office days that week first."""
    office, people = _office_count(unit, day)
    missing = required_in_office(percent, people) - office
    if missing <= 0:
        return []
    monday = day - dt.timedelta(days=day.weekday())
    week = RosterEntry.objects.filter(unit=unit, date__range=(monday, monday + dt.timedelta(days=6)))
    load: dict[int, int] = {}
    for staff_id, mode in week.values_list("staff_id", "mode"):
        load[staff_id] = load.get(staff_id, 0) + (mode == WorkMode.OFFICE)
    candidates = sorted(
        RosterEntry.objects.filter(unit=unit, date=day, mode=WorkMode.HOME).select_related("staff"),
        key=lambda e: (load.get(e.staff_id, 0), e.staff_id),
    )[:missing]
    for entry in candidates:
        entry.mode = WorkMode.OFFICE
        entry.updated_by = actor
        entry.note = _("Menggantikan pegawai yang di luar jadwal.")
        entry.save()
    return [entry.staff for entry in candidates]


def unmark_excluded(*, actor, exclusion: RosterExclusion) -> None:
    """Put the person back on the roster of that day (a cell is added when the day still to come has a
    roster: WFO when the quota needs one more person, WFH otherwise)."""
    staff = exclusion.staff
    unit = staff.unit
    if unit is None:
        raise ValidationError(_("Pegawai ini belum ditempatkan pada unit kerja."))
    require_unit(actor, MANAGE_ROSTER, unit)
    with transaction.atomic():
        quota = _locked_quota(unit)
        day = exclusion.date
        before = audit.snapshot(exclusion, ("staff", "date", "reason"))
        audit.record(actor=actor, action="attendance.exclusion.delete", obj=exclusion, before=before)
        exclusion.delete()
        office, people = _office_count(unit, day)
        if people and day >= organisation_today(unit.organisation):
            needs = required_in_office(quota.min_office_percent, people + 1) > office
            RosterEntry.objects.get_or_create(
                staff=staff,
                date=day,
                defaults={
                    "organisation_id": unit.organisation_id,
                    "unit": unit,
                    "mode": WorkMode.OFFICE if needs else WorkMode.HOME,
                    "updated_by": actor,
                },
            )


# --- check-in and check-out -------------------------------------------------------------------------


def office_hours_of(organisation) -> OfficeHours:
    return OfficeHours.objects.filter(organisation=organisation).first() or OfficeHours(
        organisation=organisation
    )


def _own_staff(actor) -> Staff:
    staff = getattr(actor, "staff", None) if actor is not None and actor.is_authenticated else None
    if staff is None or not staff.is_active:
        raise ValidationError(
            _("Akun Anda tidak terhubung dengan data pegawai aktif; hubungi Subbag Umum/Kepegawaian.")
        )
    require(actor, RECORD_OWN, organisation=staff.organisation)
    return staff


def _local(moment: dt.datetime, organisation) -> dt.datetime:
    return timezone.localtime(moment, ZoneInfo(organisation.timezone))


def rostered_mode(staff: Staff, day: dt.date) -> str | None:
    return RosterEntry.objects.filter(staff=staff, date=day).values_list("mode", flat=True).first()


@dataclass
class Tap:
    record: AttendanceRecord
    changed: bool  # False: the same tap arrived again (double submit) and nothing was written


RECORD_FIELDS = (
    "mode",
    "mode_note",
    "check_in_at",
    "check_out_at",
    "is_late",
    "left_early",
    "correction_note",
)


def check_in(
    *,
    actor,
    mode: str | None = None,
    mode_note: str = "",
    note: str = "",
    backdate_for_demo: dt.datetime | None = None,
) -> Tap:
    """ "Masuk": record today's arrival at the server's time in the office's zone. Idempotent: a second
    tap on the same day returns the first record unchanged. The mode comes from the roster (WFO when
    there is none); working otherwise than rostered needs a note.

    `backdate_for_demo` replaces "now" and exists only for the demo loader, which fills a month of
    history through this same function; no screen or API passes it."""
    staff = _own_staff(actor)
    organisation = staff.organisation
    moment = backdate_for_demo or timezone.now()
    local = _local(moment, organisation)
    day = local.date()
    planned = rostered_mode(staff, day)
    mode = mode or planned or WorkMode.OFFICE
    if mode not in WorkMode.values:
        raise ValidationError({"mode": _("Pilih WFO atau WFH.")})
    mode_note = (mode_note or "").strip()[:200]
    if planned and mode != planned and not mode_note:
        raise ValidationError(
            {
                "mode_note": _("Jadwal Anda hari ini %(planned)s; tuliskan alasan bekerja dengan cara lain.")
                % {"planned": WorkMode(planned).label}
            }
        )
    hours = office_hours_of(organisation)
    with transaction.atomic():
        record, created = AttendanceRecord.objects.get_or_create(
            staff=staff,
            date=day,
            defaults={
                "organisation": organisation,
                "mode": mode,
                "mode_note": mode_note,
                "check_in_at": moment,
                "check_in_note": (note or "").strip()[:200],
                "is_late": local.time().replace(second=0, microsecond=0) > hours.start,
            },
        )
        if created:
            audit.record(
                actor=actor,
                action="attendance.record.check_in",
                obj=record,
                after=audit.snapshot(record, ("date", *RECORD_FIELDS[:3], "is_late", "check_in_note")),
            )
    return Tap(record, created)


def check_out(*, actor, note: str = "", backdate_for_demo: dt.datetime | None = None) -> Tap:
    """ "Pulang": record today's departure. Idempotent: once recorded, a second tap changes nothing.
    `backdate_for_demo`: see `check_in`."""
    staff = _own_staff(actor)
    organisation = staff.organisation
    moment = backdate_for_demo or timezone.now()
    local = _local(moment, organisation)
    hours = office_hours_of(organisation)
    with transaction.atomic():
        record = AttendanceRecord.objects.select_for_update().filter(staff=staff, date=local.date()).first()
        if record is None:
            raise ValidationError(_("Anda belum tercatat masuk hari ini; tekan Masuk terlebih dahulu."))
        if record.check_out_at is not None:
            return Tap(record, False)
        record.check_out_at = moment
        record.check_out_note = (note or "").strip()[:200]
        record.left_early = local.time() < hours.end_on(record.date)
        record.save(update_fields=["check_out_at", "check_out_note", "left_early"])
        audit.record(
            actor=actor,
            action="attendance.record.check_out",
            obj=record,
            after={
                "check_out_at": audit.snapshot(record, ["check_out_at"])["check_out_at"],
                "left_early": record.left_early,
            },
        )
    return Tap(record, True)


def correct_check_out(*, actor, record: AttendanceRecord, time: dt.time, note: str) -> AttendanceRecord:
    """A supervisor records the departure a person forgot to tap (or fixes a wrong one), with a reason."""
    staff = record.staff
    require_for_staff(actor, CORRECT_ATTENDANCE, staff)
    if getattr(actor, "staff", None) is not None and actor.staff.pk == staff.pk:
        raise PermissionDenied(_("Koreksi kehadiran sendiri dilakukan oleh atasan."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan alasan koreksi.")})
    organisation = record.organisation
    moment = dt.datetime.combine(record.date, time, tzinfo=ZoneInfo(organisation.timezone))
    if moment <= record.check_in_at:
        raise ValidationError(
            {
                "time": _("Jam pulang harus sesudah jam masuk (%(time)s).")
                % {"time": f"{_local(record.check_in_at, organisation):%H:%M}"}
            }
        )
    if moment > timezone.now():
        raise ValidationError({"time": _("Jam pulang tidak boleh di masa depan.")})
    hours = office_hours_of(organisation)
    with transaction.atomic():
        record = AttendanceRecord.objects.select_for_update().get(pk=record.pk)
        before = audit.snapshot(record, ("check_out_at", "left_early", "correction_note"))
        record.check_out_at = moment
        record.left_early = time < hours.end_on(record.date)
        record.corrected_by = actor
        record.correction_note = note[:200]
        record.save(update_fields=["check_out_at", "left_early", "corrected_by", "correction_note"])
        old, new = audit.changes(
            before, audit.snapshot(record, ("check_out_at", "left_early", "correction_note"))
        )
        audit.record(actor=actor, action="attendance.record.correct", obj=record, before=old, after=new)
    return record
