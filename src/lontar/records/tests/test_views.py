"""Records screens and API: who sees what, forms that refuse cleanly, the import preview."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.records import services
from lontar.records.models import Classification, DisposalStatus, RecordFile, RecordFileStatus
from lontar.records.tests.conftest import inactive_file, make_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_admin(city):
    return member(city, Role.CITY_ADMIN)


def test_keeper_opens_files_an_item_with_a_scan_and_closes_it_through_the_screens(
    client, district, keeper, short_code
):
    client.force_login(keeper)
    response = client.post(
        reverse("records:file_create"),
        {
            "organisation": district.pk,
            "number": "BRK/2026/010",
            "title": "Rapat koordinasi kecamatan",
            "classification": short_code.pk,
            "opened_on": "2026-01-05",
            "location": "Lemari 1",
        },
    )
    record_file = RecordFile.objects.get(number="BRK/2026/010")
    assert response.status_code == 302 and response.url == reverse(
        "records:file_detail", args=[record_file.pk]
    )
    response = client.post(
        reverse("records:item_add", args=[record_file.pk]),
        {
            "description": "Undangan rapat",
            "item_date": "2026-01-06",
            "scan": SimpleUploadedFile("undangan.pdf", pdf_bytes(), content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    item = record_file.items.get()
    assert item.stored_file.original_name == "undangan.pdf"
    response = client.post(reverse("records:file_close", args=[record_file.pk]), {"closed_on": "2026-02-02"})
    assert response.status_code == 302
    record_file.refresh_from_db()
    assert record_file.closed_on == dt.date(2026, 2, 2) and record_file.active_until == dt.date(2028, 2, 2)
    page = client.get(reverse("records:file_detail", args=[record_file.pk])).content.decode()
    assert "Undangan rapat" in page and "2 Februari 2028" in page


def test_a_bad_closing_date_is_refused_in_indonesian_and_keeps_the_file_open(
    client, district, keeper, short_code
):
    record_file = make_file(keeper, district, short_code, opened=dt.date(2026, 1, 5))
    client.force_login(keeper)
    response = client.post(reverse("records:file_close", args=[record_file.pk]), {"closed_on": "2025-12-31"})
    assert response.status_code == 400
    assert "Tanggal ditutup tidak boleh sebelum tanggal dibuka." in response.content.decode()
    record_file.refresh_from_db()
    assert record_file.closed_on is None


def test_staff_read_the_office_files_but_get_no_forms_and_cannot_post(
    client, district, keeper, staff_user, short_code
):
    record_file = make_file(keeper, district, short_code, opened=dt.date(2026, 1, 5))
    client.force_login(staff_user)
    page = client.get(reverse("records:file_detail", args=[record_file.pk]))
    assert page.status_code == 200
    assert "Berkaskan naskah" not in page.content.decode()
    events = AuditEvent.objects.count()
    response = client.post(reverse("records:file_close", args=[record_file.pk]), {"closed_on": "2026-02-02"})
    assert response.status_code == 403
    record_file.refresh_from_db()
    assert record_file.closed_on is None and AuditEvent.objects.count() == events


def test_classification_tree_is_searchable_by_code_and_title(client, district, staff_user):
    services.import_shipped_classification()
    client.force_login(staff_user)
    page = client.get(reverse("records:classification_list"), {"q": "000.5.6"}).content.decode()
    assert "000.5.6.2" in page and "000.1.2.3" not in page and "Ubah" not in page
    page = client.get(reverse("records:classification_list"), {"q": "cuti besar"}).content.decode()
    assert "800.1.11.6" in page and "000.5.6.2" not in page


def test_city_admin_edits_retention_and_org_admin_may_not(client, org_admin, city_admin):
    services.import_shipped_classification()
    code = Classification.objects.get(scheme="83/2022", code="000.1.2.3")
    client.force_login(org_admin)
    assert client.get(reverse("records:classification_edit", args=[code.pk])).status_code == 403
    client.force_login(city_admin)
    response = client.post(
        reverse("records:classification_edit", args=[code.pk]),
        {
            "title": code.title,
            "active_years": "1",
            "inactive_years": "2",
            "final_disposition": "musnah",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    code.refresh_from_db()
    assert (code.active_years, code.inactive_years, code.final_disposition) == (1, 2, "musnah")


def test_import_shows_a_preview_and_writes_only_on_confirmation(client, city_admin):
    client.force_login(city_admin)
    upload = SimpleUploadedFile(
        "jra.csv",
        b"scheme,code,title,active_years,inactive_years,final_disposition,note\n"
        b"83/2022,000,Umum,,,,\n83/2022,000.5,Kearsipan,2,8,permanen,\n",
        content_type="text/csv",
    )
    page = client.post(reverse("records:classification_import"), {"upload": upload}).content.decode()
    assert "Akan dibuat: 2" in page
    assert not Classification.objects.exists()
    response = client.post(reverse("records:classification_import_confirm"))
    assert response.status_code == 302
    assert Classification.objects.count() == 2
    assert client.post(reverse("records:classification_import_confirm")).status_code == 302
    assert Classification.objects.count() == 2


def test_an_import_with_errors_cannot_be_confirmed(client, city_admin):
    client.force_login(city_admin)
    upload = SimpleUploadedFile("jra.csv", b"code,title\n000,Umum\n12,Salah\n", content_type="text/csv")
    page = client.post(reverse("records:classification_import"), {"upload": upload}).content.decode()
    assert "Baris 3: kode “12” tidak sah." in page
    assert reverse("records:classification_import_confirm") not in page
    client.post(reverse("records:classification_import_confirm"))
    assert not Classification.objects.exists()


def test_head_approves_a_proposal_from_the_screen_and_downloads_the_report(
    client, district, keeper, signing_head, short_code, report_numbering, documents_storage
):
    record_file = inactive_file(keeper, district, short_code)
    client.force_login(keeper)
    response = client.post(
        reverse("records:proposal_create"),
        {"kind": "musnah", "files": [record_file.pk], "reason": "Habis retensi"},
    )
    assert response.status_code == 302
    proposal = record_file.disposals.get()
    client.force_login(signing_head)
    response = client.post(reverse("records:proposal_approve", args=[proposal.pk]), {})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == DisposalStatus.APPROVED
    download = client.get(reverse("core:document_download", args=[proposal.report.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    record_file.refresh_from_db()
    assert record_file.status == RecordFileStatus.DESTROYED


def test_api_lists_only_the_callers_files_and_opens_and_closes_through_the_services(
    client, district, other_district, keeper, short_code
):
    mine = make_file(keeper, district, short_code, number="MINE")
    other_keeper = member(other_district, Role.SECTION_HEAD)
    make_file(other_keeper, other_district, short_code, number="THEIRS")
    client.force_login(keeper)
    listed = client.get("/api/v1/berkas-arsip/").json()["results"]
    assert [f["number"] for f in listed] == ["MINE"]
    response = client.post(
        "/api/v1/berkas-arsip/",
        {"organisation": district.pk, "number": "MINE", "title": "Dobel", "classification": short_code.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "sudah dipakai" in response.content.decode()
    response = client.post(
        f"/api/v1/berkas-arsip/{mine.pk}/items/",
        {"description": "Nota dinas", "item_date": "2015-01-06"},
        content_type="application/json",
    )
    assert response.status_code == 201
    response = client.post(
        f"/api/v1/berkas-arsip/{mine.pk}/close/", {"closed_on": "2015-02-01"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["active_until"] == "2017-02-01"
    codes = client.get("/api/v1/klasifikasi-arsip/", {"q": "000.1"}).json()["results"]
    assert [c["code"] for c in codes] == ["000.1.2.3"]


def test_the_file_list_costs_the_same_queries_for_many_files(
    client, district, keeper, short_code, django_assert_max_num_queries
):
    for index in range(30):
        make_file(keeper, district, short_code, number=f"BRK/{index:03}", opened=dt.date(2026, 1, 5))
    client.force_login(keeper)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("records:file_list")).content.decode()
    assert "BRK/029" in page and "BRK/000" in page
