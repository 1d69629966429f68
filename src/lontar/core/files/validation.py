"""Upload validation: the type is decided by the bytes, never by the name the client sent.

Only a short list of office formats is accepted. DOCX and XLSX are zip archives, so the archive
is opened and its manifest checked; any other zip (and the macro-enabled variants) is refused.
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

HEAD_BYTES = 8192
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_NAME_LENGTH = 120


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


def _ooxml_kind(uploaded_file) -> FileKind:
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = set(archive.namelist())
            info = archive.getinfo("[Content_Types].xml") if "[Content_Types].xml" in names else None
            if info is None or info.file_size > MAX_MANIFEST_BYTES:
                raise _not_allowed()
            manifest = archive.read(info).decode("utf-8", errors="replace")
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


def detect_kind(uploaded_file) -> FileKind:
    """The allowed kind the content is, or a ValidationError."""
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    if head.startswith(b"%PDF-"):
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

    Directory parts are dropped (both separators), control and format characters removed, the text
    NFC-normalised (so it compares and displays consistently), and the stem cut to a sane length.
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
