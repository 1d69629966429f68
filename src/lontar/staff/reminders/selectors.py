"""What is coming in a staff member's career, computed from the personnel file (REFERENCE §6).

The date rules are pure functions of dates, so they are tested with exact dates:

* **KGB** (kenaikan gaji berkala, PNS and PPPK) every 2 years: the latest `SalaryIncrease.tmt` + 2
  years. Without any recorded KGB, the clock runs from the start of service (`facts.service_start`:
  the file's TMT CPNS/PPPK, else the NIP's TMT month): start + 2, + 4, ... years, the first that is not
  in the past. A recorded KGB whose next date has passed shows as late (the file lacks the new SK).
* **Regular promotion** (kenaikan pangkat reguler, PNS only) every 4 years from the latest
  `RankHistory.tmt`. Promotions take effect only in the two national periods, 1 April and 1 October
  (PP 99/2000 as amended, Perka BKN), so the due date is the first period on or after those 4 years.
  Nothing is due at the top rank IV/e, nor without any rank history (nothing to count from).
* **Retirement**: the pension TMT is the first day of the month after the month in which the person
  reaches the retirement age (BUP, `Employee.bup`: 58, 60 or 65 by type of post), i.e. the month of
  their birthday in the year birth + BUP. PNS and PPPK (a PPPK's agreement also ends at the BUP).
  Without a personnel file the default BUP of the default type of post (pelaksana, 58) applies.
* **Documents**: a document of the file with `expires_on`, unless a later document of the same kind
  expires later (it was renewed).

A KGB or promotion that would fall on or after the person's pension TMT is not listed.

Each kind is announced `LeadTimes` ahead (per office, `ReminderSettings`). The agenda lists items due
up to a horizon, plus the still-pending items whose date passed within the last year (older ones are
stale data to correct in the file, not reminders).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lontar.core import civil_service
from lontar.core.models import Organisation, Staff, Unit
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.staff import facts
from lontar.staff.models import RETIREMENT_AGE, EmployeeDocument, PositionType, RankHistory, SalaryIncrease
from lontar.staff.reminders.models import ReminderKind, ReminderLog, ReminderSettings
from lontar.staff.reminders.permissions import VIEW_AGENDA, VIEW_SETTINGS

KGB_YEARS = 2
PROMOTION_YEARS = 4
# The national promotion periods: (month, day).
PROMOTION_PERIODS = ((4, 1), (10, 1))
TOP_RANK = "IV/e"
OVERDUE_WINDOW = dt.timedelta(days=365)
HORIZONS = (3, 6, 12)
DEFAULT_HORIZON = 6


# --- pure date rules -------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months`, kept inside the target month (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by `years`; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def next_kgb(*, latest_tmt: dt.date | None, service_start: dt.date | None, today: dt.date) -> dt.date | None:
    if latest_tmt is not None:
        return add_years(latest_tmt, KGB_YEARS)
    if service_start is None:
        return None
    step = KGB_YEARS
    # Each step from the start itself, so a 29 February start comes back on 29 February in leap years.
    while add_years(service_start, step) < today:
        step += KGB_YEARS
    return add_years(service_start, step)


def promotion_period_on_or_after(day: dt.date) -> dt.date:
    for year in (day.year, day.year + 1):
        for month, period_day in PROMOTION_PERIODS:
            candidate = dt.date(year, month, period_day)
            if candidate >= day:
                return candidate
    raise AssertionError("unreachable: 1 April of the next year is always later")


def is_top_rank(rank: str) -> bool:
    code = (rank or "").strip().split(" ", 1)[0]
    return code.upper() == TOP_RANK.upper()


def next_promotion(*, latest_tmt: dt.date | None, latest_rank: str) -> dt.date | None:
    if latest_tmt is None or is_top_rank(latest_rank):
        return None
    return promotion_period_on_or_after(add_years(latest_tmt, PROMOTION_YEARS))


def pension_tmt(*, birth_date: dt.date, retirement_age: int) -> dt.date:
    """The first day of the month after the month of the birthday at which the BUP is reached."""
    return add_months(dt.date(birth_date.year + retirement_age, birth_date.month, 1), 1)


@dataclass(frozen=True)
class LeadTimes:
    kgb_days: int = 60
    promotion_days: int = 90
    retirement_months: int = 12
    document_days: int = 30

    @classmethod
    def of(cls, row: ReminderSettings | None) -> LeadTimes:
        if row is None:
            return cls()
        return cls(
            row.kgb_lead_days, row.promotion_lead_days, row.retirement_lead_months, row.document_lead_days
        )

    def ahead_from(self, kind: str, due: dt.date) -> dt.date:
        """The first day an item due on `due` is announced."""
        if kind == ReminderKind.RETIREMENT:
            return add_months(due, -self.retirement_months)
        days = {
            ReminderKind.KGB: self.kgb_days,
            ReminderKind.PROMOTION: self.promotion_days,
            ReminderKind.DOCUMENT: self.document_days,
        }[kind]
        return due - dt.timedelta(days=days)

    def label(self, kind: str) -> str:
        if kind == ReminderKind.RETIREMENT:
            months = self.retirement_months
            return ngettext("%(n)s bulan", "%(n)s bulan", months) % {"n": months}
        days = {
            ReminderKind.KGB: self.kgb_days,
            ReminderKind.PROMOTION: self.promotion_days,
            ReminderKind.DOCUMENT: self.document_days,
        }[kind]
        return ngettext("%(n)s hari", "%(n)s hari", days) % {"n": days}


# --- items -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    due_date: dt.date
    ahead_from: dt.date
    today: dt.date
    staff_id: int
    staff_name: str
    nip: str
    employment_type: str
    unit_name: str
    organisation_id: int
    organisation_name: str
    title: str
    basis: str
    reference: str = ""
    has_user: bool = field(default=False, compare=False)

    @property
    def kind_label(self) -> str:
        return str(ReminderKind(self.kind).label)

    @property
    def days_left(self) -> int:
        return (self.due_date - self.today).days

    @property
    def is_overdue(self) -> bool:
        return self.due_date < self.today

    @property
    def is_due(self) -> bool:
        """In its lead time (announced), due today, or late."""
        return self.ahead_from <= self.today

    @property
    def status(self) -> str:
        if self.is_overdue:
            return "terlambat"
        if self.due_date == self.today:
            return "hari_ini"
        return "segera" if self.is_due else "akan_datang"

    @property
    def status_label(self) -> str:
        return {
            "terlambat": _("terlambat %(n)s hari") % {"n": -self.days_left},
            "hari_ini": _("hari ini"),
            "segera": _("%(n)s hari lagi") % {"n": self.days_left},
            "akan_datang": _("%(n)s hari lagi") % {"n": self.days_left},
        }[self.status]

    @property
    def nip_display(self) -> str:
        return civil_service.format_nip(self.nip)

    @property
    def file_url(self) -> str:
        return personnel_file_url(self.staff_id)


def personnel_file_url(staff_id: int) -> str:
    """The staff member's personnel file (its screen checks who may open it)."""
    return reverse("staff:file_detail", args=[staff_id])


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


def _annotated_staff(staff_qs):
    latest_rank = RankHistory.objects.filter(staff=OuterRef("pk")).order_by("-tmt", "-id")
    return (
        staff_qs.filter(is_active=True)
        .select_related("organisation", "unit", "employee", "user")
        .annotate(
            latest_kgb=Subquery(
                SalaryIncrease.objects.filter(staff=OuterRef("pk"))
                .values("staff")
                .annotate(latest=Max("tmt"))
                .values("latest")[:1]
            ),
            latest_rank_tmt=Subquery(latest_rank.values("tmt")[:1]),
            latest_rank=Subquery(latest_rank.values("rank")[:1]),
        )
        .order_by("full_name", "pk")
    )


def _career_items(person, today: dt.date, leads: LeadTimes) -> list[dict]:
    """KGB, promotion and retirement of one annotated staff row (without the common fields)."""
    if person.employment_type not in (civil_service.PNS, civil_service.PPPK):
        return []
    items = []
    employee = facts.employee_of(person)
    bup = employee.bup if employee is not None else RETIREMENT_AGE[PositionType.EXECUTOR]
    born = facts.birth_date(person)
    retires = pension_tmt(birth_date=born, retirement_age=bup) if born else None
    if retires is not None:
        items.append(
            {
                "kind": ReminderKind.RETIREMENT,
                "due_date": retires,
                "title": _("Pensiun BUP %(bup)s tahun") % {"bup": bup},
                "basis": (
                    _("Batas usia pensiun %(bup)s tahun (%(jenis)s)")
                    % {"bup": bup, "jenis": employee.get_position_type_display()}
                    if employee is not None
                    else _("Batas usia pensiun %(bup)s tahun (data kepegawaian belum diisi)") % {"bup": bup}
                ),
            }
        )
    start = facts.service_start(person)
    kgb = next_kgb(latest_tmt=person.latest_kgb, service_start=start, today=today)
    if kgb is not None:
        basis = (
            _("KGB terakhir TMT %(tanggal)s") % {"tanggal": _day(person.latest_kgb)}
            if person.latest_kgb
            else _("Dihitung dari TMT %(tanggal)s (belum ada riwayat KGB)") % {"tanggal": _day(start)}
        )
        items.append(
            {"kind": ReminderKind.KGB, "due_date": kgb, "title": _("Kenaikan gaji berkala"), "basis": basis}
        )
    if person.employment_type == civil_service.PNS:
        promotion = next_promotion(latest_tmt=person.latest_rank_tmt, latest_rank=person.latest_rank or "")
        if promotion is not None:
            items.append(
                {
                    "kind": ReminderKind.PROMOTION,
                    "due_date": promotion,
                    "title": _("Kenaikan pangkat dari %(pangkat)s") % {"pangkat": person.latest_rank},
                    "basis": _("Pangkat terakhir TMT %(tanggal)s; periode 1 April/1 Oktober")
                    % {"tanggal": _day(person.latest_rank_tmt)},
                }
            )
    if retires is not None:
        items = [i for i in items if i["kind"] == ReminderKind.RETIREMENT or i["due_date"] < retires]
    return items


def _documents(staff_qs, earliest: dt.date, until: dt.date) -> dict[int, list[EmployeeDocument]]:
    renewed = EmployeeDocument.objects.filter(
        staff=OuterRef("staff"), kind=OuterRef("kind"), expires_on__gt=OuterRef("expires_on")
    )
    found: dict[int, list[EmployeeDocument]] = {}
    rows = (
        EmployeeDocument.objects.filter(
            staff__in=staff_qs.values("pk"), expires_on__gte=earliest, expires_on__lte=until
        )
        .filter(~Exists(renewed))
        .order_by("expires_on", "pk")
    )
    for document in rows:
        found.setdefault(document.staff_id, []).append(document)
    return found


def settings_by_office(organisation_ids: Iterable[int]) -> dict[int, LeadTimes]:
    ids = list(organisation_ids)
    rows = {r.organisation_id: r for r in ReminderSettings.objects.filter(organisation_id__in=ids)}
    return {org_id: LeadTimes.of(rows.get(org_id)) for org_id in ids}


def compute_items(staff_qs, *, horizon_months: int | None = DEFAULT_HORIZON, today: dt.date | None = None):
    """Every coming item of the active staff in `staff_qs` (already scoped by the caller), due from a
    year ago up to `horizon_months` ahead (None: up to each item's lead time only), sorted by date.

    `today` fixes the day for tests; otherwise each office's own today (its time zone) is used.
    """
    people = list(_annotated_staff(staff_qs))
    if not people:
        return []
    offices = {p.organisation_id: p.organisation for p in people}
    leads = settings_by_office(offices)
    todays = {org_id: today or organisation_today(org) for org_id, org in offices.items()}
    first_day = min(todays.values())
    last_day = max(todays.values())
    until = add_months(last_day, horizon_months) if horizon_months else add_months(last_day, 25)
    documents = _documents(staff_qs, first_day - OVERDUE_WINDOW, until)
    items: list[AgendaItem] = []
    for person in people:
        day = todays[person.organisation_id]
        lead = leads[person.organisation_id]
        raw = _career_items(person, day, lead)
        for document in documents.get(person.pk, []):
            raw.append(
                {
                    "kind": ReminderKind.DOCUMENT,
                    "due_date": document.expires_on,
                    "title": _("%(judul)s berlaku sampai %(tanggal)s")
                    % {"judul": document.title, "tanggal": _day(document.expires_on)},
                    "basis": document.get_kind_display(),
                    "reference": str(document.pk),
                }
            )
        for entry in raw:
            ahead = lead.ahead_from(entry["kind"], entry["due_date"])
            shown = entry["due_date"] <= add_months(day, horizon_months) if horizon_months else ahead <= day
            if not shown or entry["due_date"] < day - OVERDUE_WINDOW:
                continue
            items.append(
                AgendaItem(
                    ahead_from=ahead,
                    today=day,
                    staff_id=person.pk,
                    staff_name=person.name_with_titles,
                    nip=person.nip,
                    employment_type=person.get_employment_type_display(),
                    unit_name=person.unit.name if person.unit_id else "",
                    organisation_id=person.organisation_id,
                    organisation_name=person.organisation.name,
                    has_user=bool(person.user_id and person.user.is_active),
                    **entry,
                )
            )
    items.sort(key=lambda i: (i.due_date, i.kind, i.staff_name, i.reference))
    return items


# --- what a user may see ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaFilters:
    horizon: int = DEFAULT_HORIZON
    kind: str = ""
    organisation: int | None = None
    unit: int | None = None
    query: str = ""
    due_only: bool = False


def office_staff(user, action: str = VIEW_AGENDA):
    return Staff.objects.filter(organisation_id__in=organisation_ids_with(user, action))


def own_staff(user):
    return Staff.objects.filter(user=user) if user.is_authenticated else Staff.objects.none()


def may_see_office_agenda(user) -> bool:
    return bool(organisation_ids_with(user, VIEW_AGENDA))


def office_agenda(user, filters: AgendaFilters, *, action: str = VIEW_AGENDA, today=None) -> list[AgendaItem]:
    staff = office_staff(user, action)
    if filters.organisation:
        staff = staff.filter(organisation_id=filters.organisation)
    if filters.unit:
        staff = staff.filter(unit_id=filters.unit)
    if filters.query:
        staff = staff.filter(Q(full_name__icontains=filters.query) | Q(nip__contains=filters.query))
    # "Only announced items" follows each office's lead times, whatever the horizon.
    items = compute_items(staff, horizon_months=None if filters.due_only else filters.horizon, today=today)
    if filters.kind:
        items = [i for i in items if i.kind == filters.kind]
    if filters.due_only:
        items = [i for i in items if i.is_due]
    return items


def my_agenda(user, *, horizon: int = 12, today=None) -> list[AgendaItem]:
    """The user's own coming items (a user is one staff member; the agenda follows them to a new office)."""
    return compute_items(own_staff(user), horizon_months=horizon, today=today)


def filter_choices(user) -> dict:
    org_ids = organisation_ids_with(user, VIEW_AGENDA)
    return {
        "offices": list(Organisation.objects.filter(pk__in=org_ids, is_active=True).order_by("name")),
        "units": list(
            Unit.objects.filter(organisation_id__in=org_ids)
            .select_related("organisation")
            .order_by("organisation__name", "order", "name")
        ),
    }


def summary(items: list[AgendaItem]) -> list[tuple[str, str, int]]:
    """(kind, label, count) of each kind present in `items`, in the kinds' order."""
    counts = Counter(i.kind for i in items)
    return [(kind, label, counts[kind]) for kind, label in ReminderKind.choices if counts[kind]]


@dataclass(frozen=True)
class DueCount:
    kind: str
    count: int
    lead_label: str


def due_counts(user, *, today=None) -> list[DueCount]:
    """Items in their lead time (or late) per kind across the offices whose agenda `user` reads."""
    if not may_see_office_agenda(user):
        return []
    items = [i for i in compute_items(office_staff(user), horizon_months=None, today=today) if i.is_due]
    if not items:
        return []
    leads = settings_by_office({i.organisation_id for i in items})
    counts = []
    for kind in ReminderKind.values:
        mine = [i for i in items if i.kind == kind]
        if mine:
            labels = {leads[i.organisation_id].label(kind) for i in mine}
            counts.append(DueCount(kind, len(mine), labels.pop() if len(labels) == 1 else ""))
    return counts


def settings_offices(user, action: str = VIEW_SETTINGS):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action), is_active=True).order_by(
        "name"
    )


def settings_of(organisation) -> ReminderSettings:
    """The office's row, or an unsaved one with the defaults."""
    return ReminderSettings.objects.filter(organisation=organisation).first() or ReminderSettings(
        organisation=organisation
    )


def sent_log(organisation, *, limit: int = 20) -> list[ReminderLog]:
    return list(
        ReminderLog.objects.filter(organisation=organisation)
        .select_related("staff")
        .order_by("-sent_at", "-id")[:limit]
    )
