"""URLs of the transparency part of public services (included by urls.py): the public dashboard."""

from django.urls import path
from django.views.generic import RedirectView

from lontar.public_services.views import transparency as views

urlpatterns: list = [
    path("kinerja-layanan/", views.transparency, name="transparency"),
    path("kinerja-layanan/<int:org_id>/", views.transparency_office, name="transparency_office"),
]

# --- TEMPORARY: the portal layout links to these names, which the catalogue and citizen parts define.
# Remove at merge (they exist there as real pages). ------------------------------------------------
urlpatterns += [
    path("layanan/", RedirectView.as_view(pattern_name="public_services:transparency"), name="portal_home"),
    path("lacak/", RedirectView.as_view(pattern_name="public_services:transparency"), name="track"),
]
