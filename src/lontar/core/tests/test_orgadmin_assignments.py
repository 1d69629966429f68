"""Who holds a position on which day: definitive holders, Plt. and Plh., and the rules an office keeps."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from lontar.core.models import AuditEvent, PositionAssignment
from lontar.core.orgadmin import services
from lontar.core.tests.factories import PositionFactory, StaffFactory

pytestmark = pytest.mark.django_db

D = datetime.date
DEFINITIVE = PositionAssignment.Kind.DEFINITIVE
PLT = PositionAssignment.Kind.PLT
PLH = PositionAssignment.Kind.PLH


@pytest.fixture
def kasi(district):
    return PositionFactory(organisation=district, title="Kepala Seksi Pemerintahan")


def person(district, name):
    return StaffFactory(organisation=district, user=None, full_name=name)


def assign(actor, position, staff, start, end=None, kind=DEFINITIVE, **extra):
    return services.assign_position(
        actor=actor, position=position, staff=staff, kind=kind, start_date=start, end_date=end, **extra
    )


def messages_of(exc) -> str:
    return " ".join(exc.value.messages)


def test_a_second_definitive_holder_on_the_same_days_is_refused_naming_the_first(district, org_admin, kasi):
    assign(org_admin, kasi, person(district, "Budi Santoso"), D(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        assign(org_admin, kasi, person(district, "Siti Aminah"), D(2025, 3, 1))
    assert messages_of(exc) == (
        "Jabatan Kepala Seksi Pemerintahan sudah dipangku secara definitif oleh Budi Santoso "
        "(sejak 1 Jan 2024). Akhiri dahulu penugasan tersebut sehari sebelum pemangku baru mulai."
    )
    assert kasi.assignments.count() == 1


def test_a_successor_may_start_the_day_after_the_predecessor_ends(district, org_admin, kasi):
    first = assign(org_admin, kasi, person(district, "Budi Santoso"), D(2024, 1, 1))
    services.end_assignment(actor=org_admin, assignment=first, end_date=D(2025, 2, 28))
    second = assign(org_admin, kasi, person(district, "Siti Aminah"), D(2025, 3, 1))
    assert kasi.holder_on(D(2025, 2, 28)) == first
    assert kasi.holder_on(D(2025, 3, 1)) == second


def test_extending_an_ended_term_into_the_successors_term_is_refused(district, org_admin, kasi):
    first = assign(org_admin, kasi, person(district, "Budi Santoso"), D(2024, 1, 1), D(2025, 2, 28))
    assign(org_admin, kasi, person(district, "Siti Aminah"), D(2025, 3, 1))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.end_assignment(actor=org_admin, assignment=first, end_date=D(2025, 6, 30))
    assert "sudah dipangku secara definitif oleh Siti Aminah (sejak 1 Mar 2025)" in messages_of(exc)
    first.refresh_from_db()
    assert first.end_date == D(2025, 2, 28)
    assert AuditEvent.objects.count() == events


def test_an_acting_appointment_without_an_end_date_is_refused(district, org_admin, kasi):
    assign(org_admin, kasi, person(district, "Budi Santoso"), D(2024, 1, 1))
    for kind in (PLT, PLH):
        with pytest.raises(ValidationError) as exc:
            assign(org_admin, kasi, person(district, f"Pejabat {kind}"), D(2025, 1, 1), kind=kind)
        assert exc.value.message_dict == {
            "end_date": ["Penugasan Plt./Plh. harus memiliki tanggal selesai, sesuai surat perintahnya."]
        }
    assert kasi.assignments.count() == 1


def test_the_definitive_holder_cannot_also_be_plt_or_plh_on_the_same_days(district, org_admin, kasi):
    holder = person(district, "Budi Santoso")
    assign(org_admin, kasi, holder, D(2024, 1, 1))
    for kind in (PLT, PLH):
        with pytest.raises(ValidationError) as exc:
            assign(org_admin, kasi, holder, D(2025, 1, 1), D(2025, 1, 10), kind=kind)
        assert exc.value.message_dict["staff"] == [
            "Budi Santoso sudah memangku Kepala Seksi Pemerintahan sebagai pemangku definitif (sejak 1 Jan "
            "2024). Satu orang tidak dapat memangku jabatan yang sama dua kali pada hari yang sama; bila "
            "Plt. diangkat menjadi definitif, akhiri dahulu penugasan Plt.-nya sehari sebelum tanggal mulai."
        ]
    assert kasi.assignments.count() == 1


def test_a_plt_appointed_definitively_first_ends_the_plt_the_day_before(district, org_admin, kasi):
    acting = person(district, "Yulia Rahmawati")
    plt = assign(org_admin, kasi, acting, D(2025, 1, 1), D(2025, 6, 30), kind=PLT)
    with pytest.raises(ValidationError):
        assign(org_admin, kasi, acting, D(2025, 4, 1))
    services.end_assignment(actor=org_admin, assignment=plt, end_date=D(2025, 3, 31))
    definitive = assign(org_admin, kasi, acting, D(2025, 4, 1))
    assert kasi.holder_on(D(2025, 3, 31)) == plt
    assert kasi.holder_on(D(2025, 4, 1)) == definitive
    assert kasi.assignments.count() == 2  # the Plt. period stays in the history


def test_one_plh_at_a_time_but_a_plh_may_stand_in_for_a_plt(district, org_admin, kasi):
    plt = assign(
        org_admin, kasi, person(district, "Yulia Rahmawati"), D(2025, 1, 1), D(2025, 3, 31), kind=PLT
    )
    first = assign(org_admin, kasi, person(district, "Heri Susanto"), D(2025, 2, 3), D(2025, 2, 7), kind=PLH)
    with pytest.raises(ValidationError) as exc:
        assign(org_admin, kasi, person(district, "Agung Wibowo"), D(2025, 2, 7), D(2025, 2, 10), kind=PLH)
    assert messages_of(exc) == (
        "Jabatan Kepala Seksi Pemerintahan sudah memiliki Plh. Heri Susanto (3 Feb 2025 s.d. 7 Feb 2025). "
        "Satu jabatan hanya memiliki satu Plt. dan satu Plh. pada hari yang sama."
    )
    with pytest.raises(ValidationError):
        assign(org_admin, kasi, person(district, "Joko Purnomo"), D(2025, 3, 1), D(2025, 5, 31), kind=PLT)
    assert kasi.holder_on(D(2025, 2, 5)) == first
    assert kasi.holder_on(D(2025, 2, 10)) == plt


def test_a_plh_is_refused_for_a_vacant_position_which_needs_a_plt(district, org_admin, kasi):
    with pytest.raises(ValidationError) as exc:
        assign(org_admin, kasi, person(district, "Heri Susanto"), D(2025, 1, 6), D(2025, 1, 10), kind=PLH)
    assert messages_of(exc) == (
        "Pada 6 Jan 2025 jabatan Kepala Seksi Pemerintahan tidak memiliki pemangku definitif maupun Plt. "
        "Plh. menggantikan pejabat yang berhalangan sementara; untuk jabatan yang kosong tunjuk Plt."
    )
    # A holder whose term ends in the middle of the Plh.'s period leaves the rest of it vacant.
    assign(org_admin, kasi, person(district, "Budi Santoso"), D(2024, 1, 1), D(2025, 1, 8))
    with pytest.raises(ValidationError) as exc:
        assign(org_admin, kasi, person(district, "Heri Susanto"), D(2025, 1, 6), D(2025, 1, 10), kind=PLH)
    assert messages_of(exc).startswith("Pada 9 Jan 2025 jabatan")
    plt = assign(org_admin, kasi, person(district, "Yulia Rahmawati"), D(2025, 1, 9), D(2025, 4, 8), kind=PLT)
    plh = assign(org_admin, kasi, person(district, "Heri Susanto"), D(2025, 1, 6), D(2025, 1, 10), kind=PLH)
    assert [a.kind for a in kasi.assignments.order_by("start_date")] == [DEFINITIVE, PLH, PLT]
    assert kasi.holder_on(D(2025, 1, 10)) == plh
    assert kasi.holder_on(D(2025, 1, 11)) == plt


def test_holder_on_prefers_the_acting_holder_while_the_definitive_one_is_away(district, org_admin, kasi):
    holder = assign(org_admin, kasi, person(district, "Parlindungan Siregar"), D(2024, 1, 1))
    plh = assign(
        org_admin, kasi, person(district, "Muhammad Rojali"), D(2025, 7, 1), D(2025, 7, 12), kind=PLH
    )
    assert kasi.holder_on(D(2025, 6, 30)) == holder
    assert kasi.holder_on(D(2025, 7, 1)) == plh
    assert kasi.holder_on(D(2025, 7, 12)) == plh
    assert kasi.holder_on(D(2025, 7, 13)) == holder
    assert kasi.holder_on(D(2023, 12, 31)) is None
    assert plh.signature_prefix == "Plh. "


def test_ending_a_plh_early_and_extending_a_plt_are_audited_and_keep_the_history(district, org_admin, kasi):
    plt = assign(
        org_admin, kasi, person(district, "Yulia Rahmawati"), D(2025, 1, 1), D(2025, 3, 31), kind=PLT
    )
    plh = assign(org_admin, kasi, person(district, "Heri Susanto"), D(2025, 2, 3), D(2025, 2, 14), kind=PLH)
    services.end_assignment(actor=org_admin, assignment=plh, end_date=D(2025, 2, 5))
    services.end_assignment(actor=org_admin, assignment=plt, end_date=D(2025, 6, 30))
    events = list(AuditEvent.objects.filter(action="assignment.end").order_by("pk"))
    assert [(e.object_id, e.before, e.after) for e in events] == [
        (str(plh.pk), {"end_date": "2025-02-14"}, {"end_date": "2025-02-05"}),
        (str(plt.pk), {"end_date": "2025-03-31"}, {"end_date": "2025-06-30"}),
    ]
    assert kasi.assignments.count() == 2
    assert kasi.holder_on(D(2025, 2, 6)) == plt
    assert kasi.holder_on(D(2025, 6, 30)) == plt


def test_an_end_date_before_the_start_is_refused_on_the_end_date(district, org_admin, kasi):
    holder = assign(org_admin, kasi, person(district, "Budi Santoso"), D(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.end_assignment(actor=org_admin, assignment=holder, end_date=D(2023, 12, 31))
    assert exc.value.message_dict == {"end_date": ["Tanggal selesai tidak boleh sebelum tanggal mulai."]}
    holder.refresh_from_db()
    assert holder.end_date is None


def test_an_inactive_staff_member_cannot_be_assigned(district, org_admin, kasi):
    retired = StaffFactory(organisation=district, user=None, full_name="Odang Suhendar", is_active=False)
    with pytest.raises(ValidationError) as exc:
        assign(org_admin, kasi, retired, D(2025, 1, 1))
    assert exc.value.message_dict == {
        "staff": ["Odang Suhendar sudah tidak aktif dan tidak dapat ditugaskan."]
    }
    assert not kasi.assignments.exists()


def test_a_staff_member_holding_a_position_cannot_be_deactivated_until_it_is_ended(district, org_admin, kasi):
    holder = person(district, "Budi Santoso")
    assignment = assign(org_admin, kasi, holder, D(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.update_staff(actor=org_admin, staff=holder, is_active=False)
    assert exc.value.message_dict == {
        "is_active": [
            "Budi Santoso masih memangku Kepala Seksi Pemerintahan. Akhiri dahulu penugasannya dengan "
            "tanggal sesuai SK, lalu nonaktifkan."
        ]
    }
    holder.refresh_from_db()
    assert holder.is_active
    services.end_assignment(actor=org_admin, assignment=assignment, end_date=D(2025, 1, 31))
    services.update_staff(actor=org_admin, staff=holder, is_active=False)
    holder.refresh_from_db()
    assert not holder.is_active


def test_a_unit_has_one_head_position(district, org_admin, kasi):
    services.update_position(actor=org_admin, position=kasi, is_unit_head=True)
    with pytest.raises(ValidationError) as exc:
        services.create_position(
            actor=org_admin,
            organisation=district,
            unit=kasi.unit,
            title="Kepala Seksi Kedua",
            is_unit_head=True,
        )
    assert exc.value.message_dict == {
        "is_unit_head": [f"{kasi.unit.name} sudah dipimpin oleh jabatan Kepala Seksi Pemerintahan."]
    }
    staff_post = services.create_position(
        actor=org_admin, organisation=district, unit=kasi.unit, title="Pengolah Data", superior=kasi
    )
    assert staff_post.superior == kasi and not staff_post.is_unit_head
