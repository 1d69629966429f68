from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.imports.registry import Importer
from lontar.core.models import Organisation


class UploadForm(forms.Form):
    """Only parses input; the service reads and checks the workbook."""

    organisation = forms.ModelChoiceField(queryset=None, label=_("Kantor"), empty_label=None)
    file = forms.FileField(
        label=_("Berkas Excel (XLSX)"),
        help_text=_(
            "Paling besar 10 MB dan 20.000 baris. Baris judul kolom dicari otomatis di 20 baris pertama."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    sheet_name = forms.CharField(
        label=_("Nama lembar kerja"),
        required=False,
        max_length=100,
        help_text=_("Kosongkan untuk memakai lembar pertama yang memiliki judul kolom buku agenda."),
    )
    header_row = forms.IntegerField(
        label=_("Nomor baris judul kolom"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Kosongkan agar dicari otomatis."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()


class MappingForm(forms.Form):
    """One select per target field, offering the file's columns."""

    def __init__(self, *args, importer: Importer, headers: list[str], mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— tidak ada di berkas —"))] + [
            (str(index), f"{_column_letter(index)}: {title or _('(tanpa judul)')}")
            for index, title in enumerate(headers)
        ]
        for target in importer.fields:
            initial = mapping.get(target.key)
            self.fields[target.key] = forms.ChoiceField(
                label=f"{target.label}{' *' if target.required else ''}",
                choices=choices,
                required=False,
                initial="" if initial is None else str(initial),
            )

    def mapping(self) -> dict[str, int | None]:
        return {key: (int(value) if value != "" else None) for key, value in self.cleaned_data.items()}


class ConfirmForm(forms.Form):
    valid_only = forms.BooleanField(
        label=_("Impor hanya baris yang benar; lewati baris bergalat"), required=False
    )


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
