"""Writes of the questionnaire: the standard one (the nine questions of PermenPANRB 14/2017's appendix)
and its settings. A questionnaire that has responses is never edited: saving makes a new version with
the new settings and makes it the active one, so every response keeps the wording it answered."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import require
from lontar.surveys.models import (
    ELEMENT_CODES,
    STANDARD_QUESTIONS,
    Question,
    Questionnaire,
    WeightConvention,
)
from lontar.surveys.permissions import CONFIGURE_SURVEY


@dataclass(frozen=True)
class QuestionSettings:
    element: str
    order: int
    wording: str
    labels: tuple[str, str, str, str]


def standard_settings() -> list[QuestionSettings]:
    return [
        QuestionSettings(q.element, index, str(q.wording), tuple(str(label) for label in q.labels))
        for index, q in enumerate(STANDARD_QUESTIONS, start=1)
    ]


def _snapshot(questionnaire: Questionnaire) -> dict:
    return {
        "judul": questionnaire.title,
        "versi": questionnaire.version,
        "bobot": questionnaire.weight_convention,
        "pengantar": questionnaire.introduction,
        "pertanyaan": [
            {"unsur": q.element, "urutan": q.order, "pertanyaan": q.wording, "jawaban": list(q.labels)}
            for q in questionnaire.questions.order_by("order", "element")
        ],
    }


def _create_questions(questionnaire: Questionnaire, questions: list[QuestionSettings]) -> None:
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            element=q.element,
            order=q.order,
            wording=q.wording,
            label_1=q.labels[0],
            label_2=q.labels[1],
            label_3=q.labels[2],
            label_4=q.labels[3],
        )
        for q in questions
    )


def _clean(questions: list[QuestionSettings], weight_convention: str, title: str) -> None:
    errors = []
    if sorted(q.element for q in questions) != sorted(ELEMENT_CODES):
        errors.append(_("Kuesioner harus memuat tepat sembilan unsur U1 sampai U9, masing-masing sekali."))
    orders = [q.order for q in questions]
    if len(set(orders)) != len(orders):
        errors.append(_("Urutan pertanyaan tidak boleh sama."))
    for q in questions:
        if not q.wording.strip() or any(not label.strip() for label in q.labels) or len(q.labels) != 4:
            errors.append(
                _("Pertanyaan %(unsur)s: isi kalimat pertanyaan dan keempat pilihan jawabannya.")
                % {"unsur": q.element}
            )
    if weight_convention not in WeightConvention.values:
        errors.append(_("Pilih penulisan bobot yang tersedia."))
    if not title.strip():
        errors.append(_("Judul kuesioner wajib diisi."))
    if errors:
        raise ValidationError(errors)


def active_questionnaire(organisation, *, actor=None) -> Questionnaire:
    """The office's active questionnaire; the standard one is created (version 1) when it has none."""
    found = Questionnaire.objects.filter(organisation=organisation, is_active=True).first()
    if found is not None:
        return found
    with transaction.atomic():
        found = (
            Questionnaire.objects.select_for_update()
            .filter(organisation=organisation, is_active=True)
            .first()
        )
        if found is not None:
            return found
        latest = Questionnaire.objects.filter(organisation=organisation).order_by("-version").first()
        questionnaire = Questionnaire.objects.create(
            organisation=organisation,
            version=(latest.version + 1) if latest else 1,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _create_questions(questionnaire, standard_settings())
        audit.record(
            actor=actor,
            action="surveys.questionnaire.create",
            obj=questionnaire,
            after=_snapshot(questionnaire),
        )
    return questionnaire


def save_questionnaire(
    *,
    actor,
    questionnaire: Questionnaire,
    title: str,
    introduction: str,
    weight_convention: str,
    questions: list[QuestionSettings],
) -> Questionnaire:
    """Save the settings. In place while nobody answered it; as a new active version otherwise.
    Returns the questionnaire now active."""
    require(actor, CONFIGURE_SURVEY, questionnaire)
    _clean(questions, weight_convention, title)
    with transaction.atomic():
        current = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if not current.is_active:
            raise ValidationError(_("Versi kuesioner ini sudah diganti; buka versi yang aktif."))
        before = _snapshot(current)
        if current.responses.exists():
            current.is_active = False
            current.save(update_fields=["is_active"])
            saved = Questionnaire.objects.create(
                organisation=current.organisation,
                version=current.version + 1,
                title=title.strip(),
                introduction=introduction.strip(),
                weight_convention=weight_convention,
                replaces=current,
                created_by=actor,
            )
            _create_questions(saved, questions)
            action = "surveys.questionnaire.new_version"
        else:
            saved = current
            saved.title = title.strip()
            saved.introduction = introduction.strip()
            saved.weight_convention = weight_convention
            saved.save(update_fields=["title", "introduction", "weight_convention"])
            saved.questions.all().delete()
            _create_questions(saved, questions)
            action = "surveys.questionnaire.update"
        after = _snapshot(saved)
        if action == "surveys.questionnaire.update":
            before, after = audit.changes(before, after)
            if not after:
                return saved
        audit.record(actor=actor, action=action, obj=saved, before=before, after=after)
    return saved
