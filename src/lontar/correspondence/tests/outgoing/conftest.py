"""Fixtures of the outgoing-document tests (see outgoing_helpers)."""

from lontar.correspondence.tests.outgoing_helpers import office, signing_setup

__all__ = ["office", "signing_setup"]
