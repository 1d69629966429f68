"""Navigation entries, dashboard work, audit labels and file audiences of leave (LeaveConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.files.audience import Audience, register_owner_audience
from lontar.core.models import Membership
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.leave import selectors
from lontar.staff.leave.models import LeaveRequest
from lontar.staff.leave.permissions import (
    MANAGE_BALANCES,
    MANAGE_SETTINGS,
    OFFICE_WIDE_ROLES,
    REQUEST_LEAVE,
    VIEW_ALL_LEAVE,
    VIEW_LEAVE,
)

register_nav(
    NavItem(
        "leave",
        gettext_lazy("Cuti"),
        "leave:mine",
        REQUEST_LEAVE,
        order=60,
        description=gettext_lazy("Sisa cuti, riwayat, dan permintaan cuti Anda."),
        group="staff",
    )
)
register_nav(
    NavItem(
        "leave_office",
        gettext_lazy("Cuti pegawai"),
        "leave:office",
        VIEW_ALL_LEAVE,
        order=62,
        description=gettext_lazy("Semua permintaan cuti kantor, saldo awal, dan ekspor."),
        group="staff",
    )
)
register_nav(
    NavItem(
        "leave_balances",
        gettext_lazy("Saldo awal cuti"),
        "leave:openings",
        MANAGE_BALANCES,
        order=930,
        description=gettext_lazy("Sisa cuti tahunan dari kartu cuti kertas saat mulai memakai Lontar."),
        group="settings",
    )
)
register_nav(
    NavItem(
        "leave_settings",
        gettext_lazy("Pengaturan cuti"),
        "leave:settings",
        MANAGE_SETTINGS,
        order=931,
        description=gettext_lazy("Kode klasifikasi surat cuti dan batas pegawai yang cuti bersamaan."),
        group="settings",
    )
)

audit.register_action_labels(
    gettext_lazy("Cuti pegawai"),
    {
        "leave.request.submit": gettext_lazy("Permintaan cuti diajukan"),
        "leave.request.consideration": gettext_lazy("Pertimbangan atasan langsung atas cuti"),
        "leave.request.decision": gettext_lazy("Keputusan pejabat atas cuti"),
        "leave.request.export": gettext_lazy("Daftar cuti diekspor"),
        "leave.opening.set": gettext_lazy("Saldo awal cuti tahunan dicatat"),
        "leave.settings.update": gettext_lazy("Pengaturan cuti diubah"),
    },
)


def leave_work(user) -> list[PendingWork]:
    """Requests waiting for this user's consideration or decision."""
    if not organisation_ids_with(user, VIEW_LEAVE):
        return []
    counts = selectors.pending_counts(user)
    inbox = reverse("leave:inbox")
    items = []
    if counts["consider"]:
        items.append(PendingWork(_("Cuti menunggu pertimbangan Anda"), counts["consider"], inbox, "warning"))
    if counts["decide"]:
        items.append(PendingWork(_("Cuti menunggu keputusan Anda"), counts["decide"], inbox, "warning"))
    return items


register_pending_work(leave_work)


def _attachment_audience(request: LeaveRequest) -> Audience:
    """An attachment (a doctor's note) is seen by the requester, whoever considers or decides, and the
    office-wide readers, not by the whole office."""
    today = organisation_today(request.organisation)
    users = set()
    for position in (request.superior_position, request.official_position):
        holder = position.holder_on(today) if position is not None else None
        if holder is not None and holder.staff.user_id:
            users.add(holder.staff.user_id)
    for staff in (request.staff, request.superior):
        if staff is not None and staff.user_id:
            users.add(staff.user_id)
    users.update(
        Membership.objects.filter(
            organisation__in=request.organisation.ancestors(), role__in=OFFICE_WIDE_ROLES, is_active=True
        ).values_list("user_id", flat=True)
    )
    return Audience(restricted=True, user_ids=tuple(sorted(users)))


register_owner_audience(LeaveRequest, _attachment_audience)
