"""The invitation (surat undangan) as an outgoing document, and its delivery to the invitees.

The letter is drafted through the correspondence services from the meeting (hari/tanggal, waktu,
tempat or link, acara) and then follows the office's normal paraf chain and signing. When it is
*sent* (correspondence calls the hook meetings registers with `register_sent_hook`),
meetings delivers it to the invitees: staff in their Lontar inbox, everyone with an e-mail address
an e-mail carrying the .ics (METHOD:REQUEST). Correspondence mails outside recipients the signed PDF
itself; it has no way to attach more files to that e-mail, so the .ics travels in meetings' own
e-mail (decision 0027).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from lontar.assets.bookings import timing
from lontar.core import audit
from lontar.core.background import enqueue_on_commit
from lontar.core.documents.rendering import indonesian_date
from lontar.core.notifications.services import notify
from lontar.core.permissions import require
from lontar.correspondence.models.outgoing import OutgoingStatus, OutgoingType, RecipientRole
from lontar.correspondence.services import outgoing as correspondence
from lontar.meetings import ical
from lontar.meetings.models import InviteeKind, Meeting
from lontar.meetings.permissions import MANAGE_MEETING

logger = logging.getLogger(__name__)


def _when(meeting: Meeting) -> tuple[str, str]:
    start = timing.local(meeting.starts_at, meeting.organisation)
    end = timing.local(meeting.ends_at, meeting.organisation)
    zone = timing.zone_label(meeting.organisation)
    day = indonesian_date(start.date())
    weekday = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][start.weekday()]
    return f"{weekday}, {day}", f"{start:%H.%M} s.d. {end:%H.%M} {zone}"


def invitation_body(meeting: Meeting) -> str:
    """The letter's text from the meeting, in the shape of the office's undangan template."""
    day, hours = _when(meeting)
    place_lines = []
    if meeting.is_onsite:
        place_lines.append(escape(meeting.location_text.split("; daring:")[0] or meeting.place))
    if meeting.is_online:
        place_lines.append(f"Daring melalui {escape(meeting.online_url)}")
    agenda = "<br>".join(escape(line) for line in meeting.agenda.splitlines() if line.strip())
    rows = [
        ("hari, tanggal", escape(day)),
        ("waktu", escape(hours)),
        ("tempat", "<br>".join(place_lines)),
        ("acara", agenda),
    ]
    table = "".join(f"<tr><td>{k}</td><td>:</td><td>{v}</td></tr>" for k, v in rows)
    staff = [i for i in meeting.invitees.all() if i.kind == InviteeKind.STAFF]
    guests = [i for i in meeting.invitees.all() if i.kind == InviteeKind.GUEST]
    people = "".join(
        f"<li>{escape(i.name)}{' (' + escape(i.institution) + ')' if i.institution else ''}</li>"
        for i in [*staff, *guests]
    )
    return (
        "<p>Dengan hormat,</p><p>Mengharap kehadiran Bapak/Ibu/Saudara pada:</p>"
        f"<table>{table}</table>"
        f"<p>Pimpinan rapat: {escape(meeting.chair.display_name)}.</p>"
        "<p>Mengingat pentingnya acara tersebut, kehadiran tepat waktu sangat diharapkan.</p>"
        f"<p>Daftar undangan:</p><ol>{people}</ol>"
        "<p>Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.</p>"
    )


def _recipients(meeting: Meeting) -> list[correspondence.RecipientInput]:
    recipients = [
        correspondence.RecipientInput(
            RecipientRole.TO, name=f"{g.name}{', ' + g.institution if g.institution else ''}", email=g.email
        )
        for g in meeting.invitees.all()
        if g.kind == InviteeKind.GUEST
    ]
    if any(i.kind == InviteeKind.STAFF for i in meeting.invitees.all()):
        recipients.insert(
            0,
            correspondence.RecipientInput(
                RecipientRole.TO,
                name=_("Peserta rapat di lingkungan %(office)s") % {"office": meeting.organisation},
            ),
        )
    return recipients


def draft_invitation(*, actor, meeting: Meeting):
    """Draft the surat undangan from the meeting and link it. The organiser then submits it for paraf
    and signature on the correspondence screens; the number is taken when it is signed."""
    require(actor, MANAGE_MEETING, meeting)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.is_cancelled:
            raise ValidationError(_("Rapat yang dibatalkan tidak diundang."))
        if locked.invitation_id is not None:
            raise ValidationError(_("Surat undangan rapat ini sudah dibuat."))
        if not locked.invitees.exists():
            raise ValidationError(_("Tambahkan peserta rapat sebelum membuat surat undangan."))
        document = correspondence.create_draft(
            actor=actor,
            organisation=locked.organisation,
            document_type=OutgoingType.UNDANGAN,
            recipients=_recipients(locked),
            subject=_("Undangan %(title)s") % {"title": locked.title},
            body_html=invitation_body(locked),
        )
        locked.invitation = document
        locked.save(update_fields=["invitation", "updated_at"])
        audit.record(
            actor=actor,
            action="meetings.meeting.invitation",
            obj=locked,
            after={"invitation": document.pk, "subject": document.subject},
        )
    meeting.refresh_from_db()
    return document


def on_invitation_sent(document) -> None:
    """Called by correspondence inside the sending transaction of every outgoing document."""
    for meeting_id in Meeting.objects.filter(invitation_id=document.pk).values_list("pk", flat=True):
        from lontar.meetings.tasks import deliver_meeting_invitations

        enqueue_on_commit(deliver_meeting_invitations, meeting_id)


def _email_ics(meeting: Meeting, invitee, *, method: str, subject: str, body: str, attach_pdf: bool) -> None:
    base = settings.SITE_URL.rstrip("/")
    url = base + reverse("meetings:detail", args=[meeting.pk]) if base and invitee.user_id else ""
    message = EmailMessage(
        subject=subject[:200],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitee.email],
        reply_to=[meeting.organisation.email] if meeting.organisation.email else None,
    )
    data = ical.meeting_ics(meeting, invitees=meeting.invitees.all(), method=method, url=url)
    message.attach("undangan-rapat.ics", data, f"text/calendar; method={method}; charset=UTF-8")
    issued = meeting.invitation.issued_document if meeting.invitation_id else None
    if attach_pdf and issued is not None and invitee.kind == InviteeKind.STAFF:
        # Outside guests already got the signed PDF from correspondence's own e-mail.
        with issued.file.open("rb") as handle:
            message.attach(f"{issued.number.replace('/', '-')}.pdf", handle.read(), "application/pdf")
    message.send()


def _personal_text(meeting: Meeting, invitee) -> str:
    from lontar.meetings.services.attendance import personal_link

    day, hours = _when(meeting)
    lines = [
        f"Yth. {invitee.name},",
        f"{meeting.organisation.name} mengundang Bapak/Ibu/Saudara pada rapat “{meeting.title}”,",
        f"{day} pukul {hours}.",
    ]
    if meeting.location_text:
        lines.append(f"Tempat: {meeting.location_text}")
    if meeting.is_online:
        link = personal_link(meeting, invitee)
        if link:
            lines.append(f"Tautan hadir pribadi (mencatat kehadiran lalu membuka rapat daring): {link}")
    lines.append("Berkas .ics terlampir untuk dimasukkan ke kalender Anda.")
    return "\n\n".join(lines)


def deliver_invitations(*, meeting_id: int) -> int:
    """After the invitation was sent: every staff invitee gets it in the Lontar inbox; everyone with
    an e-mail address gets an e-mail with the .ics. Claimed once (a second run sends nothing)."""
    with transaction.atomic():
        claimed = Meeting.objects.filter(
            pk=meeting_id, invitations_sent_at__isnull=True, invitation__status=OutgoingStatus.SENT
        ).update(invitations_sent_at=timezone.now())
        if not claimed:
            return 0
        meeting = Meeting.objects.select_related(
            "organisation", "invitation__issued_document", "organiser"
        ).get(pk=meeting_id)
        url = reverse("meetings:detail", args=[meeting.pk])
        for invitee in meeting.invitees.filter(user__isnull=False).select_related("user"):
            notify(
                recipient=invitee.user,
                organisation=meeting.organisation,
                title=_("Undangan rapat: %(title)s") % {"title": meeting.title},
                body=_("Nomor %(number)s. %(when)s")
                % {"number": meeting.invitation.number, "when": " ".join(_when(meeting))},
                url=url,
            )
        audit.record(
            actor=None,
            action="meetings.meeting.invitations_delivered",
            obj=meeting,
            after={"invitation": meeting.invitation.number, "invitees": meeting.invitees.count()},
        )
    sent = 0
    for invitee in meeting.invitees.exclude(email=""):
        try:
            _email_ics(
                meeting,
                invitee,
                method="REQUEST",
                subject=f"Undangan rapat: {meeting.title} ({meeting.invitation.number})",
                body=_personal_text(meeting, invitee),
                attach_pdf=True,
            )
            sent += 1
        except Exception:
            logger.exception("Meeting %s: invitation e-mail to invitee %s failed", meeting.pk, invitee.pk)
    return sent


def queue_update(meeting: Meeting) -> None:
    from lontar.meetings.tasks import send_meeting_update

    enqueue_on_commit(send_meeting_update, meeting.pk, meeting.sequence)


def send_update(*, meeting_id: int, sequence: int) -> int:
    """Tell e-mail invitees of a moved or cancelled meeting (new REQUEST or CANCEL, same UID)."""
    meeting = Meeting.objects.select_related("organisation", "organiser").filter(pk=meeting_id).first()
    if meeting is None or meeting.sequence != sequence or meeting.invitations_sent_at is None:
        return 0
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    day, hours = _when(meeting)
    if meeting.is_cancelled:
        subject = f"Rapat dibatalkan: {meeting.title}"
        body = f"Rapat “{meeting.title}” ({day} {hours}) dibatalkan. Alasan: {meeting.cancel_reason}"
    else:
        subject = f"Perubahan jadwal rapat: {meeting.title}"
        body = f"Rapat “{meeting.title}” kini {day} pukul {hours}. Tempat: {meeting.location_text}"
    sent = 0
    for invitee in meeting.invitees.exclude(email=""):
        try:
            _email_ics(meeting, invitee, method=method, subject=subject, body=body, attach_pdf=False)
            sent += 1
        except Exception:
            logger.exception("Meeting %s: update e-mail to invitee %s failed", meeting.pk, invitee.pk)
    return sent
