"""Navigation entry and dashboard work of the office's application screens (imported by
PublicServicesConfig.ready), and the audit labels of the deadline job."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with
from lontar.public_services.permissions import PROCESS_APPLICATION, SIGN_APPLICATION_RESULT, VIEW_APPLICATION
from lontar.public_services.selectors import applications as selectors

register_nav(
    NavItem(
        "service_applications",
        gettext_lazy("Permohonan layanan"),
        "public_services:office_queue",
        VIEW_APPLICATION,
        order=30,
        description=gettext_lazy("Antrean permohonan warga: periksa, proses, tanda tangani, serahkan."),
    )
)

audit.register_action_labels(
    gettext_lazy("Pelayanan publik"),
    {
        "public_services.application.remind": gettext_lazy("Pengingat tenggat permohonan dikirim"),
        "public_services.application.escalate": gettext_lazy("Permohonan terlambat dieskalasi"),
    },
)


def application_work(user) -> list[PendingWork]:
    """Applications waiting to be checked, results waiting for this user's signature, overdue ones."""
    items = []
    queue = reverse("public_services:office_queue")
    may_process = bool(organisation_ids_with(user, PROCESS_APPLICATION))
    may_sign = bool(organisation_ids_with(user, SIGN_APPLICATION_RESULT))
    if may_process:
        waiting = selectors.waiting_for_check(user)
        if waiting:
            items.append(
                PendingWork(
                    _("Permohonan menunggu diperiksa"),
                    waiting,
                    f"{queue}?status=diajukan",
                    "warning",
                    _("Ambil sesuai urutan pengajuan."),
                )
            )
    if may_sign:
        to_sign = selectors.awaiting_signature(user)
        if to_sign:
            items.append(
                PendingWork(
                    _("Permohonan menunggu tanda tangan Anda"),
                    to_sign,
                    f"{queue}?status=menunggu_ttd",
                    "warning",
                    _("Naskah hasil layanan yang sudah diperiksa petugas."),
                )
            )
    if may_process or may_sign:
        late = selectors.overdue(user)
        if late:
            items.append(PendingWork(_("Permohonan terlambat"), late, f"{queue}?terlambat=on", "danger"))
    return items


register_pending_work(application_work)
