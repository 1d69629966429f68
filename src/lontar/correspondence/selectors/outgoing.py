"""Reads of outgoing documents, already scoped to the user (offices, roles, security classification)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import strip_tags

from lontar.core.files.models import StoredFile
from lontar.core.models import Organisation, Position
from lontar.core.permissions import get_visible_or_404, organisation_ids_with
from lontar.core.workflow.services import available_transitions, history
from lontar.correspondence.models.incoming import IncomingLetter
from lontar.correspondence.models.outgoing import (
    RESTRICTED_CLASSES,
    DeliveryStatus,
    OutgoingComment,
    OutgoingDocument,
    OutgoingStatus,
    OutgoingTemplate,
    OutgoingType,
    OutgoingVersion,
    ParafStep,
    RecipientRole,
)
from lontar.correspondence.outgoing_access import participant_filter, positions_acted_by
from lontar.correspondence.outgoing_actions import (
    DRAFT_OUTGOING,
    MANAGE_OUTGOING_TEMPLATES,
    VIEW_OUTGOING,
    VIEW_OUTGOING_TEMPLATES,
)
from lontar.correspondence.services.outgoing import DEFAULT_TEMPLATES, chain_of, template_for
from lontar.records import selectors as records

LIST_LIMIT = 200


def documents_visible_to(user):
    """Outgoing documents the user may read: their offices where they hold the view action, restricted
    ones only where they take part."""
    if user is None or not user.is_authenticated:
        return OutgoingDocument.objects.none()
    offices = organisation_ids_with(user, VIEW_OUTGOING)
    qs = OutgoingDocument.objects.filter(organisation_id__in=offices)
    if not user.is_superuser:
        qs = qs.filter(~Q(security__in=RESTRICTED_CLASSES) | participant_filter(user))
    return qs.distinct()


def _listing(qs):
    return (
        qs.for_listing()
        .select_related("organisation", "classification", "drafter")
        .order_by("-updated_at", "-pk")
    )


def my_drafts(user):
    """What the user is drafting: drafts, returned ones and those still on their way."""
    return _listing(
        documents_visible_to(user).filter(
            drafter=user,
            status__in=[
                OutgoingStatus.DRAFT,
                OutgoingStatus.RETURNED,
                OutgoingStatus.IN_REVIEW,
                OutgoingStatus.AWAITING_SIGNATURE,
            ],
        )
    )[:LIST_LIMIT]


def waiting_for_my_paraf(user):
    positions = positions_acted_by(user)
    pending = ParafStep.objects.filter(state=ParafStep.State.PENDING, position_id__in=positions).values(
        "document_id"
    )
    return _listing(documents_visible_to(user).filter(status=OutgoingStatus.IN_REVIEW, pk__in=pending))[
        :LIST_LIMIT
    ]


def waiting_for_my_signature(user):
    return _listing(
        documents_visible_to(user).filter(
            status=OutgoingStatus.AWAITING_SIGNATURE, signatory_position_id__in=positions_acted_by(user)
        )
    )[:LIST_LIMIT]


def signed_and_sent(user):
    return _listing(
        documents_visible_to(user).filter(status__in=[OutgoingStatus.SIGNED, OutgoingStatus.SENT])
    )[:LIST_LIMIT]


def counts_for(user) -> dict[str, int]:
    positions = positions_acted_by(user)
    visible = documents_visible_to(user)
    pending = ParafStep.objects.filter(state=ParafStep.State.PENDING, position_id__in=positions).values(
        "document_id"
    )
    return {
        "paraf": visible.filter(status=OutgoingStatus.IN_REVIEW, pk__in=pending).count() if positions else 0,
        "signature": visible.filter(
            status=OutgoingStatus.AWAITING_SIGNATURE, signatory_position_id__in=positions
        ).count()
        if positions
        else 0,
        "returned": visible.filter(drafter=user, status=OutgoingStatus.RETURNED).count(),
        "to_send": visible.filter(drafter=user, status=OutgoingStatus.SIGNED).count(),
    }


def document_for(user, pk, action: str = VIEW_OUTGOING) -> OutgoingDocument:
    """One document the user may read (404 outside their offices or its circle), then `action` (403)."""
    return get_visible_or_404(
        user,
        documents_visible_to(user).select_related(
            "organisation",
            "classification",
            "drafter",
            "drafter_unit",
            "signatory_position",
            "issued_document",
        ),
        action,
        pk=pk,
    )


@dataclass
class DocumentPage:
    document: OutgoingDocument
    recipients: list
    copies: list
    steps_by_round: list[tuple[int, list[ParafStep]]]
    versions: list[OutgoingVersion]
    comments: list[OutgoingComment]
    attachments: list[StoredFile]
    history: list
    actions: set[str]
    pending_internal: bool
    failed_email: bool


def document_page(user, document: OutgoingDocument) -> DocumentPage:
    recipients = list(document.recipients.select_related("internal_organisation"))
    steps = list(
        ParafStep.objects.filter(document=document)
        .select_related("position", "acted_by")
        .order_by("-round", "order")
    )
    rounds: dict[int, list[ParafStep]] = {}
    for step in steps:
        rounds.setdefault(step.round, []).append(step)
    return DocumentPage(
        document=document,
        recipients=[r for r in recipients if r.role == RecipientRole.TO],
        copies=[r for r in recipients if r.role == RecipientRole.COPY],
        steps_by_round=list(rounds.items()),
        versions=list(document.versions.select_related("created_by").order_by("-number")),
        comments=list(document.comments.select_related("author")),
        attachments=list(StoredFile.objects.for_listing().attached_to(document)),
        history=history(document),
        actions={t.name for t in available_transitions(document, user)},
        pending_internal=any(r.delivery_status == DeliveryStatus.INTERNAL_PENDING for r in recipients),
        failed_email=any(r.delivery_status == DeliveryStatus.EMAIL_FAILED for r in recipients),
    )


def version_for(user, document: OutgoingDocument, number: int) -> OutgoingVersion:
    return get_visible_or_404(
        user, OutgoingVersion.objects.filter(document=document), VIEW_OUTGOING, number=number
    )


def _lines(version: OutgoingVersion) -> list[str]:
    """A version as comparable lines: subject, details, then one line per paragraph of the body."""
    text = re.sub(r"</(p|li|tr|h3|h4|div|blockquote)>|<br\s*/?>", "\n", version.body_html)
    body = [line.strip() for line in strip_tags(text).splitlines() if line.strip()]
    details = version.details or {}
    head = [
        f"Hal: {version.subject}",
        f"Klasifikasi: {details.get('classification', '')}",
        f"Sifat: {details.get('urgency', '')}",
        f"Lampiran: {details.get('attachments_note', '')}",
    ]
    head += [
        f"{'Yth.' if r['role'] == 'to' else 'Tembusan'}: {r['name']}" for r in details.get("recipients", [])
    ]
    return [*head, "", *body]


def diff_table(older: OutgoingVersion, newer: OutgoingVersion) -> str:
    """Side-by-side comparison (HTML table; difflib escapes every text it prints)."""
    return difflib.HtmlDiff(wrapcolumn=70).make_table(
        _lines(older),
        _lines(newer),
        fromdesc=f"Versi {older.number}",
        todesc=f"Versi {newer.number}",
        context=False,
    )


def print_list(user, document: OutgoingDocument) -> list:
    """Recipients who get the document on paper: no e-mail, or the e-mail failed."""
    return list(
        document.recipients.filter(
            delivery_status__in=[DeliveryStatus.TO_PRINT, DeliveryStatus.EMAIL_FAILED]
        ).order_by("role", "order")
    )


# --- templates and drafting choices -------------------------------------------------------------


def offices_for_drafting(user) -> list[Organisation]:
    return list(
        Organisation.objects.filter(pk__in=organisation_ids_with(user, DRAFT_OUTGOING)).order_by("path")
    )


def template_offices(user, action: str = MANAGE_OUTGOING_TEMPLATES) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("path"))


@dataclass
class TemplateRow:
    organisation: Organisation
    document_type: str
    label: str
    template: OutgoingTemplate
    chain: list[Position]
    stored: bool


def template_rows(user) -> list[TemplateRow]:
    rows = []
    for office in template_offices(user, VIEW_OUTGOING_TEMPLATES):
        for value, label in OutgoingType.choices:
            template = template_for(office, value)
            rows.append(
                TemplateRow(office, value, str(label), template, chain_of(template), template.pk is not None)
            )
    return rows


def template_office_for(user, pk) -> Organisation:
    return get_visible_or_404(
        user,
        Organisation.objects.filter(pk__in=organisation_ids_with(user, MANAGE_OUTGOING_TEMPLATES)),
        pk=pk,
    )


def positions_of(organisation):
    return Position.objects.filter(organisation=organisation).order_by("order", "title")


def classifications():
    return records.current_classifications()


def default_body(document_type: str) -> str:
    return DEFAULT_TEMPLATES[document_type].body_html


def internal_offices_qs(organisation):
    """The active offices of the same deployment (kota) that a document may be addressed to."""
    root = "/" + organisation.path.strip("/").split("/")[0] + "/"
    return (
        Organisation.objects.filter(path__startswith=root, is_active=True)
        .exclude(pk=organisation.pk)
        .order_by("path")
    )


def offices_queryset(offices):
    return Organisation.objects.filter(pk__in=[o.pk for o in offices]).order_by("path")


def document_types() -> list[str]:
    return list(OutgoingType.values)


def document_type_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in OutgoingType.choices]


def document_type_label(document_type: str) -> str:
    return str(dict(OutgoingType.choices)[document_type])


def recipients_of(document: OutgoingDocument) -> list:
    return list(document.recipients.select_related("internal_organisation"))


def versions_of(document: OutgoingDocument) -> list[OutgoingVersion]:
    return list(document.versions.select_related("created_by").order_by("number"))


def letter_to_reply(user, pk) -> IncomingLetter:
    """An incoming letter the user may read (a restricted one only inside its chain, by the incoming
    module's rule) in an office where they may draft."""
    from lontar.correspondence.selectors.incoming import letters_visible_to

    letters = letters_visible_to(user).filter(organisation_id__in=organisation_ids_with(user, DRAFT_OUTGOING))
    return get_visible_or_404(
        user, letters.select_related("organisation", "classification", "source_document"), pk=pk
    )


def reply_initial(letter: IncomingLetter) -> dict:
    """What a reply to `letter` starts with: its subject and classification, its sender as addressee
    (the sending office itself when it came through Lontar), and an opening naming the letter."""
    from lontar.correspondence.services.outgoing import reply_opening, template_for

    template = template_for(letter.organisation, OutgoingType.SURAT_DINAS)
    initial = {
        "organisation": letter.organisation_id,
        "document_type": OutgoingType.SURAT_DINAS,
        "subject": letter.subject,
        "classification": letter.classification_id or template.classification_id,
        "urgency": letter.urgency,
        "body_html": reply_opening(letter) + template.body_html,
    }
    source = letter.source_document
    if source is not None and source.organisation_id != letter.organisation_id:
        initial["to_offices"] = [source.organisation_id]
    else:
        initial["to_external"] = letter.sender_display.replace("|", "/")
    return initial
