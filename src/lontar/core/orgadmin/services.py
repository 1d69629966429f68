"""Every write of organisation administration: offices, units, positions, assignments, staff,
accounts and role memberships.

Each function takes keyword-only arguments, runs in one transaction, checks permission through
`permissions.require` and records an audit event with before/after. `actor=None` means the system
itself (the demo loader, imports): no permission check, and the audit trail says "sistem".
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lontar.core import audit, civil_service
from lontar.core.accounts.tasks import send_password_link
from lontar.core.background import enqueue_on_commit
from lontar.core.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Position,
    PositionAssignment,
    Role,
    Staff,
    Unit,
)
from lontar.core.permissions import (
    MANAGE_ORGANISATION,
    MANAGE_STAFF,
    forget_cached_roles,
    require,
)

# Granted to no office role: only a city administrator (whose role holds every action) or a
# superuser may hand out the city administrator role.
GRANT_CITY_ADMIN = "core.grant_city_admin"

ORGANISATION_PROFILE_FIELDS = (
    "name",
    "short_name",
    "code",
    "region_code",
    "address",
    "postal_code",
    "phone",
    "email",
    "website",
    "letterhead_government",
    "timezone",
    "require_2fa_for_leaders",
)
UNIT_FIELDS = ("parent", "kind", "name", "code", "order")
POSITION_FIELDS = ("unit", "title", "superior", "is_unit_head", "order")
STAFF_FIELDS = (
    "full_name",
    "front_title",
    "back_title",
    "nip",
    "employment_type",
    "rank",
    "unit",
    "email",
    "phone",
    "is_active",
)
ASSIGNMENT_FIELDS = ("position", "staff", "kind", "start_date", "end_date", "decree_number")


def _require(actor, action: str, obj=None, *, organisation=None) -> None:
    if actor is None:
        return
    require(actor, action, obj, organisation=organisation)


def _full_clean(obj, *, exclude=None) -> None:
    obj.full_clean(exclude=exclude, validate_constraints=True)


def _same_office(obj, organisation, message: str) -> None:
    if obj is not None and obj.organisation_id != organisation.pk:
        raise ValidationError(message)


# --- offices ------------------------------------------------------------------------------------
@transaction.atomic
def create_organisation(*, actor, parent: Organisation | None, kind: str, **fields) -> Organisation:
    """Add an office under `parent` (a kecamatan under a kota, a kelurahan under a kecamatan)."""
    if parent is None:
        if actor is not None and not actor.is_superuser:
            raise PermissionDenied(MANAGE_ORGANISATION)
    else:
        _require(actor, MANAGE_ORGANISATION, parent)
    organisation = Organisation(parent=parent, kind=kind, **fields)
    _full_clean(organisation)
    organisation.save()
    audit.record(
        actor=actor,
        action="organisation.create",
        obj=organisation,
        after=audit.snapshot(organisation, ("kind", "parent", *ORGANISATION_PROFILE_FIELDS)),
    )
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation: Organisation, **fields) -> Organisation:
    """Change an office's profile, letterhead and sign-in policy."""
    _require(actor, MANAGE_ORGANISATION, organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = audit.snapshot(organisation, ORGANISATION_PROFILE_FIELDS)
    for name, value in fields.items():
        if name not in ORGANISATION_PROFILE_FIELDS:
            raise ValueError(f"{name} is not an editable office field")
        setattr(organisation, name, value)
    _full_clean(organisation)
    organisation.save()
    after = audit.snapshot(organisation, ORGANISATION_PROFILE_FIELDS)
    before, after = audit.changes(before, after)
    if after:
        audit.record(actor=actor, action="organisation.update", obj=organisation, before=before, after=after)
    return organisation


def _organisation_label(organisation: Organisation | None) -> str:
    return organisation.code if organisation is not None else ""


@transaction.atomic
def move_organisation(*, actor, organisation: Organisation, parent: Organisation) -> Organisation:
    """Put an office under another parent (a kelurahan moving to another kecamatan after a
    re-districting). The administrator must manage both the old and the new parent."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.parent_id is None:
        raise ValidationError(_("Kota/kabupaten berada di puncak susunan dan tidak dapat dipindahkan."))
    _require(actor, MANAGE_ORGANISATION, organisation.parent)
    _require(actor, MANAGE_ORGANISATION, parent)
    if parent.pk == organisation.parent_id:
        raise ValidationError(
            {"parent": _("Kantor ini sudah berada di bawah %(name)s.") % {"name": parent.name}}
        )
    if parent.path.startswith(organisation.path):
        raise ValidationError({"parent": _("Kantor tidak dapat dipindahkan ke bawah dirinya sendiri.")})
    if not parent.is_active:
        raise ValidationError({"parent": _("%(name)s sudah tidak aktif.") % {"name": parent.name}})
    old_parent = organisation.parent
    organisation.parent = parent
    _full_clean(organisation)
    organisation.save()
    audit.record(
        actor=actor,
        action="organisation.move",
        obj=organisation,
        before={"parent": _organisation_label(old_parent)},
        after={"parent": _organisation_label(parent)},
    )
    return organisation


@transaction.atomic
def set_organisation_active(*, actor, organisation: Organisation, active: bool) -> Organisation:
    """Close an office (merged, dissolved) or open it again. Its data stays, readable from above;
    its own members lose their roles there while it is closed. Decided one level up: an office
    cannot close itself, and closes only after the offices under it are closed or moved."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.parent_id is None:
        if actor is not None and not actor.is_superuser:
            raise PermissionDenied(MANAGE_ORGANISATION)
    else:
        _require(actor, MANAGE_ORGANISATION, organisation.parent)
    if organisation.is_active == active:
        return organisation
    if not active and organisation.children.filter(is_active=True).exists():
        raise ValidationError(
            _(
                "%(name)s masih membawahi kantor yang aktif. Nonaktifkan atau pindahkan dahulu "
                "kantor di bawahnya."
            )
            % {"name": organisation.name}
        )
    if active and organisation.parent_id and not organisation.parent.is_active:
        raise ValidationError(
            _("Aktifkan dahulu kantor induknya, %(name)s.") % {"name": organisation.parent.name}
        )
    organisation.is_active = active
    organisation.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="organisation.activate" if active else "organisation.deactivate",
        obj=organisation,
        before={"is_active": not active},
        after={"is_active": active},
    )
    return organisation


# --- units --------------------------------------------------------------------------------------
@transaction.atomic
def create_unit(
    *, actor, organisation: Organisation, kind: str, name: str, code: str, parent: Unit | None = None, order=0
) -> Unit:
    _require(actor, MANAGE_ORGANISATION, organisation)
    _same_office(parent, organisation, _("Unit induk harus berada di kantor yang sama."))
    unit = Unit(organisation=organisation, kind=kind, name=name, code=code, parent=parent, order=order)
    _full_clean(unit)
    unit.save()
    audit.record(actor=actor, action="unit.create", obj=unit, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


def _descendant_ids(unit: Unit) -> set[int]:
    ids: set[int] = set()
    frontier = [unit.pk]
    while frontier:
        frontier = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return ids


@transaction.atomic
def update_unit(*, actor, unit: Unit, **fields) -> Unit:
    _require(actor, MANAGE_ORGANISATION, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = audit.snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        if name not in UNIT_FIELDS:
            raise ValueError(f"{name} is not an editable unit field")
        setattr(unit, name, value)
    if unit.parent_id is not None:
        _same_office(unit.parent, unit.organisation, _("Unit induk harus berada di kantor yang sama."))
        if unit.parent_id == unit.pk or unit.parent_id in _descendant_ids(unit):
            raise ValidationError(_("Unit induk tidak boleh unit itu sendiri atau bawahannya."))
    _full_clean(unit)
    unit.save()
    before, after = audit.changes(before, audit.snapshot(unit, UNIT_FIELDS))
    if after:
        audit.record(actor=actor, action="unit.update", obj=unit, before=before, after=after)
    return unit


@transaction.atomic
def delete_unit(*, actor, unit: Unit) -> None:
    _require(actor, MANAGE_ORGANISATION, unit)
    if unit.children.exists() or unit.positions.exists() or unit.staff.exists():
        raise ValidationError(
            _("Unit ini masih memiliki subunit, jabatan atau pegawai. Pindahkan dahulu sebelum menghapus.")
        )
    before = audit.snapshot(unit, UNIT_FIELDS)
    audit.record(actor=actor, action="unit.delete", obj=unit, before=before)
    unit.delete()


# --- positions ----------------------------------------------------------------------------------
def _check_position(position: Position) -> None:
    _same_office(position.unit, position.organisation, _("Unit jabatan harus berada di kantor yang sama."))
    if position.is_unit_head and position.unit_id:
        head = (
            Position.objects.filter(unit_id=position.unit_id, is_unit_head=True)
            .exclude(pk=position.pk)
            .first()
        )
        if head is not None:
            raise ValidationError(
                {
                    "is_unit_head": _("%(unit)s sudah dipimpin oleh jabatan %(title)s.")
                    % {"unit": position.unit.name, "title": head.title}
                }
            )
    if position.superior_id is not None:
        _same_office(
            position.superior, position.organisation, _("Atasan langsung harus berada di kantor yang sama.")
        )
        seen = {position.pk}
        current = position.superior
        while current is not None:
            if current.pk in seen:
                raise ValidationError(_("Atasan langsung membentuk lingkaran; pilih atasan lain."))
            seen.add(current.pk)
            current = current.superior


@transaction.atomic
def create_position(
    *,
    actor,
    organisation: Organisation,
    unit: Unit,
    title: str,
    superior: Position | None = None,
    is_unit_head: bool = False,
    order: int = 0,
) -> Position:
    _require(actor, MANAGE_ORGANISATION, organisation)
    position = Position(
        organisation=organisation,
        unit=unit,
        title=title,
        superior=superior,
        is_unit_head=is_unit_head,
        order=order,
    )
    _check_position(position)
    _full_clean(position)
    position.save()
    audit.record(
        actor=actor, action="position.create", obj=position, after=audit.snapshot(position, POSITION_FIELDS)
    )
    return position


@transaction.atomic
def update_position(*, actor, position: Position, **fields) -> Position:
    _require(actor, MANAGE_ORGANISATION, position)
    position = Position.objects.select_for_update().get(pk=position.pk)
    before = audit.snapshot(position, POSITION_FIELDS)
    for name, value in fields.items():
        if name not in POSITION_FIELDS:
            raise ValueError(f"{name} is not an editable position field")
        setattr(position, name, value)
    _check_position(position)
    _full_clean(position)
    position.save()
    before, after = audit.changes(before, audit.snapshot(position, POSITION_FIELDS))
    if after:
        audit.record(actor=actor, action="position.update", obj=position, before=before, after=after)
    return position


@transaction.atomic
def delete_position(*, actor, position: Position) -> None:
    _require(actor, MANAGE_ORGANISATION, position)
    if position.assignments.exists() or position.subordinates.exists():
        raise ValidationError(
            _("Jabatan ini masih memiliki riwayat pemangku atau bawahan sehingga tidak dapat dihapus.")
        )
    audit.record(
        actor=actor, action="position.delete", obj=position, before=audit.snapshot(position, POSITION_FIELDS)
    )
    position.delete()


# --- assignments (definitive, Plt., Plh.) -------------------------------------------------------
# The rules an office keeps (SE Kepala BKN 1/2021 on Plh. and Plt.):
# - a position has at most one definitive holder on any day, and at most one Plt. and one Plh.;
# - an acting appointment is for a stated period, so it has an end date;
# - nobody holds the same position twice on the same day (a Plt. is not also the definitive holder);
# - a Plh. stands in for a holder who is temporarily away, so the position must have a definitive
#   holder or a Plt. on every day of the Plh.'s period; a vacant position gets a Plt.
def _overlapping(qs, start, end):
    """Assignments in `qs` whose period meets [start, end] (an open end runs forever)."""
    qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    return qs


def _day(value) -> str:
    return formats.date_format(value, "j M Y")


def _period(assignment: PositionAssignment) -> str:
    if assignment.end_date is None:
        return _("sejak %(start)s") % {"start": _day(assignment.start_date)}
    return _("%(start)s s.d. %(end)s") % {
        "start": _day(assignment.start_date),
        "end": _day(assignment.end_date),
    }


def _kind_label(kind: str) -> str:
    return {
        PositionAssignment.Kind.DEFINITIVE: _("pemangku definitif"),
        PositionAssignment.Kind.PLT: _("Plt."),
        PositionAssignment.Kind.PLH: _("Plh."),
    }[kind]


def _uncovered_day(position: Position, start, end, *, exclude_pk=None):
    """The first day in [start, end] on which `position` has neither a definitive holder nor a Plt."""
    holders = _overlapping(
        position.assignments.exclude(kind=PositionAssignment.Kind.PLH).exclude(pk=exclude_pk), start, end
    ).order_by("start_date")
    day = start
    for held in holders:
        if held.start_date > day:
            return day
        if held.end_date is None or held.end_date >= end:
            return None
        day = max(day, held.end_date + datetime.timedelta(days=1))
    return day if day <= end else None


def _check_assignment(assignment: PositionAssignment) -> None:
    """Refuse an assignment that breaks one of the rules above, saying which and with whom."""
    position = assignment.position
    others = _overlapping(
        position.assignments.exclude(pk=assignment.pk), assignment.start_date, assignment.end_date
    ).select_related("staff")
    for other in others.order_by("start_date"):
        names = {
            "position": position.title,
            "name": other.staff.full_name,
            "kind": _kind_label(other.kind),
            "period": _period(other),
        }
        if other.staff_id == assignment.staff_id:
            raise ValidationError(
                {
                    "staff": _(
                        "%(name)s sudah memangku %(position)s sebagai %(kind)s (%(period)s). Satu orang "
                        "tidak dapat memangku jabatan yang sama dua kali pada hari yang sama; bila Plt. "
                        "diangkat menjadi definitif, akhiri dahulu penugasan Plt.-nya sehari sebelum "
                        "tanggal mulai."
                    )
                    % names
                }
            )
        if other.kind == assignment.kind == PositionAssignment.Kind.DEFINITIVE:
            raise ValidationError(
                _(
                    "Jabatan %(position)s sudah dipangku secara definitif oleh %(name)s (%(period)s). "
                    "Akhiri dahulu penugasan tersebut sehari sebelum pemangku baru mulai."
                )
                % names
            )
        if other.kind == assignment.kind:
            raise ValidationError(
                _(
                    "Jabatan %(position)s sudah memiliki %(kind)s %(name)s (%(period)s). Satu jabatan "
                    "hanya memiliki satu Plt. dan satu Plh. pada hari yang sama."
                )
                % names
            )
    if assignment.kind == PositionAssignment.Kind.PLH:
        vacant = _uncovered_day(
            position, assignment.start_date, assignment.end_date, exclude_pk=assignment.pk
        )
        if vacant is not None:
            raise ValidationError(
                _(
                    "Pada %(day)s jabatan %(position)s tidak memiliki pemangku definitif maupun Plt. "
                    "Plh. menggantikan pejabat yang berhalangan sementara; untuk jabatan yang kosong "
                    "tunjuk Plt."
                )
                % {"day": _day(vacant), "position": position.title}
            )


@transaction.atomic
def assign_position(
    *,
    actor,
    position: Position,
    staff: Staff,
    kind: str = PositionAssignment.Kind.DEFINITIVE,
    start_date,
    end_date=None,
    decree_number: str = "",
) -> PositionAssignment:
    """Put `staff` in `position` (definitively, or as Plt./Plh. for a limited period)."""
    _require(actor, MANAGE_STAFF, position)
    # Lock the position so two administrators cannot appoint two holders at the same moment.
    position = Position.objects.select_for_update().get(pk=position.pk)
    _same_office(staff, position.organisation, _("Pegawai harus berasal dari kantor yang sama."))
    if not staff.is_active:
        raise ValidationError(
            {"staff": _("%(name)s sudah tidak aktif dan tidak dapat ditugaskan.") % {"name": staff.full_name}}
        )
    assignment = PositionAssignment(
        organisation=position.organisation,
        position=position,
        staff=staff,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        decree_number=decree_number,
    )
    _full_clean(assignment)
    _check_assignment(assignment)
    assignment.save()
    audit.record(
        actor=actor,
        action="assignment.create",
        obj=assignment,
        after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    return assignment


@transaction.atomic
def end_assignment(*, actor, assignment: PositionAssignment, end_date) -> PositionAssignment:
    """Set the last day of an assignment: ending a definitive term, ending a Plt./Plh. early, or
    extending a Plt. by a new order. The history stays; nothing is deleted."""
    _require(actor, MANAGE_STAFF, assignment)
    Position.objects.select_for_update().get(pk=assignment.position_id)
    assignment = PositionAssignment.objects.select_related("position", "staff").get(pk=assignment.pk)
    before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.end_date = end_date
    _full_clean(assignment)
    _check_assignment(assignment)
    assignment.save()
    before, after = audit.changes(before, audit.snapshot(assignment, ASSIGNMENT_FIELDS))
    if after:
        audit.record(actor=actor, action="assignment.end", obj=assignment, before=before, after=after)
    return assignment


# --- staff records ------------------------------------------------------------------------------
@transaction.atomic
def create_staff(*, actor, organisation: Organisation, **fields) -> Staff:
    _require(actor, MANAGE_STAFF, organisation=organisation)
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise ValueError(f"not staff fields: {sorted(unknown)}")
    if "nip" in fields:
        fields["nip"] = civil_service.digits_of(fields["nip"])
    staff = Staff(organisation=organisation, **fields)
    _same_office(staff.unit, organisation, _("Unit harus berada di kantor yang sama."))
    _full_clean(staff, exclude=["user"])
    staff.save()
    audit.record(actor=actor, action="staff.create", obj=staff, after=audit.snapshot(staff, STAFF_FIELDS))
    return staff


def _refuse_leaving_while_holding_a_position(staff: Staff) -> None:
    today = timezone.localdate()
    held = _overlapping(staff.assignments.all(), today, None).select_related("position")
    titles = [f"{a.signature_prefix}{a.position.title}" for a in held]
    if titles:
        raise ValidationError(
            {
                "is_active": _(
                    "%(name)s masih memangku %(positions)s. Akhiri dahulu penugasannya dengan tanggal "
                    "sesuai SK, lalu nonaktifkan."
                )
                % {"name": staff.full_name, "positions": ", ".join(titles)}
            }
        )


@transaction.atomic
def update_staff(*, actor, staff: Staff, **fields) -> Staff:
    _require(actor, MANAGE_STAFF, staff)
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    before = audit.snapshot(staff, STAFF_FIELDS)
    for name, value in fields.items():
        if name not in STAFF_FIELDS:
            raise ValueError(f"{name} is not an editable staff field")
        setattr(staff, name, civil_service.digits_of(value) if name == "nip" else value)
    _same_office(staff.unit, staff.organisation, _("Unit harus berada di kantor yang sama."))
    _full_clean(staff, exclude=["user"])
    if not staff.is_active:
        _refuse_leaving_while_holding_a_position(staff)
    staff.save()
    if staff.user_id and not staff.is_active and staff.user.is_active:
        # A staff member who leaves the office can no longer sign in.
        get_user_model().objects.filter(pk=staff.user_id).update(is_active=False)
    before, after = audit.changes(before, audit.snapshot(staff, STAFF_FIELDS))
    if after:
        audit.record(actor=actor, action="staff.update", obj=staff, before=before, after=after)
    return staff


@transaction.atomic
def transfer_staff(*, actor, staff: Staff, organisation: Organisation, unit: Unit | None = None) -> Staff:
    """Move a staff member's record to another office (mutasi), keeping their NIP, account and
    history. Their positions end first (by the date of the decree), and their roles in the old
    office go: roles in the new office are given there."""
    _require(actor, MANAGE_STAFF, staff)
    _require(actor, MANAGE_STAFF, organisation=organisation)
    staff = Staff.objects.select_for_update().select_related("organisation").get(pk=staff.pk)
    old_office = staff.organisation
    if organisation.pk == old_office.pk:
        raise ValidationError(
            {"organisation": _("Pegawai ini sudah berada di %(name)s.") % {"name": old_office.name}}
        )
    if not organisation.is_active:
        raise ValidationError(
            {"organisation": _("%(name)s sudah tidak aktif.") % {"name": organisation.name}}
        )
    if not staff.is_active:
        raise ValidationError(_("Pegawai yang tidak aktif tidak dapat dipindahkan."))
    _same_office(unit, organisation, _("Unit harus berada di kantor tujuan."))
    held = _overlapping(staff.assignments.all(), timezone.localdate(), None).select_related("position")
    titles = [f"{a.signature_prefix}{a.position.title}" for a in held]
    if titles:
        raise ValidationError(
            _(
                "%(name)s masih memangku %(positions)s di %(office)s. Akhiri dahulu penugasannya "
                "dengan tanggal sesuai SK mutasi, lalu pindahkan."
            )
            % {"name": staff.full_name, "positions": ", ".join(titles), "office": old_office.name}
        )
    old_roles = (
        list(Membership.objects.filter(user_id=staff.user_id, organisation=old_office))
        if staff.user_id
        else []
    )
    for membership in old_roles:
        _delete_membership(actor, membership)
    staff.organisation = organisation
    staff.unit = unit
    staff.save(update_fields=["organisation", "unit"])
    moved = {"staff": staff.full_name, "from": old_office.code, "to": organisation.code}
    # Each office's trail tells its own side: one person left, one arrived.
    audit.record(actor=actor, action="staff.transfer_out", obj=staff, organisation=old_office, after=moved)
    audit.record(actor=actor, action="staff.transfer_in", obj=staff, organisation=organisation, after=moved)
    if staff.user_id:
        forget_cached_roles(staff.user)
    return staff


# --- accounts and roles -------------------------------------------------------------------------
def _check_role(actor, organisation: Organisation, role: str) -> None:
    if role not in Role.values:
        raise ValidationError(_("Peran tidak dikenal."))
    if role == Role.CITY_ADMIN:
        if organisation.kind != OrganisationKind.CITY:
            raise ValidationError(_("Peran Administrator Kota hanya dapat diberikan pada tingkat kota."))
        _require(actor, GRANT_CITY_ADMIN, organisation)


@transaction.atomic
def create_account(
    *,
    actor,
    staff: Staff,
    username: str,
    role: str,
    password: str | None = None,
    password_hash: str | None = None,
    send_reset_link: bool = False,
    domain: str = "localhost",
    use_https: bool = False,
):
    """Give a staff member a sign-in account with one role in their office.

    Either set an initial password, carry over an already hashed one (imports, the demo loader)
    or e-mail a link to choose one (sent after commit).
    """
    _require(actor, MANAGE_STAFF, staff)
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    if staff.user_id is not None:
        raise ValidationError(_("Pegawai ini sudah memiliki akun."))
    if not staff.is_active:
        raise ValidationError(_("Pegawai yang tidak aktif tidak diberi akun."))
    User = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError(_("Nama pengguna wajib diisi."))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("Nama pengguna %(username)s sudah dipakai.") % {"username": username})
    if not password and not password_hash and not send_reset_link:
        raise ValidationError(_("Tetapkan kata sandi awal atau kirim tautan pembuatan kata sandi."))
    if send_reset_link and not staff.email:
        raise ValidationError(_("Pegawai ini belum memiliki alamat surel untuk menerima tautan."))
    _check_role(actor, staff.organisation, role)
    user = User(username=username, email=staff.email, first_name=staff.full_name[:150])
    if password:
        user.set_password(password)
    elif password_hash:
        user.password = password_hash
    else:
        user.set_unusable_password()
    user.save()
    staff.user = user
    staff.save(update_fields=["user"])
    membership = Membership.objects.create(user=user, organisation=staff.organisation, role=role)
    audit.record(
        actor=actor,
        action="account.create",
        obj=staff,
        after={
            "username": user.username,
            "role": role,
            "password": "tautan dikirim" if send_reset_link and not password else "ditetapkan",
        },
    )
    audit.record(
        actor=actor, action="membership.add", obj=membership, after={"user": user.username, "role": role}
    )
    if send_reset_link:
        enqueue_on_commit(send_password_link, user.pk, domain, use_https)
    return user


@transaction.atomic
def add_membership(*, actor, user, organisation: Organisation, role: str) -> Membership:
    _require(actor, MANAGE_STAFF, organisation=organisation)
    _check_role(actor, organisation, role)
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if not created and membership.is_active:
        raise ValidationError(_("Pengguna ini sudah memiliki peran tersebut di kantor ini."))
    granted = {"user": user.username, "role": role, "organisation": organisation.code}
    if not created:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="membership.add",
        obj=membership,
        # A role switched off earlier and granted again: the trail shows it was there, inactive.
        before=None if created else {**granted, "is_active": False},
        after={**granted, "is_active": True},
    )
    forget_cached_roles(user)
    return membership


@transaction.atomic
def remove_membership(*, actor, membership: Membership) -> None:
    _require(actor, MANAGE_STAFF, membership)
    if membership.role == Role.CITY_ADMIN:
        _require(actor, GRANT_CITY_ADMIN, membership)
    if (
        actor is not None
        and membership.user_id == actor.pk
        and membership.role
        in (
            Role.ORG_ADMIN,
            Role.CITY_ADMIN,
        )
    ):
        raise ValidationError(_("Anda tidak dapat mencabut peran administrator Anda sendiri."))
    _delete_membership(actor, membership)


def _delete_membership(actor, membership: Membership) -> None:
    """Revoke a role: audited with what it was, and the user's cached roles forgotten."""
    audit.record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        before={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()
    forget_cached_roles(membership.user)
