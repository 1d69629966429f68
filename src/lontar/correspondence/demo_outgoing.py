"""Demo data of outgoing documents: numbering and templates (with paraf chains) for every kecamatan,
and in Kecamatan Jatisari a few documents at every stage, one of them signed and sent.

Everything goes through the services, as an office would do it, so the audit trail, numbers, PDFs and
the recipient's incoming inbox are real. Idempotent: what exists is left alone.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.core.models import NumberingTemplate, Organisation, OrganisationKind, Position, Role
from lontar.core.numbering.models import CounterScope
from lontar.core.numbering.services import create_template
from lontar.correspondence.models.outgoing import OutgoingDocument, OutgoingTemplate, OutgoingType
from lontar.correspondence.services import outgoing as services
from lontar.records import selectors as records

OUTGOING_FORMAT = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _admin_of(office):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=office, memberships__role=Role.ORG_ADMIN, is_active=True)
        .first()
    )


def _positions(office) -> dict[str, Position | None]:
    positions = Position.objects.filter(organisation=office).select_related("unit")
    by_unit = {p.unit.code: p for p in positions if p.is_unit_head}
    return {
        "camat": next((p for p in positions if p.is_unit_head and p.superior_id is None), None),
        "sekcam": by_unit.get("SEK"),
        "kasubag_tu": by_unit.get("TU"),
    }


def _classification(code: str):
    return records.classification_by_code(code) or records.current_classifications().first()


def _numbering(office, admin, created: Counter) -> None:
    keys = {services.DEFAULT_TEMPLATES[t].numbering_key: label for t, label in OutgoingType.choices}
    for key, label in keys.items():
        if NumberingTemplate.objects.filter(organisation=office, document_type=key).exists():
            continue
        create_template(
            actor=admin,
            organisation=office,
            document_type=key,
            name=str(label),
            format=OUTGOING_FORMAT,
            scope=CounterScope.SHARED,
            shared_key="surat_keluar",
        )
        created["templat penomoran naskah keluar"] += 1


def _templates(office, admin, created: Counter) -> None:
    positions = _positions(office)
    if positions["camat"] is None:
        return
    chain = [p for p in (positions["kasubag_tu"], positions["sekcam"]) if p is not None]
    for document_type, _label in OutgoingType.choices:
        if OutgoingTemplate.objects.filter(organisation=office, document_type=document_type).exists():
            continue
        default = services.DEFAULT_TEMPLATES[document_type]
        memo = document_type == OutgoingType.NOTA_DINAS and positions["sekcam"] is not None
        services.save_template(
            actor=admin,
            organisation=office,
            document_type=document_type,
            body_html=default.body_html,
            classification=_classification(default.classification_code),
            numbering_key=default.numbering_key,
            # A nota dinas stays inside the office: the Sekcam signs it after the Kasubag TU's paraf.
            signatory_position=positions["sekcam"] if memo else positions["camat"],
            verifier_positions=chain[:1] if memo else chain,
        )
        created["templat naskah keluar"] += 1


INVITATION = (
    "<p>Dengan hormat,</p><p>Dalam rangka persiapan Musyawarah Perencanaan Pembangunan (Musrenbang) "
    "tingkat kecamatan, dengan ini kami mengundang Saudara pada:</p>"
    "<table><tr><td>hari, tanggal</td><td>:</td><td>Kamis, 3 Desember 2026</td></tr>"
    "<tr><td>waktu</td><td>:</td><td>09.00 WIB s.d. selesai</td></tr>"
    "<tr><td>tempat</td><td>:</td><td>Aula Kantor Kecamatan Jatisari</td></tr></table>"
    "<p>Mengingat pentingnya acara tersebut, kehadiran Saudara sangat kami harapkan.</p>"
    "<p>Demikian disampaikan, atas perhatian dan kehadirannya diucapkan terima kasih.</p>"
)


def _jatisari_documents(created: Counter) -> None:
    office = Organisation.objects.filter(code="Kec.Jts").first()
    drafter = _user("staf.jatisari")
    kasubag, sekcam, camat = _user("kasubag.tu.jatisari"), _user("sekcam.jatisari"), _user("camat.jatisari")
    if office is None or None in (drafter, kasubag, sekcam, camat) or _classification("000.1") is None:
        return
    if OutgoingDocument.objects.filter(organisation=office, drafter=drafter).exists():
        return
    mekarsari = Organisation.objects.filter(code="Kec.Mks").first()
    rw = services.RecipientInput(role="to", name="Ketua RW 05 Kelurahan Jatisari", address="Jl. Melati No. 5")

    def new(subject, document_type=OutgoingType.SURAT_DINAS, recipients=(rw,), body=""):
        document = services.create_draft(
            actor=drafter,
            organisation=office,
            document_type=document_type,
            subject=subject,
            body_html=body,
            recipients=list(recipients),
        )
        created["naskah keluar"] += 1
        return document

    new("Permohonan data penerima bantuan sosial")
    in_review = new("Pemberitahuan jadwal pelayanan KTP-el keliling")
    services.submit(actor=drafter, document=in_review)
    returned = new("Laporan kegiatan kerja bakti bulanan")
    services.submit(actor=drafter, document=returned)
    services.return_for_revision(
        actor=kasubag,
        document=returned,
        comment="Lengkapi jumlah peserta per RW dan lampirkan foto kegiatan.",
    )
    waiting = new("Undangan rapat koordinasi ketertiban umum", OutgoingType.UNDANGAN, body=INVITATION)
    services.submit(actor=drafter, document=waiting)
    services.give_paraf(actor=kasubag, document=waiting)
    services.give_paraf(actor=sekcam, document=waiting, comment="Sudah sesuai, mohon ditandatangani.")
    recipients = [
        rw,
        services.RecipientInput(role="copy", name="Wali Kota Sukamaju", address="Jl. Merdeka No. 1"),
    ]
    if mekarsari is not None:
        recipients.insert(0, services.RecipientInput(role="to", organisation=mekarsari))
    sent = new("Undangan Musrenbang tingkat kecamatan", OutgoingType.UNDANGAN, recipients, INVITATION)
    services.submit(actor=drafter, document=sent)
    services.give_paraf(actor=kasubag, document=sent)
    services.give_paraf(actor=sekcam, document=sent)
    services.sign(actor=camat, document=sent)
    services.send(actor=drafter, document=sent)


@transaction.atomic
def load_outgoing_demo() -> Counter:
    """Numbering and templates for every kecamatan, then Jatisari's sample documents."""
    created: Counter = Counter()
    for office in Organisation.objects.filter(kind=OrganisationKind.DISTRICT):
        admin = _admin_of(office)
        if admin is None:
            continue
        _numbering(office, admin, created)
        _templates(office, admin, created)
    _jatisari_documents(created)
    return created
