"""URLs of the counter part of public services (included by urls.py): the front desk's screens under
pelayanan/, the citizen's booking under layanan/ and antrean/."""

from django.urls import path

from lontar.public_services.views import counter as views

urlpatterns = [
    path("pelayanan/loket/", views.walk_in, name="walk_in"),
    path("pelayanan/loket/<int:pk>/tanda-terima/", views.receipt, name="counter_receipt"),
    path("pelayanan/loket/<int:pk>/tanda-terima.pdf", views.receipt_pdf, name="counter_receipt_pdf"),
    path("pelayanan/loket/<int:pk>/kode-baru/", views.receipt_new_secret, name="counter_new_secret"),
    path("pelayanan/antrean/", views.queue, name="queue"),
    path("pelayanan/antrean/layar/", views.queue_display, name="queue_display"),
    path("pelayanan/antrean/tiket/", views.queue_ticket, name="queue_ticket"),
    path("pelayanan/antrean/<int:pk>/tiket/", views.queue_ticket_slip, name="queue_ticket_slip"),
    path("pelayanan/antrean/panggil/", views.queue_call_next, name="queue_call_next"),
    path("pelayanan/antrean/hadir/", views.queue_check_in, name="queue_check_in"),
    path("pelayanan/antrean/<int:pk>/status/", views.queue_visit_action, name="queue_visit_action"),
    path("layanan/kantor/<int:org_id>/<slug:code>/antrean/", views.book, name="book"),
    path("antrean/<str:code>/", views.visit_detail, name="visit"),
]
