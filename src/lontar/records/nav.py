"""Navigation entries and dashboard work of the records module (imported by RecordsConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with
from lontar.records import selectors
from lontar.records.models import FinalDisposition
from lontar.records.permissions import (
    APPROVE_DISPOSAL,
    MANAGE_LOAN,
    PROPOSE_DISPOSAL,
    VIEW_CLASSIFICATION,
    VIEW_FILE,
)

register_nav(
    NavItem(
        "records",
        gettext_lazy("Arsip"),
        "records:file_list",
        VIEW_FILE,
        order=40,
        description=gettext_lazy("Berkas arsip, peminjaman, dan penyusutan."),
    )
)
register_nav(
    NavItem(
        "classification",
        gettext_lazy("Klasifikasi arsip"),
        "records:classification_list",
        VIEW_CLASSIFICATION,
        order=910,
        description=gettext_lazy("Kode klasifikasi arsip dan jadwal retensi (JRA)."),
        group="settings",
    )
)


def records_work(user) -> list[PendingWork]:
    """Files due for destruction or transfer (for those who propose), proposals waiting for the head,
    and overdue loans."""
    items = []
    if organisation_ids_with(user, PROPOSE_DISPOSAL):
        destroy = selectors.files_due_for_disposal(user, FinalDisposition.DESTROY, PROPOSE_DISPOSAL).count()
        if destroy:
            items.append(
                PendingWork(
                    _("Berkas jatuh tempo musnah"),
                    destroy,
                    reverse("records:due_list") + "?keterangan=musnah",
                    "warning",
                )
            )
        transfer = selectors.files_due_for_disposal(
            user, FinalDisposition.PERMANENT, PROPOSE_DISPOSAL
        ).count()
        if transfer:
            items.append(
                PendingWork(
                    _("Berkas jatuh tempo diserahkan (permanen)"),
                    transfer,
                    reverse("records:due_list") + "?keterangan=permanen",
                    "info",
                )
            )
    if organisation_ids_with(user, APPROVE_DISPOSAL):
        waiting = (
            selectors.proposals_for(user)
            .filter(status="diusulkan", organisation_id__in=organisation_ids_with(user, APPROVE_DISPOSAL))
            .count()
        )
        if waiting:
            items.append(
                PendingWork(
                    _("Usul penyusutan arsip menunggu keputusan"),
                    waiting,
                    reverse("records:proposal_list"),
                    "warning",
                )
            )
    if organisation_ids_with(user, MANAGE_LOAN):
        overdue = selectors.overdue_loans(user).count()
        if overdue:
            items.append(
                PendingWork(
                    _("Peminjaman arsip terlambat kembali"), overdue, reverse("records:loan_list"), "danger"
                )
            )
    return items


register_pending_work(records_work)
