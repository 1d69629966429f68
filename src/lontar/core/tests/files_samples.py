"""Tiny but real files of every kind, built in memory for upload tests."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Nota dinas</w:t></w:r></w:p></w:body></w:document>"
)


def pdf_bytes(text: str = "Surat undangan rapat koordinasi") -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html><body><p>{text}</p></body></html>").write_pdf()


def image_bytes(fmt: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def _zip(entries: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": DOCX_TYPES.format(main=DOCX_MAIN),
            "_rels/.rels": RELS,
            "word/document.xml": DOCUMENT,
        }
    )


def docm_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": DOCX_TYPES.format(main=DOCM_MAIN),
            "_rels/.rels": RELS,
            "word/document.xml": DOCUMENT,
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro",
        }
    )


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Rekap surat masuk"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    return _zip({"readme.txt": "bukan dokumen office", "word/document.xml": DOCUMENT})


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _rewrite_pdf(change) -> bytes:
    """A real PDF passed through pypdf's writer after `change(writer)`."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes()))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_open_action(action: str, **entries) -> bytes:
    """A PDF whose catalog runs `action` (/JavaScript, /Launch ...) when the file is opened."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    def change(writer):
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject(action),
                **{NameObject(f"/{key}"): TextStringObject(value) for key, value in entries.items()},
            }
        )

    return _rewrite_pdf(change)


def pdf_with_document_javascript() -> bytes:
    """Document-level JavaScript in the /Names tree, behind indirect objects and a #-escaped name."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    def change(writer):
        action = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert('halo')"),
                }
            )
        )
        tree = writer._add_object(
            DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("mulai"), action])})
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})

    data = _rewrite_pdf(change)
    # Hide the plain name from byte scanners: #61 is "a", and PDF readers decode it.
    return data.replace(b"/JavaScript", b"/J#61vaScript")


def encrypted_pdf(user_password: str) -> bytes:
    return _rewrite_pdf(
        lambda writer: writer.encrypt(
            user_password=user_password, owner_password="pemilik-rahasia", algorithm="AES-128"
        )
    )


def zip_bomb_docx(unpacked_mb: int = 50) -> bytes:
    """A well-formed DOCX manifest and document, plus one part of zeros that unpacks ~1000-fold."""
    return _zip(
        {
            "[Content_Types].xml": DOCX_TYPES.format(main=DOCX_MAIN),
            "_rels/.rels": RELS,
            "word/document.xml": DOCUMENT,
            "word/media/image1.bin": b"\0" * (unpacked_mb * 1024 * 1024),
        }
    )
