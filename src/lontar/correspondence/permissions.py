"""Actions of the correspondence module, who holds them, and the object rules behind them.
Imported by CorrespondenceConfig.ready()."""

from __future__ import annotations

from lontar.core.models import Role
from lontar.core.permissions import grant, register_object_rule

# --- incoming letters and dispositions ------------------------------------------------------------
from lontar.correspondence import access_incoming
from lontar.correspondence.models import Disposition, IncomingLetter

VIEW_INCOMING = access_incoming.VIEW_INCOMING
REGISTER_INCOMING = access_incoming.REGISTER_INCOMING
DISPOSE = access_incoming.DISPOSE
CLOSE_INCOMING = access_incoming.CLOSE_INCOMING
RECEIVE_DISPOSITION = access_incoming.RECEIVE_DISPOSITION
MANAGE_SENT_DISPOSITION = access_incoming.MANAGE_SENT_DISPOSITION
MANAGE_INSTRUCTIONS = access_incoming.MANAGE_INSTRUCTIONS

_OFFICE_WORKERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK]
grant(_OFFICE_WORKERS, VIEW_INCOMING, RECEIVE_DISPOSITION, MANAGE_SENT_DISPOSITION)
grant([Role.FRONT_DESK, Role.SECRETARY, Role.SECTION_HEAD], REGISTER_INCOMING)
grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF], DISPOSE)
grant([Role.HEAD, Role.SECRETARY], CLOSE_INCOMING)
grant([Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN], MANAGE_INSTRUCTIONS)
register_object_rule(IncomingLetter, access_incoming.letter_rule)
register_object_rule(Disposition, access_incoming.disposition_rule)
# --- end incoming ---------------------------------------------------------------------------------

# --- outgoing documents (naskah dinas keluar) ---------------------------------------------------
from lontar.correspondence.outgoing_access import register_outgoing_permissions  # noqa: E402

register_outgoing_permissions()
# --- end outgoing documents ---------------------------------------------------------------------

# --- monthly recap (Subbag TU) ------------------------------------------------------------------
from lontar.correspondence.access_recap import register_recap_permissions  # noqa: E402

register_recap_permissions()
# --- end monthly recap --------------------------------------------------------------------------
