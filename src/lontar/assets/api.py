"""REST endpoints of this module."""


def register(router) -> None:
    """Add this module's viewsets to the API router."""
