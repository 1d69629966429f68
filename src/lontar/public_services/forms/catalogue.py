"""Forms of the catalogue screens: they parse input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin
from lontar.public_services.models import (
    MANAGEMENT_COMPONENTS,
    FieldKind,
    FormField,
    Requirement,
    Service,
    ServicePledge,
    ServiceStandard,
)
from lontar.public_services.services.catalogue import SERVICE_FIELDS, STANDARD_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = {"rows": 3}


class _ServiceOnly(BootstrapMixin, forms.ModelForm):
    def _post_clean(self):
        # The service runs the checks that need the office, with the same messages.
        pass


class ServiceForm(_ServiceOnly):
    half_width = frozenset(
        {
            "category",
            "unit",
            "daily_quota",
            "result_document_type",
            "result_classification_code",
            "code",
            "organisation",
        }
    )
    groups = [
        (_("Layanan"), ["organisation", "code", "name", "summary", "category", "unit"]),
        (
            _("Di portal dan loket"),
            ["is_published", "accepts_online", "accepts_booking", "daily_quota"],
        ),
        (
            _("Naskah hasil layanan"),
            [
                "result_downloadable",
                "result_document_type",
                "result_title",
                "result_classification_code",
                "result_body",
            ],
        ),
    ]

    class Meta:
        model = Service
        fields = ["code", *SERVICE_FIELDS]
        widgets = {"result_body": forms.Textarea(attrs={"rows": 8, "spellcheck": "false"})}

    def __init__(self, *args, offices=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]
        else:
            self.fields["organisation"] = forms.ModelChoiceField(
                queryset=offices, label=_("Kantor"), empty_label=None
            )
            self.fields["organisation"].widget.attrs["class"] = "form-select"
            if offices is not None and len(offices) == 1:
                self.fields["organisation"].widget = forms.HiddenInput()
                self.initial.setdefault("organisation", offices[0].pk)
        self.fields["unit"].queryset = units


class StandardForm(_ServiceOnly):
    half_width = frozenset({"processing_days", "fee_amount", "processing_time_text", "fee_text"})
    groups = [
        (_("Nomor penetapan"), ["decree_number"]),
        (
            _("Komponen yang dipublikasikan (penyampaian pelayanan)"),
            [
                "requirements_text",
                "procedure",
                "processing_days",
                "processing_time_text",
                "fee_amount",
                "fee_text",
                "product",
                "complaint_handling",
            ],
        ),
        (
            _("Komponen internal (pengelolaan pelayanan)"),
            [name for name, _label in MANAGEMENT_COMPONENTS],
        ),
    ]

    class Meta:
        model = ServiceStandard
        fields = list(STANDARD_FIELDS)
        widgets = {
            name: forms.Textarea(attrs=TEXT)
            for name in (
                "requirements_text",
                "procedure",
                "complaint_handling",
                *(n for n, _l in MANAGEMENT_COMPONENTS if n != "implementer_count"),
            )
        }
        help_texts = {
            "procedure": _("Satu langkah per baris."),
            "fee_amount": _("0 berarti gratis; portal menulis “Gratis / Tidak dipungut biaya”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required to publish, not to save a draft: the service says what is still missing.
        for name in ("procedure", "product", "complaint_handling", "legal_basis"):
            self.fields[name].required = False


class PublishForm(BootstrapMixin, forms.Form):
    half_width = frozenset({"effective_from", "decree_number"})
    effective_from = forms.DateField(label=_("Berlaku mulai"), widget=DATE)
    decree_number = forms.CharField(
        label=_("Nomor keputusan penetapan"),
        max_length=120,
        required=False,
        help_text=_("Keputusan Camat tentang standar pelayanan, bila sudah ada."),
    )


class RequirementForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["name", "note", "needs_upload", "is_mandatory"]


class FormFieldForm(BootstrapMixin, forms.ModelForm):
    half_width = frozenset({"key", "kind"})
    # A plain text field: the service checks the key with its own message (no hyphens: {{ data.kunci }}).
    key = forms.CharField(
        label=_("Kunci"),
        max_length=50,
        help_text=_("Huruf kecil, angka, garis bawah; dipakai di templat hasil sebagai {{ data.kunci }}."),
    )
    choices_text = forms.CharField(
        label=_("Pilihan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hanya untuk jenis Pilihan: satu pilihan per baris."),
    )

    class Meta:
        model = FormField
        fields = ["label", "key", "kind", "required", "help_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FieldKind.choices
        if self.instance.pk and not self.is_bound:
            self.initial["choices_text"] = "\n".join(self.instance.choices or [])
        order = ["label", "key", "kind", "choices_text", "required", "help_text"]
        self.order_fields(order)

    def _post_clean(self):
        pass

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "key": data["key"],
            "label": data["label"],
            "kind": data["kind"],
            "required": data["required"],
            "help_text": data["help_text"],
            "choices": [
                line.strip() for line in (data.get("choices_text") or "").splitlines() if line.strip()
            ],
        }


class PledgeForm(BootstrapMixin, forms.ModelForm):
    half_width = frozenset({"signatory_name", "signatory_position", "effective_from"})

    class Meta:
        model = ServicePledge
        fields = ["text", "signatory_name", "signatory_position", "effective_from"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10}), "effective_from": DATE}


class OfficeChoiceForm(forms.Form):
    kantor = forms.ModelChoiceField(queryset=None, label=_("Kantor"), empty_label=None)

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kantor"].queryset = offices
        self.fields["kantor"].widget.attrs["class"] = "form-select form-select-sm w-auto"
