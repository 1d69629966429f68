"""Personnel files, DUK and formation under /kepegawaian/ (leave, travel, attendance and the career
agenda have their own sub-apps and prefixes)."""

from django.urls import path

from lontar.staff.views import personnel, reports

app_name = "staff"

ONE = "pegawai/<int:pk>/"
ROW = "riwayat/<slug:section_slug>/<int:pk>/"

urlpatterns = [
    path("", personnel.staff_list, name="staff_list"),
    path("saya/", personnel.my_file, name="my_file"),
    path("impor/", personnel.import_staff, name="import"),
    path(ONE, personnel.file_detail, name="file_detail"),
    path(ONE + "data-pokok/", personnel.main_sheet, name="main_sheet"),
    path(ONE + "<slug:section_slug>/tambah/", personnel.row_create, name="row_create"),
    path(ROW, personnel.row_edit, name="row_edit"),
    path(ROW + "hapus/", personnel.row_delete, name="row_delete"),
    path("dokumen/<int:pk>/unduh/", personnel.document_download, name="document_download"),
    path("duk/", reports.duk_screen, name="duk"),
    path("duk/excel/", reports.duk_xlsx, name="duk_xlsx"),
    path("duk/pdf/", reports.duk_pdf, name="duk_pdf"),
    path("formasi/", reports.formation_screen, name="formation"),
    path("formasi/excel/", reports.formation_xlsx, name="formation_xlsx"),
    path("formasi/baru/", reports.formation_create, name="formation_create"),
    path("formasi/<int:pk>/", reports.formation_edit, name="formation_edit"),
]
