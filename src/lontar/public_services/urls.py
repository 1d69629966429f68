"""Public services: the citizens' portal (/layanan/, /lacak/, /antrean/) and the
office's screens (/pelayanan/). Each part keeps its own URL module."""

from django.urls import include, path

from lontar.public_services import (
    urls_catalogue,
    urls_counter,
    urls_office,
    urls_portal,
)

app_name = "public_services"

urlpatterns = [
    path("", include(urls_catalogue)),
    path("", include(urls_portal)),
    path("", include(urls_office)),
    path("", include(urls_counter)),
]
