"""Forms of the meetings screens. They parse input; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.meetings.models import MeetingKind
from lontar.meetings.services import GuestInput


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        staff = getattr(obj, "staff", None)
        unit = f" ({staff.unit.name})" if staff is not None and staff.unit_id else ""
        return f"{obj.display_name}{unit}"


class MeetingForm(BootstrapMixin, forms.Form):
    half_width = frozenset({"day", "start", "end", "kind", "room", "place", "chair", "note_taker"})
    title = forms.CharField(label=_("Judul rapat"), max_length=200)
    agenda = forms.CharField(label=_("Acara/agenda"), widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("Bentuk"), choices=MeetingKind.choices)
    day = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Jam mulai"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Jam selesai"), widget=forms.TimeInput(attrs={"type": "time"}))
    room = forms.ModelChoiceField(label=_("Ruang rapat (dipinjam otomatis)"), queryset=None, required=False)
    place = forms.CharField(
        label=_("Tempat lain"), max_length=200, required=False, help_text=_("Bila tidak di ruang kantor.")
    )
    chair = UserChoice(label=_("Pimpinan rapat"), queryset=None)
    note_taker = UserChoice(label=_("Notulis"), queryset=None)
    invited_users = UsersChoice(
        label=_("Pegawai yang diundang"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    invited_units = forms.ModelMultipleChoiceField(
        label=_("Undang seluruh pegawai unit"), queryset=None, required=False
    )
    guests = forms.CharField(
        label=_("Tamu dari luar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu tamu per baris: nama; instansi/jabatan; surel (surel boleh kosong)."),
    )

    def __init__(self, *args, rooms, users, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        for name in ("chair", "note_taker", "invited_users"):
            self.fields[name].queryset = users
        self.fields["invited_units"].queryset = units

    def clean_guests(self) -> list[GuestInput]:
        guests = []
        for number, line in enumerate((self.cleaned_data.get("guests") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) > 3 or not parts[0]:
                raise forms.ValidationError(_("Baris %(n)s: tulis nama; instansi; surel.") % {"n": number})
            parts += [""] * (3 - len(parts))
            guests.append(GuestInput(*parts))
        return guests

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        return dt.datetime.combine(data["day"], data["start"]), dt.datetime.combine(data["day"], data["end"])

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        starts_at, ends_at = self.span()
        return {
            "title": data["title"],
            "agenda": data["agenda"],
            "kind": data["kind"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "room": data["room"],
            "place": data["place"],
            "chair": data["chair"],
            "note_taker": data["note_taker"],
            "invited_users": list(data["invited_users"]),
            "invited_units": list(data["invited_units"]),
            "guests": data["guests"],
        }


def guests_text(meeting) -> str:
    return "\n".join(
        "; ".join(filter(None, [i.name, i.institution, i.email])) if i.email or i.institution else i.name
        for i in meeting.invitees.filter(kind="tamu")
    )


class MinutesForm(BootstrapMixin, forms.Form):
    summary = forms.CharField(label=_("Ringkasan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    discussion = forms.CharField(
        label=_("Pokok pembahasan"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    decisions = forms.CharField(
        label=_("Keputusan/kesimpulan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu keputusan per baris."),
    )


class ActionItemForm(BootstrapMixin, forms.Form):
    half_width = frozenset({"owner", "due_date"})
    description = forms.CharField(label=_("Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = UserChoice(label=_("Penanggung jawab"), queryset=None)
    due_date = forms.DateField(label=_("Tenggat"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = users


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Catatan hasil"), widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class GuestCheckInForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    institution = forms.CharField(label=_("Instansi/jabatan"), max_length=200)


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Foto atau berkas"))
