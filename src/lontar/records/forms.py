"""Forms of the records screens: they parse input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.records.models import Classification, DisposalKind, FinalDisposition, RecordFile

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClassificationForm(BootstrapMixin, forms.ModelForm):
    half_width = frozenset({"active_years", "inactive_years"})

    class Meta:
        model = Classification
        fields = [
            "title",
            "description",
            "active_years",
            "inactive_years",
            "final_disposition",
            "retention_note",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "active_years": _("Dihitung sejak berkas ditutup. Kosongkan bila JRA belum ditetapkan."),
            "final_disposition": _(
                "Musnah, permanen (diserahkan ke lembaga kearsipan), atau dinilai kembali."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["final_disposition"].choices = [
            ("", _("— belum ditetapkan —")),
            *FinalDisposition.choices,
        ]

    def _post_clean(self):
        # The service runs the model's validation, with the same messages.
        pass


class ClassificationImportForm(BootstrapMixin, forms.Form):
    upload = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_(
            "Kolom: scheme, code, title, active_years, inactive_years, final_disposition, note. "
            "Baris pertama berisi nama kolom."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class RecordFileForm(BootstrapMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Kantor"), empty_label=None)
    half_width = frozenset({"number", "opened_on", "organisation", "unit"})

    class Meta:
        model = RecordFile
        fields = [
            "organisation",
            "number",
            "title",
            "classification",
            "unit",
            "opened_on",
            "location",
            "description",
        ]
        widgets = {"opened_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, offices, units, classifications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = offices
        self.fields["unit"].queryset = units
        self.fields["classification"].queryset = classifications
        self.fields["classification"].label_from_instance = lambda c: f"{c.code} — {c.title}"
        if self.instance.pk:
            del self.fields["organisation"]
            self.fields["opened_on"].disabled = True
            if not self.instance.is_open:
                self.fields["classification"].disabled = True

    def _post_clean(self):
        pass


class ItemForm(BootstrapMixin, forms.Form):
    description = forms.CharField(label=_("Uraian naskah"), max_length=500)
    item_date = forms.DateField(label=_("Tanggal naskah"), widget=DATE)
    scan = forms.FileField(label=_("Pindaian (PDF/JPG, boleh kosong)"), required=False)
    half_width = frozenset({"item_date", "scan"})


class CloseForm(BootstrapMixin, forms.Form):
    closed_on = forms.DateField(label=_("Tanggal ditutup"), widget=DATE)


class LoanForm(BootstrapMixin, forms.Form):
    borrower = forms.ModelChoiceField(queryset=None, label=_("Peminjam"))
    purpose = forms.CharField(label=_("Keperluan"), max_length=255)
    working_days = forms.IntegerField(
        label=_("Lama pinjam (hari kerja)"), min_value=1, max_value=60, initial=5
    )
    half_width = frozenset({"borrower", "working_days"})

    def __init__(self, *args, borrowers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["borrower"].queryset = borrowers
        self.fields["borrower"].label_from_instance = lambda u: u.display_name


class ProposalForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis usul"), choices=DisposalKind.choices, widget=forms.HiddenInput)
    files = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Berkas yang diusulkan"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Pertimbangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, files, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].queryset = files
        self.fields["files"].widget.attrs["class"] = "form-check-input me-1"
        self.fields["files"].label_from_instance = lambda f: (
            f"{f.number} — {f.title} ({f.classification.code}, {f.active_years}+{f.inactive_years} th)"
        )


class ApproveForm(BootstrapMixin, forms.Form):
    higher_approval_reference = forms.CharField(
        label=_("Nomor surat persetujuan Kepala ANRI/lembaga kearsipan"), max_length=255, required=False
    )
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)


class RejectForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 2}))
