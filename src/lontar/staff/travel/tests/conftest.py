"""Fixtures of the duty-travel tests: the office set-up and the local signing CA (see factories)."""

from lontar.staff.travel.tests.factories import ca_dir, documents_storage, office

__all__ = ["ca_dir", "documents_storage", "office"]
