from django.urls import path

from lontar.staff.leave import views

app_name = "leave"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("ajukan/", views.new, name="new"),
    path("perlu-tindakan/", views.inbox, name="inbox"),
    path("kalender/", views.team_calendar, name="calendar"),
    path("kantor/", views.office, name="office"),
    path("kantor/ekspor/", views.export, name="export"),
    path("kantor/saldo-awal/", views.openings, name="openings"),
    path("kantor/pegawai/<int:staff_pk>/", views.statement, name="statement"),
    path("pengaturan/", views.settings, name="settings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pertimbangan/", views.consider, name="consider"),
    path("<int:pk>/keputusan/", views.decide, name="decide"),
    path("<int:pk>/batal/", views.cancel, name="cancel"),
    path("<int:pk>/surat/", views.letter, name="letter"),
]
