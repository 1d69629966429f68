"""URLs of the portal part of public services (included by urls.py)."""

urlpatterns: list = []
