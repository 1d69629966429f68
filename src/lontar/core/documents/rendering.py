"""Template -> HTML -> PDF for issued documents: letterhead, signature block, QR code, footer."""

from __future__ import annotations

import base64
import datetime as dt
import re

import filetype
import nh3
import segno
from django.template.loader import render_to_string

BODY_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sup", "sub", "span", "div", "blockquote",
    "ol", "ul", "li", "h3", "h4",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
}
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
QR_ERROR_LEVEL = "m"
QR_SCALE = 4
QR_BORDER = 2


def sanitise_body(html: str) -> str:
    """Keep basic formatting and tables; drop scripts, styles, links, images and every other attribute."""
    return nh3.clean(
        html or "",
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


def indonesian_date(day: dt.date) -> str:
    """`22 November 2026` - the form used in official letters, whatever the UI language."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_nip(nip: str) -> str:
    """An 18-digit NIP written with spaces: `19860926 201505 1 001`; anything else unchanged."""
    digits = (nip or "").replace(" ", "")
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return (nip or "").strip()


_RANK_WITH_GRADE_FIRST = re.compile(r"^(I{1,3}|IV)/([a-e])\s+(\S.*)$")


def format_rank(rank: str) -> str:
    """Pangkat as letters print it, name first: `IV/a Pembina` -> `Pembina (IV/a)`; else unchanged."""
    rank = " ".join((rank or "").split())
    match = _RANK_WITH_GRADE_FIRST.match(rank)
    if match:
        return f"{match.group(3)} ({match.group(1)}/{match.group(2)})"
    return rank


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR_LEVEL, micro=False)


def qr_data_uri(url: str) -> str:
    return qr_code(url).png_data_uri(scale=QR_SCALE, border=QR_BORDER)


def logo_data_uri(organisation) -> str:
    """The office logo inlined, so rendering never fetches anything; empty when there is none."""
    if not organisation.logo:
        return ""
    try:
        with organisation.logo.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""
    kind = filetype.guess(data)
    if kind is None or kind.mime not in {"image/png", "image/jpeg", "image/gif", "image/webp"}:
        if data.lstrip()[:5] in (b"<?xml", b"<svg "):
            return "data:image/svg+xml;base64," + base64.b64encode(data).decode()
        return ""
    return f"data:{kind.mime};base64," + base64.b64encode(data).decode()


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)


def html_to_pdf(html: str) -> bytes:
    """Render with WeasyPrint. Only data: URIs are allowed, so a document cannot reach the network."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
