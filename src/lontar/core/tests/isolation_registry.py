"""Every URL of Lontar, and how to aim it at another office's objects.

`test_isolation_every_url.py` walks every pattern under `lontar.urls` and requests each one, as the
administrator and as a staff member of office B, with path arguments that point at office A's
objects. It fails for a pattern this file does not list, so a new URL cannot escape the check.

When you add a URL:
1. If its path takes arguments, add what it needs to `populate_office_a` (create the object in
   office A and give every user-visible text a `office.marker(...)` string, so a leak is visible).
2. Add a `Route` under its name (`namespace:name`, or the route string when unnamed) to `ROUTES`,
   with `kwargs` pointing at office A's object. Optionally give `post_data` a payload that would
   change the object if the view forgot to scope it.
3. A domain module keeps its entries in its own `<module>/tests/isolation.py` (core may not import
   domain modules): a `ROUTES` dict and a `populate_office_a(office)` function, found through the
   installed apps and merged here.
4. A page meant for anyone (sign-in, public verification ...) says why in `public`; a public page
   that is meant to show some of office A's fields (a verification page shows the document's
   number and date) lists those marker labels in `may_show`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lontar.core import audit
from lontar.core.documents.services import issue_document
from lontar.core.files.services import store_upload
from lontar.core.models import Membership, Role
from lontar.core.notifications.services import notify
from lontar.core.numbering.services import create_template
from lontar.core.tests.factories import (
    PositionAssignmentFactory,
    PositionFactory,
    UnitFactory,
    member,
)
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.workdays.services import add_closure


class OfficeA:
    """Office A's objects, by name, and the unique strings that identify its data in a response."""

    def __init__(self, organisation) -> None:
        self.org = organisation
        self.markers: dict[str, str] = {}
        self.objects: dict[str, object] = {}

    def marker(self, label: str) -> str:
        value = f"RAHASIA-A-{label}-{uuid.uuid4().hex[:10]}"
        self.markers[label] = value
        return value

    def __getattr__(self, name: str):
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def add(self, name: str, obj):
        self.objects[name] = obj
        return obj


def module_registries() -> list:
    """The `tests.isolation` modules of the installed domain modules, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("lontar.") or config.name == "lontar.core":
            continue
        name = f"{config.name}.tests.isolation"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name not in (name, f"{config.name}.tests"):
                raise
    return found


def populate_office_a(office: OfficeA) -> None:
    """Create the objects of office A that URLs point at, then let each domain module add its own."""
    _populate_platform(office)
    for registry in module_registries():
        registry.populate_office_a(office)


def _populate_platform(office: OfficeA) -> None:
    org = office.org
    head = office.add("head", member(org, Role.HEAD, full_name=office.marker("head_name")))
    office.add("staff_user", member(org, Role.STAFF, full_name=office.marker("staff_name")))
    unit = office.add("unit", UnitFactory(organisation=org, name=office.marker("unit_name")))
    position = office.add(
        "position", PositionFactory(organisation=org, unit=unit, title=office.marker("position_title"))
    )
    office.add("assignment", PositionAssignmentFactory(position=position, staff=head.staff))
    office.add(
        "notification",
        notify(
            recipient=head,
            organisation=org,
            title=office.marker("notification_title"),
            body=office.marker("notification_body"),
            url="/",
        ),
    )
    office.add(
        "audit_event",
        audit.record(actor=head, action="uji.isolasi", obj=unit, after={"catatan": office.marker("audit")}),
    )
    admin = office.add("admin_user", member(org, Role.ORG_ADMIN, full_name=office.marker("admin_name")))
    office.add("membership", Membership.objects.get(user=office.staff_user, organisation=org))
    office.add(
        "closure",
        add_closure(
            actor=admin, day=dt.date(2026, 12, 28), description=office.marker("closure"), organisation=org
        ),
    )
    office.add(
        "numbering_template",
        create_template(
            actor=admin,
            organisation=org,
            document_type="surat-dinas",
            name=office.marker("numbering_template"),
            format="{klasifikasi}/{urut:3}/RAHASIAA/{tahun}",
            scope="document_type",
        ),
    )
    office.add(
        "stored_file",
        store_upload(
            organisation=org,
            actor=head,
            uploaded_file=SimpleUploadedFile(
                f"{office.marker('file_name')}.pdf", pdf_bytes(office.marker("file_text"))
            ),
        ),
    )
    office.add(
        "document",
        issue_document(
            organisation=org,
            actor=head,
            document_type="surat-keterangan",
            number=office.marker("document_number"),
            title=office.marker("document_title"),
            body_html=f"<p>{office.marker('document_body')}</p>",
            signatory_name=office.marker("document_signatory"),
            signatory_position="Camat",
            signatory_nip="197203151998031004",
            sign=False,
        ),
    )


def no_kwargs(office: OfficeA) -> dict:
    return {}


def empty_payload(office: OfficeA) -> dict:
    return {}


@dataclass(frozen=True)
class Route:
    kwargs: Callable[[OfficeA], dict] = no_kwargs
    post_data: Callable[[OfficeA], dict] = empty_payload
    # Why anyone, signed in or not, may open this page. Empty: only signed-in users of an office.
    public: str = ""
    # Marker labels of office A that this public page is meant to show.
    may_show: frozenset[str] = field(default_factory=frozenset)


def _reset_link(office: OfficeA) -> dict:
    # A real account of office A with a wrong token: the page must not reveal whose account it is.
    return {"uidb64": urlsafe_base64_encode(force_bytes(office.head.pk)), "token": "c0ffee-0123456789abcdef"}


ROUTES: dict[str, Route] = {
    # --- public and global ---------------------------------------------------------------------
    "healthz": Route(public="load balancer health check; reports only database and Redis status"),
    "set_language": Route(public="language switch; stores the choice in a cookie"),
    "core:login": Route(public="sign-in page"),
    "core:logout": Route(public="sign-out; only ends the caller's own session"),
    "core:password_reset": Route(public="asks for a reset e-mail; never says whether the address exists"),
    "core:password_reset_done": Route(public="static confirmation page"),
    "core:password_reset_confirm": Route(
        kwargs=_reset_link,
        post_data=lambda office: {"new_password1": "Diambil-Alih-123", "new_password2": "Diambil-Alih-123"},
        public="reset link from the e-mail; works only with a valid signed token",
    ),
    "core:password_reset_complete": Route(public="static confirmation page"),
    "api:schema": Route(public="OpenAPI description of the API: code, no data"),
    "api:docs": Route(public="API reference page rendered from the schema"),
    # --- platform screens ----------------------------------------------------------------------
    "core:dashboard": Route(),
    "core:notifications": Route(),
    "core:notification_open": Route(kwargs=lambda office: {"pk": office.notification.pk}),
    "core:notifications_read_all": Route(),
    "core:notification_preferences": Route(post_data=lambda office: {"email": "on", "sms": "on"}),
    "core:background_jobs": Route(),
    "core:background_jobs_retry": Route(),
    "core:search": Route(),
    # --- own account ---------------------------------------------------------------------------
    "core:otp_verify": Route(post_data=lambda office: {"code": "123456"}),
    "core:otp_setup": Route(post_data=lambda office: {"code": "123456"}),
    "core:account_security": Route(),
    "core:otp_disable": Route(post_data=lambda office: {"password": "salah"}),
    "core:password_change": Route(
        post_data=lambda office: {
            "old_password": "salah",
            "new_password1": "Diambil-Alih-123",
            "new_password2": "Diambil-Alih-123",
        }
    ),
    # --- accounts an administrator manages -----------------------------------------------------
    "core:managed_accounts": Route(),
    "core:managed_account_reset_otp": Route(kwargs=lambda office: {"pk": office.head.pk}),
    "core:managed_account_unlock": Route(kwargs=lambda office: {"pk": office.head.pk}),
    # --- offices, units, positions, staff ------------------------------------------------------
    "core:organisation_list": Route(),
    "core:organisation_detail": Route(kwargs=lambda office: {"pk": office.org.pk}),
    "core:organisation_edit": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {"name": "Diambil alih", "code": "Kec.A", "timezone": "Asia/Jakarta"},
    ),
    "core:organisation_create": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {
            "name": "Kelurahan Selundupan",
            "code": "Kel.X",
            "timezone": "Asia/Jakarta",
        },
    ),
    "core:organisation_move": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {"parent": office.org.parent_id},
    ),
    "core:organisation_set_active": Route(
        kwargs=lambda office: {"pk": office.org.pk}, post_data=lambda office: {"aktif": "0"}
    ),
    "core:unit_create": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {"name": "Seksi Selundupan", "code": "SX", "kind": "seksi", "order": "1"},
    ),
    "core:unit_edit": Route(
        kwargs=lambda office: {"pk": office.unit.pk},
        post_data=lambda office: {"name": "Diambil alih", "code": "SX", "kind": "seksi", "order": "1"},
    ),
    "core:unit_delete": Route(kwargs=lambda office: {"pk": office.unit.pk}),
    "core:position_create": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {"title": "Jabatan Selundupan", "unit": office.unit.pk, "order": "1"},
    ),
    "core:position_detail": Route(
        kwargs=lambda office: {"pk": office.position.pk},
        post_data=lambda office: {
            "staff": office.staff_user.staff.pk,
            "kind": "1_definitif",
            "start_date": "2026-01-01",
        },
    ),
    "core:position_edit": Route(
        kwargs=lambda office: {"pk": office.position.pk},
        post_data=lambda office: {"title": "Diambil alih", "unit": office.unit.pk, "order": "1"},
    ),
    "core:position_delete": Route(kwargs=lambda office: {"pk": office.position.pk}),
    "core:assignment_end": Route(
        kwargs=lambda office: {"pk": office.assignment.pk},
        post_data=lambda office: {"end_date": "2026-01-02"},
    ),
    "core:staff_list": Route(),
    "core:staff_create": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {
            "full_name": "Pegawai Selundupan",
            "employment_type": "pns",
            "is_active": "on",
        },
    ),
    "core:staff_detail": Route(kwargs=lambda office: {"pk": office.staff_user.staff.pk}),
    "core:staff_edit": Route(
        kwargs=lambda office: {"pk": office.staff_user.staff.pk},
        post_data=lambda office: {"full_name": "Diambil alih", "employment_type": "pns", "is_active": "on"},
    ),
    "core:staff_transfer": Route(
        kwargs=lambda office: {"pk": office.staff_user.staff.pk},
        post_data=lambda office: {"organisation": office.org.parent_id},
    ),
    "core:account_create": Route(
        kwargs=lambda office: {"pk": office.staff_user.staff.pk},
        post_data=lambda office: {
            "username": "akun-selundupan",
            "role": "org_admin",
            "method": "password",
            "password": "Diambil-Alih-123",
        },
    ),
    "core:membership_add": Route(
        kwargs=lambda office: {"pk": office.staff_user.staff.pk},
        post_data=lambda office: {"role": "org_admin"},
    ),
    "core:membership_remove": Route(kwargs=lambda office: {"pk": office.membership.pk}),
    # --- numbering and the working-day calendar ------------------------------------------------
    "core:numbering_templates": Route(),
    "core:numbering_template_create": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "document_type": "nota-dinas",
            "name": "Selundupan",
            "format": "{urut}/{tahun}",
            "scope": "document_type",
            "is_active": "on",
        }
    ),
    "core:numbering_template_edit": Route(
        kwargs=lambda office: {"pk": office.numbering_template.pk},
        post_data=lambda office: {
            "organisation": office.org.pk,
            "document_type": "surat-dinas",
            "name": "Diambil alih",
            "format": "{urut}/{tahun}",
            "scope": "document_type",
            "is_active": "on",
        },
    ),
    "core:numbering_template_preview": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "template": office.numbering_template.pk,
            "format": "{org}/{urut}",
        }
    ),
    "core:workdays_calendar": Route(),
    "core:workdays_closure_add": Route(
        post_data=lambda office: {"kantor": office.org.pk, "date": "2026-12-29", "description": "Selundupan"}
    ),
    "core:workdays_national_add": Route(
        post_data=lambda office: {
            "kantor": office.org.pk,
            "date": "2026-12-30",
            "kind": "cuti_bersama",
            "description": "Selundupan",
        }
    ),
    "core:workdays_day_remove": Route(
        kwargs=lambda office: {"pk": office.closure.pk},
        post_data=lambda office: {"kantor": office.org.pk},
    ),
    # --- audit trail ---------------------------------------------------------------------------
    "core:audit_list": Route(),
    "core:audit_export": Route(),
    "core:audit_verify": Route(),
    "core:audit_detail": Route(kwargs=lambda office: {"pk": office.audit_event.pk}),
    # --- issued documents and uploads ----------------------------------------------------------
    "core:document_list": Route(),
    "core:document_download": Route(kwargs=lambda office: {"pk": office.document.pk}),
    "core:document_verify": Route(
        kwargs=lambda office: {"token": office.document.verification_token},
        public="public verification of an issued document, reached through the QR code on the page",
        may_show=frozenset({"document_number", "document_signatory"}),
    ),
    "core:file_download": Route(kwargs=lambda office: {"pk": office.stored_file.pk}),
    # --- legacy import (the batch is created by the importing module's isolation entries) -------
    "core:import_batches": Route(),
    "core:import_upload": Route(
        kwargs=lambda office: {"kind": office.import_batch.kind},
        post_data=lambda office: {"organisation": office.org.pk},
    ),
    "core:import_batch": Route(kwargs=lambda office: {"pk": office.import_batch.pk}),
    "core:import_remap": Route(
        kwargs=lambda office: {"pk": office.import_batch.pk}, post_data=lambda office: {"subject": "0"}
    ),
    "core:import_confirm": Route(kwargs=lambda office: {"pk": office.import_batch.pk}),
    "core:import_cancel": Route(kwargs=lambda office: {"pk": office.import_batch.pk}),
    # --- REST API (/api/v1/) -------------------------------------------------------------------
    "api:api-root": Route(),
    "api:organisation-list": Route(post_data=lambda office: {"name": "Diambil alih", "kind": "kecamatan"}),
    "api:organisation-detail": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {"name": "Diambil alih", "address": "diubah"},
    ),
    "api:unit-list": Route(post_data=lambda office: {"organisation": office.org.pk, "name": "Selundupan"}),
    "api:unit-detail": Route(
        kwargs=lambda office: {"pk": office.unit.pk}, post_data=lambda office: {"name": "Diambil alih"}
    ),
    "api:position-list": Route(
        post_data=lambda office: {"organisation": office.org.pk, "title": "Selundupan"}
    ),
    "api:position-detail": Route(
        kwargs=lambda office: {"pk": office.position.pk}, post_data=lambda office: {"title": "Diambil alih"}
    ),
    "api:staff-list": Route(
        post_data=lambda office: {"organisation": office.org.pk, "full_name": "Selundupan"}
    ),
    "api:staff-detail": Route(
        kwargs=lambda office: {"pk": office.staff_user.staff.pk},
        post_data=lambda office: {"full_name": "Diambil alih"},
    ),
}

# Route prefixes not walked, and why. Each has its own test.
NOT_WALKED: dict[str, str] = {
    "admin/": "Django admin: superusers only (test_admin_is_closed_to_office_users)",
}


for _registry in module_registries():
    _overlap = ROUTES.keys() & _registry.ROUTES.keys()
    assert not _overlap, f"{_registry.__name__} lists routes already listed: {sorted(_overlap)}"
    ROUTES.update(_registry.ROUTES)
