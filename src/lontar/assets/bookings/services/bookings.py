"""Requesting, deciding, cancelling and closing bookings. Every write: one transaction, a permission
check through `lontar.core.permissions`, an audit entry (workflow transitions audit themselves).

No double booking: the request locks the resource row, looks for an active booking that overlaps and
refuses with a message naming it; on PostgreSQL the exclusion constraint `booking_no_overlap` also
holds for any other writer, and its violation is turned into the same message.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assets.bookings import timing
from lontar.assets.bookings.models import ACTIVE_STATUSES, Booking, Resource
from lontar.assets.bookings.permissions import (
    APPROVE_BOOKING,
    CANCEL_BOOKING,
    RECORD_RETURN,
    REQUEST_BOOKING,
    units_of,
)
from lontar.core import audit
from lontar.core.models import Membership, Role, Staff
from lontar.core.notifications.services import notify
from lontar.core.permissions import authorize, require
from lontar.core.workdays.calendar import WorkCalendar
from lontar.core.workflow.services import transition

MAX_DURATION = timedelta(days=14)
AUDITED = [
    "resource",
    "requested_by",
    "unit",
    "starts_at",
    "ends_at",
    "purpose",
    "attendees_count",
    "on_non_working_day",
    "destination",
    "driver",
    "source_type",
    "source_id",
]


def conflict_message(resource: Resource, clash: Booking) -> str:
    return _(
        "%(resource)s sudah dipinjam pada %(when)s untuk “%(purpose)s” (%(reference)s, %(status)s, "
        "pemohon %(name)s). Pilih waktu lain atau ruang/kendaraan lain."
    ) % {
        "resource": resource,
        "when": timing.format_span(clash.starts_at, clash.ends_at, resource.organisation),
        "purpose": clash.purpose,
        "reference": clash.reference,
        "status": clash.get_status_display().lower(),
        "name": clash.requested_by.display_name,
    }


def _first_conflict(resource: Resource, starts_at: datetime, ends_at: datetime, *, exclude_pk=None):
    return (
        Booking.objects.filter(resource=resource, status__in=ACTIVE_STATUSES)
        .overlapping(starts_at, ends_at)
        .exclude(pk=exclude_pk)
        .select_related("requested_by", "requested_by__staff")
        .order_by("starts_at")
        .first()
    )


def _approvers(resource: Resource):
    """Who is told about a new request: the section heads of the managing unit, else the Sekcam
    (the Camat when the office has no Sekcam)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    org = resource.organisation
    if resource.manager_unit_id:
        heads = user_model.objects.filter(
            is_active=True,
            memberships__organisation=org,
            memberships__role=Role.SECTION_HEAD,
            memberships__is_active=True,
            staff__unit_id=resource.manager_unit_id,
        ).distinct()
        if heads.exists():
            return list(heads)
    for role in (Role.SECRETARY, Role.HEAD):
        ids = Membership.objects.filter(organisation=org, role=role, is_active=True).values_list("user_id")
        users = list(user_model.objects.filter(pk__in=ids, is_active=True))
        if users:
            return users
    return []


def _check_request(resource, starts_at, ends_at, purpose, attendees_count, destination):
    org = resource.organisation
    if not resource.is_active:
        raise ValidationError(_("%(resource)s sedang tidak dapat dipinjam.") % {"resource": resource})
    if starts_at is None or ends_at is None:
        raise ValidationError(_("Waktu mulai dan selesai wajib diisi."))
    starts_at, ends_at = timing.aware(starts_at, org), timing.aware(ends_at, org)
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("Waktu selesai harus sesudah waktu mulai.")
    elif ends_at - starts_at > MAX_DURATION:
        errors["ends_at"] = _(
            "Peminjaman paling lama 14 hari; ajukan beberapa kali untuk waktu yang lebih panjang."
        )
    elif ends_at <= timezone.now():
        errors["starts_at"] = _("Waktu tersebut sudah lewat; pilih waktu yang akan datang.")
    purpose = (purpose or "").strip()
    if not purpose:
        errors["purpose"] = _("Keperluan wajib diisi.")
    if attendees_count is not None:
        if attendees_count < 1:
            errors["attendees_count"] = _("Jumlah peserta paling sedikit 1.")
        elif resource.is_vehicle and resource.seats and attendees_count > resource.seats:
            errors["attendees_count"] = _("%(resource)s hanya memuat %(n)s orang termasuk pengemudi.") % {
                "resource": resource,
                "n": resource.seats,
            }
        elif not resource.is_vehicle and resource.capacity and attendees_count > resource.capacity:
            errors["attendees_count"] = _("%(resource)s hanya menampung %(n)s orang.") % {
                "resource": resource,
                "n": resource.capacity,
            }
    destination = (destination or "").strip()
    if resource.is_vehicle and not destination:
        errors["destination"] = _("Tujuan perjalanan wajib diisi untuk peminjaman kendaraan.")
    if errors:
        raise ValidationError(errors)
    return starts_at, ends_at, purpose, destination


def request_booking(
    *,
    actor,
    resource: Resource,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    attendees_count: int | None = None,
    source=None,
    destination: str = "",
    driver: Staff | None = None,
) -> Booking:
    """Ask for `resource` from `starts_at` to `ends_at` (naive values are the office's wall-clock time).

    Refused with a ValidationError naming the clashing booking when an active one overlaps. Approved
    at once when the resource approves automatically. `source` is the object that caused the booking
    (a meeting ...), kept as a generic reference."""
    require(actor, REQUEST_BOOKING, organisation=resource.organisation)
    org = resource.organisation
    starts_at, ends_at, purpose, destination = _check_request(
        resource, starts_at, ends_at, purpose, attendees_count, destination
    )
    if driver is not None and driver.organisation_id != org.pk:
        raise ValidationError({"driver": _("Pilih pengemudi dari pegawai kantor ini.")})
    if driver is None and resource.is_vehicle:
        driver = resource.default_driver
    calendar = WorkCalendar(org)
    off_day = any(not calendar.is_working_day(day) for day in timing.local_days(starts_at, ends_at, org))
    units = units_of(actor, org)
    staff_unit = Staff.objects.filter(user=actor, organisation=org).values_list("unit_id", flat=True).first()
    unit_id = staff_unit or (min(units) if units else None)

    with transaction.atomic():
        # Serialises requests for this resource (PostgreSQL row lock; SQLite holds the write lock).
        locked = Resource.objects.select_for_update().get(pk=resource.pk)
        clash = _first_conflict(locked, starts_at, ends_at)
        if clash is not None:
            raise ValidationError(conflict_message(locked, clash), code="conflict")
        booking = Booking(
            organisation=org,
            resource=locked,
            requested_by=actor,
            unit_id=unit_id,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=purpose[:255],
            attendees_count=attendees_count,
            on_non_working_day=off_day,
            destination=destination[:255] if locked.is_vehicle else "",
            driver=driver if locked.is_vehicle else None,
        )
        if source is not None:
            booking.source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
            booking.source_id = str(source.pk)
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as exc:
            clash = _first_conflict(locked, starts_at, ends_at)
            if clash is not None:
                raise ValidationError(conflict_message(locked, clash), code="conflict") from exc
            raise
        audit.record(
            actor=actor, action="bookings.booking.create", obj=booking, after=audit.snapshot(booking, AUDITED)
        )
        if locked.auto_approve:
            transition(obj=booking, name="approve", actor=None, note=_("Disetujui otomatis (tanpa bentrok)."))
            booking.decided_at = timezone.now()
            booking.save(update_fields=["decided_at"])
        else:
            url = reverse("bookings:booking_detail", args=[booking.pk])
            for approver in _approvers(locked):
                if approver.pk == actor.pk:
                    continue
                notify(
                    recipient=approver,
                    title=_("Permohonan peminjaman %(resource)s menunggu persetujuan") % {"resource": locked},
                    body=_("%(name)s: %(purpose)s, %(when)s.")
                    % {
                        "name": actor.display_name,
                        "purpose": purpose,
                        "when": timing.format_span(starts_at, ends_at, org),
                    },
                    url=url,
                    organisation=org,
                )
    return booking


def _tell_requester(booking: Booking, title: str, body: str = "") -> None:
    notify(
        recipient=booking.requested_by,
        title=title,
        body=body,
        url=reverse("bookings:booking_detail", args=[booking.pk]),
        organisation=booking.organisation,
    )


def _decide(*, actor, booking: Booking, name: str, note: str) -> Booking:
    with transaction.atomic():
        transition(obj=booking, name=name, actor=actor, note=note)
        booking.decided_by = actor
        booking.decided_at = timezone.now()
        booking.decision_note = note
        booking.save(update_fields=["decided_by", "decided_at", "decision_note"])
        when = timing.format_span(booking.starts_at, booking.ends_at, booking.organisation)
        if actor.pk != booking.requested_by_id:
            if name == "approve":
                title = _("Peminjaman %(resource)s disetujui") % {"resource": booking.resource}
            else:
                title = _("Peminjaman %(resource)s ditolak") % {"resource": booking.resource}
            _tell_requester(booking, title, f"{booking.purpose}, {when}." + (f"\n{note}" if note else ""))
    return booking


def approve_booking(*, actor, booking: Booking, note: str = "") -> Booking:
    """The resource's manager agrees; the requester is told."""
    require(actor, APPROVE_BOOKING, booking)
    return _decide(actor=actor, booking=booking, name="approve", note=(note or "").strip())


def reject_booking(*, actor, booking: Booking, reason: str) -> Booking:
    """The resource's manager refuses, with a reason the requester reads; the slot is free again."""
    require(actor, APPROVE_BOOKING, booking)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
    return _decide(actor=actor, booking=booking, name="reject", note=reason)


def cancel_booking(*, actor, booking: Booking, reason: str = "") -> Booking:
    """The requester (or a manager) withdraws a pending or approved booking; the slot is free again."""
    require(actor, CANCEL_BOOKING, booking)
    reason = (reason or "").strip()
    if booking.requested_by_id != actor.pk and not reason:
        raise ValidationError({"reason": _("Sebutkan alasan pembatalan untuk pemohon.")})
    with transaction.atomic():
        transition(obj=booking, name="cancel", actor=actor, note=reason)
        booking.cancel_reason = reason
        booking.save(update_fields=["cancel_reason"])
        if actor.pk != booking.requested_by_id:
            _tell_requester(
                booking,
                _("Peminjaman %(resource)s dibatalkan") % {"resource": booking.resource},
                f"{booking.purpose}, "
                f"{timing.format_span(booking.starts_at, booking.ends_at, booking.organisation)}.\n{reason}",
            )
    return booking


def record_return(
    *,
    actor,
    booking: Booking,
    returned_at: datetime | None = None,
    odometer_start: int | None = None,
    odometer_end: int | None = None,
    note: str = "",
) -> Booking:
    """A vehicle came back: the trip is complete (odometer readings optional)."""
    require(actor, RECORD_RETURN, booking)
    if not booking.resource.is_vehicle:
        raise ValidationError(_("Pengembalian hanya dicatat untuk kendaraan dinas."))
    org = booking.organisation
    returned_at = timing.aware(returned_at, org) if returned_at else timezone.now()
    errors = {}
    if returned_at < booking.starts_at:
        errors["returned_at"] = _("Waktu kembali tidak boleh sebelum waktu berangkat.")
    if returned_at > timezone.now() + timedelta(minutes=5):
        errors["returned_at"] = _("Waktu kembali tidak boleh di masa depan.")
    if odometer_start is not None and odometer_end is not None and odometer_end < odometer_start:
        errors["odometer_end"] = _("Odometer kembali tidak boleh lebih kecil dari odometer berangkat.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        before = audit.snapshot(locked, ["returned_at", "odometer_start", "odometer_end", "return_note"])
        transition(obj=locked, name="complete", actor=actor, note=note)
        locked.returned_at = returned_at
        locked.odometer_start = odometer_start
        locked.odometer_end = odometer_end
        locked.return_note = (note or "").strip()
        # A completed booking no longer holds its slot: returned early, the rest is free for others.
        locked.save(update_fields=["returned_at", "odometer_start", "odometer_end", "return_note"])
        audit.record(
            actor=actor,
            action="bookings.booking.return",
            obj=locked,
            before=before,
            after=audit.snapshot(locked, ["returned_at", "odometer_start", "odometer_end", "return_note"]),
        )
    booking.refresh_from_db()
    return booking


def may_decide(user, booking: Booking) -> bool:
    return authorize(user, APPROVE_BOOKING, booking)
