from django.urls import path

from lontar.assets.supplies.views import screens

app_name = "supplies"

urlpatterns = [
    path("", screens.item_list, name="item_list"),
    path("barang/<int:pk>/", screens.item_detail, name="item_detail"),
    path("permintaan/", screens.request_list, name="request_list"),
    path("permintaan/<int:pk>/", screens.request_detail, name="request_detail"),
]
