from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.auditlog.selectors import AuditFilter
from lontar.core.orgadmin.forms import DATE, BootstrapMixin


class AuditFilterForm(BootstrapMixin, forms.Form):
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DATE)
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE)
    pelaku = forms.CharField(label=_("Pelaku"), required=False, max_length=100)
    tindakan = forms.CharField(
        label=_("Tindakan"),
        required=False,
        max_length=100,
        help_text=_("Awal nama tindakan, misalnya staff. atau unit.create"),
    )
    jenis = forms.ChoiceField(label=_("Jenis objek"), required=False)
    kantor = forms.ModelChoiceField(
        label=_("Kantor"), required=False, queryset=None, empty_label=_("Semua kantor")
    )
    teks = forms.CharField(label=_("Cari objek"), required=False, max_length=100)

    def __init__(self, *args, organisations, object_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kantor"].queryset = organisations
        self.fields["jenis"].choices = [("", _("Semua jenis"))] + [(t, t) for t in object_types]

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(
            date_from=data.get("dari"),
            date_to=data.get("sampai"),
            actor=(data.get("pelaku") or "").strip(),
            action=(data.get("tindakan") or "").strip(),
            object_type=data.get("jenis") or "",
            organisation=data.get("kantor"),
            text=(data.get("teks") or "").strip(),
        )
