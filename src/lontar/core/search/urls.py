from django.urls import path

from lontar.core.search import views

urlpatterns = [
    path("cari/", views.search_page, name="search"),
]
