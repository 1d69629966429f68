"""The register's screens: assets (list, page, registration, correction, photo, transfer, damage
report), the QR label URL, label sheets, rooms with their KIR, the KIB reports and the code list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.assets import forms, selectors
from lontar.assets.kinds import KibKind, display_details
from lontar.assets.permissions import (
    EXPORT_REPORTS,
    MANAGE_CODES,
    VIEW_ASSET,
    VIEW_REGISTER,
    may_manage,
)
from lontar.assets.services import codes as code_services
from lontar.assets.services import maintenance as maintenance_services
from lontar.assets.services import register as services
from lontar.assets.services import reports
from lontar.assets.views._common import file_response, form_error
from lontar.core.permissions import authorize, organisation_ids_with

PAGE = 50


def _office_from(request, offices):
    wanted = request.GET.get("kantor") or request.POST.get("kantor")
    for office in offices:
        if str(office.pk) == str(wanted):
            return office
    if not offices:
        raise PermissionDenied
    return offices[0]


# --- list and page ---------------------------------------------------------------------------------


@login_required
@require_GET
def asset_list(request):
    if not organisation_ids_with(request.user, VIEW_ASSET):
        raise PermissionDenied(VIEW_ASSET)
    form = forms.AssetFilterForm(request.GET or None)
    filters = selectors.AssetFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = selectors.AssetFilters(
            kind=d["kib"], condition=d["kondisi"], status=d["status"], query=d["cari"], mine=d["saya"]
        )
    try:
        page = max(int(request.GET.get("hal", "1")), 1)
    except ValueError:
        page = 1
    rows = list(selectors.assets_for(request.user, filters)[(page - 1) * PAGE : page * PAGE + 1])
    query = request.GET.copy()
    query.pop("hal", None)
    return render(
        request,
        "assets/asset_list.html",
        {
            "form": form,
            "rows": rows[:PAGE],
            "page": page,
            "has_more": len(rows) > PAGE,
            "query": query.urlencode(),
            "sees_register": bool(organisation_ids_with(request.user, VIEW_REGISTER)),
            "may_manage": bool(selectors.managed_offices(request.user)),
        },
    )


@login_required
@require_GET
def asset_detail(request, pk: int):
    asset = selectors.asset_for(request.user, pk)
    manager = may_manage(request.user, asset.organisation)
    open_sessions = []
    if manager:
        open_sessions = list(
            selectors.stocktakes_for(request.user).filter(organisation=asset.organisation, status="berjalan")
        )
    return render(
        request,
        "assets/asset_detail.html",
        {
            "asset": asset,
            "details": display_details(asset.kind, asset.details),
            "sees_value": selectors.sees_register(request.user, asset),
            "may_manage": manager,
            "may_report": services.may_report_damage(request.user, asset),
            "damage_form": forms.DamageForm(),
            "photos": selectors.photos_of(asset),
            "movements": selectors.movements_of(asset)[:20],
            "maintenance": selectors.maintenance_of(asset)[:20],
            "disposals": selectors.disposals_of(asset),
            "open_sessions": open_sessions,
            "check_form": forms.CheckForm(
                rooms=selectors.room_choices(asset.organisation),
                initial={"found_room": asset.room_id, "found_condition": asset.condition},
            ),
            "label_url": reports.label_url(asset),
        },
    )


def label(request, label: str):
    """The URL printed in the QR label. Signed-in staff who may see the asset are taken to its page;
    anyone else sees only whose property it is (no value, holder or place)."""
    asset = selectors.asset_by_label(label)
    if asset is None:
        raise Http404
    if request.user.is_authenticated and authorize(request.user, VIEW_ASSET, asset):
        return redirect("assets:asset_detail", pk=asset.pk)
    return render(request, "assets/label_public.html", {"asset": asset})


# --- registration and changes ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def asset_create(request):
    offices = list(selectors.managed_offices(request.user))
    office = _office_from(request, offices)
    code_text = (request.GET.get("kode") or request.POST.get("kode") or "").strip()
    code = (
        selectors.codes(code_text, registrable_only=True).filter(code=code_text).first()
        if code_text
        else None
    )
    if code is None:
        matches = selectors.codes(code_text, registrable_only=True, limit=60)
        return render(
            request,
            "assets/code_picker.html",
            {"offices": offices, "office": office, "query": code_text, "matches": matches},
        )
    rooms, staff = selectors.room_choices(office), selectors.staff_choices(office)
    form = forms.AssetForm(
        request.POST or None, kind=code.kind, rooms=rooms, staff=staff, initial={"acquisition_year": None}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            asset = services.register_asset(
                actor=request.user,
                organisation=office,
                code=code,
                name=d["name"],
                brand_type=d["brand_type"],
                acquisition_year=d["acquisition_year"],
                acquisition_date=d["acquisition_date"],
                value=d["value"],
                origin=d["origin"],
                condition=d["condition"],
                room=d["room"],
                location=d["location"],
                holder=d["holder"],
                notes=d["notes"],
                details=form.details(),
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, _("Aset dicatat dengan nomor register %(n)s.") % {"n": asset.register_number}
            )
            return redirect("assets:asset_detail", pk=asset.pk)
    return render(
        request,
        "assets/asset_form.html",
        {"form": form, "code": code, "office": office, "offices": offices},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_edit(request, pk: int):
    asset = selectors.asset_for(request.user, pk)
    if not may_manage(request.user, asset.organisation):
        raise PermissionDenied
    form = forms.AssetForm(
        request.POST or None,
        kind=asset.kind,
        rooms=None,
        staff=None,
        editing=True,
        initial=forms.AssetForm.initial_for(asset),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        values = {
            k: d[k]
            for k in (
                "name",
                "brand_type",
                "acquisition_year",
                "acquisition_date",
                "value",
                "origin",
                "condition",
                "location",
                "notes",
            )
        }
        try:
            services.update_asset(actor=request.user, asset=asset, details=form.details(), **values)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Data aset disimpan."))
            return redirect("assets:asset_detail", pk=asset.pk)
    return render(
        request,
        "assets/asset_form.html",
        {"form": form, "code": asset.code, "asset": asset, "office": asset.organisation},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def asset_photo(request, pk: int):
    asset = selectors.asset_for(request.user, pk)
    form = forms.PhotoForm(request.POST, request.FILES)
    if not may_manage(request.user, asset.organisation):
        raise PermissionDenied
    if form.is_valid():
        try:
            services.add_photo(actor=request.user, asset=asset, uploaded_file=form.cleaned_data["photo"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Foto disimpan."))
    else:
        messages.error(request, _("Pilih berkas foto."))
    return redirect("assets:asset_detail", pk=asset.pk)


@login_required
@require_http_methods(["GET", "POST"])
def asset_transfer(request, pk: int):
    asset = selectors.asset_for(request.user, pk)
    if not may_manage(request.user, asset.organisation):
        raise PermissionDenied
    form = forms.TransferForm(
        request.POST or None,
        request.FILES or None,
        rooms=selectors.room_choices(asset.organisation),
        staff=selectors.staff_choices(asset.organisation),
        initial={"to_room": asset.room_id, "to_holder": asset.holder_id},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.transfer_asset(
                actor=request.user,
                asset=asset,
                to_room=d["to_room"],
                to_holder=d["to_holder"],
                reason=d["reason"],
                moved_on=d["moved_on"],
                handover_upload=d["handover"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Mutasi aset dicatat."))
            return redirect("assets:asset_detail", pk=asset.pk)
    return render(
        request, "assets/transfer.html", {"form": form, "asset": asset}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def report_damage(request, pk: int):
    asset = selectors.asset_for(request.user, pk)
    form = forms.DamageForm(request.POST)
    if form.is_valid():
        try:
            ticket = maintenance_services.report_damage(
                actor=request.user, asset=asset, description=form.cleaned_data["description"]
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Laporan kerusakan diterima (nomor %(n)s). Subbag TU akan menugaskan petugas.")
                % {"n": ticket.pk},
            )
            return redirect("assets:asset_detail", pk=asset.pk)
    return render(request, "assets/damage_form.html", {"form": form, "asset": asset}, status=400)


# --- label sheets ---------------------------------------------------------------------------------


@login_required
@require_GET
def label_sheet(request):
    offices = list(selectors.offices(request.user, VIEW_REGISTER))
    office = _office_from(request, offices)
    rooms = selectors.room_choices(office)
    if request.GET.get("cetak"):
        filters = selectors.AssetFilters(
            office=office.pk,
            kind=request.GET.get("kib", "")[:1],
            room=int(request.GET["ruangan"]) if request.GET.get("ruangan", "").isdigit() else None,
        )
        assets = list(selectors.assets_for(request.user, filters)[:480])
        pdf = reports.label_sheet(actor=request.user, organisation=office, assets=assets)
        return file_response(pdf, "application/pdf", f"label-aset-{office.pk}.pdf")
    return render(
        request,
        "assets/labels.html",
        {"offices": offices, "office": office, "rooms": rooms, "kinds": KibKind.choices},
    )


# --- rooms and KIR --------------------------------------------------------------------------------


@login_required
@require_GET
def room_list(request):
    if not organisation_ids_with(request.user, VIEW_ASSET):
        raise PermissionDenied
    return render(
        request,
        "assets/room_list.html",
        {
            "rooms": selectors.rooms_for(request.user),
            "may_manage": bool(selectors.managed_offices(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_create(request):
    offices = list(selectors.managed_offices(request.user))
    office = _office_from(request, offices)
    form = forms.RoomForm(request.POST or None, staff=selectors.staff_choices(office))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            room = services.create_room(
                actor=request.user,
                organisation=office,
                code=d["code"],
                name=d["name"],
                building=d["building"],
                responsible=d["responsible"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Ruangan disimpan."))
            return redirect("assets:room_detail", pk=room.pk)
    return render(
        request,
        "assets/room_form.html",
        {"form": form, "office": office, "offices": offices},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request, pk: int):
    room = selectors.room_for(request.user, pk)
    if not may_manage(request.user, room.organisation):
        raise PermissionDenied
    form = forms.RoomForm(
        request.POST or None,
        staff=selectors.staff_choices(room.organisation),
        initial={
            "code": room.code,
            "name": room.name,
            "building": room.building,
            "responsible": room.responsible_id,
            "is_active": room.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_room(actor=request.user, room=room, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Ruangan disimpan."))
            return redirect("assets:room_detail", pk=room.pk)
    return render(
        request,
        "assets/room_form.html",
        {"form": form, "room": room, "office": room.organisation},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def room_detail(request, pk: int):
    room = selectors.room_for(request.user, pk, VIEW_REGISTER)
    report = reports.kir_report(room)
    return render(
        request,
        "assets/room_detail.html",
        {
            "room": room,
            "report": report,
            "total": reports.rupiah(report.total),
            "may_manage": may_manage(request.user, room.organisation),
            "may_export": authorize(request.user, EXPORT_REPORTS, organisation=room.organisation),
        },
    )


def _kir(request, pk: int, fmt: str):
    room = selectors.room_for(request.user, pk, EXPORT_REPORTS)
    data, content_type, name = reports.export_kir(actor=request.user, room=room, fmt=fmt)
    return file_response(data, content_type, name)


@login_required
@require_GET
def kir_xlsx(request, pk: int):
    return _kir(request, pk, "xlsx")


@login_required
@require_GET
def kir_pdf(request, pk: int):
    return _kir(request, pk, "pdf")


# --- KIB reports ----------------------------------------------------------------------------------


@login_required
@require_GET
def report_index(request):
    offices = list(selectors.offices(request.user, VIEW_REGISTER))
    office = _office_from(request, offices)
    totals = {row["kind"]: row for row in selectors.kind_totals(request.user, office.pk)}
    rows = [
        (k, label, totals.get(k, {}).get("count", 0), reports.rupiah(totals.get(k, {}).get("value") or 0))
        for k, label in KibKind.choices
    ]
    grand = sum((t.get("value") or 0) for t in totals.values())
    return render(
        request,
        "assets/report_index.html",
        {"offices": offices, "office": office, "rows": rows, "grand": reports.rupiah(grand)},
    )


def _kind(kind: str) -> str:
    if kind.upper() not in KibKind.values:
        raise Http404
    return kind.upper()


@login_required
@require_GET
def kib_screen(request, org_pk: int, kind: str):
    office = selectors.office_for(request.user, org_pk)
    report = reports.kib_report(office, _kind(kind))
    return render(
        request,
        "assets/kib.html",
        {
            "office": office,
            "report": report,
            "kind": _kind(kind),
            "total": reports.rupiah(report.total),
            "may_export": authorize(request.user, EXPORT_REPORTS, organisation=office),
        },
    )


def _kib_export(request, org_pk: int, kind: str, fmt: str):
    office = selectors.office_for(request.user, org_pk, EXPORT_REPORTS)
    data, content_type, name = reports.export_kib(
        actor=request.user, organisation=office, kind=_kind(kind), fmt=fmt
    )
    return file_response(data, content_type, name)


@login_required
@require_GET
def kib_xlsx(request, org_pk: int, kind: str):
    return _kib_export(request, org_pk, kind, "xlsx")


@login_required
@require_GET
def kib_pdf(request, org_pk: int, kind: str):
    return _kib_export(request, org_pk, kind, "pdf")


# --- code list ------------------------------------------------------------------------------------


@login_required
@require_GET
def code_list(request):
    if not organisation_ids_with(request.user, VIEW_ASSET):
        raise PermissionDenied
    query = request.GET.get("cari", "").strip()[:60]
    return render(
        request,
        "assets/code_list.html",
        {
            "codes": selectors.codes(query, limit=300),
            "query": query,
            "may_edit": authorize(request.user, MANAGE_CODES),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def code_edit(request, pk: int):
    if not authorize(request.user, MANAGE_CODES):
        raise PermissionDenied
    code = selectors.code_by_pk(pk)
    form = forms.CodeForm(request.POST or None, initial={"title": code.title, "is_active": code.is_active})
    if request.method == "POST" and form.is_valid():
        try:
            code_services.update_code(
                actor=request.user,
                code=code,
                title=form.cleaned_data["title"],
                is_active=form.cleaned_data["is_active"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Kode barang disimpan."))
            return redirect("assets:code_list")
    return render(
        request, "assets/code_form.html", {"form": form, "code": code}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def code_import(request):
    if not authorize(request.user, MANAGE_CODES):
        raise PermissionDenied
    form = forms.CodeImportForm(request.POST or None, request.FILES or None)
    preview = counts = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = code_services.read_codes(upload.name, upload.read())
            if form.cleaned_data["apply"] and not preview.errors:
                counts = code_services.import_codes(actor=request.user, preview=preview, source=upload.name)
        except ValidationError as exc:
            form_error(form, exc)
    return render(
        request,
        "assets/code_import.html",
        {"form": form, "preview": preview, "counts": counts},
        status=400 if form.errors or (preview and preview.errors) else 200,
    )
