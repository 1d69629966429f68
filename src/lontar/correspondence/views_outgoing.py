"""Screens of outgoing documents: the lists, drafting, the document page and its actions, and the
administrator's templates. Thin: parse with forms, read through selectors, write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lontar.core.permissions import authorize, require
from lontar.correspondence.forms_outgoing import (
    AttachmentForm,
    CommentForm,
    DraftForm,
    NewDraftForm,
    ParafForm,
    ReturnForm,
    TemplateForm,
)
from lontar.correspondence.outgoing_actions import (
    COMMENT_OUTGOING,
    DRAFT_OUTGOING,
    EDIT_OUTGOING,
    IMPORT_OUTGOING,
    MANAGE_OUTGOING_TEMPLATES,
    PARAF_OUTGOING,
    SEND_OUTGOING,
    SIGN_OUTGOING,
    VIEW_OUTGOING,
    VIEW_OUTGOING_TEMPLATES,
)
from lontar.correspondence.selectors import outgoing as selectors
from lontar.correspondence.services import outgoing as services

TABS = (
    ("outgoing_drafts", gettext_lazy("Konsep saya")),
    ("outgoing_paraf_inbox", gettext_lazy("Menunggu paraf saya")),
    ("outgoing_signature_inbox", gettext_lazy("Menunggu tanda tangan saya")),
    ("outgoing_sent", gettext_lazy("Ditandatangani dan terkirim")),
)


def _error_messages(exc: ValidationError) -> list[str]:
    return exc.messages


def _list(request, tab: str, documents, empty: str):
    require(request.user, VIEW_OUTGOING)
    return render(
        request,
        "correspondence/outgoing/list.html",
        {
            "tab": tab,
            "tabs": TABS,
            "documents": documents,
            "empty": empty,
            "can_draft": authorize(request.user, DRAFT_OUTGOING),
            "can_import": authorize(request.user, IMPORT_OUTGOING),
        },
    )


@login_required
def drafts(request):
    return _list(request, "outgoing_drafts", selectors.my_drafts(request.user), _("Belum ada konsep naskah."))


@login_required
def paraf_inbox(request):
    return _list(
        request,
        "outgoing_paraf_inbox",
        selectors.waiting_for_my_paraf(request.user),
        _("Tidak ada naskah yang menunggu paraf Anda."),
    )


@login_required
def signature_inbox(request):
    return _list(
        request,
        "outgoing_signature_inbox",
        selectors.waiting_for_my_signature(request.user),
        _("Tidak ada naskah yang menunggu tanda tangan Anda."),
    )


@login_required
def sent(request):
    return _list(
        request,
        "outgoing_sent",
        selectors.signed_and_sent(request.user),
        _("Belum ada naskah yang ditandatangani."),
    )


def _form_context(form, organisation, document=None, document_type=None):
    return {
        "form": form,
        "document": document,
        "organisation": organisation,
        "document_type": document_type,
    }


@login_required
def create(request):
    """A new draft: choose the type, then write. `?balas=<incoming letter>` starts a reply to it."""
    offices = selectors.offices_for_drafting(request.user)
    if not offices:
        raise PermissionDenied(DRAFT_OUTGOING)
    reply_pk = request.POST.get("replies_to") or request.GET.get("balas", "")
    letter = selectors.letter_to_reply(request.user, reply_pk) if reply_pk else None
    by_pk = {str(o.pk): o for o in offices}
    organisation = by_pk.get(request.POST.get("organisation") or request.GET.get("kantor", ""), offices[0])
    if letter is not None:
        organisation = by_pk.get(str(letter.organisation_id), organisation)
    document_type = request.POST.get("document_type") or request.GET.get("jenis", "")
    kwargs = {
        "classifications": selectors.classifications(),
        "offices": selectors.internal_offices_qs(organisation),
        "organisations": selectors.offices_queryset(offices),
    }
    if request.method == "POST":
        form = NewDraftForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                document = services.create_draft(
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    document_type=form.cleaned_data["document_type"],
                    recipients=form.recipients(),
                    replies_to=letter,
                    **form.document_fields(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Konsep naskah disimpan sebagai versi 1."))
                return redirect("correspondence:outgoing_detail", document.pk)
    elif letter is not None:
        form = NewDraftForm(initial=selectors.reply_initial(letter), **kwargs)
    else:
        if document_type not in selectors.document_types():
            return render(
                request,
                "correspondence/outgoing/choose_type.html",
                {
                    "types": selectors.document_type_choices(),
                    "offices": offices,
                    "organisation": organisation,
                },
            )
        template = services.template_for(organisation, document_type)
        form = NewDraftForm(
            initial={
                "organisation": organisation.pk,
                "document_type": document_type,
                "body_html": template.body_html,
                "classification": template.classification_id,
            },
            **kwargs,
        )
    context = _form_context(form, organisation, document_type=document_type)
    context["reply_to"] = letter
    return render(request, "correspondence/outgoing/form.html", context)


@login_required
def edit(request, pk: int):
    document = selectors.document_for(request.user, pk, EDIT_OUTGOING)
    kwargs = {
        "classifications": selectors.classifications(),
        "offices": selectors.internal_offices_qs(document.organisation),
    }
    if request.method == "POST":
        form = DraftForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.update_draft(
                    actor=request.user,
                    document=document,
                    recipients=form.recipients(),
                    **form.document_fields(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Perubahan disimpan sebagai versi baru."))
                return redirect("correspondence:outgoing_detail", document.pk)
    else:
        form = DraftForm(initial=DraftForm.initial_for(document, selectors.recipients_of(document)), **kwargs)
    return render(
        request, "correspondence/outgoing/form.html", _form_context(form, document.organisation, document)
    )


@login_required
def detail(request, pk: int):
    document = selectors.document_for(request.user, pk)
    page = selectors.document_page(request.user, document)
    user = request.user
    return render(
        request,
        "correspondence/outgoing/detail.html",
        {
            "page": page,
            "document": document,
            "can_edit": authorize(user, EDIT_OUTGOING, document),
            "can_paraf": authorize(user, PARAF_OUTGOING, document),
            "can_sign": authorize(user, SIGN_OUTGOING, document),
            "can_send": "send" in page.actions,
            "can_redeliver": (page.pending_internal or page.failed_email)
            and authorize(user, SEND_OUTGOING, document),
            "can_comment": authorize(user, COMMENT_OUTGOING, document),
            "comment_form": CommentForm(),
            "return_form": ReturnForm(),
            "paraf_form": ParafForm(),
            "attachment_form": AttachmentForm(),
        },
    )


def _act(request, pk: int, action: str, run, success: str):
    """Run one POSTed action on a document and come back to its page with a message."""
    document = selectors.document_for(request.user, pk, action)
    try:
        run(document)
    except ValidationError as exc:
        for message in _error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("correspondence:outgoing_detail", document.pk)


@login_required
@require_POST
def submit(request, pk: int):
    note = request.POST.get("note", "")[:5000]
    return _act(
        request,
        pk,
        EDIT_OUTGOING,
        lambda d: services.submit(actor=request.user, document=d, note=note),
        _("Naskah diajukan untuk paraf."),
    )


@login_required
@require_POST
def paraf(request, pk: int):
    form = ParafForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        PARAF_OUTGOING,
        lambda d: services.give_paraf(actor=request.user, document=d, comment=comment),
        _("Paraf diberikan."),
    )


@login_required
@require_POST
def return_for_revision(request, pk: int):
    document = selectors.document_for(request.user, pk)
    if not (
        authorize(request.user, PARAF_OUTGOING, document) or authorize(request.user, SIGN_OUTGOING, document)
    ):
        raise PermissionDenied(PARAF_OUTGOING)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("comment", []):
            messages.error(request, error)
        return redirect("correspondence:outgoing_detail", document.pk)
    return _act(
        request,
        pk,
        VIEW_OUTGOING,
        lambda d: services.return_for_revision(
            actor=request.user, document=d, comment=form.cleaned_data["comment"]
        ),
        _("Naskah dikembalikan kepada pengonsep."),
    )


@login_required
@require_POST
def sign(request, pk: int):
    return _act(
        request,
        pk,
        SIGN_OUTGOING,
        lambda d: services.sign(actor=request.user, document=d),
        _("Naskah ditandatangani dan diberi nomor."),
    )


@login_required
@require_POST
def send(request, pk: int):
    return _act(
        request,
        pk,
        SEND_OUTGOING,
        lambda d: services.send(actor=request.user, document=d),
        _("Naskah dikirim. Penerima tanpa surel tercantum pada daftar cetak."),
    )


@login_required
@require_POST
def redeliver(request, pk: int):
    return _act(
        request,
        pk,
        SEND_OUTGOING,
        lambda d: services.deliver_pending(actor=request.user, document=d),
        _("Pengiriman yang belum sampai dicoba lagi."),
    )


@login_required
@require_POST
def comment(request, pk: int):
    form = CommentForm(request.POST)
    if not form.is_valid():
        document = selectors.document_for(request.user, pk, COMMENT_OUTGOING)
        messages.error(request, _("Komentar tidak boleh kosong."))
        return redirect("correspondence:outgoing_detail", document.pk)
    return _act(
        request,
        pk,
        COMMENT_OUTGOING,
        lambda d: services.add_comment(actor=request.user, document=d, body=form.cleaned_data["body"]),
        _("Komentar ditambahkan."),
    )


@login_required
@require_POST
def attach(request, pk: int):
    document = selectors.document_for(request.user, pk, EDIT_OUTGOING)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("berkas", []):
            messages.error(request, error)
        return redirect("correspondence:outgoing_detail", document.pk)
    return _act(
        request,
        pk,
        EDIT_OUTGOING,
        lambda d: services.attach_file(
            actor=request.user, document=d, uploaded_file=form.cleaned_data["berkas"]
        ),
        _("Lampiran diunggah."),
    )


@login_required
def version(request, pk: int, number: int):
    document = selectors.document_for(request.user, pk)
    shown = selectors.version_for(request.user, document, number)
    return render(
        request,
        "correspondence/outgoing/version.html",
        {"document": document, "version": shown, "body": mark_safe(shown.body_html)},  # noqa: S308 - sanitised on save
    )


@login_required
def compare(request, pk: int):
    document = selectors.document_for(request.user, pk)
    versions = selectors.versions_of(document)
    if not versions:
        raise Http404
    numbers = [v.number for v in versions]

    def pick(name, default):
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() and int(value) in numbers else default

    older = pick("dari", numbers[max(len(numbers) - 2, 0)])
    newer = pick("ke", numbers[-1])
    by_number = {v.number: v for v in versions}
    return render(
        request,
        "correspondence/outgoing/compare.html",
        {
            "document": document,
            "versions": versions,
            "older": by_number[older],
            "newer": by_number[newer],
            "table": mark_safe(selectors.diff_table(by_number[older], by_number[newer])),  # noqa: S308 - difflib escapes
        },
    )


@login_required
def print_list(request, pk: int):
    document = selectors.document_for(request.user, pk, SEND_OUTGOING)
    return render(
        request,
        "correspondence/outgoing/print_list.html",
        {"document": document, "recipients": selectors.print_list(request.user, document)},
    )


@login_required
def templates(request):
    require(request.user, VIEW_OUTGOING_TEMPLATES)
    rows = selectors.template_rows(request.user)
    manageable = {o.pk for o in selectors.template_offices(request.user)}
    return render(
        request, "correspondence/outgoing/template_list.html", {"rows": rows, "manageable": manageable}
    )


@login_required
def template_edit(request, office: int, document_type: str):
    organisation = selectors.template_office_for(request.user, office)
    if document_type not in selectors.document_types():
        raise Http404
    template = services.template_for(organisation, document_type)
    kwargs = {
        "classifications": selectors.classifications(),
        "positions": selectors.positions_of(organisation),
    }
    if request.method == "POST":
        form = TemplateForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.save_template(
                    actor=request.user,
                    organisation=organisation,
                    document_type=document_type,
                    body_html=form.cleaned_data["body_html"],
                    classification=form.cleaned_data["classification"],
                    numbering_key=form.cleaned_data["numbering_key"],
                    signatory_position=form.cleaned_data["signatory_position"],
                    verifier_positions=form.verifiers(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Templat naskah disimpan."))
                return redirect("correspondence:outgoing_templates")
    else:
        initial = {
            "body_html": template.body_html,
            "classification": template.classification_id,
            "numbering_key": template.numbering_key,
            "signatory_position": template.signatory_position_id,
        }
        for i, position in enumerate(services.chain_of(template), start=1):
            initial[f"verifier_{i}"] = position.pk
        form = TemplateForm(initial=initial, **kwargs)
    return render(
        request,
        "correspondence/outgoing/template_form.html",
        {
            "form": form,
            "organisation": organisation,
            "type_label": selectors.document_type_label(document_type),
            "manage_action": MANAGE_OUTGOING_TEMPLATES,
        },
    )
