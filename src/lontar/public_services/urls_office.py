"""URLs of the office part of public services (included by urls.py)."""

urlpatterns: list = []
