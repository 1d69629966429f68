"""Navigation entries, dashboard work and audit labels of supplies (imported by SuppliesConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.assets.supplies import selectors
from lontar.assets.supplies.permissions import VIEW_SUPPLIES
from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with

register_nav(
    NavItem(
        "supplies",
        gettext_lazy("Persediaan ATK"),
        "supplies:item_list",
        VIEW_SUPPLIES,
        order=62,
        description=gettext_lazy("Stok alat tulis kantor, permintaan unit, penerimaan, dan laporan bulanan."),
        group="household",
    )
)

audit.register_action_labels(
    gettext_lazy("Persediaan"),
    {
        "supplies.store.configure": gettext_lazy("Unit pengelola persediaan ditetapkan"),
        "supplies.item.create": gettext_lazy("Barang persediaan ditambahkan"),
        "supplies.item.update": gettext_lazy("Barang persediaan diubah"),
        "supplies.item.masuk": gettext_lazy("Persediaan masuk"),
        "supplies.item.keluar": gettext_lazy("Persediaan keluar"),
        "supplies.item.penyesuaian": gettext_lazy("Penyesuaian stok (stock opname)"),
        "supplies.receipt.create": gettext_lazy("Penerimaan persediaan dicatat"),
        "supplies.request.create": gettext_lazy("Permintaan persediaan diajukan"),
        "supplies.request.approve_lines": gettext_lazy("Jumlah disetujui per barang"),
        "supplies.report.export": gettext_lazy("Laporan persediaan bulanan diunduh"),
    },
)


def supply_work(user) -> list[PendingWork]:
    if not organisation_ids_with(user, VIEW_SUPPLIES):
        return []
    counts = selectors.counts_for_dashboard(user)
    items = []
    requests = reverse("supplies:request_list")
    if counts["to_approve"]:
        items.append(
            PendingWork(
                _("Permintaan ATK menunggu persetujuan"),
                counts["to_approve"],
                f"{requests}?status=diajukan",
                "warning",
            )
        )
    if counts["to_issue"]:
        items.append(
            PendingWork(
                _("Permintaan ATK siap diserahkan"), counts["to_issue"], f"{requests}?status=disetujui"
            )
        )
    if counts["below_minimum"]:
        items.append(
            PendingWork(
                _("Barang persediaan di bawah stok minimum"),
                counts["below_minimum"],
                reverse("supplies:item_list") + "?minimum=on",
                "danger",
                _("Ajukan pengadaan sebelum stok habis."),
            )
        )
    return items


register_pending_work(supply_work)
