from django.urls import path

from lontar.staff.attendance import views

app_name = "attendance"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("masuk/", views.check_in, name="check_in"),
    path("pulang/", views.check_out, name="check_out"),
    path("jadwal/", views.roster, name="roster"),
    path("jadwal/buat/", views.roster_generate, name="roster_generate"),
    path("jadwal/sel/<int:pk>/", views.roster_cell, name="roster_cell"),
    path("jadwal/di-luar-jadwal/", views.roster_exclude, name="roster_exclude"),
    path("jadwal/di-luar-jadwal/<int:pk>/hapus/", views.exclusion_delete, name="exclusion_delete"),
    path("kuota/", views.quota, name="quota"),
    path("kuota/unit/<int:pk>/", views.quota_edit, name="quota_edit"),
    path("kuota/jam-kerja/<int:pk>/", views.office_hours, name="office_hours"),
    path("rekap/", views.recap, name="recap"),
    path("rekap/ekspor/", views.recap_export, name="recap_export"),
    path("koreksi/<int:pk>/", views.correct, name="correct"),
]
