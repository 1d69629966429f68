"""Writes of the audit screens: exporting is itself an audited act (it takes data out)."""

from __future__ import annotations

import csv
import io
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.auditlog import selectors
from lontar.core.models import Organisation
from lontar.core.permissions import VIEW_AUDIT, authorize, grant, require

EXPORT_CAP = 10_000
# Checking the chain only reads, so it is a "view" action: the auditor (Inspektorat) holds it by
# construction, the city administrator by role, and each office's administrator by this grant.
VERIFY_AUDIT = "core.view_audit_integrity"
grant(["org_admin"], VERIFY_AUDIT)

HEADER = [
    "waktu",
    "pelaku",
    "kantor",
    "tindakan",
    "nama_tindakan",
    "jenis_objek",
    "id_objek",
    "objek",
    "sebelum",
    "sesudah",
    "id_permintaan",
    "alamat_ip",
    "hash",
]


def _filters_for_record(flt: selectors.AuditFilter) -> dict:
    return {
        "dari": flt.date_from.isoformat() if flt.date_from else "",
        "sampai": flt.date_to.isoformat() if flt.date_to else "",
        "pelaku": flt.actor,
        "tindakan": flt.action,
        "jenis_objek": flt.object_type,
        "kantor": flt.organisation.code if flt.organisation else "",
        "teks": flt.text,
    }


def _export_organisation(actor, flt: selectors.AuditFilter) -> Organisation:
    if flt.organisation is not None:
        return flt.organisation
    return selectors.auditable_organisations(actor).first()


@transaction.atomic
def export_events_csv(*, actor, flt: selectors.AuditFilter) -> tuple[str, int]:
    """The filtered events as CSV text (at most EXPORT_CAP rows), recorded in the trail."""
    organisation = _export_organisation(actor, flt)
    if organisation is None:
        raise PermissionDenied(VIEW_AUDIT)
    require(actor, VIEW_AUDIT, organisation)
    events = list(selectors.filtered_events(actor, flt).select_related("organisation")[:EXPORT_CAP])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for e in events:
        writer.writerow(
            [
                timezone.localtime(e.occurred_at).isoformat(),
                e.actor_label,
                e.organisation.code if e.organisation else "",
                e.action,
                audit.action_label(e.action),
                e.object_type,
                e.object_id,
                e.object_repr,
                _json(e.before),
                _json(e.after),
                e.request_id,
                e.ip_address,
                e.hash,
            ]
        )
    audit.record(
        actor=actor,
        action="audit.export",
        organisation=organisation,
        object_type="core.auditevent",
        object_repr=_("Ekspor jejak audit (%(n)s baris)") % {"n": len(events)},
        after={"filter": _filters_for_record(flt), "rows": len(events)},
    )
    return buffer.getvalue(), len(events)


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def verify_chains(*, actor):
    """Verify the chains the user may audit: every chain for a city-wide administrator."""
    if not authorize(actor, VERIFY_AUDIT):
        raise PermissionDenied(VERIFY_AUDIT)
    if selectors.audits_everything(actor):
        results = audit.verify_all()
    else:
        results = [(key, audit.verify_chain(key)) for key in selectors.audit_organisation_ids(actor)]
    names = dict(Organisation.objects.filter(pk__in=[k for k, _r in results]).values_list("pk", "name"))
    return [
        (names.get(key, _("Seluruh sistem") if key == 0 else str(key)), result) for key, result in results
    ]
