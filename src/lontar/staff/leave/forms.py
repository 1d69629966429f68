"""Forms of the leave screens. They parse input; the rules are judged by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.staff.leave.models import Consideration, ImportantReason, LeaveStatus, LeaveType

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


class RequestForm(BootstrapMixin, forms.Form):
    leave_type = forms.ChoiceField(label=_("Jenis cuti"))
    start_date = forms.DateField(label=_("Mulai tanggal"), widget=DATE)
    end_date = forms.DateField(label=_("Sampai dengan tanggal"), widget=DATE)
    reason = forms.CharField(
        label=_("Alasan cuti"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    important_reason = forms.ChoiceField(
        label=_("Alasan penting (khusus cuti karena alasan penting)"),
        choices=[("", "—"), *ImportantReason.choices],
        required=False,
    )
    child_order = forms.IntegerField(
        label=_("Kelahiran anak ke- (khusus cuti melahirkan)"), min_value=1, max_value=20, required=False
    )
    extends = forms.TypedChoiceField(
        label=_("Perpanjangan dari (cuti sakit/CLTN)"), coerce=int, required=False, empty_value=None
    )
    address_during_leave = forms.CharField(label=_("Alamat selama menjalankan cuti"), max_length=255)
    phone_during_leave = forms.CharField(label=_("Telepon selama cuti"), max_length=30, required=False)
    attachment = MultipleFileField(
        label=_("Lampiran (surat keterangan dokter, dsb.)"),
        required=False,
        help_text=_("PDF atau gambar. Wajib untuk cuti sakit lebih dari 1 hari, alasan penting, dan CLTN."),
    )

    def __init__(self, *args, types=(), extendable=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(LeaveType.choices)
        self.fields["leave_type"].choices = [(t, labels[t]) for t in types]
        self.fields["extends"].choices = [("", "—"), *[(r.pk, str(r)) for r in extendable]]


class ConsiderForm(BootstrapMixin, forms.Form):
    consideration = forms.ChoiceField(label=_("Pertimbangan"), choices=Consideration.choices)
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class DecideForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            ("approve", _("Disetujui")),
            ("approve_changed", _("Perubahan (disetujui dengan tanggal lain)")),
            ("defer", _("Ditangguhkan")),
            ("reject", _("Tidak disetujui")),
        ],
    )
    start_date = forms.DateField(label=_("Mulai (bila perubahan)"), widget=DATE, required=False)
    end_date = forms.DateField(label=_("Sampai (bila perubahan)"), widget=DATE, required=False)
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class CancelForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Alasan pembatalan"), required=False, max_length=500)


class OfficeFilterForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua")), *LeaveStatus.choices], required=False
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua")), *LeaveType.choices], required=False
    )
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)
    cari = forms.CharField(label=_("Nama/NIP"), required=False, max_length=100)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua")), *[(u.pk, u.name) for u in units]]


class OpeningForm(BootstrapMixin, forms.Form):
    staff = forms.TypedChoiceField(label=_("Pegawai"), coerce=int)
    year = forms.IntegerField(label=_("Tahun mulai"), min_value=2000, max_value=2100)
    remaining_previous = forms.IntegerField(label=_("Sisa cuti N-1 (hari)"), min_value=0, max_value=6)
    remaining_before_previous = forms.IntegerField(label=_("Sisa cuti N-2 (hari)"), min_value=0, max_value=6)
    note = forms.CharField(label=_("Keterangan (mis. nomor kartu cuti)"), required=False, max_length=255)

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(s.pk, f"{s.full_name} ({s.nip_display or '-'})") for s in staff]


class SettingsForm(BootstrapMixin, forms.Form):
    code_annual = forms.CharField(label=_("Kode klasifikasi cuti tahunan"), max_length=30)
    code_long_service = forms.CharField(label=_("Kode klasifikasi cuti besar"), max_length=30)
    code_sick = forms.CharField(label=_("Kode klasifikasi cuti sakit"), max_length=30)
    code_maternity = forms.CharField(label=_("Kode klasifikasi cuti melahirkan"), max_length=30)
    code_important_reason = forms.CharField(
        label=_("Kode klasifikasi cuti karena alasan penting"), max_length=30
    )
    code_unpaid = forms.CharField(label=_("Kode klasifikasi CLTN"), max_length=30)
    away_warning_percent = forms.IntegerField(
        label=_("Peringatan bila pegawai satu unit yang cuti pada hari yang sama lebih dari (%)"),
        min_value=1,
        max_value=100,
    )
    ledger_start_year = forms.IntegerField(
        label=_("Tahun mulai pencatatan cuti di Lontar"), min_value=2000, max_value=2100
    )


class CalendarForm(BootstrapMixin, forms.Form):
    kantor = forms.TypedChoiceField(label=_("Kantor"), coerce=int, required=False, empty_value=None)
    bulan = forms.CharField(label=_("Bulan"), required=False, widget=forms.DateInput(attrs={"type": "month"}))
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, offices=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kantor"].choices = [("", "—"), *[(o.pk, o.name) for o in offices]]
        self.fields["unit"].choices = [("", _("Semua unit")), *[(u.pk, u.name) for u in units]]

    def month(self):
        value = (self.cleaned_data.get("bulan") or "").strip() if self.is_valid() else ""
        try:
            year, month = (int(part) for part in value.split("-"))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return year, month
        except ValueError:
            pass
        return None, None
