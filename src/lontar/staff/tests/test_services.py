"""Writes to personnel files: checked against the NIP, permission-checked, audited with before/after,
and keeping `core.Staff.rank` and the main sheet's post in step with the histories."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core import civil_service
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.staff.models import Employee, PositionType, RankHistory
from lontar.staff.sections import SECTIONS
from lontar.staff.services import personnel as services
from lontar.staff.tests.factories import keeper, nip, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def sekcam(district):
    return keeper(district)


@pytest.fixture
def budi(district):
    return person(district, full_name="Budi Santoso", number=nip("19860926", "201506", "1"))


def main_sheet(actor, staff, **values):
    data = {"birth_date": datetime.date(1986, 9, 26), "sex": "1", "service_start": datetime.date(2015, 6, 1)}
    data.update(values)
    return services.save_main_sheet(actor=actor, staff=staff, staff_data={}, employee_data=data)


def test_a_main_sheet_that_agrees_with_the_nip_is_saved_and_audited(sekcam, budi):
    employee = main_sheet(sekcam, budi, birth_place="Garut", job_title="Pengadministrasi Umum")
    assert employee.birth_place == "Garut"
    event = AuditEvent.objects.get(action="staff.employee.create")
    assert event.after["birth_date"] == "1986-09-26" and event.organisation_id == budi.organisation_id
    main_sheet(sekcam, budi, birth_place="Bandung", job_title="Pengadministrasi Umum")
    update = AuditEvent.objects.get(action="staff.employee.update")
    assert update.before == {"birth_place": "Garut"} and update.after == {"birth_place": "Bandung"}


@pytest.mark.parametrize(
    ("values", "field", "digits"),
    [
        ({"birth_date": datetime.date(1986, 9, 27)}, "birth_date", "ke-1 sampai ke-8"),
        ({"service_start": datetime.date(2015, 7, 1)}, "service_start", "ke-9 sampai ke-14"),
        ({"sex": "2"}, "sex", "ke-15"),
    ],
)
def test_a_main_sheet_the_nip_contradicts_is_refused_and_nothing_changes(sekcam, budi, values, field, digits):
    with pytest.raises(ValidationError) as refused:
        main_sheet(sekcam, budi, **values)
    assert digits in " ".join(refused.value.message_dict[field])
    assert not Employee.objects.filter(staff=budi).exists()
    assert not AuditEvent.objects.filter(action__startswith="staff.employee").exists()


def test_changing_the_nip_is_checked_against_the_file_too(sekcam, budi):
    main_sheet(sekcam, budi)
    with pytest.raises(ValidationError) as refused:
        services.save_main_sheet(
            actor=sekcam, staff=budi, staff_data={"nip": "19870926 201505 1 123"}, employee_data={}
        )
    assert "birth_date" in refused.value.message_dict
    budi.refresh_from_db()
    assert budi.nip.startswith("19860926")


def test_staff_without_manage_personnel_cannot_write(district, budi):
    for role in (Role.STAFF, Role.SECTION_HEAD, Role.AUDITOR, Role.HEAD):
        with pytest.raises(PermissionDenied):
            main_sheet(member(district, role), budi)


def test_another_office_cannot_write(other_district, budi):
    with pytest.raises(PermissionDenied):
        main_sheet(keeper(other_district), budi)


def test_the_latest_rank_row_sets_the_staff_rank_and_the_change_is_audited(sekcam, budi):
    pangkat = SECTIONS["pangkat"]
    services.add_row(
        actor=sekcam,
        staff=budi,
        section=pangkat,
        data={"rank": "III/a Penata Muda", "tmt": datetime.date(2015, 5, 1)},
    )
    newer = services.add_row(
        actor=sekcam,
        staff=budi,
        section=pangkat,
        data={"rank": "III/b Penata Muda Tingkat I", "tmt": datetime.date(2019, 4, 1)},
    )
    budi.refresh_from_db()
    assert budi.rank == "III/b Penata Muda Tingkat I"
    sync = AuditEvent.objects.filter(action="staff.rank_sync").order_by("sequence").last()
    assert sync.before == {"rank": "III/a Penata Muda"} and sync.after == {
        "rank": "III/b Penata Muda Tingkat I"
    }
    # An older row added later does not move the rank back.
    services.add_row(
        actor=sekcam,
        staff=budi,
        section=pangkat,
        data={"rank": "II/d Pengatur Tingkat I", "tmt": datetime.date(2014, 1, 1)},
    )
    budi.refresh_from_db()
    assert budi.rank == "III/b Penata Muda Tingkat I"
    services.delete_row(actor=sekcam, row=newer)
    budi.refresh_from_db()
    assert budi.rank == "III/a Penata Muda"
    deleted = AuditEvent.objects.get(action="staff.pangkat.delete")
    assert deleted.before["rank"] == "III/b Penata Muda Tingkat I"


def test_a_rank_that_does_not_fit_the_status_is_refused(district, sekcam):
    contract = person(district, employment_type=civil_service.NON_ASN)
    with pytest.raises(ValidationError) as refused:
        services.add_row(
            actor=sekcam,
            staff=contract,
            section=SECTIONS["pangkat"],
            data={"rank": "III/a Penata Muda", "tmt": datetime.date(2020, 1, 1)},
        )
    assert "non-ASN" in refused.value.message_dict["rank"][0]
    assert not RankHistory.objects.exists()


def test_a_rank_before_the_tmt_cpns_is_refused(sekcam, budi):
    main_sheet(sekcam, budi)
    with pytest.raises(ValidationError) as refused:
        services.add_row(
            actor=sekcam,
            staff=budi,
            section=SECTIONS["pangkat"],
            data={"rank": "III/a Penata Muda", "tmt": datetime.date(2015, 4, 1)},
        )
    assert "TMT CPNS" in refused.value.message_dict["tmt"][0]


def test_the_open_position_row_sets_the_job_title(sekcam, budi):
    services.add_row(
        actor=sekcam,
        staff=budi,
        section=SECTIONS["jabatan"],
        data={
            "title": "Kepala Seksi Pemerintahan",
            "position_type": PositionType.SUPERVISOR,
            "tmt": datetime.date(2022, 1, 3),
        },
    )
    employee = Employee.objects.get(staff=budi)
    assert (employee.job_title, employee.position_type) == (
        "Kepala Seksi Pemerintahan",
        PositionType.SUPERVISOR,
    )
    assert AuditEvent.objects.filter(action="staff.position_sync").exists()


def test_a_position_ending_before_it_starts_is_refused(sekcam, budi):
    with pytest.raises(ValidationError) as refused:
        services.add_row(
            actor=sekcam,
            staff=budi,
            section=SECTIONS["jabatan"],
            data={
                "title": "Pengadministrasi Umum",
                "position_type": PositionType.EXECUTOR,
                "tmt": datetime.date(2022, 1, 3),
                "end_date": datetime.date(2021, 1, 3),
            },
        )
    assert "end_date" in refused.value.message_dict


def test_row_updates_are_audited_with_only_what_changed(sekcam, budi):
    row = services.add_row(
        actor=sekcam,
        staff=budi,
        section=SECTIONS["pendidikan"],
        data={
            "level": "s1",
            "institution": "Universitas Padjadjaran",
            "major": "Ilmu Pemerintahan",
            "graduation_year": 2009,
        },
    )
    services.update_row(actor=sekcam, row=row, data={"graduation_year": 2010})
    event = AuditEvent.objects.get(action="staff.pendidikan.update")
    assert (event.before, event.after) == ({"graduation_year": 2009}, {"graduation_year": 2010})
    with pytest.raises(ValidationError):
        services.update_row(actor=sekcam, row=row, data={"graduation_year": 2999})
