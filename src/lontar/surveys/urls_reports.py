"""URLs of the IKM reports (mounted at /survei/kelola/ikm/ by lontar.urls, namespace `survey_reports`)."""

from django.urls import path

from lontar.surveys.views import ikm

app_name = "survey_reports"

urlpatterns = [
    path("", ikm.report, name="report"),
    path("unduh.pdf", ikm.report_pdf, name="report_pdf"),
    path("unduh.xlsx", ikm.report_xlsx, name="report_xlsx"),
    path("tindak-lanjut/", ikm.follow_ups, name="follow_ups"),
    path("tindak-lanjut/<int:pk>/", ikm.follow_up_edit, name="follow_up_edit"),
]
