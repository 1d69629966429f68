"""Demo data of the survey: the standard questionnaire for every demo kecamatan, a counter kiosk and
about eighty responses for Jatisari spread over the last twelve months across several services, all
saved through `submit_response` (scores mostly 3 and 4, waiting time a little worse, the free services'
cost mostly 4), the completed demo applications answering through their invitation."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lontar.core.models import Organisation, OrganisationKind
from lontar.public_services.models import DONE_STATUSES, Application, Service
from lontar.surveys.models import (
    ELEMENT_CODES,
    Education,
    Kiosk,
    Occupation,
    Questionnaire,
    ResponseChannel,
    Sex,
    SurveyResponse,
)
from lontar.surveys.services.kiosks import activate_kiosk
from lontar.surveys.services.questionnaires import active_questionnaire
from lontar.surveys.services.responses import submit_response

JATISARI = "Kec.Jts"
RESPONSES = 80
SERVICE_CODES = ("sktm", "domisili-usaha", "legalisasi", "pengantar-skck", "tanggungan-keluarga", "iumk")
# Chances of the scores 1, 2, 3, 4 per element; the rest use DEFAULT.
DEFAULT = (0.02, 0.10, 0.55, 0.33)
SCORE_WEIGHTS = {
    "U3": (0.05, 0.20, 0.52, 0.23),  # waiting time: the usual weak spot
    "U4": (0.00, 0.02, 0.18, 0.80),  # most kecamatan services are free
    "U8": (0.04, 0.16, 0.55, 0.25),  # complaint handling is little known
    "U9": (0.03, 0.14, 0.58, 0.25),
}
SUGGESTIONS = (
    "Ruang tunggu mohon ditambah kipas angin.",
    "Pelayanan sudah cepat, pertahankan.",
    "Mohon informasi persyaratan dipasang lebih jelas di depan loket.",
    "Petugas ramah dan membantu. Terima kasih.",
    "Antrean pagi cukup panjang, mohon loket dibuka tepat waktu.",
    "Tempat parkir motor perlu diperluas.",
    "Kotak saran sebaiknya ada di dekat pintu masuk.",
)


def _pick(rng: random.Random, weights) -> int:
    return rng.choices((1, 2, 3, 4), weights=weights)[0]


def _profile(rng: random.Random) -> dict:
    return {
        "age": max(15, min(90, int(rng.gauss(38, 12)))),
        "sex": rng.choice(Sex.values),
        "education": rng.choices(Education.values, weights=(10, 18, 40, 10, 18, 4))[0],
        "occupation": rng.choices(Occupation.values, weights=(8, 3, 25, 27, 12, 25))[0],
    }


def _scores(rng: random.Random) -> dict[str, int]:
    return {code: _pick(rng, SCORE_WEIGHTS.get(code, DEFAULT)) for code in ELEMENT_CODES}


def _admin_of(office):
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=office, memberships__role="org_admin", memberships__is_active=True
        )
        .first()
    )


@transaction.atomic
def load_surveys_demo() -> Counter:
    created: Counter = Counter()
    offices = Organisation.objects.filter(kind=OrganisationKind.DISTRICT, code__startswith="Kec.").order_by(
        "path"
    )
    for office in offices:
        if not Questionnaire.objects.filter(organisation=office).exists():
            active_questionnaire(office, actor=_admin_of(office))
            created["kuesioner SKM"] += 1
    office = Organisation.objects.filter(code=JATISARI).first()
    if office is None or SurveyResponse.objects.filter(organisation=office).exists():
        return created
    questionnaire = active_questionnaire(office)
    users = get_user_model().objects
    front_desk = users.filter(username="fo.jatisari").first()
    services = list(Service.objects.filter(organisation=office, code__in=SERVICE_CODES).order_by("code"))
    if front_desk is None or not services:
        return created
    kiosk = Kiosk.objects.filter(organisation=office, is_active=True).first()
    if kiosk is None:
        kiosk, _token = activate_kiosk(actor=front_desk, organisation=office, name="Tablet loket 1")
        created["kios survei"] += 1
    rng = random.Random(14)
    now = timezone.now()
    for application in Application.objects.filter(organisation=office, status__in=DONE_STATUSES).order_by(
        "pk"
    ):
        submit_response(
            questionnaire=questionnaire,
            channel=ResponseChannel.INVITATION,
            application=application,
            actor_label=f"Pemohon: {application.applicant_name}",
            suggestion=rng.choice(SUGGESTIONS),
            scores=_scores(rng),
            **_profile(rng),
        )
        created["isian SKM"] += 1
    for index in range(RESPONSES - created["isian SKM"]):
        days_ago = rng.randint(1, 364)
        moment = (now - dt.timedelta(days=days_ago)).replace(
            hour=rng.randint(1, 8), minute=rng.randint(0, 59), second=0, microsecond=0
        )  # 08:00-15:59 WIB
        channel = ResponseChannel.KIOSK if index % 3 else ResponseChannel.COUNTER
        submit_response(
            questionnaire=questionnaire,
            channel=channel,
            service=rng.choice(services),
            kiosk=kiosk if channel == ResponseChannel.KIOSK else None,
            actor=front_desk if channel == ResponseChannel.COUNTER else None,
            actor_label=f"Responden kios: {kiosk.name}" if channel == ResponseChannel.KIOSK else "",
            # Suggestions become feedback items dated today, so only recent responses carry one.
            suggestion=rng.choice(SUGGESTIONS) if days_ago <= 30 and rng.random() < 0.5 else "",
            submitted_at=moment,
            scores=_scores(rng),
            **_profile(rng),
        )
        created["isian SKM"] += 1
    return created
