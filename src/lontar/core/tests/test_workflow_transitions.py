"""The workflow primitive, exercised on a small test-only process backed by a real table."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.utils.formats import date_format

from lontar.core.models import AuditEvent, Organisation, Role
from lontar.core.permissions import grant
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.core.workdays.models import DayKind
from lontar.core.workdays.services import add_day
from lontar.core.workflow import StatusChange, Transition, TransitionNotAllowed, Workflow, WorkflowModel
from lontar.core.workflow.services import available_transitions, history, transition

SUBMIT, APPROVE, REJECT, ARCHIVE = (
    "workflow_tests.submit",
    "workflow_tests.approve",
    "workflow_tests.reject",
    "workflow_tests.archive",
)
grant([Role.STAFF, Role.HEAD], SUBMIT)
grant([Role.HEAD], APPROVE, REJECT, ARCHIVE)


class LeaveStatus(models.TextChoices):
    DRAFT = "draft", "konsep"
    SUBMITTED = "submitted", "diajukan"
    APPROVED = "approved", "disetujui"
    REJECTED = "rejected", "ditolak"
    ARCHIVED = "archived", "diarsipkan"


class LeaveWorkflow(Workflow):
    states = LeaveStatus
    initial = LeaveStatus.DRAFT
    final_states = {LeaveStatus.ARCHIVED}
    transitions = [
        Transition(
            "submit", LeaveStatus.DRAFT, LeaveStatus.SUBMITTED, SUBMIT, "Ajukan", deadline_working_days=3
        ),
        Transition("approve", LeaveStatus.SUBMITTED, LeaveStatus.APPROVED, APPROVE, "Setujui"),
        Transition("reject", LeaveStatus.SUBMITTED, LeaveStatus.REJECTED, REJECT, "Tolak"),
        Transition(
            "archive", [LeaveStatus.APPROVED, LeaveStatus.REJECTED], LeaveStatus.ARCHIVED, ARCHIVE, "Arsipkan"
        ),
        # A deadline kept as data on the object, and a self-loop that only moves the deadline.
        Transition(
            "resubmit",
            LeaveStatus.REJECTED,
            LeaveStatus.SUBMITTED,
            SUBMIT,
            "Ajukan ulang",
            deadline_working_days=lambda leave: len(leave.reason) // 10 or None,
        ),
        Transition("extend", LeaveStatus.SUBMITTED, LeaveStatus.SUBMITTED, APPROVE, "Perpanjang tenggat"),
    ]


class LeaveRequest(WorkflowModel):
    """Test-only model (its app is not installed; the table is created by the fixture below)."""

    workflow = LeaveWorkflow
    # No database constraint: PostgreSQL refuses to TRUNCATE core_organisation (pytest-django's flush
    # after transactional tests) while a table unknown to Django references it.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    status = models.CharField(max_length=40, choices=LeaveStatus.choices, default=LeaveStatus.DRAFT)
    reason = models.CharField(max_length=100)

    class Meta:
        app_label = "workflow_tests"

    def __str__(self) -> str:
        return self.reason


@pytest.fixture(scope="session")
def leave_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(LeaveRequest)
        yield
        with connection.schema_editor() as editor:
            editor.delete_model(LeaveRequest)


@pytest.fixture
def leave(leave_table, district):
    # The test model's content type row is rolled back after each test; don't trust the cached one.
    ContentType.objects.clear_cache()
    return LeaveRequest.objects.create(organisation=district, reason="Cuti tahunan")


def _state_of(obj):
    fresh = LeaveRequest.objects.get(pk=obj.pk)
    return fresh.status, fresh.status_changed_at, fresh.due_date


def test_workflow_declaration_rejects_unknown_states():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):

        class Broken(Workflow):
            states = LeaveStatus
            initial = LeaveStatus.DRAFT
            transitions = [Transition("x", LeaveStatus.DRAFT, "nowhere", permission=SUBMIT)]


def test_transition_changes_state_and_writes_history_and_audit(leave, staff_user):
    before_audit = AuditEvent.objects.count()

    change = transition(obj=leave, name="submit", actor=staff_user, note="Mohon disetujui")

    status, changed_at, due = _state_of(leave)
    assert status == LeaveStatus.SUBMITTED
    assert changed_at is not None and leave.status == LeaveStatus.SUBMITTED
    assert due == add_working_days(organisation_today(leave.organisation), 3, organisation=leave.organisation)
    (row,) = history(leave)
    assert row == change
    assert (row.transition, row.from_state, row.to_state, row.actor, row.note, row.organisation) == (
        "submit",
        LeaveStatus.DRAFT,
        LeaveStatus.SUBMITTED,
        staff_user,
        "Mohon disetujui",
        leave.organisation,
    )
    assert AuditEvent.objects.count() == before_audit + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "workflow_tests.leaverequest.submit"
    assert event.actor == staff_user
    assert event.organisation == leave.organisation
    assert event.object_id == str(leave.pk)
    assert event.before == {"status": "draft", "due_date": None}
    assert event.after == {"status": "submitted", "due_date": due.isoformat(), "note": "Mohon disetujui"}


def test_illegal_transition_is_refused_in_indonesian_and_changes_nothing(leave, head):
    state = _state_of(leave)
    audit_count, history_count = AuditEvent.objects.count(), StatusChange.objects.count()

    with pytest.raises(TransitionNotAllowed) as exc:
        transition(obj=leave, name="approve", actor=head)

    assert exc.value.messages == ["Tindakan “Setujui” tidak dapat dilakukan karena status saat ini “konsep”."]
    assert _state_of(leave) == state
    assert (AuditEvent.objects.count(), StatusChange.objects.count()) == (audit_count, history_count)


def test_unknown_transition_is_refused(leave, head):
    with pytest.raises(TransitionNotAllowed) as exc:
        transition(obj=leave, name="teleport", actor=head)
    assert exc.value.messages == ["Tindakan “teleport” tidak dikenal untuk proses ini."]
    assert _state_of(leave)[0] == LeaveStatus.DRAFT
    assert not StatusChange.objects.exists()


def test_transition_refused_without_permission_changes_nothing(leave, staff_user, foreign_user):
    transition(obj=leave, name="submit", actor=staff_user)
    state = _state_of(leave)
    audit_count, history_count = AuditEvent.objects.count(), StatusChange.objects.count()

    for actor in (staff_user, foreign_user):
        with pytest.raises(PermissionDenied) as exc:
            transition(obj=leave, name="approve", actor=actor)
        assert str(exc.value) == "Anda tidak berwenang melakukan tindakan “Setujui”."

    assert _state_of(leave) == state
    assert (AuditEvent.objects.count(), StatusChange.objects.count()) == (audit_count, history_count)


def test_transition_checks_the_stored_state_not_a_stale_copy(leave, staff_user, head):
    stale = LeaveRequest.objects.get(pk=leave.pk)
    transition(obj=leave, name="submit", actor=staff_user)
    transition(obj=leave, name="reject", actor=head)

    with pytest.raises(TransitionNotAllowed):
        transition(obj=stale, name="submit", actor=staff_user)
    assert _state_of(leave)[0] == LeaveStatus.REJECTED


def test_entering_a_final_state_clears_the_deadline_and_history_keeps_every_step(leave, staff_user, head):
    transition(obj=leave, name="submit", actor=staff_user)
    assert leave.due_date is not None
    transition(obj=leave, name="approve", actor=head)
    transition(obj=leave, name="archive", actor=head)

    assert _state_of(leave)[0] == LeaveStatus.ARCHIVED
    assert leave.due_date is None
    assert [(c.from_state, c.to_state) for c in history(leave)] == [
        ("draft", "submitted"),
        ("submitted", "approved"),
        ("approved", "archived"),
    ]


def test_history_renders_with_state_and_transition_labels(leave, staff_user, head):
    from django.template.loader import render_to_string

    transition(obj=leave, name="submit", actor=staff_user, note="Untuk acara keluarga")
    transition(obj=leave, name="reject", actor=head)

    html = render_to_string("core/workflow/_history.html", {"changes": history(leave)})

    assert "Ajukan" in html and "konsep &rarr; diajukan" in html
    assert "Tolak" in html and "diajukan &rarr; ditolak" in html
    assert "Untuk acara keluarga" in html
    assert staff_user.display_name in html and head.display_name in html


def test_deadline_skips_the_offices_own_closures(leave, staff_user, org_admin):
    today = organisation_today(leave.organisation)
    without_closure = add_working_days(today, 3, organisation=leave.organisation)
    add_day(
        actor=org_admin,
        day=add_working_days(today, 1, organisation=leave.organisation),
        kind=DayKind.OFFICE_CLOSURE,
        description="Kantor tutup untuk uji",
        organisation=leave.organisation,
    )

    transition(obj=leave, name="submit", actor=staff_user)

    due = _state_of(leave)[2]
    assert due == add_working_days(today, 3, organisation=leave.organisation)
    assert due > without_closure
    assert StatusChange.objects.get().due_date == due


def test_available_transitions_follow_state_and_permission(leave, staff_user, head):
    assert [t.name for t in available_transitions(leave, staff_user)] == ["submit"]
    transition(obj=leave, name="submit", actor=staff_user)
    assert available_transitions(leave, staff_user) == []
    assert [t.name for t in available_transitions(leave, head)] == ["approve", "reject", "extend"]


def test_status_history_is_append_only(leave, staff_user):
    change = transition(obj=leave, name="submit", actor=staff_user)
    change.note = "diubah"
    with pytest.raises(ValueError, match="append-only"):
        change.save()
    with pytest.raises(ValueError, match="append-only"):
        change.delete()


def test_status_set_by_hand_is_refused_on_save_and_nothing_changes(leave):
    audit_count = AuditEvent.objects.count()
    leave.status = LeaveStatus.APPROVED
    with pytest.raises(
        ValueError,
        match=r"LeaveRequest\.status change only through lontar\.core\.workflow\.services\.transition",
    ):
        leave.save()
    leave.status = LeaveStatus.DRAFT
    leave.due_date = date(2030, 1, 2)
    with pytest.raises(ValueError, match=r"LeaveRequest\.due_date change only through"):
        leave.save(update_fields=["due_date", "reason"])
    assert _state_of(leave) == (LeaveStatus.DRAFT, None, None)
    assert (AuditEvent.objects.count(), StatusChange.objects.count()) == (audit_count, 0)


def test_a_new_object_starts_in_the_initial_state_only(leave_table, district):
    ContentType.objects.clear_cache()
    blank = LeaveRequest(organisation=district, reason="Tanpa status", status="")
    blank.save()
    assert LeaveRequest.objects.get(pk=blank.pk).status == LeaveStatus.DRAFT
    with pytest.raises(ValueError, match="starts in 'draft', not 'approved'"):
        LeaveRequest.objects.create(organisation=district, reason="Langsung", status=LeaveStatus.APPROVED)
    assert not LeaveRequest.objects.filter(reason="Langsung").exists()


def test_a_stale_copy_saving_other_fields_cannot_undo_a_transition(leave, staff_user):
    stale = LeaveRequest.objects.get(pk=leave.pk)
    transition(obj=leave, name="submit", actor=staff_user)
    after_transition = _state_of(leave)

    leave.reason = "Cuti tahunan, 3 hari"
    leave.save()  # the transitioned copy saves its other fields as usual
    assert LeaveRequest.objects.get(pk=leave.pk).reason == "Cuti tahunan, 3 hari"
    stale.reason = "Cuti tahunan (diperbaiki)"
    stale.save()

    assert _state_of(leave) == after_transition
    assert LeaveRequest.objects.get(pk=leave.pk).reason == "Cuti tahunan (diperbaiki)"


def test_a_deadline_kept_as_data_is_computed_from_the_object(leave, staff_user, head):
    transition(obj=leave, name="submit", actor=staff_user)
    transition(obj=leave, name="reject", actor=head)
    leave.reason = "Acara keluarga di luar kota"  # 27 characters: 2 working days in this test workflow
    leave.save(update_fields=["reason"])

    transition(obj=leave, name="resubmit", actor=staff_user)

    today = organisation_today(leave.organisation)
    assert _state_of(leave)[2] == add_working_days(today, 2, organisation=leave.organisation)


def test_a_due_date_chosen_by_the_user_wins_and_is_recorded(leave, staff_user, head):
    transition(obj=leave, name="submit", actor=staff_user)
    chosen = add_working_days(organisation_today(leave.organisation), 10, organisation=leave.organisation)

    change = transition(obj=leave, name="extend", actor=head, note="Menunggu surat dokter", due_date=chosen)

    assert _state_of(leave)[0::2] == (LeaveStatus.SUBMITTED, chosen)
    assert (change.from_state, change.to_state, change.due_date) == ("submitted", "submitted", chosen)
    event = AuditEvent.objects.latest("id")
    assert event.action == "workflow_tests.leaverequest.extend"
    assert event.after["due_date"] == chosen.isoformat()


def test_a_due_date_in_the_past_is_refused_and_nothing_changes(leave, staff_user, head):
    transition(obj=leave, name="submit", actor=staff_user)
    state = _state_of(leave)
    history_count = StatusChange.objects.count()
    yesterday = organisation_today(leave.organisation) - timedelta(days=1)

    with pytest.raises(ValidationError) as exc:
        transition(obj=leave, name="extend", actor=head, due_date=yesterday)

    assert exc.value.messages == [
        f"Tenggat {date_format(yesterday, 'j F Y')} sudah lewat; pilih hari ini atau sesudahnya."
    ]
    assert _state_of(leave) == state
    assert StatusChange.objects.count() == history_count


def test_the_system_moves_an_object_without_an_actor(leave, staff_user, head):
    transition(obj=leave, name="submit", actor=staff_user)
    transition(obj=leave, name="approve", actor=head)

    change = transition(obj=leave, name="archive", actor=None, note="Diarsipkan otomatis")

    assert (change.actor, _state_of(leave)[0]) == (None, LeaveStatus.ARCHIVED)
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor) == ("workflow_tests.leaverequest.archive", None)


def test_history_is_scoped_to_visible_offices(leave, staff_user, foreign_user):
    transition(obj=leave, name="submit", actor=staff_user)
    assert StatusChange.objects.visible_to(staff_user).count() == 1
    assert StatusChange.objects.visible_to(foreign_user).count() == 0


@pytest.mark.skipif(
    not settings.IS_POSTGRES and not settings.DATABASES["default"]["TEST"].get("NAME"),
    reason=(
        "SQLite's in-memory test database uses a shared cache whose table locks fail at once instead "
        "of waiting; set SQLITE_TEST_NAME to a file to run this on SQLite. It always runs on PostgreSQL."
    ),
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_transitions_cannot_both_apply(leave_table, district, make_member):
    from django.db import close_old_connections

    ContentType.objects.clear_cache()
    staff = make_member(district, Role.STAFF)
    head = make_member(district, Role.HEAD)
    leave = LeaveRequest.objects.create(organisation=district, reason="Cuti besar")
    transition(obj=leave, name="submit", actor=staff)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(name):
        try:
            obj = LeaveRequest.objects.get(pk=leave.pk)
            barrier.wait(timeout=10)
            transition(obj=obj, name=name, actor=head)
            outcomes.append((name, "ok"))
        except TransitionNotAllowed:
            outcomes.append((name, "refused"))
        finally:
            close_old_connections()
            connection.close()

    try:
        threads = [threading.Thread(target=act, args=(n,)) for n in ("approve", "reject")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(o for _n, o in outcomes) == ["ok", "refused"]
        winner = next(n for n, o in outcomes if o == "ok")
        assert _state_of(leave)[0] == {"approve": "approved", "reject": "rejected"}[winner]
        assert StatusChange.objects.for_object(leave).count() == 2
    finally:
        LeaveRequest.objects.all().delete()
