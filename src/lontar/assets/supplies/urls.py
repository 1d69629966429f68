from django.urls import path

from lontar.assets.supplies.views import screens

app_name = "supplies"

REQUEST = "permintaan/<int:pk>/"

urlpatterns = [
    path("", screens.item_list, name="item_list"),
    path("barang/baru/", screens.item_create, name="item_create"),
    path("barang/<int:pk>/", screens.item_detail, name="item_detail"),
    path("barang/<int:pk>/ubah/", screens.item_edit, name="item_edit"),
    path("barang/<int:pk>/opname/", screens.item_opname, name="item_opname"),
    path("permintaan/", screens.request_list, name="request_list"),
    path("permintaan/baru/", screens.request_new, name="request_new"),
    path(REQUEST, screens.request_detail, name="request_detail"),
    path(REQUEST + "setujui/", screens.request_approve, name="request_approve"),
    path(REQUEST + "tolak/", screens.request_reject, name="request_reject"),
    path(REQUEST + "batalkan/", screens.request_cancel, name="request_cancel"),
    path(REQUEST + "serahkan/", screens.request_issue, name="request_issue"),
    path("penerimaan/", screens.receipt_list, name="receipt_list"),
    path("penerimaan/baru/", screens.receipt_new, name="receipt_new"),
    path("penyerahan-langsung/", screens.direct_issue, name="direct_issue"),
    path("pengaturan/", screens.store_settings, name="store_settings"),
    path("laporan/", screens.report, name="report"),
    path("laporan/unduh.xlsx", screens.report_excel, name="report_excel"),
    path("laporan/unduh.pdf", screens.report_pdf, name="report_pdf"),
]
