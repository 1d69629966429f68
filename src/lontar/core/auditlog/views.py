"""Audit trail screens: filtered list, event detail, CSV export, chain verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lontar.core.auditlog import forms, selectors, services
from lontar.core.permissions import VIEW_AUDIT, authorize, require


def _filter_form(request):
    return forms.AuditFilterForm(
        request.GET or None,
        organisations=selectors.auditable_organisations(request.user),
        object_types=selectors.object_type_choices(),
    )


@login_required
def event_list(request):
    require(request.user, VIEW_AUDIT)
    form = _filter_form(request)
    qs = selectors.filtered_events(request.user, form.to_filter())
    events, next_cursor = selectors.page_after(qs, request.GET.get("setelah"))
    count, more = selectors.capped_count(qs, selectors.COUNT_CAP)
    params = request.GET.copy()
    params.pop("setelah", None)
    return render(
        request,
        "core/auditlog/event_list.html",
        {
            "form": form,
            "events": events,
            "next_cursor": next_cursor,
            "count": count,
            "more": more,
            "cap": selectors.COUNT_CAP,
            "query": params.urlencode(),
            "paged": bool(request.GET.get("setelah")),
            "can_verify": authorize(request.user, services.VERIFY_AUDIT),
        },
    )


@login_required
def event_detail(request, pk):
    require(request.user, VIEW_AUDIT)
    event = selectors.events_visible_to(request.user).select_related("organisation").filter(pk=pk).first()
    if event is None:
        raise Http404
    selectors.with_labels([event])
    return render(
        request,
        "core/auditlog/event_detail.html",
        {"event": event, "rows": selectors.diff_rows(event)},
    )


@login_required
def event_export(request):
    require(request.user, VIEW_AUDIT)
    form = _filter_form(request)
    if request.GET and not form.is_valid():
        messages.error(request, _("Periksa kembali filter sebelum mengekspor."))
        return redirect(f"{reverse('core:audit_list')}?{request.GET.urlencode()}")
    text, _rows = services.export_events_csv(actor=request.user, flt=form.to_filter())
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="jejak-audit-{stamp}.csv"'
    return response


@login_required
@require_POST
def verify(request):
    results = services.verify_chains(actor=request.user)
    return render(request, "core/auditlog/verify.html", {"results": results})
