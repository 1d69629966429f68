"""Attendance (daftar hadir): QR check-in on site, a small form for guests without an account, and a
personal signed link per invitee for online meetings. Every check-in is idempotent and audited.

* The QR shown on the organiser's screen carries a signed token that expires after
  `QR_TOKEN_MAX_AGE` (the screen renews it); anyone who photographs an old QR cannot check in later.
* The personal link names the meeting and the invitee, signed; it works from an hour before the
  meeting until two hours after it, records the attendance and opens the online room.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import require
from lontar.meetings.models import Attendance, CheckInMethod, Invitee, InviteeKind, Meeting
from lontar.meetings.permissions import CHECK_IN, MANAGE_MEETING

QR_SALT = "lontar.meetings.qr"
LINK_SALT = "lontar.meetings.link"
QR_TOKEN_MAX_AGE = timedelta(minutes=30)
# The screen renews the QR this often, well within its validity.
QR_REFRESH_SECONDS = 300
LINK_OPENS_BEFORE = timedelta(hours=1)
LINK_CLOSES_AFTER = timedelta(hours=2)


def qr_token(meeting: Meeting) -> str:
    return signing.TimestampSigner(salt=QR_SALT).sign(str(meeting.pk))


def qr_url(meeting: Meeting) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("meetings:checkin", args=[qr_token(meeting)])


def read_qr_token(token: str) -> Meeting:
    """The meeting a QR token names, or a clear refusal (expired, forged, meeting called off)."""
    try:
        pk = signing.TimestampSigner(salt=QR_SALT).unsign(token, max_age=QR_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("Kode QR ini sudah kedaluwarsa. Pindai kode QR terbaru di layar rapat."), code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("Kode QR tidak sah."), code="invalid") from exc
    meeting = Meeting.objects.select_related("organisation").filter(pk=pk).first()
    if meeting is None:
        raise ValidationError(_("Kode QR tidak sah."), code="invalid")
    if meeting.is_cancelled:
        raise ValidationError(_("Rapat ini dibatalkan."), code="cancelled")
    return meeting


def _record(
    meeting, *, invitee, user, name, institution, method, actor, actor_label=""
) -> tuple[Attendance, bool]:
    existing = None
    if user is not None:
        existing = meeting.attendances.filter(user=user).first()
    if existing is None and invitee is not None:
        existing = meeting.attendances.filter(invitee=invitee).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                organisation=meeting.organisation,
                meeting=meeting,
                invitee=invitee,
                user=user,
                name=name[:150],
                institution=institution[:200],
                method=method,
                checked_in_at=timezone.now(),
            )
            audit.record(
                actor=actor,
                action="meetings.meeting.check_in",
                obj=meeting,
                after={"name": attendance.name, "institution": attendance.institution, "method": method},
                actor_label=actor_label,
            )
    except IntegrityError:
        # A second tap raced the first: the first one counts.
        lookup = {"user": user} if user is not None else {"invitee": invitee}
        return meeting.attendances.get(**lookup), False
    return attendance, True


def check_in_by_qr(*, actor, token: str) -> tuple[Meeting, Attendance, bool]:
    """The signed-in user who scanned the QR is present (a second scan changes nothing)."""
    meeting = read_qr_token(token)
    require(actor, CHECK_IN, organisation=meeting.organisation)
    invitee = meeting.invitees.filter(user=actor).first()
    staff = getattr(actor, "staff", None)
    name = staff.full_name if staff is not None else actor.display_name
    institution = staff.unit.name if staff is not None and staff.unit_id else ""
    attendance, created = _record(
        meeting,
        invitee=invitee,
        user=actor,
        name=name,
        institution=institution,
        method=CheckInMethod.QR,
        actor=actor,
    )
    return meeting, attendance, created


def check_in_guest(*, token: str, name: str, institution: str) -> tuple[Meeting, Attendance, bool]:
    """A guest without an account writes their name and institution after scanning the QR."""
    meeting = read_qr_token(token)
    name, institution = (name or "").strip(), (institution or "").strip()
    errors = {}
    if len(name) < 3:
        errors["name"] = _("Tuliskan nama lengkap Anda.")
    if not institution:
        errors["institution"] = _("Tuliskan instansi atau jabatan Anda.")
    if errors:
        raise ValidationError(errors)
    invitee = (
        meeting.invitees.filter(kind=InviteeKind.GUEST, name__iexact=name)
        .exclude(pk__in=meeting.attendances.filter(invitee__isnull=False).values("invitee_id"))
        .first()
    )
    if (
        invitee is None
        and meeting.attendances.filter(
            user__isnull=True, name__iexact=name, institution__iexact=institution
        ).exists()
    ):
        return (
            meeting,
            meeting.attendances.filter(name__iexact=name, institution__iexact=institution).first(),
            False,
        )
    attendance, created = _record(
        meeting,
        invitee=invitee,
        user=None,
        name=name,
        institution=institution,
        method=CheckInMethod.GUEST_FORM,
        actor=None,
        actor_label=f"{name} ({institution})",
    )
    return meeting, attendance, created


def link_token(meeting: Meeting, invitee: Invitee) -> str:
    return signing.dumps({"m": meeting.pk, "i": invitee.pk}, salt=LINK_SALT, compress=True)


def personal_link(meeting: Meeting, invitee: Invitee) -> str:
    if not meeting.is_online:
        return ""
    return settings.SITE_URL.rstrip("/") + reverse(
        "meetings:online_checkin", args=[link_token(meeting, invitee)]
    )


def check_in_by_link(*, token: str) -> tuple[Meeting, Attendance]:
    """An invitee opens their personal link: attendance is recorded, then the online room opens."""
    try:
        data = signing.loads(token, salt=LINK_SALT)
        meeting_pk, invitee_pk = int(data["m"]), int(data["i"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_("Tautan hadir tidak sah."), code="invalid") from exc
    invitee = (
        Invitee.objects.select_related("meeting__organisation")
        .filter(pk=invitee_pk, meeting_id=meeting_pk)
        .first()
    )
    if invitee is None:
        raise ValidationError(_("Tautan hadir tidak sah."), code="invalid")
    meeting = invitee.meeting
    if meeting.is_cancelled:
        raise ValidationError(_("Rapat ini dibatalkan."), code="cancelled")
    if not meeting.is_online:
        raise ValidationError(_("Rapat ini tidak diselenggarakan secara daring."), code="not_online")
    now = timezone.now()
    if now < meeting.starts_at - LINK_OPENS_BEFORE:
        raise ValidationError(
            _("Rapat belum dimulai. Tautan ini dapat dipakai mulai satu jam sebelum rapat."), code="early"
        )
    if now > meeting.ends_at + LINK_CLOSES_AFTER:
        raise ValidationError(_("Rapat sudah selesai."), code="late")
    attendance, _created = _record(
        meeting,
        invitee=invitee,
        user=invitee.user,
        name=invitee.name,
        institution=invitee.institution,
        method=CheckInMethod.LINK,
        actor=None,
        actor_label=invitee.name,
    )
    return meeting, attendance


def record_present(*, actor, meeting: Meeting, invitee: Invitee) -> Attendance:
    """The organiser marks an invitee present by hand (a phone without a camera, a late guest)."""
    require(actor, MANAGE_MEETING, meeting)
    if invitee.meeting_id != meeting.pk:
        raise ValidationError(_("Peserta bukan undangan rapat ini."))
    attendance, _created = _record(
        meeting,
        invitee=invitee,
        user=invitee.user,
        name=invitee.name,
        institution=invitee.institution,
        method=CheckInMethod.MANUAL,
        actor=actor,
    )
    return attendance
