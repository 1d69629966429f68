"""Demo data of public services (filled by the catalogue work)."""

from collections import Counter


def load_public_services_demo() -> Counter:
    return Counter()
