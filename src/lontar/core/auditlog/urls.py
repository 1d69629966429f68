from django.urls import path

from lontar.core.auditlog import views

urlpatterns = [
    path("audit/", views.event_list, name="audit_list"),
    path("audit/ekspor.csv", views.event_export, name="audit_export"),
    path("audit/verifikasi/", views.verify, name="audit_verify"),
    path("audit/<int:pk>/", views.event_detail, name="audit_detail"),
]
