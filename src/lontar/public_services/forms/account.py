"""Forms of the citizen account pages (registration)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from lontar.public_services.forms.application import StyledForm


class RegisterForm(StyledForm):
    nama = forms.CharField(
        label=gettext_lazy("Nama lengkap"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": gettext_lazy("Tuliskan nama lengkap Anda.")},
    )
    surel = forms.CharField(
        label=gettext_lazy("Alamat surel (e-mail)"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        error_messages={"required": gettext_lazy("Tuliskan alamat surel Anda.")},
        help_text=gettext_lazy("Dipakai untuk masuk dan untuk kabar permohonan Anda."),
    )
    sandi = forms.CharField(
        label=gettext_lazy("Kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": gettext_lazy("Buat kata sandi.")},
        help_text=gettext_lazy("Paling sedikit 10 karakter; jangan hanya angka atau kata yang umum."),
    )
