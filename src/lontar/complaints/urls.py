"""Complaints: the citizens' pages under /pengaduan/ and the office's screens under /pengaduan/kelola/."""

from django.urls import path

from lontar.complaints.views import office, portal

app_name = "complaints"

STAFF = "kelola/"
ONE = STAFF + "<int:pk>/"

urlpatterns = [
    # --- public -----------------------------------------------------------------------------------
    path("", portal.home, name="portal_home"),
    path("kantor/<int:org_id>/kirim/", portal.file_complaint, name="file"),
    path("daftar/", portal.public_list, name="public_list"),
    path("lacak/", portal.track, name="track"),
    path("lacak/lupakan/", portal.forget, name="track_forget"),
    path("lacak/<str:number>/", portal.track_detail, name="track_detail"),
    path("lacak/<str:number>/bukti/", portal.receipt, name="receipt"),
    path("lacak/<str:number>/balas/", portal.reply, name="reply"),
    path("lacak/<str:number>/nilai/", portal.rate, name="rate"),
    path("lacak/<str:number>/buka-kembali/", portal.reopen, name="reopen"),
    # Last: the link with the secret (8 characters, never one of the words above).
    path("lacak/<str:number>/<str:secret>/", portal.track_link, name="track_link"),
    # --- office -----------------------------------------------------------------------------------
    path(STAFF, office.inbox, name="office_inbox"),
    path(STAFF + "ekspor/", office.export, name="office_export"),
    path(STAFF + "catat/", office.register, name="office_register"),
    path(STAFF + "kategori/", office.category_list, name="category_list"),
    path(STAFF + "kategori/baru/", office.category_create, name="category_create"),
    path(STAFF + "kategori/<int:pk>/", office.category_edit, name="category_edit"),
    path(ONE, office.detail, name="office_detail"),
    path(ONE + "verifikasi/", office.verify, name="office_verify"),
    path(ONE + "teruskan/", office.forward, name="office_forward"),
    path(ONE + "alihkan/", office.reroute, name="office_reroute"),
    path(ONE + "tugaskan/", office.assign, name="office_assign"),
    path(ONE + "tindak-lanjut/", office.start_follow_up, name="office_start_follow_up"),
    path(ONE + "tanggapan/", office.respond, name="office_respond"),
    path(ONE + "catatan/", office.note, name="office_note"),
    path(ONE + "selesai/", office.resolve, name="office_resolve"),
    path(ONE + "publikasi/", office.publication, name="office_publication"),
    path(ONE + "tutup/", office.close, name="office_close"),
    path(ONE + "tolak/", office.reject, name="office_reject"),
    path(ONE + "eskalasi/", office.escalate, name="office_escalate"),
    path(ONE + "arahan/", office.decide, name="office_decide"),
]
