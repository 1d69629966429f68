from lontar.surveys.models.elements import (
    ELEMENT_CODES,
    SCORES,
    STANDARD_BY_ELEMENT,
    STANDARD_QUESTIONS,
    Element,
    StandardQuestion,
)
from lontar.surveys.models.followups import FollowUpStatus, SurveyFollowUp
from lontar.surveys.models.questionnaires import WEIGHTS, Question, Questionnaire, WeightConvention
from lontar.surveys.models.responses import (
    AGE_BRACKETS,
    MAX_AGE,
    MIN_AGE,
    Answer,
    Education,
    Kiosk,
    KioskNonce,
    Occupation,
    ResponseChannel,
    Sex,
    SurveyResponse,
)

__all__ = [
    "AGE_BRACKETS",
    "ELEMENT_CODES",
    "MAX_AGE",
    "MIN_AGE",
    "SCORES",
    "STANDARD_BY_ELEMENT",
    "STANDARD_QUESTIONS",
    "WEIGHTS",
    "Answer",
    "Education",
    "Element",
    "FollowUpStatus",
    "Kiosk",
    "KioskNonce",
    "Occupation",
    "Question",
    "Questionnaire",
    "ResponseChannel",
    "Sex",
    "StandardQuestion",
    "SurveyFollowUp",
    "SurveyResponse",
    "WeightConvention",
]
