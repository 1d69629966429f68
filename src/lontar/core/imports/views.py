"""Screens of the legacy import: upload → column mapping and preview → confirm; history per batch."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lontar.core.imports import selectors, services
from lontar.core.imports.forms import ConfirmForm, MappingForm, UploadForm
from lontar.core.imports.registry import all_importers, get_importer
from lontar.core.permissions import authorize


@login_required
def batch_list(request):
    importers = [i for i in all_importers() if authorize(request.user, i.view_action)]
    if not importers:
        raise PermissionDenied("core.view_import")
    kind = request.GET.get("jenis", "")
    if kind and kind not in {i.key for i in importers}:
        kind = ""
    page = Paginator(selectors.batches_for(request.user, kind), 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "core/imports/batch_list.html",
        {
            "page": page,
            "importers": importers,
            "runnable": [i for i in importers if authorize(request.user, i.action)],
            "labels": {i.key: i.label for i in importers},
            "kind": kind,
        },
    )


@login_required
def upload(request, kind: str):
    importer = get_importer(kind)
    organisations = selectors.importing_organisations(request.user, importer.action)
    if not organisations:
        raise PermissionDenied(importer.action)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        initial={"organisation": organisations[0]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.upload(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                kind=importer.key,
                uploaded_file=form.cleaned_data["file"],
                sheet_name=form.cleaned_data["sheet_name"].strip(),
                header_row=form.cleaned_data["header_row"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Berkas dibaca: %(count)s baris data.") % {"count": batch.total_rows})
            return redirect("core:import_batch", pk=batch.pk)
    return render(request, "core/imports/upload.html", {"form": form, "importer": importer})


def _table(batch, importer, rows):
    """The preview's columns (mapped fields, in the importer's order) and each row's cells."""
    mapped = [(f, batch.mapping[f.key]) for f in importer.fields if batch.mapping.get(f.key) is not None]
    lines = [
        {
            "row": row,
            "cells": [row.raw[index] if index < len(row.raw) else "" for _f, index in mapped],
        }
        for row in rows
    ]
    return [f for f, _i in mapped], lines


@login_required
def batch_detail(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    importer = get_importer(batch.kind)
    may_run = authorize(request.user, importer.action, batch)
    context = {
        "batch": batch,
        "importer": importer,
        "may_run": may_run,
        "notes": selectors.notes_of(batch, importer),
    }
    if batch.is_open or batch.is_confirming:
        columns, lines = _table(batch, importer, selectors.rows_of(batch))
        context = {
            **context,
            "columns": columns,
            "lines": lines,
            "errors": selectors.rows_of(batch, errors_only=True, limit=200),
            "missing": services.missing_required(importer, batch.mapping),
            "mapping_form": MappingForm(importer=importer, headers=batch.headers, mapping=batch.mapping),
            "confirm_form": ConfirmForm(),
            "same_file": selectors.earlier_imports_of_the_same_file(batch).first(),
        }
    else:
        page = Paginator(selectors.rows_of(batch, limit=None), 100).get_page(request.GET.get("halaman"))
        columns, lines = _table(batch, importer, page.object_list)
        context = {**context, "columns": columns, "lines": lines, "page": page}
    return render(request, "core/imports/batch_detail.html", context)


@login_required
@require_POST
def remap(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    importer = get_importer(batch.kind)
    form = MappingForm(request.POST, importer=importer, headers=batch.headers, mapping=batch.mapping)
    if form.is_valid():
        try:
            batch = services.remap(actor=request.user, batch=batch, mapping=form.mapping())
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            missing = services.missing_required(importer, batch.mapping)
            if missing:
                messages.warning(
                    request, _("Kolom wajib belum dipetakan: %(fields)s.") % {"fields": ", ".join(missing)}
                )
            else:
                messages.success(request, _("Pemetaan kolom disimpan dan pratinjau diperbarui."))
    else:
        messages.error(request, _("Pemetaan kolom tidak valid."))
    return redirect("core:import_batch", pk=batch.pk)


@login_required
@require_POST
def confirm(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    form = ConfirmForm(request.POST)
    valid_only = form.is_valid() and form.cleaned_data["valid_only"]
    try:
        batch = services.request_confirmation(actor=request.user, batch=batch, valid_only=valid_only)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.info(request, _("Impor dimulai. Halaman ini menampilkan hasilnya begitu selesai."))
    return redirect("core:import_batch", pk=batch.pk)


@login_required
@require_POST
def cancel(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    try:
        services.cancel(actor=request.user, batch=batch)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Impor dibatalkan; tidak ada data yang ditulis."))
    return redirect("core:import_batch", pk=batch.pk)
