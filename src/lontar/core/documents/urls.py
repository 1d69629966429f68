from django.urls import path

from lontar.core.documents import views

urlpatterns = [
    path("verifikasi/<str:token>/", views.verify, name="document_verify"),
    path("naskah-terbit/", views.document_list, name="document_list"),
    path("naskah-terbit/<int:pk>/unduh/", views.download, name="document_download"),
]
