"""Forms of the office's complaint screens: they parse input; the services validate and save."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.complaints.models import ComplaintChannel, ComplaintKind, ComplaintStatus
from lontar.core.orgadmin.forms import BootstrapMixin

PRIVACY_CHOICES = [
    ("biasa", _("Biasa: identitas terlihat oleh petugas")),
    ("rahasia", _("Rahasia: identitas hanya terlihat oleh petugas penanganan")),
    ("anonim", _("Anonim: identitas tidak dicatat")),
]


class InboxFilterForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), required=False)
    kategori = forms.TypedChoiceField(label=_("Kategori"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    cari = forms.CharField(label=_("Nomor atau judul"), required=False, max_length=100)
    saya = forms.BooleanField(label=_("Saya tangani"), required=False)
    terlambat = forms.BooleanField(label=_("Terlambat"), required=False)
    eskalasi = forms.BooleanField(label=_("Dieskalasi"), required=False)

    def __init__(self, *args, categories, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua status")), *ComplaintStatus.choices]
        self.fields["jenis"].choices = [("", _("Semua jenis")), *ComplaintKind.choices]
        self.fields["kategori"].choices = [("", _("Semua kategori")), *[(c.pk, c.name) for c in categories]]
        self.fields["unit"].choices = [("", _("Semua unit")), *[(u.pk, u.name) for u in units]]


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Catatan (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ForwardForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit tujuan"), queryset=None)
    note = forms.CharField(
        label=_("Catatan (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AssignForm(BootstrapMixin, forms.Form):
    handler = forms.ModelChoiceField(label=_("Petugas penanganan"), queryset=None)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = users
        self.fields["handler"].label_from_instance = lambda user: user.display_name


class MessageForm(BootstrapMixin, forms.Form):
    body = forms.CharField(label=_("Isi"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(BootstrapMixin, forms.Form):
    response = forms.CharField(
        label=_("Tanggapan kepada pelapor"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila belum ada tanggapan; tampil di halaman lacak pelapor."),
    )
    public_summary = forms.CharField(
        label=_("Ringkasan untuk daftar publik (tanpa data pribadi)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    publish = forms.BooleanField(label=_("Tampilkan di daftar pengaduan publik"), required=False)


class PublicationForm(BootstrapMixin, forms.Form):
    public_summary = forms.CharField(
        label=_("Ringkasan untuk daftar publik (tanpa data pribadi)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    publish = forms.BooleanField(label=_("Tampilkan di daftar pengaduan publik"), required=False)


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.CharField(
        label=_("Arahan pimpinan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CategoryForm(BootstrapMixin, forms.Form):
    half_width = frozenset({"code", "order", "unit", "is_active"})

    name = forms.CharField(label=_("Nama"), max_length=150)
    code = forms.SlugField(
        label=_("Kode"),
        max_length=60,
        help_text=_("Huruf kecil, angka, dan tanda hubung; dipakai sebagai service_code Open311."),
    )
    description = forms.CharField(
        label=_("Keterangan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    unit = forms.ModelChoiceField(label=_("Unit penanggung jawab"), queryset=None, required=False)
    keywords = forms.CharField(label=_("Kata kunci (dipisah koma)"), required=False, max_length=300)
    order = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=999, initial=0)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args, units, category=None, **kwargs):
        if category is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": category.name,
                    "code": category.code,
                    "description": category.description,
                    "unit": category.unit_id,
                    "keywords": category.keywords,
                    "order": category.order,
                    "is_active": category.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RegisterForm(BootstrapMixin, forms.Form):
    """A complaint brought to the counter or taken by phone, entered by an officer."""

    groups = [
        (_("Laporan"), ["channel", "kind", "category", "title", "description", "location", "attachment"]),
        (_("Pelapor"), ["privacy", "name", "phone", "email", "nik"]),
    ]
    half_width = frozenset({"channel", "kind", "name", "phone", "email", "nik"})

    submit_key = forms.CharField(widget=forms.HiddenInput, required=False)
    channel = forms.ChoiceField(
        label=_("Kanal"),
        choices=[
            (ComplaintChannel.COUNTER, ComplaintChannel.COUNTER.label),
            (ComplaintChannel.PHONE, ComplaintChannel.PHONE.label),
        ],
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=ComplaintKind.choices)
    category = forms.ModelChoiceField(label=_("Kategori"), queryset=None, required=False)
    title = forms.CharField(label=_("Judul (tidak wajib)"), required=False, max_length=200)
    description = forms.CharField(
        label=_("Uraian"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    location = forms.CharField(label=_("Lokasi kejadian (tidak wajib)"), required=False, max_length=300)
    attachment = forms.FileField(label=_("Lampiran (foto/PDF, tidak wajib)"), required=False)
    privacy = forms.ChoiceField(
        label=_("Identitas pelapor"), choices=PRIVACY_CHOICES, widget=forms.RadioSelect, initial="biasa"
    )
    name = forms.CharField(label=_("Nama"), required=False, max_length=200)
    phone = forms.CharField(label=_("Telepon/WhatsApp"), required=False, max_length=30)
    email = forms.CharField(label=_("Surel"), required=False, max_length=254)
    nik = forms.CharField(label=_("NIK"), required=False, max_length=20)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        if not self.is_bound:
            self.initial.setdefault("submit_key", uuid.uuid4().hex)
