from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code: six digits from the authenticator app, or (where allowed) a backup code."""

    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
        error_messages={"required": _("Masukkan kode verifikasi.")},
    )


class SetupCodeForm(CodeForm):
    code = forms.RegexField(
        label=_("Kode 6 angka dari aplikasi"),
        regex=r"^\s*\d{3}\s*\d{3}\s*$",
        max_length=9,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
        error_messages={
            "required": _("Masukkan kode 6 angka yang tampil di aplikasi."),
            "invalid": _("Kode terdiri dari 6 angka."),
        },
    )


class LontarPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Kata sandi lama salah. Masukkan lagi."),
    }


class LontarPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        """Active accounts with this address, including those still waiting for their first password.

        An administrator may create an account with a "choose your password" link instead of a
        password (Django's form skips such accounts); when that link has expired, asking for a new one
        here is the way in.
        """
        User = get_user_model()
        field = User.get_email_field_name()
        wanted = email.casefold()
        candidates = User._default_manager.filter(**{f"{field}__iexact": email, "is_active": True})
        return [user for user in candidates if (getattr(user, field) or "").casefold() == wanted]

    def save(self, domain_override=None, use_https=False, request=None, **_mail_options):
        """Queue one mail per matching account; the worker writes and sends it after the commit.

        The request then takes as long for an unknown address as for a real one.
        """
        from django.contrib.sites.shortcuts import get_current_site

        from lontar.core.accounts.tasks import send_password_link
        from lontar.core.background import enqueue_on_commit

        domain = domain_override or get_current_site(request).domain
        for user in self.get_users(self.cleaned_data["email"]):
            enqueue_on_commit(send_password_link, user.pk, domain, use_https)
