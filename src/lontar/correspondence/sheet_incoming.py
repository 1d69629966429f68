"""The lembar disposisi of an incoming letter as a PDF, in its usual layout: letterhead, the letter's
particulars, urgency boxes, to whom it went with which instructions ticked, notes, and the whole
tree below. It is a working sheet of the office, so it carries no number and no signature."""

from __future__ import annotations

from lontar.core.documents.rendering import html_to_pdf, indonesian_date, logo_data_uri, render_html
from lontar.correspondence.models import DispositionStatus, SecurityClass, Urgency


def _flatten(nodes, depth=0):
    for node in nodes:
        node.depth = depth
        yield node
        yield from _flatten(node.kids, depth + 1)


def render_sheet(letter, tree, instructions) -> bytes:
    rows = [d for d in _flatten(tree) if d.status != DispositionStatus.WITHDRAWN]
    first_level = [d for d in rows if d.depth == 0]
    ticked = {text for d in first_level for text in d.instruction_texts}
    listed = [i.text for i in instructions]
    extra = sorted(ticked - set(listed))
    html = render_html(
        "correspondence/incoming/sheet_pdf.html",
        {
            "letter": letter,
            "organisation": letter.organisation,
            "logo_uri": logo_data_uri(letter.organisation),
            "received_text": indonesian_date(letter.received_date),
            "sender_date_text": indonesian_date(letter.sender_date) if letter.sender_date else "-",
            "urgency_boxes": [
                (label, letter.urgency == value) for value, label in Urgency.choices if value != "biasa"
            ],
            "security_label": letter.get_security_display() if letter.security != SecurityClass.OPEN else "",
            "first_level": first_level,
            "instruction_boxes": [(text, text in ticked) for text in listed + extra],
            "notes": [d.note for d in first_level if d.note],
            "due_text": min((indonesian_date(d.due_date) for d in first_level if d.due_date), default="-"),
            "rows": rows,
            "date_of": indonesian_date,
        },
    )
    return html_to_pdf(html)
