"""Forms of the duty-travel screens: they parse input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.staff.travel.models import Transport, TripStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class TripForm(BootstrapMixin, forms.Form):
    travellers = forms.MultipleChoiceField(
        label=_("Pelaksana"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pegawai yang ditugaskan; pilih sekurang-kurangnya satu."),
    )
    purpose = forms.CharField(
        label=_("Maksud perjalanan dinas"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    basis = forms.CharField(
        label=_("Dasar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya undangan, surat perintah atasan, atau program kegiatan."),
    )
    basis_letter_number = forms.CharField(
        label=_("Nomor surat/undangan dasar (tidak wajib)"), required=False, max_length=100
    )
    destination_place = forms.CharField(label=_("Tempat tujuan"), max_length=150)
    destination_institution = forms.CharField(
        label=_("Instansi tujuan (tidak wajib)"), required=False, max_length=200
    )
    start_date = forms.DateField(label=_("Tanggal berangkat"), widget=DATE)
    end_date = forms.DateField(label=_("Tanggal kembali"), widget=DATE)
    transport = forms.ChoiceField(label=_("Alat angkut"), choices=Transport.choices)
    funding_source = forms.CharField(
        label=_("Sumber dana (tidak wajib)"),
        required=False,
        max_length=150,
        help_text=_("Misalnya DPA Kecamatan tahun berjalan."),
    )
    budget_code = forms.CharField(label=_("Kode rekening (tidak wajib)"), required=False, max_length=80)
    notes = forms.CharField(
        label=_("Keterangan (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    half_width = frozenset(
        {
            "start_date",
            "end_date",
            "destination_place",
            "destination_institution",
            "funding_source",
            "budget_code",
        }
    )

    def __init__(self, *args, staff_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff_by_id = {str(s.pk): s for s in staff_choices}
        self.fields["travellers"].choices = [
            (str(s.pk), f"{s.full_name}{' — ' + s.unit.name if s.unit_id else ''}") for s in staff_choices
        ]
        self.fields["travellers"].widget.attrs["class"] = "form-check-input"

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["travellers"] = [self.staff_by_id[pk] for pk in data["travellers"]]
        return data


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Catatan (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class SignForm(BootstrapMixin, forms.Form):
    assignment = forms.TypedChoiceField(
        label=_("Tanda tangan sebagai"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignments = {a.pk: a for a in assignments}
        if not assignments:
            # The service then says why nobody can be printed as the signatory.
            del self.fields["assignment"]
            return
        self.fields["assignment"].choices = [
            (a.pk, f"{a.signature_prefix}{a.position.title}") for a in assignments
        ]


class ReportForm(BootstrapMixin, forms.Form):
    results = forms.CharField(
        label=_("Hasil perjalanan dinas"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
    conclusions = forms.CharField(
        label=_("Kesimpulan dan saran (tidak wajib)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = MultipleFileField(
        label=_("Lampiran: foto kegiatan, notulen, daftar hadir (PDF/JPG/PNG, tidak wajib)"), required=False
    )


class FilterForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    pegawai = forms.TypedChoiceField(label=_("Pelaksana"), required=False, coerce=int, empty_value=None)
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DATE)
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE)
    cari = forms.CharField(label=_("Nomor, tujuan, atau maksud"), required=False, max_length=100)
    laporan_terlambat = forms.BooleanField(label=_("Laporan terlambat"), required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua status")), *TripStatus.choices]
        self.fields["pegawai"].choices = [("", _("Semua pegawai")), *[(s.pk, s.full_name) for s in staff]]


class SettingsForm(BootstrapMixin, forms.Form):
    classification_code = forms.CharField(
        label=_("Kode klasifikasi surat tugas"),
        max_length=30,
        help_text=_("Permendagri 83/2022: 800.1.11.1. Dipakai pada nomor surat tugas berikutnya."),
    )
