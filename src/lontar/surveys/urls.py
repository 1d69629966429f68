"""URLs of the satisfaction survey (mounted at /survei/ by lontar.urls): the public invitation and
kiosk pages, and the staff screens under /survei/kelola/."""

from django.urls import path

from lontar.surveys.views import public, staff

app_name = "surveys"

urlpatterns = [
    path("permohonan/<str:number>/", public.invitation, name="invitation"),
    path("kios/", public.kiosk, name="kiosk"),
    path("kios/terima-kasih/", public.kiosk_thanks, name="kiosk_thanks"),
    path("kelola/", staff.response_list, name="responses"),
    path("kelola/isian/<int:pk>/", staff.response_detail, name="response"),
    path("kelola/kuesioner/", staff.questionnaire, name="questionnaire"),
    path("kelola/isi/", staff.record_at_counter, name="record"),
    path("kelola/kios/", staff.kiosks, name="kiosks"),
    path("kelola/kios/<int:pk>/nonaktifkan/", staff.kiosk_deactivate, name="kiosk_deactivate"),
]
