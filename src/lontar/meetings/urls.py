from django.urls import path

from lontar.meetings.views import screens

app_name = "meetings"

ONE = "<int:pk>/"

urlpatterns = [
    path("", screens.meeting_list, name="list"),
    path("saya/", screens.mine, name="mine"),
    path("baru/", screens.meeting_create, name="create"),
    path("tindak-lanjut/", screens.my_actions, name="my_actions"),
    path(ONE, screens.meeting_detail, name="detail"),
    path(ONE + "ubah/", screens.meeting_edit, name="edit"),
    path(ONE + "batalkan/", screens.meeting_cancel, name="cancel"),
    path(ONE + "undangan/", screens.meeting_invite, name="invite"),
    path(ONE + "qr/", screens.meeting_qr, name="qr"),
    path(ONE + "daftar-hadir.pdf", screens.attendance_pdf, name="attendance_pdf"),
    path(ONE + "notula/", screens.minutes_save, name="minutes_save"),
    path(ONE + "notula/sahkan/", screens.minutes_finalise, name="minutes_finalise"),
    path(ONE + "notula.pdf", screens.minutes_pdf, name="minutes_pdf"),
    path(ONE + "tindak-lanjut/", screens.item_add, name="item_add"),
    path(ONE + "berkas/", screens.upload, name="upload"),
    path(ONE + "rapat.ics", screens.meeting_ics, name="ics"),
    path("tindak-lanjut/<int:pk>/hapus/", screens.item_remove, name="item_remove"),
    path("tindak-lanjut/<int:pk>/selesai/", screens.item_done, name="item_done"),
    path("tindak-lanjut/<int:pk>/buka/", screens.item_reopen, name="item_reopen"),
    # Public: the signed token is the key (QR on the meeting screen; personal online link).
    path("hadir/<str:token>/", screens.checkin, name="checkin"),
    path("hadir/<str:token>/tamu/", screens.checkin_guest, name="checkin_guest"),
    path("daring/<str:token>/", screens.online_checkin, name="online_checkin"),
]
