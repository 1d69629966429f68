"""Counter visits: booking online, walk-in tickets, and the front desk's queue (check in, call, served,
no-show).

Every number and every place is taken under the row lock of the office's `DailyCounter` for the day
(created first if missing, race-free), and the quota, slot and one-booking-per-phone checks run after
the lock is held: two citizens booking the last place at the same moment queue on that row, and the
second one sees the first one's booking. A refusal rolls the whole transaction back, so it takes no
queue number and leaves no row behind.

Citizens act without an account (actor=None); the audit trail names them by the name they gave.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services import numbers
from lontar.public_services.models import DailyCounter, Visit, VisitStatus
from lontar.public_services.permissions import MANAGE_VISITS
from lontar.public_services.selectors import visits as selectors
from lontar.public_services.services import visit_notices
from lontar.public_services.validators import clean_phone

AUDITED = ["service", "day", "slot_start", "queue_number", "name", "is_walk_in", "status", "application"]


def _refuse(field: str, message: str, code: str) -> ValidationError:
    """A refusal shown on the form's `field`, with a code tests and callers can rely on."""
    return ValidationError({field: ValidationError(message, code=code)})


def normalise_phone(value: str) -> str:
    """ "0812-3456-7890" → "+6281234567890", the one format phone numbers are kept in (applications use
    the same `clean_phone`); refused on the form's phone field when it cannot be an Indonesian number."""
    try:
        return clean_phone(value)
    except ValidationError:
        raise _refuse(
            "phone", _("Nomor telepon tidak valid. Tulis seperti 081234567890 atau +6281234567890."), "phone"
        ) from None


def citizen_label(visit: Visit) -> str:
    return _("Pemohon: %(nama)s") % {"nama": visit.name}


def _lock_day(organisation, day: dt.date) -> DailyCounter:
    """The day's counter row, locked until the transaction ends (created first when missing)."""
    DailyCounter.objects.bulk_create(
        [DailyCounter(organisation=organisation, day=day)], ignore_conflicts=True
    )
    return DailyCounter.objects.select_for_update().get(organisation=organisation, day=day)


def _new_visit(counter: DailyCounter, **fields) -> Visit:
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    code = numbers.new_visit_code()
    while Visit.objects.filter(code=code).exists():  # 31**8 codes: a repeat is all but impossible
        code = numbers.new_visit_code()
    return Visit.objects.create(
        organisation=counter.organisation,
        day=counter.day,
        queue_number=counter.last_number,
        code=code,
        **fields,
    )


def _check_service_books(service) -> None:
    if not (service.is_active and service.is_published and service.accepts_booking):
        raise ValidationError(_("Layanan ini tidak menerima pemesanan antrean loket."), code="no_booking")


def _check_day(service, day: dt.date) -> None:
    refusal = selectors.day_refusal(service, day)
    if refusal:
        raise _refuse("day", refusal, "day_closed")


def _check_slot(service, day: dt.date, slot_start: dt.time | None) -> None:
    settings = selectors.counter_settings(service.organisation)
    if slot_start not in selectors.slot_starts(settings):
        raise _refuse("slot_start", _("Pilih salah satu sesi yang tersedia."), "slot")
    if selectors.slot_has_started(service.organisation, day, slot_start):
        message = _("Sesi %(jam)s sudah dimulai. Pilih sesi berikutnya.") % {"jam": f"{slot_start:%H.%M}"}
        raise _refuse("slot_start", message, "slot_started")


def book_visit(
    *, service, day: dt.date, slot_start: dt.time, name: str, phone: str, email: str = ""
) -> Visit:
    """A citizen books a counter visit: one place of the service's daily quota and of the session."""
    name = " ".join((name or "").split())
    if not name:
        raise _refuse("name", _("Nama wajib diisi."), "required")
    phone = normalise_phone(phone)
    _check_service_books(service)
    _check_day(service, day)
    _check_slot(service, day, slot_start)
    organisation = service.organisation
    settings = selectors.counter_settings(organisation)
    with transaction.atomic():
        counter = _lock_day(organisation, day)
        if Visit.objects.filter(service=service, day=day, phone=phone, status__in=selectors.HOLDING).exists():
            message = _(
                "Nomor telepon ini sudah memesan antrean layanan ini pada %(tanggal)s. Satu nomor hanya "
                "dapat memesan satu antrean per layanan per hari."
            ) % {"tanggal": selectors.day_text(day)}
            raise _refuse("phone", message, "duplicate")
        booked = Visit.objects.filter(
            service=service, day=day, is_walk_in=False, status__in=selectors.HOLDING
        ).count()
        if booked >= service.daily_quota:
            message = _("Kuota antrean %(layanan)s pada %(tanggal)s sudah penuh. Pilih hari lain.") % {
                "layanan": service.name,
                "tanggal": selectors.day_text(day),
            }
            raise _refuse("day", message, "quota_full")
        in_slot = Visit.objects.filter(
            organisation=organisation, day=day, slot_start=slot_start, status__in=selectors.HOLDING
        ).count()
        if in_slot >= settings.visits_per_slot:
            message = _("Sesi %(jam)s sudah penuh. Pilih sesi lain.") % {"jam": f"{slot_start:%H.%M}"}
            raise _refuse("slot_start", message, "slot_full")
        visit = _new_visit(
            counter,
            service=service,
            slot_start=slot_start,
            name=name,
            phone=phone,
            email=(email or "").strip(),
        )
        audit.record(
            actor=None,
            action="public_services.visit.book",
            obj=visit,
            after=audit.snapshot(visit, AUDITED),
            actor_label=citizen_label(visit),
        )
        visit_notices.queue_confirmation(visit)
    return visit


def cancel_visit(*, visit: Visit, phone: str = "", actor=None) -> Visit:
    """The citizen cancels a booking until its session starts, confirming with the phone number used
    to book (the code alone, seen over a shoulder, is not enough); the front desk cancels any booking
    not yet served."""
    if actor is not None:
        require(actor, MANAGE_VISITS, visit)
    else:
        try:
            given = normalise_phone(phone)
        except ValidationError:
            given = ""
        if not given or given != visit.phone:
            raise _refuse("phone", _("Nomor telepon tidak cocok dengan pemesanan ini."), "phone_mismatch")
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        allowed = (VisitStatus.BOOKED,) if actor is None else selectors.WAITING
        if locked.status not in allowed:
            raise ValidationError(
                _("Antrean ini tidak dapat dibatalkan lagi (status: %(status)s).")
                % {"status": locked.get_status_display()},
                code="not_cancellable",
            )
        if (
            actor is None
            and locked.slot_start
            and selectors.slot_has_started(locked.organisation, locked.day, locked.slot_start)
        ):
            raise ValidationError(
                _("Sesi kunjungan sudah dimulai; pembatalan hanya dapat dilakukan sebelum sesi dimulai."),
                code="started",
            )
        _set_status(locked, VisitStatus.CANCELLED, actor=actor, action="public_services.visit.cancel")
    visit.refresh_from_db()
    return visit


def _set_status(visit: Visit, status: str, *, actor, action: str, **fields) -> None:
    before = audit.snapshot(visit, AUDITED)
    visit.status = status
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.save(update_fields=["status", *fields])
    audit.record(
        actor=actor,
        action=action,
        obj=visit,
        before=before,
        after=audit.snapshot(visit, AUDITED),
        actor_label="" if actor else citizen_label(visit),
    )


def walk_in_ticket(*, actor, service, name: str = "", phone: str = "") -> Visit:
    """The front desk gives a visitor who came without booking today's next queue number. Walk-ins
    do not use the online quota or sessions: they are served in order of arrival."""
    require(actor, MANAGE_VISITS, organisation=service.organisation)
    if not service.is_active:
        raise ValidationError(_("Layanan ini sedang tidak dibuka."), code="service_closed")
    phone = normalise_phone(phone) if (phone or "").strip() else ""
    today = organisation_today(service.organisation)
    with transaction.atomic():
        counter = _lock_day(service.organisation, today)
        visit = _new_visit(
            counter,
            service=service,
            name=" ".join((name or "").split()),
            phone=phone,
            is_walk_in=True,
            status=VisitStatus.CHECKED_IN,
        )
        audit.record(
            actor=actor,
            action="public_services.visit.walk_in",
            obj=visit,
            after=audit.snapshot(visit, AUDITED),
        )
    return visit


def _staff_change(*, actor, visit: Visit, allowed, status: str, action: str, **fields) -> Visit:
    require(actor, MANAGE_VISITS, visit)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.day != organisation_today(locked.organisation):
            raise ValidationError(
                _("Antrean %(nomor)s untuk %(tanggal)s, bukan hari ini.")
                % {"nomor": selectors.ticket_label(locked), "tanggal": selectors.day_text(locked.day)},
                code="not_today",
            )
        if locked.status not in allowed:
            raise ValidationError(
                _("Antrean %(nomor)s berstatus “%(status)s”; langkah ini tidak dapat dilakukan.")
                % {"nomor": selectors.ticket_label(locked), "status": locked.get_status_display()},
                code="status",
            )
        _set_status(locked, status, actor=actor, action=action, **fields)
    visit.refresh_from_db()
    return visit


def check_in(*, actor, visit: Visit) -> Visit:
    """A citizen with a booking arrives at the office."""
    return _staff_change(
        actor=actor,
        visit=visit,
        allowed=(VisitStatus.BOOKED,),
        status=VisitStatus.CHECKED_IN,
        action="public_services.visit.check_in",
    )


def _call_order(visit: Visit, office_tz) -> tuple:
    """Booked visitors are due from the start of their session, walk-ins from their arrival."""
    if visit.slot_start is not None:
        due = dt.datetime.combine(visit.day, visit.slot_start, tzinfo=office_tz)
    else:
        due = visit.created_at.astimezone(office_tz)
    return (due, visit.queue_number)


def call_next(*, actor, organisation) -> Visit | None:
    """Call the ticket that has waited longest: checked in, or booked for the session under way.
    Calls from two desks at once queue on the day's counter row, so each calls a different ticket."""
    require(actor, MANAGE_VISITS, organisation=organisation)
    now = selectors.office_now(organisation)
    settings = selectors.counter_settings(organisation)
    current = [
        start
        for start in selectors.slot_starts(settings)
        if start <= now.time().replace(tzinfo=None) < selectors.slot_end(settings, start)
    ]
    with transaction.atomic():
        _lock_day(organisation, now.date())
        candidates = [
            visit
            for visit in Visit.objects.filter(
                organisation=organisation, day=now.date(), status__in=selectors.WAITING
            )
            if visit.status == VisitStatus.CHECKED_IN or visit.slot_start in current
        ]
        if not candidates:
            return None
        visit = min(candidates, key=lambda v: _call_order(v, now.tzinfo))
        _set_status(
            visit,
            VisitStatus.CALLED,
            actor=actor,
            action="public_services.visit.call",
            called_at=timezone.now(),
            served_by=actor,
        )
    return visit


def mark_served(*, actor, visit: Visit, application=None) -> Visit:
    """The visitor was served; `application` is the one registered for them at the counter."""
    if application is not None and application.organisation_id != visit.organisation_id:
        raise ValidationError(_("Permohonan ini bukan dari kantor antrean ini."), code="other_office")
    return _staff_change(
        actor=actor,
        visit=visit,
        allowed=(VisitStatus.BOOKED, VisitStatus.CHECKED_IN, VisitStatus.CALLED),
        status=VisitStatus.SERVED,
        action="public_services.visit.serve",
        served_by=actor,
        application=application if application is not None else visit.application,
    )


def mark_no_show(*, actor, visit: Visit) -> Visit:
    return _staff_change(
        actor=actor,
        visit=visit,
        allowed=(VisitStatus.BOOKED, VisitStatus.CHECKED_IN, VisitStatus.CALLED),
        status=VisitStatus.NO_SHOW,
        action="public_services.visit.no_show",
    )
