"""Navigation entries, dashboard work and audit labels of bookings (imported by BookingsConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.assets.bookings.permissions import MANAGE_RESOURCES, VIEW_BOOKINGS
from lontar.assets.bookings.selectors import bookings as selectors
from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with

register_nav(
    NavItem(
        "bookings",
        gettext_lazy("Peminjaman"),
        "bookings:calendar",
        VIEW_BOOKINGS,
        order=60,
        description=gettext_lazy(
            "Kalender bersama ruang rapat dan kendaraan dinas; ajukan dan setujui peminjaman."
        ),
        group="household",
    )
)
register_nav(
    NavItem(
        "booking_resources",
        gettext_lazy("Ruang dan kendaraan"),
        "bookings:resource_list",
        MANAGE_RESOURCES,
        order=935,
        description=gettext_lazy(
            "Ruang rapat dan kendaraan dinas yang dapat dipinjam, pengelola, dan tautan iCal."
        ),
        group="settings",
    )
)

audit.register_action_labels(
    gettext_lazy("Peminjaman"),
    {
        "bookings.booking.create": gettext_lazy("Peminjaman diajukan"),
        "bookings.booking.return": gettext_lazy("Pengembalian kendaraan dicatat"),
        "bookings.resource.create": gettext_lazy("Ruang/kendaraan ditambahkan"),
        "bookings.resource.update": gettext_lazy("Ruang/kendaraan diubah"),
        "bookings.feed.create": gettext_lazy("Tautan kalender iCal dibuat"),
        "bookings.feed.revoke": gettext_lazy("Tautan kalender iCal dicabut"),
    },
)


def booking_work(user) -> list[PendingWork]:
    """Requests waiting for this user's decision; vehicle trips past their end without a return."""
    if not organisation_ids_with(user, VIEW_BOOKINGS):
        return []
    counts = selectors.counts_for_dashboard(user)
    items = []
    if counts["pending"]:
        items.append(
            PendingWork(
                _("Peminjaman ruang/kendaraan menunggu persetujuan"),
                counts["pending"],
                reverse("bookings:approvals"),
                "warning",
            )
        )
    if counts["open_trips"]:
        items.append(
            PendingWork(
                _("Kendaraan dinas belum dicatat kembali"),
                counts["open_trips"],
                reverse("bookings:approvals"),
            )
        )
    return items


register_pending_work(booking_work)
