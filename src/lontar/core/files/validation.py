"""Upload validation: the type is decided by the bytes, never by the name the client sent.

Only a short list of office formats is accepted, and each is opened far enough to know it is what
it claims and carries nothing active:

* PDF: parsed with pypdf; refused when no parser can read it (an HTML page behind a `%PDF-` line is
  not a PDF), when it needs a password to open, or when any object holds a JavaScript or Launch
  action (PDF readers run those when the file is opened).
* DOCX/XLSX: zip archives whose manifest must name the plain Word/Excel part. Macro-enabled
  variants are refused, and so are archives that would unpack to far more than they weigh (zip
  bombs): Python's zipfile, like most readers, stops at the sizes the archive declares, so the
  declared sizes are what is bounded.
* JPEG/PNG: by signature; an SVG or GIF renamed `.png` is refused.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

HEAD_BYTES = 8192
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_NAME_LENGTH = 120
# Zip bombs: real office files stay far below these (a 100,000-row sheet of repeated text unpacks
# to about 50 MB at a ratio of 19); a bomb needs a huge ratio or a huge total to do harm.
MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024
# PDF actions a reader runs on its own when the document is opened or touched.
ACTIVE_PDF_ACTIONS = frozenset({"/JavaScript", "/Launch"})
_RAW_ACTIVE_PDF = re.compile(rb"/(?:JavaScript|Launch)\b")
# Walking every object costs about 25 µs each; a 1,000-page report has some tens of thousands.
MAX_PDF_OBJECTS = 100_000


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind("pdf", "application/pdf")
JPEG = FileKind("jpg", "image/jpeg")
PNG = FileKind("png", "image/png")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
ALLOWED_KINDS = (PDF, JPEG, PNG, DOCX, XLSX)
SAFE_CONTENT_TYPES = frozenset(kind.content_type for kind in ALLOWED_KINDS)

_OOXML_MAIN = {
    DOCX: (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    XLSX: ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}


@dataclass(frozen=True)
class ValidatedUpload:
    kind: FileKind
    name: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return settings.LONTAR_UPLOAD_MAX_BYTES


def _not_allowed() -> ValidationError:
    return ValidationError(
        _("Jenis berkas tidak diizinkan. Unggah PDF, JPG, PNG, DOCX, atau XLSX."), code="file_type"
    )


def _bomb() -> ValidationError:
    return ValidationError(
        _(
            "Berkas DOCX atau XLSX ini tidak dapat diterima: isinya setelah dibuka terlalu besar "
            "atau dipadatkan secara tidak wajar."
        ),
        code="archive_bomb",
    )


def _check_archive_sizes(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise _bomb()
    unpacked = 0
    for info in infos:
        unpacked += info.file_size
        if unpacked > MAX_UNPACKED_BYTES:
            raise _bomb()
        if info.file_size >= RATIO_CHECK_MIN_BYTES and (
            info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        ):
            raise _bomb()


def _ooxml_kind(uploaded_file) -> FileKind:
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            infos = archive.infolist()
            _check_archive_sizes(infos)
            names = {info.filename for info in infos}
            info = archive.getinfo("[Content_Types].xml") if "[Content_Types].xml" in names else None
            if info is None or info.file_size > MAX_MANIFEST_BYTES:
                raise _not_allowed()
            with archive.open(info) as handle:
                manifest = handle.read(MAX_MANIFEST_BYTES).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError) as exc:
        raise _not_allowed() from exc
    if "macroEnabled" in manifest or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            _("Berkas yang berisi makro tidak diizinkan. Simpan ulang sebagai DOCX atau XLSX biasa."),
            code="macro",
        )
    for kind, (part, main_type) in _OOXML_MAIN.items():
        if part in names and main_type in manifest:
            return kind
    raise _not_allowed()


def _pdf_refused(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _is_active(obj, depth: int = 0) -> bool:
    """Whether a PDF object, or a direct object nested in it, is or names an active action.

    Indirect references are not followed here: every indirect object is visited on its own.
    """
    if depth > 64:
        return False
    if isinstance(obj, DictionaryObject):
        if "/JS" in obj or "/JavaScript" in obj:
            return True
        if dict.get(obj, "/S") in ACTIVE_PDF_ACTIONS:
            return True
        children = dict.values(obj)
    elif isinstance(obj, ArrayObject):
        children = list.__iter__(obj)
    else:
        return False
    return any(_is_active(child, depth + 1) for child in children if not isinstance(child, IndirectObject))


def _pdf_objects(reader):
    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _inspect_pdf(uploaded_file) -> None:
    """Refuse a PDF that cannot be read, needs a password, or carries JavaScript/Launch actions."""
    unreadable = _pdf_refused(
        _("Berkas PDF rusak atau tidak dapat dibaca. Simpan atau pindai ulang dokumennya, lalu unggah lagi."),
        "pdf_unreadable",
    )
    uploaded_file.seek(0)
    try:
        reader = PdfReader(uploaded_file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _pdf_refused(
                _("PDF yang dilindungi kata sandi tidak dapat diterima. Unggah salinan tanpa kata sandi."),
                "pdf_encrypted",
            )
        if len(reader.pages) == 0:
            raise unreadable
        if sum(len(numbers) for numbers in reader.xref.values()) + len(reader.xref_objStm) > MAX_PDF_OBJECTS:
            raise _pdf_refused(
                _(
                    "PDF ini terlalu rumit untuk diperiksa. "
                    "Simpan ulang dengan ukuran lebih kecil, lalu unggah lagi."
                ),
                "pdf_too_complex",
            )
        active = False
        for reference in _pdf_objects(reader):
            try:
                obj = reference.get_object() if isinstance(reference, IndirectObject) else reference
            except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
                continue  # one damaged object; the raw scan below still looks at its bytes
            if _is_active(obj):
                active = True
                break
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise unreadable from exc
    finally:
        uploaded_file.seek(0)
    if active or _raw_active(uploaded_file):
        raise _pdf_refused(
            _(
                "PDF yang berisi skrip atau perintah otomatis (JavaScript, menjalankan program) tidak "
                "diizinkan. Cetak ulang dokumennya sebagai PDF biasa, lalu unggah lagi."
            ),
            "pdf_active",
        )


def _raw_active(uploaded_file) -> bool:
    """A byte-level look for action names, for objects the parser skipped as damaged."""
    uploaded_file.seek(0)
    tail = b""
    try:
        for chunk in iter(lambda: uploaded_file.read(1024 * 1024), b""):
            if _RAW_ACTIVE_PDF.search(tail + chunk):
                return True
            tail = chunk[-16:]
        return False
    finally:
        uploaded_file.seek(0)


def detect_kind(uploaded_file) -> FileKind:
    """The allowed kind the content is, or a ValidationError."""
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    if head.startswith(b"%PDF-"):
        _inspect_pdf(uploaded_file)
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(uploaded_file)
    guessed = filetype.guess(head)
    mime = guessed.mime if guessed is not None else ""
    if mime == "image/jpeg" and head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if mime == "image/png" and head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    raise _not_allowed()


_UNSAFE_NAME_CHARS = re.compile(r'[<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")


def sanitize_filename(name: str, extension: str) -> str:
    """A readable, harmless display name that ends in the detected extension.

    The text is NFKC-normalised first (so it compares and displays consistently, and full-width
    look-alikes of the separators become real ones), then directory parts are dropped (both
    separators), control and format characters removed (a right-to-left override cannot disguise
    the extension) and the stem cut to a sane length.
    """
    name = unicodedata.normalize("NFKC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = _UNSAFE_NAME_CHARS.sub("_", name)
    name = _SPACES.sub(" ", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" ._") or "berkas"
    stem = stem[:MAX_NAME_LENGTH].rstrip(" .")
    return f"{stem}.{extension}"


def _size_message(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("Ukuran berkas %(size)s MB melebihi batas %(limit)s MB.")
        % {
            "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
            "limit": f"{limit / 1024 / 1024:g}".replace(".", ","),
        },
        code="file_size",
    )


def validate_upload(uploaded_file) -> ValidatedUpload:
    """Check an uploaded file; return what is needed to store it, or raise ValidationError."""
    if uploaded_file is None:
        raise ValidationError(_("Pilih berkas yang akan diunggah."), code="required")
    limit = max_upload_bytes()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise _size_message(size, limit)
    if not size:
        raise ValidationError(_("Berkas kosong."), code="empty")
    kind = detect_kind(uploaded_file)
    digest = hashlib.sha256()
    counted = 0
    uploaded_file.seek(0)
    for chunk in (
        uploaded_file.chunks()
        if hasattr(uploaded_file, "chunks")
        else iter(lambda: uploaded_file.read(65536), b"")
    ):
        counted += len(chunk)
        if counted > limit:
            raise _size_message(counted, limit)
        digest.update(chunk)
    uploaded_file.seek(0)
    name = sanitize_filename(getattr(uploaded_file, "name", "") or "", kind.extension)
    return ValidatedUpload(kind=kind, name=name, size=counted, sha256=digest.hexdigest())
