"""URLs of the counter part of public services (included by urls.py)."""

urlpatterns: list = []
