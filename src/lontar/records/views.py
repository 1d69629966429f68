"""Screens of the records module: files, items, loans, retention lists, disposal, and the
classification tree. Thin: parse with a form, call a service or a selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lontar.core.files.services import store_upload
from lontar.core.permissions import authorize, get_visible_or_404, organisation_ids_with, require
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import history
from lontar.records import selectors, services
from lontar.records.forms import (
    ApproveForm,
    ClassificationForm,
    ClassificationImportForm,
    CloseForm,
    ItemForm,
    LoanForm,
    ProposalForm,
    RecordFileForm,
    RejectForm,
)
from lontar.records.permissions import (
    APPROVE_DISPOSAL,
    MANAGE_CLASSIFICATION,
    MANAGE_FILE,
    MANAGE_LOAN,
    PROPOSE_DISPOSAL,
    VIEW_CLASSIFICATION,
    VIEW_DISPOSAL,
    VIEW_FILE,
    VIEW_LOAN,
)

IMPORT_SESSION_KEY = "records_classification_import"


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _need(user, action: str) -> None:
    if not organisation_ids_with(user, action) and not authorize(user, action):
        raise PermissionDenied(action)


# --- classification tree ---------------------------------------------------------------------------


@login_required
def classification_list(request):
    require(request.user, VIEW_CLASSIFICATION)
    query = request.GET.get("q", "").strip()
    scheme = request.GET.get("dasar", "")
    return render(
        request,
        "records/classification_list.html",
        {
            "codes": selectors.classification_tree(query=query, scheme=scheme),
            "query": query,
            "scheme": scheme,
            "may_manage": authorize(request.user, MANAGE_CLASSIFICATION),
        },
    )


@login_required
def classification_edit(request, pk: int):
    require(request.user, MANAGE_CLASSIFICATION)
    classification = selectors.classification_or_404(pk)
    form = ClassificationForm(request.POST or None, instance=classification)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_classification(
                actor=request.user,
                classification=classification,
                **{k: form.cleaned_data[k] for k in services.CLASSIFICATION_FIELDS},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Kode %(code)s disimpan.") % {"code": classification.code})
            return redirect(f"{reverse('records:classification_list')}?q={classification.code}")
    return render(
        request, "records/classification_form.html", {"form": form, "classification": classification}
    )


@login_required
def classification_import(request):
    """Upload → preview with row errors; nothing is written until the administrator confirms."""
    require(request.user, MANAGE_CLASSIFICATION)
    form = ClassificationImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            preview = services.parse_rows(services.read_table(upload))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if preview.errors:
                request.session.pop(IMPORT_SESSION_KEY, None)
            else:
                request.session[IMPORT_SESSION_KEY] = {"name": upload.name, "rows": preview.as_data()}
    return render(request, "records/classification_import.html", {"form": form, "preview": preview})


@login_required
@require_POST
def classification_import_confirm(request):
    require(request.user, MANAGE_CLASSIFICATION)
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending:
        messages.error(request, _("Tidak ada impor yang menunggu konfirmasi. Unggah berkasnya lagi."))
        return redirect("records:classification_import")
    preview = services.preview_rows_from(pending["rows"])
    try:
        counts = services.import_classifications(actor=request.user, preview=preview, source=pending["name"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("records:classification_import")
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        _("Impor selesai: %(created)s kode dibuat, %(updated)s diubah, %(unchanged)s tidak berubah.")
        % {"created": counts["create"], "updated": counts["update"], "unchanged": counts["unchanged"]},
    )
    return redirect("records:classification_list")


# --- files -----------------------------------------------------------------------------------------


@login_required
def file_list(request):
    _need(request.user, VIEW_FILE)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    page = Paginator(selectors.files_for(request.user, query=query, status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "records/file_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": selectors.file_status_choices(),
            "may_create": bool(organisation_ids_with(request.user, MANAGE_FILE)),
        },
    )


def _file_form(request, *, instance=None, data=None):
    offices = selectors.manageable_offices(request.user)
    office_ids = [instance.organisation_id] if instance else [o.pk for o in offices]
    return RecordFileForm(
        data,
        instance=instance,
        offices=offices,
        units=selectors.units_of(office_ids),
        classifications=selectors.current_classifications(),
        initial=None if instance else {"opened_on": organisation_today(offices[0]) if offices else None},
    )


@login_required
def file_create(request):
    _need(request.user, MANAGE_FILE)
    form = _file_form(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_file = services.open_file(
                actor=request.user,
                organisation=data["organisation"],
                number=data["number"],
                title=data["title"],
                classification=data["classification"],
                opened_on=data["opened_on"],
                unit=data["unit"],
                location=data["location"],
                description=data["description"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Berkas %(number)s dibuka.") % {"number": record_file.number})
            return redirect("records:file_detail", pk=record_file.pk)
    return render(request, "records/file_form.html", {"form": form, "record_file": None})


@login_required
def file_edit(request, pk: int):
    record_file = get_visible_or_404(request.user, selectors.visible_files(), MANAGE_FILE, pk=pk)
    form = _file_form(request, instance=record_file, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ("number", "title", "unit", "location", "description")}
        if "classification" in form.changed_data:
            values["classification"] = form.cleaned_data["classification"]
        try:
            services.update_file(actor=request.user, record_file=record_file, **values)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Berkas disimpan."))
            return redirect("records:file_detail", pk=record_file.pk)
    return render(request, "records/file_form.html", {"form": form, "record_file": record_file})


def _detail_context(request, record_file, **forms):
    user = request.user
    may_manage = authorize(user, MANAGE_FILE, record_file)
    may_lend = authorize(user, MANAGE_LOAN, record_file)
    today = organisation_today(record_file.organisation)
    context = {
        "record_file": record_file,
        "items": selectors.items_of(record_file),
        "loans": selectors.loans_of(record_file) if authorize(user, VIEW_LOAN, record_file) else None,
        "open_loan": selectors.open_loan_of(record_file),
        "history": history(record_file),
        "may_manage": may_manage,
        "may_lend": may_lend,
        "today": today,
        "item_form": forms.get("item_form") or ItemForm(initial={"item_date": today}),
        "close_form": forms.get("close_form") or CloseForm(initial={"closed_on": today}),
        "loan_form": forms.get("loan_form")
        or LoanForm(borrowers=selectors.borrower_choices(record_file.organisation)),
    }
    return context


@login_required
def file_detail(request, pk: int):
    record_file = get_visible_or_404(request.user, selectors.visible_files(), VIEW_FILE, pk=pk)
    return render(request, "records/file_detail.html", _detail_context(request, record_file))


@login_required
@require_POST
def item_add(request, pk: int):
    record_file = get_visible_or_404(request.user, selectors.visible_files(), MANAGE_FILE, pk=pk)
    form = ItemForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = None
            if form.cleaned_data["scan"]:
                stored = store_upload(
                    organisation=record_file.organisation,
                    actor=request.user,
                    uploaded_file=form.cleaned_data["scan"],
                    owner=record_file,
                )
            services.file_item(
                actor=request.user,
                record_file=record_file,
                description=form.cleaned_data["description"],
                item_date=form.cleaned_data["item_date"],
                stored_file=stored,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Naskah diberkaskan."))
            return redirect("records:file_detail", pk=record_file.pk)
    return render(
        request, "records/file_detail.html", _detail_context(request, record_file, item_form=form), status=400
    )


@login_required
@require_POST
def file_close(request, pk: int):
    record_file = get_visible_or_404(request.user, selectors.visible_files(), MANAGE_FILE, pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_file(
                actor=request.user, record_file=record_file, closed_on=form.cleaned_data["closed_on"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Berkas ditutup; masa retensi mulai dihitung."))
            return redirect("records:file_detail", pk=record_file.pk)
    return render(
        request,
        "records/file_detail.html",
        _detail_context(request, record_file, close_form=form),
        status=400,
    )


# --- loans -----------------------------------------------------------------------------------------


@login_required
@require_POST
def loan_create(request, pk: int):
    record_file = get_visible_or_404(request.user, selectors.visible_files(), MANAGE_LOAN, pk=pk)
    form = LoanForm(request.POST, borrowers=selectors.borrower_choices(record_file.organisation))
    if form.is_valid():
        try:
            services.lend_file(
                actor=request.user,
                record_file=record_file,
                borrower=form.cleaned_data["borrower"],
                purpose=form.cleaned_data["purpose"],
                working_days=form.cleaned_data["working_days"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Peminjaman dicatat."))
            return redirect("records:file_detail", pk=record_file.pk)
    return render(
        request, "records/file_detail.html", _detail_context(request, record_file, loan_form=form), status=400
    )


@login_required
def loan_list(request):
    _need(request.user, VIEW_LOAN)
    return render(
        request,
        "records/loan_list.html",
        {
            "loans": selectors.loans_for(request.user),
            "overdue_ids": set(selectors.overdue_loans(request.user).values_list("pk", flat=True)),
            "manageable": set(organisation_ids_with(request.user, MANAGE_LOAN)),
        },
    )


@login_required
@require_POST
def loan_return(request, pk: int):
    loan = get_visible_or_404(request.user, selectors.visible_loans(), MANAGE_LOAN, pk=pk)
    try:
        services.return_loan(actor=request.user, loan=loan)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Berkas %(number)s sudah kembali.") % {"number": loan.record_file.number})
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/arsip/")
        else "records:loan_list"
    )


# --- retention lists and disposal ------------------------------------------------------------------


@login_required
def due_list(request):
    _need(request.user, VIEW_FILE)
    disposition = request.GET.get("keterangan", "musnah")
    if disposition not in selectors.DISPOSITION_VALUES:
        raise Http404
    return render(
        request,
        "records/due_list.html",
        {
            "disposition": disposition,
            "dispositions": selectors.disposition_choices(),
            "files": selectors.files_due_for_disposal(request.user, disposition),
            "awaiting": selectors.files_awaiting_inactive(request.user),
            "unscheduled": selectors.files_without_schedule(request.user)[:100],
            "may_propose": bool(organisation_ids_with(request.user, PROPOSE_DISPOSAL))
            and disposition != "dinilai_kembali",
        },
    )


@login_required
def proposal_list(request):
    _need(request.user, VIEW_DISPOSAL)
    return render(request, "records/proposal_list.html", {"proposals": selectors.proposals_for(request.user)})


@login_required
def proposal_create(request):
    _need(request.user, PROPOSE_DISPOSAL)
    kind = request.POST.get("kind") or request.GET.get("jenis", "musnah")
    if kind not in ("musnah", "permanen"):
        raise Http404
    candidates = selectors.files_due_for_disposal(request.user, kind, PROPOSE_DISPOSAL)
    form = ProposalForm(request.POST or None, files=candidates, initial={"kind": kind})
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["files"])
        offices = {f.organisation for f in chosen}
        if len(offices) != 1:
            form.add_error("files", _("Satu usul hanya untuk berkas dari satu kantor."))
        else:
            try:
                proposal = services.propose_disposal(
                    actor=request.user,
                    organisation=offices.pop(),
                    kind=kind,
                    files=chosen,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Usul penyusutan diajukan kepada pimpinan."))
                return redirect("records:proposal_detail", pk=proposal.pk)
    return render(
        request, "records/proposal_form.html", {"form": form, "kind": kind, "candidates": candidates}
    )


def _proposal_context(request, proposal, **forms):
    return {
        "proposal": proposal,
        "files": selectors.proposal_files(proposal),
        "history": history(proposal),
        "may_decide": proposal.status == "diusulkan" and authorize(request.user, APPROVE_DISPOSAL, proposal),
        "approve_form": forms.get("approve_form") or ApproveForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
    }


@login_required
def proposal_detail(request, pk: int):
    proposal = get_visible_or_404(request.user, selectors.visible_proposals(), VIEW_DISPOSAL, pk=pk)
    return render(request, "records/proposal_detail.html", _proposal_context(request, proposal))


@login_required
@require_POST
def proposal_approve(request, pk: int):
    proposal = get_visible_or_404(request.user, selectors.visible_proposals(), APPROVE_DISPOSAL, pk=pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.approve_disposal(
                actor=request.user,
                proposal=proposal,
                higher_approval_reference=form.cleaned_data["higher_approval_reference"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Usul disetujui; berita acara diterbitkan."))
            return redirect("records:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "records/proposal_detail.html",
        _proposal_context(request, proposal, approve_form=form),
        status=400,
    )


@login_required
@require_POST
def proposal_reject(request, pk: int):
    proposal = get_visible_or_404(request.user, selectors.visible_proposals(), APPROVE_DISPOSAL, pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject_disposal(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Usul ditolak."))
            return redirect("records:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "records/proposal_detail.html",
        _proposal_context(request, proposal, reject_form=form),
        status=400,
    )
