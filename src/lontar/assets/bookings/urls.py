from django.urls import path

from lontar.assets.bookings.views import screens

app_name = "bookings"

ONE = "<int:pk>/"

urlpatterns = [
    path("", screens.calendar, name="calendar"),
    path("ajukan/", screens.booking_new, name="booking_new"),
    path("persetujuan/", screens.approvals, name="approvals"),
    path("saya/", screens.mine, name="mine"),
    path(ONE, screens.booking_detail, name="booking_detail"),
    path(ONE + "setujui/", screens.booking_approve, name="booking_approve"),
    path(ONE + "tolak/", screens.booking_reject, name="booking_reject"),
    path(ONE + "batalkan/", screens.booking_cancel, name="booking_cancel"),
    path(ONE + "kembali/", screens.booking_return, name="booking_return"),
    path(ONE + "unduh.ics", screens.booking_ics, name="booking_ics"),
    path("sumber-daya/", screens.resource_list, name="resource_list"),
    path("sumber-daya/baru/", screens.resource_create, name="resource_create"),
    path("sumber-daya/<int:pk>/", screens.resource_edit, name="resource_edit"),
    path("ical/", screens.feeds, name="feeds"),
    path("ical/<int:pk>/cabut/", screens.feed_revoke, name="feed_revoke"),
    # Public: the secret token is the key (no sign-in; calendar apps fetch it).
    path("ical/<str:token>.ics", screens.feed, name="feed"),
]
