"""Forms of the IKM report screen (period, scope, weight convention) and of the follow-up plan."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.public_services.forms.application import StyledForm, bootstrap
from lontar.surveys import periods
from lontar.surveys.models import Element, FollowUpStatus, WeightConvention

PERIOD_KINDS = [
    (periods.YEAR, gettext_lazy("Tahun")),
    (periods.SEMESTER, gettext_lazy("Semester")),
    (periods.QUARTER, gettext_lazy("Triwulan")),
    (periods.MONTH, gettext_lazy("Bulan")),
    (periods.RANGE, gettext_lazy("Rentang tanggal")),
]
MONTH_CHOICES = [(n, name) for n, name in enumerate(periods.MONTHS, start=1)]
DATE = {"type": "date"}


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Tulis tanggal yang benar.")},
    )


class ReportFilterForm(StyledForm):
    periode = forms.ChoiceField(label=gettext_lazy("Periode"), choices=PERIOD_KINDS, initial=periods.YEAR)
    tahun = forms.IntegerField(
        label=gettext_lazy("Tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": gettext_lazy("Tulis tahun dengan angka."),
            "min_value": gettext_lazy("Tahun paling awal 2000."),
            "max_value": gettext_lazy("Tahun paling akhir 2100."),
        },
    )
    semester = forms.TypedChoiceField(
        label=gettext_lazy("Semester"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "I"), (2, "II")],
    )
    triwulan = forms.TypedChoiceField(
        label=gettext_lazy("Triwulan"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    bulan = forms.TypedChoiceField(
        label=gettext_lazy("Bulan"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *MONTH_CHOICES],
    )
    dari = _date_field(gettext_lazy("Dari tanggal"))
    sampai = _date_field(gettext_lazy("Sampai tanggal"))
    bobot = forms.ChoiceField(
        label=gettext_lazy("Bobot unsur"),
        required=False,
        choices=[("", gettext_lazy("Sesuai pengaturan kantor")), *WeightConvention.choices],
    )

    def __init__(self, *args, units=(), services=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["tahun"].initial = today.year if today else None
        self.fields["unit"] = forms.TypedChoiceField(
            label=gettext_lazy("Unit"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", gettext_lazy("Semua unit")), *((u.pk, str(u.name)) for u in units)],
        )
        self.fields["layanan"] = forms.TypedChoiceField(
            label=gettext_lazy("Layanan"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", gettext_lazy("Semua layanan")), *((s.pk, str(s.name)) for s in services)],
        )
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = data.get("periode") or periods.YEAR
        year = data.get("tahun") or (self.today.year if self.today else None)
        try:
            if kind == periods.RANGE:
                if not data.get("dari") or not data.get("sampai"):
                    raise ValidationError(_("Isi tanggal awal dan tanggal akhir rentang."))
                data["period"] = periods.custom(data["dari"], data["sampai"])
            elif year is None:
                raise ValidationError(_("Isi tahunnya."))
            elif kind == periods.YEAR:
                data["period"] = periods.year(year)
            elif kind == periods.SEMESTER:
                if not data.get("semester"):
                    raise ValidationError(_("Pilih semesternya."))
                data["period"] = periods.semester(year, data["semester"])
            elif kind == periods.QUARTER:
                if not data.get("triwulan"):
                    raise ValidationError(_("Pilih triwulannya."))
                data["period"] = periods.quarter(year, data["triwulan"])
            else:
                if not data.get("bulan"):
                    raise ValidationError(_("Pilih bulannya."))
                data["period"] = periods.month(year, data["bulan"])
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        if data.get("unit") and data.get("layanan"):
            raise ValidationError(_("Pilih unit atau layanan, tidak keduanya."))
        return data


class FollowUpForm(StyledForm):
    period_start = _date_field(gettext_lazy("Periode survei dari"))
    period_end = _date_field(gettext_lazy("Periode survei sampai"))
    element = forms.ChoiceField(
        label=gettext_lazy("Unsur yang ditindaklanjuti"),
        required=False,
        choices=[("", gettext_lazy("Semua/umum")), *Element.choices],
    )
    action = forms.CharField(
        label=gettext_lazy("Tindak lanjut"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Tuliskan tindak lanjutnya.")},
    )
    responsible = forms.CharField(
        label=gettext_lazy("Penanggung jawab"),
        max_length=150,
        error_messages={"required": gettext_lazy("Sebutkan penanggung jawabnya.")},
    )
    target_date = forms.DateField(
        label=gettext_lazy("Target selesai"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Isi tanggal target."),
            "invalid": gettext_lazy("Tulis tanggal yang benar."),
        },
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=FollowUpStatus.choices)

    def __init__(self, *args, units=(), services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.services = {s.pk: s for s in services}
        self.fields["unit"] = forms.TypedChoiceField(
            label=gettext_lazy("Unit"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", gettext_lazy("Seluruh kantor")), *((u.pk, str(u.name)) for u in units)],
        )
        self.fields["service"] = forms.TypedChoiceField(
            label=gettext_lazy("Layanan"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", gettext_lazy("Semua layanan")), *((s.pk, str(s.name)) for s in services)],
        )
        self.fields["period_start"].required = True
        self.fields["period_end"].required = True
        self.fields["period_start"].error_messages["required"] = _("Isi tanggal awal periode survei.")
        self.fields["period_end"].error_messages["required"] = _("Isi tanggal akhir periode survei.")
        self.order_fields(
            [
                "period_start",
                "period_end",
                "unit",
                "service",
                "element",
                "action",
                "responsible",
                "target_date",
                "status",
            ]
        )
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise ValidationError(_("Tanggal akhir periode tidak boleh sebelum tanggal awal."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "unit": self.units.get(data.get("unit")),
            "service": self.services.get(data.get("layanan") or data.get("service")),
            "element": data.get("element") or "",
            "action": data["action"],
            "responsible": data["responsible"],
            "target_date": data["target_date"],
            "status": data["status"],
        }
