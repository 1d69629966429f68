"""Subbag TU's monthly recap of one office: counts of incoming letters, outgoing documents and
dispositions in a period, and how quickly dispositions were completed.

Definitions (documented on the screen too):
* incoming letters: received in the period (`received_date`), by classification code (the
  top level, e.g. 000, and the second level, e.g. 000.1) and by processing unit;
* outgoing documents: signed in the period (`document_date`; drafts are not counted), by type
  and by classification;
* dispositions: sent in the period, withdrawn ones left out; completed = declared done by the sender;
  on time = completed on or before the deadline in force when it was completed (one without a
  deadline is on time); turnaround =
  working days from sending to completion, `working_days_between` of the office's calendar (weekends,
  national holidays, joint leave and office closures do not count); open overdue = still open today
  and past the deadline, by the unit it was sent to (or else the
  recipient's own unit).
Aggregates are computed in SQL; only the completed dispositions' dates are read to compute the median
and the 90th percentile. Every query is scoped to the one office the caller may read.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core.models import Organisation, StatusChange
from lontar.core.permissions import require
from lontar.core.workdays.calendar import WorkCalendar
from lontar.correspondence.access_recap import VIEW_RECAP, recap_office_ids
from lontar.correspondence.models import (
    OPEN_DISPOSITION_STATES,
    Disposition,
    DispositionStatus,
    IncomingLetter,
    OutgoingDocument,
)
from lontar.correspondence.models.outgoing import OutgoingStatus, OutgoingType


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass
class DispositionFigures:
    sent: int = 0
    completed: int = 0
    on_time: int = 0
    late: int = 0
    median_days: float | None = None
    p90_days: float | None = None


@dataclass
class Recap:
    organisation: Organisation
    start: dt.date
    end: dt.date
    incoming_total: int
    outgoing_total: int
    dispositions: DispositionFigures
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def recap_offices(user):
    return Organisation.objects.filter(pk__in=recap_office_ids(user)).order_by("path", "name")


def office_for_recap(user, pk: int) -> Organisation:
    """The office whose recap `user` asked for; 404 outside their offices, 403 without the right."""
    from django.http import Http404

    from lontar.core.permissions import visible_organisation_ids

    if pk not in visible_organisation_ids(user):
        raise Http404
    office = Organisation.objects.filter(pk=pk).first()
    if office is None:
        raise Http404
    require(user, VIEW_RECAP, office)
    return office


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def percentile(values: list[int], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC): p50 is the median."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _code_levels(code: str) -> tuple[str, str]:
    parts = code.split(".")
    return parts[0], ".".join(parts[:2])


def _incoming_tables(letters) -> list[Table]:
    by_code = Counter()
    for code, _title, count in (
        letters.order_by()
        .values_list("classification__code", "classification__title")
        .annotate(n=Count("id"))
    ):
        by_code[code or ""] += count
    no_code = _("(tanpa kode)")
    top, second = Counter(), Counter()
    for code, count in by_code.items():
        if not code:
            top[no_code] += count
            second[no_code] += count
            continue
        first_level, second_level = _code_levels(code)
        top[first_level] += count
        second[second_level] += count
    by_unit = Counter()
    for unit_name, count in letters.order_by().values_list("unit__name").annotate(n=Count("id")):
        by_unit[unit_name or _("(belum ditentukan)")] += count
    return [
        Table(
            "incoming_top",
            _("Surat masuk menurut kode klasifikasi (tingkat pertama)"),
            [_("Kode"), _("Jumlah")],
            [[code, count] for code, count in sorted(top.items())],
        ),
        Table(
            "incoming_second",
            _("Surat masuk menurut kode klasifikasi (tingkat kedua)"),
            [_("Kode"), _("Jumlah")],
            [[code, count] for code, count in sorted(second.items())],
        ),
        Table(
            "incoming_unit",
            _("Surat masuk menurut unit pengolah"),
            [_("Unit"), _("Jumlah")],
            [[name, count] for name, count in sorted(by_unit.items(), key=lambda item: (-item[1], item[0]))],
        ),
    ]


def _outgoing_tables(documents) -> list[Table]:
    labels = dict(OutgoingType.choices)
    by_type = Counter()
    by_type_code = Counter()
    for document_type, code, count in (
        documents.order_by().values_list("document_type", "classification__code").annotate(n=Count("id"))
    ):
        label = str(labels.get(document_type, document_type))
        by_type[label] += count
        by_type_code[(label, code or _("(tanpa kode)"))] += count
    return [
        Table(
            "outgoing_type",
            _("Naskah keluar menurut jenis"),
            [_("Jenis naskah"), _("Jumlah")],
            [[label, count] for label, count in sorted(by_type.items())],
        ),
        Table(
            "outgoing_type_code",
            _("Naskah keluar menurut jenis dan kode klasifikasi"),
            [_("Jenis naskah"), _("Kode"), _("Jumlah")],
            [[label, code, count] for (label, code), count in sorted(by_type_code.items())],
        ),
    ]


def _disposition_figures(organisation, dispositions, today) -> tuple[DispositionFigures, list[Table]]:
    calendar = WorkCalendar(organisation)
    figures = DispositionFigures(sent=dispositions.count())
    turnaround = []
    # Completion clears a workflow object's deadline; the one in force is the last one its history holds.
    last_deadline = (
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(Disposition),
            object_id=OuterRef("pk"),
            due_date__isnull=False,
        )
        .order_by("-at", "-id")
        .values("due_date")[:1]
    )
    done = (
        dispositions.filter(status=DispositionStatus.DONE)
        .annotate(deadline=Coalesce("due_date", Subquery(last_deadline)))
        .values_list("sent_at", "status_changed_at", "deadline")
    )
    for sent_at, done_at, due_date in done:
        sent_on = timezone.localdate(sent_at)
        done_on = timezone.localdate(done_at) if done_at else sent_on
        figures.completed += 1
        if due_date is None or done_on <= due_date:
            figures.on_time += 1
        else:
            figures.late += 1
        turnaround.append(calendar.working_days_between(sent_on, done_on))
    figures.median_days = percentile(turnaround, 0.5)
    figures.p90_days = percentile(turnaround, 0.9)
    overdue = Counter()
    for unit_name, count in (
        dispositions.filter(status__in=OPEN_DISPOSITION_STATES, due_date__lt=today)
        .order_by()
        .annotate(unit_name=Coalesce("recipient_unit__name", "recipient__staff__unit__name"))
        .values_list("unit_name")
        .annotate(n=Count("id"))
    ):
        overdue[unit_name or _("(tanpa unit)")] += count

    def days(value):
        return "-" if value is None else round(value, 1)

    tables = [
        Table(
            "dispositions",
            _("Disposisi"),
            [
                _("Dikirim"),
                _("Selesai"),
                _("Tepat waktu"),
                _("Terlambat"),
                _("Median penyelesaian (hari kerja)"),
                _("Persentil 90 penyelesaian (hari kerja)"),
            ],
            [
                [
                    figures.sent,
                    figures.completed,
                    figures.on_time,
                    figures.late,
                    days(figures.median_days),
                    days(figures.p90_days),
                ]
            ],
        ),
        Table(
            "overdue_unit",
            _("Disposisi terbuka yang melewati tenggat, menurut unit"),
            [_("Unit"), _("Jumlah")],
            [[name, count] for name, count in sorted(overdue.items(), key=lambda item: (-item[1], item[0]))],
        ),
    ]
    return figures, tables


def monthly_recap(user, organisation: Organisation, start: dt.date, end: dt.date, *, today=None) -> Recap:
    """The recap of `organisation` for the days `start`..`end` (inclusive), for `user`."""
    require(user, VIEW_RECAP, organisation)
    today = today or timezone.localdate()
    letters = IncomingLetter.objects.filter(organisation=organisation, received_date__range=(start, end))
    documents = OutgoingDocument.objects.filter(
        organisation=organisation,
        document_date__range=(start, end),
        status__in=(OutgoingStatus.SIGNED, OutgoingStatus.SENT),
    )
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    dispositions = Disposition.objects.filter(
        organisation=organisation, sent_at__gte=begin, sent_at__lt=finish
    ).exclude(status=DispositionStatus.WITHDRAWN)
    figures, disposition_tables = _disposition_figures(organisation, dispositions, today)
    return Recap(
        organisation=organisation,
        start=start,
        end=end,
        incoming_total=letters.count(),
        outgoing_total=documents.count(),
        dispositions=figures,
        tables=[*_incoming_tables(letters), *_outgoing_tables(documents), *disposition_tables],
    )
