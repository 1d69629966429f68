"""URLs of the catalogue part of public services (included by urls.py)."""

urlpatterns: list = []
