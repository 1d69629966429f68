from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

VERIFY_UPLOAD_MAX_BYTES = 20 * 1024 * 1024


def verify_upload_limit() -> int:
    return min(getattr(settings, "LONTAR_UPLOAD_MAX_BYTES", VERIFY_UPLOAD_MAX_BYTES), VERIFY_UPLOAD_MAX_BYTES)


class VerifyCopyForm(forms.Form):
    copy = forms.FileField(
        label=_("Salinan dokumen (PDF)"),
        help_text=_("Berkas tidak disimpan; hanya sidik SHA-256-nya yang dibandingkan."),
    )

    @staticmethod
    def too_large_message() -> str:
        return _("Berkas terlalu besar (maksimal %(limit)s).") % {
            "limit": filesizeformat(verify_upload_limit())
        }

    def clean_copy(self):
        upload = self.cleaned_data["copy"]
        if upload.size > verify_upload_limit():
            raise forms.ValidationError(self.too_large_message())
        return upload
