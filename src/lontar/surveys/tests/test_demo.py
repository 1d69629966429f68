"""The survey demo: the standard questionnaire in every demo kecamatan and about eighty responses for
Jatisari over the last twelve months, through submit_response (mostly 3s and 4s), the completed demo
applications answering through their invitation; loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Avg
from django.utils import timezone

from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples
from lontar.core.models import AuditEvent, Organisation, OrganisationKind
from lontar.public_services.demo import load_public_services_demo
from lontar.public_services.demo_applications import load_demo_applications
from lontar.public_services.models import DONE_STATUSES, Application
from lontar.surveys.demo import load_surveys_demo
from lontar.surveys.models import Answer, Questionnaire, SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_demo_gives_every_kecamatan_a_questionnaire_and_jatisari_a_year_of_responses():
    load_demo()
    load_samples()
    load_public_services_demo()
    load_demo_applications()
    created = load_surveys_demo()
    districts = Organisation.objects.filter(kind=OrganisationKind.DISTRICT, code__startswith="Kec.")
    assert Questionnaire.objects.filter(is_active=True).count() == districts.count() == 3
    jatisari = Organisation.objects.get(code="Kec.Jts")
    responses = SurveyResponse.objects.filter(organisation=jatisari)
    assert responses.count() == created["isian SKM"] == 80
    assert Answer.objects.filter(response__organisation=jatisari).count() == 80 * 9
    assert AuditEvent.objects.filter(action="surveys.response.submit").count() == 80
    oldest = responses.order_by("submitted_at").first().submitted_at
    assert (
        oldest >= timezone.now() - dt.timedelta(days=366)
        and responses.values("service").distinct().count() >= 4
    )
    assert {"undangan", "kios", "loket"} <= set(responses.values_list("channel", flat=True))
    done = Application.objects.filter(organisation=jatisari, status__in=DONE_STATUSES)
    assert done.exists() and responses.filter(application__in=done).count() == done.count()
    average = Answer.objects.filter(response__organisation=jatisari).aggregate(avg=Avg("score"))["avg"]
    assert 2.9 < average < 3.6
    assert not load_surveys_demo()
    assert SurveyResponse.objects.count() == 80
