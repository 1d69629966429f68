"""URLs of the transparency part of public services (included by urls.py): the public dashboard."""

from django.urls import path

from lontar.public_services.views import transparency as views

urlpatterns: list = [
    path("kinerja-layanan/", views.transparency, name="transparency"),
    path("kinerja-layanan/<int:org_id>/", views.transparency_office, name="transparency_office"),
]
