from django.urls import path

from lontar.core.numbering import views

urlpatterns = [
    path("pengaturan/penomoran/", views.template_list, name="numbering_templates"),
    path("pengaturan/penomoran/baru/", views.template_create, name="numbering_template_create"),
    path("pengaturan/penomoran/<int:pk>/ubah/", views.template_edit, name="numbering_template_edit"),
    path("pengaturan/penomoran/pratinjau/", views.template_preview, name="numbering_template_preview"),
]
