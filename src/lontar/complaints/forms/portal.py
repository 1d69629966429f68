"""Forms of the citizens' complaint pages: short, phone-friendly, no JavaScript needed."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.complaints.forms.office import PRIVACY_CHOICES
from lontar.complaints.models import ComplaintKind
from lontar.core.orgadmin.forms import BootstrapMixin


def attachment_field() -> forms.FileField:
    """The citizen's optional photo or document, on the filing and the reply form alike. The content is
    checked when it is stored (`lontar.core.files`), so a bad file comes back as the service's message."""
    return forms.FileField(
        label=_("Foto atau dokumen (tidak wajib)"),
        required=False,
        help_text=_("PDF, JPG, PNG, DOCX, atau XLSX."),
    )


class FileForm(BootstrapMixin, forms.Form):
    groups = [
        (_("Laporan Anda"), ["kind", "category", "title", "description", "location", "attachment"]),
        (_("Identitas"), ["privacy", "name", "phone", "email", "nik"]),
    ]

    submit_key = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Jenis laporan"), choices=ComplaintKind.choices, initial=ComplaintKind.COMPLAINT
    )
    category = forms.ModelChoiceField(label=_("Kategori"), queryset=None, empty_label=_("— pilih kategori —"))
    title = forms.CharField(label=_("Judul singkat (tidak wajib)"), required=False, max_length=200)
    description = forms.CharField(
        label=_("Uraian"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Apa yang terjadi, kapan, dan di mana. Jangan menulis data pribadi orang lain."),
    )
    location = forms.CharField(label=_("Lokasi (tidak wajib)"), required=False, max_length=300)
    attachment = attachment_field()
    privacy = forms.ChoiceField(
        label=_("Identitas Anda"), choices=PRIVACY_CHOICES, widget=forms.RadioSelect, initial="biasa"
    )
    name = forms.CharField(label=_("Nama (tidak wajib)"), required=False, max_length=200)
    phone = forms.CharField(
        label=_("Telepon/WhatsApp (tidak wajib)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Surel (tidak wajib)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    nik = forms.CharField(
        label=_("NIK (tidak wajib)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        if not self.is_bound:
            self.initial.setdefault("submit_key", uuid.uuid4().hex)


class TrackForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("Nomor pengaduan"), max_length=30)
    secret = forms.CharField(
        label=_("Kode rahasia"), max_length=30, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class ReplyForm(BootstrapMixin, forms.Form):
    body = forms.CharField(label=_("Balasan Anda"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = attachment_field()


class ReopenForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Mengapa belum selesai?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RateForm(BootstrapMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Nilai tanggapan"),
        coerce=int,
        choices=[(5, _("5 — sangat puas")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 — sangat tidak puas"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Komentar (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
