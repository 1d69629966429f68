"""Number formats: parsing, validation and rendering of the tokens in a numbering template.

A format is plain text with tokens in braces, e.g. ``{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}``
→ ``000.8.3.3/015/Kec.Jts/XI/2026``. Pure functions, no database: the service and the live preview
both use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

SEQUENCE_TOKEN = "urut"  # noqa: S105 (a token name, not a secret)
TOKENS = ("klasifikasi", SEQUENCE_TOKEN, "unit", "org", "bulan_romawi", "bulan", "tahun")
MAX_PADDING = 10

# What each token means, for the template screen: (token as written, meaning, example value).
TOKEN_HELP = (
    ("{klasifikasi}", gettext_lazy("Kode klasifikasi arsip naskah, diisi saat nomor diambil"), "800.1.11.1"),
    ("{urut}", gettext_lazy("Nomor urut tanpa nol di depan"), "15"),
    ("{urut:3}", gettext_lazy("Nomor urut dengan nol di depan sampai 3 digit (lebar 1 sampai 10)"), "015"),
    (
        "{unit}",
        gettext_lazy("Kode unit pengolah; kode kantor bila tidak diisi saat nomor diambil"),
        "Kec.Jts",
    ),
    ("{org}", gettext_lazy("Kode kantor"), "Kec.Jts"),
    ("{bulan_romawi}", gettext_lazy("Bulan tanggal naskah dalam angka Romawi"), "XI"),
    ("{bulan}", gettext_lazy("Bulan tanggal naskah, dua digit"), "11"),
    ("{tahun}", gettext_lazy("Tahun tanggal naskah, empat digit"), "2026"),
)

# Formats offices actually use (REFERENCE §2), rendered on the template screen by `render_number`
# itself so the examples can never disagree with what the service issues.
EXAMPLES = (
    ("{klasifikasi}/{urut}/{unit}", {"sequence": 15, "classification_code": "000.8.3.3", "unit_code": "OR"}),
    (
        "{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}",
        {"sequence": 123, "classification_code": "800.1.11.1", "unit_code": "Kec.Jts"},
    ),
    ("{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}", {"sequence": 7, "classification_code": "000.1"}),
    ("{urut:4}/SM/{org}/{tahun}", {"sequence": 42}),
)
EXAMPLE_DATE = date(2026, 11, 3)
EXAMPLE_ORGANISATION_CODE = "Kec.Jts"

# A brace group: its name and an optional ":N" argument. Anything else in braces is an error.
_TOKEN_RE = re.compile(r"\{([^{}]*)\}")
_NAME_RE = re.compile(r"^([a-z_]+)(?::(\d+))?$")


@dataclass(frozen=True)
class Token:
    name: str
    width: int | None
    start: int
    end: int


def roman_month(month: int) -> str:
    return ROMAN_MONTHS[month - 1]


def parse_format(fmt: str) -> list[Token]:
    """The tokens of `fmt`, in order. Raises ValidationError (in Indonesian) on anything malformed."""
    errors: list[str] = []
    tokens: list[Token] = []
    if not fmt or not fmt.strip():
        raise ValidationError(_("Format nomor tidak boleh kosong."), code="empty")
    for match in _TOKEN_RE.finditer(fmt):
        body = match.group(1).strip()
        named = _NAME_RE.match(body)
        if named is None or named.group(1) not in TOKENS:
            errors.append(
                _("Token {%(token)s} tidak dikenal. Token yang tersedia: %(available)s.")
                % {"token": body, "available": ", ".join(f"{{{t}}}" for t in TOKENS)}
            )
            continue
        name, width = named.group(1), named.group(2)
        if width is not None and name != SEQUENCE_TOKEN:
            errors.append(
                _("Lebar angka (:%(width)s) hanya berlaku untuk token {urut}, bukan {%(token)s}.")
                % {"width": width, "token": name}
            )
            continue
        if width is not None and not 1 <= int(width) <= MAX_PADDING:
            errors.append(_("Lebar nomor urut harus antara 1 dan %(max)s digit.") % {"max": MAX_PADDING})
            continue
        tokens.append(Token(name, int(width) if width else None, match.start(), match.end()))
    leftover = _TOKEN_RE.sub("", fmt)
    if "{" in leftover or "}" in leftover:
        errors.append(_("Ada kurung kurawal yang tidak berpasangan. Tulis token seperti {urut:3}."))
    if not errors and not any(t.name == SEQUENCE_TOKEN for t in tokens):
        errors.append(_("Format nomor harus memuat nomor urut: {urut} atau {urut:3}."))
    if not errors and sum(t.name == SEQUENCE_TOKEN for t in tokens) > 1:
        errors.append(_("Nomor urut ({urut}) hanya boleh muncul satu kali."))
    if errors:
        raise ValidationError(errors, code="invalid_format")
    return tokens


def uses_token(fmt: str, name: str) -> bool:
    return any(t.name == name for t in parse_format(fmt))


def render_number(
    fmt: str,
    *,
    sequence: int,
    on_date: date,
    organisation_code: str,
    unit_code: str,
    classification_code: str = "",
) -> str:
    """The number for `sequence` on `on_date`. A sequence wider than the padding is written in full."""
    tokens = parse_format(fmt)
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    values = {
        "klasifikasi": classification_code.strip(),
        "unit": unit_code.strip(),
        "org": organisation_code.strip(),
        "bulan_romawi": roman_month(on_date.month),
        "bulan": f"{on_date.month:02d}",
        "tahun": f"{on_date.year:04d}",
    }
    if any(t.name == "klasifikasi" for t in tokens) and not values["klasifikasi"]:
        raise ValidationError(
            _("Kode klasifikasi arsip wajib diisi karena format nomor memuat {klasifikasi}."),
            code="classification_required",
        )
    parts: list[str] = []
    position = 0
    for token in tokens:
        parts.append(fmt[position : token.start])
        if token.name == SEQUENCE_TOKEN:
            parts.append(str(sequence).zfill(token.width or 1))
        else:
            parts.append(values[token.name])
        position = token.end
    parts.append(fmt[position:])
    return "".join(parts)


def examples() -> list[tuple[str, str]]:
    """(format, number) pairs for the template screen."""
    return [
        (
            fmt,
            render_number(
                fmt,
                on_date=EXAMPLE_DATE,
                organisation_code=EXAMPLE_ORGANISATION_CODE,
                unit_code=values.get("unit_code", EXAMPLE_ORGANISATION_CODE),
                sequence=values["sequence"],
                classification_code=values.get("classification_code", ""),
            ),
        )
        for fmt, values in EXAMPLES
    ]


_SHAPE_OF = {SEQUENCE_TOKEN: "{urut}", "unit": "{kode}", "org": "{kode}"}


def shape(fmt: str) -> str:
    """The format with the differences that cannot keep two numbers apart erased: the padding of the
    sequence (``{urut:3}`` writes 100 exactly as ``{urut}`` does) and unit versus office code (the unit
    defaults to the office code). Two formats with one shape can print the same number."""
    parts: list[str] = []
    position = 0
    for token in parse_format(fmt):
        parts.append(fmt[position : token.start])
        parts.append(_SHAPE_OF.get(token.name, f"{{{token.name}}}"))
        position = token.end
    parts.append(fmt[position:])
    return "".join(parts)


def sequence_matcher(fmt: str, *, year: int):
    """A function giving the sequence at which `fmt` would print `number` in `year`, or None when it
    never would. Classification, unit and office codes may be any text, so they match anything."""
    pattern: list[str] = []
    position = 0
    for token in parse_format(fmt):
        pattern.append(re.escape(fmt[position : token.start]))
        if token.name == SEQUENCE_TOKEN:
            # Exactly `width` digits (zero-padded), or more digits without a leading zero.
            width = token.width or 1
            pattern.append(rf"(?P<urut>\d{{{width}}}|[1-9]\d{{{width},}})")
        elif token.name == "tahun":
            pattern.append(f"{year:04d}")
        elif token.name == "bulan":
            pattern.append("(?:0[1-9]|1[0-2])")
        elif token.name == "bulan_romawi":
            pattern.append("(?:" + "|".join(sorted(ROMAN_MONTHS, key=len, reverse=True)) + ")")
        else:
            pattern.append(".+?")
        position = token.end
    pattern.append(re.escape(fmt[position:]))
    compiled = re.compile("".join(pattern))

    def match(number: str) -> int | None:
        found = compiled.fullmatch(number)
        return int(found.group("urut")) if found else None

    return match
