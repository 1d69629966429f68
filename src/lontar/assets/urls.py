"""Assets under /aset/: the register, rooms and KIR, labels, reports, stock-taking, maintenance,
disposal proposals and the code list."""

from django.urls import path

from lontar.assets.views import register as r
from lontar.assets.views import work as w

app_name = "assets"

urlpatterns = [
    path("", r.asset_list, name="asset_list"),
    path("baru/", r.asset_create, name="asset_create"),
    path("<int:pk>/", r.asset_detail, name="asset_detail"),
    path("<int:pk>/ubah/", r.asset_edit, name="asset_edit"),
    path("<int:pk>/foto/", r.asset_photo, name="asset_photo"),
    path("<int:pk>/mutasi/", r.asset_transfer, name="asset_transfer"),
    path("<int:pk>/lapor-kerusakan/", r.report_damage, name="report_damage"),
    path("l/<str:label>/", r.label, name="label"),
    path("label/", r.label_sheet, name="label_sheet"),
    path("ruangan/", r.room_list, name="room_list"),
    path("ruangan/baru/", r.room_create, name="room_create"),
    path("ruangan/<int:pk>/", r.room_detail, name="room_detail"),
    path("ruangan/<int:pk>/ubah/", r.room_edit, name="room_edit"),
    path("ruangan/<int:pk>/kir.xlsx", r.kir_xlsx, name="kir_xlsx"),
    path("ruangan/<int:pk>/kir.pdf", r.kir_pdf, name="kir_pdf"),
    path("laporan/", r.report_index, name="report_index"),
    path("laporan/<int:org_pk>/kib/<str:kind>/", r.kib_screen, name="kib_screen"),
    path("laporan/<int:org_pk>/kib/<str:kind>/xlsx/", r.kib_xlsx, name="kib_xlsx"),
    path("laporan/<int:org_pk>/kib/<str:kind>/pdf/", r.kib_pdf, name="kib_pdf"),
    path("kode/", r.code_list, name="code_list"),
    path("kode/impor/", r.code_import, name="code_import"),
    path("kode/<int:pk>/ubah/", r.code_edit, name="code_edit"),
    path("inventarisasi/", w.stocktake_list, name="stocktake_list"),
    path("inventarisasi/baru/", w.stocktake_create, name="stocktake_create"),
    path("inventarisasi/<int:pk>/", w.stocktake_detail, name="stocktake_detail"),
    path("inventarisasi/<int:pk>/pindai/", w.stocktake_scan, name="stocktake_scan"),
    path("inventarisasi/<int:pk>/periksa/<int:asset_pk>/", w.stocktake_check, name="stocktake_check"),
    path("inventarisasi/<int:pk>/terima/<int:item_pk>/", w.stocktake_accept, name="stocktake_accept"),
    path("inventarisasi/<int:pk>/tutup/", w.stocktake_close, name="stocktake_close"),
    path("inventarisasi/<int:pk>/batal/", w.stocktake_cancel, name="stocktake_cancel"),
    path("inventarisasi/<int:pk>/berita-acara.pdf", w.stocktake_pdf, name="stocktake_pdf"),
    path("pemeliharaan/", w.maintenance_list, name="maintenance_list"),
    path("pemeliharaan/<int:pk>/", w.maintenance_detail, name="maintenance_detail"),
    path("pemeliharaan/<int:pk>/tugaskan/", w.maintenance_assign, name="maintenance_assign"),
    path("pemeliharaan/<int:pk>/selesai/", w.maintenance_resolve, name="maintenance_resolve"),
    path("pemeliharaan/<int:pk>/tolak/", w.maintenance_reject, name="maintenance_reject"),
    path("penghapusan/", w.disposal_list, name="disposal_list"),
    path("penghapusan/baru/", w.disposal_create, name="disposal_create"),
    path("penghapusan/<int:pk>/", w.disposal_detail, name="disposal_detail"),
    path("penghapusan/<int:pk>/setujui/", w.disposal_approve, name="disposal_approve"),
    path("penghapusan/<int:pk>/tolak/", w.disposal_reject, name="disposal_reject"),
    path("penghapusan/<int:pk>/sk/", w.disposal_decree, name="disposal_decree"),
]
