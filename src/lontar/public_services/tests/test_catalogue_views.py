"""The catalogue's screens: the public portal shows only the 6 published components of the standard in
force, the office's members read all 14, the PDFs render, and the management screens refuse other
offices and read-only roles without changing anything."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent, OrganisationKind, Role
from lontar.core.tests.factories import OrganisationFactory, member
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import CounterSettings, ServicePledge, ServiceStandard
from lontar.public_services.services import catalogue as services
from lontar.public_services.tests.factories import make_service

pytestmark = pytest.mark.django_db

MANAGEMENT_TEXT = "RAHASIA-PENGELOLAAN-Perwal-17"


@pytest.fixture
def service(district):
    service = make_service(district, summary="Untuk keringanan biaya sekolah", category="Surat keterangan")
    ServiceStandard.objects.filter(service=service).update(
        legal_basis=MANAGEMENT_TEXT,
        implementer_count="3 orang petugas loket",
        processing_time_text="Bila lengkap",
    )
    return service


def _page(client, name, *args, **params):
    return client.get(reverse(f"public_services:{name}", args=args), params)


def test_the_portal_lists_offices_with_published_services_and_filters_by_name(client, service, district):
    hidden = make_service(district, code="rahasia", name="Layanan Tersembunyi", is_published=False)
    inactive = make_service(district, code="tutup", name="Layanan Ditutup", is_active=False)
    response = _page(client, "portal_home")
    body = response.content.decode()
    assert response.status_code == 200
    assert district.name in body and service.name in body
    assert hidden.name not in body and inactive.name not in body
    found = _page(client, "portal_home", q="tidak mampu").content.decode()
    assert service.name in found
    none = _page(client, "portal_home", q="nikah").content.decode()
    assert service.name not in none and "Tidak ada layanan yang cocok" in none


def test_the_service_page_shows_the_six_published_components_and_none_of_the_eight(client, service, district):
    response = _page(client, "portal_service", district.pk, "sktm")
    body = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Persyaratan",
        "Sistem, mekanisme, dan prosedur",
        "Jangka waktu penyelesaian",
        "Biaya/tarif",
    ):
        assert label in body
    assert "KTP pemohon" in body and "Kartu Keluarga" in body
    assert "3 hari kerja" in body and "Bila lengkap" in body
    assert "Gratis / Tidak dipungut biaya" in body
    assert "Versi 1, berlaku mulai 1 Januari 2026." in body
    assert reverse("public_services:apply", args=[district.pk, "sktm"]) in body
    assert reverse("public_services:book", args=[district.pk, "sktm"]) in body
    assert MANAGEMENT_TEXT not in body and "Dasar hukum" not in body and "Jumlah pelaksana" not in body
    assert "3 orang petugas loket" not in body


def test_a_fee_is_written_in_rupiah_and_booking_is_offered_only_when_allowed(client, district):
    make_service(district, code="aula", name="Pemakaian Aula", accepts_booking=False, accepts_online=False)
    ServiceStandard.objects.filter(service__code="aula").update(fee_amount=1250000)
    body = _page(client, "portal_service", district.pk, "aula").content.decode()
    assert "Rp1.250.000" in body and "Gratis" not in body
    assert "Pesan antrean loket" not in body and "Ajukan daring" not in body
    assert "diajukan langsung di loket" in body


def test_unpublished_inactive_unknown_or_draft_only_services_are_not_found(client, district, org_admin):
    make_service(district, code="rahasia", is_published=False)
    make_service(district, code="tutup", is_active=False)
    services.create_service(actor=org_admin, organisation=district, code="konsep", name="Baru")
    make_service(district, code="nanti", effective_from=organisation_today(district) + dt.timedelta(days=3))
    for code in ("rahasia", "tutup", "konsep", "nanti", "tidak-ada"):
        assert _page(client, "portal_service", district.pk, code).status_code == 404, code
        assert _page(client, "portal_standard_pdf", district.pk, code).status_code == 404, code


def test_a_draft_is_never_shown_on_the_portal(client, service, district, org_admin):
    draft = services.new_version(actor=org_admin, service=service)
    services.update_standard(actor=org_admin, standard=draft, procedure="PROSEDUR-KONSEP-BARU")
    body = _page(client, "portal_service", district.pk, "sktm").content.decode()
    assert "PROSEDUR-KONSEP-BARU" not in body and "1. Pemohon mengajukan berkas." in body


def test_the_office_page_groups_services_and_shows_counter_hours_and_the_maklumat(client, service, district):
    CounterSettings.objects.create(organisation=district, opens_at=dt.time(7, 30), closes_at=dt.time(14, 0))
    ServicePledge.objects.create(
        organisation=district,
        text="Kami sanggup menyelenggarakan pelayanan sesuai standar.",
        signatory_name="Drs. Camat Satu",
        signatory_position="Camat Satu",
        effective_from=dt.date(2026, 1, 2),
    )
    body = _page(client, "portal_office", district.pk).content.decode()
    assert "Surat keterangan" in body and service.name in body
    assert "07.30\u201314.00" in body
    assert "Kami sanggup menyelenggarakan" in body and "Drs. Camat Satu" in body
    assert _page(client, "portal_pledge_pdf", district.pk).content.startswith(b"%PDF")


def test_an_office_without_published_services_is_not_found(client, city):
    empty = OrganisationFactory(
        kind=OrganisationKind.DISTRICT, parent=city, name="Kecamatan Kosong", code="K.K"
    )
    assert _page(client, "portal_office", empty.pk).status_code == 404
    assert _page(client, "portal_pledge_pdf", empty.pk).status_code == 404
    assert _page(client, "portal_office", city.pk).status_code == 404


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "standar.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_public_pdf_has_six_components_and_members_may_print_all_fourteen(
    client, service, district, staff_user, foreign_user, tmp_path
):
    public = _page(client, "portal_standard_pdf", district.pk, "sktm", lengkap="1")
    assert public.status_code == 200 and public["Content-Type"] == "application/pdf"
    assert public.content.startswith(b"%PDF")
    client.force_login(foreign_user)
    foreign = _page(client, "portal_standard_pdf", district.pk, "sktm", lengkap="1").content
    client.force_login(staff_user)
    full = _page(client, "portal_standard_pdf", district.pk, "sktm", lengkap="1").content
    assert full.startswith(b"%PDF") and len(full) > len(public.content)
    if shutil.which("pdftotext"):
        public_text = _pdf_text(public.content, tmp_path)
        assert "STANDAR PELAYANAN" in public_text and "KTP pemohon" in public_text
        assert "Dasar hukum" not in public_text and MANAGEMENT_TEXT not in public_text
        assert MANAGEMENT_TEXT not in _pdf_text(foreign, tmp_path)
        full_text = _pdf_text(full, tmp_path)
        assert "Dasar hukum" in full_text and "Evaluasi kinerja" in full_text


# --- the office's screens -----------------------------------------------------------------------------


def test_every_member_reads_all_fourteen_components(client, service, district):
    for role in (Role.STAFF, Role.FRONT_DESK, Role.AUDITOR):
        client.force_login(member(district, role))
        listing = client.get(reverse("public_services:catalogue_list")).content.decode()
        assert service.name in listing and "Layanan baru" not in listing
        body = client.get(reverse("public_services:catalogue_service", args=[service.pk])).content.decode()
        assert MANAGEMENT_TEXT in body and "Evaluasi kinerja pelaksana" in body and "Biaya/tarif" in body
        assert "Buat versi baru" not in body and "Ubah pengaturan" not in body


def test_the_admin_copies_edits_and_publishes_a_version_through_the_screens(
    client, service, district, org_admin
):
    client.force_login(org_admin)
    response = client.post(reverse("public_services:catalogue_new_version", args=[service.pk]))
    draft = service.standards.get(version=2)
    assert response.status_code == 302 and response["Location"].endswith(f"/standar/{draft.pk}/")
    edit = reverse("public_services:catalogue_standard_edit", args=[draft.pk])
    values = {name: getattr(draft, name) for name in services.STANDARD_FIELDS}
    response = client.post(edit, {**values, "processing_days": "2", "fee_amount": "-5"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.processing_days == 3
    response = client.post(edit, {**values, "processing_days": "2", "fee_amount": "0"})
    assert response.status_code == 302
    client.post(
        reverse("public_services:catalogue_form_field_create", args=[draft.pk]),
        {"label": "Jenis usaha", "key": "jenis_usaha", "kind": "choice", "choices_text": "Dagang\nJasa\n"},
    )
    assert draft.form_fields.get(key="jenis_usaha").choices == ["Dagang", "Jasa"]
    publish = reverse("public_services:catalogue_standard_publish", args=[draft.pk])
    past = client.post(publish, {"effective_from": "2020-01-01"})
    assert "Tanggal mulai berlaku tidak boleh sebelum hari ini." in past.content.decode()
    today = organisation_today(district)
    assert (
        client.post(publish, {"effective_from": today.isoformat(), "decree_number": "KEP/2"}).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.published and draft.processing_days == 2
    assert _page(client, "portal_service", district.pk, "sktm").content.decode().count("2 hari kerja") >= 1
    # A published version is read only, also through the screens.
    response = client.post(edit, {**values, "procedure": "Diubah"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.procedure != "Diubah"


def test_creating_a_service_reports_errors_in_indonesian_and_keeps_the_input(client, district, org_admin):
    client.force_login(org_admin)
    url = reverse("public_services:catalogue_service_create")
    make_service(district, code="sktm")
    response = client.post(
        url,
        {
            "organisation": district.pk,
            "code": "sktm",
            "name": "Ganda",
            "summary": "Ringkasan tetap",
            "daily_quota": 5,
        },
    )
    body = response.content.decode()
    assert "Kode layanan “sktm” sudah dipakai di kantor ini." in body and "Ringkasan tetap" in body
    response = client.post(
        url, {"organisation": district.pk, "code": "baru", "name": "Layanan Baru", "daily_quota": 5}
    )
    assert response.status_code == 302


def test_a_pledge_is_created_and_history_kept(client, district, org_admin):
    client.force_login(org_admin)
    url = reverse("public_services:catalogue_pledge_create")
    today = organisation_today(district).isoformat()
    data = {"text": "Kami sanggup.", "signatory_name": "Camat", "signatory_position": "Camat Satu"}
    assert client.post(url, {**data, "effective_from": "2020-01-01"}).status_code == 200
    assert client.post(url, {**data, "effective_from": today}).status_code == 302
    assert client.post(url, {**data, "text": "Janji kedua", "effective_from": today}).status_code == 302
    body = client.get(reverse("public_services:catalogue_pledges")).content.decode()
    assert "Janji kedua" in body and "Kami sanggup." in body and "riwayat" in body


def test_staff_of_another_office_get_not_found_and_change_nothing(client, service, foreign_user):
    client.force_login(foreign_user)
    draft_pk = services.new_version(actor=member(service.organisation, Role.ORG_ADMIN), service=service).pk
    requirement = ServiceStandard.objects.get(pk=draft_pk).requirements.first()
    before = list(ServiceStandard.objects.values())
    events = AuditEvent.objects.count()
    for name, pk, data in (
        ("catalogue_service", service.pk, None),
        ("catalogue_service_edit", service.pk, {"name": "Diambil", "daily_quota": 1}),
        ("catalogue_new_version", service.pk, {}),
        ("catalogue_standard", draft_pk, None),
        ("catalogue_standard_pdf", draft_pk, None),
        (
            "catalogue_standard_edit",
            draft_pk,
            {"procedure": "Diambil", "processing_days": 1, "fee_amount": 0},
        ),
        ("catalogue_standard_publish", draft_pk, {"effective_from": "2030-01-01"}),
        ("catalogue_requirement_delete", requirement.pk, {}),
    ):
        url = reverse(f"public_services:{name}", args=[pk])
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 404, name
    assert (
        client.get(reverse("public_services:catalogue_list"), {"kantor": service.organisation_id}).status_code
        == 404
    )
    assert list(ServiceStandard.objects.values()) == before
    assert AuditEvent.objects.count() == events


def test_the_auditor_reads_but_cannot_change(client, service, auditor):
    client.force_login(auditor)
    v1 = service.standards.get()
    assert client.get(reverse("public_services:catalogue_standard", args=[v1.pk])).status_code == 200
    assert client.get(reverse("public_services:catalogue_standard_pdf", args=[v1.pk])).content.startswith(
        b"%PDF"
    )
    for name, args, data in (
        ("catalogue_new_version", [service.pk], {}),
        ("catalogue_service_edit", [service.pk], {"name": "Diubah auditor", "daily_quota": 1}),
        ("catalogue_service_create", [], {"organisation": service.organisation_id, "code": "a", "name": "A"}),
        ("catalogue_pledge_create", [], {"text": "X", "signatory_name": "X", "signatory_position": "X"}),
    ):
        assert client.post(reverse(f"public_services:{name}", args=args), data).status_code == 403, name
    assert service.standards.count() == 1
    assert not ServicePledge.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="public_services.").exists()


def test_a_city_admin_chooses_the_office(client, service, district, other_district, city):
    make_service(other_district, code="dua", name="Layanan Kecamatan Dua")
    admin = member(city, Role.CITY_ADMIN)
    client.force_login(admin)
    first = client.get(reverse("public_services:catalogue_list")).content.decode()
    assert 'name="kantor"' in first
    chosen = client.get(
        reverse("public_services:catalogue_list"), {"kantor": other_district.pk}
    ).content.decode()
    assert "Layanan Kecamatan Dua" in chosen and service.name not in chosen
