"""Forms of the counter: the walk-in application (built at runtime from the standard in force), the
walk-in ticket, checking in by booking code, and the citizen's booking and cancellation.

They parse input; the services (`services/counter.py`, `services/visits.py`) decide and save.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.public_services.forms.application import NikField, PhoneField, answer_field

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def runtime_field(form_field) -> forms.Field:
    """The walk-in form asks the service's questions as the online form does, but required answers are
    required at once (the officer registers a complete application)."""
    return answer_field(form_field, required=form_field.required)


def as_data(value) -> str:
    """A cleaned value as stored in the application's JSON data."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class WalkInForm(BootstrapMixin, forms.Form):
    """The applicant's identity, the service's own questions, and the requirements checklist."""

    submit_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    name = forms.CharField(label=_("Nama pemohon"), max_length=200)
    nik = NikField(label=_("NIK"), help_text=_("16 angka sesuai KTP atau Kartu Keluarga."))
    phone = PhoneField(
        label=_("Nomor telepon/WhatsApp"), required=False, help_text=_("Untuk pemberitahuan status.")
    )
    email = forms.EmailField(label=_("Surel"), required=False)
    address = forms.CharField(label=_("Alamat"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    half_width = frozenset({"nik", "phone", "email"})

    def __init__(self, *args, standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard = standard
        self.question_keys = []
        for form_field in standard.form_fields.all():
            name = f"isian_{form_field.key}"
            self.fields[name] = runtime_field(form_field)
            self.question_keys.append((name, form_field.key))
        self.requirement_rows = []
        for requirement in standard.requirements.all():
            seen = f"syarat_{requirement.pk}"
            scan = f"berkas_{requirement.pk}"
            self.fields[seen] = forms.BooleanField(
                label=requirement.name, required=False, help_text=requirement.note
            )
            self.fields[scan] = forms.FileField(
                label=_("Pindaian %(syarat)s (tidak wajib)") % {"syarat": requirement.name},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            )
            self.requirement_rows.append((requirement, seen, scan))
        # BootstrapMixin styled the base fields before these were added.
        for name, field in self.fields.items():
            if name.startswith(("isian_", "syarat_", "berkas_")):
                widget = field.widget
                css = (
                    "form-check-input"
                    if isinstance(widget, forms.CheckboxInput)
                    else "form-select"
                    if isinstance(widget, forms.Select)
                    else "form-control"
                )
                widget.attrs["class"] = css
        if not self.is_bound and not self.initial.get("submit_key"):
            self.initial["submit_key"] = secrets.token_urlsafe(24)

    @property
    def groups(self):
        return [
            (_("Identitas pemohon"), ["name", "nik", "phone", "email", "address"]),
            (_("Isian layanan"), [name for name, _key in self.question_keys]),
        ]

    def fieldsets(self):
        return [(legend, fields) for legend, fields in super().fieldsets() if fields]

    def clean(self):
        cleaned = super().clean()
        for requirement, seen, scan in self.requirement_rows:
            if requirement.is_mandatory and not cleaned.get(seen) and not cleaned.get(scan):
                self.add_error(seen, _("Wajib. Centang setelah memeriksa dokumen aslinya."))
        return cleaned

    def requirement_fields(self):
        return [(requirement, self[seen], self[scan]) for requirement, seen, scan in self.requirement_rows]

    def applicant(self) -> dict:
        data = self.cleaned_data
        return {key: data.get(key, "") for key in ("name", "nik", "phone", "email", "address")}

    def answers(self) -> dict:
        return {key: as_data(self.cleaned_data.get(name)) for name, key in self.question_keys}

    def checked_requirements(self) -> list:
        return [
            requirement for requirement, seen, _scan in self.requirement_rows if self.cleaned_data.get(seen)
        ]

    def scans(self) -> dict:
        return {
            requirement: self.cleaned_data[scan]
            for requirement, _seen, scan in self.requirement_rows
            if self.cleaned_data.get(scan)
        }


class WalkInTicketForm(BootstrapMixin, forms.Form):
    service = forms.ModelChoiceField(queryset=None, label=_("Layanan"), empty_label=_("— pilih layanan —"))
    name = forms.CharField(label=_("Nama pengunjung (tidak wajib)"), max_length=200, required=False)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class CheckInForm(BootstrapMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode pemesanan"),
        max_length=200,
        help_text=_("Ketik kode atau pindai QR pada bukti pemesanan."),
    )

    def clean_code(self):
        # A QR scanner types the whole link; the code is its last part.
        value = self.cleaned_data["code"].strip().rstrip("/")
        return value.rsplit("/", 1)[-1].upper()


class BookingForm(BootstrapMixin, forms.Form):
    day = forms.DateField(widget=forms.HiddenInput)
    slot_start = forms.ChoiceField(
        label=_("Sesi"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih salah satu sesi."),
            "invalid_choice": _("Pilih salah satu sesi."),
        },
    )
    name = forms.CharField(
        label=_("Nama lengkap"), max_length=200, error_messages={"required": _("Tulis nama lengkap Anda.")}
    )
    phone = forms.CharField(
        label=_("Nomor telepon/WhatsApp"),
        max_length=20,
        error_messages={"required": _("Tulis nomor telepon yang dapat dihubungi.")},
        help_text=_("Diperlukan untuk membatalkan pemesanan."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Surel (tidak wajib)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.slots = slots
        self.fields["slot_start"].choices = [
            (f"{s.start:%H:%M}", f"{s.start:%H:%M}") for s in slots if s.bookable
        ]

    def clean_slot_start(self):
        return dt.time.fromisoformat(self.cleaned_data["slot_start"])


class CancelBookingForm(BootstrapMixin, forms.Form):
    phone = forms.CharField(
        label=_("Nomor telepon yang dipakai saat memesan"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
