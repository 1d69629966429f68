"""Who manages Open311 client keys: the office administrator and the Sekcam (like complaint categories)."""

from lontar.core.models import Role
from lontar.core.permissions import grant

MANAGE_OPEN311_CLIENTS = "complaints.manage_open311_clients"


def grant_open311_actions() -> None:
    grant([Role.ORG_ADMIN, Role.SECRETARY], MANAGE_OPEN311_CLIENTS)
