"""Duty travel under /kepegawaian/dinas-luar/."""

from django.urls import path

from lontar.staff.travel import views

app_name = "travel"

ONE = "<int:pk>/"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("kantor/", views.office, name="office"),
    path("kantor/ekspor/", views.export, name="export"),
    path("kalender/", views.calendar, name="calendar"),
    path("baru/", views.create, name="create"),
    path("pengaturan/", views.settings_view, name="settings"),
    path(ONE, views.detail, name="detail"),
    path(ONE + "ubah/", views.edit, name="edit"),
    path(ONE + "ajukan/", views.submit, name="submit"),
    path(ONE + "setujui/", views.approve, name="approve"),
    path(ONE + "kembalikan/", views.return_for_revision, name="return_for_revision"),
    path(ONE + "tolak/", views.reject, name="reject"),
    path(ONE + "tandatangani/", views.sign, name="sign"),
    path(ONE + "batalkan/", views.cancel, name="cancel"),
    path(ONE + "laporan/", views.report, name="report"),
]
