"""Forms of the career agenda: they parse input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.staff.reminders.models import ReminderKind, ReminderSettings
from lontar.staff.reminders.selectors import DEFAULT_HORIZON, HORIZONS


def horizon_choices():
    return [(str(months), _("%(n)s bulan ke depan") % {"n": months}) for months in HORIZONS]


class AgendaFilterForm(BootstrapMixin, forms.Form):
    rentang = forms.TypedChoiceField(
        label=_("Rentang"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_HORIZON,
        choices=horizon_choices,
        initial=str(DEFAULT_HORIZON),
    )
    jenis = forms.ChoiceField(label=_("Jenis"), required=False)
    kantor = forms.TypedChoiceField(label=_("Kantor"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    cari = forms.CharField(label=_("Nama atau NIP"), required=False, max_length=100)
    segera = forms.BooleanField(label=_("Hanya yang sudah masuk masa pengingat"), required=False)

    def __init__(self, *args, offices, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", _("Semua jenis")), *ReminderKind.choices]
        self.fields["kantor"].choices = [("", _("Semua kantor")), *[(o.pk, o.name) for o in offices]]
        many = len(offices) > 1
        self.fields["unit"].choices = [
            ("", _("Semua unit")),
            *[(u.pk, f"{u.name} — {u.organisation.name}" if many else u.name) for u in units],
        ]
        if not many:
            del self.fields["kantor"]


class MyAgendaForm(BootstrapMixin, forms.Form):
    rentang = forms.TypedChoiceField(
        label=_("Rentang"), required=False, coerce=int, empty_value=12, choices=horizon_choices, initial="12"
    )


class ReminderSettingsForm(BootstrapMixin, forms.ModelForm):
    half_width = frozenset(
        {"kgb_lead_days", "promotion_lead_days", "retirement_lead_months", "document_lead_days"}
    )

    class Meta:
        model = ReminderSettings
        fields = ["kgb_lead_days", "promotion_lead_days", "retirement_lead_months", "document_lead_days"]
        error_messages = {
            name: {
                "min_value": _("Paling sedikit %(limit_value)s."),
                "max_value": _("Paling banyak %(limit_value)s."),
                "required": _("Isi jumlahnya."),
            }
            for name in fields
        }
