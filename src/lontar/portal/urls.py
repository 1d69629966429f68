"""Public pages composed from several modules: the transparency dashboard (kinerja layanan)."""

from django.urls import path

from lontar.portal import views

app_name = "portal"

urlpatterns = [
    path("kinerja-layanan/", views.transparency, name="transparency"),
    path("kinerja-layanan/<int:org_id>/", views.transparency_office, name="transparency_office"),
]
