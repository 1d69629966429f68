from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.workdays.models import DEPLOYMENT_WIDE_KINDS, DayKind


class ClosureForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Keterangan"), max_length=200)


class NationalDayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[(k.value, k.label) for k in DayKind if k in DEPLOYMENT_WIDE_KINDS]
    )
    description = forms.CharField(label=_("Keterangan / dasar hukum"), max_length=200)
