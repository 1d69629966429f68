from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core import civil_service
from lontar.core.models import Organisation, Position, PositionAssignment, Role, Staff, Unit
from lontar.core.orgadmin.services import ORGANISATION_PROFILE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields in one loop."""

    # Short fields laid out two to a row on wider screens.
    half_width: frozenset[str] = frozenset()

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
            if (
                isinstance(field, forms.ModelChoiceField)
                and not field.required
                and field.empty_label == "---------"
            ):
                field.empty_label = _("— tidak ada —")

    def fieldsets(self):
        """(legend, bound fields) groups for the template; one untitled group when not declared."""
        groups = getattr(self, "groups", None)
        if not groups:
            return [("", list(self))]
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in groups]


class OrganisationForm(BootstrapMixin, forms.ModelForm):
    groups = [
        (_("Identitas kantor"), ["name", "short_name", "code", "region_code"]),
        (_("Alamat dan kontak"), ["address", "postal_code", "phone", "email", "website"]),
        (_("Kop surat dan pengaturan"), ["letterhead_government", "timezone", "require_2fa_for_leaders"]),
    ]
    half_width = frozenset({"short_name", "code", "region_code", "postal_code", "phone", "email", "website"})

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_PROFILE_FIELDS)
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
        help_texts = {"parent": _("Kosongkan untuk unit langsung di bawah pimpinan kantor.")}

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("instance", Unit(organisation=organisation))
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
        kwargs.setdefault("instance", Position(organisation=organisation))
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["unit"].empty_label = _("— pilih unit —")
        qs = Position.objects.filter(organisation=organisation)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["superior"].queryset = qs


class AssignmentForm(BootstrapMixin, forms.ModelForm):
    half_width = frozenset({"start_date", "end_date"})

    class Meta:
        model = PositionAssignment
        fields = ["staff", "kind", "start_date", "end_date", "decree_number"]
        widgets = {"start_date": DATE, "end_date": DATE}
        labels = {"staff": _("Pegawai"), "kind": _("Jenis penugasan")}
        help_texts = {
            "kind": _(
                "Plh. menggantikan pejabat yang berhalangan sementara (cuti, dinas luar); "
                "Plt. mengisi jabatan yang kosong atau pejabat yang berhalangan tetap."
            ),
            "end_date": _("Wajib untuk Plt./Plh.; kosongkan untuk pemangku definitif."),
        }

    def __init__(self, *args, position, **kwargs):
        kwargs.setdefault(
            "instance", PositionAssignment(position=position, organisation=position.organisation)
        )
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.filter(
            organisation=position.organisation, is_active=True
        ).select_related("unit")
        self.fields["staff"].empty_label = _("— pilih pegawai —")


class EndAssignmentForm(BootstrapMixin, forms.Form):
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE)


def rank_choices(current: str = ""):
    """Pangkat/golongan grouped by status, keeping a value typed before the list existed."""
    choices = [
        ("", _("— tidak ada —")),
        (_("PNS"), [(rank, rank) for rank in civil_service.PNS_RANKS]),
        (_("PPPK"), [(grade, grade) for grade in civil_service.PPPK_GRADES]),
    ]
    known = set(civil_service.PNS_RANKS) | set(civil_service.PPPK_GRADES)
    if current and current not in known:
        choices.append((_("Tercatat sebelumnya"), [(current, current)]))
    return choices


class StaffForm(BootstrapMixin, forms.ModelForm):
    # Wider than the stored 18 digits: people type the NIP with its usual spaces.
    nip = forms.CharField(
        label=_("NIP/NI PPPK"),
        required=False,
        max_length=30,
        help_text=_("18 angka; spasi boleh. Kosongkan untuk non-ASN."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "19860926 201505 1 001"}
        ),
    )
    rank = forms.ChoiceField(label=_("Pangkat/golongan"), required=False)
    groups = [
        (_("Identitas"), ["full_name", "front_title", "back_title"]),
        (_("Kepegawaian"), ["employment_type", "nip", "rank", "unit", "is_active"]),
        (_("Kontak"), ["email", "phone"]),
    ]
    half_width = frozenset(
        {"front_title", "back_title", "employment_type", "nip", "rank", "unit", "email", "phone"}
    )

    class Meta:
        model = Staff
        fields = [
            "full_name",
            "front_title",
            "back_title",
            "employment_type",
            "nip",
            "rank",
            "unit",
            "email",
            "phone",
            "is_active",
        ]
        help_texts = {
            "front_title": _("Misalnya Drs., Hj., Ir."),
            "back_title": _("Misalnya S.Sos., M.Si."),
            "is_active": _("Pegawai yang pensiun atau pindah dinonaktifkan; datanya tetap tersimpan."),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("instance", Staff(organisation=organisation))
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["rank"].choices = rank_choices(self.instance.rank)
        if self.instance.pk is None:
            # A new record is an active one; deactivating happens when someone leaves.
            del self.fields["is_active"]

    def clean_nip(self):
        return civil_service.digits_of(self.cleaned_data["nip"])


class MoveOrganisationForm(BootstrapMixin, forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Pindahkan ke bawah"),
        queryset=Organisation.objects.none(),
        empty_label=_("— pilih kantor —"),
        help_text=_(
            "Data kantor, pegawai, jabatan dan penomorannya ikut pindah. Gunakan setelah ada "
            "keputusan pemekaran atau penataan wilayah."
        ),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = targets


class TransferStaffForm(BootstrapMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Kantor tujuan"),
        queryset=Organisation.objects.none(),
        empty_label=_("— pilih kantor —"),
        help_text=_(
            "NIP, akun dan riwayat jabatan ikut pindah. Peran di kantor lama dicabut; berikan peran "
            "di kantor tujuan sesudahnya."
        ),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = targets


class StaffFilterForm(forms.Form):
    """The staff directory's filters. Invalid values are ignored rather than refused: a filter
    link that went stale still shows a list."""

    q = forms.CharField(label=_("Nama atau NIP"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("Semua unit")
    )
    status_kepegawaian = forms.ChoiceField(
        label=_("Status kepegawaian"),
        required=False,
        choices=[("", _("Semua status")), *Staff.EmploymentType.choices],
    )
    keaktifan = forms.ChoiceField(
        label=_("Keaktifan"),
        required=False,
        choices=[
            ("aktif", _("Aktif")),
            ("nonaktif", _("Tidak aktif")),
            ("semua", _("Aktif dan tidak aktif")),
        ],
    )

    def __init__(self, data, *, organisation):
        super().__init__(data)
        if organisation is not None:
            self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation).order_by(
                "order", "name"
            )
        else:
            del self.fields["unit"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
        self.fields["q"].widget.input_type = "search"

    def criteria(self) -> dict:
        self.is_valid()  # cleaned_data then holds the fields that are valid, and only those
        data = self.cleaned_data
        return {
            "query": (data.get("q") or "").strip(),
            "unit": data.get("unit"),
            "employment_type": data.get("status_kepegawaian") or "",
            "status": data.get("keaktifan") or "aktif",
        }

    def is_narrowed(self) -> bool:
        criteria = self.criteria()
        return bool(criteria["query"] or criteria["unit"] or criteria["employment_type"]) or (
            criteria["status"] != "aktif"
        )


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
