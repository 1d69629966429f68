"""Navigation entries and dashboard work of organisation administration (imported by CoreConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.orgadmin import selectors
from lontar.core.permissions import MANAGE_STAFF, VIEW_ORGANISATION, VIEW_STAFF, organisation_ids_with

register_nav(
    NavItem(
        "organisations",
        gettext_lazy("Organisasi"),
        "core:organisation_list",
        VIEW_ORGANISATION,
        order=80,
        description=gettext_lazy("Kantor, unit kerja, jabatan, dan pemangku Plt./Plh."),
    )
)
register_nav(
    NavItem(
        "staff",
        gettext_lazy("Pegawai"),
        "core:staff_list",
        VIEW_STAFF,
        order=81,
        description=gettext_lazy("Data pegawai, akun, dan peran."),
    )
)


def administration_work(user) -> list[PendingWork]:
    """For office administrators: staff who cannot sign in yet, positions nobody holds today."""
    org_ids = organisation_ids_with(user, MANAGE_STAFF)
    if not org_ids:
        return []
    items = []
    without_account = selectors.staff_without_account(org_ids).count()
    if without_account:
        items.append(
            PendingWork(
                label=_("Pegawai belum memiliki akun"),
                count=without_account,
                url=reverse("core:staff_list") + "?kantor=semua",
                detail=_("Buat akun agar mereka dapat masuk."),
            )
        )
    vacant = selectors.positions_without_holder(org_ids)
    vacant_count = vacant.count()
    if vacant_count:
        first = vacant.order_by("organisation__path", "order").first()
        items.append(
            PendingWork(
                label=_("Jabatan tanpa pemangku"),
                count=vacant_count,
                url=reverse("core:organisation_detail", args=[first.organisation_id]),
                severity="warning",
                detail=_("Tetapkan pemangku definitif atau Plt./Plh."),
            )
        )
    return items


register_pending_work(administration_work)
