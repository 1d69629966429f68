from django.urls import path

from lontar.core.notifications import views

urlpatterns = [
    path("notifikasi/pengaturan/", views.preferences, name="notification_preferences"),
    path("sistem/pekerjaan-latar/", views.background_jobs, name="background_jobs"),
    path("sistem/pekerjaan-latar/kirim-ulang/", views.retry_deliveries, name="background_jobs_retry"),
]
