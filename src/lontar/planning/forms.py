"""Forms of the planning screens: they parse input; the services validate and save."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.planning.models import BudgetKind
from lontar.planning.texts import MONTH_NAMES, QUARTER_NAMES

RUPIAH = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 1})
PERCENT_INPUT = forms.NumberInput(attrs={"inputmode": "decimal", "min": 0, "max": 100, "step": "0.01"})


class PlanYearForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    amber_threshold = forms.DecimalField(
        label=_("Batas kuning (poin persen)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=Decimal(10),
    )
    red_threshold = forms.DecimalField(
        label=_("Batas merah (poin persen)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=Decimal(25),
    )
    notes = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    half_width = frozenset({"amber_threshold", "red_threshold"})


class ThresholdForm(BootstrapMixin, forms.Form):
    amber_threshold = forms.DecimalField(
        label=_("Batas kuning (poin persen)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("Deviasi rencana dikurangi realisasi di atas batas ini ditandai kuning."),
    )
    red_threshold = forms.DecimalField(
        label=_("Batas merah (poin persen)"), min_value=0, max_value=100, decimal_places=2
    )
    half_width = frozenset({"amber_threshold", "red_threshold"})


class NodeForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=30)
    name = forms.CharField(label=_("Nama"), max_length=300)


class SubActivityForm(BootstrapMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode sub kegiatan"), max_length=30, help_text=_("Contoh: 7.01.01.2.01.0001")
    )
    name = forms.CharField(label=_("Nama sub kegiatan"), max_length=300)
    pagu = forms.IntegerField(label=_("Pagu (Rp)"), min_value=0, widget=RUPIAH)
    reference = forms.CharField(label=_("Nomor DPA"), max_length=120, required=False)
    responsible = forms.ModelChoiceField(label=_("PPTK/penanggung jawab"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("Unit pelaksana"), queryset=None, required=False)
    location = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    half_width = frozenset({"pagu", "reference", "responsible", "unit"})

    def __init__(self, *args, people, units, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = people
        self.fields["responsible"].label_from_instance = lambda u: u.display_name
        self.fields["unit"].queryset = units
        if editing:
            del self.fields["pagu"]
            del self.fields["reference"]


class BudgetRevisionForm(BootstrapMixin, forms.Form):
    amount = forms.IntegerField(label=_("Pagu baru (Rp)"), min_value=0, widget=RUPIAH)
    kind = forms.ChoiceField(
        label=_("Jenis revisi"),
        choices=[
            (BudgetKind.SHIFT, BudgetKind.SHIFT.label),
            (BudgetKind.AMENDMENT, BudgetKind.AMENDMENT.label),
        ],
    )
    reason = forms.CharField(
        label=_("Alasan/dasar"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reference = forms.CharField(label=_("Nomor dokumen dasar"), max_length=120, required=False)
    half_width = frozenset({"amount", "kind"})


class MonthlyPlanForm(BootstrapMixin, forms.Form):
    """Twelve rows: rupiah to draw and the cumulative physical target."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for month, name in MONTH_NAMES.items():
            self.fields[f"amount_{month}"] = forms.IntegerField(
                label=_("Rencana %(month)s (Rp)") % {"month": name}, min_value=0, initial=0, widget=RUPIAH
            )
            self.fields[f"target_{month}"] = forms.DecimalField(
                label=_("Target fisik s.d. %(month)s (%%)") % {"month": name},
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=0,
                widget=PERCENT_INPUT,
            )

    def month_rows(self):
        return [(name, self[f"amount_{m}"], self[f"target_{m}"]) for m, name in MONTH_NAMES.items()]

    def rows(self) -> dict[int, tuple[int, Decimal]]:
        data = self.cleaned_data
        return {m: (data[f"amount_{m}"], data[f"target_{m}"]) for m in MONTH_NAMES}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RealisationForm(BootstrapMixin, forms.Form):
    amount = forms.IntegerField(
        label=_("Realisasi keuangan bulan ini (Rp)"),
        min_value=0,
        widget=RUPIAH,
        help_text=_("Rupiah yang dibelanjakan (SP2D/SPJ) dalam bulan ini saja, bukan kumulatif."),
    )
    physical_progress = forms.DecimalField(
        label=_("Realisasi fisik kumulatif s.d. akhir bulan (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=PERCENT_INPUT,
    )
    notes = forms.CharField(
        label=_("Catatan/kendala"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    correction_reason = forms.CharField(
        label=_("Alasan koreksi fisik"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila realisasi fisik kumulatif lebih rendah dari bulan sebelumnya."),
    )
    evidence = MultipleFileField(label=_("Bukti (PDF/foto)"), required=False)
    half_width = frozenset({"amount", "physical_progress"})

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=_("Capaian kumulatif: %(name)s (%(unit)s, target %(target)s)")
                % {"name": indicator.name, "unit": indicator.unit, "target": indicator.target},
                min_value=0,
                decimal_places=2,
                required=False,
            )

    def achievements(self) -> dict[int, object]:
        return {
            int(name.split("_", 1)[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("indicator_")
        }


class IndicatorForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Indikator"), max_length=300)
    unit = forms.CharField(label=_("Satuan"), max_length=40)
    target = forms.DecimalField(label=_("Target tahunan"), min_value=0, decimal_places=2)
    half_width = frozenset({"unit", "target"})


class AchievementForm(BootstrapMixin, forms.Form):
    month = forms.TypedChoiceField(label=_("Bulan"), coerce=int, choices=list(MONTH_NAMES.items()))
    value = forms.DecimalField(label=_("Capaian kumulatif"), min_value=0, decimal_places=2)
    half_width = frozenset({"month", "value"})


class LockForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Catatan verifikasi"), required=False, max_length=1000)


class UnlockForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan membuka kunci"), max_length=1000)


PERIOD_CHOICES = [("bulan", _("Bulanan")), ("triwulan", _("Triwulan")), ("tahun", _("Tahunan"))]


class ReportFilterForm(BootstrapMixin, forms.Form):
    periode = forms.ChoiceField(label=_("Periode"), choices=PERIOD_CHOICES, required=False)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"), coerce=int, choices=list(MONTH_NAMES.items()), required=False, empty_value=None
    )
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"), coerce=int, choices=list(QUARTER_NAMES.items()), required=False, empty_value=None
    )

    def period(self, default_month: int) -> tuple[str, int]:
        if not self.is_valid():
            return "bulan", default_month
        period = self.cleaned_data.get("periode") or "bulan"
        if period == "triwulan":
            return period, self.cleaned_data.get("triwulan") or (default_month - 1) // 3 + 1
        if period == "tahun":
            return period, 1
        return "bulan", self.cleaned_data.get("bulan") or default_month
