"""Forms of the personnel screens. They parse and present; rules live in the services."""

from __future__ import annotations

from django import forms
from django.db import models
from django.forms.models import fields_for_model, modelform_factory
from django.utils.translation import gettext_lazy as _

from lontar.core import civil_service
from lontar.core.models import Staff
from lontar.core.orgadmin.forms import DATE, BootstrapMixin, rank_choices
from lontar.staff.models import Employee, Formation
from lontar.staff.sections import Section
from lontar.staff.services.personnel import EMPLOYEE_FIELDS, STAFF_FIELDS

STATUS_CHOICES = [("aktif", _("Aktif")), ("nonaktif", _("Nonaktif")), ("semua", _("Semua"))]


class StaffFilterForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("Semua unit"))
    jenis = forms.ChoiceField(
        label=_("Status kepegawaian"),
        required=False,
        choices=[("", _("Semua")), *list(Staff.EmploymentType.choices)],
    )
    status = forms.ChoiceField(label=_("Keaktifan"), required=False, choices=STATUS_CHOICES)
    cari = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    dokumen = forms.ChoiceField(
        label=_("Dokumen"),
        required=False,
        choices=[("", _("Semua")), ("segera", _("Ada yang segera habis berlaku"))],
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def _dates(form_fields: dict) -> None:
    for field in form_fields.values():
        if isinstance(field, forms.DateField):
            field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MainSheetForm(BootstrapMixin, forms.Form):
    """Data pokok: the identity kept in `core.Staff` and the main sheet of the personnel file."""

    groups = [
        (_("Identitas"), ["full_name", "front_title", "back_title", "birth_place", "birth_date", "sex"]),
        (
            _("Kepegawaian"),
            ["employment_type", "nip", "service_start", "tmt_pns", "unit", "job_title", "position_type"],
        ),
        (_("Lain-lain"), ["retirement_age", "address", "email", "phone"]),
    ]
    half_width = frozenset(
        {
            "front_title",
            "back_title",
            "birth_place",
            "birth_date",
            "sex",
            "employment_type",
            "nip",
            "service_start",
            "tmt_pns",
            "unit",
            "position_type",
            "retirement_age",
            "email",
            "phone",
        }
    )

    def __init__(self, *args, staff, employee, units, **kwargs):
        initial = {name: getattr(staff, name) for name in STAFF_FIELDS}
        initial["nip"] = staff.nip_display
        if employee is not None:
            initial.update({name: getattr(employee, name) for name in EMPLOYEE_FIELDS})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Staff, fields=STAFF_FIELDS))
        self.fields.update(fields_for_model(Employee, fields=EMPLOYEE_FIELDS))
        self.fields["nip"] = forms.CharField(
            label=_("NIP/NI PPPK"),
            required=False,
            max_length=30,
            help_text=_("18 angka; spasi boleh. Kosongkan untuk non-ASN."),
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        self.fields["unit"].queryset = units
        _dates(self.fields)
        # The fields are added after BootstrapMixin ran, so they get its classes here.
        for field in self.fields.values():
            widget = field.widget
            widget.attrs["class"] = "form-select" if isinstance(widget, forms.Select) else "form-control"
        self.fields["unit"].empty_label = _("— tidak ada —")

    def clean_nip(self):
        return civil_service.digits_of(self.cleaned_data["nip"])

    def staff_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in STAFF_FIELDS}

    def employee_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EMPLOYEE_FIELDS}


def row_form_class(section: Section):
    """A form for one row of `section`; a rank is picked from the list of the person's status."""
    fields = [name for name in section.fields if name != "stored_file"]

    class RowForm(BootstrapMixin, forms.ModelForm):
        half_width = frozenset(fields) - {"title", "institution", "full_name"}

        def __init__(self, *args, staff, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                if isinstance(field.widget, forms.DateInput):
                    field.widget = forms.DateInput(
                        attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
                    )
            if "rank" in self.fields:
                current = self.instance.rank if self.instance.pk else ""
                ranks = civil_service.ranks_for(staff.employment_type)
                choices = [("", _("— pilih —"))] + [(r, r) for r in ranks] if ranks else rank_choices(current)
                self.fields["rank"] = forms.ChoiceField(
                    label=_("Pangkat/golongan"),
                    choices=choices,
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
                if current:
                    self.initial["rank"] = current
            if section.slug == "dokumen":
                self.fields["berkas"] = forms.FileField(
                    label=_("Pindaian (PDF atau gambar)"),
                    required=False,
                    help_text=_("Kosongkan bila tidak mengganti pindaian yang sudah ada."),
                    widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
                )

    return modelform_factory(
        section.model,
        form=RowForm,
        fields=fields,
        formfield_callback=_formfield,
    )


def _formfield(db_field: models.Field, **kwargs):
    if isinstance(db_field, models.DateField):
        kwargs["widget"] = DATE
    return db_field.formfield(**kwargs)


class FormationForm(BootstrapMixin, forms.ModelForm):
    half_width = frozenset({"unit", "position_type", "needed", "order"})

    class Meta:
        model = Formation
        fields = ["unit", "job_title", "position_type", "needed", "order"]
        help_texts = {
            "unit": _("Kosongkan bila formasi berlaku untuk seluruh kantor."),
            "job_title": _("Sama persis dengan nama jabatan pada data pokok pegawai."),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].required = False


class DukForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Keadaan per tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
