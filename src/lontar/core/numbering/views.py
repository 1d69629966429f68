"""Screens for office administrators: numbering templates with a live preview, counters read-only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lontar.core.numbering import selectors, services
from lontar.core.numbering.formatting import TOKEN_HELP, examples, render_number
from lontar.core.numbering.forms import NumberingTemplateForm
from lontar.core.permissions import MANAGE_NUMBERING, VIEW_NUMBERING


def _manageable_or_403(user, action: str = MANAGE_NUMBERING):
    organisations = selectors.manageable_organisations(user, action)
    if not organisations:
        raise PermissionDenied(action)
    return organisations


@login_required
def template_list(request):
    """Readable by whoever may see the numbering (auditors too); changes need the manage action."""
    organisations = _manageable_or_403(request.user, VIEW_NUMBERING)
    manageable = {org.pk for org in selectors.manageable_organisations(request.user)}
    return render(
        request,
        "core/numbering/template_list.html",
        {
            "templates": selectors.templates_for(request.user, organisations),
            "counters": selectors.counters_for(request.user, organisations),
            "recent": selectors.recent_numbers_for(request.user, organisations),
            "manageable": manageable,
        },
    )


def _save(request, form, template=None):
    data = {k: form.cleaned_data[k] for k in services.TEMPLATE_FIELDS}
    try:
        if template is None:
            return services.create_template(
                actor=request.user, organisation=form.cleaned_data["organisation"], **data
            )
        return services.update_template(actor=request.user, template=template, **data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


def _render_form(request, form, template):
    return render(
        request,
        "core/numbering/template_form.html",
        {"form": form, "template": template, "tokens": TOKEN_HELP, "examples": examples()},
    )


@login_required
def template_create(request):
    organisations = _manageable_or_403(request.user)
    form = NumberingTemplateForm(
        request.POST or None,
        organisations=organisations,
        initial={
            "organisation": organisations[0],
            "format": "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}",
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form)
        if saved is not None:
            messages.success(request, _("Templat penomoran disimpan."))
            return redirect("core:numbering_templates")
    return _render_form(request, form, None)


@login_required
def template_edit(request, pk: int):
    template = selectors.template_for(request.user, pk)
    organisations = _manageable_or_403(request.user)
    form = NumberingTemplateForm(request.POST or None, instance=template, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, template)
        if saved is not None:
            messages.success(request, _("Templat penomoran diperbarui."))
            return redirect("core:numbering_templates")
    return _render_form(request, form, template)


@login_required
@require_POST
def template_preview(request):
    """The live preview (htmx): the number the format would give for the next sequence today, drawn
    from the counter the form's type, scope and shared key point at."""
    organisations = _manageable_or_403(request.user)
    by_pk = {str(org.pk): org for org in organisations}
    organisation = by_pk.get(request.POST.get("organisation", ""), organisations[0])
    template_pk = request.POST.get("template", "")
    if template_pk:
        organisation = selectors.template_for(request.user, template_pk).organisation
    today = services.organisation_today(organisation)
    sequence = selectors.next_sequence_for_form(
        organisation,
        scope=request.POST.get("scope", ""),
        document_type=request.POST.get("document_type", ""),
        shared_key=request.POST.get("shared_key", ""),
        year=today.year,
    )
    try:
        number = render_number(
            request.POST.get("format", ""),
            sequence=sequence,
            on_date=today,
            organisation_code=organisation.code,
            unit_code=organisation.code,
            classification_code=request.POST.get("preview_classification", "") or "000.8.3.3",
        )
        errors = []
    except ValidationError as exc:
        number, errors = "", exc.messages
    return render(
        request,
        "core/numbering/_preview.html",
        {"number": number, "errors": errors, "sequence": sequence},
    )
