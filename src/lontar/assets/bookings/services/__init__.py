"""Every write of the bookings module. Other modules (meetings) use the names re-exported here."""

from lontar.assets.bookings.services.bookings import (
    approve_booking,
    cancel_booking,
    conflict_message,
    record_return,
    reject_booking,
    request_booking,
)
from lontar.assets.bookings.services.resources import (
    create_feed,
    create_resource,
    revoke_feed,
    update_resource,
)

__all__ = [
    "approve_booking",
    "cancel_booking",
    "conflict_message",
    "create_feed",
    "create_resource",
    "record_return",
    "reject_booking",
    "request_booking",
    "revoke_feed",
    "update_resource",
]
