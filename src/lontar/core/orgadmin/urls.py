from django.urls import path

from lontar.core.orgadmin import views

urlpatterns = [
    path("organisasi/", views.organisation_list, name="organisation_list"),
    path("organisasi/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisasi/<int:pk>/ubah/", views.organisation_edit, name="organisation_edit"),
    path("organisasi/<int:pk>/kantor/baru/", views.organisation_create, name="organisation_create"),
    path("organisasi/<int:pk>/pindah/", views.organisation_move, name="organisation_move"),
    path("organisasi/<int:pk>/status/", views.organisation_set_active, name="organisation_set_active"),
    path("organisasi/<int:pk>/unit/baru/", views.unit_create, name="unit_create"),
    path("organisasi/<int:pk>/jabatan/baru/", views.position_create, name="position_create"),
    path("organisasi/<int:pk>/pegawai/baru/", views.staff_create, name="staff_create"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("unit/<int:pk>/hapus/", views.unit_delete, name="unit_delete"),
    path("jabatan/<int:pk>/", views.position_detail, name="position_detail"),
    path("jabatan/<int:pk>/ubah/", views.position_edit, name="position_edit"),
    path("jabatan/<int:pk>/hapus/", views.position_delete, name="position_delete"),
    path("penugasan/<int:pk>/akhiri/", views.assignment_end, name="assignment_end"),
    path("pegawai/", views.staff_list, name="staff_list"),
    path("pegawai/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("pegawai/<int:pk>/ubah/", views.staff_edit, name="staff_edit"),
    path("pegawai/<int:pk>/mutasi/", views.staff_transfer, name="staff_transfer"),
    path("pegawai/<int:pk>/akun/", views.account_create, name="account_create"),
    path("pegawai/<int:pk>/peran/", views.membership_add, name="membership_add"),
    path("peran/<int:pk>/cabut/", views.membership_remove, name="membership_remove"),
]
