"""Forms of the office's application screens: they parse input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.public_services.models import ApplicationStatus, Channel

OPEN_STATUS_CHOICES = [
    (value, label)
    for value, label in ApplicationStatus.choices
    if value
    in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.VERIFYING,
        ApplicationStatus.NEEDS_CORRECTION,
        ApplicationStatus.PROCESSING,
        ApplicationStatus.AWAITING_SIGNATURE,
    )
]
CLOSED_STATUS_CHOICES = [
    (value, label)
    for value, label in ApplicationStatus.choices
    if value
    in (
        ApplicationStatus.READY,
        ApplicationStatus.PICKED_UP,
        ApplicationStatus.REJECTED,
        ApplicationStatus.CANCELLED,
    )
]


class QueueFilterForm(BootstrapMixin, forms.Form):
    layanan = forms.TypedChoiceField(label=_("Layanan"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    kanal = forms.ChoiceField(
        label=_("Kanal"), required=False, choices=[("", _("Semua kanal")), *Channel.choices]
    )
    saya = forms.BooleanField(label=_("Ditugaskan kepada saya"), required=False)
    terlambat = forms.BooleanField(label=_("Terlambat"), required=False)

    def __init__(self, *args, services, tab: str, **kwargs):
        super().__init__(*args, **kwargs)
        many_offices = len({s.organisation_id for s in services}) > 1
        self.fields["layanan"].choices = [
            ("", _("Semua layanan")),
            *[(s.pk, f"{s.name} — {s.organisation.name}" if many_offices else s.name) for s in services],
        ]
        statuses = CLOSED_STATUS_CHOICES if tab == "selesai" else OPEN_STATUS_CHOICES
        self.fields["status"].choices = [("", _("Semua status")), *statuses]


class TakeForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan menangani lebih dahulu"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila masih ada permohonan layanan ini yang diajukan lebih dahulu."),
    )


class CorrectionForm(BootstrapMixin, forms.Form):
    message = forms.CharField(
        label=_("Yang perlu diperbaiki pemohon"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pesan ini dikirim kepada pemohon. Jam layanan berhenti sampai perbaikan diterima."),
        error_messages={"required": _("Tuliskan apa yang perlu diperbaiki pemohon.")},
    )


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Catatan (tidak wajib)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RequestSignatureForm(BootstrapMixin, forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Catatan untuk penanda tangan (tidak wajib)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SignForm(BootstrapMixin, forms.Form):
    assignment = forms.TypedChoiceField(label=_("Menandatangani sebagai"), coerce=int)

    def __init__(self, *args, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignments = {a.pk: a for a in assignments}
        self.fields["assignment"].choices = [
            (a.pk, f"{a.signature_prefix}{a.position.title}") for a in assignments
        ]
        if len(assignments) <= 1:
            self.fields["assignment"].widget = forms.HiddenInput()
            self.fields["assignment"].required = False
            if assignments:
                self.initial["assignment"] = assignments[0].pk

    def chosen(self):
        return self.assignments.get(self.cleaned_data.get("assignment"))


class ReturnForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Yang perlu diperbaiki"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan apa yang perlu diperbaiki pada naskah hasil.")},
    )


class RejectForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pemohon akan membaca alasan ini."),
        error_messages={"required": _("Alasan penolakan wajib diisi; pemohon akan membacanya.")},
    )


class HandOverForm(BootstrapMixin, forms.Form):
    received_by = forms.CharField(
        label=_("Diterima oleh"),
        required=False,
        max_length=200,
        help_text=_("Nama orang yang mengambil hasil. Kosong: pemohon sendiri."),
    )


class AssignForm(BootstrapMixin, forms.Form):
    officer = forms.ModelChoiceField(label=_("Petugas"), queryset=None, required=False)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["officer"].label_from_instance = lambda user: user.display_name
        self.fields["officer"].empty_label = _("— belum ditugaskan —")


class MessageForm(BootstrapMixin, forms.Form):
    body = forms.CharField(
        label=_("Pesan kepada pemohon"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pemohon membacanya di halaman lacak permohonan."),
        error_messages={"required": _("Isi pesan tidak boleh kosong.")},
    )


class InternalNoteForm(BootstrapMixin, forms.Form):
    body = forms.CharField(
        label=_("Catatan internal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hanya dibaca petugas kantor; tidak pernah ditampilkan kepada pemohon."),
        error_messages={"required": _("Isi catatan tidak boleh kosong.")},
    )
