"""Forms of incoming letters and dispositions. Fields are declared in the order the front desk reads
an envelope and a letter, which is also the tab order."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lontar.core.models import Organisation, Unit
from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.correspondence.models import (
    DispositionInstruction,
    IncomingStatus,
    ReceiptChannel,
    SecurityClass,
    Urgency,
)
from lontar.records.selectors import classification_by_code

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class IncomingLetterForm(BootstrapMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Kantor"), empty_label=None
    )
    sender_institution = forms.CharField(
        label=_("Instansi pengirim"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    sender_name = forms.CharField(
        label=_("Pengirim (nama/jabatan)"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    sender_number = forms.CharField(
        label=_("Nomor surat"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    sender_date = forms.DateField(label=_("Tanggal surat"), required=False, widget=DATE)
    subject = forms.CharField(
        label=_("Perihal"), max_length=500, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    classification_code = forms.CharField(
        label=_("Kode klasifikasi"),
        max_length=30,
        required=False,
        help_text=_("Ketik kodenya, misalnya 000.1.5 atau 400; daftar kode yang cocok muncul saat mengetik."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "list": "klasifikasi-pilihan", "spellcheck": "false"}
        ),
    )
    urgency = forms.ChoiceField(label=_("Sifat"), choices=Urgency.choices, initial=Urgency.NORMAL)
    security = forms.ChoiceField(
        label=_("Klasifikasi keamanan"),
        choices=SecurityClass.choices,
        initial=SecurityClass.OPEN,
        help_text=_("Surat Terbatas, Rahasia dan Sangat Rahasia hanya terlihat oleh alur disposisinya."),
    )
    enclosures = forms.IntegerField(label=_("Jumlah lampiran"), min_value=0, max_value=999, initial=0)
    received_date = forms.DateField(label=_("Tanggal diterima"), widget=DATE)
    channel = forms.ChoiceField(
        label=_("Diterima melalui"), choices=ReceiptChannel.choices[:2], initial=ReceiptChannel.PAPER
    )
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit pengolah"), required=False)
    summary = forms.CharField(
        label=_("Ringkasan isi"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    scans = MultipleFileField(
        label=_("Pindaian surat (PDF/JPG)"),
        required=False,
        help_text=_("Boleh lebih dari satu berkas."),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Tetap catat: ini surat lain, bukan surat yang sudah tercatat"), required=False
    )

    groups = [
        (
            _("Pengirim"),
            ["organisation", "sender_institution", "sender_name", "sender_number", "sender_date"],
        ),
        (_("Surat"), ["subject", "classification_code", "urgency", "security", "enclosures"]),
        (_("Penerimaan"), ["received_date", "channel", "unit", "summary", "scans", "confirm_duplicate"]),
    ]
    half_width = frozenset(
        {
            "sender_number",
            "sender_date",
            "urgency",
            "security",
            "enclosures",
            "received_date",
            "channel",
            "unit",
            "classification_code",
        }
    )

    def __init__(self, *args, offices, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = offices
        self.fields["unit"].queryset = units
        if len(offices) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = offices[0].pk

    def clean_classification_code(self):
        code = (self.cleaned_data.get("classification_code") or "").strip()
        if not code:
            return None
        found = classification_by_code(code)
        if found is None:
            raise forms.ValidationError(
                _("Kode klasifikasi %(code)s tidak ada dalam daftar."), params={"code": code}
            )
        return found

    def clean(self):
        cleaned = super().clean()
        unit, office = cleaned.get("unit"), cleaned.get("organisation")
        if unit is not None and office is not None and unit.organisation_id != office.pk:
            self.add_error("unit", _("Unit pengolah harus unit kantor yang dipilih."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "sender_institution": data["sender_institution"],
            "sender_name": data["sender_name"],
            "sender_number": data["sender_number"],
            "sender_date": data["sender_date"],
            "subject": data["subject"],
            "classification": data["classification_code"],
            "urgency": data["urgency"],
            "security": data["security"],
            "enclosures": data["enclosures"],
            "received_date": data["received_date"],
            "channel": data["channel"],
            "unit": data["unit"],
            "summary": data["summary"],
            "scans": data["scans"],
            "confirm_duplicate": data["confirm_duplicate"],
        }


class CorrectionForm(IncomingLetterForm):
    """The registration form without the office, the scans and the duplicate confirmation."""

    groups = [
        (_("Pengirim"), ["sender_institution", "sender_name", "sender_number", "sender_date"]),
        (_("Surat"), ["subject", "classification_code", "urgency", "security", "enclosures"]),
        (_("Penerimaan"), ["received_date", "channel", "unit", "summary"]),
    ]

    def __init__(self, *args, letter, units, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "sender_institution": letter.sender_institution,
                "sender_name": letter.sender_name,
                "sender_number": letter.sender_number,
                "sender_date": letter.sender_date,
                "subject": letter.subject,
                "classification_code": letter.classification.code if letter.classification_id else "",
                "urgency": letter.urgency,
                "security": letter.security,
                "enclosures": letter.enclosures,
                "received_date": letter.received_date,
                "channel": letter.channel,
                "unit": letter.unit_id,
                "summary": letter.summary,
            },
        )
        self.letter = letter
        super().__init__(
            *args, offices=Organisation.objects.filter(pk=letter.organisation_id), units=units, **kwargs
        )
        for name in ("organisation", "scans", "confirm_duplicate"):
            del self.fields[name]
        if letter.channel == ReceiptChannel.INTERNAL:
            self.fields["channel"].choices = ReceiptChannel.choices

    def clean(self):
        return forms.Form.clean(self)

    def changes(self) -> dict:
        """The fields whose cleaned value differs from the letter's."""
        data = dict(self.cleaned_data)
        data["classification"] = data.pop("classification_code")
        return {name: value for name, value in data.items() if getattr(self.letter, name) != value}


class ScanForm(BootstrapMixin, forms.Form):
    scans = MultipleFileField(label=_("Tambah pindaian (PDF/JPG)"))


class RegisterFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Perihal atau nomor"), required=False, max_length=100)
    dari = forms.DateField(label=_("Diterima sejak"), required=False, widget=DATE)
    sampai = forms.DateField(label=_("sampai"), required=False, widget=DATE)
    pengirim = forms.CharField(label=_("Pengirim"), required=False, max_length=100)
    klasifikasi = forms.CharField(label=_("Kode klasifikasi"), required=False, max_length=30)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua")), *IncomingStatus.choices]
    )
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit pengolah"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("Semua")
        self.fields["unit"].label_from_instance = lambda unit: (
            f"{unit.name} — {unit.organisation.short_name or unit.organisation.name}"
        )


class RecipientChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        staff = getattr(user, "staff", None)
        unit = staff.unit.name if staff is not None and staff.unit_id else ""
        return f"{user.display_name}{f' — {unit}' if unit else ''}"


class DispositionForm(BootstrapMixin, forms.Form):
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Kepada unit (kepalanya, termasuk Plt./Plh.)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = RecipientChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Kepada orang"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    instructions = forms.ModelMultipleChoiceField(
        queryset=DispositionInstruction.objects.none(),
        label=_("Instruksi"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    working_days = forms.IntegerField(
        label=_("Tenggat (hari kerja)"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("Dihitung dari hari ini; akhir pekan, hari libur dan cuti bersama tidak dihitung."),
    )
    due_date = forms.DateField(label=_("atau tanggal tenggat"), required=False, widget=DATE)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    half_width = frozenset({"working_days", "due_date"})

    def __init__(self, *args, units, recipients, instructions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["recipients"].queryset = recipients
        self.fields["instructions"].queryset = instructions


class ReportForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("Laporan tindak lanjut"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    attachments = MultipleFileField(label=_("Lampiran (PDF/JPG)"), required=False)
    done = forms.BooleanField(label=_("Pekerjaan sudah selesai"), required=False)


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class InstructionForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("Instruksi"), max_length=150)
    order = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=32767, initial=100)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
