"""Every write to outgoing documents: templates, drafting, paraf, signing and sending.

Each function takes keyword arguments, checks the actor's permission, changes the rows in one
transaction with an audit event, and queues slow work (e-mail) after the commit. State changes go
through `lontar.core.workflow.services.transition`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.background import enqueue_on_commit
from lontar.core.documents.rendering import sanitise_body
from lontar.core.documents.services import issue_document
from lontar.core.files.services import store_upload
from lontar.core.models import Organisation, Position
from lontar.core.notifications.services import notify
from lontar.core.notifications.tasks import retry_delay
from lontar.core.numbering.services import take_number
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import transition
from lontar.correspondence.models.incoming import IncomingLetter
from lontar.correspondence.models.outgoing import (
    ADDRESSED_TYPES,
    URGENCY_PRINTED,
    DeliveryStatus,
    OutgoingComment,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingTemplate,
    OutgoingType,
    OutgoingVersion,
    ParafStep,
    RecipientRole,
    SecurityClass,
    TemplateVerifier,
    Urgency,
)
from lontar.correspondence.outgoing_access import acting_assignment, current_step, positions_acted_by
from lontar.correspondence.outgoing_actions import (
    COMMENT_OUTGOING,
    DRAFT_OUTGOING,
    EDIT_OUTGOING,
    MANAGE_OUTGOING_TEMPLATES,
    PARAF_OUTGOING,
    SEND_OUTGOING,
    SIGN_OUTGOING,
    SUBMIT_OUTGOING,
)
from lontar.correspondence.services.incoming import receive_issued_document
from lontar.records import selectors as records

logger = logging.getLogger(__name__)


# --- templates ----------------------------------------------------------------------------------

_CLOSING = "<p>Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.</p>"


@dataclass(frozen=True)
class DefaultTemplate:
    body_html: str
    classification_code: str
    numbering_key: str


DEFAULT_TEMPLATES: dict[str, DefaultTemplate] = {
    OutgoingType.SURAT_DINAS: DefaultTemplate(
        "<p>Dengan hormat,</p><p>Sehubungan dengan ..., dengan ini kami sampaikan bahwa ...</p>" + _CLOSING,
        "000.1",
        "surat_dinas",
    ),
    OutgoingType.NOTA_DINAS: DefaultTemplate(
        "<p>Bersama ini kami sampaikan hal-hal sebagai berikut:</p><ol><li>...</li><li>...</li></ol>"
        "<p>Demikian disampaikan untuk menjadi perhatian.</p>",
        "000.1",
        "nota_dinas",
    ),
    OutgoingType.UNDANGAN: DefaultTemplate(
        "<p>Dengan hormat,</p><p>Mengharap kehadiran Bapak/Ibu/Saudara pada:</p>"
        "<table><tr><td>hari, tanggal</td><td>:</td><td>...</td></tr>"
        "<tr><td>waktu</td><td>:</td><td>... WIB s.d. selesai</td></tr>"
        "<tr><td>tempat</td><td>:</td><td>Aula Kantor Kecamatan</td></tr>"
        "<tr><td>acara</td><td>:</td><td>...</td></tr></table>"
        "<p>Mengingat pentingnya acara tersebut, kehadiran tepat waktu sangat diharapkan.</p>" + _CLOSING,
        "000.1.5",
        "undangan",
    ),
    OutgoingType.SURAT_TUGAS: DefaultTemplate(
        "<p>Dasar: ...</p><p>MENUGASKAN:</p>"
        "<table><tr><td>Kepada</td><td>:</td><td>Nama ... NIP ... Jabatan ...</td></tr>"
        "<tr><td>Untuk</td><td>:</td><td>...</td></tr></table>"
        "<p>Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.</p>",
        "800.1.11.1",
        "surat_tugas",
    ),
    OutgoingType.SURAT_KETERANGAN: DefaultTemplate(
        "<p>Yang bertanda tangan di bawah ini menerangkan bahwa:</p>"
        "<table><tr><td>Nama</td><td>:</td><td>...</td></tr>"
        "<tr><td>Alamat</td><td>:</td><td>...</td></tr></table>"
        "<p>adalah benar ...</p>"
        "<p>Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.</p>",
        "000.8.3.2",
        "surat_keterangan",
    ),
    OutgoingType.SURAT_EDARAN: DefaultTemplate(
        "<p>Yth. ...</p><p>Dalam rangka ..., dengan ini disampaikan hal-hal sebagai berikut:</p>"
        "<ol><li>...</li><li>...</li></ol><p>Demikian surat edaran ini untuk dilaksanakan.</p>",
        "000.1",
        "surat_edaran",
    ),
    OutgoingType.BERITA_ACARA: DefaultTemplate(
        "<p>Pada hari ini ..., tanggal ..., bertempat di ..., kami yang bertanda tangan di bawah ini "
        "telah melaksanakan ...</p><p>Demikian berita acara ini dibuat dengan sebenarnya.</p>",
        "000.1",
        "berita_acara",
    ),
    OutgoingType.SURAT_KEPUTUSAN: DefaultTemplate(
        "<p>Menimbang: ...</p><p>Mengingat: ...</p><p>MEMUTUSKAN:</p>"
        "<p>Menetapkan: ...</p><p>KESATU: ...</p><p>KEDUA: Keputusan ini mulai berlaku pada tanggal "
        "ditetapkan.</p>",
        "000.8",
        "surat_keputusan",
    ),
}

TEMPLATE_FIELDS = ("document_type", "body_html", "classification", "numbering_key", "signatory_position")


def default_signatory(organisation) -> Position | None:
    """The office head's position (Camat, Lurah): the unit head with no superior."""
    return (
        Position.objects.filter(organisation=organisation, superior__isnull=True, is_unit_head=True)
        .order_by("order", "pk")
        .first()
    )


def template_for(organisation, document_type: str) -> OutgoingTemplate:
    """The office's template for the type, or (unsaved) the built-in default."""
    stored = (
        OutgoingTemplate.objects.filter(organisation=organisation, document_type=document_type)
        .select_related("classification", "signatory_position")
        .first()
    )
    if stored is not None:
        return stored
    default = DEFAULT_TEMPLATES[document_type]
    return OutgoingTemplate(
        organisation=organisation,
        document_type=document_type,
        body_html=default.body_html,
        classification=records.classification_by_code(default.classification_code),
        numbering_key=default.numbering_key,
        signatory_position=default_signatory(organisation),
    )


def chain_of(template: OutgoingTemplate) -> list[Position]:
    if template.pk is None:
        return []
    return [v.position for v in template.verifiers.select_related("position").order_by("order")]


def _check_office_positions(organisation, positions: Sequence[Position]) -> None:
    for position in positions:
        if position.organisation_id != organisation.pk:
            raise ValidationError(_("Jabatan %(title)s bukan jabatan di kantor ini.") % {"title": position})


def save_template(
    *,
    actor,
    organisation,
    document_type: str,
    body_html: str,
    classification,
    numbering_key: str,
    signatory_position: Position | None,
    verifier_positions: Sequence[Position] = (),
) -> OutgoingTemplate:
    """Create or replace the office's template for `document_type`, with its paraf chain in order."""
    require(actor, MANAGE_OUTGOING_TEMPLATES, organisation=organisation)
    if document_type not in OutgoingType.values:
        raise ValidationError(_("Jenis naskah tidak dikenal."))
    numbering_key = (numbering_key or "").strip()
    if not numbering_key:
        raise ValidationError({"numbering_key": _("Kunci templat penomoran wajib diisi.")})
    if signatory_position is None:
        raise ValidationError({"signatory_position": _("Pilih jabatan penandatangan.")})
    positions = list(verifier_positions)
    _check_office_positions(organisation, [*positions, signatory_position])
    if len({p.pk for p in positions}) != len(positions):
        raise ValidationError(_("Satu jabatan hanya boleh muncul sekali dalam rantai paraf."))
    if signatory_position.pk in {p.pk for p in positions}:
        raise ValidationError(_("Penandatangan tidak perlu memaraf naskahnya sendiri."))
    with transaction.atomic():
        template = (
            OutgoingTemplate.objects.select_for_update()
            .filter(organisation=organisation, document_type=document_type)
            .first()
        )
        before = None
        if template is None:
            template = OutgoingTemplate(organisation=organisation, document_type=document_type)
        else:
            before = {
                **audit.snapshot(template, TEMPLATE_FIELDS),
                "verifiers": [p.pk for p in chain_of(template)],
            }
        template.body_html = sanitise_body(body_html)
        template.classification = classification
        template.numbering_key = numbering_key
        template.signatory_position = signatory_position
        template.save()
        template.verifiers.all().delete()
        TemplateVerifier.objects.bulk_create(
            TemplateVerifier(organisation=organisation, template=template, position=p, order=i)
            for i, p in enumerate(positions, start=1)
        )
        after = {**audit.snapshot(template, TEMPLATE_FIELDS), "verifiers": [p.pk for p in positions]}
        before, after = audit.changes(before, after)
        audit.record(
            actor=actor,
            action="correspondence.outgoing_template_save",
            obj=template,
            before=before,
            after=after,
        )
    return template


# --- search ---


SEARCH_KIND_OUTGOING = "naskah_keluar"


def _queue_index(document: OutgoingDocument) -> None:
    from lontar.correspondence.tasks_outgoing import index_outgoing_document

    enqueue_on_commit(index_outgoing_document, document.pk)


def index_document(*, document_id: int) -> None:
    """(Re)write the document's search entry: subject and number as title, the text and recipients as
    body. A Rahasia document is found only by its circle. Safe to run again."""
    from lontar.core.search.services import index, text_of_html
    from lontar.correspondence.outgoing_access import circle_user_ids

    document = (
        OutgoingDocument.objects.filter(pk=document_id)
        .select_related("organisation", "classification")
        .first()
    )
    if document is None:
        return
    names = " ".join(r.name for r in document.recipients.all())
    title = f"{document.subject} ({document.number})" if document.number else document.subject
    index(
        obj=document,
        organisation=document.organisation,
        title=title,
        body=f"{text_of_html(document.body_html)}\n{names}",
        url=reverse("correspondence:outgoing_detail", args=[document.pk]),
        restricted=document.is_restricted,
        allowed_user_ids=circle_user_ids(document) if document.is_restricted else (),
        kind=SEARCH_KIND_OUTGOING,
        occurred_on=document.document_date or timezone.localdate(document.created_at),
        classification_code=document.classification.code if document.classification_id else "",
        unit_id=document.drafter_unit_id,
        status=document.status,
        party=names,
    )


# --- drafting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientInput:
    role: str
    name: str = ""
    address: str = ""
    email: str = ""
    organisation: Organisation | None = None


DRAFT_FIELDS = (
    "subject",
    "classification",
    "urgency",
    "security",
    "attachments_note",
    "recipient_place",
    "body_html",
)


def _deployment_root(organisation) -> str:
    return "/" + organisation.path.strip("/").split("/")[0] + "/"


def _clean_recipients(organisation, recipients: Sequence[RecipientInput]) -> list[RecipientInput]:
    cleaned = []
    root = _deployment_root(organisation)
    for r in recipients:
        if r.role not in RecipientRole.values:
            raise ValidationError(_("Peran penerima tidak dikenal."))
        if r.organisation is not None:
            if not r.organisation.path.startswith(root) or not r.organisation.is_active:
                raise ValidationError(
                    _("Kantor tujuan harus kantor aktif di lingkungan pemerintah yang sama.")
                )
            if r.organisation.pk == organisation.pk:
                raise ValidationError(
                    _("Naskah tidak dikirim ke kantor sendiri; pakai nota dinas ke unitnya.")
                )
            cleaned.append(
                RecipientInput(r.role, (r.name or r.organisation.name).strip()[:200], "", "", r.organisation)
            )
        else:
            name = (r.name or "").strip()
            if not name:
                raise ValidationError(_("Nama penerima luar wajib diisi."))
            cleaned.append(
                RecipientInput(r.role, name[:200], (r.address or "").strip()[:300], (r.email or "").strip())
            )
    return cleaned


def _write_recipients(document: OutgoingDocument, recipients: list[RecipientInput]) -> None:
    document.recipients.all().delete()
    OutgoingRecipient.objects.bulk_create(
        OutgoingRecipient(
            organisation=document.organisation,
            document=document,
            role=r.role,
            internal_organisation=r.organisation,
            name=r.name,
            address=r.address,
            email=r.email,
            order=i,
        )
        for i, r in enumerate(recipients)
    )


def _validate_fields(document_type: str, fields: dict) -> dict:
    fields = dict(fields)
    fields["subject"] = (fields.get("subject") or "").strip()
    if not fields["subject"]:
        raise ValidationError({"subject": _("Hal/perihal wajib diisi.")})
    if fields.get("urgency", Urgency.NORMAL) not in Urgency.values:
        raise ValidationError({"urgency": _("Sifat naskah tidak dikenal.")})
    if fields.get("security", SecurityClass.OPEN) not in SecurityClass.values:
        raise ValidationError({"security": _("Klasifikasi keamanan tidak dikenal.")})
    fields["body_html"] = sanitise_body(fields.get("body_html") or "")
    for key in ("attachments_note", "recipient_place"):
        fields[key] = (fields.get(key) or "").strip()
    return fields


def _snapshot(document: OutgoingDocument) -> dict:
    return {
        "classification": document.classification.code if document.classification_id else "",
        "urgency": document.urgency,
        "security": document.security,
        "attachments_note": document.attachments_note,
        "recipient_place": document.recipient_place,
        "recipients": [
            {
                "role": r.role,
                "name": r.name,
                "address": r.address,
                "email": r.email,
                "office": r.internal_organisation_id,
            }
            for r in document.recipients.all()
        ],
    }


def _add_version(document: OutgoingDocument, actor, reason: str) -> OutgoingVersion:
    document.version += 1
    document.save(update_fields=["version", "updated_at"])
    return OutgoingVersion.objects.create(
        organisation=document.organisation,
        document=document,
        number=document.version,
        subject=document.subject,
        body_html=document.body_html,
        details=_snapshot(document),
        reason=reason,
        created_by=actor,
    )


def _drafter_unit(actor, organisation):
    staff = getattr(actor, "staff", None)
    if staff is not None and staff.organisation_id == organisation.pk:
        return staff.unit
    return None


def create_draft(
    *,
    actor,
    organisation,
    document_type: str,
    recipients: Sequence[RecipientInput] = (),
    replies_to: IncomingLetter | None = None,
    **fields,
) -> OutgoingDocument:
    """A new draft of `document_type`, from the office's template (body and classification when not
    given), with its first version. The drafter's unit is the drafter's own."""
    require(actor, DRAFT_OUTGOING, organisation=organisation)
    if document_type not in OutgoingType.values:
        raise ValidationError({"document_type": _("Jenis naskah tidak dikenal.")})
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if replies_to is not None and replies_to.organisation_id != organisation.pk:
        raise ValidationError(_("Surat yang dibalas harus surat masuk kantor ini."))
    template = template_for(organisation, document_type)
    if template.signatory_position is None:
        raise ValidationError(
            _(
                "Kantor ini belum menetapkan jabatan penandatangan untuk jenis naskah ini. "
                "Hubungi administrator."
            )
        )
    if not (fields.get("body_html") or "").strip():
        fields["body_html"] = template.body_html
    if fields.get("classification") is None:
        fields["classification"] = template.classification
    fields = _validate_fields(document_type, fields)
    cleaned = _clean_recipients(organisation, recipients)
    with transaction.atomic():
        document = OutgoingDocument.objects.create(
            organisation=organisation,
            document_type=document_type,
            drafter=actor,
            drafter_unit=_drafter_unit(actor, organisation),
            signatory_position=template.signatory_position,
            replies_to=replies_to,
            **fields,
        )
        _write_recipients(document, cleaned)
        version = _add_version(document, actor, "dibuat")
        audit.record(
            actor=actor,
            action="correspondence.outgoing_create",
            obj=document,
            after={
                "document_type": document_type,
                "subject": document.subject,
                "version": version.number,
                "replies_to": replies_to.pk if replies_to is not None else None,
            },
        )
        _queue_index(document)
    return document


def update_draft(
    *, actor, document: OutgoingDocument, recipients: Sequence[RecipientInput] | None = None, **fields
) -> OutgoingDocument:
    """Save the drafter's changes as a new version (only while a draft or returned for revision)."""
    require(actor, EDIT_OUTGOING, document)
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        require(actor, EDIT_OUTGOING, locked)
        current = {name: getattr(locked, name) for name in DRAFT_FIELDS}
        merged = _validate_fields(locked.document_type, {**current, **fields})
        before = _snapshot(locked) | {"subject": locked.subject, "body_html": locked.body_html}
        for name, value in merged.items():
            setattr(locked, name, value)
        locked.save()
        if recipients is not None:
            _write_recipients(locked, _clean_recipients(locked.organisation, recipients))
        after = _snapshot(locked) | {"subject": locked.subject, "body_html": locked.body_html}
        before, after = audit.changes(before, after)
        if after:
            version = _add_version(locked, actor, "diubah")
            audit.record(
                actor=actor,
                action="correspondence.outgoing_update",
                obj=locked,
                before=before,
                after={**after, "version": version.number},
            )
            _queue_index(locked)
    document.refresh_from_db()
    return document


def attach_file(*, actor, document: OutgoingDocument, uploaded_file):
    """An attachment (lampiran) stored through core files, following the document's audience."""
    require(actor, EDIT_OUTGOING, document)
    return store_upload(
        organisation=document.organisation, actor=actor, uploaded_file=uploaded_file, owner=document
    )


def add_comment(*, actor, document: OutgoingDocument, body: str) -> OutgoingComment:
    require(actor, COMMENT_OUTGOING, document)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Komentar tidak boleh kosong.")})
    with transaction.atomic():
        comment = OutgoingComment.objects.create(
            organisation=document.organisation,
            document=document,
            author=actor,
            body=body[:5000],
            version=document.version,
        )
        audit.record(
            actor=actor,
            action="correspondence.outgoing_comment",
            obj=document,
            after={"comment": comment.body},
        )
    return comment


def reply_opening(letter: IncomingLetter) -> str:
    """The first paragraph of a reply, naming the letter it answers (the usual "Menindaklanjuti ...")."""
    from django.utils.html import escape

    from lontar.core.documents.rendering import indonesian_date

    parts = [f"Menindaklanjuti surat {escape(letter.sender_display)}"]
    if letter.sender_number:
        parts.append(f"nomor {escape(letter.sender_number)}")
    if letter.sender_date:
        parts.append(f"tanggal {indonesian_date(letter.sender_date)}")
    parts.append(f"perihal {escape(letter.subject)}, dengan ini kami sampaikan bahwa ...")
    return "<p>" + " ".join(parts) + "</p>"


# --- the paraf chain ----------------------------------------------------------------------------


def _holder_user(position):
    assignment = acting_assignment(position)
    return getattr(assignment.staff, "user", None) if assignment is not None else None


def _tell(position_or_user, document: OutgoingDocument, title: str) -> None:
    user = position_or_user if not isinstance(position_or_user, Position) else _holder_user(position_or_user)
    if user is None:
        return
    notify(
        recipient=user,
        organisation=document.organisation,
        title=title,
        url=reverse("correspondence:outgoing_detail", args=[document.pk]),
    )


def _acted_as(position: Position, actor) -> str:
    assignment = acting_assignment(position)
    prefix = (
        assignment.signature_prefix if assignment is not None and assignment.staff.user_id == actor.pk else ""
    )
    return f"{prefix}{position.title}"


def submit(*, actor, document: OutgoingDocument, note: str = "") -> OutgoingDocument:
    """Send the draft up the chain: a new round of paraf steps from the office's template, the first
    one pending; with no verifiers it goes straight to the signatory."""
    require(actor, SUBMIT_OUTGOING, document)
    if (
        document.document_type in ADDRESSED_TYPES
        and not document.recipients.filter(role=RecipientRole.TO).exists()
    ):
        raise ValidationError(_("Tujuan naskah (Yth.) wajib diisi untuk surat, undangan dan nota dinas."))
    if document.classification_id is None:
        raise ValidationError(_("Kode klasifikasi wajib diisi sebelum naskah diajukan."))
    template = template_for(document.organisation, document.document_type)
    chain = chain_of(template)
    with transaction.atomic():
        transition(obj=document, name="submit", actor=actor, note=note)
        document.round += 1
        if template.signatory_position_id:
            document.signatory_position = template.signatory_position
        document.save(update_fields=["round", "signatory_position", "updated_at"])
        ParafStep.objects.bulk_create(
            ParafStep(
                organisation=document.organisation,
                document=document,
                round=document.round,
                order=i,
                position=position,
                state=ParafStep.State.PENDING if i == 1 else ParafStep.State.WAITING,
            )
            for i, position in enumerate(chain, start=1)
        )
        _add_version(document, actor, "diajukan")
        if note.strip():
            add_comment(actor=actor, document=document, body=note)
        if chain:
            _tell(chain[0], document, _("Naskah menunggu paraf Anda: %(s)s") % {"s": document.subject})
        else:
            transition(obj=document, name="verified", actor=None, note=_("Tanpa rantai paraf."))
            _tell(
                document.signatory_position,
                document,
                _("Naskah menunggu tanda tangan Anda: %(s)s") % {"s": document.subject},
            )
        _queue_index(document)
    return document


def give_paraf(*, actor, document: OutgoingDocument, comment: str = "") -> OutgoingDocument:
    """The verifier whose turn it is initials the document; the next one's turn begins, or, after the
    last, the document waits for the signatory."""
    require(actor, PARAF_OUTGOING, document)
    with transaction.atomic():
        locked = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        step = current_step(locked)
        if step is None or step.position_id not in positions_acted_by(actor):
            raise PermissionDenied(PARAF_OUTGOING)
        step.state = ParafStep.State.APPROVED
        step.acted_by = actor
        step.acted_as = _acted_as(step.position, actor)
        step.acted_at = timezone.now()
        step.version = locked.version
        step.save()
        audit.record(
            actor=actor,
            action="correspondence.outgoing_paraf",
            obj=locked,
            after={"step": step.order, "round": step.round, "as": step.acted_as, "version": step.version},
        )
        if comment.strip():
            add_comment(actor=actor, document=locked, body=comment)
        following = (
            ParafStep.objects.filter(document=locked, round=locked.round, state=ParafStep.State.WAITING)
            .select_related("position")
            .order_by("order")
            .first()
        )
        if following is not None:
            following.state = ParafStep.State.PENDING
            following.save(update_fields=["state"])
            _tell(following.position, locked, _("Naskah menunggu paraf Anda: %(s)s") % {"s": locked.subject})
        else:
            transition(obj=locked, name="verified", actor=None, note=_("Paraf lengkap."))
            _tell(
                locked.signatory_position,
                locked,
                _("Naskah menunggu tanda tangan Anda: %(s)s") % {"s": locked.subject},
            )
        _queue_index(locked)
    document.refresh_from_db()
    return document


def return_for_revision(*, actor, document: OutgoingDocument, comment: str) -> OutgoingDocument:
    """A verifier (in turn) or the signatory sends the document back to its drafter, saying why."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Tuliskan alasan pengembalian agar pengonsep tahu yang harus diperbaiki.")}
        )
    with transaction.atomic():
        locked = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status == OutgoingStatus.AWAITING_SIGNATURE:
            require(actor, SIGN_OUTGOING, locked)
            transition(obj=locked, name="signatory_returns", actor=actor, note=comment)
        else:
            require(actor, PARAF_OUTGOING, locked)
            step = current_step(locked)
            transition(obj=locked, name="return_for_revision", actor=actor, note=comment)
            step.state = ParafStep.State.RETURNED
            step.acted_by = actor
            step.acted_as = _acted_as(step.position, actor)
            step.acted_at = timezone.now()
            step.version = locked.version
            step.save()
        ParafStep.objects.filter(document=locked, round=locked.round, state=ParafStep.State.WAITING).update(
            state=ParafStep.State.CANCELLED
        )
        add_comment(actor=actor, document=locked, body=comment)
        _tell(locked.drafter, locked, _("Naskah dikembalikan untuk perbaikan: %(s)s") % {"s": locked.subject})
        _queue_index(locked)
    document.refresh_from_db()
    return document


# --- signing ------------------------------------------------------------------------------------


def _recipient_names(document: OutgoingDocument, role: str) -> list[str]:
    return [r.name for r in document.recipients.all() if r.role == role]


def sign(*, actor, document: OutgoingDocument, signer_credentials=None) -> OutgoingDocument:
    """The signatory signs: the number is taken (classification and unit code), the date fixed, the
    PDF issued with letterhead, QR and electronic signature; all or nothing.

    The counter's row stays locked until the PDF is stored, so a failed rendering takes no number and
    leaves no gap in the register.
    """
    require(actor, SIGN_OUTGOING, document)
    with transaction.atomic():
        locked = (
            OutgoingDocument.objects.select_for_update(of=("self",))
            .select_related("classification", "drafter_unit", "signatory_position", "organisation")
            .get(pk=document.pk)
        )
        require(actor, SIGN_OUTGOING, locked)
        organisation = locked.organisation
        if locked.classification_id is None:
            raise ValidationError(_("Kode klasifikasi wajib diisi sebelum naskah ditandatangani."))
        assignment = acting_assignment(locked.signatory_position)
        if assignment is None or assignment.staff.user_id != actor.pk:
            raise PermissionDenied(SIGN_OUTGOING)
        today = organisation_today(organisation)
        template = template_for(organisation, locked.document_type)
        issued_number = take_number(
            organisation=organisation,
            document_type=template.numbering_key,
            actor=actor,
            classification_code=locked.classification.code,
            unit_code=locked.drafter_unit.code if locked.drafter_unit_id else None,
            on_date=today,
            obj=locked,
        )
        if (
            OutgoingDocument.objects.filter(organisation=organisation, number=issued_number.number)
            .exclude(pk=locked.pk)
            .exists()
        ):
            # A letter imported from the old buku agenda may carry a number the counter was not moved
            # past (one that did not fit the template). Refuse, taking nothing, rather than fail later.
            raise ValidationError(
                _(
                    "Nomor %(number)s sudah dipakai naskah lain di kantor ini (misalnya dari buku agenda "
                    "lama), sehingga naskah belum ditandatangani dan tidak ada nomor yang diambil. Minta "
                    "administrator kantor menggeser penghitung nomor di menu Penomoran."
                )
                % {"number": issued_number.number},
                code="number_in_use",
            )
        issued = issue_document(
            organisation=organisation,
            actor=actor,
            document_type=locked.layout_type,
            document_type_name=locked.get_document_type_display(),
            number=issued_number.number,
            title=locked.subject,
            body_html=locked.body_html,
            document_date=today,
            signatory_assignment=assignment,
            urgency=URGENCY_PRINTED[locked.urgency],
            attachments_note=locked.attachments_note,
            recipients=_recipient_names(locked, RecipientRole.TO),
            recipient_place=locked.recipient_place,
            copies=_recipient_names(locked, RecipientRole.COPY),
            source=locked,
            signer_credentials=signer_credentials,
        )
        locked.number = issued_number.number
        locked.document_date = today
        locked.signed_by = actor
        locked.issued_document = issued
        locked.save(update_fields=["number", "document_date", "signed_by", "issued_document", "updated_at"])
        transition(obj=locked, name="sign", actor=actor, note=issued_number.number)
        _tell(locked.drafter, locked, _("Naskah ditandatangani, nomor %(n)s") % {"n": locked.number})
        _queue_index(locked)
    document.refresh_from_db()
    return document


# --- sending ------------------------------------------------------------------------------------


def _deliver_internal(recipient: OutgoingRecipient, document: OutgoingDocument) -> None:
    """Register the signed document in the recipient office's incoming inbox (channel "internal"),
    with that office's own agenda number, linked to the issued document. Done once per office: a
    second delivery of the same document to the same office finds the letter already there.

    When the office cannot take it yet (no agenda numbering template), the recipient stays
    `INTERNAL_PENDING` with the reason, and the rest of the sending goes on."""
    office = recipient.internal_organisation
    try:
        with transaction.atomic():
            # One path for every letter that arrives through Lontar: the incoming module registers it
            # with the office's own agenda number, the signed PDF as its scan, and tells its leaders.
            receive_issued_document(
                organisation=office,
                document=document.issued_document,
                urgency=document.urgency,
                security=document.security,
                classification=document.classification,
            )
    except ValidationError as exc:
        recipient.delivery_status = DeliveryStatus.INTERNAL_PENDING
        recipient.last_error = " ".join(exc.messages)[:500]
        recipient.save(update_fields=["delivery_status", "last_error"])
        return
    recipient.delivery_status = DeliveryStatus.DELIVERED
    recipient.delivered_at = timezone.now()
    recipient.last_error = ""
    recipient.save(update_fields=["delivery_status", "delivered_at", "last_error"])


def deliver_pending(*, actor, document: OutgoingDocument) -> int:
    """Try again what did not arrive: internal deliveries that could not be made when the document
    was sent, and e-mails that failed after all their automatic attempts (queued again, afresh).
    Returns how many internal deliveries were made now plus how many e-mails were queued."""
    require(actor, SEND_OUTGOING, document)
    delivered = requeued = 0
    with transaction.atomic():
        for recipient in document.recipients.select_for_update().filter(
            delivery_status=DeliveryStatus.INTERNAL_PENDING
        ):
            _deliver_internal(recipient, document)
            delivered += recipient.delivery_status == DeliveryStatus.DELIVERED
        for recipient in document.recipients.select_for_update().filter(
            delivery_status=DeliveryStatus.EMAIL_FAILED
        ):
            recipient.email_attempts = 0
            _queue_email(recipient, extra_fields=["email_attempts"])
            requeued += 1
        audit.record(
            actor=actor,
            action="correspondence.outgoing_redeliver",
            obj=document,
            after={"delivered": delivered, "emails_queued_again": requeued},
        )
    return delivered + requeued


# E-mail to outside recipients: tried at once, then again after 2, 10 and 50 minutes, then marked
# failed (the office prints it, or queues it again by hand). A claimed e-mail whose worker died is
# taken back after its lease. `retry_outgoing_emails` (cron, every few minutes) enqueues what is due.
EMAIL_MAX_ATTEMPTS = 4
EMAIL_RETRY_BASE = timedelta(minutes=2)
EMAIL_LEASE = timedelta(minutes=15)
# A queued e-mail whose task never ran (queue down) is enqueued again after this.
EMAIL_QUEUE_GRACE = timedelta(minutes=10)


def _queue_email(recipient: OutgoingRecipient, extra_fields: Sequence[str] = ()) -> None:
    from lontar.correspondence.tasks_outgoing import email_outgoing_document

    recipient.delivery_status = DeliveryStatus.EMAIL_QUEUED
    recipient.next_attempt_at = timezone.now() + EMAIL_QUEUE_GRACE
    recipient.save(update_fields=["delivery_status", "next_attempt_at", *extra_fields])
    enqueue_on_commit(email_outgoing_document, recipient.pk)


def retry_outgoing_emails(*, now=None) -> int:
    """Enqueue the e-mails that are due: queued ones whose retry time has come (or whose task was
    lost), and claimed ones whose worker stopped before finishing. Safe to run often and twice:
    the task claims each e-mail once."""
    from lontar.correspondence.tasks_outgoing import email_outgoing_document

    now = now or timezone.now()
    stalled = OutgoingRecipient.objects.filter(
        delivery_status=DeliveryStatus.EMAIL_SENDING, next_attempt_at__lte=now
    ).update(delivery_status=DeliveryStatus.EMAIL_QUEUED)
    if stalled:
        logger.warning("%s outgoing e-mail(s) were stalled while sending; queued again", stalled)
    due = list(
        OutgoingRecipient.objects.filter(
            delivery_status=DeliveryStatus.EMAIL_QUEUED, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    for recipient_id in due:
        enqueue_on_commit(email_outgoing_document, recipient_id)
    return len(due)


# Modules above correspondence that must act when a document goes out (a meeting delivers its
# invitation with a calendar file) register a callback here instead of listening for a signal.
_SENT_HOOKS: list = []


def register_sent_hook(hook) -> None:
    """Call `hook(document)` inside the sending transaction of every outgoing document."""
    if hook not in _SENT_HOOKS:
        _SENT_HOOKS.append(hook)


def send(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """Send the signed document to every addressee and copy: offices of the deployment receive it in
    their incoming inbox, outside recipients with an e-mail address by e-mail with the PDF (after the
    commit), the others are listed for printing."""
    require(actor, SEND_OUTGOING, document)
    with transaction.atomic():
        transition(obj=document, name="send", actor=actor)
        counts = {"internal": 0, "email": 0, "print": 0}
        document.refresh_from_db()
        for recipient in document.recipients.select_for_update(of=("self",)).select_related(
            "internal_organisation"
        ):
            if recipient.is_internal:
                _deliver_internal(recipient, document)
                counts["internal"] += 1
            elif recipient.email:
                _queue_email(recipient)
                counts["email"] += 1
            else:
                recipient.delivery_status = DeliveryStatus.TO_PRINT
                recipient.save(update_fields=["delivery_status"])
                counts["print"] += 1
        audit.record(actor=actor, action="correspondence.outgoing_send", obj=document, after=counts)
        for hook in _SENT_HOOKS:
            hook(document)
    return document


def email_recipient(*, recipient_id: int) -> bool:
    """Mail one recipient the signed PDF. Safe to run twice: only a queued delivery is claimed."""
    from django.conf import settings
    from django.core.mail import EmailMessage

    now = timezone.now()
    claimed = OutgoingRecipient.objects.filter(
        pk=recipient_id, delivery_status=DeliveryStatus.EMAIL_QUEUED
    ).update(
        delivery_status=DeliveryStatus.EMAIL_SENDING,
        email_attempts=F("email_attempts") + 1,
        next_attempt_at=now + EMAIL_LEASE,
    )
    if not claimed:
        return False
    recipient = OutgoingRecipient.objects.select_related("document__issued_document", "organisation").get(
        pk=recipient_id
    )
    document = recipient.document
    issued = document.issued_document
    office = recipient.organisation
    subject = f"{issued.document_type_name} {issued.number}: {issued.title}"
    body = "\n\n".join(
        [
            f"Yth. {recipient.name},",
            f"Bersama surel ini {office.name} menyampaikan {issued.document_type_name} "
            f"nomor {issued.number} tentang {issued.title}. "
            "Naskah terlampir dalam bentuk PDF yang ditandatangani secara elektronik.",
            f"Keaslian naskah dapat diperiksa di {issued.verification_url()}",
            office.name,
        ]
    )
    message = EmailMessage(
        subject=subject[:200],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        reply_to=[office.email] if office.email else None,
    )
    with issued.file.open("rb") as handle:
        message.attach(f"{issued.number.replace('/', '-')}.pdf", handle.read(), "application/pdf")
    try:
        message.send()
    except Exception as exc:
        _email_failed(recipient, document, f"{type(exc).__name__}: {exc}"[:500])
        return False
    with transaction.atomic():
        OutgoingRecipient.objects.filter(pk=recipient_id).update(
            delivery_status=DeliveryStatus.EMAILED,
            delivered_at=timezone.now(),
            last_error="",
            next_attempt_at=None,
        )
        audit.record(
            actor=None,
            action="correspondence.outgoing_emailed",
            obj=document,
            after={
                "recipient": recipient.name,
                "email": recipient.email,
                "attempt": recipient.email_attempts,
            },
        )
    return True


def _email_failed(recipient: OutgoingRecipient, document: OutgoingDocument, error: str) -> None:
    """Schedule the next attempt, or give up after the last one; either way the office can see why."""
    attempts = recipient.email_attempts
    retry = attempts < EMAIL_MAX_ATTEMPTS
    status = DeliveryStatus.EMAIL_QUEUED if retry else DeliveryStatus.EMAIL_FAILED
    retry_at = timezone.now() + retry_delay(attempts, base=EMAIL_RETRY_BASE) if retry else None
    with transaction.atomic():
        OutgoingRecipient.objects.filter(pk=recipient.pk).update(
            delivery_status=status, last_error=error, next_attempt_at=retry_at
        )
        audit.record(
            actor=None,
            action="correspondence.outgoing_email_failed",
            obj=document,
            before={"recipient": recipient.name, "delivery": DeliveryStatus.EMAIL_SENDING.value},
            after={
                "recipient": recipient.name,
                "email": recipient.email,
                "attempt": attempts,
                "error": error,
                "delivery": status.value,
                "next_attempt_at": retry_at.isoformat() if retry_at else None,
            },
        )
    logger.warning(
        "Outgoing document %s: e-mail to recipient %s failed (attempt %s of %s): %s",
        document.pk,
        recipient.pk,
        attempts,
        EMAIL_MAX_ATTEMPTS,
        error,
    )
