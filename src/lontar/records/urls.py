from django.urls import path

from lontar.records import views

app_name = "records"

urlpatterns = [
    path("", views.file_list, name="file_list"),
    path("berkas/baru/", views.file_create, name="file_create"),
    path("berkas/<int:pk>/", views.file_detail, name="file_detail"),
    path("berkas/<int:pk>/ubah/", views.file_edit, name="file_edit"),
    path("berkas/<int:pk>/isi/", views.item_add, name="item_add"),
    path("berkas/<int:pk>/tutup/", views.file_close, name="file_close"),
    path("berkas/<int:pk>/pinjam/", views.loan_create, name="loan_create"),
    path("peminjaman/", views.loan_list, name="loan_list"),
    path("peminjaman/<int:pk>/kembali/", views.loan_return, name="loan_return"),
    path("jatuh-tempo/", views.due_list, name="due_list"),
    path("penyusutan/", views.proposal_list, name="proposal_list"),
    path("penyusutan/baru/", views.proposal_create, name="proposal_create"),
    path("penyusutan/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("penyusutan/<int:pk>/setujui/", views.proposal_approve, name="proposal_approve"),
    path("penyusutan/<int:pk>/tolak/", views.proposal_reject, name="proposal_reject"),
    path("klasifikasi/", views.classification_list, name="classification_list"),
    path("klasifikasi/<int:pk>/ubah/", views.classification_edit, name="classification_edit"),
    path("klasifikasi/impor/", views.classification_import, name="classification_import"),
    path(
        "klasifikasi/impor/konfirmasi/",
        views.classification_import_confirm,
        name="classification_import_confirm",
    ),
]
