"""Issuing documents: rendering, QR, hashing, signing, sanitising, permissions, audit."""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from lontar.core.documents import rendering
from lontar.core.documents.models import IssuedDocument, SignerKind
from lontar.core.documents.signing import (
    ROOT_CERT,
    ROOT_KEY,
    SIGNING_KEY,
    BsreSigner,
    LocalCASigner,
    SignerConfigurationError,
)
from lontar.core.models import AuditEvent, PositionAssignment, Role
from lontar.core.tests import documents_helpers
from lontar.core.tests.documents_helpers import camat_assignment, issue
from lontar.core.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

# Fixtures shared with the other documents tests.
ca_dir = documents_helpers.ca_dir
documents_storage = documents_helpers.documents_storage


def pdf_bytes(document: IssuedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    return re.sub(r"[ \t]+", " ", text)


def test_issued_pdf_carries_letterhead_number_date_and_signature_block(district, head):
    district.letterhead_government = "Pemerintah Kota Uji"
    district.phone = "(021) 555 0101"
    district.postal_code = "17433"
    district.save()

    document = issue(district, head)

    text = pdf_text(pdf_bytes(document))
    assert "PEMERINTAH KOTA UJI" in text
    assert "KECAMATAN SATU" in text
    assert "Jl. Merdeka No. 1" in text
    assert "Telepon (021) 555 0101" in text
    assert "Kode Pos 17433" in text
    assert "SURAT KETERANGAN" in text
    assert "Nomor: 400.12/15/Kec.Satu/XI/2026" in text
    assert "Uji, 22 November 2026" in text
    assert "Camat Satu," in text
    assert "Drs. Ahmad Subagja, M.Si." in text
    assert "NIP. 19720315 199803 1 004" in text
    assert "Pembina Tingkat I (IV/b)" in text
    assert "Siti Aminah" in text
    assert "UU ITE No. 11 Tahun 2008 Pasal 5 ayat 1" in text
    assert document.signatory_position == "Camat Satu"
    assert document.signatory_nip == "19720315 199803 1 004"
    assert document.place == "Uji"


@pytest.mark.parametrize(
    ("kind", "prefix"), [(PositionAssignment.Kind.PLT, "Plt."), (PositionAssignment.Kind.PLH, "Plh.")]
)
def test_acting_signatory_is_printed_with_plt_or_plh_prefix(district, head, kind, prefix):
    document = issue(district, head, signatory_assignment=camat_assignment(district, kind=kind))

    assert document.signatory_position == f"{prefix} Camat Satu"
    assert f"{prefix} Camat Satu," in pdf_text(pdf_bytes(document))


def test_signatory_given_as_text_is_printed_and_nip_spaced(district, head):
    document = issue(
        district,
        head,
        signatory_name="Rina Marlina, S.STP.",
        signatory_position="Plh. Camat Satu",
        signatory_nip="198609262015052001",
    )

    text = pdf_text(pdf_bytes(document))
    assert "Plh. Camat Satu," in text
    assert "Rina Marlina, S.STP." in text
    assert "NIP. 19860926 201505 2 001" in text


INVITATION = {
    "document_type": "surat-undangan",
    "number": "000.1.5/87/Kec.Satu/XI/2026",
    "title": "Undangan Rapat Koordinasi Persiapan Musrenbang Kelurahan",
    "urgency": "Segera",
    "attachments_note": "1 (satu) berkas",
    "recipients": ["Lurah se-Kecamatan Satu", "Ketua LPM se-Kecamatan Satu"],
    "copies": ["Wali Kota Uji (sebagai laporan)", "Kepala Bappeda Kota Uji"],
    "body_html": (
        "<p>Dalam rangka persiapan Musyawarah Perencanaan Pembangunan (Musrenbang) Kelurahan Tahun 2027, "
        "dengan hormat kami mengundang Saudara untuk hadir pada:</p>"
        "<table><tr><td>hari, tanggal</td><td>:</td><td>Kamis, 26 November 2026</td></tr>"
        "<tr><td>waktu</td><td>:</td><td>09.00 WIB s.d. selesai</td></tr>"
        "<tr><td>tempat</td><td>:</td><td>Aula Kantor Kecamatan Satu</td></tr>"
        "<tr><td>acara</td><td>:</td><td>Rapat koordinasi persiapan Musrenbang Kelurahan</td></tr></table>"
        "<p>Mengingat pentingnya acara tersebut, kehadiran Saudara tepat pada waktunya sangat kami "
        "harapkan.</p><p>Demikian undangan ini kami sampaikan, atas perhatian dan kehadirannya diucapkan "
        "terima kasih.</p>"
    ),
}


def layout_lines(data: bytes) -> list[str]:
    """The page as pdftotext -layout would print it, one stripped, space-squeezed line each."""
    reader = PdfReader(BytesIO(data))
    text = "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def assert_in_order(lines: list[str], items: list[str]) -> None:
    """Each item appears on a later line than the one before (short items must fill their line)."""
    position = -1
    for item in items:
        matches = [
            i
            for i, line in enumerate(lines)
            if i > position and (line == item if len(item) <= 6 else item in line)
        ]
        assert matches, f"{item!r} not found after line {position}: {lines[position + 1 :]}"
        position = matches[0]


def test_invitation_is_laid_out_as_a_letter_with_its_number_block_addressees_and_copies(district, head):
    district.letterhead_government = "Pemerintah Kota Uji"
    district.save()
    document = issue(
        district,
        head,
        signatory_assignment=camat_assignment(district, kind=PositionAssignment.Kind.PLT),
        **INVITATION,
    )

    data = pdf_bytes(document)
    lines = layout_lines(data)
    assert len(PdfReader(BytesIO(data)).pages) == 1
    expected_in_order = [
        "PEMERINTAH KOTA UJI",
        "KECAMATAN SATU",
        "Uji, 22 November 2026",
        "Nomor : 000.1.5/87/Kec.Satu/XI/2026",
        "Sifat : Segera",
        "Lampiran : 1 (satu) berkas",
        "Hal : Undangan Rapat Koordinasi Persiapan Musrenbang Kelurahan",
        "Yth. Lurah se-Kecamatan Satu",  # pypdf prints the list marker "1." after the item
        "2. Ketua LPM se-Kecamatan Satu",
        "di",
        "Tempat",
        "Plt. Camat Satu,",
        "Drs. Ahmad Subagja, M.Si.",
        "Pembina Tingkat I (IV/b)",
        "NIP. 19720315 199803 1 004",
        "Tembusan:",
        "1. Wali Kota Uji (sebagai laporan)",
        "2. Kepala Bappeda Kota Uji",
    ]
    assert_in_order(lines, expected_in_order)
    assert sum("22 November 2026" in line for line in lines) == 1  # dated on top only
    assert "SURAT UNDANGAN" not in lines
    event = AuditEvent.objects.get(action="document.issued", object_id=str(document.pk))
    assert event.after["urgency"] == "Segera"
    assert event.after["recipients"] == INVITATION["recipients"]
    assert event.after["copies"] == INVITATION["copies"]


def test_letter_defaults_are_sifat_biasa_lampiran_dash_and_di_tempat(district, head):
    document = issue(
        district,
        head,
        document_type="surat-dinas",
        number="100.2/3/Kec.Satu/XI/2026",
        title="Permohonan data kependudukan",
        recipients=["Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Uji"],
    )

    lines = layout_lines(pdf_bytes(document))
    for line in (
        "Sifat : Biasa",
        "Lampiran : -",
        "Yth. Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Uji",
    ):
        assert line in lines
    assert lines[lines.index("di") + 1] == "Tempat"
    assert "Tembusan:" not in lines


def test_nota_dinas_carries_its_yth_dari_tembusan_tanggal_table(district, head):
    document = issue(
        district,
        head,
        document_type="nota-dinas",
        number="800.1.11.1/12/Kec.Satu/XI/2026",
        title="Penugasan petugas piket PATEN",
        recipients=["Kepala Seksi Pelayanan"],
        copies=["Sekretaris Kecamatan"],
    )

    lines = layout_lines(pdf_bytes(document))
    table = [
        "NOTA DINAS",
        "Nomor: 800.1.11.1/12/Kec.Satu/XI/2026",
        "Yth. : Kepala Seksi Pelayanan",
        "Dari : Camat Satu",
        "Tembusan : Sekretaris Kecamatan",
        "Tanggal : 22 November 2026",
        "Sifat : Biasa",
        "Lampiran : -",
        "Hal : Penugasan petugas piket PATEN",
    ]
    start = lines.index("NOTA DINAS")
    assert lines[start : start + len(table)] == table
    assert sum("22 November 2026" in line for line in lines) == 1


@pytest.mark.parametrize("document_type", ["surat-dinas", "surat-undangan", "nota-dinas"])
def test_letters_and_nota_dinas_without_addressee_are_refused(district, head, document_type):
    with pytest.raises(ValidationError) as excinfo:
        issue(district, head, document_type=document_type, recipients=["  "])
    assert excinfo.value.messages == ["Tujuan naskah (Yth.) wajib diisi untuk surat dan nota dinas."]
    assert IssuedDocument.objects.count() == 0


def test_unknown_urgency_is_refused(district, head):
    with pytest.raises(ValidationError) as excinfo:
        issue(district, head, urgency="Kilat")
    assert excinfo.value.messages == ["Sifat naskah harus salah satu dari: Biasa, Segera, Sangat Segera."]
    assert IssuedDocument.objects.count() == 0


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ("IV/a Pembina", "Pembina (IV/a)"),
        ("III/d  Penata Tingkat I", "Penata Tingkat I (III/d)"),
        ("Pembina Tingkat I (IV/b)", "Pembina Tingkat I (IV/b)"),
        ("Golongan IX", "Golongan IX"),
        ("", ""),
    ],
)
def test_rank_is_printed_name_first_with_the_grade_in_brackets(raw, printed):
    assert rendering.format_rank(raw) == printed


def qr_matrix_from_pdf(data: bytes) -> list[list[bool]]:
    """Read the QR symbol printed on page one back into modules (dark = True)."""
    images = [img.image for img in PdfReader(BytesIO(data)).pages[0].images]
    squares = [img for img in images if img.width == img.height]
    assert len(squares) == 1, "exactly one square image (the QR code) is expected on the page"
    image = squares[0].convert("L")
    size = image.width // rendering.QR_SCALE - 2 * rendering.QR_BORDER
    scale, border = rendering.QR_SCALE, rendering.QR_BORDER
    return [
        [
            image.getpixel(((col + border) * scale + scale // 2, (row + border) * scale + scale // 2)) < 128
            for col in range(size)
        ]
        for row in range(size)
    ]


def test_qr_code_on_the_page_encodes_the_public_verification_url(district, head):
    document = issue(district, head)
    data = pdf_bytes(document)
    expected_url = f"https://lontar.contoh.go.id/verifikasi/{document.verification_token}/"
    assert document.verification_url() == expected_url

    expected = [[bool(module) for module in row] for row in rendering.qr_code(expected_url).matrix]
    assert qr_matrix_from_pdf(data) == expected

    links = [
        annot.get_object()["/A"]["/URI"]
        for annot in PdfReader(BytesIO(data)).pages[0].get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    assert expected_url in links
    assert expected_url in pdf_text(data).replace("\n", "")


def test_stored_sha256_is_the_hash_of_the_stored_pdf_bytes(district, head):
    document = issue(district, head)

    data = pdf_bytes(document)
    assert data.startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    document.refresh_from_db()
    assert document.sha256 == hashlib.sha256(pdf_bytes(document)).hexdigest()


def test_verification_tokens_are_random_urlsafe_and_distinct(district, head):
    first = issue(district, head)
    second = issue(district, head, number="400.12/16/Kec.Satu/XI/2026")

    for token in (first.verification_token, second.verification_token):
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    assert first.verification_token != second.verification_token
    assert not first.verification_token.isdigit()


needs_pdfsig = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed (apt-get install poppler-utils)"
)
SIGNED_RANGES = re.compile(r"\[(\d+) - (\d+)\]")


def pdfsig(data: bytes, tmp_path) -> list[dict]:
    """Run poppler's pdfsig on `data` and parse its report: one dict per signature, with its
    `- Key: value` lines, `ranges` as (start, end) byte offsets and `whole_file` from the
    "Total document signed" / "Not total document signed" line."""
    path = tmp_path / f"copy-{hashlib.sha256(data).hexdigest()[:12]}.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60, check=False)
    signatures: list[dict] = []
    for line in result.stdout.splitlines():
        if re.fullmatch(r"Signature #\d+:", line.strip()):
            signatures.append({})
        elif line.startswith("  - ") and signatures:
            item = line[4:].strip()
            if item in ("Total document signed", "Not total document signed"):
                signatures[-1]["whole_file"] = item == "Total document signed"
            elif ": " in item:
                key, value = item.split(": ", 1)
                signatures[-1][key] = value
    for signature in signatures:
        ranges = signature.get("Signed Ranges", "")
        signature["ranges"] = [(int(a), int(b)) for a, b in SIGNED_RANGES.findall(ranges)]
    assert signatures or "does not contain any signatures" in result.stdout, result.stdout + result.stderr
    return signatures


def covers_the_whole_file(signature: dict, data: bytes) -> bool:
    """The two signed ranges run from the first byte to the last, leaving out exactly the
    signature's own /Contents hex string."""
    ranges = signature["ranges"]
    if len(ranges) != 2 or not signature.get("whole_file"):
        return False
    (start, gap_start), (gap_end, end) = ranges
    return (
        start == 0
        and end == len(data)
        and data[gap_start : gap_start + 1] == b"<"
        and data[gap_end - 1 : gap_end] == b">"
        and re.fullmatch(rb"[0-9a-fA-F]*", data[gap_start + 1 : gap_end - 1]) is not None
    )


@needs_pdfsig
def test_poppler_pdfsig_reports_the_signature_valid_over_the_whole_file(district, head, tmp_path):
    data = pdf_bytes(issue(district, head))

    signatures = pdfsig(data, tmp_path)

    assert len(signatures) == 1
    signature = signatures[0]
    assert signature["Signature Validation"] == "Signature is Valid."
    assert signature["Signature Type"] == "ETSI.CAdES.detached"
    assert signature["Signing Hash Algorithm"] == "SHA-256"
    assert signature["Signer Certificate Common Name"] == "Lontar Document Signing (lontar.contoh.go.id)"
    assert signature["whole_file"] is True
    assert signature["ranges"][0][0] == 0
    assert signature["ranges"][-1][1] == len(data)
    assert covers_the_whole_file(signature, data)


@needs_pdfsig
def test_poppler_pdfsig_detects_a_tampered_copy(district, head, tmp_path):
    data = bytearray(pdf_bytes(issue(district, head)))
    assert data[9:10] == b"%"  # byte 12 sits in the binary comment of the header: still a valid PDF
    data[12] ^= 0x01

    signatures = pdfsig(bytes(data), tmp_path)

    assert len(signatures) == 1
    assert signatures[0]["Signature Validation"] != "Signature is Valid."


@needs_pdfsig
def test_an_update_appended_after_signing_is_reported_as_not_covered(district, head, tmp_path):
    """The signature itself stays valid over its ranges, so only the coverage check catches a
    copy that someone changed by appending an incremental update."""
    from pypdf import PdfWriter

    original = pdf_bytes(issue(district, head))
    writer = PdfWriter(BytesIO(original), incremental=True)
    writer.add_metadata({"/Title": "Diubah setelah ditandatangani"})
    buffer = BytesIO()
    writer.write(buffer)
    updated = buffer.getvalue()
    assert updated.startswith(original) and len(updated) > len(original)

    signature = pdfsig(updated, tmp_path)[0]

    assert signature["Signature Validation"] == "Signature is Valid."
    assert signature["whole_file"] is False
    assert signature["ranges"][-1][1] == len(original)
    assert not covers_the_whole_file(signature, updated)


def pyhanko_status(data: bytes, ca_dir):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(data))
    assert len(reader.embedded_signatures) == 1
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_dir / ROOT_CERT))])
    return validate_pdf_signature(reader.embedded_signatures[0], context)


def test_pyhanko_finds_the_signature_intact_trusted_and_covering_the_whole_file(district, head, ca_dir):
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    document = issue(district, head)
    status = pyhanko_status(pdf_bytes(document), ca_dir)

    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert document.signed
    assert document.signer_kind == SignerKind.LOCAL_CA


def test_pyhanko_reports_a_modified_copy_as_not_intact(district, head, ca_dir):
    data = bytearray(pdf_bytes(issue(district, head)))
    data[12] ^= 0x01

    assert not pyhanko_status(bytes(data), ca_dir).intact


def test_local_ca_keys_are_readable_by_the_owner_only(district, head, ca_dir):
    issue(district, head)

    for name in (ROOT_KEY, SIGNING_KEY):
        assert stat.S_IMODE((ca_dir / name).stat().st_mode) == 0o600
    assert LocalCASigner(ca_dir).root_certificate_pem().startswith(b"-----BEGIN CERTIFICATE-----")


def test_unsigned_document_has_no_signature_and_claims_none(district, head):
    document = issue(district, head, sign=False)

    data = pdf_bytes(document)
    reader = PdfReader(BytesIO(data))
    assert "/AcroForm" not in reader.trailer["/Root"]
    text = pdf_text(data)
    assert "ditandatangani secara elektronik" not in text
    assert "tanpa tanda tangan elektronik" in text
    assert not document.signed
    assert document.signer_kind == SignerKind.NONE
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def test_body_html_is_sanitised_before_rendering(district, head):
    document = issue(
        district,
        head,
        body_html=(
            "<p>Isi <strong>tebal</strong></p><script>document.write('SKRIP-JAHAT')</script>"
            "<style>p{display:none}</style><img src='https://contoh.invalid/x.png'>"
            '<p onclick="x()">Tautan <a href="https://contoh.invalid/">di sini</a></p>'
            "<table><tr><td>SEL-TABEL</td></tr></table>"
        ),
    )

    text = pdf_text(pdf_bytes(document))
    assert "Isi tebal" in text
    assert "SEL-TABEL" in text
    assert "Tautan di sini" in text
    assert "SKRIP-JAHAT" not in text
    assert rendering.sanitise_body("<p onclick='x()'>a</p><img src=x><a href='y'>b</a>") == "<p>a</p>b"


def test_source_object_is_linked_generically(district, head):
    unit = UnitFactory(organisation=district)

    document = issue(district, head, source=unit)

    document.refresh_from_db()
    assert document.source == unit


def test_issue_is_audited_with_the_hash(district, head):
    document = issue(district, head)

    event = AuditEvent.objects.get(action="document.issued", object_id=str(document.pk))
    assert event.actor == head
    assert event.organisation_id == district.pk
    assert event.after["sha256"] == document.sha256
    assert event.after["number"] == document.number


def test_user_without_issue_right_cannot_issue_and_nothing_is_saved(district, staff_user, documents_storage):
    with pytest.raises(PermissionDenied):
        issue(district, staff_user)

    assert IssuedDocument.objects.count() == 0
    assert not AuditEvent.objects.filter(action="document.issued").exists()


def test_head_of_another_office_cannot_issue_for_this_office(district, other_district, make_member):
    other_head = make_member(other_district, Role.HEAD)

    with pytest.raises(PermissionDenied):
        issue(district, other_head)
    assert IssuedDocument.objects.count() == 0


def test_number_already_issued_is_refused_and_first_document_kept(district, head, documents_storage):
    first = issue(district, head)

    with pytest.raises(ValidationError, match="sudah dipakai"):
        issue(district, head, title="Dokumen lain")

    assert list(IssuedDocument.objects.values_list("pk", flat=True)) == [first.pk]
    assert len(list(Path(documents_storage.location).rglob("*.pdf"))) == 1


def test_signatory_from_another_office_is_refused(district, other_district, head):
    with pytest.raises(ValidationError, match="kantor yang menerbitkan"):
        issue(district, head, signatory_assignment=camat_assignment(other_district, nip="197001011995031002"))
    assert IssuedDocument.objects.count() == 0


def test_missing_number_or_signatory_is_refused(district, head):
    with pytest.raises(ValidationError, match="Nomor naskah wajib"):
        issue(district, head, number="  ")
    with pytest.raises(ValidationError, match="penandatangan wajib"):
        issue(district, head, signatory_name="", signatory_position="")
    assert IssuedDocument.objects.count() == 0


def test_indonesian_date_uses_indonesian_month_names():
    import datetime as dt

    assert rendering.indonesian_date(dt.date(2026, 11, 22)) == "22 November 2026"
    assert rendering.indonesian_date(dt.date(2027, 8, 1)) == "1 Agustus 2027"
    assert rendering.format_nip("197203151998031004") == "19720315 199803 1 004"
    assert rendering.format_nip("12345") == "12345"


def test_bsre_signer_without_configuration_refuses_clearly(settings):
    settings.LONTAR_BSRE_URL = ""
    with pytest.raises(SignerConfigurationError, match="belum dikonfigurasi"):
        BsreSigner().sign(b"%PDF-1.7", signer_name="A", reason="r", location="l")

    configured = BsreSigner(url="https://bsre.contoh.invalid", username="klien", password="rahasia")
    with pytest.raises(SignerConfigurationError, match="NIK dan passphrase"):
        configured.sign(b"%PDF-1.7", signer_name="A", reason="r", location="l")
    with pytest.raises(SignerConfigurationError, match="https"):
        BsreSigner(url="http://bsre.contoh.invalid", username="k", password="p").sign(
            b"%PDF-1.7",
            signer_name="A",
            reason="r",
            location="l",
            credentials={"nik": "1", "passphrase": "2"},
        )


def test_bsre_configuration_error_leaves_no_document(district, head, settings):
    settings.LONTAR_SIGNER = "lontar.core.documents.signing.BsreSigner"
    settings.LONTAR_BSRE_URL = ""

    with pytest.raises(SignerConfigurationError):
        issue(district, head)
    assert IssuedDocument.objects.count() == 0


def test_issued_pdf_is_written_to_the_private_root_outside_media_and_static(district, head, settings):
    on_disk = Path(issue(district, head).file.path).resolve()

    assert on_disk.is_relative_to(Path(settings.LONTAR_PRIVATE_ROOT).resolve())
    for public_root in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not on_disk.is_relative_to(Path(public_root).resolve())


def test_default_private_root_is_beside_media_not_inside_it():
    from lontar import settings as defaults

    assert not defaults.LONTAR_PRIVATE_ROOT.is_relative_to(defaults.MEDIA_ROOT)
    assert not defaults.LONTAR_PRIVATE_ROOT.is_relative_to(defaults.STATIC_ROOT)


def test_office_logo_is_embedded_in_the_letterhead(district, head, settings, tmp_path):
    from django.core.files.base import ContentFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path / "media"
    buffer = BytesIO()
    Image.new("RGB", (200, 240), (20, 90, 160)).save(buffer, format="PNG")
    district.logo.save("logo.png", ContentFile(buffer.getvalue()))

    document = issue(district, head)

    sizes = sorted(
        (img.image.width, img.image.height) for img in PdfReader(BytesIO(pdf_bytes(document))).pages[0].images
    )
    assert (200, 240) in sizes
    assert len(sizes) == 2  # the logo and the QR code
