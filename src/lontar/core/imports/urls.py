from django.urls import path

from lontar.core.imports import views

urlpatterns = [
    path("impor/", views.batch_list, name="import_batches"),
    path("impor/<slug:kind>/unggah/", views.upload, name="import_upload"),
    path("impor/<int:pk>/", views.batch_detail, name="import_batch"),
    path("impor/<int:pk>/pemetaan/", views.remap, name="import_remap"),
    path("impor/<int:pk>/konfirmasi/", views.confirm, name="import_confirm"),
    path("impor/<int:pk>/batal/", views.cancel, name="import_cancel"),
]
