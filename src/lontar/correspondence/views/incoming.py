"""Screens of incoming letters and dispositions: the register, registering, the letter page with its
disposition timeline, the lembar disposisi, the inbox, the head's view, and the instruction list."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.core.workdays.calendar import organisation_today
from lontar.correspondence.access_incoming import MANAGE_INSTRUCTIONS, REGISTER_INCOMING
from lontar.correspondence.forms.incoming import (
    CorrectionForm,
    DispositionForm,
    IncomingLetterForm,
    InstructionForm,
    NoteForm,
    RegisterFilterForm,
    ReportForm,
    ScanForm,
)
from lontar.correspondence.selectors import incoming as selectors
from lontar.correspondence.services import dispositions as disposition_services
from lontar.correspondence.services import incoming as services
from lontar.correspondence.sheet_incoming import render_sheet


def _form_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where they exist, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- the register -----------------------------------------------------------------------------------
def _cursor(raw: str):
    try:
        day, pk = raw.split("_", 1)
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


@login_required
def incoming_list(request):
    units = selectors.units_for_filter(request.user)
    form = RegisterFilterForm(request.GET or None, units=units)
    filters = selectors.RegisterFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.RegisterFilter(
            received_from=data["dari"],
            received_to=data["sampai"],
            sender=data["pengirim"].strip(),
            classification=data["klasifikasi"].strip(),
            status=data["status"],
            unit_id=data["unit"].pk if data["unit"] else None,
            text=data["q"].strip(),
        )
    after = _cursor(request.GET.get("setelah", ""))
    letters, next_cursor = selectors.register(request.user, filters, after=after)
    query = request.GET.copy()
    query.pop("setelah", None)
    first_query = query.urlencode()
    if next_cursor:
        query["setelah"] = f"{next_cursor[0].isoformat()}_{next_cursor[1]}"
    return render(
        request,
        "correspondence/incoming/list.html",
        {
            "form": form,
            "letters": letters,
            "next_query": query.urlencode() if next_cursor else "",
            "paged": after is not None,
            "first_query": first_query,
            "may_register": bool(selectors.registering_offices(request.user)),
        },
    )


# --- registering ------------------------------------------------------------------------------------
def _registration_form(request, offices):
    office_id = request.POST.get("organisation") or (offices[0].pk if offices else None)
    office = next((o for o in offices if str(o.pk) == str(office_id)), offices[0])
    return IncomingLetterForm(
        request.POST or None,
        request.FILES or None,
        offices=selectors.registering_offices(request.user),
        units=selectors.units_of(office),
        initial={"received_date": organisation_today(office), "organisation": office.pk},
    )


@login_required
def incoming_create(request):
    offices = list(selectors.registering_offices(request.user))
    if not offices:
        raise PermissionDenied(REGISTER_INCOMING)
    form = _registration_form(request, offices)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.register_incoming(actor=request.user, **form.service_kwargs())
        except services.LikelyDuplicate as exc:
            duplicates = exc.letters
            form.add_error("confirm_duplicate", exc)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Surat masuk tercatat dengan nomor agenda %(agenda)s.") % {"agenda": letter.agenda_number},
            )
            if request.POST.get("lagi"):
                return redirect("correspondence:incoming_create")
            return redirect(letter.get_absolute_url())
    return render(
        request,
        "correspondence/incoming/form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "files_dropped": (request.method == "POST" and bool(request.FILES) and not form.is_valid())
            or duplicates,
        },
    )


@login_required
@require_GET
def duplicate_check(request):
    """The live warning while typing (htmx): a letter from this sender with this number exists."""
    offices = list(selectors.registering_offices(request.user))
    office = next((o for o in offices if str(o.pk) == request.GET.get("organisation", "")), None)
    if office is None and offices:
        office = offices[0]
    duplicates = []
    if office is not None:
        duplicates = list(
            services.likely_duplicates(
                organisation=office,
                sender_name=request.GET.get("sender_name", ""),
                sender_institution=request.GET.get("sender_institution", ""),
                sender_number=request.GET.get("sender_number", ""),
            )[:5]
        )
    return render(request, "correspondence/incoming/_duplicates.html", {"duplicates": duplicates})


@login_required
@require_GET
def classification_options(request):
    """`<option>`s for the classification code field's datalist (htmx), by code prefix or title words."""
    matches = selectors.classification_matches(request.GET.get("classification_code", "")[:60])
    return render(request, "correspondence/incoming/_classification_options.html", {"matches": matches})


# --- one letter -------------------------------------------------------------------------------------
@login_required
def incoming_detail(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    # Opening the letter is the read receipt of every disposition of it addressed to the reader.
    if disposition_services.open_received(actor=request.user, letter=letter):
        letter = selectors.letter_for(request.user, pk)
    context = {
        **selectors.letter_page(letter, request.user),
        "letter": letter,
        "scan_form": ScanForm(),
        "note_form": NoteForm(),
    }
    return render(request, "correspondence/incoming/detail.html", context)


@login_required
def incoming_correct(request, pk: int):
    letter = selectors.letter_for(request.user, pk, REGISTER_INCOMING)
    form = CorrectionForm(request.POST or None, letter=letter, units=selectors.units_of(letter.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_incoming(actor=request.user, letter=letter, **form.changes())
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Data surat masuk dikoreksi."))
            return redirect(letter.get_absolute_url())
    return render(request, "correspondence/incoming/correct.html", {"form": form, "letter": letter})


@login_required
@require_POST
def incoming_scans(request, pk: int):
    letter = selectors.letter_for(request.user, pk, REGISTER_INCOMING)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.add_scans(actor=request.user, letter=letter, scans=form.cleaned_data["scans"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(n)s berkas pindaian ditambahkan.") % {"n": count})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(letter.get_absolute_url())


@login_required
@require_POST
def incoming_status(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    name = request.POST.get("tindakan", "")
    try:
        if name == "file" and request.POST.get("berkas"):
            services.file_letter(
                actor=request.user,
                letter=letter,
                record_file=selectors.filing_file_for(letter, request.user, request.POST["berkas"]),
                note=request.POST.get("note", ""),
            )
        else:
            services.change_letter_status(
                actor=request.user, letter=letter, name=name, note=request.POST.get("note", "")
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status surat: %(status)s.") % {"status": letter.get_status_label()})
    return redirect(letter.get_absolute_url())


@login_required
@require_GET
def incoming_sheet(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    pdf = render_sheet(
        letter,
        selectors.disposition_tree(letter, request.user),
        selectors.instructions_for(letter.organisation),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"lembar-disposisi-{letter.agenda_number}") or "lembar-disposisi"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def incoming_waiting(request):
    return render(
        request,
        "correspondence/incoming/waiting.html",
        {"letters": selectors.waiting_for_disposition(request.user)},
    )


# --- dispositions -----------------------------------------------------------------------------------
@login_required
def disposition_create(request, pk: int):
    from lontar.correspondence.access_incoming import DISPOSE

    letter = selectors.letter_for(request.user, pk, DISPOSE)
    disposition_services.seed_default_instructions(organisation=letter.organisation)
    parent_id = request.POST.get("parent") or request.GET.get("induk") or None
    parent = selectors.disposition_for(request.user, parent_id) if parent_id else None
    form = DispositionForm(
        request.POST or None,
        initial={"parent": parent.pk if parent else None},
        units=selectors.units_of(letter.organisation),
        recipients=selectors.recipient_choices(letter, request.user),
        instructions=selectors.instructions_for(letter.organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = disposition_services.dispose(
                actor=request.user,
                letter=letter,
                recipients=data["recipients"],
                units=data["units"],
                instructions=data["instructions"],
                note=data["note"],
                working_days=data["working_days"],
                due_date=data["due_date"],
                parent=parent,
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Disposisi dikirim kepada %(who)s.") % {"who": ", ".join(d.recipient_label for d in sent)},
            )
            return redirect(letter.get_absolute_url())
    return render(
        request, "correspondence/incoming/dispose.html", {"form": form, "letter": letter, "parent": parent}
    )


@login_required
def disposition_inbox(request):
    box = request.GET.get("kotak", "terbuka")
    if box not in selectors.INBOX_BOXES:
        box = "terbuka"
    page = selectors.inbox_page(request.GET.get("halaman"))
    size = selectors.INBOX_PAGE_SIZE
    # One row more than a page tells whether there is a next page, without counting them all.
    rows = selectors.inbox(request.user, box, limit=size + 1, offset=(page - 1) * size)
    return render(
        request,
        "correspondence/incoming/inbox.html",
        {
            "box": box,
            "rows": rows[:size],
            "page": page,
            "has_next": len(rows) > size,
            "counts": selectors.inbox_counts(request.user),
            "today": organisation_today(None),
        },
    )


def _disposition_action(request, pk: int, action, success: str):
    disposition = selectors.disposition_for(request.user, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        action(actor=request.user, disposition=disposition, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(disposition.letter.get_absolute_url())


@login_required
@require_POST
def disposition_withdraw(request, pk: int):
    return _disposition_action(request, pk, disposition_services.withdraw, _("Disposisi ditarik."))


@login_required
@require_POST
def disposition_complete(request, pk: int):
    return _disposition_action(request, pk, disposition_services.complete, _("Disposisi dinyatakan selesai."))


@login_required
@require_POST
def disposition_send_back(request, pk: int):
    return _disposition_action(
        request, pk, disposition_services.send_back, _("Disposisi dikembalikan untuk dilengkapi.")
    )


@login_required
def disposition_report(request, pk: int):
    disposition = selectors.disposition_for(request.user, pk)
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            disposition_services.report(
                actor=request.user,
                disposition=disposition,
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
                done=form.cleaned_data["done"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Laporan tindak lanjut dikirim."))
            return redirect(disposition.letter.get_absolute_url())
    return render(
        request,
        "correspondence/incoming/report.html",
        {"form": form, "disposition": disposition, "letter": disposition.letter},
    )


# --- the instruction list ---------------------------------------------------------------------------
@login_required
def instruction_list(request):
    offices = list(selectors.instruction_offices(request.user))
    if not offices:
        raise PermissionDenied(MANAGE_INSTRUCTIONS)
    office = next((o for o in offices if str(o.pk) == request.GET.get("kantor", "")), offices[0])
    form = InstructionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            disposition_services.add_instruction(
                actor=request.user,
                organisation=office,
                text=form.cleaned_data["text"],
                order=form.cleaned_data["order"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Instruksi ditambahkan."))
            return redirect(f"{request.path}?kantor={office.pk}")
    disposition_services.seed_default_instructions(organisation=office)
    return render(
        request,
        "correspondence/incoming/instructions.html",
        {
            "offices": offices,
            "office": office,
            "instructions": selectors.instructions_for(office, active_only=False),
            "form": form,
        },
    )


@login_required
def instruction_edit(request, pk: int):
    instruction = selectors.instruction_for(request.user, pk)
    form = InstructionForm(
        request.POST or None,
        initial={"text": instruction.text, "order": instruction.order, "is_active": instruction.is_active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            disposition_services.update_instruction(
                actor=request.user, instruction=instruction, **form.cleaned_data
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Instruksi diperbarui."))
            return redirect(f"{_instructions_url()}?kantor={instruction.organisation_id}")
    return render(
        request, "correspondence/incoming/instruction_form.html", {"form": form, "instruction": instruction}
    )


def _instructions_url() -> str:
    from django.urls import reverse

    return reverse("correspondence:instruction_list")
