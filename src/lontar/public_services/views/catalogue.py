"""Screens of the service catalogue: the public portal (offices, services, standards, Maklumat, their PDFs)
and the office's catalogue management under /pelayanan/katalog/. Thin: parse with a form, call a
service or a selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lontar.core.documents.rendering import html_to_pdf, logo_data_uri, render_html
from lontar.core.permissions import authorize, require
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.forms.catalogue import (
    FormFieldForm,
    OfficeChoiceForm,
    PledgeForm,
    PublishForm,
    RequirementForm,
    ServiceForm,
    StandardForm,
)
from lontar.public_services.permissions import MANAGE_CATALOGUE, VIEW_CATALOGUE
from lontar.public_services.selectors import catalogue as selectors
from lontar.public_services.services import catalogue as services


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- the public portal -------------------------------------------------------------------------------


@require_safe
def portal_home(request):
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "public_services/catalogue/portal_home.html",
        {"offices": selectors.portal_offices(query), "query": query},
    )


@require_safe
def portal_office(request, org_id: int):
    office = selectors.public_office_or_404(org_id)
    settings = selectors.counter_settings(office)
    return render(
        request,
        "public_services/catalogue/portal_office.html",
        {
            "office": office,
            "groups": selectors.grouped_by_category(selectors.public_services().filter(organisation=office)),
            "pledge": selectors.pledge_in_force(office),
            "counter": settings,
        },
    )


@require_safe
def portal_service(request, org_id: int, code: str):
    service, standard = selectors.public_service_or_404(org_id, code)
    return render(
        request,
        "public_services/catalogue/portal_service.html",
        {
            "office": service.organisation,
            "service": service,
            "standard": standard,
            "components": selectors.components(standard, management=False),
            "fee_text": selectors.fee_display(standard),
            "effective_text": selectors.date_text(standard.effective_from),
            "counter": selectors.counter_settings(service.organisation),
        },
    )


@require_safe
def portal_standard_pdf(request, org_id: int, code: str):
    """The standard in force as a printable PDF: the 6 published components; all 14 with ?lengkap=1 for
    a member of the office (anyone else gets the public print)."""
    service, standard = selectors.public_service_or_404(org_id, code)
    full = request.GET.get("lengkap") == "1" and authorize(
        request.user, VIEW_CATALOGUE, organisation=service.organisation
    )
    return _pdf(_standard_pdf(service, standard, full=full), f"standar-pelayanan-{service.code}.pdf")


def _standard_pdf(service, standard, *, full: bool) -> bytes:
    office = service.organisation
    html = render_html(
        "public_services/catalogue/standard_pdf.html",
        {
            "office": office,
            "service": service,
            "standard": standard,
            "full": full,
            "components": selectors.components(standard, management=full),
            "logo_uri": logo_data_uri(office),
            "effective_text": selectors.date_text(standard.effective_from),
            "printed": selectors.date_text(organisation_today(office)),
        },
    )
    return html_to_pdf(html)


@require_safe
def portal_pledge_pdf(request, org_id: int):
    office = selectors.public_office_or_404(org_id)
    pledge = selectors.pledge_in_force(office)
    if pledge is None:
        raise Http404
    html = render_html(
        "public_services/catalogue/pledge_pdf.html",
        {
            "office": office,
            "pledge": pledge,
            "logo_uri": logo_data_uri(office),
            "effective_text": selectors.date_text(pledge.effective_from),
        },
    )
    return _pdf(html_to_pdf(html), "maklumat-pelayanan.pdf")


@require_safe
def placeholder(request, **kwargs):
    """TEMPORARY: stands for a page another part of public services defines (removed at merge)."""
    raise Http404


# --- the office's catalogue --------------------------------------------------------------------------


def _office_or_refuse(request):
    office = selectors.chosen_office(request.user, request.GET.get("kantor"))
    if office is None:
        if request.GET.get("kantor"):
            raise Http404
        raise PermissionDenied(VIEW_CATALOGUE)
    return office


def _office_choice(request, office):
    offices = selectors.catalogue_offices(request.user)
    if len(offices) < 2:
        return None
    return OfficeChoiceForm(initial={"kantor": office.pk}, offices=offices)


@login_required
def catalogue_list(request):
    office = _office_or_refuse(request)
    return render(
        request,
        "public_services/catalogue/list.html",
        {
            "office": office,
            "office_form": _office_choice(request, office),
            "rows": selectors.catalogue_of(request.user, office),
            "may_manage": selectors.may_manage(request.user, office),
            "pledge": selectors.pledge_in_force(office),
        },
    )


@login_required
def service_create(request):
    offices = selectors.catalogue_offices(request.user, MANAGE_CATALOGUE)
    if not offices:
        raise PermissionDenied(MANAGE_CATALOGUE)
    chosen = selectors.chosen_office(request.user, request.GET.get("kantor"))
    if chosen is None or chosen not in offices:
        chosen = offices[0]
    form = ServiceForm(
        request.POST or None,
        offices=offices,
        units=selectors.units_of(chosen),
        initial={"organisation": chosen.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in services.SERVICE_FIELDS}
        try:
            service = services.create_service(
                actor=request.user,
                organisation=data["organisation"],
                code=data["code"],
                **{k: v for k, v in values.items() if k != "name"},
                name=data["name"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Layanan “%(nama)s” dibuat dengan versi konsep 1. Lengkapi standarnya lalu tetapkan.")
                % {"nama": service.name},
            )
            return redirect("public_services:catalogue_service", pk=service.pk)
    return render(request, "public_services/catalogue/service_form.html", {"form": form, "office": chosen})


@login_required
def service_detail(request, pk: int):
    service = selectors.service_for(request.user, pk)
    versions = list(selectors.versions_of(service))
    in_force = selectors.standard_in_force(service)
    return render(
        request,
        "public_services/catalogue/service_detail.html",
        {
            "service": service,
            "office": service.organisation,
            "versions": versions,
            "in_force": in_force,
            "draft": next((v for v in versions if not v.published), None),
            "components": selectors.components(in_force, management=True) if in_force else [],
            "may_manage": selectors.may_manage(request.user, service.organisation),
        },
    )


@login_required
def service_edit(request, pk: int):
    service = selectors.service_for(request.user, pk)
    require(request.user, MANAGE_CATALOGUE, service)
    form = ServiceForm(request.POST or None, instance=service, units=selectors.units_of(service.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_service(
                actor=request.user,
                service=service,
                **{name: form.cleaned_data[name] for name in services.SERVICE_FIELDS},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan layanan disimpan."))
            return redirect("public_services:catalogue_service", pk=service.pk)
    return render(
        request,
        "public_services/catalogue/service_form.html",
        {"form": form, "service": service, "office": service.organisation},
    )


@login_required
@require_POST
def standard_new_version(request, pk: int):
    service = selectors.service_for(request.user, pk)
    require(request.user, MANAGE_CATALOGUE, service)
    try:
        draft = services.new_version(actor=request.user, service=service)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("public_services:catalogue_service", pk=service.pk)
    messages.success(
        request,
        _("Versi konsep %(versi)s dibuat dari versi yang berlaku. Ubah lalu tetapkan.")
        % {"versi": draft.version},
    )
    return redirect("public_services:catalogue_standard", pk=draft.pk)


@login_required
def standard_detail(request, pk: int):
    standard = selectors.standard_for(request.user, pk)
    return render(
        request,
        "public_services/catalogue/standard_detail.html",
        {
            "standard": standard,
            "service": standard.service,
            "office": standard.organisation,
            "components": selectors.components(standard, management=True),
            "in_force": selectors.is_in_force(standard),
            "may_edit": not standard.published and selectors.may_manage(request.user, standard.organisation),
            "effective_text": selectors.date_text(standard.effective_from),
            "until_text": selectors.date_text(standard.effective_until),
        },
    )


@login_required
@require_safe
def standard_pdf(request, pk: int):
    """Any version (a draft too, for review) with all 14 components, for the office's members."""
    standard = selectors.standard_for(request.user, pk)
    return _pdf(
        _standard_pdf(standard.service, standard, full=True),
        f"standar-pelayanan-{standard.service.code}-v{standard.version}.pdf",
    )


def _draft_to_change(request, pk: int):
    standard = selectors.standard_for(request.user, pk)
    require(request.user, MANAGE_CATALOGUE, standard)
    if standard.published:
        messages.error(
            request, _("Versi yang sudah ditetapkan tidak dapat diubah. Buat versi baru untuk perubahan.")
        )
        return standard, redirect("public_services:catalogue_standard", pk=standard.pk)
    return standard, None


@login_required
def standard_edit(request, pk: int):
    standard, refused = _draft_to_change(request, pk)
    if refused:
        return refused
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_standard(
                actor=request.user,
                standard=standard,
                **{name: form.cleaned_data[name] for name in services.STANDARD_FIELDS},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Komponen standar disimpan."))
            return redirect("public_services:catalogue_standard", pk=standard.pk)
    return render(
        request,
        "public_services/catalogue/standard_form.html",
        {"form": form, "standard": standard, "service": standard.service},
    )


@login_required
def standard_publish(request, pk: int):
    standard, refused = _draft_to_change(request, pk)
    if refused:
        return refused
    office = standard.organisation
    form = PublishForm(
        request.POST or None,
        initial={"effective_from": organisation_today(office), "decree_number": standard.decree_number},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_standard(
                actor=request.user,
                standard=standard,
                effective_from=form.cleaned_data["effective_from"],
                decree_number=form.cleaned_data["decree_number"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Versi %(versi)s ditetapkan, berlaku mulai %(tanggal)s.")
                % {
                    "versi": standard.version,
                    "tanggal": selectors.date_text(form.cleaned_data["effective_from"]),
                },
            )
            return redirect("public_services:catalogue_service", pk=standard.service_id)
    return render(
        request,
        "public_services/catalogue/standard_publish.html",
        {"form": form, "standard": standard, "service": standard.service},
    )


# --- requirements and form fields of a draft ------------------------------------------------------------


def _item_form(request, *, standard, form, save, template: str, item=None, title: str):
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Disimpan."))
            return redirect("public_services:catalogue_standard", pk=standard.pk)
    return render(
        request,
        template,
        {"form": form, "standard": standard, "service": standard.service, "item": item, "title": title},
    )


@login_required
def requirement_create(request, pk: int):
    standard, refused = _draft_to_change(request, pk)
    if refused:
        return refused
    form = RequirementForm(request.POST or None, initial={"needs_upload": True, "is_mandatory": True})
    return _item_form(
        request,
        standard=standard,
        form=form,
        save=lambda f: services.add_requirement(actor=request.user, standard=standard, **f.cleaned_data),
        template="public_services/catalogue/item_form.html",
        title=_("Tambah persyaratan"),
    )


@login_required
def requirement_edit(request, pk: int):
    requirement = selectors.requirement_for(request.user, pk)
    standard, refused = _draft_to_change(request, requirement.standard_id)
    if refused:
        return refused
    form = RequirementForm(request.POST or None, instance=requirement)
    return _item_form(
        request,
        standard=standard,
        form=form,
        save=lambda f: services.update_requirement(
            actor=request.user, requirement=requirement, **f.cleaned_data
        ),
        template="public_services/catalogue/item_form.html",
        item=requirement,
        title=_("Ubah persyaratan"),
    )


@login_required
@require_POST
def requirement_delete(request, pk: int):
    requirement = selectors.requirement_for(request.user, pk)
    standard, refused = _draft_to_change(request, requirement.standard_id)
    if refused:
        return refused
    services.delete_requirement(actor=request.user, requirement=requirement)
    messages.success(request, _("Persyaratan “%(nama)s” dihapus dari konsep.") % {"nama": requirement.name})
    return redirect("public_services:catalogue_standard", pk=standard.pk)


@login_required
@require_POST
def requirement_move(request, pk: int):
    requirement = selectors.requirement_for(request.user, pk)
    standard, refused = _draft_to_change(request, requirement.standard_id)
    if refused:
        return refused
    services.move_requirement(
        actor=request.user, requirement=requirement, up=request.POST.get("arah") == "naik"
    )
    return redirect(reverse("public_services:catalogue_standard", args=[standard.pk]) + "#persyaratan")


@login_required
def form_field_create(request, pk: int):
    standard, refused = _draft_to_change(request, pk)
    if refused:
        return refused
    form = FormFieldForm(request.POST or None, initial={"required": True})
    return _item_form(
        request,
        standard=standard,
        form=form,
        save=lambda f: services.add_form_field(actor=request.user, standard=standard, **f.values()),
        template="public_services/catalogue/item_form.html",
        title=_("Tambah isian formulir"),
    )


@login_required
def form_field_edit(request, pk: int):
    form_field = selectors.form_field_for(request.user, pk)
    standard, refused = _draft_to_change(request, form_field.standard_id)
    if refused:
        return refused
    form = FormFieldForm(request.POST or None, instance=form_field)
    return _item_form(
        request,
        standard=standard,
        form=form,
        save=lambda f: services.update_form_field(actor=request.user, form_field=form_field, **f.values()),
        template="public_services/catalogue/item_form.html",
        item=form_field,
        title=_("Ubah isian formulir"),
    )


@login_required
@require_POST
def form_field_delete(request, pk: int):
    form_field = selectors.form_field_for(request.user, pk)
    standard, refused = _draft_to_change(request, form_field.standard_id)
    if refused:
        return refused
    services.delete_form_field(actor=request.user, form_field=form_field)
    messages.success(request, _("Isian “%(label)s” dihapus dari konsep.") % {"label": form_field.label})
    return redirect("public_services:catalogue_standard", pk=standard.pk)


@login_required
@require_POST
def form_field_move(request, pk: int):
    form_field = selectors.form_field_for(request.user, pk)
    standard, refused = _draft_to_change(request, form_field.standard_id)
    if refused:
        return refused
    services.move_form_field(actor=request.user, form_field=form_field, up=request.POST.get("arah") == "naik")
    return redirect(reverse("public_services:catalogue_standard", args=[standard.pk]) + "#isian")


# --- Maklumat Pelayanan -------------------------------------------------------------------------------


@login_required
def pledge_list(request):
    office = _office_or_refuse(request)
    return render(
        request,
        "public_services/catalogue/pledge_list.html",
        {
            "office": office,
            "office_form": _office_choice(request, office),
            "pledges": selectors.pledges_of(office),
            "today": organisation_today(office),
            "in_force": selectors.pledge_in_force(office),
            "may_manage": selectors.may_manage(request.user, office),
        },
    )


@login_required
def pledge_create(request):
    office = _office_or_refuse(request)
    require(request.user, MANAGE_CATALOGUE, organisation=office)
    current = selectors.pledge_in_force(office)
    name, position = selectors.head_of_office(office)
    form = PledgeForm(
        request.POST or None,
        initial={
            "text": current.text if current else "",
            "signatory_name": name or (current.signatory_name if current else ""),
            "signatory_position": position or (current.signatory_position if current else ""),
            "effective_from": organisation_today(office),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_pledge(actor=request.user, organisation=office, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Maklumat pelayanan disimpan."))
            return redirect(reverse("public_services:catalogue_pledges") + f"?kantor={office.pk}")
    return render(request, "public_services/catalogue/pledge_form.html", {"form": form, "office": office})
