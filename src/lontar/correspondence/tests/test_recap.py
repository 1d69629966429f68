"""Subbag TU's monthly recap: exact counts from a known October, turnaround in working days across an
office closure, the Excel and PDF exports opened and read back, the audit of each export, and who may
see it (403 and nothing exported for the others)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from lontar.core.models import AuditEvent, Role, UnitKind
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, UnitFactory, member
from lontar.core.workdays.calendar import working_days_between
from lontar.core.workdays.services import add_closure
from lontar.correspondence.models import Disposition
from lontar.correspondence.selectors.recap import month_bounds, monthly_recap, percentile
from lontar.correspondence.services import dispositions
from lontar.correspondence.services import outgoing as outgoing_services
from lontar.correspondence.tests import outgoing_helpers
from lontar.correspondence.tests.incoming_helpers import build_office, register
from lontar.correspondence.tests.outgoing_helpers import signing_setup  # noqa: F401  (fixture)
from lontar.records.tests.factories import ClassificationFactory

pytestmark = pytest.mark.django_db
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"
OCTOBER = month_bounds(2026, 10)
CLOSED_DAY = dt.date(2026, 10, 14)  # a Wednesday the office is closed


def _client(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _letter(office, day, **extra):
    values = {
        "sender_date": day - dt.timedelta(days=2),
        "received_date": day,
        "sender_number": f"{day:%m%d}/{len(extra)}/{extra.get('subject', 'x')[:5]}",
    }
    values.update(extra)
    return register(office, **values)


def _dispose(office, letter, when, *, to=None, unit=None, due):
    with freeze_time(when):
        (disposition,) = dispositions.dispose(
            actor=office.camat,
            letter=letter,
            recipients=[to] if to else [],
            units=[unit] if unit else [],
            due_date=due,
            note="Tindak lanjuti",
        )
    return disposition


def _complete(office, disposition, when):
    with freeze_time(when):
        dispositions.open_received(actor=disposition.recipient, letter=disposition.letter)
        disposition.refresh_from_db()
        dispositions.complete(actor=office.camat, disposition=disposition)


@pytest.fixture
def october(district):
    """Five letters (four received in October), five dispositions (four counted)."""
    office = build_office(district)
    add_closure(actor=office.admin, day=CLOSED_DAY, description="Kantor tutup", organisation=district)
    village = ClassificationFactory(code="400.10.2", title="Pembangunan desa")
    population = ClassificationFactory(code="100.2.1", title="Kependudukan")
    first = _letter(office, dt.date(2026, 10, 5), subject="Satu", unit=office.seksi)
    second = _letter(office, dt.date(2026, 10, 6), subject="Dua")
    third = _letter(office, dt.date(2026, 10, 20), subject="Tiga", unit=office.seksi, classification=village)
    secret = _letter(
        office, dt.date(2026, 10, 7), subject="Rahasia", classification=population, security="rahasia"
    )
    _letter(office, dt.date(2026, 11, 2), subject="November")
    late = _dispose(office, first, "2026-10-05 09:00", to=office.kasi, due=dt.date(2026, 10, 9))
    _complete(office, late, "2026-10-16 10:00")
    quick = _dispose(office, second, "2026-10-06 09:00", to=office.kasi, due=dt.date(2026, 10, 20))
    _complete(office, quick, "2026-10-08 10:00")
    kept = _dispose(office, secret, "2026-10-07 09:00", to=office.kasi, due=dt.date(2026, 10, 30))
    _complete(office, kept, "2026-10-13 15:00")
    _dispose(office, third, "2026-10-20 09:00", unit=office.seksi, due=dt.date(2026, 10, 22))
    withdrawn = _dispose(office, third, "2026-10-20 09:30", to=office.staff, due=dt.date(2026, 10, 22))
    with freeze_time("2026-10-20 10:00"):
        dispositions.withdraw(actor=office.camat, disposition=withdrawn)
    _dispose(
        office,
        _letter(office, dt.date(2026, 11, 2), subject="Nov2"),
        "2026-11-03 09:00",
        to=office.kasi,
        due=None,
    )
    return office


def _rows(recap, key):
    return recap.table(key).rows


def test_the_calendar_of_the_fixture_skips_the_weekend_and_the_closed_day(october):
    assert working_days_between(dt.date(2026, 10, 5), dt.date(2026, 10, 16), organisation=october.org) == 8
    assert working_days_between(dt.date(2026, 10, 7), dt.date(2026, 10, 13), organisation=october.org) == 4
    assert working_days_between(dt.date(2026, 10, 6), dt.date(2026, 10, 8), organisation=october.org) == 2


def test_the_october_recap_counts_exactly(october):
    recap = monthly_recap(october.sekcam, october.org, *OCTOBER, today=dt.date(2026, 11, 23))
    assert recap.incoming_total == 4
    assert _rows(recap, "incoming_top") == [["000", 2], ["100", 1], ["400", 1]]
    assert _rows(recap, "incoming_second") == [["000.1", 2], ["100.2", 1], ["400.10", 1]]
    assert _rows(recap, "incoming_unit") == [["(belum ditentukan)", 2], ["Seksi Pemerintahan", 2]]
    figures = recap.dispositions
    # The withdrawn one and November's are left out; the restricted letter is counted, never named.
    assert (figures.sent, figures.completed, figures.on_time, figures.late) == (4, 3, 2, 1)
    # Turnarounds 8 (across the closed Wednesday), 2 and 4 working days.
    assert figures.median_days == 4
    assert figures.p90_days == pytest.approx(7.2)
    assert _rows(recap, "dispositions") == [[4, 3, 2, 1, 4, 7.2]]
    assert _rows(recap, "overdue_unit") == [["Seksi Pemerintahan", 1]]
    assert not any("Rahasia" in str(cell) for table in recap.tables for row in table.rows for cell in row)


def test_a_date_range_inside_the_month_counts_only_its_days(october):
    recap = monthly_recap(october.sekcam, october.org, dt.date(2026, 10, 5), dt.date(2026, 10, 6))
    assert recap.incoming_total == 2
    assert (recap.dispositions.sent, recap.dispositions.completed) == (2, 2)
    assert recap.dispositions.median_days == 5  # (8 + 2) / 2


def test_percentiles_interpolate_like_a_spreadsheet():
    assert percentile([], 0.5) is None
    assert percentile([3], 0.9) == 3
    assert percentile([2, 4, 8], 0.5) == 4
    assert percentile([8, 2, 4], 0.9) == pytest.approx(7.2)
    assert percentile([1, 2, 3, 4], 0.5) == 2.5


@pytest.mark.usefixtures("signing_setup")
def test_signed_outgoing_documents_are_counted_by_type_and_classification_drafts_are_not(district):
    office = outgoing_helpers.build_office(district, prefix="O")
    signed = outgoing_helpers.through_paraf(office, outgoing_helpers.draft(office, subject="Ditandatangani"))
    outgoing_services.sign(actor=office.camat, document=signed)
    outgoing_helpers.draft(office, subject="Masih konsep")
    signed.refresh_from_db()
    recap = monthly_recap(
        office.sekcam, office.org, *month_bounds(signed.document_date.year, signed.document_date.month)
    )
    assert recap.outgoing_total == 1
    assert _rows(recap, "outgoing_type") == [["Surat Dinas", 1]]
    assert _rows(recap, "outgoing_type_code") == [["Surat Dinas", "000.1.2", 1]]


def test_the_screen_shows_the_month_picked(october):
    response = _client(october.sekcam).get(
        reverse("correspondence:recap", args=[october.org.pk]), {"month": "2026-10"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="recap-incoming_top"' in page
    assert "<td>400</td><td>1</td>" in page
    assert "Seksi Pemerintahan" in page
    assert "date_from=2026-10-01&amp;date_to=2026-10-31" in page


def test_a_bad_month_or_range_is_explained_in_indonesian(october):
    url = reverse("correspondence:recap", args=[october.org.pk])
    page = _client(october.sekcam).get(url, {"month": "Oktober"}).content.decode()
    assert "Bulan tidak dikenali" in page
    page = (
        _client(october.sekcam)
        .get(url, {"date_from": "2026-10-31", "date_to": "2026-10-01"})
        .content.decode()
    )
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in page
    response = _client(october.sekcam).get(
        reverse("correspondence:recap_xlsx", args=[october.org.pk]), {"date_from": "2026-10-01"}
    )
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="correspondence.recap_export").exists()


def test_the_excel_export_has_one_formatted_sheet_per_table_and_is_audited(october):
    response = _client(october.sekcam).get(
        reverse("correspondence:recap_xlsx", args=[october.org.pk]),
        {"date_from": "2026-10-01", "date_to": "2026-10-31"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 7
    sheet = workbook[workbook.sheetnames[0]]
    assert sheet["A4"].value == "Kode" and sheet["A4"].font.bold
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)] == [
        ["000", 2],
        ["100", 1],
        ["400", 1],
    ]
    disposition_sheet = next(
        workbook[name] for name in workbook.sheetnames if workbook[name]["A1"].value == "Disposisi"
    )
    assert [cell.value for cell in disposition_sheet[5]] == [4, 3, 2, 1, 4, 7.2]
    event = AuditEvent.objects.get(action="correspondence.recap_export")
    assert event.actor_id == october.sekcam.pk
    assert event.organisation_id == october.org.pk
    assert event.after["format"] == "xlsx"
    assert (event.after["from"], event.after["to"]) == ("2026-10-01", "2026-10-31")


def test_the_pdf_export_is_a_landscape_page_with_the_letterhead_and_is_audited(october, tmp_path):
    response = _client(october.camat).get(
        reverse("correspondence:recap_pdf", args=[october.org.pk]), {"month": "2026-10"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "rekap.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert october.org.name.upper() in text
    assert "REKAP PERSURATAN" in text
    assert "Seksi Pemerintahan" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(value) for value in size.split(":")[1].split("pts")[0].split(" x "))
    assert width > height
    assert AuditEvent.objects.filter(action="correspondence.recap_export", after__format="pdf").count() == 1


@pytest.fixture
def kasubag_tu(october):
    tu = UnitFactory(
        organisation=october.org, kind=UnitKind.SUBDIVISION, name="Subbagian Tata Usaha", code="TU"
    )
    position = PositionFactory(
        organisation=october.org, unit=tu, title="Kepala Subbagian TU", is_unit_head=True
    )
    user = member(october.org, Role.SECTION_HEAD, full_name="Kasubag TU")
    PositionAssignmentFactory(position=position, staff=user.staff, start_date=dt.date(2025, 1, 1))
    return user


def test_head_secretary_kasubag_tu_admin_and_auditor_may_read_the_recap(october, kasubag_tu):
    auditor = member(october.org, Role.AUDITOR)
    url = reverse("correspondence:recap", args=[october.org.pk])
    for user in (october.camat, october.sekcam, kasubag_tu, october.admin, auditor):
        assert _client(user).get(url).status_code == 200, user
    assert (
        _client(auditor).get(reverse("correspondence:recap_xlsx", args=[october.org.pk])).status_code == 200
    )


@pytest.mark.parametrize("export", ["correspondence:recap_xlsx", "correspondence:recap_pdf"])
def test_a_section_head_outside_subbag_tu_staff_and_front_desk_get_403_and_nothing_is_exported(
    october, export
):
    for user in (october.kasi, october.staff, october.front_desk):
        client = _client(user)
        assert client.get(reverse("correspondence:recap", args=[october.org.pk])).status_code == 403
        response = client.get(reverse(export, args=[october.org.pk]), {"month": "2026-10"})
        assert response.status_code == 403
        assert not response.content.startswith(b"%PDF") and not response.content.startswith(b"PK")
        assert client.get(reverse("correspondence:recap_home")).status_code == 403
    assert not AuditEvent.objects.filter(action="correspondence.recap_export").exists()


def test_another_offices_head_cannot_reach_this_office_but_a_city_administrator_picks_any(
    october, other_district, city
):
    outsider = member(other_district, Role.HEAD)
    response = _client(outsider).get(reverse("correspondence:recap_xlsx", args=[october.org.pk]))
    assert response.status_code == 404
    home = _client(outsider).get(reverse("correspondence:recap_home"))
    assert home["Location"] == reverse("correspondence:recap", args=[other_district.pk])
    city_admin = member(city, Role.CITY_ADMIN)
    client = _client(city_admin)
    response = client.get(
        reverse("correspondence:recap_home"), {"office": october.org.pk, "month": "2026-10"}
    )
    assert response["Location"] == reverse("correspondence:recap", args=[october.org.pk]) + "?month=2026-10"
    page = client.get(response["Location"]).content.decode()
    assert (
        f'<option value="{other_district.pk}"' in page
        and f'<option value="{october.org.pk}" selected' in page
    )
    assert "<td>400</td><td>1</td>" in page
    assert not AuditEvent.objects.filter(action="correspondence.recap_export").exists()


def test_the_dashboard_counts_the_recap_screen_in_navigation_for_the_secretary(october):
    page = _client(october.sekcam).get(reverse("core:dashboard")).content.decode()
    assert reverse("correspondence:recap_home") in page
    assert Disposition.objects.count() == 6


def test_a_reported_disposition_is_pending_work_for_its_sender_until_completed(october):
    from lontar.core.navigation import pending_work_for

    def reports_waiting(user):
        return [
            item.count for item in pending_work_for(user) if "menunggu dinyatakan selesai" in str(item.label)
        ]

    open_one = Disposition.objects.get(status="terkirim", recipient=october.kasi, sent_at__month=10)
    dispositions.open_received(actor=october.kasi, letter=open_one.letter)
    open_one.refresh_from_db()
    assert reports_waiting(october.camat) == []
    dispositions.report(actor=october.kasi, disposition=open_one, text="Sudah ditindaklanjuti", done=True)
    assert reports_waiting(october.camat) == [1]
    assert reports_waiting(october.kasi) == []
    open_one.refresh_from_db()
    dispositions.complete(actor=october.camat, disposition=open_one)
    assert reports_waiting(october.camat) == []
