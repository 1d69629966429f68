import io

import pytest
from django.core.exceptions import ValidationError

from lontar.core.files.forms import UploadForm
from lontar.core.files.validation import sanitize_filename, validate_upload
from lontar.core.tests import files_samples as samples

NOT_ALLOWED = "Jenis berkas tidak diizinkan. Unggah PDF, JPG, PNG, DOCX, atau XLSX."


@pytest.mark.parametrize(
    ("name", "build", "extension", "content_type"),
    [
        ("surat.pdf", samples.pdf_bytes, "pdf", "application/pdf"),
        ("foto.jpeg", lambda: samples.image_bytes("JPEG"), "jpg", "image/jpeg"),
        ("peta.png", lambda: samples.image_bytes("PNG"), "png", "image/png"),
        (
            "nota.docx",
            samples.docx_bytes,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "rekap.xlsx",
            samples.xlsx_bytes,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_each_allowed_kind_is_accepted_by_its_content(name, build, extension, content_type):
    data = build()
    checked = validate_upload(samples.upload(name, data))
    assert checked.kind.extension == extension
    assert checked.kind.content_type == content_type
    assert checked.size == len(data)
    assert checked.name == f"{name.rsplit('.', 1)[0]}.{extension}"


def test_extension_is_rewritten_to_the_detected_type():
    checked = validate_upload(samples.upload("scan.docx", samples.image_bytes("PNG")))
    assert checked.name == "scan.png"
    assert checked.kind.content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("surat.pdf", b"<html><body><script>alert(1)</script></body></html>"),
        ("gambar.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("skrip.docx", b"#!/bin/sh\nrm -rf /\n"),
        ("arsip.docx", samples.plain_zip_bytes()),
        ("rusak.xlsx", b"PK\x03\x04 not really a zip"),
        ("animasi.png", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!"),
    ],
)
def test_other_content_is_refused_with_a_clear_message(name, data):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload(name, data, "application/pdf"))
    assert excinfo.value.messages == [NOT_ALLOWED]


def test_macro_enabled_word_file_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("nota.docx", samples.docm_bytes()))
    assert excinfo.value.code == "macro"
    assert "makro" in excinfo.value.messages[0]


def test_file_over_the_size_limit_is_refused_stating_the_limit_in_mb(settings):
    settings.LONTAR_UPLOAD_MAX_BYTES = 1024 * 1024
    data = b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1)
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("besar.pdf", data))
    assert excinfo.value.code == "file_size"
    assert excinfo.value.messages == ["Ukuran berkas 1,0 MB melebihi batas 1 MB."]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("kosong.pdf", b""))
    assert excinfo.value.code == "empty"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.pdf"),
        ("C:\\Users\\camat\\Surat Undangan.PDF", "Surat Undangan.pdf"),
        ("surat\x00\x1b[31m\u202ejahat.pdf", "surat[31mjahat.pdf"),
        ("Cafe\u0301 ﬁle.pdf", "Café file.pdf"),
        ("..\uff0f..\uff0fetc\uff0fpasswd", "passwd.pdf"),
        ("surat\u202efdp.exe", "suratfdp.pdf"),
        ("...", "berkas.pdf"),
        ("", "berkas.pdf"),
        ('laporan<script>"x".pdf', "laporan_script_x.pdf"),
        ("  spasi   berlebih  .pdf  ", "spasi berlebih.pdf"),
    ],
)
def test_names_are_sanitised(raw, expected):
    assert sanitize_filename(raw, "pdf") == expected


def test_very_long_names_are_cut_but_keep_the_extension():
    name = sanitize_filename("a" * 1000 + ".pdf", "pdf")
    assert name == "a" * 120 + ".pdf"


def test_upload_field_reports_the_indonesian_message_in_the_form():
    form = UploadForm(data={}, files={"berkas": samples.upload("surat.pdf", b"<html></html>")})
    assert not form.is_valid()
    assert form.errors["berkas"] == [NOT_ALLOWED]
    good = UploadForm(data={}, files={"berkas": samples.upload("surat.pdf", samples.pdf_bytes())})
    assert good.is_valid(), good.errors
    assert 'accept=".pdf,' in str(good["berkas"])


ACTIVE_PDF = (
    "PDF yang berisi skrip atau perintah otomatis (JavaScript, menjalankan program) tidak diizinkan. "
    "Cetak ulang dokumennya sebagai PDF biasa, lalu unggah lagi."
)


@pytest.mark.parametrize(
    "build",
    [
        lambda: samples.pdf_with_open_action("/JavaScript", JS="app.alert(1)"),
        lambda: samples.pdf_with_open_action("/Launch", F="cmd.exe"),
        samples.pdf_with_document_javascript,
    ],
    ids=["javascript-open-action", "launch-action", "document-javascript-behind-escaped-name"],
)
def test_pdf_with_javascript_or_launch_actions_is_refused(build):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("undangan.pdf", build(), "application/pdf"))
    assert excinfo.value.code == "pdf_active"
    assert excinfo.value.messages == [ACTIVE_PDF]


def test_escaped_javascript_name_is_found_by_parsing_not_by_bytes():
    data = samples.pdf_with_document_javascript()
    assert b"/JavaScript" not in data
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("surat.pdf", data))
    assert excinfo.value.code == "pdf_active"


def test_html_page_behind_a_pdf_header_is_refused_as_unreadable():
    polyglot = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF"
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("surat.pdf", polyglot, "application/pdf"))
    assert excinfo.value.code == "pdf_unreadable"
    assert excinfo.value.messages == [
        "Berkas PDF rusak atau tidak dapat dibaca. Simpan atau pindai ulang dokumennya, lalu unggah lagi."
    ]


def test_pdf_that_needs_a_password_to_open_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("rahasia.pdf", samples.encrypted_pdf(user_password="kunci")))
    assert excinfo.value.code == "pdf_encrypted"
    assert excinfo.value.messages == [
        "PDF yang dilindungi kata sandi tidak dapat diterima. Unggah salinan tanpa kata sandi."
    ]


def test_pdf_restricted_only_by_an_owner_password_opens_and_is_accepted():
    checked = validate_upload(samples.upload("laporan.pdf", samples.encrypted_pdf(user_password="")))
    assert checked.kind.content_type == "application/pdf"


def test_pdf_whose_text_mentions_javascript_is_accepted():
    data = samples.pdf_bytes("Pelatihan JavaScript dan Launch aplikasi untuk staf kecamatan")
    assert validate_upload(samples.upload("pelatihan.pdf", data)).kind.extension == "pdf"


BOMB = (
    "Berkas DOCX atau XLSX ini tidak dapat diterima: isinya setelah dibuka terlalu besar atau "
    "dipadatkan secara tidak wajar."
)


def test_zip_bomb_disguised_as_docx_is_refused():
    data = samples.zip_bomb_docx(unpacked_mb=50)
    assert len(data) < 100 * 1024  # 50 MB of zeros packed into a small upload
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("nota.docx", data))
    assert excinfo.value.code == "archive_bomb"
    assert excinfo.value.messages == [BOMB]


def test_archive_declaring_more_than_the_unpacked_limit_is_refused(monkeypatch):
    from lontar.core.files import validation

    data = samples.docx_bytes()
    assert validate_upload(samples.upload("nota.docx", data)).kind.extension == "docx"
    monkeypatch.setattr(validation, "MAX_UNPACKED_BYTES", 100)
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("nota.docx", data))
    assert excinfo.value.code == "archive_bomb"


def test_a_large_real_spreadsheet_is_not_taken_for_a_bomb():
    from openpyxl import Workbook

    workbook = Workbook()
    for row in range(20_000):
        workbook.active.append(["Rekap surat masuk Kecamatan Satu", row, "Biasa", "000.1.2.3"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert validate_upload(samples.upload("rekap.xlsx", buffer.getvalue())).kind.extension == "xlsx"


def test_macro_file_renamed_docx_is_refused_even_without_the_macro_part():
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(samples.docm_bytes()))
    stripped = io.BytesIO()
    with zipfile.ZipFile(stripped, "w") as archive:
        for info in source.infolist():
            if not info.filename.endswith("vbaProject.bin"):
                archive.writestr(info, source.read(info))
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("nota.docx", stripped.getvalue()))
    assert excinfo.value.code == "macro"


def test_pdf_with_more_objects_than_can_be_checked_is_refused(monkeypatch):
    from lontar.core.files import validation

    data = samples.pdf_bytes()
    monkeypatch.setattr(validation, "MAX_PDF_OBJECTS", 3)
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(samples.upload("laporan.pdf", data))
    assert excinfo.value.code == "pdf_too_complex"
    assert excinfo.value.messages == [
        "PDF ini terlalu rumit untuk diperiksa. Simpan ulang dengan ukuran lebih kecil, lalu unggah lagi."
    ]
