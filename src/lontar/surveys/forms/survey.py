"""The survey form (invitation, kiosk and counter), built from the questionnaire version: one radio
group per question in the configured order and wording, named by the element code (so swapping U8
and U9 on screen still stores each answer under its code), then the respondent profile and the
suggestion. Every field works without JavaScript."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from lontar.public_services.forms.application import StyledForm, bootstrap
from lontar.surveys.models import MAX_AGE, MIN_AGE, Education, Occupation, Sex
from lontar.surveys.services.responses import SUGGESTION_MAX

CHOICE_MESSAGE = gettext_lazy("Pilih salah satu jawaban.")
PROFILE_FIELDS = ("umur", "jenis_kelamin", "pendidikan", "pekerjaan")


class SurveyForm(forms.Form):
    umur = forms.IntegerField(
        label=gettext_lazy("Umur (tahun)"),
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": gettext_lazy("Tuliskan umur Anda."),
            "invalid": gettext_lazy("Tuliskan umur dengan angka."),
            "min_value": gettext_lazy("Umur paling rendah %(limit_value)s tahun."),
            "max_value": gettext_lazy("Umur paling tinggi %(limit_value)s tahun."),
        },
    )
    jenis_kelamin = forms.ChoiceField(
        label=gettext_lazy("Jenis kelamin"),
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih jenis kelamin."), "invalid_choice": CHOICE_MESSAGE},
    )
    pendidikan = forms.ChoiceField(
        label=gettext_lazy("Pendidikan terakhir"),
        choices=Education.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Pilih pendidikan terakhir."),
            "invalid_choice": CHOICE_MESSAGE,
        },
    )
    pekerjaan = forms.ChoiceField(
        label=gettext_lazy("Pekerjaan utama"),
        choices=Occupation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih pekerjaan."), "invalid_choice": CHOICE_MESSAGE},
    )
    saran = forms.CharField(
        label=gettext_lazy("Saran dan masukan (boleh dikosongkan)"),
        required=False,
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": gettext_lazy("Saran paling banyak %(limit_value)s karakter.")},
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        question_fields = {}
        for number, question in enumerate(self.questions, start=1):
            question_fields[question.element] = forms.TypedChoiceField(
                label=f"{number}. {question.wording}",
                choices=[(score, label) for score, label in enumerate(question.labels, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": CHOICE_MESSAGE, "invalid_choice": CHOICE_MESSAGE},
            )
        # Questions first, in the configured order; then the profile and the suggestion.
        self.fields = {**question_fields, **self.fields}
        bootstrap(self)

    def question_fields(self):
        return [self[question.element] for question in self.questions]

    def profile_fields(self):
        return [self[name] for name in PROFILE_FIELDS]

    def answers(self) -> dict:
        """The keyword arguments of `submit_response` for the respondent."""
        data = self.cleaned_data
        return {
            "scores": {question.element: data[question.element] for question in self.questions},
            "age": data["umur"],
            "sex": data["jenis_kelamin"],
            "education": data["pendidikan"],
            "occupation": data["pekerjaan"],
            "suggestion": data.get("saran", ""),
        }


class KioskSurveyForm(SurveyForm):
    nomor_kunjungan = forms.CharField(
        label=gettext_lazy("Nomor antrean atau nomor registrasi (boleh dikosongkan)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = list(services or [])
        if self.services:
            self.fields["layanan"] = forms.TypedChoiceField(
                label=gettext_lazy("Layanan yang Anda terima"),
                choices=[("", gettext_lazy("— pilih layanan —")), *((s.pk, s.name) for s in self.services)],
                coerce=int,
                required=False,
                error_messages={"invalid_choice": CHOICE_MESSAGE},
            )
            self.fields["layanan"].widget.attrs["class"] = "form-select"

    def answers(self) -> dict:
        answers = super().answers()
        answers["visit_reference"] = self.cleaned_data.get("nomor_kunjungan", "")
        chosen = self.cleaned_data.get("layanan")
        if chosen:
            answers["service"] = next((s for s in self.services if s.pk == chosen), None)
        return answers


class SecretForm(StyledForm):
    rahasia = forms.CharField(
        label=gettext_lazy("Kode rahasia permohonan"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"required": gettext_lazy("Tuliskan kode rahasia (8 huruf/angka).")},
    )


class KioskActivateForm(StyledForm):
    nama = forms.CharField(
        label=gettext_lazy("Nama kios"),
        max_length=100,
        help_text=gettext_lazy("Contoh: Tablet loket 1."),
        error_messages={"required": gettext_lazy("Beri nama kios, misalnya Tablet loket 1.")},
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.services = list(services)
        self.fields["layanan"] = forms.TypedChoiceField(
            label=gettext_lazy("Layanan loket"),
            choices=[
                ("", gettext_lazy("Semua layanan (responden memilih)")),
                *((s.pk, s.name) for s in self.services),
            ],
            coerce=int,
            required=False,
            empty_value=None,
            error_messages={"invalid_choice": CHOICE_MESSAGE},
        )
        self.fields["layanan"].widget.attrs["class"] = "form-select"

    def service(self):
        chosen = self.cleaned_data.get("layanan")
        return next((s for s in self.services if s.pk == chosen), None) if chosen else None
