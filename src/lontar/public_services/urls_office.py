"""URLs of the office part of public services (included by urls.py): the application queue and page,
one URL per action, and the preview of the result document."""

from django.urls import path

from lontar.public_services.views import office as views

urlpatterns = [
    path("pelayanan/permohonan/", views.application_queue, name="office_queue"),
    path("pelayanan/permohonan/<int:pk>/", views.application_detail, name="office_application"),
    path("pelayanan/permohonan/<int:pk>/ambil/", views.take, name="office_take"),
    path(
        "pelayanan/permohonan/<int:pk>/minta-perbaikan/", views.request_correction, name="office_correction"
    ),
    path("pelayanan/permohonan/<int:pk>/terima/", views.accept, name="office_accept"),
    path("pelayanan/permohonan/<int:pk>/pratinjau-hasil/", views.preview, name="office_preview"),
    path("pelayanan/permohonan/<int:pk>/tanda-tangan/", views.sign, name="office_sign"),
    path("pelayanan/permohonan/<int:pk>/selesai/", views.complete, name="office_complete"),
    path("pelayanan/permohonan/<int:pk>/tolak/", views.reject, name="office_reject"),
    path("pelayanan/permohonan/<int:pk>/kembalikan/", views.return_for_revision, name="office_return"),
    path("pelayanan/permohonan/<int:pk>/serahkan/", views.hand_over, name="office_hand_over"),
    path("pelayanan/permohonan/<int:pk>/tugaskan/", views.assign, name="office_assign"),
    path("pelayanan/permohonan/<int:pk>/pesan/", views.message, name="office_message"),
    path("pelayanan/permohonan/<int:pk>/catatan/", views.note, name="office_note"),
]
