from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.audit import action_choices
from lontar.core.auditlog.selectors import AuditFilter
from lontar.core.orgadmin.forms import DATE, BootstrapMixin


class AuditFilterForm(BootstrapMixin, forms.Form):
    kantor = forms.ModelChoiceField(
        label=_("Kantor"), required=False, queryset=None, empty_label=_("Semua kantor")
    )
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DATE)
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE)
    pelaku = forms.CharField(
        label=_("Pelaku"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("nama atau nama pengguna")}),
    )
    tindakan = forms.ChoiceField(label=_("Tindakan"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis objek"), required=False)
    teks = forms.CharField(
        label=_("Cari objek"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("nama, nomor, atau id objek")}),
    )

    def __init__(self, *args, organisations, object_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kantor"].queryset = organisations
        self.fields["tindakan"].choices = [("", _("Semua tindakan")), *action_choices()]
        self.fields["jenis"].choices = [("", _("Semua jenis")), *object_types]

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def to_filter(self) -> AuditFilter:
        """The filter of the fields that are valid: a mistyped field is reported, the rest still apply."""
        if not self.is_bound:
            return AuditFilter()
        self.is_valid()
        data = self.cleaned_data
        return AuditFilter(
            date_from=data.get("dari"),
            date_to=data.get("sampai"),
            actor=(data.get("pelaku") or "").strip(),
            action=data.get("tindakan") or "",
            object_type=data.get("jenis") or "",
            organisation=data.get("kantor"),
            text=(data.get("teks") or "").strip(),
        )
