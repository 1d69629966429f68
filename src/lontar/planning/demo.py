"""Demo data of planning: Kecamatan Jatisari's plan for the current fiscal year, built through the real
services so pagu versions, plans, realisation and the audit trail are true.

Two programs of the kecamatan nomenclature (Kepmendagri 050-5889/2021, the update of Permendagri
90/2019), five kegiatan and ten sub kegiatan with invented pagu, a monthly plan, indicators, and
realisation entered by each sub-activity's PPTK up to October (or the current month if earlier). Two
sub-activities lag far behind (red), one a little (amber); January to September are verified and locked
by Subbag TU; one sub-activity had a pergeseran in July. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.core.models import Organisation, Unit
from lontar.core.workdays.calendar import organisation_today
from lontar.planning.models import BudgetKind, PlanYear
from lontar.planning.services import realisation as realisation_services
from lontar.planning.services import structure as services

FLAT = (1,) * 12
# Activity-based spending: little in the first quarter, most in the middle of the year.
MIDYEAR = (0, 1, 2, 3, 3, 3, 3, 3, 2, 2, 1, 1)
EARLY = (0, 2, 3, 3, 2, 1, 1, 0, 0, 0, 0, 0)

# program code, name, outcome indicator (name, unit, target)
PROGRAMS = [
    (
        "7.01.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        ("Nilai SAKIP Perangkat Daerah", "nilai", "70"),
    ),
    (
        "7.01.02",
        "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
        ("Indeks Kepuasan Masyarakat terhadap pelayanan kecamatan", "indeks", "82"),
    ),
]
# kegiatan code, name, output indicator
ACTIVITIES = [
    (
        "7.01.01.2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        ("Cakupan Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "%", "100"),
    ),
    (
        "7.01.01.2.06",
        "Administrasi Umum Perangkat Daerah",
        ("Cakupan Administrasi Umum Perangkat Daerah", "%", "100"),
    ),
    (
        "7.01.01.2.08",
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        ("Cakupan Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "%", "100"),
    ),
    (
        "7.01.02.2.01",
        "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        ("Cakupan Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan", "%", "100"),
    ),
    (
        "7.01.02.2.02",
        "Perencanaan Kegiatan Pelayanan kepada Masyarakat di Kecamatan",
        ("Cakupan Pelayanan kepada Masyarakat di Kecamatan", "%", "100"),
    ),
]
# sub kegiatan code, name, pagu, PPTK username, unit code, plan pattern, realisation factor,
# output indicator (name, unit, target)
SUB_ACTIVITIES = [
    (
        "7.01.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        24_500_000,
        "staf.keu",
        "PK",
        EARLY,
        Decimal("1"),
        ("Jumlah Dokumen Perencanaan Perangkat Daerah", "dokumen", "2"),
    ),
    (
        "7.01.01.2.01.0007",
        "Evaluasi Kinerja Perangkat Daerah",
        15_000_000,
        "staf.keu",
        "PK",
        MIDYEAR,
        Decimal("0.85"),
        ("Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", "laporan", "4"),
    ),
    (
        "7.01.01.2.06.0002",
        "Penyediaan Peralatan dan Perlengkapan Kantor",
        52_000_000,
        "kasubag.tu",
        "TU",
        MIDYEAR,
        Decimal("1"),
        ("Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan", "paket", "1"),
    ),
    (
        "7.01.01.2.06.0004",
        "Penyediaan Bahan Logistik Kantor",
        37_495_000,
        "staf",
        "TU",
        FLAT,
        Decimal("0.95"),
        ("Jumlah Paket Bahan Logistik Kantor yang Disediakan", "paket", "12"),
    ),
    (
        "7.01.01.2.06.0009",
        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        103_356_800,
        "kasubag.tu",
        "TU",
        FLAT,
        Decimal("0.98"),
        ("Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "laporan", "12"),
    ),
    (
        "7.01.01.2.08.0002",
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        110_212_080,
        "staf",
        "TU",
        FLAT,
        Decimal("1"),
        ("Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "laporan", "12"),
    ),
    (
        "7.01.01.2.08.0004",
        "Penyediaan Jasa Pelayanan Umum Kantor",
        297_000_000,
        "kasubag.tu",
        "TU",
        FLAT,
        Decimal("1"),
        ("Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor", "laporan", "12"),
    ),
    (
        "7.01.02.2.01.0001",
        "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan "
        "Perangkat Daerah dan Instansi Vertikal Terkait",
        68_750_000,
        "kasi.pem",
        "PEM",
        MIDYEAR,
        Decimal("0.5"),
        ("Jumlah Laporan Hasil Koordinasi/Sinergi", "laporan", "4"),
    ),
    (
        "7.01.02.2.01.0002",
        "Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan",
        114_282_000,
        "staf.pem",
        "PEM",
        MIDYEAR,
        Decimal("0.55"),
        ("Jumlah Kegiatan Pemerintahan yang Dilaksanakan di Tingkat Kecamatan", "kegiatan", "6"),
    ),
    (
        "7.01.02.2.02.0001",
        "Perencanaan Kegiatan Pelayanan kepada Masyarakat di Kecamatan",
        10_000_000,
        "kasi.pel",
        "PEL",
        EARLY,
        Decimal("1"),
        ("Jumlah Dokumen Hasil Musrenbang Kecamatan", "dokumen", "1"),
    ),
]
REALISED_UP_TO = 10
LOCKED_UP_TO = 9


def _user(username: str):
    return get_user_model().objects.filter(username=username, is_active=True).first()


def split(pagu: int, weights: tuple[int, ...]) -> list[int]:
    """Integer rupiah per month in proportion to `weights`, adding up to `pagu` exactly."""
    total = sum(weights)
    amounts = [pagu * w // total for w in weights]
    amounts[max(range(12), key=lambda i: (weights[i], i))] += pagu - sum(amounts)
    return amounts


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def load_planning_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code="Kec.Jts").first()
    planner = _user("kasubag.pk.jatisari")
    verifier = _user("kasubag.tu.jatisari")
    if office is None or planner is None or verifier is None:
        return created
    today = organisation_today(office)
    if PlanYear.objects.filter(organisation=office, year=today.year).exists():
        return created
    plan_year = services.create_plan_year(
        actor=planner, organisation=office, year=today.year, notes="Renja dan DPA Kecamatan Jatisari."
    )
    created["planning.planyear"] += 1
    units = {u.code: u for u in Unit.objects.filter(organisation=office)}
    programs = {}
    for code, name, (ind_name, ind_unit, ind_target) in PROGRAMS:
        programs[code] = services.create_program(actor=planner, plan_year=plan_year, code=code, name=name)
        services.add_indicator(
            actor=planner, owner=programs[code], name=ind_name, unit=ind_unit, target=ind_target
        )
    activities = {}
    for code, name, (ind_name, ind_unit, ind_target) in ACTIVITIES:
        program = programs[code.rsplit(".", 2)[0]]
        activities[code] = services.create_activity(actor=planner, program=program, code=code, name=name)
        services.add_indicator(
            actor=planner, owner=activities[code], name=ind_name, unit=ind_unit, target=ind_target
        )
    created["planning.program"] += len(programs)
    created["planning.activity"] += len(activities)
    last_month = min(REALISED_UP_TO, realisation_services.last_open_month(plan_year))
    for code, name, pagu, pptk, unit, weights, factor, (ind_name, ind_unit, ind_target) in SUB_ACTIVITIES:
        responsible = _user(f"{pptk}.jatisari")
        sub = services.create_sub_activity(
            actor=planner,
            activity=activities[code.rsplit(".", 1)[0]],
            code=code,
            name=name,
            pagu=pagu,
            responsible=responsible,
            unit=units.get(unit),
            location="Kantor Kecamatan Jatisari",
            reference=f"DPA/{today.year}/Kec.Jts",
        )
        indicator = services.add_indicator(
            actor=planner, owner=sub, name=ind_name, unit=ind_unit, target=ind_target
        )
        amounts = split(pagu, weights)
        cumulative, rows = 0, {}
        for month, amount in enumerate(amounts, start=1):
            cumulative += amount
            rows[month] = (amount, _percent(cumulative, pagu))
        services.set_monthly_plan(actor=planner, sub_activity=sub, rows=rows)
        created["planning.subactivity"] += 1
        actor = responsible or planner
        spent = 0
        for month in range(1, last_month + 1):
            amount = int(amounts[month - 1] * factor)
            spent += amount
            physical = min(
                _percent(spent, pagu) * Decimal("1.02") if factor == 1 else rows[month][1] * factor,
                Decimal(100),
            ).quantize(Decimal("0.01"))
            achieved = (Decimal(ind_target) * physical / 100).quantize(Decimal("0.01"))
            realisation_services.record_realisation(
                actor=actor,
                sub_activity=sub,
                month=month,
                amount=amount,
                physical_progress=physical,
                notes=""
                if factor >= Decimal("0.9")
                else "Kegiatan lapangan bergeser menunggu jadwal bersama kelurahan.",
                achievements={indicator.pk: achieved},
            )
            created["planning.realisation"] += 1
        if code == "7.01.01.2.06.0002" and last_month >= 7:
            services.revise_budget(
                actor=planner,
                sub_activity=sub,
                amount=pagu + 4_000_000,
                kind=BudgetKind.SHIFT,
                reason="Pergeseran dari belanja jasa pelayanan umum kantor: penggantian dua printer rusak.",
                reference=f"Keputusan Camat tentang Pergeseran Anggaran {today.year}",
            )
            rows[11] = (rows[11][0] + 4_000_000, rows[11][1])
            services.set_monthly_plan(actor=planner, sub_activity=sub, rows=rows)
    for month in range(1, min(LOCKED_UP_TO, last_month) + 1):
        realisation_services.lock_month(actor=verifier, plan_year=plan_year, month=month, note="Sesuai SPJ.")
        created["planning.monthlock"] += 1
    return created
