from django.urls import path

from lontar.core.files import views

urlpatterns = [
    path("berkas/<int:pk>/unduh/", views.download, name="file_download"),
]
