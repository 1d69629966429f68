"""Registering incoming letters, attaching their scans, closing them, and keeping their search
entries in step with who may read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.files.services import index_file, store_upload
from lontar.core.files.validation import validate_upload
from lontar.core.models import Membership, Role
from lontar.core.notifications.services import notify
from lontar.core.numbering.services import take_number
from lontar.core.permissions import require
from lontar.core.search.services import index
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import transition
from lontar.correspondence.access_incoming import (
    CLOSE_INCOMING,
    REGISTER_INCOMING,
    chain_user_ids,
)
from lontar.correspondence.models import (
    AGENDA_DOCUMENT_TYPE,
    IncomingLetter,
    IncomingStatus,
    SecurityClass,
)
from lontar.correspondence.models.incoming import number_key, sender_key
from lontar.records.models import ClassificationScheme
from lontar.records.services import file_item

SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png"}
AUDITED_FIELDS = [
    "agenda_number",
    "agenda_year",
    "sender_name",
    "sender_institution",
    "sender_number",
    "sender_date",
    "received_date",
    "subject",
    "urgency",
    "security",
    "classification",
    "enclosures",
    "channel",
    "unit",
    "source_document",
]


class LikelyDuplicate(ValidationError):
    """The office already registered a letter from this sender with this number."""

    def __init__(self, letters: list[IncomingLetter]):
        self.letters = letters
        first = letters[0]
        super().__init__(
            _(
                "Surat dari %(sender)s nomor %(number)s sudah tercatat dengan nomor agenda %(agenda)s "
                "(diterima %(date)s). Periksa apakah surat ini sama; bila memang surat lain, "
                "centang “Tetap catat” lalu simpan lagi."
            )
            % {
                "sender": first.sender_display,
                "number": first.sender_number,
                "agenda": first.agenda_number,
                "date": date_format(first.received_date, "j F Y"),
            },
            code="likely_duplicate",
        )


def likely_duplicates(*, organisation, sender_name: str, sender_institution: str, sender_number: str):
    """Letters of `organisation` from the same sender with the same number (spelling aside).

    Callers must only show these to someone who may register letters there; restricted ones are
    named by agenda number only (see `LikelyDuplicate`)."""
    key = number_key(sender_number)
    who = sender_key(sender_name, sender_institution)
    if not key or not who:
        return IncomingLetter.objects.none()
    return IncomingLetter.objects.filter(organisation=organisation, sender_key=who, number_key=key).order_by(
        "-received_date", "-id"
    )


def _check_scans(scans: Iterable) -> list:
    checked = []
    for scan in scans:
        kind = validate_upload(scan).kind
        if kind.content_type not in SCAN_TYPES:
            raise ValidationError(
                _("Pindaian surat harus berupa PDF atau gambar JPG/PNG; %(name)s bukan salah satunya.")
                % {"name": getattr(scan, "name", "")},
                code="scan_type",
            )
        checked.append(scan)
    return checked


def _check_letter(*, organisation, sender_date, received_date, classification, unit) -> None:
    errors: dict[str, str] = {}
    today = organisation_today(organisation)
    if received_date > today:
        errors["received_date"] = _("Tanggal diterima tidak boleh sesudah hari ini.")
    if sender_date is not None and sender_date > received_date:
        errors["sender_date"] = _("Tanggal surat tidak boleh sesudah tanggal diterima.")
    if classification is not None and (
        classification.scheme != ClassificationScheme.PERMENDAGRI_83_2022 or not classification.is_active
    ):
        errors["classification"] = _(
            "Kode klasifikasi %(code)s tidak dipakai lagi untuk surat baru; pilih kode Permendagri 83/2022."
        ) % {"code": classification.code}
    if unit is not None and unit.organisation_id != organisation.pk:
        errors["unit"] = _("Unit pengolah harus unit kantor ini.")
    if errors:
        raise ValidationError(errors)


def _take_agenda_number(*, organisation, actor, letter: IncomingLetter):
    try:
        return take_number(
            organisation=organisation,
            document_type=AGENDA_DOCUMENT_TYPE,
            actor=actor,
            classification_code=letter.classification.code if letter.classification_id else "",
            obj=letter,
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "no_template":
            raise ValidationError(
                _(
                    "%(office)s belum memiliki templat penomoran Agenda Surat Masuk (jenis naskah "
                    "agenda_surat_masuk), sehingga surat belum dapat dicatat. Minta administrator kantor "
                    "membuatnya di menu Pengaturan, Penomoran naskah."
                )
                % {"office": organisation.name},
                code="no_agenda_template",
            ) from exc
        raise


def register_incoming(
    *,
    actor,
    organisation,
    sender_name: str,
    received_date: dt.date,
    subject: str,
    sender_institution: str = "",
    sender_number: str = "",
    sender_date: dt.date | None = None,
    summary: str = "",
    urgency: str = "biasa",
    security: str = SecurityClass.OPEN,
    classification=None,
    enclosures: int = 0,
    channel: str = "kertas",
    unit=None,
    scans: Iterable = (),
    confirm_duplicate: bool = False,
    source_document=None,
) -> IncomingLetter:
    """Register a letter in the buku agenda: check it, take its agenda number, store its scans.

    Raises `LikelyDuplicate` (nothing saved) when the office already has a letter from this sender
    with this number, unless `confirm_duplicate`; ValidationError in Indonesian for anything else.
    """
    require(actor, REGISTER_INCOMING, organisation=organisation)
    _check_letter(
        organisation=organisation,
        sender_date=sender_date,
        received_date=received_date,
        classification=classification,
        unit=unit,
    )
    scans = _check_scans(scans)
    if not confirm_duplicate:
        duplicates = list(
            likely_duplicates(
                organisation=organisation,
                sender_name=sender_name,
                sender_institution=sender_institution,
                sender_number=sender_number,
            )[:5]
        )
        if duplicates:
            raise LikelyDuplicate(duplicates)
    with transaction.atomic():
        letter = IncomingLetter(
            organisation=organisation,
            # A placeholder until the number is taken, so the issued number can point at the letter.
            agenda_number=f"~{timezone.now().timestamp()}",
            agenda_year=organisation_today(organisation).year,
            agenda_sequence=0,
            sender_name=sender_name.strip(),
            sender_institution=sender_institution.strip(),
            sender_number=sender_number.strip(),
            sender_date=sender_date,
            received_date=received_date,
            subject=subject.strip(),
            summary=summary.strip(),
            urgency=urgency,
            security=security,
            classification=classification,
            enclosures=enclosures,
            channel=channel,
            unit=unit,
            source_document=source_document,
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
            registered_at=timezone.now(),
        )
        letter.full_clean(exclude=["agenda_number", "status"])
        letter.save()
        issued = _take_agenda_number(organisation=organisation, actor=actor, letter=letter)
        letter.agenda_number, letter.agenda_year, letter.agenda_sequence = (
            issued.number,
            issued.year,
            issued.sequence,
        )
        letter.save(update_fields=["agenda_number", "agenda_year", "agenda_sequence"])
        for scan in scans:
            store_upload(organisation=organisation, actor=actor, uploaded_file=scan, owner=letter)
        audit.record(
            actor=actor,
            action="correspondence.incoming_register",
            obj=letter,
            after={**audit.snapshot(letter, AUDITED_FIELDS), "scans": len(scans)},
        )
        _tell_leaders(letter)
        reindex_letter(letter)
    return letter


def _tell_leaders(letter: IncomingLetter) -> None:
    heads = Membership.objects.filter(
        organisation=letter.organisation, role=Role.HEAD, is_active=True, user__is_active=True
    ).select_related("user")
    for membership in heads:
        notify(
            recipient=membership.user,
            organisation=letter.organisation,
            title=_("Surat masuk menunggu disposisi: %(subject)s") % {"subject": letter.subject},
            body=_("Dari %(sender)s, nomor agenda %(agenda)s.")
            % {"sender": letter.sender_display, "agenda": letter.agenda_number},
            url=letter.get_absolute_url(),
        )


def add_scans(*, actor, letter: IncomingLetter, scans: Iterable) -> int:
    """Attach more scans to a registered letter (a page scanned later, the e-mail's attachment)."""
    require(actor, REGISTER_INCOMING, letter)
    scans = _check_scans(scans)
    if not scans:
        raise ValidationError(_("Pilih berkas pindaian yang akan dilampirkan."), code="required")
    with transaction.atomic():
        for scan in scans:
            stored = store_upload(
                organisation=letter.organisation, actor=actor, uploaded_file=scan, owner=letter
            )
            audit.record(
                actor=actor,
                action="correspondence.incoming_scan_add",
                obj=letter,
                after={"file": stored.original_name, "sha256": stored.sha256},
            )
    return len(scans)


LETTER_TRANSITIONS = {"complete", "reopen", "file"}


def change_letter_status(*, actor, letter: IncomingLetter, name: str, note: str = "") -> IncomingLetter:
    """Complete, reopen or file a letter (the head's and the secretary's decisions)."""
    if name not in LETTER_TRANSITIONS:
        raise ValidationError(_("Tindakan tidak dikenal."), code="unknown")
    require(actor, CLOSE_INCOMING, letter)
    with transaction.atomic():
        transition(obj=letter, name=name, actor=actor, note=note)
        reindex_letter(letter)
    return letter


def filing_description(letter: IncomingLetter) -> str:
    """How the letter is listed in a berkas. Anyone who reads the office's files reads this line, so a
    restricted letter is named by its agenda number and security class only, never by its subject."""
    if letter.is_restricted:
        return _("Surat masuk %(agenda)s (%(security)s)") % {
            "agenda": letter.agenda_number,
            "security": letter.get_security_display(),
        }
    sender = f" ({letter.sender_number})" if letter.sender_number else ""
    return f"{letter.subject} — {letter.sender_display}{sender}"


def file_letter(*, actor, letter: IncomingLetter, record_file, note: str = "") -> IncomingLetter:
    """File the letter into an open berkas of its office and mark it filed, together or not at all.

    The actor needs both the letter's closing right and the records module's right to manage files;
    the letter's scans stay attached to the letter, which the berkas item links to."""
    require(actor, CLOSE_INCOMING, letter)
    if record_file.organisation_id != letter.organisation_id:
        raise ValidationError(_("Surat hanya dapat diberkaskan ke berkas kantor yang sama."))
    with transaction.atomic():
        if letter.status != IncomingStatus.FILED:
            transition(obj=letter, name="file", actor=actor, note=note)
        file_item(
            actor=actor,
            record_file=record_file,
            obj=letter,
            description=filing_description(letter),
            item_date=letter.received_date,
        )
        reindex_letter(letter)
    return letter


# --- search ---------------------------------------------------------------------------------------
SEARCH_KIND_INCOMING = "surat_masuk"
SEARCH_KIND_DISPOSITION = "disposisi"


def letter_search_text(letter: IncomingLetter) -> tuple[str, str]:
    """The title and body of a letter's search entry (scan text is appended by `reindex_letter`)."""
    title = f"{letter.subject} — {letter.sender_display}"
    body = "\n".join(
        part
        for part in (
            letter.summary,
            letter.sender_name,
            letter.sender_institution,
            letter.sender_number,
            letter.agenda_number,
            str(letter.classification) if letter.classification_id else "",
        )
        if part
    )
    return title, body


def letter_search_facets(letter: IncomingLetter) -> dict:
    """The filterable facts of a letter, for its own search entry and its scans'."""
    return {
        "occurred_on": letter.received_date,
        "classification_code": letter.classification.code if letter.classification_id else "",
        "unit_id": letter.unit_id,
        "status": letter.status,
        "party": letter.sender_display,
    }


def reindex_letter_after_text_extraction(letter: IncomingLetter) -> None:
    """A scan's text was extracted (in a task): the letter's own entry now includes its words."""
    with transaction.atomic():
        letter = IncomingLetter.objects.select_related("classification", "organisation").get(pk=letter.pk)
        reindex_letter(letter)


def disposition_search_fields(
    disposition, letter: IncomingLetter, *, report_texts, restricted: bool, chain: set[int]
) -> dict:
    """The search entry of one disposition: text, url, restriction, allowed users and facets.

    A restricted letter's dispositions are found by its chain; a withdrawn one only by its sender."""
    return {
        "title": _("Disposisi %(sender)s kepada %(recipient)s: %(subject)s")
        % {
            "sender": disposition.sender_label,
            "recipient": disposition.recipient_label,
            "subject": letter.subject,
        },
        "body": "\n".join([*disposition.instruction_texts, disposition.note, *report_texts]),
        "url": disposition.get_absolute_url(),
        "restricted": restricted or disposition.status == "ditarik",
        "allowed_user_ids": chain if restricted else {disposition.sender_id},
        "kind": SEARCH_KIND_DISPOSITION,
        "occurred_on": timezone.localdate(disposition.sent_at),
        "classification_code": letter.classification.code if letter.classification_id else "",
        "unit_id": disposition.recipient_unit_id,
        "status": disposition.status,
        "party": f"{letter.sender_display}; {disposition.sender_label} → {disposition.recipient_label}",
    }


def reindex_letter(letter: IncomingLetter) -> None:
    """Rewrite the search entries of the letter, its dispositions and its files for its current chain.

    Called inside the transaction that changes the letter or its chain, so nobody leaves the chain
    while their search still finds it."""
    from lontar.core.files.models import StoredFile
    from lontar.correspondence.models import DispositionReport

    restricted = letter.is_restricted
    allowed = chain_user_ids(letter) if restricted else set()
    title, body = letter_search_text(letter)
    scan_text = "\n".join(
        StoredFile.objects.attached_to(letter)
        .exclude(extracted_text="")
        .order_by("uploaded_at")
        .values_list("extracted_text", flat=True)
    )
    if scan_text:
        body = f"{body}\n{scan_text}"
    index(
        obj=letter,
        organisation=letter.organisation,
        title=title,
        body=body,
        url=reverse("correspondence:incoming_detail", args=[letter.pk]),
        restricted=restricted,
        allowed_user_ids=allowed,
        kind=SEARCH_KIND_INCOMING,
        **letter_search_facets(letter),
    )
    reports = DispositionReport.objects.filter(disposition__letter=letter).order_by("created_at")
    texts: dict[int, list[str]] = {}
    for report in reports:
        texts.setdefault(report.disposition_id, []).append(report.text)
    for disposition in letter.dispositions.all():
        index(
            obj=disposition,
            organisation=letter.organisation,
            **disposition_search_fields(
                disposition,
                letter,
                report_texts=texts.get(disposition.pk, []),
                restricted=restricted,
                chain=allowed,
            ),
        )
    files = list(StoredFile.objects.attached_to(letter).for_listing())
    for report in reports:
        files.extend(StoredFile.objects.attached_to(report).for_listing())
    for stored in files:
        if stored.text_extracted_at is not None or not stored.is_pdf:
            index_file(stored_file=StoredFile.objects.get(pk=stored.pk))


# --- letters delivered inside Lontar --------------------------------------------------------------
def receive_issued_document(
    *,
    organisation,
    document,
    subject: str = "",
    summary: str = "",
    urgency: str = "biasa",
    security: str = SecurityClass.OPEN,
    classification=None,
    enclosures: int = 0,
) -> IncomingLetter:
    """Register an issued document (a surat dinas signed in another office, or in this one) as an
    incoming letter of `organisation`, as the system: the sender is the signatory and their office, the
    number and date are the document's, and the signed PDF becomes the letter's scan, so the receiving
    office reads it without access to the sender's records. The outgoing module calls this when it
    sends a document to an addressee inside the deployment. Idempotent per office and document."""
    existing = IncomingLetter.objects.filter(organisation=organisation, source_document=document).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        letter = IncomingLetter(
            organisation=organisation,
            agenda_number=f"~{timezone.now().timestamp()}",
            agenda_year=organisation_today(organisation).year,
            agenda_sequence=0,
            sender_name=document.signatory_position or document.signatory_name,
            sender_institution=document.organisation.name,
            sender_number=document.number,
            sender_date=document.document_date,
            received_date=organisation_today(organisation),
            subject=(subject or document.title).strip(),
            summary=summary.strip(),
            urgency=urgency,
            security=security,
            classification=classification,
            enclosures=enclosures,
            channel="internal",
            source_document=document,
            registered_by=None,
            registered_at=timezone.now(),
        )
        letter.full_clean(exclude=["agenda_number", "status", "registered_by"])
        letter.save()
        issued = _take_agenda_number(organisation=organisation, actor=None, letter=letter)
        letter.agenda_number, letter.agenda_year, letter.agenda_sequence = (
            issued.number,
            issued.year,
            issued.sequence,
        )
        letter.save(update_fields=["agenda_number", "agenda_year", "agenda_sequence"])
        with document.file.open("rb") as handle:
            pdf = SimpleUploadedFile(f"{document.number or 'naskah'}.pdf", handle.read(), "application/pdf")
        store_upload(organisation=organisation, actor=None, uploaded_file=pdf, owner=letter)
        audit.record(
            actor=None,
            action="correspondence.incoming_receive_internal",
            obj=letter,
            after={**audit.snapshot(letter, AUDITED_FIELDS), "document_sha256": document.sha256},
        )
        _tell_leaders(letter)
        reindex_letter(letter)
    return letter


CORRECTABLE_FIELDS = (
    "sender_name",
    "sender_institution",
    "sender_number",
    "sender_date",
    "received_date",
    "subject",
    "summary",
    "urgency",
    "security",
    "classification",
    "enclosures",
    "channel",
    "unit",
)


def correct_incoming(*, actor, letter: IncomingLetter, **changes) -> IncomingLetter:
    """Correct what was typed at registration (the agenda number stays). Refused once the letter is filed.
    A change of security class changes who may read the letter, so its search entries are rewritten."""
    require(actor, REGISTER_INCOMING, letter)
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable: {sorted(unknown)}")
    if letter.status == IncomingStatus.FILED:
        raise ValidationError(_("Surat yang sudah diarsipkan tidak dapat diubah."), code="filed")
    merged = {name: changes.get(name, getattr(letter, name)) for name in CORRECTABLE_FIELDS}
    _check_letter(
        organisation=letter.organisation,
        sender_date=merged["sender_date"],
        received_date=merged["received_date"],
        classification=merged["classification"] if "classification" in changes else None,
        unit=merged["unit"],
    )
    with transaction.atomic():
        locked = IncomingLetter.objects.select_for_update().get(pk=letter.pk)
        before = audit.snapshot(locked, list(CORRECTABLE_FIELDS))
        for name, value in changes.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        locked.full_clean(exclude=["registered_by"])
        locked.save(update_fields=[*changes, "sender_key", "number_key"])
        audit.record(
            actor=actor,
            action="correspondence.incoming_correct",
            obj=locked,
            before=before,
            after=audit.snapshot(locked, list(CORRECTABLE_FIELDS)),
        )
        reindex_letter(locked)
    return locked
