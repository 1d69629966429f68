"""Every read of the bookings module, scoped to what the user may see."""

from lontar.assets.bookings.selectors.bookings import (
    bookable_resources,
    booking_for,
    bookings_between,
    conflicts,
    counts_for_dashboard,
    feeds_of,
    pending_for,
    resources_of,
    user_bookings,
)

__all__ = [
    "bookable_resources",
    "booking_for",
    "bookings_between",
    "conflicts",
    "counts_for_dashboard",
    "feeds_of",
    "pending_for",
    "resources_of",
    "user_bookings",
]
