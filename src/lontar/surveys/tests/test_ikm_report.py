"""The IKM report from saved responses: SQL aggregation, scope and tenancy, the weight convention of
the office and of the report, the PDF and Excel files, the screens, the follow-up plan and the audit
of downloads. Expected figures are worked by hand in `test_ikm.py` (the ten-respondent survey)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lontar.core.models import AuditEvent, Role, Unit
from lontar.core.tests.factories import member
from lontar.surveys import ikm, periods
from lontar.surveys.ikm_documents import report_pdf, report_xlsx
from lontar.surveys.models import ELEMENT_CODES, Questionnaire, SurveyFollowUp
from lontar.surveys.selectors.ikm import current_ikm, ikm_report
from lontar.surveys.services.followups import create_follow_up
from lontar.surveys.tests.factories import make_response, make_service
from lontar.surveys.tests.test_ikm import TEN

pytestmark = pytest.mark.django_db
YEAR_2026 = periods.year(2026)
PROFILES = [  # age, sex, education, occupation of the ten respondents
    (19, "L", "sma", "pelajar"),
    (27, "P", "d4_s1", "swasta"),
    (33, "P", "sma", "wirausaha"),
    (41, "L", "smp", "wirausaha"),
    (45, "L", "sma", "lainnya"),
    (52, "P", "sd", "lainnya"),
    (58, "L", "d1_d3", "pns"),
    (66, "P", "sd", "lainnya"),
    (30, "P", "s2", "pns"),
    (24, "L", "sma", "swasta"),
]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def ten_responses(organisation, service, day=dt.date(2026, 3, 10)):
    for row, (age, sex, education, occupation) in zip(TEN, PROFILES, strict=True):
        make_response(
            organisation,
            service=service,
            score_values=dict(zip(ELEMENT_CODES, row, strict=True)),
            age=age,
            sex=sex,
            education=education,
            occupation=occupation,
            submitted_at=at(day),
        )


@pytest.fixture
def survey(district, service):
    ten_responses(district, service)
    return service


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


# --- the selector ---------------------------------------------------------------------------------


def test_report_sums_in_sql_and_matches_the_hand_computed_survey(district, head, survey, other_district):
    # Outside the period, and another office's response: neither counts.
    make_response(
        district,
        service=survey,
        score_values=dict.fromkeys(ELEMENT_CODES, 1),
        submitted_at=at(dt.date(2025, 12, 31)),
    )
    make_response(
        other_district, score_values=dict.fromkeys(ELEMENT_CODES, 1), submitted_at=at(dt.date(2026, 3, 10))
    )
    report = ikm_report(head, organisation=district, period=YEAR_2026)
    result = report.result
    assert result.respondents == 10
    assert [(e.code, e.total, e.count) for e in result.elements] == [
        ("U1", 33, 10), ("U2", 32, 10), ("U3", 28, 10), ("U4", 40, 10), ("U5", 32, 10),
        ("U6", 32, 10), ("U7", 37, 10), ("U8", 29, 10), ("U9", 30, 10),
    ]  # fmt: skip
    assert result.ikm == Fraction(7325, 90) and result.ikm_display == Decimal("81.38")
    assert result.grade.code == "B" and result.weight_label == "1/9"
    ages, sexes, educations, occupations = report.profile
    assert [(r.label, r.count, r.percent) for r in ages.rows] == [
        ("15-24 tahun", 2, "20,00"), ("25-34 tahun", 3, "30,00"), ("35-44 tahun", 1, "10,00"),
        ("45-54 tahun", 2, "20,00"), ("55-64 tahun", 1, "10,00"), ("65 tahun ke atas", 1, "10,00"),
    ]  # fmt: skip
    assert [(r.label, r.count) for r in sexes.rows] == [("Laki-laki", 5), ("Perempuan", 5)]
    assert {r.label: r.count for r in educations.rows}["SMA/SMK"] == 4
    assert {r.label: r.count for r in occupations.rows}["Lainnya"] == 3


def test_report_is_a_handful_of_queries_whatever_the_number_of_responses(
    district, head, survey, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        ikm_report(head, organisation=district, period=YEAR_2026)


def test_periods_services_and_units(district, head, survey):
    unit = Unit.objects.create(organisation=district, name="Seksi Pelayanan", kind="seksi")
    other = make_service(district, code="lain", name="Layanan lain", unit=unit)
    make_response(
        district,
        service=other,
        score_values=dict.fromkeys(ELEMENT_CODES, 4),
        submitted_at=at(dt.date(2026, 8, 1)),
    )
    assert ikm_report(head, organisation=district, period=YEAR_2026).result.respondents == 11
    assert ikm_report(head, organisation=district, period=periods.semester(2026, 1)).result.respondents == 10
    assert ikm_report(head, organisation=district, period=periods.quarter(2026, 3)).result.respondents == 1
    assert ikm_report(head, organisation=district, period=periods.month(2026, 3)).result.respondents == 10
    custom = periods.custom(dt.date(2026, 3, 10), dt.date(2026, 3, 10))
    assert ikm_report(head, organisation=district, period=custom).result.respondents == 10
    by_service = ikm_report(head, organisation=district, period=YEAR_2026, service=other)
    assert by_service.result.respondents == 1 and by_service.result.ikm == 100
    by_unit = ikm_report(head, organisation=district, period=YEAR_2026, unit=unit)
    assert by_unit.result.respondents == 1 and by_unit.scope_label == "Seksi Pelayanan"


def test_weight_convention_defaults_to_the_office_and_may_be_chosen_per_report(district, head, survey):
    assert ikm_report(head, organisation=district, period=YEAR_2026).result.weight_convention == "1/9"
    Questionnaire.objects.filter(organisation=district, is_active=True).update(weight_convention="0.11")
    office_default = ikm_report(head, organisation=district, period=YEAR_2026).result
    # 2,75 x 29,3 = 80,575 -> 80,57
    assert (office_default.weight_label, office_default.ikm_display) == ("0,11", Decimal("80.57"))
    chosen = ikm_report(head, organisation=district, period=YEAR_2026, weight_convention="0.111").result
    # 2,775 x 29,3 = 81,3075 -> 81,30
    assert (chosen.weight_label, chosen.ikm_display) == ("0,111", Decimal("81.30"))


def test_tenancy_and_roles(district, other_district, head, auditor, foreign_user, survey, staff_user):
    assert ikm_report(foreign_user, organisation=district, period=YEAR_2026) is None
    assert ikm_report(staff_user, organisation=district, period=YEAR_2026) is None  # plain staff: no reports
    assert ikm_report(auditor, organisation=district, period=YEAR_2026).result.respondents == 10
    foreign_service = make_service(other_district, code="asing", name="Layanan asing")
    assert ikm_report(head, organisation=district, period=YEAR_2026, service=foreign_service) is None
    for role in (Role.SECRETARY, Role.SECTION_HEAD):
        assert ikm_report(member(district, role), organisation=district, period=YEAR_2026) is not None


def test_no_respondents_gives_no_ikm(district, head):
    report = ikm_report(head, organisation=district, period=YEAR_2026)
    assert report.result.respondents == 0 and report.result.ikm is None and report.result.grade is None
    text = pdf_text(report_pdf(report))
    assert "IKM tidak dapat dihitung" in text and "Belum ada responden" in text
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    assert book["Tabulasi"].max_row == 6  # header and the five summary rows


def test_current_ikm_covers_the_last_twelve_months(district, service):
    today = timezone.localdate()
    make_response(
        district,
        service=service,
        score_values=dict.fromkeys(ELEMENT_CODES, 4),
        submitted_at=at(today - dt.timedelta(days=30)),
    )
    make_response(
        district,
        service=service,
        score_values=dict.fromkeys(ELEMENT_CODES, 2),
        submitted_at=at(today - dt.timedelta(days=200)),
    )
    make_response(
        district,
        service=service,
        score_values=dict.fromkeys(ELEMENT_CODES, 1),
        submitted_at=at(today - dt.timedelta(days=400)),
    )
    result = current_ikm(district)
    # Two respondents: every NRR = (4 + 2) / 2 = 3; IKM = 25/9 x 27 = 75 -> C.
    assert result.respondents == 2 and result.ikm == 75 and result.grade.code == "C"


# --- the files ------------------------------------------------------------------------------------


def test_pdf_states_ikm_grade_weight_profile_follow_up_and_signatory(district, head, survey):
    create_follow_up(
        actor=head, organisation=district, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
        element="U3", action="Menambah petugas verifikasi berkas", responsible="Kasi Pelayanan",
        target_date=dt.date(2026, 12, 15),
    )  # fmt: skip
    text = pdf_text(report_pdf(ikm_report(head, organisation=district, period=YEAR_2026)))
    flat = " ".join(text.split())
    assert "LAPORAN INDEKS KEPUASAN MASYARAKAT" in flat
    assert "KECAMATAN SATU" in flat and "Tahun 2026" in flat and "10 orang" in flat
    assert "81,38" in flat and "81,39" not in flat
    assert "B (Baik)" in flat
    assert "Bobot nilai per unsur : 1/9" in flat
    assert "U3 Waktu Penyelesaian 28 10 2,80 1/9 0,311" in flat
    assert "Laki-laki 5 50,00" in flat and "65 tahun ke atas 1 10,00" in flat
    assert "Menambah petugas verifikasi berkas" in flat


def test_excel_cells_hold_the_exact_numbers(district, head, survey):
    Questionnaire.objects.filter(organisation=district, is_active=True).update(weight_convention="0.111")
    report = ikm_report(head, organisation=district, period=YEAR_2026)
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    assert book.sheetnames == ["Tabulasi", "Ringkasan", "Profil responden"]
    sheet = book["Tabulasi"]
    assert [c.value for c in sheet[1]][:10] == ["No", *ELEMENT_CODES]
    for index, row in enumerate(TEN, start=2):  # one row per respondent, in submission order
        assert tuple(c.value for c in sheet[index][1:10]) == row
    assert sheet["K2"].value == dt.datetime(2026, 3, 10)
    bottom = {sheet.cell(row=r, column=1).value: r for r in range(12, sheet.max_row + 1)}
    assert [c.value for c in sheet[bottom["Σ nilai per unsur"]][1:10]] == [33, 32, 28, 40, 32, 32, 37, 29, 30]
    assert [c.value for c in sheet[bottom["Jumlah jawaban"]][1:10]] == [10] * 9
    assert [c.value for c in sheet[bottom["NRR per unsur"]][1:10]] == [
        3.3,
        3.2,
        2.8,
        4.0,
        3.2,
        3.2,
        3.7,
        2.9,
        3.0,
    ]
    # 3,3 x 0,111 = 0,3663 -> 0,366
    weighted = sheet[bottom["NRR tertimbang (x 0,111)"]]
    assert weighted[1].value == 0.366 and weighted[1].number_format == "0.000"
    ikm_row = sheet[bottom["IKM"]]
    assert (ikm_row[1].value, ikm_row[2].value) == (81.30, "B (Baik)")  # 2,775 x 29,3 = 81,3075
    summary = {row[0].value: row for row in book["Ringkasan"].iter_rows()}
    assert summary["Bobot per unsur"][1].value == "0,111"
    assert summary["Jumlah responden"][1].value == 10
    assert summary["IKM (nilai konversi = indeks x 25, dipotong dua desimal)"][1].value == 81.30
    assert summary["Mutu pelayanan"][1].value == "B (Baik)"
    profile = [[c.value for c in row] for row in book["Profil responden"].iter_rows()]
    assert ["Perempuan", 5, 50.0] in profile and ["S2 ke atas", 1, 10.0] in profile


# --- the screens ----------------------------------------------------------------------------------


def test_report_screen_and_downloads_are_audited(client, district, head, survey):
    client.force_login(head)
    page = client.get(reverse("survey_reports:report"), {"periode": "tahun", "tahun": 2026})
    body = page.content.decode()
    assert page.status_code == 200
    assert (
        'data-testid="ikm-value">81,38<' in body
        and "B (Baik)" in body
        and 'data-testid="ikm-weight">1/9<' in body
    )
    before = AuditEvent.objects.filter(action="surveys.ikm.export").count()
    pdf = client.get(
        reverse("survey_reports:report_pdf"),
        {"periode": "semester", "tahun": 2026, "semester": 1, "bobot": "0.11"},
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "0,11" in pdf_text(pdf.content) and "80,57" in pdf_text(pdf.content)
    xlsx = client.get(reverse("survey_reports:report_xlsx"), {"periode": "tahun", "tahun": 2026})
    assert xlsx.status_code == 200 and "laporan-ikm-20260101-20261231" in xlsx["Content-Disposition"]
    events = AuditEvent.objects.filter(action="surveys.ikm.export").order_by("id")
    assert events.count() == before + 2
    assert events.first().after["format"] == "pdf" and events.first().after["ikm"] == "80.57"
    assert events.last().after["weight_convention"] == "1/9" and events.last().organisation_id == district.pk


def test_report_screen_refuses_bad_filters_with_a_clear_message(client, district, head, survey):
    client.force_login(head)
    page = client.get(reverse("survey_reports:report"), {"periode": "semester", "tahun": 2026})
    assert page.status_code == 200 and "Pilih semesternya." in page.content.decode()
    page = client.get(
        reverse("survey_reports:report"), {"periode": "rentang", "dari": "2026-05-01", "sampai": "2026-04-01"}
    )
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in page.content.decode()


def test_other_office_cannot_see_or_download(client, district, other_district, survey):
    outsider = member(other_district, Role.HEAD)
    client.force_login(outsider)
    assert client.get(reverse("survey_reports:report"), {"kantor": district.pk}).status_code == 404
    assert client.get(reverse("survey_reports:report_pdf"), {"kantor": district.pk}).status_code == 404
    own = client.get(reverse("survey_reports:report"), {"periode": "tahun", "tahun": 2026}).content.decode()
    assert "Kecamatan Dua" in own and "Kecamatan Satu" not in own and 'data-testid="respondents">0<' in own
    client.force_login(member(district, Role.STAFF))
    assert client.get(reverse("survey_reports:report")).status_code == 403


def _follow_up_post(**overrides):
    return {
        "period_start": "2026-01-01", "period_end": "2026-06-30", "element": "U3",
        "action": "Menambah petugas verifikasi", "responsible": "Kasi Pelayanan",
        "target_date": "2026-09-30", "status": "rencana", **overrides,
    }  # fmt: skip


def test_follow_up_plan_written_by_leaders_read_by_the_auditor(client, district, head, auditor):
    client.force_login(head)
    response = client.post(reverse("survey_reports:follow_ups"), _follow_up_post())
    assert response.status_code == 302
    row = SurveyFollowUp.objects.get()
    assert (row.organisation, row.element, row.status) == (district, "U3", "rencana")
    event = AuditEvent.objects.get(action="surveys.follow_up.create")
    assert event.after["action"] == "Menambah petugas verifikasi"
    response = client.post(
        reverse("survey_reports:follow_up_edit", args=[row.pk]), _follow_up_post(status="selesai")
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="surveys.follow_up.update")
    assert (event.before["status"], event.after["status"]) == ("rencana", "selesai")
    # Shown on the report of an overlapping period.
    report = ikm_report(head, organisation=district, period=periods.semester(2026, 1))
    assert [f.action for f in report.follow_ups] == ["Menambah petugas verifikasi"]
    assert ikm_report(head, organisation=district, period=periods.semester(2026, 2)).follow_ups == ()
    # The auditor reads, and changes nothing.
    client.force_login(auditor)
    assert "Menambah petugas verifikasi" in client.get(reverse("survey_reports:follow_ups")).content.decode()
    assert (
        client.post(reverse("survey_reports:follow_ups"), _follow_up_post(action="Auditor")).status_code
        == 403
    )
    assert (
        client.post(
            reverse("survey_reports:follow_up_edit", args=[row.pk]), _follow_up_post(status="rencana")
        ).status_code
        == 403
    )
    row.refresh_from_db()
    assert row.status == "selesai" and SurveyFollowUp.objects.count() == 1


def test_follow_up_bad_input_keeps_what_was_typed(client, district, head):
    client.force_login(head)
    response = client.post(
        reverse("survey_reports:follow_ups"), _follow_up_post(period_end="2025-01-01", action="Tetap di sini")
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Tanggal akhir periode tidak boleh sebelum tanggal awal." in body
    assert "Tetap di sini" in body and not SurveyFollowUp.objects.exists()


def test_follow_up_of_another_office_is_not_found(client, district, other_district, head):
    row = create_follow_up(
        actor=head, organisation=district, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
        action="Rahasia kantor satu", responsible="Camat", target_date=dt.date(2026, 12, 31),
    )  # fmt: skip
    client.force_login(member(other_district, Role.HEAD))
    assert client.get(reverse("survey_reports:follow_up_edit", args=[row.pk])).status_code == 404
    assert (
        client.post(reverse("survey_reports:follow_up_edit", args=[row.pk]), _follow_up_post()).status_code
        == 404
    )
    assert "Rahasia kantor satu" not in client.get(reverse("survey_reports:follow_ups")).content.decode()
    row.refresh_from_db()
    assert row.action == "Rahasia kantor satu"


def test_ikm_module_constants_agree_with_the_models():
    from lontar.surveys.models import WEIGHTS, WeightConvention

    assert {str(k): v for k, v in WEIGHTS.items()} == ikm.WEIGHTS
    assert set(ikm.WEIGHT_LABELS) == set(WeightConvention.values)
