"""The personnel screens: who sees the list and the NIP, who opens a file (the readers, the person
themself), forms that refuse with the reason and keep the input, audited document download, DUK and
formation screens and their audited exports."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lontar.core.models import AuditEvent, Role
from lontar.core.navigation import pending_work_for
from lontar.core.tests.factories import member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.staff.models import EmployeeDocument, Formation, RankHistory
from lontar.staff.sections import SECTIONS
from lontar.staff.services import personnel as services
from lontar.staff.tests.factories import keeper, nip, person

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sekcam(district):
    return keeper(district)


@pytest.fixture
def budi(district):
    return person(
        district, full_name="Budi Santoso", number=nip("19860926", "201506", "1"), rank="III/a Penata Muda"
    )


def test_every_member_sees_the_list_but_only_readers_see_the_nip(district, sekcam, budi):
    reader = signed_in(member(district, Role.SECTION_HEAD)).get(reverse("staff:staff_list"))
    assert reader.status_code == 200 and budi.nip_display in reader.content.decode()
    plain = signed_in(member(district, Role.STAFF)).get(reverse("staff:staff_list"))
    page = plain.content.decode()
    assert plain.status_code == 200 and "Budi Santoso" in page
    assert budi.nip_display not in page and budi.nip_masked in page
    assert reverse("staff:file_detail", args=[budi.pk]) not in page


def test_the_list_filters_by_status_and_searches_name_or_nip(district, sekcam, budi):
    person(district, full_name="Siti Contract", employment_type="non_asn")
    client = signed_in(sekcam)
    by_nip = client.get(reverse("staff:staff_list"), {"cari": budi.nip[-6:]}).content.decode()
    assert "Budi Santoso" in by_nip and "Siti Contract" not in by_nip
    non_asn = client.get(reverse("staff:staff_list"), {"jenis": "non_asn"}).content.decode()
    assert "Siti Contract" in non_asn and "Budi Santoso" not in non_asn


def test_a_staff_member_reads_their_own_file_and_no_one_elses(district, budi):
    own = member(district, Role.STAFF, full_name="Ani Pelaksana")
    client = signed_in(own)
    mine = client.get(reverse("staff:my_file"))
    assert mine.status_code == 200 and "Ani Pelaksana" in mine.content.decode()
    assert client.get(reverse("staff:file_detail", args=[own.staff.pk])).status_code == 200
    assert client.get(reverse("staff:file_detail", args=[budi.pk])).status_code == 403
    assert client.get(reverse("staff:main_sheet", args=[own.staff.pk])).status_code == 403


def test_another_office_gets_not_found(other_district, budi):
    client = signed_in(keeper(other_district))
    assert client.get(reverse("staff:file_detail", args=[budi.pk])).status_code == 404
    assert client.post(reverse("staff:row_create", args=[budi.pk, "pangkat"]), {}).status_code == 404


def test_the_main_sheet_form_refuses_a_birth_date_the_nip_contradicts_and_keeps_the_input(sekcam, budi):
    url = reverse("staff:main_sheet", args=[budi.pk])
    data = {
        "full_name": "Budi Santoso",
        "employment_type": "pns",
        "nip": budi.nip_display,
        "birth_place": "Tempat Yang Diketik",
        "birth_date": "1986-09-25",
        "sex": "1",
        "service_start": "2015-06-01",
        "position_type": "pelaksana",
    }
    refused = signed_in(sekcam).post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 400 and "angka ke-1 sampai ke-8" in page and "Tempat Yang Diketik" in page
    data["birth_date"] = "1986-09-26"
    saved = signed_in(sekcam).post(url, data)
    assert saved.status_code == 302
    detail = signed_in(sekcam).get(saved["Location"]).content.decode()
    assert "Tempat Yang Diketik" in detail


def test_adding_a_rank_row_through_the_form_moves_the_rank(sekcam, budi):
    url = reverse("staff:row_create", args=[budi.pk, "pangkat"])
    response = signed_in(sekcam).post(
        url, {"rank": "III/b Penata Muda Tingkat I", "kind": "reguler", "tmt": "2019-04-01"}
    )
    assert response.status_code == 302
    budi.refresh_from_db()
    assert budi.rank == "III/b Penata Muda Tingkat I"
    row = RankHistory.objects.get(staff=budi)
    edit = signed_in(sekcam).get(reverse("staff:row_edit", args=["pangkat", row.pk]))
    assert edit.status_code == 200 and "2019-04-01" in edit.content.decode()
    assert signed_in(sekcam).post(reverse("staff:row_delete", args=["pangkat", row.pk])).status_code == 302
    assert not RankHistory.objects.exists()


def test_documents_are_uploaded_flagged_before_expiry_and_downloads_are_audited(district, sekcam, budi):
    soon = datetime.date.today() + datetime.timedelta(days=30)
    response = signed_in(sekcam).post(
        reverse("staff:row_create", args=[budi.pk, "dokumen"]),
        {
            "kind": "sertifikat",
            "title": "Sertifikat Pengadaan Barang/Jasa",
            "issued_on": "2023-01-10",
            "expires_on": soon.isoformat(),
            "berkas": SimpleUploadedFile("sertifikat.pdf", pdf_bytes("Sertifikat"), "application/pdf"),
        },
    )
    assert response.status_code == 302
    document = EmployeeDocument.objects.get(staff=budi)
    assert document.stored_file is not None
    page = signed_in(sekcam).get(reverse("staff:file_detail", args=[budi.pk])).content.decode()
    assert "segera berakhir" in page
    url = reverse("staff:document_download", args=[document.pk])
    download = signed_in(sekcam).get(url)
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="staff.document.download", actor=sekcam).count() == 1
    assert signed_in(member(district, Role.STAFF)).get(url).status_code == 403
    # The platform's own download follows the document: not for the office at large.
    generic = reverse("core:file_download", args=[document.stored_file_id])
    assert signed_in(member(district, Role.STAFF)).get(generic).status_code in (403, 404)
    dashboard = signed_in(sekcam).get(reverse("staff:staff_list"), {"dokumen": "segera"}).content.decode()
    assert "Budi Santoso" in dashboard


def test_duk_screen_and_exports_are_ordered_and_audited(district, sekcam, budi):
    senior = person(
        district, full_name="Senior Pembina", number=nip("19750101", "200001", "1"), rank="IV/a Pembina"
    )
    services.add_row(
        actor=sekcam,
        staff=budi,
        section=SECTIONS["pendidikan"],
        data={"level": "s1", "institution": "Universitas Padjadjaran", "graduation_year": 2009},
    )
    client = signed_in(sekcam)
    page = client.get(reverse("staff:duk")).content.decode()
    assert page.index("Senior Pembina") < page.index("Budi Santoso")
    xlsx = client.get(reverse("staff:duk_xlsx"))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    # The Sekcam's own record has no rank yet: PNS without a rank come last.
    assert names[:2] == [senior.name_with_titles, budi.name_with_titles]
    budi_row = next(
        row for row in sheet.iter_rows(min_row=5, values_only=True) if row[1] == budi.name_with_titles
    )
    assert budi_row[9:12] == ("Universitas Padjadjaran", 2009, "S-1")
    pdf = client.get(reverse("staff:duk_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    formats = sorted(e.after["format"] for e in AuditEvent.objects.filter(action="staff.duk.export"))
    assert formats == ["pdf", "xlsx"]
    assert signed_in(member(district, Role.STAFF)).get(reverse("staff:duk")).status_code == 403


def test_formations_are_managed_and_compared_with_who_fills_them(district, sekcam, budi):
    client = signed_in(sekcam)
    response = client.post(
        reverse("staff:formation_create"),
        {
            "unit": budi.unit_id,
            "job_title": "Pengadministrasi Umum",
            "position_type": "pelaksana",
            "needed": "2",
            "order": "1",
        },
    )
    assert response.status_code == 302
    duplicate = client.post(
        reverse("staff:formation_create"),
        {
            "unit": budi.unit_id,
            "job_title": "pengadministrasi  umum",
            "position_type": "pelaksana",
            "needed": "1",
            "order": "2",
        },
    )
    assert duplicate.status_code == 400 and "sudah ada" in duplicate.content.decode()
    saved = client.post(
        reverse("staff:main_sheet", args=[budi.pk]),
        {
            "full_name": "Budi Santoso",
            "employment_type": "pns",
            "nip": budi.nip,
            "unit": budi.unit_id,
            "job_title": "Pengadministrasi Umum",
            "position_type": "pelaksana",
        },
    )
    assert saved.status_code == 302
    page = client.get(reverse("staff:formation")).content.decode()
    assert "kurang" in page and "Budi Santoso" in page
    workbook = load_workbook(io.BytesIO(client.get(reverse("staff:formation_xlsx")).content))
    first = next(iter(workbook["Formasi"].iter_rows(min_row=4, max_row=4, values_only=True)))
    assert first[2:8] == ("Pengadministrasi Umum", "Jabatan Pelaksana", 2, 1, -1, "kurang")
    assert AuditEvent.objects.filter(action="staff.formation.export").exists()
    formation = Formation.objects.get()
    assert (
        client.post(reverse("staff:formation_edit", args=[formation.pk]), {"hapus": "1"}).status_code == 302
    )
    assert not Formation.objects.exists()


def test_the_import_link_leads_to_the_platform_import(sekcam):
    response = signed_in(sekcam).get(reverse("staff:import"))
    assert response.status_code == 302 and "daftar-pegawai" in response["Location"]


def test_the_dashboard_tells_file_keepers_about_documents_that_lapse_soon(district, sekcam, budi):
    assert not [w for w in pending_work_for(sekcam) if "kepegawaian" in w.label]
    services.add_row(
        actor=sekcam,
        staff=budi,
        section=SECTIONS["dokumen"],
        data={
            "kind": "kontrak",
            "title": "Perjanjian Kerja",
            "expires_on": datetime.date.today() + datetime.timedelta(days=20),
        },
    )
    [work] = [w for w in pending_work_for(sekcam) if "kepegawaian" in w.label]
    assert work.count == 1 and "dokumen=segera" in work.url
    assert not [w for w in pending_work_for(member(district, Role.STAFF)) if "kepegawaian" in w.label]
