from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lontar.core.search.selectors import MAX_QUERY_CHARS, search


@login_required
def search_page(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    hits = search(request.user, query) if query else []
    return render(request, "core/search/results.html", {"query": query, "hits": hits})
