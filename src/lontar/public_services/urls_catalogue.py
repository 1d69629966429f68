"""URLs of the catalogue part of public services (included by urls.py): the public portal's offices,
services and standards under /layanan/, and the office's catalogue under /pelayanan/katalog/."""

from django.urls import path

from lontar.public_services.views import catalogue as views

urlpatterns: list = [
    # --- public portal ---
    path("layanan/", views.portal_home, name="portal_home"),
    path("layanan/kantor/<int:org_id>/", views.portal_office, name="portal_office"),
    path("layanan/kantor/<int:org_id>/maklumat.pdf", views.portal_pledge_pdf, name="portal_pledge_pdf"),
    path("layanan/kantor/<int:org_id>/<slug:code>/", views.portal_service, name="portal_service"),
    path(
        "layanan/kantor/<int:org_id>/<slug:code>/standar.pdf",
        views.portal_standard_pdf,
        name="portal_standard_pdf",
    ),
    # --- the office's catalogue ---
    path("pelayanan/katalog/", views.catalogue_list, name="catalogue_list"),
    path("pelayanan/katalog/baru/", views.service_create, name="catalogue_service_create"),
    path("pelayanan/katalog/<int:pk>/", views.service_detail, name="catalogue_service"),
    path("pelayanan/katalog/<int:pk>/ubah/", views.service_edit, name="catalogue_service_edit"),
    path("pelayanan/katalog/<int:pk>/versi-baru/", views.standard_new_version, name="catalogue_new_version"),
    path("pelayanan/katalog/standar/<int:pk>/", views.standard_detail, name="catalogue_standard"),
    path("pelayanan/katalog/standar/<int:pk>/cetak.pdf", views.standard_pdf, name="catalogue_standard_pdf"),
    path("pelayanan/katalog/standar/<int:pk>/ubah/", views.standard_edit, name="catalogue_standard_edit"),
    path(
        "pelayanan/katalog/standar/<int:pk>/tetapkan/",
        views.standard_publish,
        name="catalogue_standard_publish",
    ),
    path(
        "pelayanan/katalog/standar/<int:pk>/persyaratan/baru/",
        views.requirement_create,
        name="catalogue_requirement_create",
    ),
    path(
        "pelayanan/katalog/persyaratan/<int:pk>/ubah/",
        views.requirement_edit,
        name="catalogue_requirement_edit",
    ),
    path(
        "pelayanan/katalog/persyaratan/<int:pk>/hapus/",
        views.requirement_delete,
        name="catalogue_requirement_delete",
    ),
    path(
        "pelayanan/katalog/persyaratan/<int:pk>/geser/",
        views.requirement_move,
        name="catalogue_requirement_move",
    ),
    path(
        "pelayanan/katalog/standar/<int:pk>/isian/baru/",
        views.form_field_create,
        name="catalogue_form_field_create",
    ),
    path("pelayanan/katalog/isian/<int:pk>/ubah/", views.form_field_edit, name="catalogue_form_field_edit"),
    path(
        "pelayanan/katalog/isian/<int:pk>/hapus/", views.form_field_delete, name="catalogue_form_field_delete"
    ),
    path("pelayanan/katalog/isian/<int:pk>/geser/", views.form_field_move, name="catalogue_form_field_move"),
    path("pelayanan/katalog/maklumat/", views.pledge_list, name="catalogue_pledges"),
    path("pelayanan/katalog/maklumat/baru/", views.pledge_create, name="catalogue_pledge_create"),
]
