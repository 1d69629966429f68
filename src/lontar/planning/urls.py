"""Planning: /perencanaan/ (dashboard, years, structure, realisation, month locks, reports)."""

from django.urls import path

from lontar.planning.views import office as views

app_name = "planning"

YEAR = "tahun/<int:pk>/"
SUB = "sub/<int:pk>/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("saya/", views.mine, name="mine"),
    path("tahun/", views.year_list, name="year_list"),
    path(YEAR, views.year_detail, name="year_detail"),
    path(YEAR + "batas/", views.thresholds, name="thresholds"),
    path(YEAR + "program/baru/", views.program_create, name="program_create"),
    path(YEAR + "bulan/", views.months, name="months"),
    path(YEAR + "bulan/<int:month>/kunci/", views.month_lock, name="month_lock"),
    path(YEAR + "bulan/<int:month>/buka/", views.month_unlock, name="month_unlock"),
    path(YEAR + "laporan/", views.report, name="report"),
    path(YEAR + "laporan/pdf/", views.report_pdf, name="report_pdf"),
    path(YEAR + "laporan/excel/", views.report_xlsx, name="report_xlsx"),
    path("program/<int:pk>/ubah/", views.program_edit, name="program_edit"),
    path("program/<int:pk>/kegiatan/baru/", views.activity_create, name="activity_create"),
    path("kegiatan/<int:pk>/ubah/", views.activity_edit, name="activity_edit"),
    path("kegiatan/<int:pk>/sub/baru/", views.sub_create, name="sub_create"),
    path(SUB, views.sub_detail, name="sub_detail"),
    path(SUB + "ubah/", views.sub_edit, name="sub_edit"),
    path(SUB + "pagu/", views.sub_budget, name="sub_budget"),
    path(SUB + "rencana/", views.sub_plan, name="sub_plan"),
    path(SUB + "realisasi/<int:month>/", views.realisation_entry, name="realisation_entry"),
    path("indikator/baru/<str:level>/<int:pk>/", views.indicator_create, name="indicator_create"),
    path("indikator/<int:pk>/ubah/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<int:pk>/capaian/", views.indicator_achievement, name="indicator_achievement"),
]
