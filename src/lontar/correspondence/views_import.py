"""The buku agenda imports open the platform's import screens for this module's importers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from lontar.core.permissions import authorize
from lontar.correspondence.importers import (
    IMPORT_INCOMING,
    IMPORT_OUTGOING,
    INCOMING_REGISTER_KIND,
    OUTGOING_REGISTER_KIND,
)


@login_required
def incoming_register_import(request):
    if not authorize(request.user, IMPORT_INCOMING):
        raise PermissionDenied(IMPORT_INCOMING)
    return redirect("core:import_upload", kind=INCOMING_REGISTER_KIND)


@login_required
def outgoing_register_import(request):
    if not authorize(request.user, IMPORT_OUTGOING):
        raise PermissionDenied(IMPORT_OUTGOING)
    return redirect("core:import_upload", kind=OUTGOING_REGISTER_KIND)
