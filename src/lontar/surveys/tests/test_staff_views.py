"""Staff screens: the response list and its filters, one response, the questionnaire settings (a new
version once answered), who may do what, and tenancy (office B sees nothing of office A)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.surveys.models import Kiosk, Questionnaire
from lontar.surveys.services.questionnaires import active_questionnaire
from lontar.surveys.tests.factories import make_response, make_service, signed_in

pytestmark = pytest.mark.django_db
RESPONSES = reverse("surveys:responses")
QUESTIONNAIRE = reverse("surveys:questionnaire")


def _questionnaire_post(questionnaire, **overrides) -> dict:
    data = {"judul": questionnaire.title, "pengantar": "", "bobot": questionnaire.weight_convention}
    for q in questionnaire.questions.all():
        data[f"{q.element}-urutan"] = q.order
        data[f"{q.element}-pertanyaan"] = q.wording
        for score, label in enumerate(q.labels, start=1):
            data[f"{q.element}-jawaban_{score}"] = label
    data.update(overrides)
    return data


def test_the_list_filters_by_service_period_and_channel(district, service, head):
    other = make_service(district, code="legalisasi", name="Legalisasi", uploads=())
    make_response(
        district,
        service=service,
        suggestion="SKTM bulan lalu",
        submitted_at=timezone.now() - dt.timedelta(days=40),
    )
    make_response(district, service=service, suggestion="SKTM hari ini")
    make_response(district, service=other, suggestion="Legalisasi hari ini")
    client = signed_in(head)
    page = client.get(RESPONSES).content.decode()
    assert all(text in page for text in ("SKTM bulan lalu", "SKTM hari ini", "Legalisasi hari ini"))
    by_service = client.get(RESPONSES, {"layanan": other.pk}).content.decode()
    assert "Legalisasi hari ini" in by_service and "SKTM hari ini" not in by_service
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    recent = client.get(RESPONSES, {"dari": since}).content.decode()
    assert "SKTM hari ini" in recent and "SKTM bulan lalu" not in recent
    kiosk_only = client.get(RESPONSES, {"kanal": "kios"}).content.decode()
    assert "SKTM hari ini" not in kiosk_only and "Belum ada isian" in kiosk_only
    wrong = client.get(RESPONSES, {"dari": "2026-05-01", "sampai": "2026-04-01"}).content.decode()
    assert "Tanggal awal harus sebelum tanggal akhir." in wrong


def test_a_response_page_shows_the_wording_answered_and_the_profile(district, service, head):
    response = make_response(district, service=service, age=67, suggestion="Parkir sempit")
    page = signed_in(head).get(reverse("surveys:response", args=[response.pk])).content.decode()
    assert "Parkir sempit" in page and "67 tahun" in page and "Sangat sesuai" in page


def test_office_b_sees_neither_responses_nor_settings_of_office_a(
    district, service, foreign_user, other_district
):
    response = make_response(district, service=service, suggestion="Rahasia kantor A")
    active_questionnaire(district)
    client = signed_in(foreign_user)
    assert "Rahasia kantor A" not in client.get(RESPONSES).content.decode()
    assert client.get(reverse("surveys:response", args=[response.pk])).status_code == 404
    page = client.get(QUESTIONNAIRE, {"kantor": district.pk}).content.decode()
    assert district.name not in page
    # Saving "its" questionnaire touches only office B's.
    before = Questionnaire.objects.get(organisation=district)
    mine = active_questionnaire(other_district)
    client.post(f"{QUESTIONNAIRE}?kantor={district.pk}", _questionnaire_post(mine, judul="Dari kantor B"))
    assert Questionnaire.objects.get(pk=before.pk).title == before.title
    assert Questionnaire.objects.get(organisation=other_district, is_active=True).title == "Dari kantor B"


def test_saving_an_answered_questionnaire_from_the_screen_makes_a_new_version(district, org_admin):
    questionnaire = active_questionnaire(district)
    make_response(district, questionnaire=questionnaire)
    client = signed_in(org_admin)
    data = _questionnaire_post(questionnaire, bobot="0.11", **{"U8-urutan": 9, "U9-urutan": 8})
    saved = client.post(QUESTIONNAIRE, data, follow=True)
    assert "versi baru (versi 2)" in saved.content.decode()
    new = Questionnaire.objects.get(organisation=district, is_active=True)
    assert new.version == 2 and new.weight_convention == "0.11"
    assert list(new.questions.order_by("order").values_list("element", flat=True))[-2:] == ["U9", "U8"]


def test_a_refused_questionnaire_keeps_what_was_typed(district, org_admin):
    questionnaire = active_questionnaire(district)
    client = signed_in(org_admin)
    data = _questionnaire_post(questionnaire, **{"U2-pertanyaan": "Pertanyaan baru U2", "U3-urutan": 1})
    page = client.post(QUESTIONNAIRE, data).content.decode()
    assert "Urutan pertanyaan tidak boleh sama." in page and "Pertanyaan baru U2" in page
    assert questionnaire.questions.get(element="U2").wording != "Pertanyaan baru U2"


@pytest.mark.parametrize("role", [Role.HEAD, Role.FRONT_DESK, Role.STAFF, Role.AUDITOR])
def test_who_may_not_configure_changes_nothing(district, role):
    questionnaire = active_questionnaire(district)
    client = signed_in(member(district, role))
    response = client.post(QUESTIONNAIRE, _questionnaire_post(questionnaire, judul="Diubah"))
    assert response.status_code == 403
    assert Questionnaire.objects.get().title == questionnaire.title


@pytest.mark.parametrize(
    ("role", "reads", "runs_kiosk"),
    [
        (Role.HEAD, True, False),
        (Role.SECRETARY, True, False),
        (Role.SECTION_HEAD, True, True),
        (Role.ORG_ADMIN, True, True),
        (Role.AUDITOR, True, False),
        (Role.FRONT_DESK, False, True),
        (Role.STAFF, False, False),
    ],
)
def test_permissions_by_role(district, service, role, reads, runs_kiosk):
    client = signed_in(member(district, role))
    assert (client.get(RESPONSES).status_code == 200) is reads
    assert (client.get(reverse("surveys:kiosks")).status_code == 200) is runs_kiosk
    activated = client.post(reverse("surveys:kiosks"), {"nama": "Tablet", "layanan": service.pk})
    assert Kiosk.objects.exists() is runs_kiosk
    assert activated.status_code == (302 if runs_kiosk else 403)


def test_the_front_desk_records_a_paper_response_for_its_office_only(
    district, service, front_desk, foreign_user
):
    from lontar.surveys.models import SurveyResponse
    from lontar.surveys.tests.factories import form_data

    client = signed_in(front_desk)
    url = reverse("surveys:record")
    assert 'name="U1"' in client.get(url).content.decode()
    refused = client.post(url, form_data(umur="", layanan=service.pk, nomor_kunjungan="B-007"))
    assert "Tuliskan umur Anda." in refused.content.decode() and "B-007" in refused.content.decode()
    assert not SurveyResponse.objects.exists()
    assert client.post(url, form_data(layanan=service.pk, nomor_kunjungan="B-007")).status_code == 302
    response = SurveyResponse.objects.get()
    assert response.channel == "loket" and response.recorded_by == front_desk and response.service == service
    # Another office's user cannot pick office A's service: it is not among their choices.
    outsider = signed_in(foreign_user)
    outsider.post(url, form_data(layanan=service.pk, kantor=district.pk))
    assert SurveyResponse.objects.filter(service=service).count() == 1
