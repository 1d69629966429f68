"""REST endpoints of the correspondence module; `lontar/api/urls.py` calls `register(router)`."""

from lontar.correspondence import api_incoming


def register(router) -> None:
    # --- incoming letters and dispositions ---
    api_incoming.register(router)
    # --- end incoming ---
