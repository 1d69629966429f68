"""Forms of the attendance screens: they parse input; the services validate and save."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.staff.attendance.models import WorkMode
from lontar.staff.attendance.services import MAX_WEEKS

ISO = "%Y-%m-%d"  # what <input type="date"> reads and sends


class CheckInForm(BootstrapMixin, forms.Form):
    mode = forms.ChoiceField(label=_("Cara kerja hari ini"), choices=WorkMode.choices, required=False)
    mode_note = forms.CharField(label=_("Alasan bila berbeda dari jadwal"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Catatan (tidak wajib): lokasi atau tugas bila WFH"), required=False, max_length=200
    )


class CheckOutForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Catatan pulang (tidak wajib)"), required=False, max_length=200)


class MonthForm(forms.Form):
    bulan = forms.DateField(label=_("Bulan"), required=False, input_formats=["%Y-%m"])


class RosterFilterForm(BootstrapMixin, forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit kerja"), coerce=int, required=False, empty_value=None)
    minggu = forms.DateField(label=_("Minggu mulai"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            (u.pk, f"{u.name} · {u.organisation.short_name or u.organisation.name}") for u in units
        ]
        self.fields["minggu"].widget = forms.DateInput(
            attrs={"type": "date", "class": "form-control"}, format=ISO
        )


class GenerateForm(BootstrapMixin, forms.Form):
    mulai = forms.DateField(
        label=_("Mulai (Senin)"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO)
    )
    minggu = forms.IntegerField(label=_("Jumlah minggu"), min_value=1, max_value=MAX_WEEKS, initial=2)
    konfirmasi = forms.BooleanField(
        label=_("Timpa perubahan manual pada hari yang belum berjalan"), required=False
    )


class CellForm(BootstrapMixin, forms.Form):
    mode = forms.ChoiceField(label=_("Cara kerja"), choices=WorkMode.choices)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=200)


class ExclusionForm(BootstrapMixin, forms.Form):
    staff = forms.TypedChoiceField(label=_("Pegawai"), coerce=int)
    tanggal = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO))
    alasan = forms.CharField(label=_("Alasan (cuti, dinas luar, pelatihan ...)"), max_length=200)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(p.pk, p.full_name) for p in people]


class QuotaForm(BootstrapMixin, forms.Form):
    min_office_percent = forms.IntegerField(label=_("Minimal di kantor (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Dasar/keterangan"), required=False, max_length=200)


class OfficeHoursForm(BootstrapMixin, forms.Form):
    start = forms.TimeField(
        label=_("Jam masuk"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Jam pulang Senin-Kamis"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    friday_end = forms.TimeField(
        label=_("Jam pulang Jumat"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )


class CorrectionForm(BootstrapMixin, forms.Form):
    time = forms.TimeField(
        label=_("Jam pulang sebenarnya"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    note = forms.CharField(label=_("Alasan koreksi"), max_length=200)


class RecapFilterForm(BootstrapMixin, forms.Form):
    kantor = forms.TypedChoiceField(label=_("Kantor"), coerce=int, required=False, empty_value=None)
    bulan = forms.DateField(
        label=_("Bulan"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, offices, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kantor"].choices = [(o.pk, o.name) for o in offices]
        self.fields["unit"].choices = [("", _("Semua unit")), *[(u.pk, u.name) for u in units]]


def month_of(value: dt.date | None, today: dt.date) -> tuple[int, int]:
    value = value or today
    return value.year, value.month
