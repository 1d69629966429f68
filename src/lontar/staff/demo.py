"""Demo personnel files for Kecamatan Jatisari, filled by Subbag TU through the services.

Every value agrees with the person's NIP (birth date, TMT CPNS month, sex): the file is what the NIP
says, completed with a birth place, a rank history climbing every four years to the current rank
(periods 1 April and 1 October), KGB every two years, the current post and the one before it for
section heads, the education the person's degree implies, a family, the SK CPNS/PPPK, a PPPK work
agreement that ends within two months (so the expiry badge and the dashboard line show), and the
office's formation with one post left unfilled.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from lontar.core import civil_service
from lontar.core.demo import data
from lontar.core.models import Organisation, PositionAssignment, Staff, User
from lontar.staff import facts
from lontar.staff.models import (
    DocumentKind,
    EducationLevel,
    Employee,
    FamilyMember,
    Formation,
    PositionType,
    RankHistory,
    Sex,
)
from lontar.staff.sections import SECTIONS
from lontar.staff.services import formations as formation_services
from lontar.staff.services import personnel as services

OFFICE_CODE = "Kec.Jts"
KEEPER = "sekcam.jatisari"
STREETS = ("Melati", "Kenanga", "Flamboyan", "Cempaka")
BIRTH_PLACES = ("Bandung", "Sumedang", "Garut", "Tasikmalaya", "Cianjur", "Sukamaju", "Ciamis", "Subang")
SPOUSES = {
    Sex.MALE: ("Nenden Sulastri", "Wati Herawati", "Lilis Suryani", "Dewi Anggraeni", "Yanti Rohayati"),
    Sex.FEMALE: ("Agus Setiawan", "Dadan Ramdani", "Hendra Gunawan", "Yusuf Maulana", "Rudi Hermawan"),
}
CHILDREN = {
    Sex.MALE: ("Raka", "Fikri", "Dimas", "Rafi"),
    Sex.FEMALE: ("Nayla", "Alya", "Salsabila", "Zahra"),
}
# Type of post by the demo's position key (data.district_positions).
POSITION_TYPES = {
    "camat": PositionType.ADMINISTRATOR,
    "sekcam": PositionType.ADMINISTRATOR,
    "kasubag_tu": PositionType.SUPERVISOR,
    "kasubag_pk": PositionType.SUPERVISOR,
    "kasi_pem": PositionType.SUPERVISOR,
    "kasi_pel": PositionType.SUPERVISOR,
    "kasi_trantib": PositionType.SUPERVISOR,
    "kasi_kesos": PositionType.SUPERVISOR,
    "kasi_ekbang": PositionType.SUPERVISOR,
    "analis": PositionType.FUNCTIONAL_FIRST,
    "pranata": PositionType.FUNCTIONAL_FIRST,
}
# Extra formation needs beyond one person per post: (job title, type, needed).
EXTRA_NEEDS = {"Pengadministrasi Umum": 2, "Analis Kebijakan": 2, "Pengelola Layanan Operasional": 2}
UNFILLED = ("Penata Kelola Sistem dan Teknologi Informasi", PositionType.FUNCTIONAL_FIRST, 1)


def _rng(*parts) -> random.Random:
    return random.Random(":".join(str(p) for p in parts))


def _person(full_name: str) -> data.Person | None:
    for district in data.DISTRICTS:
        for person in district.people:
            if person.full_name == full_name:
                return person
    return None


def _education(person: data.Person) -> tuple[str, str, str]:
    """(level, major, institution) the person's degree implies."""
    titles = person.back_title
    if "M." in titles:
        return EducationLevel.S2, "Magister Administrasi Publik", "Universitas Padjadjaran"
    if "S.STP." in titles:
        return EducationLevel.D4, "Manajemen Pemerintahan", "Institut Pemerintahan Dalam Negeri"
    if "S.Kom." in titles:
        return EducationLevel.S1, "Teknik Informatika", "Universitas Komputer Indonesia"
    if "S.E." in titles:
        return EducationLevel.S1, "Manajemen", "Universitas Pasundan"
    if "S.H." in titles:
        return EducationLevel.S1, "Ilmu Hukum", "Universitas Islam Bandung"
    if "S.T." in titles:
        return EducationLevel.S1, "Teknik Sipil", "Institut Teknologi Nasional"
    if titles.startswith("S."):
        return EducationLevel.S1, "Ilmu Pemerintahan", "Universitas Padjadjaran"
    if titles.startswith("A.Md."):
        return (
            EducationLevel.D3,
            "Akuntansi" if "Ak" in titles else "Administrasi Bisnis",
            "Politeknik Negeri Bandung",
        )
    return EducationLevel.SMA, "IPS", "SMA Negeri 1 Sukamaju"


def _start_rank(level: str) -> int:
    if level in (EducationLevel.S1, EducationLevel.S2, EducationLevel.D4):
        return civil_service.PNS_RANKS.index("III/a Penata Muda")
    if level == EducationLevel.D3:
        return civil_service.PNS_RANKS.index("II/c Pengatur")
    return civil_service.PNS_RANKS.index("II/a Pengatur Muda")


def _period(day: datetime.date) -> datetime.date:
    """The promotion period (1 April or 1 October) on or before `day`."""
    if day.month >= 10:
        return datetime.date(day.year, 10, 1)
    if day.month >= 4:
        return datetime.date(day.year, 4, 1)
    return datetime.date(day.year - 1, 10, 1)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class PersonnelDemo:
    def __init__(self, office, keeper) -> None:
        self.office = office
        self.keeper = keeper
        self.today = timezone.localdate()
        self.created: Counter[str] = Counter()

    def add(self, staff, slug: str, **values):
        self.created[SECTIONS[slug].row_label] += 1
        return services.add_row(actor=self.keeper, staff=staff, section=SECTIONS[slug], data=values)

    def fill(self, staff: Staff, person: data.Person | None) -> None:
        rng = _rng("personnel", staff.full_name)
        assignment = (
            PositionAssignment.objects.filter(staff=staff, kind=PositionAssignment.Kind.DEFINITIVE)
            .select_related("position__unit")
            .order_by("-start_date")
            .first()
        )
        key = person.position if person else ""
        position_type = POSITION_TYPES.get(key, PositionType.EXECUTOR)
        born = facts.birth_date(staff) or datetime.date(
            rng.randint(1988, 1998), rng.randint(1, 12), rng.randint(1, 28)
        )
        sex = facts.sex(staff) or (Sex.FEMALE if person and person.sex == "P" else Sex.MALE)
        if staff.employment_type == civil_service.PNS:
            start = facts.service_start(staff)
        elif staff.employment_type == civil_service.PPPK:
            start = datetime.date(int(staff.nip[8:12]), 3, 1)
        else:
            start = datetime.date(rng.randint(2019, 2023), 1, 2)
        level, major, institution = (
            _education(person) if person else (EducationLevel.SMA, "IPS", "SMA Negeri 1 Sukamaju")
        )
        services.save_main_sheet(
            actor=self.keeper,
            staff=staff,
            staff_data={},
            employee_data={
                "birth_place": rng.choice(BIRTH_PLACES),
                "birth_date": born,
                "sex": sex,
                "service_start": start,
                "tmt_pns": _add_years(start, 1) if staff.employment_type == civil_service.PNS else None,
                "position_type": position_type,
                "address": f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 90)}, Kota Sukamaju",
            },
        )
        self.created["data pokok"] += 1
        graduated = start.year - rng.randint(1, 2)
        self.add(
            staff, "pendidikan", level=level, institution=institution, major=major, graduation_year=graduated
        )
        if level == EducationLevel.S2:
            self.add(
                staff,
                "pendidikan",
                level=EducationLevel.S1,
                institution="Universitas Padjadjaran",
                major="Ilmu Pemerintahan",
                graduation_year=graduated - 6,
            )
        self.ranks(staff, start, level)
        self.salary_increases(staff, start)
        self.positions(staff, assignment, position_type, start, key)
        self.family(staff, born, sex, rng)
        self.documents(staff, start)

    def ranks(self, staff, start: datetime.date, level: str) -> None:
        if staff.employment_type == civil_service.PPPK:
            self.add(staff, "pangkat", rank=staff.rank, kind=RankHistory.Kind.CPNS, tmt=start)
            return
        if staff.employment_type != civil_service.PNS or staff.rank not in civil_service.PNS_RANKS:
            return
        current = civil_service.PNS_RANKS.index(staff.rank)
        first = min(_start_rank(level), current)
        last_tmt = _period(
            self.today - datetime.timedelta(days=_rng("tmt", staff.full_name).randint(200, 1300))
        )
        steps = current - first
        sequence = 1
        self.add(
            staff,
            "pangkat",
            rank=civil_service.PNS_RANKS[first],
            kind=RankHistory.Kind.CPNS,
            tmt=start,
            decree_number=f"800.1.3.1/{sequence:03d}-BKPSDM/{start.year}",
            service_years=0,
            service_months=0,
        )
        if steps <= 0:
            return
        gap = (last_tmt - start) / steps
        previous = start
        for step in range(1, steps + 1):
            tmt = (
                last_tmt
                if step == steps
                else max(_period(start + gap * step), previous + datetime.timedelta(days=1))
            )
            previous = tmt
            self.add(
                staff,
                "pangkat",
                rank=civil_service.PNS_RANKS[first + step],
                kind=RankHistory.Kind.REGULAR,
                tmt=tmt,
                decree_number=f"800.1.3.2/{step:03d}-BKPSDM/{tmt.year}",
                decree_date=tmt - datetime.timedelta(days=30),
            )

    def salary_increases(self, staff, start: datetime.date) -> None:
        if staff.employment_type == civil_service.NON_ASN:
            return
        tmt = _add_years(start, 2)
        while _add_years(tmt, 2) <= self.today:
            tmt = _add_years(tmt, 2)
        for years_back in (4, 2, 0):
            day = _add_years(tmt, -years_back)
            if day > start:
                self.add(staff, "kgb", tmt=day, decree_number=f"800.1.4.1/{day:%m%y}-Kec.Jts")

    def positions(self, staff, assignment, position_type, start, key: str) -> None:
        if assignment is None:
            return
        title = assignment.position.title
        if (
            position_type in (PositionType.SUPERVISOR, PositionType.ADMINISTRATOR)
            and assignment.start_date > start
        ):
            earlier_start = _add_years(assignment.start_date, -3)
            self.add(
                staff,
                "jabatan",
                title="Kepala Seksi Pemerintahan" if key == "camat" else "Pengadministrasi Umum",
                position_type=PositionType.SUPERVISOR if key == "camat" else PositionType.EXECUTOR,
                unit_name="Kecamatan Mekarsari" if key == "camat" else "Kecamatan Jatisari",
                tmt=max(start, earlier_start),
                end_date=assignment.start_date - datetime.timedelta(days=1),
            )
        self.add(
            staff,
            "jabatan",
            title=title,
            position_type=position_type,
            unit_name=f"{assignment.position.unit.name}, {self.office.name}",
            tmt=assignment.start_date,
            decree_number=assignment.decree_number,
        )

    def family(self, staff, born: datetime.date, sex: str, rng) -> None:
        if born.year > 1993:
            return
        spouse_sex = Sex.FEMALE if sex == Sex.MALE else Sex.MALE
        married = _add_years(born, rng.randint(24, 28))
        self.add(
            staff,
            "keluarga",
            relation=FamilyMember.Relation.SPOUSE,
            full_name=rng.choice(SPOUSES[sex]),
            birth_date=_add_years(born, rng.choice((-2, -1, 1, 2))),
            sex=spouse_sex,
            is_dependent=True,
        )
        family_name = staff.full_name.split()[-1]
        for number in range(rng.randint(1, 3)):
            child_born = _add_years(married, 1 + 3 * number) + datetime.timedelta(days=rng.randint(0, 300))
            if child_born >= self.today:
                break
            child_sex = rng.choice((Sex.MALE, Sex.FEMALE))
            self.add(
                staff,
                "keluarga",
                relation=FamilyMember.Relation.CHILD,
                full_name=f"{rng.choice(CHILDREN[child_sex])} {family_name}",
                birth_date=child_born,
                sex=child_sex,
                is_dependent=(self.today - child_born).days < 25 * 365,
            )

    def documents(self, staff, start: datetime.date) -> None:
        if staff.employment_type == civil_service.PNS:
            self.add(
                staff,
                "dokumen",
                kind=DocumentKind.SK_CPNS,
                title="SK Pengangkatan CPNS",
                number=f"800.1.3.1/{staff.pk:03d}-BKPSDM/{start.year}",
                issued_on=start - datetime.timedelta(days=20),
            )
        elif staff.employment_type == civil_service.PPPK:
            # PPPK serve under a work agreement of a fixed term; this one ends within two months.
            self.add(
                staff,
                "dokumen",
                kind=DocumentKind.CONTRACT,
                title="Perjanjian Kerja PPPK",
                number=f"800.1.2.5/{staff.pk:03d}-BKPSDM/{start.year}",
                issued_on=start,
                expires_on=self.today + datetime.timedelta(days=45),
            )
        else:
            self.add(
                staff,
                "dokumen",
                kind=DocumentKind.CONTRACT,
                title="Surat Perjanjian Kerja Tenaga Non-ASN",
                number=f"027/{staff.pk:03d}-Kec.Jts/{self.today.year}",
                issued_on=datetime.date(self.today.year, 1, 2),
                expires_on=datetime.date(self.today.year, 12, 31),
            )

    def formations(self) -> None:
        if Formation.objects.filter(organisation=self.office).exists():
            return
        seen = set()
        rows = (
            PositionAssignment.objects.filter(
                organisation=self.office, kind=PositionAssignment.Kind.DEFINITIVE
            )
            .select_related("position__unit")
            .order_by("position__order")
        )
        order = 0
        for assignment in rows:
            position = assignment.position
            if position.title in seen:
                continue
            seen.add(position.title)
            order += 1
            person = _person(assignment.staff.full_name)
            formation_services.create_formation(
                actor=self.keeper,
                organisation=self.office,
                data={
                    "unit": position.unit,
                    "job_title": position.title,
                    "position_type": POSITION_TYPES.get(
                        person.position if person else "", PositionType.EXECUTOR
                    ),
                    "needed": EXTRA_NEEDS.get(position.title, 1),
                    "order": order,
                },
            )
            self.created["formasi"] += 1
        title, position_type, needed = UNFILLED
        formation_services.create_formation(
            actor=self.keeper,
            organisation=self.office,
            data={
                "unit": None,
                "job_title": title,
                "position_type": position_type,
                "needed": needed,
                "order": order + 1,
            },
        )
        self.created["formasi"] += 1


@transaction.atomic
def load_personnel_demo() -> Counter:
    office = Organisation.objects.filter(code=OFFICE_CODE).first()
    keeper = User.objects.filter(username=KEEPER).first()
    if office is None or keeper is None:
        return Counter()
    demo = PersonnelDemo(office, keeper)
    for staff in Staff.objects.filter(organisation=office, is_active=True).order_by("pk"):
        if Employee.objects.filter(staff=staff).exists():
            continue
        demo.fill(staff, _person(staff.full_name))
    demo.formations()
    return demo.created
