from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    name = "lontar.assets.bookings"
    label = "bookings"
    verbose_name = _("Peminjaman ruang dan kendaraan")

    def ready(self) -> None:
        from lontar.assets.bookings import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.assets.bookings.permissions import grant_booking_actions

        grant_booking_actions()

    def load_demo(self) -> Counter:
        from lontar.assets.bookings.demo import load_bookings_demo

        return load_bookings_demo()
