"""Supplies screens (/persediaan/): items and stock, the stock card, requests from units with approval
and issue, receipts, direct issues, stock opname, the keeper unit and the monthly report (screen, Excel,
PDF). Thin: parse with a form, call a service or a selector, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.assets.supplies import forms as supply_forms
from lontar.assets.supplies import selectors
from lontar.assets.supplies.permissions import (
    APPROVE_REQUEST,
    CANCEL_REQUEST,
    CONFIGURE_STORE,
    MANAGE_STOCK,
    REQUEST_SUPPLIES,
    VIEW_REPORT,
    VIEW_SUPPLIES,
)
from lontar.assets.supplies.services import report as report_services
from lontar.assets.supplies.services import stock as services
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.core.workdays.calendar import organisation_today


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _office(request, action: str = VIEW_SUPPLIES):
    offices = list(selectors.offices(request.user, action))
    if not offices:
        raise PermissionDenied(action)
    wanted = request.GET.get("kantor") or request.POST.get("kantor")
    return next((o for o in offices if str(o.pk) == wanted), offices[0]), offices


def _keeper(user, office) -> bool:
    return authorize(user, MANAGE_STOCK, services.store_of(office))


# --- items and stock card ----------------------------------------------------------------------------


@login_required
@require_GET
def item_list(request):
    office, offices = _office(request)
    query = request.GET.get("cari", "").strip()[:100]
    category = request.GET.get("kategori", "")[:80]
    below = request.GET.get("minimum") == "on"
    items = selectors.items_of(request.user, office, query=query, category=category, below_minimum=below)
    return render(
        request,
        "supplies/items.html",
        {
            "office": office,
            "offices": offices,
            "items": items,
            "categories": selectors.categories(request.user, office),
            "query": query,
            "category": category,
            "below": below,
            "is_keeper": _keeper(request.user, office),
            "may_request": office.pk in organisation_ids_with(request.user, REQUEST_SUPPLIES),
            "may_report": office.pk in organisation_ids_with(request.user, VIEW_REPORT),
            "may_configure": office.pk in organisation_ids_with(request.user, CONFIGURE_STORE),
        },
    )


@login_required
@require_GET
def item_detail(request, pk: int):
    item = selectors.item_for(request.user, pk)
    today = organisation_today(item.organisation)
    start = _date(request.GET.get("dari"), today.replace(day=1) - dt.timedelta(days=365))
    end = _date(request.GET.get("sampai"), today)
    return render(
        request,
        "supplies/item_detail.html",
        {
            "item": item,
            "card": selectors.stock_card(item, start=start, end=end),
            "is_keeper": authorize(request.user, MANAGE_STOCK, item),
            "opname_form": supply_forms.OpnameForm(),
        },
    )


def _date(value, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


def _item_form_view(request, *, item=None):
    office = item.organisation if item else _office(request, MANAGE_STOCK)[0]
    if not _keeper(request.user, office):
        raise PermissionDenied(MANAGE_STOCK)
    form = supply_forms.ItemForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                item = services.create_item(actor=request.user, organisation=office, data=form.cleaned_data)
            else:
                services.update_item(actor=request.user, item=item, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Data barang disimpan."))
            return redirect("supplies:item_detail", pk=item.pk)
    return render(
        request,
        "supplies/item_form.html",
        {"form": form, "item": item, "office": office},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def item_create(request):
    return _item_form_view(request)


@login_required
def item_edit(request, pk: int):
    return _item_form_view(request, item=selectors.item_for(request.user, pk))


@login_required
@require_POST
def item_opname(request, pk: int):
    item = selectors.item_for(request.user, pk)
    form = supply_forms.OpnameForm(request.POST)
    if form.is_valid():
        try:
            movement = services.adjust_stock(
                actor=request.user,
                item=item,
                counted_quantity=form.cleaned_data["counted_quantity"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Stok disesuaikan.")
                if movement
                else _("Hasil hitung sama dengan stok; tidak ada penyesuaian."),
            )
            return redirect("supplies:item_detail", pk=item.pk)
    today = organisation_today(item.organisation)
    return render(
        request,
        "supplies/item_detail.html",
        {
            "item": item,
            "card": selectors.stock_card(
                item, start=today.replace(day=1) - dt.timedelta(days=365), end=today
            ),
            "is_keeper": authorize(request.user, MANAGE_STOCK, item),
            "opname_form": form,
        },
        status=400,
    )


# --- requests ------------------------------------------------------------------------------------


@login_required
@require_GET
def request_list(request):
    office, offices = _office(request)
    status = request.GET.get("status", "")[:20]
    return render(
        request,
        "supplies/requests.html",
        {
            "office": office,
            "offices": offices,
            "requests": selectors.requests_of(request.user, office, status=status)[:300],
            "status": status,
            "may_request": office.pk in organisation_ids_with(request.user, REQUEST_SUPPLIES),
        },
    )


@login_required
def request_new(request):
    office, offices = _office(request, REQUEST_SUPPLIES)
    items = selectors.requestable_items(request.user, office)
    form = supply_forms.RequestForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_supplies(
                actor=request.user,
                organisation=office,
                purpose=form.cleaned_data["purpose"],
                lines=form.cleaned_data["lines"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Permintaan %(ref)s terkirim.") % {"ref": created.reference})
            return redirect("supplies:request_detail", pk=created.pk)
    return render(
        request,
        "supplies/request_form.html",
        {"form": form, "office": office, "offices": offices},
        status=400 if form.is_bound and form.errors else 200,
    )


def _request_detail(request, supply_request, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    lines = list(supply_request.lines.select_related("item"))
    pending = supply_request.status == "diajukan"
    return render(
        request,
        "supplies/request_detail.html",
        {
            "req": supply_request,
            "lines": lines,
            "history": selectors.history_of(supply_request),
            "may_decide": pending and authorize(user, APPROVE_REQUEST, supply_request),
            "may_issue": supply_request.status == "disetujui"
            and authorize(user, MANAGE_STOCK, supply_request),
            "may_cancel": supply_request.status in ("diajukan", "disetujui")
            and authorize(user, CANCEL_REQUEST, supply_request),
            "approve_form": bound.get("approve") or supply_forms.ApproveForm(prefix="approve", lines=lines),
            "reject_form": bound.get("reject") or supply_forms.ReasonForm(prefix="reject"),
            "cancel_form": bound.get("cancel") or supply_forms.CancelForm(prefix="cancel"),
            "issue_form": bound.get("issue") or supply_forms.IssueForm(prefix="issue"),
        },
        status=status,
    )


@login_required
@require_GET
def request_detail(request, pk: int):
    return _request_detail(request, selectors.request_for(request.user, pk))


def _act(request, pk: int, name: str, build, perform):
    supply_request = selectors.request_for(request.user, pk)
    form = build(supply_request)
    if form.is_valid():
        try:
            perform(supply_request, form)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect("supplies:request_detail", pk=supply_request.pk)
    return _request_detail(request, supply_request, bound={name: form}, status=400)


@login_required
@require_POST
def request_approve(request, pk: int):
    def perform(supply_request, form):
        services.approve_request(
            actor=request.user,
            request=supply_request,
            quantities=form.quantities(),
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Permintaan disetujui; peminta diberi tahu."))

    return _act(
        request,
        pk,
        "approve",
        lambda r: supply_forms.ApproveForm(
            request.POST, prefix="approve", lines=list(r.lines.select_related("item"))
        ),
        perform,
    )


@login_required
@require_POST
def request_reject(request, pk: int):
    def perform(supply_request, form):
        services.reject_request(
            actor=request.user, request=supply_request, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Permintaan ditolak; peminta diberi tahu."))

    return _act(
        request, pk, "reject", lambda r: supply_forms.ReasonForm(request.POST, prefix="reject"), perform
    )


@login_required
@require_POST
def request_cancel(request, pk: int):
    def perform(supply_request, form):
        services.cancel_request(
            actor=request.user, request=supply_request, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Permintaan dibatalkan."))

    return _act(
        request, pk, "cancel", lambda r: supply_forms.CancelForm(request.POST, prefix="cancel"), perform
    )


@login_required
@require_POST
def request_issue(request, pk: int):
    def perform(supply_request, form):
        services.issue_request(
            actor=request.user, request=supply_request, issued_on=form.cleaned_data["issued_on"]
        )
        messages.success(request, _("Barang diserahkan; stok berkurang."))

    return _act(request, pk, "issue", lambda r: supply_forms.IssueForm(request.POST, prefix="issue"), perform)


# --- receipts and direct issues ------------------------------------------------------------------


@login_required
@require_GET
def receipt_list(request):
    office, offices = _office(request)
    return render(
        request,
        "supplies/receipts.html",
        {
            "office": office,
            "offices": offices,
            "receipts": selectors.receipts_of(request.user, office)[:200],
            "is_keeper": _keeper(request.user, office),
        },
    )


@login_required
def receipt_new(request):
    office, offices = _office(request, MANAGE_STOCK)
    if not _keeper(request.user, office):
        raise PermissionDenied(MANAGE_STOCK)
    items = selectors.requestable_items(request.user, office)
    initial = {"received_on": organisation_today(office)}
    form = supply_forms.ReceiptForm(
        request.POST if request.method == "POST" else None, items=items, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_receipt(
                actor=request.user,
                organisation=office,
                document_number=data["document_number"],
                supplier=data["supplier"],
                received_on=data["received_on"],
                lines=data["lines"],
                note=data["note"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Penerimaan dicatat; stok bertambah."))
            return redirect(f"{reverse('supplies:receipt_list')}?kantor={office.pk}")
    return render(
        request,
        "supplies/lines_form.html",
        {"form": form, "office": office, "offices": offices, "title": _("Catat penerimaan persediaan")},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def direct_issue(request):
    office, offices = _office(request, MANAGE_STOCK)
    if not _keeper(request.user, office):
        raise PermissionDenied(MANAGE_STOCK)
    items = selectors.requestable_items(request.user, office)
    form = supply_forms.DirectIssueForm(
        request.POST if request.method == "POST" else None,
        items=items,
        units=selectors.units_of_office(office),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.issue_directly(
                actor=request.user,
                organisation=office,
                unit=data["unit"],
                lines=data["lines"],
                note=data["note"],
                issued_on=data["issued_on"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Penyerahan dicatat; stok berkurang."))
            return redirect(f"{reverse('supplies:item_list')}?kantor={office.pk}")
    return render(
        request,
        "supplies/lines_form.html",
        {
            "form": form,
            "office": office,
            "offices": offices,
            "title": _("Penyerahan langsung oleh pengelola"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def store_settings(request):
    office, offices = _office(request, CONFIGURE_STORE)
    store = services.store_of(office)
    form = supply_forms.StoreForm(
        request.POST if request.method == "POST" else None,
        units=selectors.units_of_office(office),
        initial={"keeper_unit": store.keeper_unit_id},
    )
    if request.method == "POST" and form.is_valid():
        services.configure_store(
            actor=request.user, organisation=office, keeper_unit=form.cleaned_data["keeper_unit"]
        )
        messages.success(request, _("Unit pengelola persediaan disimpan."))
        return redirect(f"{reverse('supplies:item_list')}?kantor={office.pk}")
    return render(request, "supplies/store_form.html", {"form": form, "office": office, "offices": offices})


# --- monthly report ----------------------------------------------------------------------------------


def _report_period(request, office) -> tuple[int, int]:
    raw = request.GET.get("bulan", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        dt.date(year, month, 1)
    except (TypeError, ValueError):
        today = organisation_today(office)
        year, month = today.year, today.month
    if not 2000 <= year <= 2100:
        today = organisation_today(office)
        year, month = today.year, today.month
    return year, month


@login_required
@require_GET
def report(request):
    office, offices = _office(request, VIEW_REPORT)
    year, month = _report_period(request, office)
    return render(
        request,
        "supplies/report.html",
        {
            "office": office,
            "offices": offices,
            "report": selectors.monthly_report(office, year, month),
            "month_value": f"{year}-{month:02d}",
            "valuation_note": report_services.VALUATION_NOTE,
        },
    )


@login_required
@require_GET
def report_excel(request):
    office, _offices = _office(request, VIEW_REPORT)
    year, month = _report_period(request, office)
    content, _report = report_services.export_excel(
        actor=request.user, organisation=office, year=year, month=month
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="persediaan-{year}-{month:02d}.xlsx"'
    return response


@login_required
@require_GET
def report_pdf(request):
    office, _offices = _office(request, VIEW_REPORT)
    year, month = _report_period(request, office)
    content, _report = report_services.export_pdf(
        actor=request.user, organisation=office, year=year, month=month
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="persediaan-{year}-{month:02d}.pdf"'
    return response
