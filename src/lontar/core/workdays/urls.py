from django.urls import path

from lontar.core.workdays import views

urlpatterns = [
    path("pengaturan/kalender-kerja/", views.calendar_view, name="workdays_calendar"),
    path("pengaturan/kalender-kerja/tutup/", views.closure_add, name="workdays_closure_add"),
    path("pengaturan/kalender-kerja/nasional/", views.national_add, name="workdays_national_add"),
    path("pengaturan/kalender-kerja/<int:pk>/hapus/", views.day_remove, name="workdays_day_remove"),
]
