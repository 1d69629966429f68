"""Wiring of incoming letters and dispositions into the platform (imported by CorrespondenceConfig.ready):
search, file audiences, navigation, the dashboard's pending work and the audit trail's labels."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.files.audience import Audience, register_owner_audience, register_owner_search
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.search.registry import register_kind, register_searchable, register_status
from lontar.correspondence import access_incoming
from lontar.correspondence.models import Disposition, DispositionReport, IncomingLetter
from lontar.correspondence.models.dispositions import DispositionStatus
from lontar.correspondence.models.incoming import IncomingStatus
from lontar.correspondence.selectors import incoming as selectors


def letter_audience(letter: IncomingLetter) -> Audience:
    if not letter.is_restricted:
        return Audience()
    return Audience(restricted=True, user_ids=tuple(sorted(access_incoming.chain_user_ids(letter))))


register_searchable(IncomingLetter, view_action=access_incoming.VIEW_INCOMING)
register_searchable(Disposition, view_action=access_incoming.VIEW_INCOMING)
register_kind("surat_masuk", gettext_lazy("Surat masuk"))
register_kind("disposisi", gettext_lazy("Disposisi"))
for _value, _label in [*IncomingStatus.choices, *DispositionStatus.choices]:
    register_status(_value, _label)
register_owner_audience(IncomingLetter, letter_audience)
register_owner_audience(DispositionReport, lambda report: letter_audience(report.disposition.letter))


def _letter_facets(letter: IncomingLetter) -> dict:
    from lontar.correspondence.services.incoming import letter_search_facets

    return letter_search_facets(letter)


def _letter_text_extracted(letter: IncomingLetter) -> None:
    from lontar.correspondence.services.incoming import reindex_letter_after_text_extraction

    reindex_letter_after_text_extraction(letter)


register_owner_search(IncomingLetter, facets=_letter_facets, text_extracted=_letter_text_extracted)
register_owner_search(
    DispositionReport,
    facets=lambda report: _letter_facets(report.disposition.letter),
    text_extracted=lambda report: _letter_text_extracted(report.disposition.letter),
)

register_nav(
    NavItem(
        "incoming_letters",
        gettext_lazy("Surat Masuk"),
        "correspondence:incoming_list",
        access_incoming.VIEW_INCOMING,
        order=20,
        description=gettext_lazy("Buku agenda surat masuk: catat, cari, dan lihat alur disposisinya."),
    )
)
register_nav(
    NavItem(
        "disposition_inbox",
        gettext_lazy("Disposisi"),
        "correspondence:disposition_inbox",
        access_incoming.RECEIVE_DISPOSITION,
        order=21,
        description=gettext_lazy("Disposisi untuk Anda: belum dibaca, mendekati dan melewati tenggat."),
    )
)
register_nav(
    NavItem(
        "disposition_instructions",
        gettext_lazy("Instruksi disposisi"),
        "correspondence:instruction_list",
        access_incoming.MANAGE_INSTRUCTIONS,
        order=60,
        group="settings",
        description=gettext_lazy("Daftar instruksi pada lembar disposisi kantor."),
    )
)


def incoming_work(user) -> list[PendingWork]:
    items = []
    waiting = selectors.waiting_count(user)
    if waiting:
        items.append(
            PendingWork(
                label=_("Surat masuk menunggu disposisi"),
                count=waiting,
                url=reverse("correspondence:incoming_waiting"),
                severity="warning",
                detail=_("Baca lalu disposisikan, atau arsipkan."),
            )
        )
    counts = selectors.inbox_counts(user)
    inbox = reverse("correspondence:disposition_inbox")
    if counts["overdue"]:
        items.append(
            PendingWork(
                label=_("Disposisi melewati tenggat"),
                count=counts["overdue"],
                url=f"{inbox}?kotak=lewat-tenggat",
                severity="danger",
            )
        )
    if counts["soon"]:
        items.append(
            PendingWork(
                label=_("Disposisi mendekati tenggat"),
                count=counts["soon"],
                url=f"{inbox}?kotak=segera",
                severity="warning",
            )
        )
    reported = selectors.reports_to_close_count(user)
    if reported:
        items.append(
            PendingWork(
                label=_("Laporan disposisi menunggu dinyatakan selesai"),
                count=reported,
                url=f"{inbox}?kotak=terkirim",
                detail=_("Periksa laporannya, lalu nyatakan selesai atau kembalikan."),
            )
        )
    if counts["unread"]:
        items.append(
            PendingWork(
                label=_("Disposisi belum dibaca"),
                count=counts["unread"],
                url=f"{inbox}?kotak=belum-dibaca",
            )
        )
    return items


register_pending_work(incoming_work)

audit.register_action_labels(
    gettext_lazy("Surat masuk"),
    {
        "correspondence.incoming_register": gettext_lazy("Surat masuk dicatat"),
        "correspondence.incoming_correct": gettext_lazy("Data surat masuk dikoreksi"),
        "correspondence.incoming_scan_add": gettext_lazy("Pindaian surat masuk ditambahkan"),
        "correspondence.incoming_receive_internal": gettext_lazy("Naskah dinas diterima sebagai surat masuk"),
        "correspondence.disposition_send": gettext_lazy("Disposisi dikirim"),
        "correspondence.disposition_report": gettext_lazy("Laporan tindak lanjut disposisi"),
        "correspondence.disposition_remind": gettext_lazy("Pengingat tenggat disposisi"),
        "correspondence.disposition_escalate": gettext_lazy("Disposisi melewati tenggat dieskalasi"),
        "correspondence.instructions_seed": gettext_lazy("Daftar instruksi disposisi bawaan dibuat"),
        "correspondence.instruction_add": gettext_lazy("Instruksi disposisi ditambahkan"),
        "correspondence.instruction_change": gettext_lazy("Instruksi disposisi diubah"),
    },
)
