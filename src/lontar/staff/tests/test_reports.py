"""The DUK's order, rule by rule, and the formation report's counting (unit rows before office-wide rows,
staff outside every formation)."""

from __future__ import annotations

import datetime

import pytest

from lontar.core.tests.factories import UnitFactory
from lontar.staff.models import Education, Employee, Formation, PositionType, RankHistory
from lontar.staff.selectors.reports import duk, formation_report, months_between
from lontar.staff.tests.factories import nip, person

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 24)


def pns(
    org,
    name,
    *,
    rank="III/c Penata",
    rank_tmt=None,
    born="19800101",
    tmt="200501",
    kind=PositionType.EXECUTOR,
    education=None,
):
    staff = person(org, full_name=name, number=nip(born, tmt), rank=rank)
    Employee.objects.create(staff=staff, job_title=f"Jabatan {name}", position_type=kind)
    if rank_tmt:
        RankHistory.objects.create(staff=staff, rank=rank, tmt=rank_tmt)
    if education:
        level, year = education
        Education.objects.create(staff=staff, level=level, graduation_year=year)
    return staff


def order(org) -> list[str]:
    return [row.staff.full_name for row in duk(org, DAY)]


def test_higher_golongan_first_then_earlier_tmt(district):
    pns(district, "Penata baru", rank_tmt=datetime.date(2024, 4, 1))
    pns(district, "Pembina", rank="IV/a Pembina", rank_tmt=datetime.date(2025, 10, 1))
    pns(district, "Penata lama", rank_tmt=datetime.date(2020, 4, 1))
    pns(district, "Penata tanpa TMT")
    assert order(district) == ["Pembina", "Penata lama", "Penata baru", "Penata tanpa TMT"]


def test_same_rank_and_tmt_orders_by_position_level_then_service_then_education_then_age(district):
    same = datetime.date(2022, 4, 1)
    pns(district, "Pelaksana", rank_tmt=same, kind=PositionType.EXECUTOR)
    pns(district, "Pengawas", rank_tmt=same, kind=PositionType.SUPERVISOR)
    pns(district, "Ahli Muda", rank_tmt=same, kind=PositionType.FUNCTIONAL_YOUNG, tmt="200601")
    pns(district, "Administrator", rank_tmt=same, kind=PositionType.ADMINISTRATOR)
    assert order(district) == ["Administrator", "Pengawas", "Ahli Muda", "Pelaksana"]


def test_ties_fall_to_service_education_and_age(district):
    same = datetime.date(2022, 4, 1)
    pns(district, "Masa kerja pendek", rank_tmt=same, tmt="201001")
    pns(district, "S2", rank_tmt=same, education=("s2", 2010))
    pns(district, "S1 lulus dulu", rank_tmt=same, education=("s1", 2001))
    pns(district, "S1 lulus kemudian", rank_tmt=same, education=("s1", 2003))
    pns(district, "Tanpa ijazah muda", rank_tmt=same, born="19820101")
    pns(district, "Tanpa ijazah tua", rank_tmt=same, born="19790101")
    assert order(district) == [
        "S2",
        "S1 lulus dulu",
        "S1 lulus kemudian",
        "Tanpa ijazah tua",
        "Tanpa ijazah muda",
        "Masa kerja pendek",
    ]


def test_duk_holds_active_pns_only_with_masa_kerja_and_age(district):
    pns(district, "PNS", born="19860926", tmt="201505")
    person(
        district, full_name="PPPK", employment_type="pppk", number="199107172023211003", rank="Golongan IX"
    )
    person(district, full_name="Non-ASN", employment_type="non_asn")
    person(district, full_name="Pensiun", rank="III/a Penata Muda", is_active=False)
    [row] = duk(district, DAY)
    assert (row.staff.full_name, row.service_years, row.service_months, row.age) == ("PNS", 11, 6, 40)
    assert row.notes == ["TMT golongan belum dicatat", "pendidikan belum dicatat"]


def test_months_between_counts_completed_months():
    assert months_between(datetime.date(2015, 5, 1), datetime.date(2026, 11, 24)) == 138
    assert months_between(datetime.date(2015, 5, 25), datetime.date(2015, 6, 24)) == 0


def test_formation_counts_the_unit_first_then_the_office_and_lists_the_rest(district):
    tu = UnitFactory(organisation=district, name="Subbag TU")
    pem = UnitFactory(organisation=district, name="Seksi Pemerintahan")
    for name, unit in (("A", tu), ("B", tu), ("C", pem), ("D", pem)):
        staff = person(district, full_name=name, unit=unit)
        Employee.objects.create(staff=staff, job_title="Pengadministrasi  umum" if name != "D" else "Analis")
    tu_row = Formation.objects.create(
        organisation=district, unit=tu, job_title="Pengadministrasi Umum", position_type="pelaksana", needed=1
    )
    office_row = Formation.objects.create(
        organisation=district,
        unit=None,
        job_title="Pengadministrasi Umum",
        position_type="pelaksana",
        needed=3,
    )
    report = formation_report(district)
    by_id = {row.formation.pk: row for row in report.rows}
    assert [p.full_name for p in by_id[tu_row.pk].holders] == ["A", "B"]
    assert by_id[tu_row.pk].verdict == "lebih" and by_id[tu_row.pk].difference == 1
    assert [p.full_name for p in by_id[office_row.pk].holders] == ["C"]
    assert by_id[office_row.pk].verdict == "kurang"
    assert [p.full_name for p in report.outside] == ["D"]
    assert (report.needed, report.filled) == (4, 3)
