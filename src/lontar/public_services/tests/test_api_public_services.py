"""REST API of public services: the public catalogue, tracking by number and secret, and the staff's
applications with their processing steps (permissions, tenancy, masked personal data)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.public_services.models import (
    Application,
    ApplicationStatus,
    FieldKind,
    QueueDeviation,
    ServiceStandard,
)
from lontar.public_services.services import applications as app_services
from lontar.public_services.tests.factories import make_service, submitted_application

pytestmark = pytest.mark.django_db
FIELDS = (("keperluan", "Keperluan", FieldKind.TEXT), ("nik_ayah", "NIK ayah", FieldKind.NIK))
DATA = {"keperluan": "Beasiswa sekolah anak", "nik_ayah": "3273011203700001"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the tracking throttle counts in the cache
    yield
    cache.clear()


@pytest.fixture
def anonymous():
    return APIClient()


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def service(district):
    return make_service(district, fields=FIELDS, uploads=())


@pytest.fixture
def application(service):
    return submitted_application(service, data=DATA)


# --- public catalogue -------------------------------------------------------------------------------
def test_anyone_lists_the_published_services_of_active_offices(anonymous, district, other_district):
    shown = make_service(district, code="sktm", name="SKTM")
    make_service(district, code="rahasia", name="Belum tampil", is_published=False)
    make_service(district, code="tutup", name="Ditutup", is_active=False)
    make_service(district, code="nanti", name="Berlaku tahun depan", effective_from=dt.date(2099, 1, 1))
    other = make_service(other_district, code="sktm", name="SKTM Dua")
    response = anonymous.get("/api/v1/layanan/")
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {shown.pk, other.pk}
    only = anonymous.get(f"/api/v1/layanan/?organisasi={district.pk}").json()["results"]
    assert [row["name"] for row in only] == ["SKTM"]
    assert only[0]["processing_days"] == 3 and only[0]["fee_amount"] == 0


def test_a_service_shows_its_six_published_components_requirements_and_form(anonymous, district):
    service = make_service(district, fields=FIELDS, uploads=("KTP pemohon",))
    body = anonymous.get(f"/api/v1/layanan/{service.pk}/").json()
    assert [c["field"] for c in body["components"]] == [
        "requirements_text",
        "procedure",
        "processing_time_text",
        "fee_text",
        "product",
        "complaint_handling",
    ]
    assert "legal_basis" not in json.dumps(body)  # management components stay internal
    assert body["requirements"] == [
        {"name": "KTP pemohon", "note": "", "needs_upload": True, "is_mandatory": True}
    ]
    assert [(f["key"], f["kind"]) for f in body["form_fields"]] == [
        ("keperluan", "text"),
        ("nik_ayah", "nik"),
    ]


def test_an_unpublished_service_is_not_found(anonymous, district):
    hidden = make_service(district, is_published=False)
    assert anonymous.get(f"/api/v1/layanan/{hidden.pk}/").status_code == 404
    assert anonymous.get("/api/v1/layanan/?organisasi=satu").status_code == 400


# --- tracking ---------------------------------------------------------------------------------------
def track(client, number, secret):
    return client.post("/api/v1/lacak/", {"number": number, "secret": secret}, format="json")


def test_tracking_with_the_secret_shows_status_due_date_and_timeline_without_internal_data(
    anonymous, district, application
):
    app, secret = application
    officer = member(district, Role.FRONT_DESK, full_name="Petugas Rahasia")
    app_services.start_verification(application=app, actor=officer)
    app_services.add_message(application=app, kind="internal", body="Catatan dalam kantor", actor=officer)
    app_services.request_correction(application=app, actor=officer, message="KTP kurang jelas")
    response = track(anonymous, app.number.lower(), f" {secret.lower()} ")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == ApplicationStatus.NEEDS_CORRECTION
    assert body["current_step"] == "Perlu perbaikan oleh pemohon"
    assert body["due_date"] == app.due_date.isoformat()
    assert [t["status"] for t in body["timeline"]] == ["diajukan", "diperiksa", "perbaikan"]
    assert [m["body"] for m in body["messages"]] == ["KTP kurang jelas"]
    text = json.dumps(body)
    for secret_thing in ("Petugas Rahasia", "Catatan dalam kantor", "Siti Aminah", "3273014501900002"):
        assert secret_thing not in text


def test_a_wrong_secret_answers_exactly_as_an_unknown_number(anonymous, application):
    app, secret = application
    wrong = track(anonymous, app.number, "AAAAAAAA")
    unknown = track(anonymous, "JTS-2611-ZZZZZZ", secret)
    blank = track(anonymous, app.number, "")
    assert wrong.status_code == unknown.status_code == blank.status_code == 404
    assert wrong.content == unknown.content == blank.content
    assert app.number not in wrong.content.decode()


def test_a_draft_cannot_be_tracked(anonymous, service):
    new = app_services.start_application(service=service, applicant={"name": "Budi"}, data=DATA)
    assert track(anonymous, new.application.number, new.secret).status_code == 404


def test_tracking_is_throttled_per_client(anonymous, application, settings):
    settings.LONTAR_TRACKING_API_RATE = "3/minute"
    app, secret = application
    codes = [track(anonymous, app.number, "SALAH234").status_code for _ in range(3)]
    assert codes == [404, 404, 404]
    assert track(anonymous, app.number, secret).status_code == 429


# --- staff: applications ------------------------------------------------------------------------------
def test_anonymous_callers_cannot_list_or_read_applications(anonymous, application):
    app, _secret = application
    assert anonymous.get("/api/v1/permohonan/").status_code == 403
    assert anonymous.get(f"/api/v1/permohonan/{app.pk}/").status_code == 403
    assert anonymous.post(f"/api/v1/permohonan/{app.pk}/periksa/", {}, format="json").status_code == 403


def test_staff_list_their_offices_applications_without_drafts_and_filter_them(district, service, application):
    app, _secret = application
    app_services.start_application(service=service, applicant={"name": "Draf"}, data=DATA)
    other = make_service(district, code="lain", uploads=())
    other_app, _ = submitted_application(other, data={"keperluan": "x"})
    client = signed_in(member(district, Role.STAFF))
    listed = client.get("/api/v1/permohonan/").json()["results"]
    assert [row["id"] for row in listed] == [other_app.pk, app.pk]
    assert "applicant_nik" not in listed[0]
    by_service = client.get(f"/api/v1/permohonan/?layanan={service.pk}").json()["results"]
    assert [row["id"] for row in by_service] == [app.pk]
    assert client.get("/api/v1/permohonan/?status=ditolak").json()["results"] == []
    assert client.get("/api/v1/permohonan/?status=apa").status_code == 400


def test_another_offices_applications_do_not_exist_for_the_caller(foreign_user, application):
    app, _secret = application
    client = signed_in(foreign_user)
    assert client.get("/api/v1/permohonan/").json()["results"] == []
    assert client.get(f"/api/v1/permohonan/{app.pk}/").status_code == 404
    response = client.post(f"/api/v1/permohonan/{app.pk}/tolak/", {"reason": "x"}, format="json")
    assert response.status_code == 404
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED


def test_personal_data_are_masked_for_those_who_may_not_process(district, application):
    app, _secret = application
    masked = signed_in(member(district, Role.AUDITOR)).get(f"/api/v1/permohonan/{app.pk}/").json()
    assert masked["personal_data_masked"] is True
    assert masked["applicant_nik"] == "327301••••••••••"
    assert masked["applicant_phone"] == "0812-••••-890"
    assert masked["applicant_email"] == "si•••@example.com"
    assert masked["applicant_address"] == "••••"
    assert masked["data"] == {"keperluan": "Beasiswa sekolah anak", "nik_ayah": "327301••••••••••"}
    clear = signed_in(member(district, Role.FRONT_DESK)).get(f"/api/v1/permohonan/{app.pk}/").json()
    assert clear["personal_data_masked"] is False
    assert clear["applicant_nik"] == "3273014501900002"
    assert clear["data"] == DATA


def test_processing_steps_move_the_application_through_the_services(district, application):
    app, _secret = application
    client = signed_in(member(district, Role.FRONT_DESK))
    base = f"/api/v1/permohonan/{app.pk}"
    assert client.post(f"{base}/periksa/", {}, format="json").json()["status"] == "diperiksa"
    refused = client.post(f"{base}/minta-perbaikan/", {"message": "  "}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"message": ["Tuliskan apa yang perlu diperbaiki pemohon."]}
    corrected = client.post(f"{base}/minta-perbaikan/", {"message": "KTP buram"}, format="json")
    assert corrected.json()["status"] == "perbaikan"
    not_now = client.post(f"{base}/terima/", {}, format="json")
    assert not_now.status_code == 400
    assert "tidak dapat dilakukan karena status saat ini" in json.dumps(not_now.json(), ensure_ascii=False)
    app_services.resubmit(application=Application.objects.get(pk=app.pk), message="Sudah")
    assert client.post(f"{base}/terima/", {"note": "lengkap"}, format="json").json()["status"] == "diproses"
    assert client.post(f"{base}/tolak/", {}, format="json").status_code == 400
    rejected = client.post(f"{base}/tolak/", {"reason": "Bukan warga kecamatan ini"}, format="json").json()
    assert (rejected["status"], rejected["rejection_reason"]) == ("ditolak", "Bukan warga kecamatan ini")


def test_taking_an_application_out_of_turn_needs_a_reason_which_is_logged(district, service, application):
    older, _secret = application
    newer, _ = submitted_application(service, data=DATA)
    client = signed_in(member(district, Role.STAFF))
    refused = client.post(f"/api/v1/permohonan/{newer.pk}/periksa/", {}, format="json")
    assert refused.status_code == 400
    assert "diajukan lebih dahulu" in json.dumps(refused.json(), ensure_ascii=False)
    ok = client.post(f"/api/v1/permohonan/{newer.pk}/periksa/", {"reason": "Pemohon lansia"}, format="json")
    assert ok.status_code == 200
    assert QueueDeviation.objects.get(application=newer).reason == "Pemohon lansia"
    assert older.status == ApplicationStatus.SUBMITTED


def test_a_reader_without_processing_rights_is_refused_and_nothing_changes(district, application):
    app, _secret = application
    client = signed_in(member(district, Role.AUDITOR))
    for step, body in (("periksa", {}), ("tolak", {"reason": "x"})):
        assert client.post(f"/api/v1/permohonan/{app.pk}/{step}/", body, format="json").status_code == 403
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
    assert ServiceStandard.objects.count() == 1


def test_a_whole_number_filter_outside_the_id_range_matches_nothing_instead_of_failing(client, district):
    for value in ("-4611686018427387904", "99999999999999999999999999", "0"):
        response = client.get("/api/v1/layanan/", {"organisasi": value})
        assert response.status_code == 200, value
        assert response.json()["results"] == []
    assert client.get("/api/v1/layanan/", {"organisasi": "satu"}).status_code == 400
