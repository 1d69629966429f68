from django.urls import path

from lontar.correspondence import views_import, views_outgoing
from lontar.correspondence.views import incoming as incoming_views

app_name = "correspondence"

urlpatterns: list = []

# --- legacy import (buku agenda) ------------------------------------------------------------------
urlpatterns += [
    path("masuk/impor/", views_import.incoming_register_import, name="incoming_register_import"),
    path("keluar/impor/", views_import.outgoing_register_import, name="outgoing_register_import"),
]
# --- end legacy import ----------------------------------------------------------------------------
# --- incoming letters and dispositions ------------------------------------------------------------
urlpatterns += [
    path("masuk/", incoming_views.incoming_list, name="incoming_list"),
    path("masuk/baru/", incoming_views.incoming_create, name="incoming_create"),
    path("masuk/cek-duplikat/", incoming_views.duplicate_check, name="incoming_duplicate_check"),
    path("masuk/kode-klasifikasi/", incoming_views.classification_options, name="classification_options"),
    path("masuk/menunggu-disposisi/", incoming_views.incoming_waiting, name="incoming_waiting"),
    path("masuk/<int:pk>/", incoming_views.incoming_detail, name="incoming_detail"),
    path("masuk/<int:pk>/ubah/", incoming_views.incoming_correct, name="incoming_correct"),
    path("masuk/<int:pk>/pindaian/", incoming_views.incoming_scans, name="incoming_scans"),
    path("masuk/<int:pk>/status/", incoming_views.incoming_status, name="incoming_status"),
    path("masuk/<int:pk>/lembar-disposisi.pdf", incoming_views.incoming_sheet, name="incoming_sheet"),
    path("masuk/<int:pk>/disposisi/", incoming_views.disposition_create, name="disposition_create"),
    path("disposisi/", incoming_views.disposition_inbox, name="disposition_inbox"),
    path("disposisi/<int:pk>/tarik/", incoming_views.disposition_withdraw, name="disposition_withdraw"),
    path("disposisi/<int:pk>/selesai/", incoming_views.disposition_complete, name="disposition_complete"),
    path(
        "disposisi/<int:pk>/kembalikan/", incoming_views.disposition_send_back, name="disposition_send_back"
    ),
    path("disposisi/<int:pk>/laporan/", incoming_views.disposition_report, name="disposition_report"),
    path("pengaturan/instruksi-disposisi/", incoming_views.instruction_list, name="instruction_list"),
    path(
        "pengaturan/instruksi-disposisi/<int:pk>/", incoming_views.instruction_edit, name="instruction_edit"
    ),
]
# --- end incoming ---------------------------------------------------------------------------------
# --- outgoing documents (naskah dinas keluar) ---
urlpatterns += [
    path("keluar/", views_outgoing.drafts, name="outgoing_drafts"),
    path("keluar/paraf/", views_outgoing.paraf_inbox, name="outgoing_paraf_inbox"),
    path("keluar/tanda-tangan/", views_outgoing.signature_inbox, name="outgoing_signature_inbox"),
    path("keluar/terkirim/", views_outgoing.sent, name="outgoing_sent"),
    path("keluar/baru/", views_outgoing.create, name="outgoing_create"),
    path("keluar/templat/", views_outgoing.templates, name="outgoing_templates"),
    path(
        "keluar/templat/<int:office>/<slug:document_type>/",
        views_outgoing.template_edit,
        name="outgoing_template_edit",
    ),
    path("keluar/<int:pk>/", views_outgoing.detail, name="outgoing_detail"),
    path("keluar/<int:pk>/ubah/", views_outgoing.edit, name="outgoing_edit"),
    path("keluar/<int:pk>/ajukan/", views_outgoing.submit, name="outgoing_submit"),
    path("keluar/<int:pk>/paraf/", views_outgoing.paraf, name="outgoing_paraf"),
    path("keluar/<int:pk>/kembalikan/", views_outgoing.return_for_revision, name="outgoing_return"),
    path("keluar/<int:pk>/tandatangani/", views_outgoing.sign, name="outgoing_sign"),
    path("keluar/<int:pk>/kirim/", views_outgoing.send, name="outgoing_send"),
    path("keluar/<int:pk>/kirim-ulang/", views_outgoing.redeliver, name="outgoing_redeliver"),
    path("keluar/<int:pk>/komentar/", views_outgoing.comment, name="outgoing_comment"),
    path("keluar/<int:pk>/lampiran/", views_outgoing.attach, name="outgoing_attach"),
    path("keluar/<int:pk>/versi/<int:number>/", views_outgoing.version, name="outgoing_version"),
    path("keluar/<int:pk>/bandingkan/", views_outgoing.compare, name="outgoing_compare"),
    path("keluar/<int:pk>/daftar-cetak/", views_outgoing.print_list, name="outgoing_print"),
]
# --- end outgoing documents ---

# --- monthly recap (Subbag TU) ------------------------------------------------------------------
from lontar.correspondence.views import recap as recap_views  # noqa: E402

urlpatterns += [
    path("rekap/", recap_views.recap_home, name="recap_home"),
    path("rekap/<int:org_pk>/", recap_views.recap, name="recap"),
    path("rekap/<int:org_pk>/rekap.xlsx", recap_views.recap_xlsx, name="recap_xlsx"),
    path("rekap/<int:org_pk>/rekap.pdf", recap_views.recap_pdf, name="recap_pdf"),
]
# --- end monthly recap --------------------------------------------------------------------------
