from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lontar.core.search.forms import SearchForm
from lontar.core.search.selectors import search


@login_required
def search_page(request):
    form = SearchForm(request.GET or None, user=request.user)
    hits, query, searched, filtered = [], "", False, False
    if form.is_bound and form.is_valid():
        query = (form.cleaned_data.get("q") or "").strip()
        filters = form.filters()
        filtered = not filters.is_empty()
        searched = bool(query) or filtered
        if searched:
            hits = search(request.user, query, filters=filters, limit=50)
    return render(
        request,
        "core/search/results.html",
        {"form": form, "query": query, "hits": hits, "searched": searched, "filtered": filtered},
    )
