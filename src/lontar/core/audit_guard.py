"""The database's own refusal to rewrite the audit trail (installed by migration 0003).

The application already refuses to change or delete an event (`AuditEvent.save`, `AuditQuerySet`),
but any code holding a cursor, or a forgotten `_base_manager.update()`, could still do it. A trigger
makes the database refuse as well:

* PostgreSQL: a row trigger refuses UPDATE and DELETE. TRUNCATE (test flushes, a deliberate restore)
  is left to the operator: it needs the table owner's rights, which the application role should not
  hold in production (docs/deployment.md).
* SQLite: a trigger refuses UPDATE. DELETE stays possible because Django's test flush empties tables
  with DELETE; a deleted event still breaks the hash chain, so `verify_audit` names it.

Whoever can drop the trigger can still tamper; the hash chain is what tells.
"""

from __future__ import annotations

TABLE = "core_auditevent"
POSTGRES_FUNCTION = "lontar_audit_append_only"
POSTGRES_TRIGGER = "core_auditevent_append_only"
SQLITE_TRIGGER = "core_auditevent_no_update"
MESSAGE = "audit events are append-only"

_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION {POSTGRES_FUNCTION}() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS {POSTGRES_TRIGGER} ON {TABLE}",
    f"""
    CREATE TRIGGER {POSTGRES_TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {POSTGRES_FUNCTION}()
    """,
]
_POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS {POSTGRES_TRIGGER} ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {POSTGRES_FUNCTION}()",
]
_SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TRIGGER} BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE} (UPDATE refused)');
    END
    """
]
_SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {SQLITE_TRIGGER}"]


def statements(vendor: str, *, install: bool) -> list[str]:
    """The SQL that installs (or removes) the guard on a database of `vendor`."""
    if vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_REMOVE
    if vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    return []


def install(apps, schema_editor) -> None:
    for statement in statements(schema_editor.connection.vendor, install=True):
        # No parameters: the "%" in the PostgreSQL message is the RAISE placeholder, not a driver one.
        schema_editor.execute(statement, params=None)


def remove(apps, schema_editor) -> None:
    for statement in statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(statement, params=None)
