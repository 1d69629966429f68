import hashlib

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from lontar.core.documents import selectors, services
from lontar.core.documents.forms import VerifyCopyForm, verify_upload_limit
from lontar.core.permissions import VIEW_DOCUMENT, require

# Room for the multipart boundaries and the CSRF field around the uploaded file.
ENVELOPE_BYTES = 64 * 1024


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    """Public page: the facts of an issued document, and a check of an uploaded copy against it."""
    document = selectors.document_for_verification(token)
    if document is None:
        raise Http404
    result = None
    upload_error = ""
    status = 200
    if request.method == "POST" and _declared_length(request) > verify_upload_limit() + ENVELOPE_BYTES:
        # Refuse before Django reads the body into a temporary file.
        form = VerifyCopyForm()
        upload_error = VerifyCopyForm.too_large_message()
        status = 413
    else:
        form = VerifyCopyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and status == 200 and form.is_valid():
        digest = hashlib.sha256()
        for chunk in form.cleaned_data["copy"].chunks():
            digest.update(chunk)
        result = {"identical": digest.hexdigest() == document.sha256, "sha256": digest.hexdigest()}
    response = render(
        request,
        "core/documents/verify.html",
        {"document": document, "form": form, "result": result, "upload_error": upload_error},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
def document_list(request):
    require(request.user, VIEW_DOCUMENT)
    query = request.GET.get("q", "")[:100]
    page = Paginator(selectors.documents_for(request.user, query=query), 50).get_page(
        request.GET.get("halaman")
    )
    return render(request, "core/documents/list.html", {"page": page, "query": query})


@login_required
def download(request, pk: int):
    document = selectors.document_for(request.user, pk)
    services.record_download(actor=request.user, document=document)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=services.file_name(document.document_type, document.number),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
