"""Isolation routes of the catalogue part of public services."""

from __future__ import annotations

ROUTES: dict = {}


def populate_office_a(office) -> None:
    """Objects of office A that this part's routes need (none yet)."""
