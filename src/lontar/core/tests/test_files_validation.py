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
