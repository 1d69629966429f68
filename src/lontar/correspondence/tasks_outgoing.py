"""Background work of outgoing documents: e-mailing the signed PDF after the sending commits."""

from __future__ import annotations

from django_tasks import task


@task()
def email_outgoing_document(recipient_id: int) -> bool:
    """Mail one outside recipient the signed PDF; does nothing when it was already sent."""
    from lontar.correspondence.services.outgoing import email_recipient

    return email_recipient(recipient_id=recipient_id)


@task()
def index_outgoing_document(document_id: int) -> None:
    """Refresh the document's search entry after a change was committed."""
    from lontar.correspondence.services.outgoing import index_document

    index_document(document_id=document_id)
