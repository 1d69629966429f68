from django.urls import path

from lontar.assets.bookings.views import screens

app_name = "bookings"

urlpatterns = [
    path("", screens.calendar, name="calendar"),
    path("persetujuan/", screens.approvals, name="approvals"),
    path("<int:pk>/", screens.booking_detail, name="booking_detail"),
    path("sumber-daya/", screens.resource_list, name="resource_list"),
]
