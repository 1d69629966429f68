"""Forms of the bookings screens. They parse input; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.assets.bookings.models import Resource
from lontar.core.orgadmin.forms import BootstrapMixin


class BookingForm(BootstrapMixin, forms.Form):
    half_width = frozenset({"day", "end_day", "start", "end", "attendees_count", "destination", "driver"})
    resource = forms.ModelChoiceField(label=_("Ruang/kendaraan"), queryset=Resource.objects.none())
    day = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Jam mulai"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Jam selesai"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_day = forms.DateField(
        label=_("Tanggal selesai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Isi hanya bila peminjaman lebih dari satu hari."),
    )
    purpose = forms.CharField(label=_("Keperluan"), max_length=255)
    attendees_count = forms.IntegerField(
        label=_("Jumlah peserta/penumpang"), required=False, min_value=1, max_value=10000
    )
    destination = forms.CharField(
        label=_("Tujuan (kendaraan)"),
        max_length=255,
        required=False,
        help_text=_("Wajib untuk kendaraan dinas."),
    )
    driver = forms.ModelChoiceField(
        label=_("Pengemudi (kendaraan)"),
        queryset=Resource.objects.none(),
        required=False,
        help_text=_("Kosongkan untuk pengemudi tetap kendaraan itu."),
    )

    def __init__(self, *args, resources, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources
        self.fields["driver"].queryset = staff

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        """Naive wall-clock start and end (the service reads them in the office's time zone)."""
        data = self.cleaned_data
        end_day = data.get("end_day") or data["day"]
        return dt.datetime.combine(data["day"], data["start"]), dt.datetime.combine(end_day, data["end"])


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(BootstrapMixin, forms.Form):
    half_width = frozenset({"odometer_start", "odometer_end"})
    returned_at = forms.DateTimeField(
        label=_("Waktu kembali"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Kosongkan bila baru saja kembali."),
    )
    odometer_start = forms.IntegerField(label=_("Odometer berangkat (km)"), required=False, min_value=0)
    odometer_end = forms.IntegerField(label=_("Odometer kembali (km)"), required=False, min_value=0)
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ResourceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Resource
        fields = [
            "kind",
            "name",
            "code",
            "location",
            "description",
            "capacity",
            "facilities",
            "plate_number",
            "seats",
            "default_driver",
            "asset_register_number",
            "manager_unit",
            "auto_approve",
            "is_active",
            "order",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "facilities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, units, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager_unit"].queryset = units
        self.fields["default_driver"].queryset = staff
        # Uniqueness and the rest are checked by the service, with its messages.
        self.fields["code"].validators = []

    def validate_unique(self):
        return None


class FeedForm(BootstrapMixin, forms.Form):
    resource = forms.ModelChoiceField(
        label=_("Ruang/kendaraan"),
        queryset=Resource.objects.none(),
        required=False,
        empty_label=_("Semua ruang dan kendaraan"),
    )
    label = forms.CharField(
        label=_("Nama tautan"),
        max_length=120,
        required=False,
        help_text=_("Misalnya: kalender di ponsel Sekcam."),
    )

    def __init__(self, *args, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources
