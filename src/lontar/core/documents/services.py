"""Issuing documents: render, sign, store, hash and audit in one call."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.documents import rendering
from lontar.core.documents.models import IssuedDocument, SignerKind, new_verification_token
from lontar.core.documents.signing import Signer, get_signer
from lontar.core.models import Organisation, OrganisationKind, Staff
from lontar.core.permissions import ISSUE_DOCUMENT, require

DEFAULT_TEMPLATE = "core/documents/pdf/letter.html"

# The naskah dinas types in daily use (REFERENCE §2); modules may pass other slugs with a name.
DOCUMENT_TYPES = {
    "surat-dinas": "Surat Dinas",
    "nota-dinas": "Nota Dinas",
    "surat-undangan": "Surat Undangan",
    "surat-tugas": "Surat Tugas",
    "surat-keterangan": "Surat Keterangan",
    "surat-edaran": "Surat Edaran",
    "surat-keputusan": "Surat Keputusan",
    "berita-acara": "Berita Acara",
    "memo": "Memo",
    "laporan": "Laporan",
    "rekomendasi": "Rekomendasi",
    "lembar-disposisi": "Lembar Disposisi",
}

# How each type is laid out (Permendagri 1/2023 tata naskah dinas): letters carry the date on top,
# the Nomor/Sifat/Lampiran/Hal block and the addressee; a nota dinas has its Yth./Dari/... table;
# the others are headed by their type and number and dated above the signature.
LETTER_TYPES = frozenset({"surat-dinas", "surat-undangan"})
MEMO_TYPES = frozenset({"nota-dinas"})
URGENCIES = ("Biasa", "Segera", "Sangat Segera")

AUDIT_FIELDS = (
    "document_type",
    "number",
    "document_date",
    "title",
    "signatory_name",
    "signatory_position",
    "sha256",
    "signed",
    "signer_kind",
    "file",
)


def default_place(organisation: Organisation) -> str:
    """The place written before the date: the name of the kota/kabupaten the office belongs to."""
    city = next((org for org in organisation.ancestors() if org.kind == OrganisationKind.CITY), None)
    name = (city or organisation).name
    for prefix in ("Kota ", "Kabupaten ", "Kab. "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _signatory_from_assignment(assignment, organisation, document_date) -> dict[str, str]:
    if assignment.organisation_id != organisation.pk:
        raise ValidationError(_("Penandatangan harus pejabat pada kantor yang menerbitkan naskah."))
    if assignment.start_date > document_date or (assignment.end_date and assignment.end_date < document_date):
        raise ValidationError(_("Penugasan jabatan penandatangan tidak berlaku pada tanggal naskah."))
    staff = assignment.staff
    return {
        "signatory_name": staff.name_with_titles,
        "signatory_position": f"{assignment.signature_prefix}{assignment.position.title}",
        "signatory_rank": rendering.format_rank(staff.rank),
        "signatory_nip": staff.nip_display
        if staff.employment_type == Staff.EmploymentType.PNS
        else staff.nip,
    }


def layout_for(document_type: str) -> str:
    if document_type in LETTER_TYPES:
        return "letter"
    if document_type in MEMO_TYPES:
        return "memo"
    return "heading"


def _letter_parts(
    layout: str, *, urgency: str, attachments_note: str, recipients, recipient_place: str, copies
) -> dict:
    """The addressing parts of a letter or nota dinas, checked and with their usual defaults
    (Sifat "Biasa", Lampiran "-", "di Tempat")."""
    recipients = [r.strip() for r in recipients or () if r and r.strip()]
    copies = [c.strip() for c in copies or () if c and c.strip()]
    urgency = (urgency or "").strip() or URGENCIES[0]
    if urgency not in URGENCIES:
        raise ValidationError(
            _("Sifat naskah harus salah satu dari: %(choices)s.") % {"choices": ", ".join(URGENCIES)}
        )
    if layout != "heading" and not recipients:
        raise ValidationError(_("Tujuan naskah (Yth.) wajib diisi untuk surat dan nota dinas."))
    return {
        "urgency": urgency,
        "attachments_note": (attachments_note or "").strip() or "-",
        "recipients": recipients,
        "recipient_place": (recipient_place or "").strip() or "Tempat",
        "copies": copies,
    }


def file_name(document_type: str, number: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in number).strip("-")
    return f"{document_type}-{safe or 'naskah'}.pdf"


def issue_document(
    *,
    organisation: Organisation,
    actor,
    document_type: str,
    number: str,
    title: str,
    body_html: str,
    document_date=None,
    document_type_name: str | None = None,
    signatory_assignment=None,
    signatory_name: str = "",
    signatory_position: str = "",
    signatory_rank: str = "",
    signatory_nip: str = "",
    place: str = "",
    urgency: str = "",
    attachments_note: str = "",
    recipients: Sequence[str] = (),
    recipient_place: str = "",
    copies: Sequence[str] = (),
    source=None,
    sign: bool = True,
    template_name: str = DEFAULT_TEMPLATE,
    extra_context: Mapping | None = None,
    signer: Signer | None = None,
    signer_credentials: Mapping[str, str] | None = None,
) -> IssuedDocument:
    """Render a document to PDF, sign it (unless `sign=False`), store it and record its SHA-256.

    Surat dinas and surat undangan are laid out as letters (date on top; Nomor, Sifat, Lampiran and
    Hal; `recipients` after "Yth." and `recipient_place` after "di"; `copies` as Tembusan), a nota
    dinas with its Yth./Dari/Tembusan/Tanggal/Sifat/Lampiran/Hal table; both need `recipients`.
    Other types are headed by their name and number and dated above the signature.

    The verification token exists before rendering because the QR code printed on the page carries
    the verification URL. The PDF is rendered and signed before the transaction opens (it takes a
    while and touches no rows); the row, the file and the audit event are committed together, and
    the file is removed again when the row cannot be saved.
    """
    require(actor, ISSUE_DOCUMENT, organisation=organisation)
    document_date = document_date or timezone.localdate()
    number = (number or "").strip()
    title = (title or "").strip()
    type_name = document_type_name or DOCUMENT_TYPES.get(document_type)
    if not type_name:
        raise ValidationError(_("Jenis naskah tidak dikenal: %(type)s.") % {"type": document_type})
    if not number:
        raise ValidationError(_("Nomor naskah wajib diisi sebelum naskah diterbitkan."))
    if not title:
        raise ValidationError(_("Hal/perihal naskah wajib diisi."))
    if signatory_assignment is not None:
        signatory = _signatory_from_assignment(signatory_assignment, organisation, document_date)
    else:
        signatory = {
            "signatory_name": signatory_name.strip(),
            "signatory_position": signatory_position.strip(),
            "signatory_rank": rendering.format_rank(signatory_rank),
            "signatory_nip": rendering.format_nip(signatory_nip),
        }
    if not signatory["signatory_name"] or not signatory["signatory_position"]:
        raise ValidationError(_("Nama dan jabatan penandatangan wajib diisi."))
    layout = layout_for(document_type)
    letter_parts = _letter_parts(
        layout,
        urgency=urgency,
        attachments_note=attachments_note,
        recipients=recipients,
        recipient_place=recipient_place,
        copies=copies,
    )
    if IssuedDocument.objects.filter(
        organisation=organisation, document_type=document_type, number=number
    ).exists():
        raise ValidationError(_("Nomor %(number)s sudah dipakai oleh naskah lain.") % {"number": number})

    place = place.strip() or default_place(organisation)
    token = new_verification_token()
    verification_url = settings.SITE_URL.rstrip("/") + reverse("core:document_verify", args=[token])
    signer = signer or (get_signer() if sign else None)
    context = {
        **(extra_context or {}),
        "organisation": organisation,
        "logo_uri": rendering.logo_data_uri(organisation),
        "document_type_name": type_name,
        "number": number,
        "title": title,
        "body": rendering.sanitise_body(body_html),
        "date_text": rendering.indonesian_date(document_date),
        "place": place,
        "verification_url": verification_url,
        "qr_uri": rendering.qr_data_uri(verification_url),
        "signed": sign,
        "layout": layout,
        **letter_parts,
        "certificate_issuer": signer.certificate_issuer if sign else "",
        **signatory,
    }
    pdf = rendering.html_to_pdf(rendering.render_html(template_name, context))
    if sign:
        pdf = signer.sign(
            pdf,
            signer_name=signatory["signatory_name"],
            reason=f"{type_name} {number}",
            location=place,
            credentials=signer_credentials,
        )

    document = IssuedDocument(
        organisation=organisation,
        document_type=document_type,
        document_type_name=type_name,
        number=number,
        document_date=document_date,
        title=title,
        place=place,
        sha256=hashlib.sha256(pdf).hexdigest(),
        verification_token=token,
        issued_at=timezone.now(),
        issued_by=actor,
        signed=sign,
        signer_kind=signer.kind if sign else SignerKind.NONE,
        **signatory,
    )
    if source is not None:
        document.source_type = ContentType.objects.get_for_model(source)
        document.source_id = str(source.pk)
    document.file.save(file_name(document_type, number), ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            document.save()
            audit.record(
                actor=actor,
                action="document.issued",
                obj=document,
                after={
                    **audit.snapshot(document, AUDIT_FIELDS),
                    **(letter_parts if layout != "heading" else {}),
                },
            )
    except IntegrityError as exc:
        document.file.delete(save=False)
        raise ValidationError(
            _("Nomor %(number)s sudah dipakai oleh naskah lain.") % {"number": number}
        ) from exc
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


def record_download(*, actor, document: IssuedDocument) -> None:
    """Downloads of an issued document are audited: it may carry personal data."""
    audit.record(actor=actor, action="document.downloaded", obj=document)
