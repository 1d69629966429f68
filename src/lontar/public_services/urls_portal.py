"""URLs of the citizen side of public services: applying online and tracking (included by urls.py)."""

from django.urls import path

from lontar.public_services.views import account, portal

APPLY = "layanan/kantor/<int:org_id>/<slug:code>/ajukan/"

urlpatterns: list = [
    path(APPLY, portal.apply, name="apply"),
    path(APPLY + "kontak/", portal.apply_contact, name="apply_contact"),
    path(APPLY + "kode/", portal.apply_code, name="apply_code"),
    path("layanan/akun/daftar/", account.register, name="register"),
    path("layanan/akun/daftar/kode/", account.register_code, name="register_code"),
    path("layanan/akun/permohonan/", account.my_applications, name="my_applications"),
    path("lacak/", portal.track, name="track"),
    path("lacak/lupakan/", portal.track_forget, name="track_forget"),
    path("lacak/<str:number>/", portal.track_detail, name="track_detail"),
    path("lacak/<str:number>/bukti/", portal.receipt, name="receipt"),
    path("lacak/<str:number>/perbaikan/", portal.track_correct, name="track_correct"),
    path("lacak/<str:number>/unduh/", portal.track_download, name="track_download"),
    # Last: the QR link (a secret is 8 upper-case characters, never one of the words above).
    path("lacak/<str:number>/<str:secret>/", portal.track_link, name="track_link"),
]
