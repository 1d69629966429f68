"""Every write to the service catalogue: services and their settings, versions of their standards (the 14
components, requirements and the application form), publishing a version with an effective date, and
the office's Maklumat Pelayanan.

A published version is never changed: a change is a new draft copied from the version in force, edited,
then published with an effective date, which closes the previous version the day before. Applications
keep the version they were filed under (REFERENCE §4).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.documents.rendering import sanitise_body
from lontar.core.models import NumberingTemplate
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import (
    MANAGEMENT_COMPONENTS,
    PUBLISHED_COMPONENTS,
    FieldKind,
    FormField,
    Requirement,
    Service,
    ServicePledge,
    ServiceStandard,
)
from lontar.public_services.permissions import MANAGE_CATALOGUE

SERVICE_FIELDS = (
    "name",
    "summary",
    "category",
    "unit",
    "is_published",
    "accepts_online",
    "accepts_booking",
    "daily_quota",
    "result_downloadable",
    "result_document_type",
    "result_title",
    "result_classification_code",
    "result_body",
)
STANDARD_FIELDS = (
    "decree_number",
    "requirements_text",
    "procedure",
    "processing_days",
    "processing_time_text",
    "fee_amount",
    "fee_text",
    "product",
    "complaint_handling",
    *(name for name, _label in MANAGEMENT_COMPONENTS),
)
REQUIREMENT_FIELDS = ("name", "note", "needs_upload", "is_mandatory")
FORM_FIELD_FIELDS = ("key", "label", "kind", "required", "choices", "help_text")
PLEDGE_FIELDS = ("text", "signatory_name", "signatory_position", "effective_from")
# Components a standard cannot be published without (the other management components may stay empty
# while the office works them out, but the law and the service's core must be stated).
REQUIRED_TO_PUBLISH = ("procedure", "product", "complaint_handling", "legal_basis")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# What a result template may use: {{ pemohon.<field> }}, {{ data.<key> }}, {{ layanan.nama }} ...
PLACEHOLDER = re.compile(r"{{\s*(.*?)\s*}}")
PLACEHOLDER_ALLOWED = re.compile(r"^(pemohon|data|layanan|kantor)\.[a-z][a-z0-9_]*$")
DEFAULT_COMPLAINT_HANDLING = (
    "Pengaduan, saran, dan masukan disampaikan langsung kepada petugas loket, melalui kotak pengaduan, "
    "menu pengaduan di portal layanan, atau SP4N-LAPOR! (www.lapor.go.id)."
)


def _label(name: str) -> str:
    for field, label in (*PUBLISHED_COMPONENTS, *MANAGEMENT_COMPONENTS):
        if field == name:
            return str(label)
    return str(ServiceStandard._meta.get_field(name).verbose_name)


# --- services (layanan) ----------------------------------------------------------------------------


def _clean_result_body(body: str) -> str:
    body = sanitise_body(body or "").strip()
    wrong = [p for p in PLACEHOLDER.findall(body) if not PLACEHOLDER_ALLOWED.match(p)]
    if "{%" in body or wrong:
        raise ValidationError(
            {
                "result_body": _(
                    "Templat isi hanya boleh memakai isian seperti {{ pemohon.nama }}, {{ pemohon.nik }} "
                    "atau {{ data.kunci }}. Tidak dikenal: %(isian)s."
                )
                % {"isian": ", ".join(wrong) or "{% … %}"}
            }
        )
    return body


def _check_service_values(organisation, values: dict) -> dict:
    errors = {}
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            errors["name"] = _("Nama layanan wajib diisi.")
    unit = values.get("unit")
    if unit is not None and unit.organisation_id != organisation.pk:
        errors["unit"] = _("Unit pelaksana harus unit kantor ini.")
    if "result_body" in values:
        try:
            values["result_body"] = _clean_result_body(values["result_body"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    document_type = (values.get("result_document_type") or "").strip()
    if document_type and not (
        NumberingTemplate.objects.filter(organisation=organisation, document_type=document_type).exists()
    ):
        errors["result_document_type"] = _(
            "Kantor ini belum punya templat penomoran untuk jenis naskah “%(jenis)s”. Buat dulu di "
            "Pengaturan → Penomoran, atau kosongkan isian ini."
        ) % {"jenis": document_type}
    if document_type and not (values.get("result_title") or "").strip():
        errors["result_title"] = _("Judul naskah hasil wajib diisi bila layanan menghasilkan naskah.")
    if errors:
        raise ValidationError(errors)
    return values


def create_service(*, actor, organisation, code: str, name: str, **values) -> Service:
    """A new service with an empty draft (version 1) of its standard, to be filled and published."""
    require(actor, MANAGE_CATALOGUE, organisation=organisation)
    code = (code or "").strip().lower()
    unknown = set(values) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    values = _check_service_values(organisation, {"name": name, **values})
    if Service.objects.filter(organisation=organisation, code=code).exists():
        raise ValidationError(
            {"code": _("Kode layanan “%(kode)s” sudah dipakai di kantor ini.") % {"kode": code}}
        )
    with transaction.atomic():
        order = (Service.objects.filter(organisation=organisation).aggregate(m=Max("order"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                service = Service.objects.create(organisation=organisation, code=code, order=order, **values)
        except IntegrityError as exc:
            raise ValidationError(
                {"code": _("Kode layanan “%(kode)s” sudah dipakai di kantor ini.") % {"kode": code}}
            ) from exc
        standard = ServiceStandard.objects.create(
            organisation=organisation,
            service=service,
            version=1,
            effective_from=organisation_today(organisation),
            published=False,
            procedure="",
            processing_days=1,
            product=service.name,
            complaint_handling=DEFAULT_COMPLAINT_HANDLING,
            legal_basis="",
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action="public_services.service.create",
            obj=service,
            after={**audit.snapshot(service), "versi_konsep": standard.version},
        )
    return service


def update_service(*, actor, service: Service, **values) -> Service:
    require(actor, MANAGE_CATALOGUE, service)
    unknown = set(values) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    with transaction.atomic():
        current = Service.objects.select_for_update().get(pk=service.pk)
        merged = {name: getattr(current, name) for name in SERVICE_FIELDS} | values
        values = _check_service_values(current.organisation, merged)
        before = audit.snapshot(current, SERVICE_FIELDS)
        for name, value in values.items():
            setattr(current, name, value)
        current.save()
        changed_before, changed_after = audit.changes(before, audit.snapshot(current, SERVICE_FIELDS))
        if changed_after:
            audit.record(
                actor=actor,
                action="public_services.service.update",
                obj=current,
                before=changed_before,
                after=changed_after,
            )
    return current


# --- versions of the standard ------------------------------------------------------------------------


def _draft_of(service: Service) -> ServiceStandard | None:
    return service.standards.filter(published=False).order_by("-version").first()


def _source_for_new_version(service: Service) -> ServiceStandard | None:
    today = organisation_today(service.organisation)
    in_force = ServiceStandard.objects.in_force_on(today).filter(service=service).order_by("-version").first()
    return in_force or service.standards.filter(published=True).order_by("-version").first()


def new_version(*, actor, service: Service) -> ServiceStandard:
    """A draft copied from the version in force (components, requirements and form), one at a time."""
    require(actor, MANAGE_CATALOGUE, service)
    with transaction.atomic():
        locked = Service.objects.select_for_update().get(pk=service.pk)
        draft = _draft_of(locked)
        if draft is not None:
            raise ValidationError(
                _(
                    "Layanan ini sudah punya versi konsep (versi %(versi)s). "
                    "Ubah konsep itu atau tetapkan dulu."
                )
                % {"versi": draft.version}
            )
        source = _source_for_new_version(locked)
        if source is None:
            raise ValidationError(_("Layanan ini belum punya versi standar yang dapat disalin."))
        number = (locked.standards.aggregate(m=Max("version"))["m"] or 0) + 1
        copy = ServiceStandard.objects.create(
            organisation=locked.organisation,
            service=locked,
            version=number,
            effective_from=organisation_today(locked.organisation),
            published=False,
            created_by=actor,
            **{name: getattr(source, name) for name in STANDARD_FIELDS if name != "decree_number"},
        )
        Requirement.objects.bulk_create(
            Requirement(standard=copy, **{f: getattr(r, f) for f in ("order", *REQUIREMENT_FIELDS)})
            for r in source.requirements.all()
        )
        FormField.objects.bulk_create(
            FormField(standard=copy, **{f: getattr(x, f) for f in ("order", *FORM_FIELD_FIELDS)})
            for x in source.form_fields.all()
        )
        audit.record(
            actor=actor,
            action="public_services.standard.new_version",
            obj=copy,
            after={"versi": copy.version, "disalin_dari_versi": source.version},
        )
    return copy


def _editable(standard: ServiceStandard) -> ServiceStandard:
    """The draft, locked for the change; a published version refuses every edit."""
    locked = ServiceStandard.objects.select_for_update().get(pk=standard.pk)
    if locked.published:
        raise ValidationError(
            _("Versi %(versi)s sudah ditetapkan dan tidak dapat diubah. Buat versi baru untuk perubahan.")
            % {"versi": locked.version}
        )
    return locked


def update_standard(*, actor, standard: ServiceStandard, **values) -> ServiceStandard:
    require(actor, MANAGE_CATALOGUE, standard)
    unknown = set(values) - set(STANDARD_FIELDS)
    if unknown:
        raise TypeError(f"unknown standard fields: {sorted(unknown)}")
    with transaction.atomic():
        draft = _editable(standard)
        before = audit.snapshot(draft, STANDARD_FIELDS)
        for name, value in values.items():
            setattr(draft, name, value.strip() if isinstance(value, str) else value)
        draft.save()
        changed_before, changed_after = audit.changes(before, audit.snapshot(draft, STANDARD_FIELDS))
        if changed_after:
            audit.record(
                actor=actor,
                action="public_services.standard.update",
                obj=draft,
                before=changed_before,
                after=changed_after,
            )
    return draft


def publish_standard(
    *,
    actor,
    standard: ServiceStandard,
    effective_from: dt.date,
    decree_number: str = "",
    allow_past: bool = False,
) -> ServiceStandard:
    """Put a draft in force from `effective_from` (today or later); the version before it ends the day
    before. `allow_past` is for loading a standard already in force (demo, migration), never for the
    screens."""
    require(actor, MANAGE_CATALOGUE, standard)
    with transaction.atomic():
        Service.objects.select_for_update().get(pk=standard.service_id)
        draft = _editable(standard)
        today = organisation_today(draft.organisation)
        errors: dict[str, list[str]] = {}
        if effective_from is None:
            errors["effective_from"] = [_("Tanggal mulai berlaku wajib diisi.")]
        elif effective_from < today and not allow_past:
            errors["effective_from"] = [_("Tanggal mulai berlaku tidak boleh sebelum hari ini.")]
        published = draft.service.standards.filter(published=True)
        latest = published.order_by("-effective_from").first()
        if effective_from and latest is not None and effective_from <= latest.effective_from:
            errors.setdefault("effective_from", []).append(
                _("Tanggal mulai berlaku harus setelah %(tanggal)s, saat versi %(versi)s mulai berlaku.")
                % {"tanggal": latest.effective_from.strftime("%d-%m-%Y"), "versi": latest.version}
            )
        missing = [_label(name) for name in REQUIRED_TO_PUBLISH if not (getattr(draft, name) or "").strip()]
        if missing:
            errors.setdefault("__all__", []).append(
                _("Komponen berikut belum diisi: %(komponen)s.") % {"komponen": ", ".join(missing)}
            )
        if not draft.requirements.exists() and not draft.requirements_text.strip():
            errors.setdefault("__all__", []).append(_("Isi paling sedikit satu persyaratan."))
        if errors:
            raise ValidationError(errors)
        closed = []
        day_before = effective_from - dt.timedelta(days=1)
        still_open = published.filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=effective_from)
        )
        for previous in still_open:
            closed.append({"versi": previous.version, "berlaku_sampai_sebelumnya": previous.effective_until})
            previous.effective_until = day_before
            previous.save(update_fields=["effective_until"])
        draft.published = True
        draft.effective_from = effective_from
        draft.effective_until = None
        draft.decree_number = (decree_number or draft.decree_number).strip()
        draft.save()
        audit.record(
            actor=actor,
            action="public_services.standard.publish",
            obj=draft,
            before={"ditetapkan": False, "versi_sebelumnya": closed},
            after={
                "ditetapkan": True,
                "effective_from": effective_from,
                "decree_number": draft.decree_number,
                "versi_sebelumnya_berlaku_sampai": day_before if closed else None,
            },
        )
    return draft


# --- requirements (persyaratan) and the form (isian) of a draft ---------------------------------------


def _next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


@dataclass(frozen=True)
class _RowKind:
    """A kind of row kept in order on a draft standard (requirements, form fields): how it is found,
    checked, audited and named in the order's audit entry."""

    model: type
    related: str  # the standard's related name
    fields: list
    action: str  # audit action prefix
    order_key: str  # the audit entry's name for the order
    label: str  # the attribute naming a row in that entry
    check: Callable  # (draft, values, exclude_pk) -> values


def _check_requirement(draft, values: dict, exclude_pk=None) -> dict:
    values["name"] = (values.get("name") or "").strip()
    if not values["name"]:
        raise ValidationError({"name": _("Nama persyaratan wajib diisi.")})
    return values


def _check_form_field(standard: ServiceStandard, values: dict, exclude_pk=None) -> dict:
    errors = {}
    values["key"] = (values.get("key") or "").strip().lower()
    values["label"] = (values.get("label") or "").strip()
    if not KEY_PATTERN.match(values["key"]):
        errors["key"] = _(
            "Kunci isian hanya huruf kecil, angka, dan garis bawah, diawali huruf (contoh: nama_usaha)."
        )
    elif standard.form_fields.filter(key=values["key"]).exclude(pk=exclude_pk).exists():
        errors["key"] = _("Kunci “%(kunci)s” sudah dipakai isian lain pada versi ini.") % {
            "kunci": values["key"]
        }
    if not values["label"]:
        errors["label"] = _("Label isian wajib diisi.")
    if values.get("kind") not in FieldKind.values:
        errors["kind"] = _("Pilih jenis isian yang tersedia.")
    choices = [c.strip() for c in values.get("choices") or [] if c and c.strip()]
    if values.get("kind") == FieldKind.CHOICE:
        if len(choices) < 2:
            errors["choices"] = _("Isian pilihan memerlukan paling sedikit dua pilihan, satu per baris.")
        elif len(set(choices)) != len(choices):
            errors["choices"] = _("Ada pilihan yang ditulis dua kali.")
    else:
        choices = []
    values["choices"] = choices
    if errors:
        raise ValidationError(errors)
    return values


REQUIREMENT = _RowKind(
    Requirement,
    "requirements",
    REQUIREMENT_FIELDS,
    "public_services.requirement",
    "urutan_persyaratan",
    "name",
    _check_requirement,
)
FORM_FIELD = _RowKind(
    FormField,
    "form_fields",
    FORM_FIELD_FIELDS,
    "public_services.form_field",
    "urutan_isian",
    "key",
    _check_form_field,
)


def _add_row(kind: _RowKind, *, actor, standard: ServiceStandard, values: dict):
    require(actor, MANAGE_CATALOGUE, standard)
    with transaction.atomic():
        draft = _editable(standard)
        values = kind.check(draft, values)
        row = kind.model.objects.create(
            standard=draft, order=_next_order(getattr(draft, kind.related)), **values
        )
        audit.record(
            actor=actor,
            action=f"{kind.action}.add",
            obj=row,
            organisation=draft.organisation,
            after=audit.snapshot(row, kind.fields),
        )
    return row


def _update_row(kind: _RowKind, *, actor, row, values: dict):
    require(actor, MANAGE_CATALOGUE, row.standard)
    with transaction.atomic():
        draft = _editable(row.standard)
        values = kind.check(draft, values, exclude_pk=row.pk)
        current = kind.model.objects.get(pk=row.pk)
        before = audit.snapshot(current, kind.fields)
        for name, value in values.items():
            setattr(current, name, value)
        current.save()
        changed_before, changed_after = audit.changes(before, audit.snapshot(current, kind.fields))
        if changed_after:
            audit.record(
                actor=actor,
                action=f"{kind.action}.update",
                obj=current,
                organisation=draft.organisation,
                before=changed_before,
                after=changed_after,
            )
    return current


def _delete_row(kind: _RowKind, *, actor, row) -> None:
    require(actor, MANAGE_CATALOGUE, row.standard)
    with transaction.atomic():
        draft = _editable(row.standard)
        audit.record(
            actor=actor,
            action=f"{kind.action}.delete",
            obj=row,
            organisation=draft.organisation,
            before=audit.snapshot(row, kind.fields),
        )
        row.delete()
        _renumber(getattr(draft, kind.related).all())


def _renumber(queryset) -> None:
    for order, row in enumerate(queryset.order_by("order", "id"), start=1):
        if row.order != order:
            row.order = order
            row.save(update_fields=["order"])


def _move(rows: list, row, up: bool) -> list:
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for order, item in enumerate(rows, start=1):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])
    return rows


def _move_row(kind: _RowKind, *, actor, row, up: bool) -> None:
    require(actor, MANAGE_CATALOGUE, row.standard)
    with transaction.atomic():
        draft = _editable(row.standard)
        ordered = getattr(draft, kind.related).order_by("order", "id")
        before = list(ordered.values_list(kind.label, flat=True))
        rows = _move(list(ordered), row, up)
        audit.record(
            actor=actor,
            action=f"{kind.action}.move",
            obj=draft,
            before={kind.order_key: before},
            after={kind.order_key: [getattr(r, kind.label) for r in rows]},
        )


def add_requirement(*, actor, standard: ServiceStandard, **values) -> Requirement:
    return _add_row(REQUIREMENT, actor=actor, standard=standard, values=values)


def update_requirement(*, actor, requirement: Requirement, **values) -> Requirement:
    return _update_row(REQUIREMENT, actor=actor, row=requirement, values=values)


def delete_requirement(*, actor, requirement: Requirement) -> None:
    _delete_row(REQUIREMENT, actor=actor, row=requirement)


def move_requirement(*, actor, requirement: Requirement, up: bool) -> None:
    _move_row(REQUIREMENT, actor=actor, row=requirement, up=up)


def add_form_field(*, actor, standard: ServiceStandard, **values) -> FormField:
    return _add_row(FORM_FIELD, actor=actor, standard=standard, values=values)


def update_form_field(*, actor, form_field: FormField, **values) -> FormField:
    return _update_row(FORM_FIELD, actor=actor, row=form_field, values=values)


def delete_form_field(*, actor, form_field: FormField) -> None:
    _delete_row(FORM_FIELD, actor=actor, row=form_field)


def move_form_field(*, actor, form_field: FormField, up: bool) -> None:
    _move_row(FORM_FIELD, actor=actor, row=form_field, up=up)


# --- Maklumat Pelayanan --------------------------------------------------------------------------------


def create_pledge(
    *,
    actor,
    organisation,
    text: str,
    signatory_name: str,
    signatory_position: str,
    effective_from: dt.date,
    allow_past: bool = False,
) -> ServicePledge:
    """A new Maklumat; the one with the latest effective date not after today is the one in force.
    `allow_past` is for loading an existing Maklumat (demo, migration), never for the screens."""
    require(actor, MANAGE_CATALOGUE, organisation=organisation)
    values = {
        "text": (text or "").strip(),
        "signatory_name": (signatory_name or "").strip(),
        "signatory_position": (signatory_position or "").strip(),
    }
    errors = {}
    if not values["text"]:
        errors["text"] = _("Isi maklumat wajib diisi.")
    if not values["signatory_name"]:
        errors["signatory_name"] = _("Nama penanda tangan wajib diisi.")
    if not values["signatory_position"]:
        errors["signatory_position"] = _("Jabatan penanda tangan wajib diisi.")
    if effective_from is None:
        errors["effective_from"] = _("Tanggal mulai berlaku wajib diisi.")
    elif not allow_past and effective_from < organisation_today(organisation):
        errors["effective_from"] = _("Tanggal mulai berlaku tidak boleh sebelum hari ini.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pledge = ServicePledge.objects.create(
            organisation=organisation, effective_from=effective_from, **values
        )
        audit.record(
            actor=actor,
            action="public_services.pledge.create",
            obj=pledge,
            after=audit.snapshot(pledge, PLEDGE_FIELDS),
        )
    return pledge
