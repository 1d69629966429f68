"""Stock-taking sessions, maintenance requests and disposal proposals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.assets import forms, selectors
from lontar.assets.permissions import APPROVE_DISPOSAL, VIEW_ASSET, VIEW_REGISTER, may_manage
from lontar.assets.services import disposal as disposal_services
from lontar.assets.services import maintenance as maintenance_services
from lontar.assets.services import reports
from lontar.assets.services import stocktake as stocktake_services
from lontar.assets.views._common import file_response, form_error
from lontar.assets.views.register import _office_from
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.core.workflow.services import history

# --- stock-taking ---------------------------------------------------------------------------------


@login_required
@require_GET
def stocktake_list(request):
    if not organisation_ids_with(request.user, VIEW_REGISTER):
        raise PermissionDenied
    return render(
        request,
        "assets/stocktake_list.html",
        {
            "sessions": selectors.stocktakes_for(request.user)[:100],
            "may_manage": bool(selectors.managed_offices(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stocktake_create(request):
    offices = list(selectors.managed_offices(request.user))
    office = _office_from(request, offices)
    form = forms.StockTakeForm(request.POST or None, rooms=selectors.room_choices(office))
    if request.method == "POST" and form.is_valid():
        try:
            session = stocktake_services.open_session(
                actor=request.user,
                organisation=office,
                title=form.cleaned_data["title"],
                room=form.cleaned_data["room"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect("assets:stocktake_detail", pk=session.pk)
    return render(
        request,
        "assets/stocktake_form.html",
        {"form": form, "office": office, "offices": offices},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def stocktake_detail(request, pk: int):
    session = selectors.stocktake_for(request.user, pk)
    items = list(selectors.stocktake_items(session))
    show = request.GET.get(
        "tampil", "selisih" if session.status != selectors.StockTakeStatus.OPEN else "semua"
    )
    shown = [i for i in items if i.is_discrepancy] if show == "selisih" else items
    return render(
        request,
        "assets/stocktake_detail.html",
        {
            "session": session,
            "items": shown,
            "show": show,
            "total": len(items),
            "checked": sum(1 for i in items if i.result != "belum"),
            "discrepancies": sum(1 for i in items if i.is_discrepancy),
            "may_manage": may_manage(request.user, session.organisation)
            and session.status == selectors.StockTakeStatus.OPEN,
            "lookup_form": forms.LabelLookupForm(),
            "close_form": forms.NoteForm(),
            "history": history(session),
        },
    )


@login_required
@require_GET
def stocktake_scan(request, pk: int):
    """A label typed or scanned into the session page: open that asset's page, where the session's
    check form is."""
    session = selectors.stocktake_for(request.user, pk)
    asset = selectors.asset_by_label(request.GET.get("label", "").strip())
    if asset is None or asset.organisation_id != session.organisation_id:
        messages.error(request, _("Label tidak dikenal atau bukan milik kantor ini."))
        return redirect("assets:stocktake_detail", pk=session.pk)
    return redirect(f"{selectors_asset_url(asset)}#inventarisasi")


def selectors_asset_url(asset) -> str:
    from django.urls import reverse

    return reverse("assets:asset_detail", args=[asset.pk])


@login_required
@require_POST
def stocktake_check(request, pk: int, asset_pk: int):
    session = selectors.stocktake_for(request.user, pk)
    asset = selectors.asset_for(request.user, asset_pk)
    form = forms.CheckForm(request.POST, rooms=selectors.room_choices(session.organisation))
    if form.is_valid():
        d = form.cleaned_data
        try:
            stocktake_services.check_item(
                actor=request.user,
                session=session,
                asset=asset,
                found=d["found"],
                found_room=d["found_room"],
                found_condition=d["found_condition"],
                note=d["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(asset)s dicatat pada %(session)s.") % {"asset": asset.name, "session": session.title},
            )
    else:
        messages.error(request, _("Pilih hasil pemeriksaan."))
    if request.POST.get("kembali") == "sesi":
        return redirect("assets:stocktake_detail", pk=session.pk)
    return redirect(selectors_asset_url(asset))


@login_required
@require_POST
def stocktake_accept(request, pk: int, item_pk: int):
    session = selectors.stocktake_for(request.user, pk)
    item = next((i for i in selectors.stocktake_items(session) if i.pk == item_pk), None)
    if item is None:
        raise PermissionDenied
    try:
        stocktake_services.set_accepted(
            actor=request.user, item=item, accepted=request.POST.get("accepted") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("assets:stocktake_detail", pk=session.pk)


@login_required
@require_POST
def stocktake_close(request, pk: int):
    session = selectors.stocktake_for(request.user, pk)
    form = forms.NoteForm(request.POST)
    form.is_valid()
    try:
        applied = stocktake_services.close_session(
            actor=request.user, session=session, note=form.cleaned_data.get("note", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Sesi ditutup. Diterapkan: %(k)s perubahan kondisi, %(r)s perpindahan ruangan, "
                "%(n)s tidak ditemukan."
            )
            % {"k": applied["kondisi"], "r": applied["ruangan"], "n": applied["tidak_ditemukan"]},
        )
    return redirect("assets:stocktake_detail", pk=session.pk)


@login_required
@require_POST
def stocktake_cancel(request, pk: int):
    session = selectors.stocktake_for(request.user, pk)
    try:
        stocktake_services.cancel_session(
            actor=request.user, session=session, note=request.POST.get("note", "")[:255]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("assets:stocktake_detail", pk=session.pk)


@login_required
@require_GET
def stocktake_pdf(request, pk: int):
    session = selectors.stocktake_for(request.user, pk)
    pdf = reports.stocktake_report(actor=request.user, session=session)
    return file_response(pdf, "application/pdf", f"berita-acara-inventarisasi-{session.pk}.pdf")


# --- maintenance ----------------------------------------------------------------------------------


@login_required
@require_GET
def maintenance_list(request):
    if not organisation_ids_with(request.user, VIEW_ASSET):
        raise PermissionDenied
    status = request.GET.get("status", "")
    status = status if status in selectors.MaintenanceStatus.values else ""
    return render(
        request,
        "assets/maintenance_list.html",
        {
            "requests": selectors.maintenance_for(
                request.user, status=status, mine=bool(request.GET.get("saya"))
            )[:200],
            "status": status,
            "statuses": selectors.MaintenanceStatus.choices,
        },
    )


@login_required
@require_GET
def maintenance_detail(request, pk: int):
    ticket = selectors.maintenance_request_for(request.user, pk)
    return render(
        request,
        "assets/maintenance_detail.html",
        {
            "ticket": ticket,
            "history": history(ticket),
            "may_assign": maintenance_services.may_assign(request.user, ticket),
            "may_resolve": ticket.status == selectors.MaintenanceStatus.ASSIGNED
            and authorize(request.user, "assets.handle_maintenance", ticket),
            "assign_form": forms.AssignForm(members=selectors.member_choices(ticket.organisation)),
            "resolve_form": forms.ResolveForm(initial={"resulting_condition": ticket.asset.condition}),
            "reject_form": forms.RequiredNoteForm(),
            "sees_value": selectors.sees_register(request.user, ticket.asset),
        },
    )


def _ticket_action(request, pk: int, form_class, perform, **form_kwargs):
    ticket = selectors.maintenance_request_for(request.user, pk)
    form = form_class(request.POST, **{k: v(ticket) for k, v in form_kwargs.items()})
    if form.is_valid():
        try:
            perform(ticket, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Pemeliharaan diperbarui."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("assets:maintenance_detail", pk=ticket.pk)


@login_required
@require_POST
def maintenance_assign(request, pk: int):
    return _ticket_action(
        request,
        pk,
        forms.AssignForm,
        lambda t, d: maintenance_services.assign(
            actor=request.user, request=t, assignee=d["assignee"], note=d["note"]
        ),
        members=lambda t: selectors.member_choices(t.organisation),
    )


@login_required
@require_POST
def maintenance_resolve(request, pk: int):
    return _ticket_action(
        request,
        pk,
        forms.ResolveForm,
        lambda t, d: maintenance_services.resolve(actor=request.user, request=t, **d),
    )


@login_required
@require_POST
def maintenance_reject(request, pk: int):
    return _ticket_action(
        request,
        pk,
        forms.RequiredNoteForm,
        lambda t, d: maintenance_services.reject(actor=request.user, request=t, note=d["note"]),
    )


# --- disposal -------------------------------------------------------------------------------------


@login_required
@require_GET
def disposal_list(request):
    if not organisation_ids_with(request.user, VIEW_REGISTER):
        raise PermissionDenied
    return render(
        request,
        "assets/disposal_list.html",
        {
            "proposals": selectors.disposals_for(request.user)[:100],
            "may_manage": bool(selectors.managed_offices(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def disposal_create(request):
    offices = list(selectors.managed_offices(request.user))
    office = _office_from(request, offices)
    form = forms.DisposalForm(
        request.POST or None, request.FILES or None, candidates=selectors.disposal_candidates(office)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            proposal = disposal_services.propose(
                actor=request.user,
                organisation=office,
                assets=list(d["assets"]),
                reason=d["reason"],
                document=d["document"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Usulan penghapusan diajukan kepada pimpinan."))
            return redirect("assets:disposal_detail", pk=proposal.pk)
    return render(
        request,
        "assets/disposal_form.html",
        {"form": form, "office": office, "offices": offices},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def disposal_detail(request, pk: int):
    proposal = selectors.disposal_for(request.user, pk)
    return render(
        request,
        "assets/disposal_detail.html",
        {
            "proposal": proposal,
            "assets": proposal.assets.select_related("code"),
            "history": history(proposal),
            "may_decide": proposal.status == "diusulkan"
            and authorize(request.user, APPROVE_DISPOSAL, proposal),
            "may_record": proposal.status == "disetujui" and may_manage(request.user, proposal.organisation),
            "note_form": forms.NoteForm(),
            "decree_form": forms.DecreeForm(),
            "total": reports.rupiah(sum(a.value for a in proposal.assets.all())),
        },
    )


def _disposal_action(request, pk: int, form_class, perform):
    proposal = selectors.disposal_for(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            perform(proposal, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Usulan penghapusan diperbarui."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("assets:disposal_detail", pk=proposal.pk)


@login_required
@require_POST
def disposal_approve(request, pk: int):
    return _disposal_action(
        request,
        pk,
        forms.NoteForm,
        lambda p, d: disposal_services.approve(actor=request.user, proposal=p, note=d["note"]),
    )


@login_required
@require_POST
def disposal_reject(request, pk: int):
    return _disposal_action(
        request,
        pk,
        forms.NoteForm,
        lambda p, d: disposal_services.reject(actor=request.user, proposal=p, note=d["note"]),
    )


@login_required
@require_POST
def disposal_decree(request, pk: int):
    return _disposal_action(
        request,
        pk,
        forms.DecreeForm,
        lambda p, d: disposal_services.record_removal(actor=request.user, proposal=p, **d),
    )
