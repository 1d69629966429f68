from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.models import Organisation
from lontar.core.numbering.formatting import parse_format
from lontar.core.numbering.models import NumberingTemplate


class NumberingTemplateForm(forms.ModelForm):
    """Only parses input; the service validates and saves."""

    organisation = forms.ModelChoiceField(queryset=None, label=_("Kantor"), empty_label=None)
    preview_classification = forms.CharField(
        label=_("Contoh kode klasifikasi untuk pratinjau"),
        required=False,
        initial="000.8.3.3",
        max_length=40,
    )

    class Meta:
        model = NumberingTemplate
        fields = ["organisation", "document_type", "name", "format", "scope", "shared_key", "is_active"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[org.pk for org in organisations]
        )
        if self.instance.pk:
            self.fields["organisation"].disabled = True
        self.fields["format"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})

    def clean_format(self):
        value = self.cleaned_data["format"].strip()
        parse_format(value)
        return value

    def _post_clean(self):
        # Model validation runs in the service, with the same messages; the form only parses.
        pass
