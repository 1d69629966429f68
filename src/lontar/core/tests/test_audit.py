import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from lontar.core import audit, audit_guard
from lontar.core.models import AuditEvent, OrganisationKind, Role
from lontar.core.models.audit import AppendOnlyError
from lontar.core.tests.factories import OrganisationFactory, member

TABLE = AuditEvent._meta.db_table


def _three_events(district, head):
    return [audit.record(actor=head, action="uji.buat", obj=district, after={"nomor": i}) for i in range(3)]


@contextmanager
def guard_lifted():
    """Tamper the way someone with database rights would: take the trigger away first.
    DDL is transactional on both databases, so the test's rollback would restore it anyway."""
    with connection.cursor() as cursor:
        for statement in audit_guard.statements(connection.vendor, install=False):
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in audit_guard.statements(connection.vendor, install=True):
                cursor.execute(statement)


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_events_are_chained_by_hash(district, head):
    first, second, third = _three_events(district, head)
    assert first.prev_hash == ""
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert audit.verify_chain(district.pk).ok


def test_audit_events_refuse_changes_through_the_application(district, head):
    event = _three_events(district, head)[0]
    event.action = "palsu"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="palsu")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_the_database_itself_refuses_to_rewrite_an_event(district, head):
    event = _three_events(district, head)[1]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw(f"UPDATE {TABLE} SET object_repr = %s WHERE id = %s", ["dipalsukan", event.pk])
    # Around the model, through the plain manager Django itself uses for cascades:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent._base_manager.filter(pk=event.pk).update(action="palsu")
    event.refresh_from_db()
    assert (event.action, event.object_repr) == ("uji.buat", str(district))


@pytest.mark.skipif(
    not settings.IS_POSTGRES, reason="SQLite keeps DELETE for Django's test flush; the chain catches it"
)
def test_postgresql_also_refuses_to_delete_an_event(district, head):
    event = _three_events(district, head)[1]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_verify_audit_reports_the_first_event_edited_behind_the_applications_back(district, head, capsys):
    events = _three_events(district, head)
    with guard_lifted():
        _raw(f"UPDATE {TABLE} SET object_repr = %s WHERE id = %s", ["dipalsukan", events[1].pk])
        _raw(f"UPDATE {TABLE} SET after = %s WHERE id = %s", ['{"nomor": 99}', events[2].pk])
    with pytest.raises(CommandError, match="Jejak audit rusak pada 1 rantai"):
        call_command("verify_audit")
    err = capsys.readouterr().err
    # The first tampered event is named, with enough to find it; the later one is not.
    assert f"rantai {district.pk} (Kecamatan Satu): kejadian #{events[1].pk} (urutan 2," in err
    assert f"#{events[2].pk}" not in err
    assert "isi kejadian telah diubah" in err


def test_verify_audit_names_the_event_after_a_deleted_one(district, head, capsys):
    events = _three_events(district, head)
    with guard_lifted():
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])
    result = audit.verify_chain(district.pk)
    assert (result.ok, result.first_bad_event_id, result.first_bad_sequence) == (False, events[2].pk, 3)
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert "urutan terputus" in capsys.readouterr().err


def test_verify_audit_notices_the_last_event_missing(district, head, capsys):
    events = _three_events(district, head)
    with guard_lifted():
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[2].pk])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert "akhir rantai, urutan 3: kejadian terakhir dalam rantai hilang" in capsys.readouterr().err


def test_verify_audit_passes_on_an_intact_trail_and_prints_the_chain_heads(district, head, capsys):
    events = _three_events(district, head)
    call_command("verify_audit", verbosity=2)
    out = capsys.readouterr().out
    assert "Jejak audit utuh: 3 kejadian dalam 1 rantai." in out
    assert f"  {district.pk} #3 {events[2].hash}" in out


def test_deleting_an_account_or_an_office_leaves_its_events_and_the_chain_intact(city, district):
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district)
    user = member(district, Role.STAFF)
    event = audit.record(actor=user, action="uji.buat", obj=village, after={"nomor": 1})
    audit.record(actor=user, action="uji.buat", obj=district)
    ids = (user.pk, village.pk)
    user.delete()
    village.delete()
    event.refresh_from_db()
    assert (event.actor_id, event.organisation_id) == ids
    assert all(result.ok for _key, result in audit.verify_all())


def test_actions_have_readable_names_and_unknown_codes_show_as_they_are():
    assert audit.action_label("numbering.template_create") == "Templat penomoran dibuat"
    assert audit.action_label("core.login_failed") == "Percobaan masuk gagal"
    assert audit.action_label("modul.tidak_dikenal") == "modul.tidak_dikenal"
    groups = dict(audit.action_choices())
    assert ("core.account_locked", "Akun dikunci karena kata sandi salah berulang kali") in groups[
        "Akun dan keamanan"
    ]


def _audited_actions_of_the_platform() -> set[str]:
    """Every literal `action="module.verb"` in the platform's code (audit codes always have a dot)."""
    core = Path(audit.__file__).parent
    sources = [p for p in core.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]
    found = set()
    for path in sources:
        found.update(re.findall(r'\baction="([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_audited_action_of_the_platform_has_a_label():
    actions = _audited_actions_of_the_platform()
    assert {"core.login", "core.account_locked", "numbering.take", "membership.remove"} <= actions
    unnamed = sorted(a for a in actions if audit.action_label(a) == a)
    assert unnamed == [], "name these in lontar/core/auditlog/labels.py"
