"""The public transparency dashboard (kinerja layanan): anonymous, read-only, light. It composes the
figures of the modules that serve citizens."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from lontar.complaints.selectors import public as complaint_figures
from lontar.public_services.selectors import transparency as selectors
from lontar.surveys.selectors.ikm import current_ikm


@require_safe
@cache_control(public=True, max_age=60)
def transparency(request):
    """All public offices with this month's figures; each links to its own page."""
    return render(
        request,
        "portal/transparency/index.html",
        {"summaries": selectors.offices_summary()},
    )


@require_safe
@cache_control(public=True, max_age=60)
def transparency_office(request, org_id: int):
    office = selectors.public_office_or_404(org_id)
    figures = selectors.office_figures(office)
    return render(
        request,
        "portal/transparency/office.html",
        {
            "office": office,
            "offices": selectors.public_offices(),
            "figures": figures,
            "this_month": figures.total.this_month,
            "complaints": complaint_figures.office_figures(office, figures.today),
            # Computed only when the page's cached fragment has expired (the template reads it there).
            "ikm": SimpleLazyObject(lambda: current_ikm(office)),
        },
    )
