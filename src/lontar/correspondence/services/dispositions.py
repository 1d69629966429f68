"""Dispositions: sending (and passing on), reading, withdrawing, reporting, completing; the
instruction list of each office; reminders before and escalation after a deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.files.services import store_upload
from lontar.core.models import Membership, Organisation, Position, PositionAssignment
from lontar.core.notifications.models import Channel
from lontar.core.notifications.services import notify
from lontar.core.permissions import require
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.core.workflow.services import transition
from lontar.correspondence.access_incoming import (
    DISPOSE,
    MANAGE_INSTRUCTIONS,
    MANAGE_SENT_DISPOSITION,
    RECEIVE_DISPOSITION,
    held_dispositions,
    is_top_holder,
)
from lontar.correspondence.models import (
    DEFAULT_INSTRUCTIONS,
    OPEN_DISPOSITION_STATES,
    Disposition,
    DispositionInstruction,
    DispositionReport,
    DispositionStatus,
    IncomingLetter,
    IncomingStatus,
)
from lontar.correspondence.services.incoming import _check_scans, reindex_letter

MAX_WORKING_DAYS = 60
MAX_RECIPIENTS = 30


# --- who acts where ---------------------------------------------------------------------------------
def acting_assignment(user, organisation, day: dt.date | None = None):
    """The position `user` acts in at `organisation` on `day` (Plh. before Plt. before definitive)."""
    staff = getattr(user, "staff", None)
    if staff is None:
        return None
    day = day or organisation_today(organisation)
    assignments = (
        PositionAssignment.objects.filter(staff=staff, organisation=organisation, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("position")
        .order_by("-position__is_unit_head", "position__order", "-kind")
    )
    for assignment in assignments:
        holder = assignment.position.holder_on(day)
        if holder is not None and holder.pk == assignment.pk:
            return assignment
    return None


def person_label(user, organisation, day: dt.date | None = None) -> str:
    """ "Plh. Kepala Seksi Pemerintahan (Nama)" — how a sender or recipient is written on the sheet."""
    assignment = acting_assignment(user, organisation, day)
    name = user.display_name
    if assignment is None:
        return name
    return f"{assignment.signature_prefix}{assignment.position.title} ({name})"


def unit_head(unit, day: dt.date | None = None):
    """The user acting as head of `unit` on `day` (Plt./Plh. included), or None."""
    day = day or organisation_today(unit.organisation)
    for position in Position.objects.filter(unit=unit, is_unit_head=True).order_by("order", "id"):
        holder = position.holder_on(day)
        if holder is not None and holder.staff.user_id and holder.staff.user.is_active:
            return holder.staff.user, f"{holder.signature_prefix}{position.title} ({holder.staff.full_name})"
    return None


# --- the instruction list ---------------------------------------------------------------------------
def seed_default_instructions(*, organisation) -> int:
    """Give an office the usual instruction list the first time it needs one. Idempotent."""
    if DispositionInstruction.objects.filter(organisation=organisation).exists():
        return 0
    with transaction.atomic():
        created = [
            DispositionInstruction.objects.get_or_create(
                organisation=organisation, text=str(text), defaults={"order": (number + 1) * 10}
            )[1]
            for number, text in enumerate(DEFAULT_INSTRUCTIONS)
        ]
        audit.record(
            actor=None,
            action="correspondence.instructions_seed",
            organisation=organisation,
            after={"instructions": [str(text) for text in DEFAULT_INSTRUCTIONS]},
        )
    return sum(created)


def _clean_instruction_text(organisation, text: str, exclude_pk=None) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Tulis bunyi instruksinya.")})
    clash = DispositionInstruction.objects.filter(organisation=organisation, text__iexact=text)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"text": _("Instruksi “%(text)s” sudah ada di daftar kantor ini.") % {"text": text}}
        )
    return text[:150]


def add_instruction(*, actor, organisation, text: str, order: int = 0) -> DispositionInstruction:
    require(actor, MANAGE_INSTRUCTIONS, organisation=organisation)
    text = _clean_instruction_text(organisation, text)
    with transaction.atomic():
        instruction = DispositionInstruction.objects.create(organisation=organisation, text=text, order=order)
        audit.record(
            actor=actor,
            action="correspondence.instruction_add",
            obj=instruction,
            after={"text": text, "order": order},
        )
    return instruction


def update_instruction(
    *, actor, instruction: DispositionInstruction, text: str, order: int, is_active: bool
) -> DispositionInstruction:
    require(actor, MANAGE_INSTRUCTIONS, instruction)
    text = _clean_instruction_text(instruction.organisation, text, exclude_pk=instruction.pk)
    fields = ["text", "order", "is_active"]
    with transaction.atomic():
        before = audit.snapshot(instruction, fields)
        instruction.text, instruction.order, instruction.is_active = text, order, is_active
        instruction.save(update_fields=fields)
        audit.record(
            actor=actor,
            action="correspondence.instruction_change",
            obj=instruction,
            before=before,
            after=audit.snapshot(instruction, fields),
        )
    return instruction


# --- sending ----------------------------------------------------------------------------------------
def _due_date(letter, *, due_date, working_days) -> dt.date | None:
    today = organisation_today(letter.organisation)
    if due_date is not None and working_days:
        raise ValidationError(
            {"due_date": _("Isi tenggat sebagai tanggal atau sebagai jumlah hari kerja, tidak keduanya.")}
        )
    if working_days:
        if working_days < 1 or working_days > MAX_WORKING_DAYS:
            raise ValidationError(
                {"working_days": _("Tenggat antara 1 dan %(max)s hari kerja.") % {"max": MAX_WORKING_DAYS}}
            )
        return add_working_days(today, working_days, organisation=letter.organisation)
    if due_date is not None and due_date < today:
        raise ValidationError({"due_date": _("Tenggat tidak boleh sebelum hari ini.")})
    return due_date


def _parent_for(actor, letter, parent):
    if parent is not None:
        if parent.letter_id != letter.pk or parent.recipient_id != actor.pk:
            raise PermissionDenied(DISPOSE)
        if parent.status not in OPEN_DISPOSITION_STATES:
            raise ValidationError(
                _("Disposisi yang sudah selesai atau ditarik tidak dapat diteruskan."), code="parent_closed"
            )
        return parent
    if is_top_holder(actor, letter):
        return None
    # A recipient passes on the disposition they hold.
    held = held_dispositions(actor, letter).order_by("-sent_at").first()
    if held is None:
        raise PermissionDenied(DISPOSE)
    return held


def _upstream_user_ids(parent) -> set[int]:
    """Everyone above in the branch: a disposition goes down, never back up to its senders."""
    ids = set()
    node = parent
    while node is not None:
        ids.add(node.sender_id)
        node = node.parent
    return ids


def _targets(*, actor, letter, recipients, units) -> list[tuple[object, str, object]]:
    """(user, label, unit) per recipient, units resolved to whoever heads them today."""
    organisation = letter.organisation
    targets: list[tuple[object, str, object]] = []
    seen: set[int] = set()
    for unit in units:
        if unit.organisation_id != organisation.pk:
            raise ValidationError({"units": _("Unit tujuan harus unit kantor ini.")})
        head = unit_head(unit)
        if head is None:
            raise ValidationError(
                {
                    "units": _(
                        "%(unit)s belum memiliki kepala atau Plt./Plh. yang menjabat hari ini; "
                        "pilih orangnya langsung."
                    )
                    % {"unit": unit.name}
                }
            )
        user, label = head
        if user.pk not in seen:
            seen.add(user.pk)
            targets.append((user, label, unit))
    members = set(
        Membership.objects.filter(
            organisation=organisation, is_active=True, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    for user in recipients:
        if user.pk not in members:
            raise ValidationError({"recipients": _("Penerima disposisi harus pegawai kantor ini.")})
        if user.pk not in seen:
            seen.add(user.pk)
            targets.append((user, person_label(user, organisation), None))
    return targets


def dispose(
    *,
    actor,
    letter: IncomingLetter,
    recipients: Iterable = (),
    units: Iterable = (),
    instructions: Iterable[DispositionInstruction] = (),
    note: str = "",
    due_date: dt.date | None = None,
    working_days: int | None = None,
    parent: Disposition | None = None,
) -> list[Disposition]:
    """Send the letter to one or more people and/or units, with instructions and a deadline.

    The head and the secretary dispose first; a recipient passes on (re-disposes) the disposition they
    hold, downwards only. Nothing is saved when anything is wrong."""
    require(actor, DISPOSE, letter)
    parent = _parent_for(actor, letter, parent)
    instructions = list(instructions)
    note = (note or "").strip()
    if any(i.organisation_id != letter.organisation_id or not i.is_active for i in instructions):
        raise ValidationError({"instructions": _("Pilih instruksi dari daftar kantor ini.")})
    if not instructions and not note:
        raise ValidationError(
            {"instructions": _("Pilih sekurang-kurangnya satu instruksi atau tulis catatan.")}
        )
    targets = _targets(actor=actor, letter=letter, recipients=list(recipients), units=list(units))
    if not targets:
        raise ValidationError({"recipients": _("Pilih penerima disposisi: orang atau unit.")})
    if len(targets) > MAX_RECIPIENTS:
        raise ValidationError(
            {"recipients": _("Paling banyak %(n)s penerima sekaligus.") % {"n": MAX_RECIPIENTS}}
        )
    upstream = _upstream_user_ids(parent) | {actor.pk}
    for user, label, _unit in targets:
        if user.pk == actor.pk:
            raise ValidationError(
                {"recipients": _("Anda tidak dapat mendisposisikan surat kepada diri sendiri.")}
            )
        if user.pk in upstream:
            raise ValidationError(
                {
                    "recipients": _(
                        "Disposisi diteruskan ke bawah: %(who)s sudah berada di atas Anda "
                        "dalam alur surat ini."
                    )
                    % {"who": label}
                }
            )
    already = set(
        Disposition.objects.live()
        .filter(letter=letter, parent=parent, recipient_id__in=[t[0].pk for t in targets])
        .exclude(status=DispositionStatus.DONE)
        .values_list("recipient_id", flat=True)
    )
    if already:
        names = ", ".join(label for user, label, _unit in targets if user.pk in already)
        raise ValidationError({"recipients": _("%(who)s sudah menerima disposisi ini.") % {"who": names}})
    due = _due_date(letter, due_date=due_date, working_days=working_days)
    now = timezone.now()
    sender_label = person_label(actor, letter.organisation)
    texts = [i.text for i in instructions]
    created = []
    with transaction.atomic():
        locked = IncomingLetter.objects.select_for_update().get(pk=letter.pk)
        if locked.status in (IncomingStatus.DONE, IncomingStatus.FILED):
            raise ValidationError(_("Surat ini sudah selesai; buka kembali sebelum mendisposisikannya."))
        for user, label, unit in targets:
            disposition = Disposition.objects.create(
                organisation=letter.organisation,
                letter=letter,
                parent=parent,
                sender=actor,
                sender_label=sender_label,
                recipient=user,
                recipient_label=label,
                recipient_unit=unit,
                instruction_texts=texts,
                note=note,
                sent_at=now,
                due_date=due,
            )
            disposition.instructions.set(instructions)
            audit.record(
                actor=actor,
                action="correspondence.disposition_send",
                obj=disposition,
                after={
                    "letter": letter.agenda_number,
                    "recipient": label,
                    "unit": unit.name if unit else "",
                    "instructions": texts,
                    "note": note,
                    "due_date": due,
                    "parent": parent.pk if parent else None,
                },
            )
            created.append(disposition)
        if locked.status == IncomingStatus.REGISTERED:
            transition(obj=letter, name="dispose", actor=actor)
        reindex_letter(letter)
        for disposition in created:
            _tell(
                disposition.recipient,
                disposition,
                _("Disposisi dari %(sender)s: %(subject)s")
                % {"sender": actor.display_name, "subject": letter.subject},
                _("Instruksi: %(text)s. Tenggat: %(due)s.")
                % {
                    "text": ", ".join(texts + ([note] if note else [])),
                    "due": date_format(due, "j F Y") if due else _("tidak ada"),
                },
            )
    return created


def _tell(user, disposition: Disposition, title: str, body: str = "") -> None:
    notify(
        recipient=user,
        organisation=disposition.organisation,
        title=title,
        body=body,
        url=disposition.get_absolute_url(),
        channels=[Channel.EMAIL],
    )


# --- the recipient ----------------------------------------------------------------------------------
def open_received(*, actor, letter: IncomingLetter) -> int:
    """Mark read every unread disposition of `letter` addressed to `actor` (the read receipt)."""
    unread = list(
        Disposition.objects.filter(
            letter=letter, recipient=actor, status=DispositionStatus.SENT
        ).select_related("letter")
    )
    if not unread:
        return 0
    with transaction.atomic():
        now = timezone.now()
        for disposition in unread:
            transition(obj=disposition, name="open", actor=actor)
            Disposition.objects.filter(pk=disposition.pk, read_at__isnull=True).update(read_at=now)
    return len(unread)


def report(
    *,
    actor,
    disposition: Disposition,
    text: str,
    attachments: Iterable = (),
    done: bool = False,
) -> DispositionReport:
    """A follow-up report by the recipient, with attachments; `done` also reports the work finished."""
    require(actor, RECEIVE_DISPOSITION, disposition)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tulis laporan tindak lanjutnya.")})
    if disposition.status not in OPEN_DISPOSITION_STATES:
        raise ValidationError(_("Disposisi ini sudah selesai atau ditarik; laporan tidak dapat ditambahkan."))
    attachments = _check_scans(attachments)
    letter = disposition.letter
    with transaction.atomic():
        if disposition.status == DispositionStatus.SENT:
            open_received(actor=actor, letter=letter)
            disposition.refresh_from_db()
        entry = DispositionReport.objects.create(
            organisation=disposition.organisation,
            disposition=disposition,
            author=actor,
            text=text,
            created_at=timezone.now(),
        )
        for attachment in attachments:
            store_upload(
                organisation=disposition.organisation, actor=actor, uploaded_file=attachment, owner=entry
            )
        audit.record(
            actor=actor,
            action="correspondence.disposition_report",
            obj=disposition,
            after={"text": text, "attachments": len(attachments), "done": done},
        )
        if done and disposition.status == DispositionStatus.READ:
            transition(obj=disposition, name="report_done", actor=actor, note=text)
        reindex_letter(letter)
        _tell(
            disposition.sender,
            disposition,
            _("Laporan tindak lanjut dari %(who)s: %(subject)s")
            % {"who": actor.display_name, "subject": letter.subject},
            text[:500],
        )
    return entry


# --- the sender -------------------------------------------------------------------------------------
def withdraw(*, actor, disposition: Disposition, note: str = "") -> Disposition:
    """Take back a disposition its recipient has not opened yet; it leaves their inbox and chain."""
    require(actor, MANAGE_SENT_DISPOSITION, disposition)
    if disposition.status != DispositionStatus.SENT:
        raise ValidationError(
            _("Disposisi yang sudah dibaca penerimanya tidak dapat ditarik lagi."), code="already_read"
        )
    letter = disposition.letter
    with transaction.atomic():
        transition(obj=disposition, name="withdraw", actor=actor, note=note)
        top_level_live = Disposition.objects.live().filter(letter=letter, parent__isnull=True).exists()
        letter.refresh_from_db()
        if not top_level_live and letter.status == IncomingStatus.DISPOSED:
            transition(obj=letter, name="recall", actor=None, note=_("Semua disposisi ditarik."))
        reindex_letter(letter)
    return disposition


def complete(*, actor, disposition: Disposition, note: str = "") -> Disposition:
    """The sender declares the disposed work done."""
    with transaction.atomic():
        transition(obj=disposition, name="complete", actor=actor, note=note)
        reindex_letter(disposition.letter)
        _tell(
            disposition.recipient,
            disposition,
            _("Disposisi dinyatakan selesai: %(subject)s") % {"subject": disposition.letter.subject},
            note,
        )
    return disposition


def send_back(*, actor, disposition: Disposition, note: str) -> Disposition:
    """The sender returns a reported disposition for more work."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tulis apa yang masih perlu dilengkapi.")})
    with transaction.atomic():
        transition(obj=disposition, name="return", actor=actor, note=note)
        _tell(
            disposition.recipient,
            disposition,
            _("Disposisi dikembalikan untuk dilengkapi: %(subject)s")
            % {"subject": disposition.letter.subject},
            note,
        )
    return disposition


# --- deadlines --------------------------------------------------------------------------------------
def send_deadline_reminders(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind recipients one working day before the deadline, and escalate to the sender (and tell the
    recipient) once it has passed. Each disposition is reminded and escalated at most once, so running
    this again (a retried task, an hourly schedule) sends nothing twice. Returns (reminded, escalated)."""
    now = now or timezone.now()
    reminded = escalated = 0
    open_with_deadline = Disposition.objects.filter(
        status__in=OPEN_DISPOSITION_STATES, due_date__isnull=False
    ).select_related("organisation", "letter", "sender", "recipient")
    pending = open_with_deadline.filter(Q(reminded_at__isnull=True) | Q(escalated_at__isnull=True))
    offices = Organisation.objects.filter(pk__in=pending.values("organisation_id"))
    for office in offices:
        today = timezone.localtime(now, timezone=ZoneInfo(office.timezone)).date()
        tomorrow = add_working_days(today, 1, organisation=office)
        for disposition in open_with_deadline.filter(
            organisation=office, reminded_at__isnull=True, due_date__gte=today, due_date__lte=tomorrow
        ):
            with transaction.atomic():
                if Disposition.objects.filter(pk=disposition.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                ):
                    _tell(
                        disposition.recipient,
                        disposition,
                        _("Tenggat disposisi %(date)s: %(subject)s")
                        % {
                            "date": date_format(disposition.due_date, "j F Y"),
                            "subject": disposition.letter.subject,
                        },
                        _("Laporkan tindak lanjutnya sebelum tenggat."),
                    )
                    audit.record(actor=None, action="correspondence.disposition_remind", obj=disposition)
                    reminded += 1
        for disposition in open_with_deadline.filter(
            organisation=office, escalated_at__isnull=True, due_date__lt=today
        ):
            with transaction.atomic():
                if Disposition.objects.filter(pk=disposition.pk, escalated_at__isnull=True).update(
                    escalated_at=now
                ):
                    title = _("Disposisi melewati tenggat %(date)s: %(subject)s") % {
                        "date": date_format(disposition.due_date, "j F Y"),
                        "subject": disposition.letter.subject,
                    }
                    _tell(
                        disposition.sender,
                        disposition,
                        title,
                        _("%(who)s belum menyelesaikan disposisi Anda.")
                        % {"who": disposition.recipient_label},
                    )
                    _tell(disposition.recipient, disposition, title, _("Segera laporkan tindak lanjutnya."))
                    audit.record(actor=None, action="correspondence.disposition_escalate", obj=disposition)
                    escalated += 1
    return reminded, escalated
