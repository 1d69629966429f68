"""REST endpoints of the personnel file."""


def register(router) -> None:
    """Add this module's viewsets to the API router."""
