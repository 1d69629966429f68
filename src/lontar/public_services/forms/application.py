"""The application form, built at runtime from a service standard: no code per service.

Fields, in order: the applicant's identity (name, NIK, phone, e-mail, address), the standard's
`FormField`s (kinds: text, textarea, number, date, choice, nik, phone, email, address) and one file
input per `Requirement` that needs an upload. Uploads are checked by content when stored
(`lontar.core.files`), not here.

Every field is optional to the browser, so "Simpan draf" works with a half-filled form; what a
submission needs is checked in `clean()` only when `submitting` (required answers and mandatory
uploads not kept from earlier). `cleaned_data` keeps every valid answer even when others are wrong,
so the caller can save what is right and show the rest again with its message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.public_services.models import ContactChannel, FieldKind
from lontar.public_services.validators import clean_nik, clean_phone, display_phone

ANSWER_PREFIX = "isian_"
UPLOAD_PREFIX = "berkas_"
IDENTITY = ("nama", "nik", "telepon", "surel", "alamat")
# Form field name -> key of the `applicant` dict of services.applications.
APPLICANT_KEYS = {"nama": "name", "nik": "nik", "telepon": "phone", "surel": "email", "alamat": "address"}
REQUIRED_TO_SUBMIT = ("nama", "nik", "alamat")
UPLOAD_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
REQUIRED_MESSAGE = gettext_lazy("Wajib diisi.")
DATE_MESSAGE = gettext_lazy("Tulis tanggal yang benar, misalnya 17/08/2026.")
CHOICE_MESSAGE = gettext_lazy("Pilih salah satu pilihan yang tersedia.")
EMAIL_MESSAGE = gettext_lazy("Alamat surel tidak valid, contoh: nama@contoh.id.")


class NikField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 24)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9 .\\-]*"})

    def clean(self, value):
        value = super().clean(value)
        return clean_nik(value) if value else ""


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def prepare_value(self, value):
        return display_phone(value) if isinstance(value, str) and value.startswith("+62") else value

    def clean(self, value):
        value = super().clean(value)
        return clean_phone(value) if value else ""


class NumberField(forms.CharField):
    """A number as Indonesians write it (comma for decimals, dots for thousands: 1.250,5)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        text = value.replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(_("Tulis angka, misalnya 12 atau 12,5."), code="number") from exc
        if not number.is_finite():
            raise ValidationError(_("Tulis angka, misalnya 12 atau 12,5."), code="number")
        return format(number.normalize(), "f") if number == number.to_integral() else str(number)


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


def answer_field(form_field, *, required: bool = False) -> forms.Field:
    """A Django form field for one FormField row the administrator defined. Online, required answers
    are asked for only when submitting (a draft may be incomplete); the counter passes `required`."""
    common = {"label": form_field.label, "required": required, "help_text": form_field.help_text}
    kind = form_field.kind
    if kind == FieldKind.TEXTAREA:
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == FieldKind.ADDRESS:
        return forms.CharField(
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            **common,
        )
    if kind == FieldKind.NUMBER:
        return NumberField(**common)
    if kind == FieldKind.DATE:
        return forms.DateField(
            widget=DateInput(),
            input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
            error_messages={"invalid": DATE_MESSAGE},
            **common,
        )
    if kind == FieldKind.CHOICE:
        options = [str(option) for option in (form_field.choices or []) if str(option).strip()]
        return forms.ChoiceField(
            choices=[("", _("— pilih —")), *((o, o) for o in options)],
            error_messages={"invalid_choice": CHOICE_MESSAGE},
            **common,
        )
    if kind == FieldKind.NIK:
        return NikField(**common)
    if kind == FieldKind.PHONE:
        return PhoneField(**common)
    if kind == FieldKind.EMAIL:
        return forms.EmailField(max_length=254, error_messages={"invalid": EMAIL_MESSAGE}, **common)
    return forms.CharField(max_length=500, **common)


def bootstrap(form) -> None:
    """Bootstrap classes on every widget, so the templates render fields in one loop."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


def _json_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


class ApplicationForm(forms.Form):
    """`locked` maps identity field names to values the citizen may not change here (the verified
    contact). `kept` maps requirement ids that already have a stored file to that upload."""

    nama = forms.CharField(
        label=gettext_lazy("Nama lengkap (sesuai KTP)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = NikField(
        label=gettext_lazy("NIK"),
        required=False,
        help_text=gettext_lazy("16 angka pada KTP atau Kartu Keluarga."),
    )
    telepon = PhoneField(label=gettext_lazy("Nomor telepon seluler"), required=False)
    surel = forms.EmailField(
        label=gettext_lazy("Surel (e-mail)"),
        max_length=254,
        error_messages={"invalid": EMAIL_MESSAGE},
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    alamat = forms.CharField(
        label=gettext_lazy("Alamat tempat tinggal"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        help_text=gettext_lazy("Jalan, nomor rumah, RT/RW, kelurahan/desa."),
    )
    kunci = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    nomor = forms.CharField(widget=forms.HiddenInput, required=False, max_length=30)

    def __init__(
        self,
        standard,
        *args,
        locked: dict | None = None,
        kept: dict | set | None = None,
        submitting: bool = False,
        with_message: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.standard = standard
        self.submitting = submitting
        self.kept_uploads = kept if isinstance(kept, dict) else {}
        self.kept = set(kept or ())
        self.locked = {name: value for name, value in (locked or {}).items() if value}
        for name, value in self.locked.items():
            self.fields[name].disabled = True
            self.initial[name] = value
            self.fields[name].help_text = _("Sudah diverifikasi; tidak dapat diubah di sini.")
        self.form_fields = list(standard.form_fields.all())
        self.requirements = [r for r in standard.requirements.all() if r.needs_upload]
        for form_field in self.form_fields:
            self.fields[ANSWER_PREFIX + form_field.key] = answer_field(form_field)
        for requirement in self.requirements:
            self.fields[UPLOAD_PREFIX + str(requirement.pk)] = forms.FileField(
                label=requirement.name,
                required=False,
                help_text=requirement.note,
                widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
            )
        if with_message:
            self.fields["pesan"] = forms.CharField(
                label=_("Pesan untuk petugas (tidak wajib)"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for name in REQUIRED_TO_SUBMIT:
            self.fields[name].submit_required = True
        for form_field in self.form_fields:
            self.fields[ANSWER_PREFIX + form_field.key].submit_required = form_field.required
        for requirement in self.requirements:
            self.fields[UPLOAD_PREFIX + str(requirement.pk)].submit_required = requirement.is_mandatory
        bootstrap(self)

    # --- groups for the template ---

    def identity_fields(self):
        return [self[name] for name in IDENTITY]

    def answer_fields(self):
        return [self[ANSWER_PREFIX + f.key] for f in self.form_fields]

    def upload_fields(self):
        """(bound field, requirement, the upload kept from earlier or None) per requirement."""
        return [(self[UPLOAD_PREFIX + str(r.pk)], r, self.kept_uploads.get(r.pk)) for r in self.requirements]

    # --- validation ---

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            if "nama" not in self.errors and not cleaned.get("nama"):
                self.add_error("nama", _("Tulis nama pemohon agar draf dapat disimpan."))
            return cleaned
        for name in REQUIRED_TO_SUBMIT:
            if name not in self.errors and not cleaned.get(name):
                self.add_error(name, REQUIRED_MESSAGE)
        if not (cleaned.get("telepon") or cleaned.get("surel")) and "telepon" not in self.errors:
            self.add_error("telepon", _("Isi nomor telepon atau surel agar kami dapat menghubungi Anda."))
        for form_field in self.form_fields:
            name = ANSWER_PREFIX + form_field.key
            if form_field.required and name not in self.errors and cleaned.get(name) in (None, ""):
                self.add_error(name, REQUIRED_MESSAGE)
        for requirement in self.requirements:
            name = UPLOAD_PREFIX + str(requirement.pk)
            if (
                requirement.is_mandatory
                and requirement.pk not in self.kept
                and name not in self.errors
                and not cleaned.get(name)
            ):
                self.add_error(name, _("Unggah berkas ini (PDF, JPG, atau PNG)."))
        return cleaned

    # --- what to save ---

    @property
    def can_save(self) -> bool:
        """A draft can be kept once the applicant's name is known and valid."""
        return bool(self.cleaned_data.get("nama")) and "nama" not in self.errors

    def applicant(self) -> dict:
        """The valid identity values, keyed as services.applications expects them."""
        values = {}
        for name in IDENTITY:
            if name in self.cleaned_data and name not in self.errors:
                values[APPLICANT_KEYS[name]] = self.cleaned_data[name] or ""
        return values

    def answers(self) -> dict:
        """The valid answers as JSON values, by the form field's key."""
        return {
            f.key: _json_value(self.cleaned_data[ANSWER_PREFIX + f.key])
            for f in self.form_fields
            if ANSWER_PREFIX + f.key in self.cleaned_data and ANSWER_PREFIX + f.key not in self.errors
        }

    def uploads(self) -> list[tuple[str, object, object]]:
        """(field name, requirement, uploaded file) for each file chosen in this request."""
        chosen = []
        for requirement in self.requirements:
            name = UPLOAD_PREFIX + str(requirement.pk)
            uploaded = self.cleaned_data.get(name)
            if uploaded:
                chosen.append((name, requirement, uploaded))
        return chosen


def initial_from(application) -> dict:
    """The form's initial values from a saved application (draft resume, correction)."""
    initial = {
        "nama": application.applicant_name,
        "nik": application.applicant_nik,
        "telepon": application.applicant_phone,
        "surel": application.applicant_email,
        "alamat": application.applicant_address,
        "nomor": application.number,
        "kunci": application.submit_key or "",
    }
    for key, value in (application.data or {}).items():
        initial[ANSWER_PREFIX + key] = value
    return initial


def locked_contact(application=None, verification=None, account=None) -> dict:
    """Contact fields the applicant may not change here: the verified one when applying (the account's
    e-mail for a signed-in citizen), and on a saved application every contact already given (it was
    verified when the draft was made)."""
    if application is not None:
        return {"telepon": application.applicant_phone, "surel": application.applicant_email}
    if account is not None:
        return {"surel": account.email}
    if verification is not None:
        name = "surel" if verification.channel == ContactChannel.EMAIL else "telepon"
        return {name: verification.address}
    return {}


class ContactForm(StyledForm):
    CHANNELS = (
        ("telepon", gettext_lazy("SMS/WhatsApp ke nomor seluler")),
        ("surel", gettext_lazy("Surel (e-mail)")),
    )

    kanal = forms.ChoiceField(
        label=gettext_lazy("Kirim kode lewat"), choices=CHANNELS, initial="telepon", widget=forms.RadioSelect
    )
    alamat = forms.CharField(
        label=gettext_lazy("Nomor seluler atau alamat surel"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "tel email", "inputmode": "text"}),
        error_messages={"required": gettext_lazy("Tuliskan nomor seluler atau alamat surel Anda.")},
    )


class CodeForm(StyledForm):
    kode = forms.CharField(
        label=gettext_lazy("Kode verifikasi (6 angka)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "class": "otp-input",
            }
        ),
        error_messages={"required": gettext_lazy("Tuliskan kode yang kami kirim.")},
    )


class TrackForm(StyledForm):
    nomor = forms.CharField(
        label=gettext_lazy("Nomor permohonan"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"required": gettext_lazy("Tuliskan nomor permohonan.")},
    )
    rahasia = forms.CharField(
        label=gettext_lazy("Kode rahasia"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"required": gettext_lazy("Tuliskan kode rahasia (8 huruf/angka).")},
    )
