"""Registrations of outgoing documents with the platform: navigation, the dashboard's pending work,
audit labels, and who may open a document's attachments."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lontar.core import audit
from lontar.core.files.audience import Audience, register_owner_audience
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.search.registry import register_kind, register_searchable, register_status
from lontar.correspondence.models.outgoing import OutgoingStatus
from lontar.correspondence.outgoing_actions import VIEW_OUTGOING, VIEW_OUTGOING_TEMPLATES


def pending_outgoing(user) -> list[PendingWork]:
    from lontar.correspondence.selectors.outgoing import counts_for

    counts = counts_for(user)
    items = []
    if counts["paraf"]:
        items.append(
            PendingWork(
                label=str(_("Naskah menunggu paraf Anda")),
                count=counts["paraf"],
                url=reverse("correspondence:outgoing_paraf_inbox"),
                severity="warning",
            )
        )
    if counts["signature"]:
        items.append(
            PendingWork(
                label=str(_("Naskah menunggu tanda tangan Anda")),
                count=counts["signature"],
                url=reverse("correspondence:outgoing_signature_inbox"),
                severity="warning",
            )
        )
    if counts["returned"]:
        items.append(
            PendingWork(
                label=str(_("Konsep dikembalikan untuk diperbaiki")),
                count=counts["returned"],
                url=reverse("correspondence:outgoing_drafts"),
                severity="danger",
            )
        )
    if counts["to_send"]:
        items.append(
            PendingWork(
                label=str(_("Naskah ditandatangani, belum dikirim")),
                count=counts["to_send"],
                url=reverse("correspondence:outgoing_drafts"),
            )
        )
    return items


def _attachment_audience(document) -> Audience:
    """Attachments of a Rahasia document follow its circle; others are open to the office."""
    if not document.is_restricted:
        return Audience()
    from lontar.correspondence.outgoing_access import circle_user_ids

    return Audience(restricted=True, user_ids=tuple(circle_user_ids(document)))


def register() -> None:
    from lontar.correspondence.models.outgoing import OutgoingDocument

    register_nav(
        NavItem(
            key="outgoing",
            label=_("Naskah Keluar"),
            url_name="correspondence:outgoing_drafts",
            action=VIEW_OUTGOING,
            order=30,
            description=_("Konsep, paraf, tanda tangan dan pengiriman naskah dinas."),
        )
    )
    register_nav(
        NavItem(
            key="outgoing_templates",
            label=_("Templat Naskah Keluar"),
            url_name="correspondence:outgoing_templates",
            action=VIEW_OUTGOING_TEMPLATES,
            order=120,
            group="settings",
        )
    )
    register_pending_work(pending_outgoing)
    register_owner_audience(OutgoingDocument, _attachment_audience)
    register_searchable(OutgoingDocument, view_action=VIEW_OUTGOING)
    register_kind("naskah_keluar", _("Naskah keluar"))
    for value, label in OutgoingStatus.choices:
        register_status(value, label)
    audit.register_action_labels(
        _("Naskah keluar"),
        {
            "correspondence.outgoing_template_save": _("Templat naskah keluar disimpan"),
            "correspondence.outgoing_create": _("Konsep naskah dibuat"),
            "correspondence.outgoing_update": _("Konsep naskah diubah"),
            "correspondence.outgoing_comment": _("Komentar pada naskah"),
            "correspondence.outgoing_paraf": _("Paraf diberikan"),
            "correspondence.outgoing_send": _("Naskah dikirim"),
            "correspondence.outgoing_emailed": _("Naskah terkirim lewat surel"),
            "correspondence.outgoing_email_failed": _("Surel naskah gagal terkirim"),
            "correspondence.outgoing_redeliver": _("Pengiriman yang belum sampai dicoba lagi"),
        },
    )
