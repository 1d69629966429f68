"""JSON and XML answers in the GeoReport v2 shapes (element names of the spec, UTF-8, XML declaration)."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

from django.http import HttpResponse

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


# Characters XML 1.0 cannot carry at all (a pasted description may hold them); ElementTree would write
# them and make the whole answer unreadable to a client's parser.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value, item_names: dict) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), inner, item_names)
    elif isinstance(value, list | tuple):
        item = item_names.get(element.tag, "item")
        for inner in value:
            _fill(ET.SubElement(element, item), inner, item_names)
    else:
        element.text = _text(value)


def to_xml(root: str, value, item_names: dict) -> str:
    """`value` (a list, or a dict) under `root`; list items are named by `item_names[parent tag]`."""
    element = ET.Element(root)
    _fill(element, value, item_names)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode")


# Names of list items, by the name of the list element (spec: services/service, attributes/attribute …).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


def respond(value, *, format: str, xml_root: str, status: int = 200) -> HttpResponse:
    body = to_xml(xml_root, value, ITEM_NAMES) if format == "xml" else json.dumps(value, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[format])


def errors(status: int, descriptions, *, format: str) -> HttpResponse:
    items = [{"code": status, "description": str(d)} for d in descriptions]
    return respond(items, format=format, xml_root="errors", status=status)
