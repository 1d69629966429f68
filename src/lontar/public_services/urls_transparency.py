"""URLs of the transparency part of public services (included by urls.py)."""

urlpatterns: list = []
