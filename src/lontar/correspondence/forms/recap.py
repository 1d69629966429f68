"""The recap's period: a month (the default: this month) or a date range of at most a year."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.correspondence.selectors.recap import month_bounds

MAX_DAYS = 366


class RecapPeriodForm(forms.Form):
    office = forms.TypedChoiceField(label=_("Kantor"), coerce=int, required=False)
    month = forms.CharField(
        label=_("Bulan"), required=False, widget=forms.TextInput(attrs={"type": "month"}), max_length=7
    )
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [(office.pk, office.name) for office in offices]

    def clean_month(self):
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return month_bounds(year, month)
        except (ValueError, TypeError):
            raise forms.ValidationError(
                _("Bulan tidak dikenali; gunakan format TTTT-BB, mis. 2026-11.")
            ) from None

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start or end:
            if not (start and end):
                raise forms.ValidationError(_("Isi tanggal awal dan tanggal akhir, atau pilih bulan."))
            if start > end:
                self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("date_to", _("Rentang paling lama satu tahun."))
        return data

    @staticmethod
    def period_default() -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        return month_bounds(today.year, today.month)

    def period(self) -> tuple[dt.date, dt.date]:
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to"):
            return data["date_from"], data["date_to"]
        if data.get("month"):
            return data["month"]
        return self.period_default()
