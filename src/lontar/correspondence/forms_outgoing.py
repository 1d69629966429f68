"""Forms of outgoing documents. They only parse input; the services check and save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from lontar.core.files.forms import UploadField
from lontar.correspondence.models.outgoing import OutgoingType, SecurityClass, Urgency
from lontar.correspondence.services.outgoing import RecipientInput

EXTERNAL_HELP = _(
    "Satu penerima per baris: nama/jabatan | alamat | surel. Alamat dan surel boleh kosong; "
    "penerima dengan surel menerima PDF lewat surel, yang lain dicetak."
)
MAX_VERIFIERS = 5


def parse_external(text: str, role: str) -> list[RecipientInput]:
    recipients = []
    for line_number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3:
            raise ValidationError(
                _("Baris %(n)s: paling banyak tiga bagian (nama | alamat | surel).") % {"n": line_number}
            )
        name, address, email = ([*parts, "", ""])[:3]
        if not name:
            raise ValidationError(_("Baris %(n)s: nama penerima wajib diisi.") % {"n": line_number})
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(
                    _("Baris %(n)s: alamat surel %(email)s tidak valid.") % {"n": line_number, "email": email}
                ) from None
        recipients.append(RecipientInput(role=role, name=name, address=address, email=email))
    return recipients


def format_external(recipients) -> str:
    lines = []
    for r in recipients:
        parts = [r.name, r.address, r.email]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


class DraftForm(forms.Form):
    subject = forms.CharField(label=_("Hal/perihal"), max_length=255)
    classification = forms.ModelChoiceField(
        label=_("Kode klasifikasi"), queryset=None, empty_label=_("— pilih kode klasifikasi —")
    )
    urgency = forms.ChoiceField(label=_("Sifat"), choices=Urgency.choices, initial=Urgency.NORMAL)
    security = forms.ChoiceField(
        label=_("Klasifikasi keamanan"), choices=SecurityClass.choices, initial=SecurityClass.OPEN
    )
    attachments_note = forms.CharField(
        label=_("Lampiran"),
        max_length=100,
        required=False,
        help_text=_("Misalnya: 1 (satu) berkas. Kosong: -"),
    )
    to_offices = forms.ModelMultipleChoiceField(
        label=_("Kepada kantor dalam kota"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    to_external = forms.CharField(
        label=_("Kepada penerima lain"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=EXTERNAL_HELP,
    )
    recipient_place = forms.CharField(
        label=_("Tempat tujuan (di ...)"), max_length=100, required=False, help_text=_("Kosong: Tempat")
    )
    copy_offices = forms.ModelMultipleChoiceField(
        label=_("Tembusan ke kantor dalam kota"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    copy_external = forms.CharField(
        label=_("Tembusan kepada penerima lain"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=EXTERNAL_HELP,
    )
    body_html = forms.CharField(
        label=_("Isi naskah"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "data-rich-editor": "1"}),
    )

    def __init__(self, *args, classifications, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].queryset = classifications
        self.fields["to_offices"].queryset = offices
        self.fields["copy_offices"].queryset = offices

    def clean_to_external(self):
        return parse_external(self.cleaned_data["to_external"], "to")

    def clean_copy_external(self):
        return parse_external(self.cleaned_data["copy_external"], "copy")

    def recipients(self) -> list[RecipientInput]:
        data = self.cleaned_data
        return (
            [RecipientInput(role="to", organisation=o) for o in data["to_offices"]]
            + data["to_external"]
            + [RecipientInput(role="copy", organisation=o) for o in data["copy_offices"]]
            + data["copy_external"]
        )

    def document_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "subject",
                "classification",
                "urgency",
                "security",
                "attachments_note",
                "recipient_place",
                "body_html",
            )
        }

    @staticmethod
    def initial_for(document, recipients) -> dict:
        return {
            "subject": document.subject,
            "classification": document.classification_id,
            "urgency": document.urgency,
            "security": document.security,
            "attachments_note": document.attachments_note,
            "recipient_place": document.recipient_place,
            "body_html": document.body_html,
            "to_offices": [
                r.internal_organisation_id for r in recipients if r.role == "to" and r.is_internal
            ],
            "copy_offices": [
                r.internal_organisation_id for r in recipients if r.role == "copy" and r.is_internal
            ],
            "to_external": format_external([r for r in recipients if r.role == "to" and not r.is_internal]),
            "copy_external": format_external(
                [r for r in recipients if r.role == "copy" and not r.is_internal]
            ),
        }


class NewDraftForm(DraftForm):
    document_type = forms.ChoiceField(label=_("Jenis naskah"), choices=OutgoingType.choices)
    organisation = forms.ModelChoiceField(label=_("Kantor"), queryset=None, empty_label=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.order_fields(["organisation", "document_type"])


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Alasan pengembalian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={
            "required": _("Tuliskan alasan pengembalian agar pengonsep tahu yang harus diperbaiki.")
        },
    )


class ParafForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(forms.Form):
    berkas = UploadField(label=_("Lampiran"))


class TemplateForm(forms.Form):
    body_html = forms.CharField(
        label=_("Isi bawaan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "data-rich-editor": "1"}),
    )
    classification = forms.ModelChoiceField(label=_("Kode klasifikasi bawaan"), queryset=None, required=False)
    numbering_key = forms.SlugField(
        label=_("Kunci templat penomoran"),
        max_length=60,
        help_text=_("Jenis naskah pada templat penomoran kantor, misalnya surat_dinas."),
    )
    signatory_position = forms.ModelChoiceField(label=_("Jabatan penandatangan"), queryset=None)

    def __init__(self, *args, classifications, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].queryset = classifications
        self.fields["signatory_position"].queryset = positions
        for i in range(1, MAX_VERIFIERS + 1):
            self.fields[f"verifier_{i}"] = forms.ModelChoiceField(
                label=_("Pemaraf %(n)s") % {"n": i}, queryset=positions, required=False
            )

    def verifier_fields(self):
        return [self[f"verifier_{i}"] for i in range(1, MAX_VERIFIERS + 1)]

    def verifiers(self) -> list:
        return [
            self.cleaned_data[f"verifier_{i}"]
            for i in range(1, MAX_VERIFIERS + 1)
            if self.cleaned_data.get(f"verifier_{i}") is not None
        ]
