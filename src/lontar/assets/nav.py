"""Navigation entries, dashboard work and audit labels of assets (imported by AssetsConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.assets import selectors
from lontar.assets.permissions import VIEW_ASSET, VIEW_REGISTER
from lontar.core import audit
from lontar.core.navigation import (
    NavItem,
    PendingWork,
    register_nav,
    register_nav_group,
    register_pending_work,
)
from lontar.core.permissions import organisation_ids_with

# One header menu for household affairs: assets, their reports, bookings and supplies.
register_nav_group("household", gettext_lazy("Rumah tangga"))
register_nav(
    NavItem(
        "assets",
        gettext_lazy("Aset"),
        "assets:asset_list",
        VIEW_ASSET,
        order=60,
        description=gettext_lazy("Barang milik daerah (KIB A-F), label QR, dan laporan kerusakan."),
        group="household",
    )
)
register_nav(
    NavItem(
        "asset_reports",
        gettext_lazy("Laporan KIB"),
        "assets:report_index",
        VIEW_REGISTER,
        order=63,
        description=gettext_lazy("KIB A-F, inventarisasi, dan usulan penghapusan."),
        group="household",
    )
)

audit.register_action_labels(
    gettext_lazy("Aset"),
    {
        "assets.code.import": gettext_lazy("Kode barang diimpor"),
        "assets.code.update": gettext_lazy("Kode barang diubah"),
        "assets.room.create": gettext_lazy("Ruangan dibuat"),
        "assets.room.update": gettext_lazy("Ruangan diubah"),
        "assets.asset.create": gettext_lazy("Aset dicatat"),
        "assets.asset.update": gettext_lazy("Data aset diubah"),
        "assets.asset.photo": gettext_lazy("Foto aset diunggah"),
        "assets.asset.transfer": gettext_lazy("Aset dimutasi"),
        "assets.asset.stocktake_move": gettext_lazy("Ruangan aset dikoreksi dari inventarisasi"),
        "assets.asset.condition": gettext_lazy("Kondisi aset berubah"),
        "assets.asset.status": gettext_lazy("Status aset berubah"),
        "assets.asset.missing": gettext_lazy("Aset tidak ditemukan saat inventarisasi"),
        "assets.asset.found": gettext_lazy("Aset ditemukan kembali"),
        "assets.maintenance.report": gettext_lazy("Kerusakan aset dilaporkan"),
        "assets.maintenance.assign": gettext_lazy("Petugas pemeliharaan ditetapkan"),
        "assets.maintenance.resolve": gettext_lazy("Pemeliharaan selesai"),
        "assets.stocktake.open": gettext_lazy("Sesi inventarisasi dimulai"),
        "assets.stocktake.check": gettext_lazy("Aset diperiksa pada inventarisasi"),
        "assets.stocktake.accept": gettext_lazy("Penerapan selisih inventarisasi diubah"),
        "assets.stocktake.apply": gettext_lazy("Hasil inventarisasi diterapkan"),
        "assets.disposal.propose": gettext_lazy("Penghapusan aset diusulkan"),
        "assets.disposal.decree": gettext_lazy("SK penghapusan aset dicatat"),
        "assets.report.export": gettext_lazy("Laporan aset diekspor"),
        "assets.label.print": gettext_lazy("Label aset dicetak"),
    },
)


def asset_work(user) -> list[PendingWork]:
    if not organisation_ids_with(user, VIEW_ASSET):
        return []
    counts = selectors.pending_maintenance_counts(user)
    url = reverse("assets:maintenance_list")
    items = []
    if counts["to_assign"]:
        items.append(
            PendingWork(
                _("Laporan kerusakan aset menunggu penugasan"),
                counts["to_assign"],
                f"{url}?status=dilaporkan",
                "warning",
            )
        )
    if counts["mine"]:
        items.append(
            PendingWork(_("Pemeliharaan aset yang ditugaskan kepada Anda"), counts["mine"], f"{url}?saya=1")
        )
    disposals = selectors.pending_disposal_count(user)
    if disposals:
        items.append(
            PendingWork(
                _("Usulan penghapusan aset menunggu keputusan"),
                disposals,
                reverse("assets:disposal_list"),
                "warning",
            )
        )
    return items


register_pending_work(asset_work)
