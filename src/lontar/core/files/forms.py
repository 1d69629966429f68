"""The upload field modules put in their forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.files.validation import ALLOWED_KINDS, max_upload_bytes, validate_upload

ACCEPT = ",".join(
    [f".{kind.extension}" for kind in ALLOWED_KINDS]
    + [".jpeg"]
    + [kind.content_type for kind in ALLOWED_KINDS]
)


class UploadField(forms.FileField):
    """A FileField that checks the content (type, size, macros) before the form is valid.

    The `accept` attribute only helps the browser's picker; the server decides by the bytes.
    """

    default_error_messages = {"required": _("Pilih berkas yang akan diunggah.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Berkas"))
        kwargs.setdefault(
            "help_text",
            _("PDF, JPG, PNG, DOCX, atau XLSX; paling besar %(limit)s MB.")
            % {"limit": f"{max_upload_bytes() / 1024 / 1024:g}"},
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ACCEPT
        return attrs

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial:
            validate_upload(uploaded)
        return uploaded


class UploadForm(forms.Form):
    berkas = UploadField()
