"""The career agenda under /kepegawaian/agenda/."""

from django.urls import path

from lontar.staff.reminders import views

app_name = "staff_reminders"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("ekspor/", views.export, name="export"),
    path("pengaturan/", views.settings, name="settings"),
]
