"""submit_response: one transaction, nine answers stored by element code, one response per
application (service and database), questionnaire versions, and clear refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lontar.core.models import AuditEvent
from lontar.core.tests.factories import UnitFactory
from lontar.public_services.tests.factories import submitted_application
from lontar.surveys.models import Answer, Question, Questionnaire, SurveyResponse
from lontar.surveys.services.questionnaires import (
    QuestionSettings,
    active_questionnaire,
    save_questionnaire,
    standard_settings,
)
from lontar.surveys.services.responses import AlreadyAnswered, submit_response
from lontar.surveys.tests.factories import completed_application, make_response, profile, scores

pytestmark = pytest.mark.django_db


def test_the_standard_questionnaire_has_the_nine_elements_with_the_regulations_labels(district):
    questionnaire = active_questionnaire(district)
    questions = {q.element: q for q in questionnaire.questions.all()}
    assert sorted(questions) == [f"U{n}" for n in range(1, 10)]
    assert questions["U1"].labels == ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")
    assert questions["U3"].labels == ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")
    assert questions["U4"].labels == ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")
    assert questionnaire.weight_convention == "1/9" and questionnaire.version == 1
    assert active_questionnaire(district).pk == questionnaire.pk  # created once
    assert AuditEvent.objects.filter(action="surveys.questionnaire.create").count() == 1


def test_a_response_stores_nine_answers_the_unit_of_its_service_and_an_audit_with_the_applicant(
    district, service, front_desk
):
    unit = UnitFactory(organisation=district)
    service.unit = unit
    service.save()
    application, _secret = completed_application(service, officer=front_desk, name="Siti Aminah")
    response = submit_response(
        questionnaire=active_questionnaire(district),
        channel="undangan",
        application=application,
        scores=scores(3, U4=4),
        actor_label="Pemohon: Siti Aminah",
        suggestion="  Ruang tunggu panas.  ",
        **profile(),
    )
    assert response.service == service and response.unit == unit and response.organisation == district
    assert response.suggestion == "Ruang tunggu panas."
    stored = dict(Answer.objects.filter(response=response).values_list("element", "score"))
    assert stored == scores(3, U4=4)
    event = AuditEvent.objects.get(action="surveys.response.submit", object_id=str(response.pk))
    assert event.actor is None and event.actor_label == "Pemohon: Siti Aminah"
    assert event.after["permohonan"] == application.number and event.after["nilai"]["U4"] == 4


def test_a_second_response_for_one_application_is_refused_and_changes_nothing(district, service, front_desk):
    application, _secret = completed_application(service, officer=front_desk)
    questionnaire = active_questionnaire(district)
    first = make_response(district, application=application, channel="undangan", questionnaire=questionnaire)
    with pytest.raises(AlreadyAnswered, match="sudah diisi"):
        make_response(
            district,
            application=application,
            channel="undangan",
            score_values=scores(1),
            questionnaire=questionnaire,
        )
    assert SurveyResponse.objects.count() == 1
    assert set(Answer.objects.values_list("response_id", flat=True)) == {first.pk}
    assert AuditEvent.objects.filter(action="surveys.response.submit").count() == 1


def test_the_database_itself_refuses_a_second_response_for_one_application(district, service, front_desk):
    application, _secret = completed_application(service, officer=front_desk)
    first = make_response(district, application=application, channel="undangan")
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            organisation=district,
            questionnaire=first.questionnaire,
            application=application,
            channel="undangan",
            submitted_at=first.submitted_at,
            **profile(),
        )


def test_the_database_refuses_a_score_outside_1_to_4_and_an_age_outside_15_to_100(district):
    response = make_response(district)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(response=response, element="U1").update(score=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.filter(pk=response.pk).update(age=14)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, element="U1", score=2)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"scores": {**scores(), "U9": 5}}, "U9"),
        ({"scores": {k: v for k, v in scores().items() if k != "U2"}}, "U2"),
        ({"age": 14}, "umur"),
        ({"age": 101}, "umur"),
        ({"sex": "X"}, "jenis_kelamin"),
        ({"education": "s3"}, "pendidikan"),
        ({"occupation": "petani"}, "pekerjaan"),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_nothing_is_saved(district, front_desk, overrides, field):
    arguments = {"scores": scores(), **profile(), **overrides}
    with pytest.raises(ValidationError) as refused:
        submit_response(
            questionnaire=active_questionnaire(district), channel="loket", actor=front_desk, **arguments
        )
    assert field in refused.value.error_dict
    assert not SurveyResponse.objects.exists() and not Answer.objects.exists()


def test_an_application_not_completed_yet_or_of_another_office_is_refused(
    district, other_district, service, front_desk
):
    open_application, _secret = submitted_application(service)
    with pytest.raises(ValidationError, match="setelah permohonan selesai"):
        make_response(district, application=open_application, channel="undangan")
    done, _secret = completed_application(service, officer=front_desk)
    with pytest.raises(ValidationError, match="bukan milik kantor ini"):
        make_response(other_district, application=done, channel="undangan")
    assert not SurveyResponse.objects.exists()


def _edited(wording_of_u1: str) -> list[QuestionSettings]:
    questions = standard_settings()
    first = questions[0]
    questions[0] = QuestionSettings(first.element, first.order, wording_of_u1, first.labels)
    return questions


def test_editing_an_unanswered_questionnaire_changes_it_in_place(district, org_admin):
    questionnaire = active_questionnaire(district)
    saved = save_questionnaire(
        actor=org_admin,
        questionnaire=questionnaire,
        title="SKM Kecamatan Satu",
        introduction="",
        weight_convention="0.111",
        questions=_edited("Apakah persyaratan sesuai?"),
    )
    assert saved.pk == questionnaire.pk and saved.version == 1 and saved.weight_convention == "0.111"
    assert saved.questions.get(element="U1").wording == "Apakah persyaratan sesuai?"
    event = AuditEvent.objects.get(action="surveys.questionnaire.update")
    assert event.before["bobot"] == "1/9" and event.after["bobot"] == "0.111"


def test_editing_an_answered_questionnaire_makes_a_new_version_and_old_responses_keep_theirs(
    district, org_admin
):
    old = active_questionnaire(district)
    response = make_response(district, questionnaire=old)
    new = save_questionnaire(
        actor=org_admin,
        questionnaire=old,
        title=old.title,
        introduction="",
        weight_convention="1/9",
        questions=_edited("Wording baru U1"),
    )
    old.refresh_from_db()
    response.refresh_from_db()
    assert (
        new.pk != old.pk and new.version == 2 and new.is_active and not old.is_active and new.replaces == old
    )
    assert response.questionnaire == old
    assert old.questions.get(element="U1").wording != "Wording baru U1"
    assert new.questions.get(element="U1").wording == "Wording baru U1"
    assert active_questionnaire(district) == new
    assert make_response(district).questionnaire == new
    assert AuditEvent.objects.filter(action="surveys.questionnaire.new_version").count() == 1
    with pytest.raises(ValidationError, match="sudah diganti"):
        save_questionnaire(
            actor=org_admin,
            questionnaire=old,
            title="x",
            introduction="",
            weight_convention="1/9",
            questions=standard_settings(),
        )


def test_swapping_u8_and_u9_changes_the_order_shown_but_answers_stay_under_their_codes(district, org_admin):
    questions = standard_settings()
    u8, u9 = questions[7], questions[8]
    questions[7] = QuestionSettings("U8", 9, u8.wording, u8.labels)
    questions[8] = QuestionSettings("U9", 8, u9.wording, u9.labels)
    questionnaire = save_questionnaire(
        actor=org_admin,
        questionnaire=active_questionnaire(district),
        title="SKM",
        introduction="",
        weight_convention="1/9",
        questions=questions,
    )
    shown = list(
        Question.objects.filter(questionnaire=questionnaire)
        .order_by("order")
        .values_list("element", flat=True)
    )
    assert shown[-2:] == ["U9", "U8"]
    response = make_response(district, questionnaire=questionnaire, score_values=scores(3, U8=1, U9=4))
    stored = dict(response.answers.values_list("element", "score"))
    assert stored["U8"] == 1 and stored["U9"] == 4


def test_a_questionnaire_needs_every_element_once_and_distinct_orders(district, org_admin):
    questionnaire = active_questionnaire(district)
    missing = standard_settings()[:8]
    with pytest.raises(ValidationError, match="tepat sembilan unsur"):
        save_questionnaire(
            actor=org_admin,
            questionnaire=questionnaire,
            title="x",
            introduction="",
            weight_convention="1/9",
            questions=missing,
        )
    same_order = [QuestionSettings(q.element, 1, q.wording, q.labels) for q in standard_settings()]
    with pytest.raises(ValidationError, match="Urutan"):
        save_questionnaire(
            actor=org_admin,
            questionnaire=questionnaire,
            title="x",
            introduction="",
            weight_convention="1/9",
            questions=same_order,
        )
    assert Questionnaire.objects.get().title == "Survei Kepuasan Masyarakat"


def test_only_the_office_administrator_and_section_heads_configure_and_a_refusal_changes_nothing(
    district, front_desk, head
):
    from django.core.exceptions import PermissionDenied

    questionnaire = active_questionnaire(district)
    for user in (front_desk, head):
        with pytest.raises(PermissionDenied):
            save_questionnaire(
                actor=user,
                questionnaire=questionnaire,
                title="Diubah",
                introduction="",
                weight_convention="0.11",
                questions=standard_settings(),
            )
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Survei Kepuasan Masyarakat" and questionnaire.weight_convention == "1/9"


def test_a_suggestion_becomes_an_anonymous_feedback_item_in_the_complaints_inbox(
    district, service, front_desk
):
    from lontar.complaints.models import Complaint

    application, _secret = completed_application(service, officer=front_desk, name="Siti Aminah")
    response = submit_response(
        questionnaire=active_questionnaire(district),
        channel="undangan",
        application=application,
        scores=scores(3),
        actor_label="Pemohon: Siti Aminah",
        suggestion="Mohon ruang tunggu diberi kipas angin.",
        **profile(),
    )
    feedback = Complaint.objects.get()
    assert response.feedback == feedback
    assert (feedback.organisation, feedback.kind, feedback.channel) == (district, "saran", "survei")
    assert feedback.description == "Mohon ruang tunggu diberi kipas angin."
    assert feedback.service_name == service.name
    assert feedback.is_anonymous and not feedback.reporter_name and not feedback.reporter_phone
    assert "Siti Aminah" not in feedback.description


def test_a_response_without_a_suggestion_files_no_feedback(district):
    from lontar.complaints.models import Complaint

    response = make_response(district, suggestion="")
    assert response.feedback is None and not Complaint.objects.exists()


def test_a_period_counts_responses_by_the_local_day_they_were_given(district):
    import datetime as dt

    from lontar.surveys.selectors.responses import within_days

    wib = dt.timezone(dt.timedelta(hours=7))
    late = make_response(district, submitted_at=dt.datetime(2026, 12, 31, 23, 30, tzinfo=wib))
    early = make_response(district, submitted_at=dt.datetime(2027, 1, 1, 0, 10, tzinfo=wib))
    in_2026 = within_days(SurveyResponse.objects.all(), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    in_2027 = within_days(SurveyResponse.objects.all(), dt.date(2027, 1, 1), None)
    assert list(in_2026) == [late] and list(in_2027) == [early]
