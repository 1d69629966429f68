"""Working samples in the demo: numbering formats, this year's cuti bersama, and one signed letter.

They are made the way an office would make them — the administrator sets up the formats, the Camat
signs — through the same services, so the demo's audit trail, numbers and verification page are real.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from lontar.core.documents.models import IssuedDocument
from lontar.core.models import NumberingTemplate, Organisation, OrganisationKind
from lontar.core.numbering.models import CounterScope
from lontar.core.numbering.services import create_template, take_number
from lontar.core.workdays.services import load_cuti_bersama

OUTGOING = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"
# (document type, name, format, scope, shared key). Outgoing letters share one running sequence (the
# office's buku agenda surat keluar), the common kecamatan practice; incoming mail has its own.
NUMBERING_FORMATS = [
    ("surat_dinas", "Surat Dinas", OUTGOING, CounterScope.SHARED, "surat_keluar"),
    ("surat_keterangan", "Surat Keterangan", OUTGOING, CounterScope.SHARED, "surat_keluar"),
    ("agenda_surat_masuk", "Agenda Surat Masuk", "{urut:4}/SM/{org}/{tahun}", CounterScope.DOCUMENT_TYPE, ""),
]

SAMPLE_BODY = """
<p>Yang bertanda tangan di bawah ini Camat Jatisari, Kota Sukamaju, dengan ini menerangkan bahwa
Kantor Kecamatan Jatisari melayani masyarakat pada hari kerja Senin sampai dengan Jumat, pukul
08.00 sampai dengan 15.00 WIB, kecuali pada hari libur nasional dan cuti bersama.</p>
<p>Seluruh layanan administrasi di Kecamatan Jatisari <strong>tidak dipungut biaya</strong>.</p>
<p>Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.</p>
"""


def load_samples() -> int:
    """Create what is missing; return how many things were created."""
    created = load_cuti_bersama(actor=None)
    users = get_user_model().objects.in_bulk(["admin.jatisari", "camat.jatisari"], field_name="username")
    for district in Organisation.objects.filter(kind=OrganisationKind.DISTRICT, code__startswith="Kec."):
        admin = (
            get_user_model()
            .objects.filter(memberships__organisation=district, memberships__role="org_admin")
            .first()
        )
        for document_type, name, format_, scope, shared_key in NUMBERING_FORMATS:
            if (
                admin
                and not NumberingTemplate.objects.filter(
                    organisation=district, document_type=document_type
                ).exists()
            ):
                create_template(
                    actor=admin,
                    organisation=district,
                    document_type=document_type,
                    name=name,
                    format=format_,
                    scope=scope,
                    shared_key=shared_key,
                )
                created += 1
    camat = users.get("camat.jatisari")
    if camat is not None:
        created += _sample_letter(camat)
    return created


def _sample_letter(camat) -> int:
    from lontar.core.documents.services import issue_document

    district = Organisation.objects.get(code="Kec.Jts")
    if IssuedDocument.objects.filter(organisation=district, document_type="surat_keterangan").exists():
        return 0
    assignment = camat.staff.assignments.filter(kind="1_definitif").select_related("position").first()
    number = take_number(
        organisation=district,
        document_type="surat_keterangan",
        actor=camat,
        classification_code="000.8.3.2",
    )
    issue_document(
        organisation=district,
        actor=camat,
        document_type="surat_keterangan",
        document_type_name="Surat Keterangan",
        number=number.number,
        title="Keterangan jam layanan dan biaya layanan Kecamatan Jatisari",
        body_html=SAMPLE_BODY,
        document_date=timezone.localdate(),
        signatory_assignment=assignment,
        place="Sukamaju",
    )
    return 1
