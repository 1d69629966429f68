"""Conformance with an independent Open311 client: `georeport` (PyPI) against a running server, in both
output formats, with exact values from the database. The client only reads; posting is in
test_api_write.py."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
import requests
from georeport import GeoReport

from lontar.complaints.open311.tests import helpers
from lontar.core.models import Role
from lontar.core.tests.factories import member

pytestmark = pytest.mark.django_db(transaction=True)
WIB = ZoneInfo("Asia/Jakarta")


def as_list(value):
    """xmltodict gives one element as a dict and several as a list."""
    return value if isinstance(value, list) else [value]


def flag(value) -> bool:
    return value is True or value == "true"


@pytest.fixture
def world(district, other_district):
    lampu = helpers.category(district, code="lampu", name="Penerangan jalan", unit_name="Seksi Trantib")
    sampah = helpers.category(
        district, code="sampah", name="Kebersihan", unit_name="Seksi Kebersihan", keywords="sampah,bau"
    )
    other = helpers.category(other_district, code="lampu", name="Lampu B", unit_name="Seksi B")
    head = member(district, Role.HEAD)
    published = helpers.resolved(
        helpers.filed(district, lampu),
        head,
        response="Lampu sudah diganti oleh petugas kecamatan.",
        summary="Lampu jalan di Jl. Melati mati; sudah diganti.",
    )
    published_sampah = helpers.resolved(
        helpers.filed(district, sampah, description="Sampah menumpuk di depan pasar lebih dari tiga hari."),
        head,
        response="Sampah sudah diangkut.",
        summary="Sampah pasar menumpuk; sudah diangkut.",
    )
    unpublished = helpers.filed(
        district, lampu, description="Tetangga saya Pak Joko membuang sampah sembarangan."
    )
    resolved_private = helpers.resolved(helpers.filed(district, sampah), head, publish=False)
    other_published = helpers.resolved(
        helpers.filed(other_district, other), member(other_district, Role.HEAD)
    )
    return {
        "lampu": lampu,
        "sampah": sampah,
        "published": published,
        "published_sampah": published_sampah,
        "hidden": [unpublished, resolved_private, other_published],
    }


def client(live_server, district, output_format):
    return GeoReport(
        f"{live_server.url}/open311/v2/", jurisdiction=district.code, output_format=output_format
    )


FORMATS = ["json", "xml"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_service_list_and_definition(live_server, district, world, output_format):
    report = client(live_server, district, output_format)
    services = as_list(report.get_service_list())
    # The office's order, then the name.
    assert [s["service_code"] for s in services] == ["sampah", "lampu"]
    sampah = services[0]
    assert sampah["service_name"] == "Kebersihan"
    assert sampah["description"] == world["sampah"].description
    assert sampah["keywords"] == "sampah,bau"
    assert sampah["group"] == "Seksi Kebersihan"
    assert sampah["type"] == "realtime" and flag(sampah["metadata"])

    definition = report.get_service_definition("lampu")
    assert definition["service_code"] == "lampu"
    attributes = as_list(
        definition["attributes"] if output_format == "json" else definition["attributes"]["attribute"]
    )
    assert [a["code"] for a in attributes] == ["jenis", "identitas"]
    for attribute in attributes:
        assert attribute["datatype"] == "singlevaluelist"
        assert not flag(attribute["required"]) and flag(attribute["variable"])
        assert attribute["description"] and attribute["datatype_description"]
        values = attribute["values"] if output_format == "json" else as_list(attribute["values"]["value"])
        keys = [v["key"] for v in values]
        assert keys == (
            ["pengaduan", "saran", "pertanyaan"]
            if attribute["code"] == "jenis"
            else ["biasa", "rahasia", "anonim"]
        )
    assert [str(a["order"]) for a in attributes] == ["1", "2"]

    with pytest.raises(requests.HTTPError) as refused:
        report.get_service_definition("tidak-ada")
    assert refused.value.response.status_code == 404


@pytest.mark.parametrize("output_format", FORMATS)
def test_service_requests_show_only_published_ones_with_exact_values(
    live_server, district, world, output_format
):
    report = client(live_server, district, output_format)
    published = world["published"]
    listed = as_list(report.get_service_requests())
    assert [r["service_request_id"] for r in listed] == [world["published_sampah"].number, published.number]

    [by_code] = as_list(report.get_service_requests(service_code="lampu"))
    assert by_code["service_request_id"] == published.number
    by_ids = as_list(
        report.get_service_requests(service_request_id=f"{published.number},{world['hidden'][0].number}")
    )
    assert [r["service_request_id"] for r in by_ids] == [published.number]
    assert len(as_list(report.get_service_requests(status="closed"))) == 2
    start = published.received_at.astimezone(WIB).replace(microsecond=0).isoformat()
    assert len(as_list(report.get_service_requests(start_date=start, status="open,closed"))) >= 1

    request = report.get_service_request(published.number)
    expected = {
        "service_request_id": published.number,
        "status": "closed",
        "status_notes": "Lampu sudah diganti oleh petugas kecamatan.",
        "service_name": "Penerangan jalan",
        "service_code": "lampu",
        "description": "Lampu jalan di Jl. Melati mati; sudah diganti.",
        "agency_responsible": "Seksi Trantib",
        "service_notice": "Selesai ditanggapi",
        "requested_datetime": published.received_at.astimezone(WIB).isoformat(timespec="seconds"),
        "updated_datetime": published.updated_at.astimezone(WIB).isoformat(timespec="seconds"),
        "address": "Jl. Melati No. 3",
    }
    assert {k: request[k] for k in expected} == expected
    assert request["requested_datetime"].endswith("+07:00")
    assert float(request["lat"]) == pytest.approx(-6.914744)
    assert float(request["long"]) == pytest.approx(107.60981)
    assert not request["expected_datetime"]
    assert not request["media_url"]
    text = str(listed) + str(request)
    for personal in ("Siti Pelapor", "siti@example.com", "081234567890", helpers.DESCRIPTION):
        assert personal not in text

    for hidden in world["hidden"]:
        with pytest.raises(requests.HTTPError) as refused:
            report.get_service_request(hidden.number)
        assert refused.value.response.status_code == 404


def test_the_other_jurisdiction_never_lists_office_a(live_server, district, other_district, world):
    report = client(live_server, other_district, "json")
    listed = report.get_service_requests()
    assert [r["service_request_id"] for r in listed] == [world["hidden"][2].number]
    assert [s["service_name"] for s in report.get_service_list()] == ["Lampu B"]
    with pytest.raises(requests.HTTPError):
        report.get_service_request(world["published"].number)


def test_jurisdiction_errors_and_discovery(live_server, district, world):
    root = f"{live_server.url}/open311/v2"
    missing = requests.get(f"{root}/services.json", timeout=10)
    assert missing.status_code == 400
    assert "jurisdiction_id wajib" in missing.json()[0]["description"]
    assert district.code in missing.json()[0]["description"]
    unknown = requests.get(f"{root}/requests.xml", params={"jurisdiction_id": "Kec.Entah"}, timeout=10)
    assert unknown.status_code == 404
    assert unknown.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert "<errors><error><code>404</code>" in unknown.text
    bad_status = requests.get(
        f"{root}/requests.json", params={"jurisdiction_id": district.code, "status": "x"}, timeout=10
    )
    assert bad_status.status_code == 400
    too_long = requests.get(
        f"{root}/requests.json",
        params={
            "jurisdiction_id": district.code,
            "start_date": "2026-01-01T00:00:00Z",
            "end_date": "2026-06-01T00:00:00Z",
        },
        timeout=10,
    )
    assert too_long.status_code == 400
    discovery = requests.get(f"{live_server.url}/open311/discovery.json", timeout=10).json()
    [endpoint] = discovery["endpoints"]
    assert endpoint["url"] == f"{root}/"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    xml = requests.get(f"{live_server.url}/open311/discovery.xml", timeout=10).text
    assert xml.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert "<endpoints><endpoint><specification>" in xml


def test_a_posted_request_is_read_back_by_its_client_in_both_formats(live_server, district, world):
    _api_client, key = helpers.client_key(district)
    root = f"{live_server.url}/open311/v2"
    posted = requests.post(
        f"{root}/requests.json",
        data={
            "api_key": key,
            "jurisdiction_id": district.code,
            "service_code": "sampah",
            "lat": "-6.9",
            "long": "107.6",
            "description": "Sampah menumpuk di selokan Jl. Kenanga, menyumbat air.",
            "first_name": "Rahmat",
        },
        timeout=10,
    )
    assert posted.status_code == 201, posted.text
    number = posted.json()[0]["service_request_id"]
    for fmt in FORMATS:
        response = requests.get(
            f"{root}/requests/{number}.{fmt}",
            params={"jurisdiction_id": district.code, "api_key": key},
            timeout=10,
        )
        assert response.status_code == 200
        assert "Rahmat" not in response.text
        assert "Sampah menumpuk di selokan Jl. Kenanga" in response.text
    # The independent client reads without a key: to it the request does not exist yet.
    with pytest.raises(requests.HTTPError):
        client(live_server, district, "json").get_service_request(number)
