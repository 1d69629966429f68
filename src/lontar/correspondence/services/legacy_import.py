"""Writes of the buku agenda imports: letters created from a confirmed legacy register.

Called only by the importer (`correspondence/importers.py`) inside the confirmation's transaction,
after the platform has checked the actor's import permission. A legacy letter keeps the agenda
number the office gave it on paper (its year is the year it was received); it does not take a number
from the numbering service. So that the next letter registered in Lontar never gets a number the
register already used, the office's `agenda_surat_masuk` counter of each imported year is moved
past the highest imported sequence.

The buku agenda surat keluar works the same way: each row becomes an `OutgoingDocument` marked
`origin="impor"`, recorded as sent (through the `record_from_register` transition) with its number and
date as written, the addressee as an outside recipient, and no PDF, paraf chain or version. Where the
imported numbers follow the office's numbering template for their type, the counter that template
draws from is moved past the highest imported sequence of each year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from lontar.core import audit
from lontar.core.numbering.services import ensure_sequence_at_least
from lontar.core.workflow.services import transition
from lontar.correspondence.models import (
    AGENDA_DOCUMENT_TYPE,
    IncomingLetter,
    OutgoingDocument,
    OutgoingOrigin,
    OutgoingRecipient,
    ReceiptChannel,
    RecipientRole,
)
from lontar.correspondence.services.incoming import reindex_letter
from lontar.correspondence.services.outgoing import index_document

AUDITED_FIELDS = [
    "agenda_number",
    "agenda_year",
    "agenda_sequence",
    "sender_name",
    "sender_number",
    "sender_date",
    "received_date",
    "subject",
    "urgency",
    "security",
    "classification",
    "enclosures",
    "channel",
]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def create_legacy_letter(*, actor, organisation, values: dict) -> IncomingLetter:
    """One letter of the old register, as registered, with its own agenda number. Audited."""
    letter = IncomingLetter(
        organisation=organisation,
        agenda_number=values["agenda_number"],
        agenda_year=values["agenda_year"],
        agenda_sequence=values["agenda_sequence"],
        sender_name=values["sender_name"],
        sender_number=values.get("sender_number", ""),
        sender_date=_date(values.get("sender_date")),
        received_date=_date(values["received_date"]),
        subject=values["subject"],
        summary=values.get("summary", ""),
        urgency=values["urgency"],
        security=values["security"],
        classification_id=values.get("classification_id"),
        enclosures=values.get("enclosures", 0),
        channel=ReceiptChannel.PAPER,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        registered_at=timezone.now(),
    )
    letter.save()
    audit.record(
        actor=actor,
        action="correspondence.incoming_import",
        obj=letter,
        after=audit.snapshot(letter, AUDITED_FIELDS),
    )
    # Imported letters are found by the search box like registered ones, within their chain.
    reindex_letter(letter)
    return letter


def advance_agenda_counters(*, actor, organisation, letters: list[dict]) -> dict[int, int]:
    """Move the office's agenda counter of each year past the highest imported sequence."""
    highest: dict[int, int] = defaultdict(int)
    for values in letters:
        year = values["agenda_year"]
        highest[year] = max(highest[year], values["agenda_sequence"])
    return {
        year: ensure_sequence_at_least(
            organisation=organisation,
            document_type=AGENDA_DOCUMENT_TYPE,
            year=year,
            sequence=sequence,
            actor=actor,
        )
        for year, sequence in sorted(highest.items())
    }


# --- buku agenda surat keluar ----------------------------------------------------------------------

OUTGOING_AUDITED_FIELDS = [
    "document_type",
    "number",
    "document_date",
    "subject",
    "classification",
    "urgency",
    "security",
    "attachments_note",
    "drafter_unit",
    "signatory_position",
    "origin",
    "register_note",
]


def create_legacy_outgoing(*, actor, organisation, values: dict) -> OutgoingDocument:
    """One letter of the old outgoing register, recorded as sent with the number and date it was given
    on paper. The person importing stands as its drafter (the register names no author); it has no
    PDF, no paraf chain and no version. Audited and indexed for search like a letter made in Lontar."""
    document = OutgoingDocument.objects.create(
        organisation=organisation,
        document_type=values["document_type"],
        subject=values["subject"],
        classification_id=values.get("classification_id"),
        urgency=values["urgency"],
        security=values["security"],
        attachments_note=values.get("attachments_note", ""),
        drafter=actor,
        drafter_unit_id=values.get("unit_id"),
        signatory_position_id=values["signatory_position_id"],
        number=values["number"],
        document_date=_date(values["document_date"]),
        origin=OutgoingOrigin.LEGACY_REGISTER,
        register_note=values.get("register_note", ""),
    )
    OutgoingRecipient.objects.create(
        organisation=organisation, document=document, role=RecipientRole.TO, name=values["recipient"], order=0
    )
    audit.record(
        actor=actor,
        action="correspondence.outgoing_import",
        obj=document,
        after={**audit.snapshot(document, OUTGOING_AUDITED_FIELDS), "recipient": values["recipient"]},
    )
    transition(obj=document, name="record_from_register", actor=actor)
    # Found by the search box like the office's other outgoing letters (restricted ones by their circle).
    index_document(document_id=document.pk)
    return document


def advance_outgoing_counters(*, actor, organisation, documents: list[dict]) -> dict[tuple[str, int], int]:
    """Move each counter the imported numbers came from past the highest imported sequence of each year.
    Rows whose number did not follow the office's template (`sequence` None) move nothing."""
    highest: dict[tuple[str, int], int] = defaultdict(int)
    for values in documents:
        if values.get("sequence"):
            key = (values["numbering_key"], _date(values["document_date"]).year)
            highest[key] = max(highest[key], values["sequence"])
    return {
        (numbering_key, year): ensure_sequence_at_least(
            organisation=organisation,
            document_type=numbering_key,
            year=year,
            sequence=sequence,
            actor=actor,
        )
        for (numbering_key, year), sequence in sorted(highest.items())
    }
