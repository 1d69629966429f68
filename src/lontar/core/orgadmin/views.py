"""Organisation administration screens. Thin: read through selectors, write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lontar.core.orgadmin import forms, selectors, services
from lontar.core.permissions import (
    MANAGE_ORGANISATION,
    MANAGE_STAFF,
    VIEW_ORGANISATION,
    VIEW_STAFF,
    authorize,
    get_visible_or_404,
    require,
    visible_organisation_ids,
)


def _organisation(user, pk, action=VIEW_ORGANISATION):
    return selectors.organisation_for(user, pk, action)


def _apply(form, call):
    """Run a service; a ValidationError becomes a form error so nothing the user typed is lost."""
    try:
        return call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None


def _form_page(request, form, *, title, back, organisation=None, submit=None, cancel_url=None):
    return render(
        request,
        "core/orgadmin/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "organisation": organisation,
            "submit": submit,
            "cancel_url": cancel_url or reverse("core:organisation_detail", args=[back.pk]),
        },
    )


# --- offices ------------------------------------------------------------------------------------
@login_required
def organisation_list(request):
    rows = selectors.organisation_tree(request.user)
    if len(rows) == 1:
        return redirect("core:organisation_detail", pk=rows[0][0].pk)
    return render(request, "core/orgadmin/organisation_list.html", {"rows": rows})


@login_required
def organisation_detail(request, pk):
    organisation = _organisation(request.user, pk)
    can_manage = authorize(request.user, MANAGE_ORGANISATION, organisation)
    parent = organisation.parent
    return render(
        request,
        "core/orgadmin/organisation_detail.html",
        {
            "organisation": organisation,
            "parent_visible": parent is not None and parent.pk in visible_organisation_ids(request.user),
            "structure": selectors.organisation_structure(organisation),
            "today": timezone.localdate(),
            "children": selectors.visible_children(request.user, organisation),
            "can_manage": can_manage,
            "can_add_child": can_manage and organisation.kind in CHILD_KIND and organisation.is_active,
            "can_manage_staff": authorize(request.user, MANAGE_STAFF, organisation),
            "can_manage_from_above": parent is not None
            and authorize(request.user, MANAGE_ORGANISATION, parent),
            "can_move": selectors.parents_to_move_to(request.user, organisation).exists(),
        },
    )


@login_required
def organisation_edit(request, pk):
    organisation = _organisation(request.user, pk, MANAGE_ORGANISATION)
    form = forms.OrganisationForm(request.POST or None, instance=selectors.editable_copy(organisation))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if _apply(
            form,
            lambda: services.update_organisation(actor=request.user, organisation=organisation, **fields),
        ):
            messages.success(request, _("Profil kantor disimpan."))
            return redirect("core:organisation_detail", pk=organisation.pk)
    return _form_page(
        request, form, title=_("Ubah profil kantor"), back=organisation, organisation=organisation
    )


CHILD_KIND = {"kota": "kecamatan", "kecamatan": "kelurahan"}


@login_required
def organisation_create(request, pk):
    """Add a kecamatan under the kota, or a kelurahan under a kecamatan."""
    parent = _organisation(request.user, pk, MANAGE_ORGANISATION)
    kind = CHILD_KIND.get(parent.kind)
    if kind is None:
        raise Http404
    form = forms.OrganisationForm.for_new_child(request.POST or None, parent=parent, kind=kind)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        organisation = _apply(
            form,
            lambda: services.create_organisation(actor=request.user, parent=parent, kind=kind, **fields),
        )
        if organisation:
            messages.success(request, _("Kantor %(name)s ditambahkan.") % {"name": organisation.name})
            return redirect("core:organisation_detail", pk=organisation.pk)
    return _form_page(
        request,
        form,
        title=_("Tambah kantor di bawah %(name)s") % {"name": parent.name},
        back=parent,
        organisation=parent,
    )


@login_required
def organisation_move(request, pk):
    """Put a kelurahan under another kecamatan (or a kecamatan under another kota)."""
    organisation = _organisation(request.user, pk)
    targets = selectors.parents_to_move_to(request.user, organisation)
    if organisation.parent_id is None or not authorize(
        request.user, MANAGE_ORGANISATION, organisation.parent
    ):
        raise PermissionDenied(MANAGE_ORGANISATION)
    form = forms.MoveOrganisationForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        moved = _apply(
            form,
            lambda: services.move_organisation(
                actor=request.user, organisation=organisation, parent=form.cleaned_data["parent"]
            ),
        )
        if moved:
            messages.success(
                request,
                _("%(name)s sekarang berada di bawah %(parent)s.")
                % {"name": moved.name, "parent": moved.parent.name},
            )
            return redirect("core:organisation_detail", pk=moved.pk)
    return _form_page(
        request,
        form,
        title=_("Pindahkan %(name)s") % {"name": organisation.name},
        back=organisation,
        organisation=organisation,
        submit=_("Pindahkan"),
    )


@login_required
@require_POST
def organisation_set_active(request, pk):
    """Close an office or open it again; decided by whoever manages the office above it."""
    organisation = _organisation(request.user, pk)
    active = request.POST.get("aktif") == "1"
    try:
        services.set_organisation_active(actor=request.user, organisation=organisation, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if active:
            messages.success(request, _("%(name)s diaktifkan kembali.") % {"name": organisation.name})
        else:
            messages.success(request, _("%(name)s dinonaktifkan.") % {"name": organisation.name})
    return redirect("core:organisation_detail", pk=organisation.pk)


# --- units --------------------------------------------------------------------------------------
@login_required
def unit_create(request, pk):
    organisation = _organisation(request.user, pk, MANAGE_ORGANISATION)
    form = forms.UnitForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.create_unit(actor=request.user, organisation=organisation, **data)):
            messages.success(request, _("Unit kerja ditambahkan."))
            return redirect("core:organisation_detail", pk=organisation.pk)
    return _form_page(
        request, form, title=_("Tambah unit kerja"), back=organisation, organisation=organisation
    )


@login_required
def unit_edit(request, pk):
    unit = selectors.unit_for(request.user, pk, MANAGE_ORGANISATION)
    form = forms.UnitForm(
        request.POST or None, instance=selectors.editable_copy(unit), organisation=unit.organisation
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.update_unit(actor=request.user, unit=unit, **data)):
            messages.success(request, _("Unit kerja disimpan."))
            return redirect("core:organisation_detail", pk=unit.organisation_id)
    return _form_page(
        request, form, title=_("Ubah unit kerja"), back=unit.organisation, organisation=unit.organisation
    )


@login_required
@require_POST
def unit_delete(request, pk):
    unit = selectors.unit_for(request.user, pk, MANAGE_ORGANISATION)
    try:
        services.delete_unit(actor=request.user, unit=unit)
        messages.success(request, _("Unit kerja dihapus."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("core:organisation_detail", pk=unit.organisation_id)


@login_required
@require_POST
def position_delete(request, pk):
    position = selectors.position_for(request.user, pk, MANAGE_ORGANISATION)
    try:
        services.delete_position(actor=request.user, position=position)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:position_detail", pk=position.pk)
    messages.success(request, _("Jabatan dihapus."))
    return redirect("core:organisation_detail", pk=position.organisation_id)


# --- positions and assignments ------------------------------------------------------------------
@login_required
def position_create(request, pk):
    organisation = _organisation(request.user, pk, MANAGE_ORGANISATION)
    form = forms.PositionForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        position = _apply(
            form, lambda: services.create_position(actor=request.user, organisation=organisation, **data)
        )
        if position:
            messages.success(request, _("Jabatan ditambahkan."))
            return redirect("core:position_detail", pk=position.pk)
    return _form_page(request, form, title=_("Tambah jabatan"), back=organisation, organisation=organisation)


@login_required
def position_detail(request, pk):
    position = selectors.position_for(request.user, pk, VIEW_ORGANISATION)
    can_manage_staff = authorize(request.user, MANAGE_STAFF, position)
    form = forms.AssignmentForm(request.POST or None, position=position)
    if request.method == "POST":
        require(request.user, MANAGE_STAFF, position)
        if form.is_valid():
            data = form.cleaned_data
            if _apply(form, lambda: services.assign_position(actor=request.user, position=position, **data)):
                messages.success(request, _("Penugasan jabatan disimpan."))
                return redirect("core:position_detail", pk=position.pk)
    current = selectors.current_assignments_of(position)
    return render(
        request,
        "core/orgadmin/position_detail.html",
        {
            "position": position,
            "organisation": position.organisation,
            "assignments": selectors.assignments_of(position),
            "current": current,
            "today": timezone.localdate(),
            "form": form,
            "can_manage": authorize(request.user, MANAGE_ORGANISATION, position),
            "can_manage_staff": can_manage_staff,
        },
    )


@login_required
def position_edit(request, pk):
    position = selectors.position_for(request.user, pk, MANAGE_ORGANISATION)
    form = forms.PositionForm(
        request.POST or None,
        instance=selectors.editable_copy(position),
        organisation=position.organisation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.update_position(actor=request.user, position=position, **data)):
            messages.success(request, _("Jabatan disimpan."))
            return redirect("core:position_detail", pk=position.pk)
    return _form_page(
        request, form, title=_("Ubah jabatan"), back=position.organisation, organisation=position.organisation
    )


@login_required
@require_POST
def assignment_end(request, pk):
    assignment = selectors.assignment_for(request.user, pk, MANAGE_STAFF)
    form = forms.EndAssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.end_assignment(
                actor=request.user, assignment=assignment, end_date=form.cleaned_data["end_date"]
            )
            messages.success(request, _("Tanggal selesai penugasan disimpan."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Isi tanggal selesai yang benar, misalnya 31-12-2026."))
    return redirect("core:position_detail", pk=assignment.position_id)


# --- staff --------------------------------------------------------------------------------------
STAFF_LIST_LIMIT = 300


@login_required
def staff_list(request):
    require(request.user, VIEW_STAFF)
    offices = list(selectors.organisations_visible_to(request.user))
    office_id = request.GET.get("kantor") or ""
    if office_id == "semua":
        organisation = None
    elif office_id:
        organisation = get_visible_or_404(
            request.user, selectors.organisations_visible_to(request.user), VIEW_STAFF, pk=office_id
        )
    elif len(offices) == 1:
        organisation = offices[0]
    else:
        organisation = selectors.home_organisation(request.user)
    filters = forms.StaffFilterForm(request.GET, organisation=organisation)
    criteria = filters.criteria()
    people, total = selectors.staff_directory(
        request.user, organisation=organisation, limit=STAFF_LIST_LIMIT, **criteria
    )
    return render(
        request,
        "core/orgadmin/staff_list.html",
        {
            "people": people,
            "total": total,
            "limit": STAFF_LIST_LIMIT,
            "offices": offices,
            "organisation": organisation,
            "filters": filters,
            "filtered": filters.is_narrowed(),
            "can_add": organisation is not None
            and organisation.is_active
            and authorize(request.user, MANAGE_STAFF, organisation),
        },
    )


@login_required
def staff_detail(request, pk):
    staff = selectors.staff_profile(request.user, pk)
    can_manage = authorize(request.user, MANAGE_STAFF, staff)
    assignments = list(selectors.assignments_of_staff(staff))
    today = timezone.localdate()
    return render(
        request,
        "core/orgadmin/staff_detail.html",
        {
            "staff": staff,
            "organisation": staff.organisation,
            "current": [a for a in assignments if a.in_force_on(today)],
            "history": [a for a in assignments if not a.in_force_on(today)],
            "memberships": selectors.memberships_of(staff.user) if staff.user_id else [],
            "can_manage": can_manage,
            "can_transfer": can_manage
            and staff.is_active
            and selectors.offices_to_transfer_to(request.user, staff).exists(),
            "membership_form": forms.MembershipForm(organisation=staff.organisation) if can_manage else None,
        },
    )


@login_required
def staff_create(request, pk):
    organisation = _organisation(request.user, pk, MANAGE_STAFF)
    form = forms.StaffForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff = _apply(
            form, lambda: services.create_staff(actor=request.user, organisation=organisation, **data)
        )
        if staff:
            messages.success(request, _("Data pegawai ditambahkan."))
            return redirect("core:staff_detail", pk=staff.pk)
    return _form_page(request, form, title=_("Tambah pegawai"), back=organisation, organisation=organisation)


@login_required
def staff_edit(request, pk):
    staff = selectors.staff_for(request.user, pk, MANAGE_STAFF)
    form = forms.StaffForm(
        request.POST or None, instance=selectors.editable_copy(staff), organisation=staff.organisation
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.update_staff(actor=request.user, staff=staff, **data)):
            messages.success(request, _("Data pegawai disimpan."))
            return redirect("core:staff_detail", pk=staff.pk)
    return _form_page(
        request,
        form,
        title=_("Ubah data pegawai"),
        back=staff.organisation,
        organisation=staff.organisation,
        cancel_url=reverse("core:staff_detail", args=[staff.pk]),
    )


@login_required
def staff_transfer(request, pk):
    """Move a staff member's record to another office after a transfer decree (mutasi)."""
    staff = selectors.staff_for(request.user, pk, MANAGE_STAFF)
    form = forms.TransferStaffForm(
        request.POST or None, targets=selectors.offices_to_transfer_to(request.user, staff)
    )
    if request.method == "POST" and form.is_valid():
        moved = _apply(
            form,
            lambda: services.transfer_staff(
                actor=request.user, staff=staff, organisation=form.cleaned_data["organisation"]
            ),
        )
        if moved:
            messages.success(
                request,
                _("%(name)s dipindahkan ke %(office)s.")
                % {"name": moved.full_name, "office": moved.organisation.name},
            )
            return redirect("core:staff_detail", pk=moved.pk)
    return _form_page(
        request,
        form,
        title=_("Pindah tugas (mutasi): %(name)s") % {"name": staff.full_name},
        back=staff.organisation,
        organisation=staff.organisation,
        submit=_("Pindahkan pegawai"),
        cancel_url=reverse("core:staff_detail", args=[staff.pk]),
    )


@login_required
def account_create(request, pk):
    staff = selectors.staff_for(request.user, pk, MANAGE_STAFF)
    form = forms.AccountForm(request.POST or None, organisation=staff.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = _apply(
            form,
            lambda: services.create_account(
                actor=request.user,
                staff=staff,
                username=data["username"],
                role=data["role"],
                password=data["password"] if data["method"] == "password" else None,
                send_reset_link=data["method"] == "link",
                domain=request.get_host(),
                use_https=request.is_secure(),
            ),
        )
        if user:
            messages.success(request, _("Akun %(username)s dibuat.") % {"username": user.username})
            return redirect("core:staff_detail", pk=staff.pk)
    return _form_page(
        request,
        form,
        title=_("Buat akun untuk %(name)s") % {"name": staff.full_name},
        back=staff.organisation,
        organisation=staff.organisation,
        cancel_url=reverse("core:staff_detail", args=[staff.pk]),
    )


@login_required
@require_POST
def membership_add(request, pk):
    staff = selectors.staff_for(request.user, pk, MANAGE_STAFF)
    if staff.user is None:
        raise Http404
    form = forms.MembershipForm(request.POST, organisation=staff.organisation)
    if form.is_valid():
        try:
            services.add_membership(
                actor=request.user,
                user=staff.user,
                organisation=staff.organisation,
                role=form.cleaned_data["role"],
            )
            messages.success(request, _("Peran ditambahkan."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Pilih peran yang tersedia."))
    return redirect("core:staff_detail", pk=staff.pk)


@login_required
@require_POST
def membership_remove(request, pk):
    membership = selectors.membership_for(request.user, pk, MANAGE_STAFF)
    staff = selectors.staff_record_of(membership.user)
    try:
        services.remove_membership(actor=request.user, membership=membership)
        messages.success(request, _("Peran dicabut."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if staff is not None:
        return redirect("core:staff_detail", pk=staff.pk)
    return redirect("core:staff_list")
