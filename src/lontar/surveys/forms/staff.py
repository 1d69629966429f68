"""Forms of the staff screens: the response list's filters and the questionnaire settings."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.public_services.forms.application import StyledForm, bootstrap
from lontar.surveys.models import ELEMENT_CODES, Element, ResponseChannel, WeightConvention
from lontar.surveys.services.questionnaires import QuestionSettings


class ResponseFilterForm(StyledForm):
    dari = forms.DateField(
        label=gettext_lazy("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Tulis tanggal yang benar.")},
    )
    sampai = forms.DateField(
        label=gettext_lazy("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Tulis tanggal yang benar.")},
    )
    kanal = forms.ChoiceField(
        label=gettext_lazy("Kanal"),
        required=False,
        choices=[("", gettext_lazy("Semua kanal")), *ResponseChannel.choices],
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"] = forms.TypedChoiceField(
            label=gettext_lazy("Layanan"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", gettext_lazy("Semua layanan")), *((s.pk, str(s.name)) for s in services)],
        )
        self.order_fields(["layanan", "dari", "sampai", "kanal"])
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            raise ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data


def _order_name(code):
    return f"{code}-urutan"


def _wording_name(code):
    return f"{code}-pertanyaan"


def _label_name(code, score):
    return f"{code}-jawaban_{score}"


class QuestionnaireForm(StyledForm):
    judul = forms.CharField(label=gettext_lazy("Judul"), max_length=200)
    pengantar = forms.CharField(
        label=gettext_lazy("Pengantar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    bobot = forms.ChoiceField(
        label=gettext_lazy("Penulisan bobot tiap unsur"),
        choices=WeightConvention.choices,
        help_text=gettext_lazy(
            "Tepat 1/9 dianjurkan; 0,111 atau 0,11 mengubah hasil IKM hingga sekitar 1 poin."
        ),
    )

    def __init__(self, *args, questionnaire=None, questions=(), **kwargs):
        if not args and "initial" not in kwargs:
            initial = {
                "judul": questionnaire.title if questionnaire else _("Survei Kepuasan Masyarakat"),
                "pengantar": questionnaire.introduction if questionnaire else "",
                "bobot": questionnaire.weight_convention if questionnaire else WeightConvention.EXACT,
            }
            for q in questions:
                initial[_order_name(q.element)] = q.order
                initial[_wording_name(q.element)] = q.wording
                for score, label in enumerate(q.labels, start=1):
                    initial[_label_name(q.element, score)] = label
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for code in ELEMENT_CODES:
            self.fields[_order_name(code)] = forms.IntegerField(
                label=gettext_lazy("Urutan"), min_value=1, max_value=9
            )
            self.fields[_wording_name(code)] = forms.CharField(
                label=gettext_lazy("Pertanyaan"), widget=forms.Textarea(attrs={"rows": 2})
            )
            for score in (1, 2, 3, 4):
                self.fields[_label_name(code, score)] = forms.CharField(
                    label=_("Jawaban bernilai %(n)s") % {"n": score}, max_length=100
                )
        bootstrap(self)

    def elements(self):
        """Rows for the template: (code, label, order field, wording field, four label fields)."""
        return [
            {
                "code": code,
                "label": Element(code).label,
                "order": self[_order_name(code)],
                "wording": self[_wording_name(code)],
                "labels": [self[_label_name(code, score)] for score in (1, 2, 3, 4)],
            }
            for code in ELEMENT_CODES
        ]

    def settings(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["judul"],
            "introduction": data.get("pengantar", ""),
            "weight_convention": data["bobot"],
            "questions": [
                QuestionSettings(
                    element=code,
                    order=data[_order_name(code)],
                    wording=data[_wording_name(code)],
                    labels=tuple(data[_label_name(code, score)] for score in (1, 2, 3, 4)),
                )
                for code in ELEMENT_CODES
            ],
        }
