from django.urls import path

from lontar.core.accounts import views

urlpatterns = [
    path("akun/dua-langkah/", views.otp_verify, name="otp_verify"),
    path("akun/dua-langkah/atur/", views.otp_setup, name="otp_setup"),
    path("akun/keamanan/", views.account_security, name="account_security"),
    path("akun/keamanan/dua-langkah/nonaktifkan/", views.otp_disable, name="otp_disable"),
    path("akun/keamanan/ganti-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/keamanan/pengguna/", views.managed_accounts, name="managed_accounts"),
    path(
        "akun/keamanan/pengguna/<int:pk>/atur-ulang-dua-langkah/",
        views.reset_account_second_factor,
        name="managed_account_reset_otp",
    ),
    path(
        "akun/keamanan/pengguna/<int:pk>/buka-kunci/",
        views.unlock_managed_account,
        name="managed_account_unlock",
    ),
]
