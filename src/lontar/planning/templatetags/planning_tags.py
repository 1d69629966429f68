"""Number formats of the planning screens: rupiah with dots, percentages with a comma."""

from decimal import Decimal

from django import template

from lontar.planning.texts import percent_text, rupiah

register = template.Library()


@register.filter(name="rp")
def rp(value) -> str:
    if value is None or value == "":
        return "-"
    return rupiah(int(value))


@register.filter(name="pct")
def pct(value) -> str:
    if value is None or value == "":
        return "-"
    return percent_text(Decimal(value))


SEVERITY_CLASSES = {"ok": "text-bg-success", "amber": "text-bg-warning", "red": "text-bg-danger"}
SEVERITY_LABELS = {"ok": "Sesuai rencana", "amber": "Tertinggal", "red": "Tertinggal jauh"}


@register.inclusion_tag("planning/_severity.html")
def severity_badge(level: str):
    return {"css": SEVERITY_CLASSES.get(level, "text-bg-secondary"), "level": level}


@register.filter(name="get_month")
def get_month(names: dict, month: int) -> str:
    return names.get(month, "")
