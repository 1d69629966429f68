import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lontar.core import audit
from lontar.core.models import AuditEvent
from lontar.core.models.audit import AppendOnlyError


def _three_events(district, head):
    return [audit.record(actor=head, action="uji.buat", obj=district, after={"nomor": i}) for i in range(3)]


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


def test_verify_audit_reports_the_first_event_edited_behind_the_applications_back(district, head, capsys):
    events = _three_events(district, head)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET object_repr = %s WHERE id = %s", ["dipalsukan", events[1].pk])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    err = capsys.readouterr().err
    assert f"kejadian #{events[1].pk}" in err
    assert "isi kejadian telah diubah" in err


def test_verify_audit_detects_a_deleted_event(district, head):
    events = _three_events(district, head)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].pk])
    result = audit.verify_chain(district.pk)
    assert not result.ok
    assert result.first_bad_event_id == events[2].pk


def test_verify_audit_passes_on_an_intact_trail(district, head, capsys):
    _three_events(district, head)
    call_command("verify_audit")
    assert "Jejak audit utuh: 3 kejadian" in capsys.readouterr().out
