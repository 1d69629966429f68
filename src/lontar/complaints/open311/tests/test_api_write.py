"""POST requests, tokens and reading back, written from the GeoReport v2 spec (Django test client)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest

from lontar.complaints.models import Complaint, ComplaintChannel
from lontar.complaints.open311 import services as open311
from lontar.complaints.open311.models import Open311Client, Open311Submission
from lontar.complaints.open311.tests import helpers
from lontar.complaints.selectors import complaints as complaint_selectors
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member

pytestmark = pytest.mark.django_db

REQUESTS = "/open311/v2/requests.{}"


@pytest.fixture
def office(district):
    helpers.category(district)
    helpers.category(district, code="saran-umum", name="Saran umum", unit_name="Sekretariat")
    return district


@pytest.fixture
def key(office):
    return helpers.client_key(office)[1]


def post(client, data, fmt="json"):
    return client.post(REQUESTS.format(fmt), data)


def valid(key, **overrides):
    values = {
        "api_key": key,
        "service_code": "lampu",
        "lat": "-6.914744",
        "long": "107.609810",
        "address_string": "Jl. Melati No. 3, RT 02/RW 05",
        "description": helpers.DESCRIPTION,
        "first_name": "Siti",
        "last_name": "Aminah",
        "email": "siti@example.com",
        "phone": "081234567890",
        "account_id": "akun-77",
        "device_id": "ponsel-1",
        "media_url": "https://foto.example/lampu.jpg",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def errors_of(response) -> list[dict]:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert isinstance(body, list) and body
    for item in body:
        assert set(item) == {"code", "description"}
        assert item["code"] == response.status_code
    return body


def nothing_saved(before: int):
    assert Complaint.objects.count() == before
    assert Open311Submission.objects.count() == 0


def test_a_valid_post_files_an_open311_complaint_in_the_staff_inbox_and_audits_it(client, office, key):
    response = post(client, valid(key))
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [item] = response.json()
    complaint = Complaint.objects.get()
    assert item["service_request_id"] == complaint.number
    assert item["account_id"] == "akun-77"
    assert complaint.number in item["service_notice"]
    submission = complaint.open311_submission
    assert item["token"] == submission.token
    assert complaint.channel == ComplaintChannel.OPEN311
    assert complaint.category.code == "lampu"
    assert complaint.description == helpers.DESCRIPTION
    assert complaint.address == "Jl. Melati No. 3, RT 02/RW 05"
    assert str(complaint.latitude) == "-6.914744" and str(complaint.longitude) == "107.609810"
    assert complaint.reporter_name == "Siti Aminah"
    assert complaint.reporter_email == "siti@example.com"
    assert (submission.device_id, submission.media_url) == ("ponsel-1", "https://foto.example/lampu.jpg")
    assert Open311Client.objects.get().last_used_at is not None
    head = member(office, Role.HEAD)
    assert complaint in complaint_selectors.visible_complaints(head)
    actions = set(AuditEvent.objects.filter(object_id=str(complaint.pk)).values_list("action", flat=True))
    assert {"complaints.complaint.create", "open311.request.create"} <= actions
    event = AuditEvent.objects.get(action="open311.request.create")
    assert "Aplikasi Lapor Kota" in event.actor_label
    assert "Siti" not in json.dumps(event.after)


def test_the_xml_answer_has_the_spec_elements(client, office, key):
    response = post(client, valid(key), fmt="xml")
    assert response.status_code == 201
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    text = response.content.decode()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(text.split("\n", 1)[1])  # noqa: S314 (our own answer, in a test)
    assert root.tag == "service_requests"
    [request] = root.findall("request")
    assert request.findtext("service_request_id") == Complaint.objects.get().number
    assert request.findtext("account_id") == "akun-77"


@pytest.mark.parametrize(
    "change, status, words",
    [
        ({"api_key": None}, 403, "api_key wajib"),
        ({"api_key": "o311_salah"}, 403, "api_key tidak sah"),
        ({"service_code": None}, 400, "service_code wajib"),
        ({"service_code": "tidak-ada"}, 404, "service_code tidak dikenal"),
        ({"lat": None, "long": None, "address_string": None}, 400, "Lokasi wajib"),
        ({"lat": None, "long": None, "address_string": None, "address_id": "A-17"}, 400, "address_id"),
        ({"lat": "abc"}, 400, "lat harus berupa angka"),
        ({"lat": "NaN"}, 400, "lat harus di antara"),
        ({"long": "181"}, 400, "long harus di antara"),
        ({"long": None}, 400, "lat dan long harus dikirim bersama"),
        ({"description": "x" * 5001}, 400, "description:"),
        ({"description": None}, 400, "description:"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"attribute[jenis]": "keluhan"}, 400, "attribute[jenis]"),
        ({"attribute[identitas]": "rahasia-sekali"}, 400, "attribute[identitas]"),
        ({"email": "bukan-surel"}, 400, "email:"),
        ({"jurisdiction_id": "Kec.Lain"}, 403, "jurisdiction_id"),
    ],
)
def test_bad_posts_are_refused_in_the_spec_error_format_and_save_nothing(
    client, office, key, change, status, words
):
    before = Complaint.objects.count()
    response = post(client, valid(key, **change))
    assert response.status_code == status, response.content
    body = errors_of(response)
    assert any(words in item["description"] for item in body), body
    nothing_saved(before)


def test_error_answers_in_xml(client, office):
    response = post(client, {"service_code": "lampu"}, fmt="xml")
    assert response.status_code == 403
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content.decode().split("\n", 1)[1])  # noqa: S314 (our own answer)
    assert root.tag == "errors"
    assert root.find("error").findtext("code") == "403"
    assert "api_key" in root.find("error").findtext("description")


def test_a_revoked_key_is_refused(client, office):
    api_client, key = helpers.client_key(office)
    open311.revoke_client(actor=helpers.admin_of(office), client=api_client)
    response = post(client, valid(key))
    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_a_suggestion_needs_no_location_and_anonymity_stores_no_identity(client, office, key):
    response = post(
        client,
        valid(
            key,
            service_code="saran-umum",
            lat=None,
            long=None,
            address_string=None,
            **{"attribute[jenis]": "saran", "attribute[identitas]": "anonim"},
        ),
    )
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert complaint.kind == "saran" and complaint.is_anonymous
    assert (complaint.reporter_name, complaint.reporter_email, complaint.reporter_phone) == ("", "", "")


def test_the_rate_limit_per_key(client, office):
    api_client, key = helpers.client_key(office)
    Open311Client.objects.filter(pk=api_client.pk).update(hourly_limit=2)
    assert post(client, valid(key)).status_code == 201
    assert post(client, valid(key)).status_code == 201
    response = post(client, valid(key))
    assert response.status_code == 429
    assert "Batas 2 laporan per jam" in errors_of(response)[0]["description"]
    assert Complaint.objects.count() == 2
    other_key = helpers.client_key(office, name="Aplikasi lain")[1]
    assert post(client, valid(other_key)).status_code == 201


def test_a_repeated_idempotency_key_gives_back_the_first_request(client, office, key):
    first = post(client, valid(key, idempotency_key="kirim-001"))
    again = post(client, valid(key, idempotency_key="kirim-001"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Complaint.objects.count() == 1


def test_tokens_give_back_the_request_number(client, office, key):
    [item] = post(client, valid(key)).json()
    response = client.get(f"/open311/v2/tokens/{item['token']}.json")
    assert response.status_code == 200
    assert response.json() == [{"service_request_id": item["service_request_id"], "token": item["token"]}]
    xml = client.get(f"/open311/v2/tokens/{item['token']}.xml").content.decode()
    assert f"<service_request_id>{item['service_request_id']}</service_request_id>" in xml
    assert client.get("/open311/v2/tokens/0123456789abcdef0123456789abcdef.json").status_code == 404


def test_a_client_reads_back_its_own_request_but_nobody_else_does(client, office, key):
    [item] = post(client, valid(key)).json()
    number = item["service_request_id"]
    url = f"/open311/v2/requests/{number}.json"
    mine = client.get(url, {"api_key": key})
    assert mine.status_code == 200
    [request] = mine.json()
    assert request["service_request_id"] == number
    assert request["status"] == "open"
    assert request["description"] == helpers.DESCRIPTION
    assert request["media_url"] == "https://foto.example/lampu.jpg"
    assert request["requested_datetime"].endswith("+07:00")
    assert request["expected_datetime"].endswith("+07:00")
    for personal in ("Siti", "Aminah", "siti@example.com", "081234567890", "+6281234567890"):
        assert personal not in mine.content.decode()
    listed = client.get(REQUESTS.format("json"), {"api_key": key})
    assert [r["service_request_id"] for r in listed.json()] == [number]
    # Anonymous readers and another client of the same office: the same answer as an unknown number.
    other_key = helpers.client_key(office, name="Aplikasi lain")[1]
    for params in ({}, {"api_key": other_key}):
        refused = client.get(url, params)
        assert refused.status_code == 404
        assert refused.json() == client.get("/open311/v2/requests/ADU-TIDAK-ADA.json", params).json()
        assert client.get(REQUESTS.format("json"), params).json() == []
    assert client.get(url, {"api_key": "o311_salah"}).status_code == 403


def test_a_key_of_office_a_cannot_create_in_office_b(client, office, other_district, key):
    helpers.category(other_district, code="hanya-b", name="Layanan B")
    before = Complaint.objects.count()
    response = post(client, valid(key, service_code="hanya-b"))
    assert response.status_code == 404
    response = post(client, valid(key, jurisdiction_id=other_district.code))
    assert response.status_code == 403
    nothing_saved(before)
    assert not Complaint.objects.filter(organisation=other_district).exists()


def test_the_first_answer_carries_the_reporters_tracking_link_and_a_repeat_does_not(client, office, key):
    [item] = post(client, valid(key, idempotency_key="kirim-002")).json()
    link = item["tracking_url"]
    assert link.startswith("http") and f"/pengaduan/lacak/{item['service_request_id']}/" in link
    page = client.get(urlsplit(link).path, follow=True)
    assert page.status_code == 200 and item["service_request_id"] in page.content.decode()
    [again] = post(client, valid(key, idempotency_key="kirim-002")).json()
    assert "tracking_url" not in again
    xml = post(client, valid(key), fmt="xml").content.decode()
    assert "<tracking_url>http" in xml


def test_control_characters_in_a_description_never_break_the_xml_answer(client, office, key):
    [item] = post(client, valid(key, description="Jalan rusak\x0b parah\x01 di RT 02.")).json()
    xml = client.get(
        f"/open311/v2/requests/{item['service_request_id']}.xml", {"api_key": key}
    ).content.decode()
    root = ET.fromstring(xml.split("\n", 1)[1])  # noqa: S314 (our own answer)
    assert "parah di RT 02" in root.find("request/description").text.replace("  ", " ")
