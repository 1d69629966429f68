from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import Organisation, Position, PositionAssignment, Role, Staff, Unit
from lontar.core.orgadmin.services import ORGANISATION_PROFILE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields in one loop."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class OrganisationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [f for f in ORGANISATION_PROFILE_FIELDS if f != "is_active"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
        # An office website typed without a scheme is an https site.
        formfield_callback = staticmethod(
            lambda field, **kwargs: (
                field.formfield(assume_scheme="https", **kwargs)
                if isinstance(field, models.URLField)
                else field.formfield(**kwargs)
            )
        )

    @classmethod
    def for_new_child(cls, data, *, parent, kind):
        """The form for a new office under `parent`, its letterhead line prefilled from the parent."""
        return cls(
            data,
            instance=Organisation(parent=parent, kind=kind),
            initial={"letterhead_government": parent.letterhead_government},
        )


class UnitForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "code", "kind", "parent", "order"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Unit.objects.filter(organisation=organisation)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = qs


class PositionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "unit", "superior", "is_unit_head", "order"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        qs = Position.objects.filter(organisation=organisation)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["superior"].queryset = qs


class AssignmentForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PositionAssignment
        fields = ["staff", "kind", "start_date", "end_date", "decree_number"]
        widgets = {"start_date": DATE, "end_date": DATE}
        help_texts = {"end_date": _("Wajib untuk Plt./Plh.; kosongkan untuk pemangku definitif.")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.filter(organisation=organisation, is_active=True)


class EndAssignmentForm(BootstrapMixin, forms.Form):
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE)


class StaffForm(BootstrapMixin, forms.ModelForm):
    # Wider than the stored 18 digits: people type the NIP with its usual spaces.
    nip = forms.CharField(
        label=_("NIP/NI PPPK"),
        required=False,
        max_length=24,
        help_text=_("18 angka; spasi boleh, misalnya 19860926 201505 1 001."),
    )

    class Meta:
        model = Staff
        fields = [
            "full_name",
            "front_title",
            "back_title",
            "nip",
            "employment_type",
            "rank",
            "unit",
            "email",
            "phone",
            "is_active",
        ]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)

    def clean_nip(self):
        nip = "".join(ch for ch in self.cleaned_data["nip"] if ch.isdigit())
        if nip and len(nip) != 18:
            raise forms.ValidationError(_("NIP/NI PPPK terdiri atas 18 angka."))
        return nip


def role_choices(organisation):
    return [
        (value, label)
        for value, label in Role.choices
        if value != Role.CITY_ADMIN or organisation.kind == "kota"
    ]


class AccountForm(BootstrapMixin, forms.Form):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
    role = forms.ChoiceField(label=_("Peran"), initial=Role.STAFF)
    method = forms.ChoiceField(
        label=_("Kata sandi"),
        widget=forms.RadioSelect,
        choices=[
            ("link", _("Kirim tautan pembuatan kata sandi ke surel pegawai")),
            ("password", _("Tetapkan kata sandi awal")),
        ],
        initial="link",
    )
    password = forms.CharField(
        label=_("Kata sandi awal"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 10 karakter. Minta pegawai menggantinya setelah masuk."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(organisation)

    def clean(self):
        data = super().clean()
        if data.get("method") == "password":
            from django.contrib.auth.password_validation import validate_password

            if not data.get("password"):
                self.add_error("password", _("Isi kata sandi awal."))
            else:
                try:
                    validate_password(data["password"])
                except forms.ValidationError as exc:
                    self.add_error("password", exc)
        return data


class MembershipForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("Peran"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(organisation)
