from django.contrib.auth import views as auth_views
from django.urls import include, path

from lontar.core import views
from lontar.core.accounts import views as account_views
from lontar.core.notifications import views as notification_views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("akun/masuk/", views.SignInView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/lupa-sandi/",
        account_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "akun/lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "akun/atur-sandi/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="core/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("notifikasi/", notification_views.inbox, name="notifications"),
    path("notifikasi/<int:pk>/buka/", notification_views.open_notification, name="notification_open"),
    path("notifikasi/baca-semua/", notification_views.read_all, name="notifications_read_all"),
    path("", include("lontar.core.numbering.urls")),
    path("", include("lontar.core.workdays.urls")),
    path("", include("lontar.core.documents.urls")),
    path("", include("lontar.core.accounts.urls")),
    path("", include("lontar.core.notifications.urls")),
    path("", include("lontar.core.files.urls")),
    path("", include("lontar.core.search.urls")),
    path("", include("lontar.core.orgadmin.urls")),
    path("", include("lontar.core.auditlog.urls")),
    path("", include("lontar.core.imports.urls")),
]
