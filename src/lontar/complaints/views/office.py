"""The office's complaint screens (/pengaduan/kelola/): inbox, one complaint with its actions, registering
a complaint from the counter or a phone call, the Excel export, and the categories. Thin: parse with a
form, call a service or a selector, render. Each action posts to its own URL; a refused input re-renders
the page with the form as typed and the reason in Bahasa Indonesia."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.complaints.forms import office as forms
from lontar.complaints.permissions import (
    EXPORT_COMPLAINTS,
    MANAGE_CATEGORIES,
    REGISTER_COMPLAINT,
    VIEW_COMPLAINT,
)
from lontar.complaints.selectors import complaints as selectors
from lontar.complaints.services import categories as category_services
from lontar.complaints.services import complaints as services
from lontar.complaints.services.export import export_complaints
from lontar.core.permissions import organisation_ids_with


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- inbox and export -------------------------------------------------------------------------------


def _filters(request):
    choices = selectors.filter_choices(request.user)
    form = forms.InboxFilterForm(request.GET or None, **choices)
    filters = selectors.InboxFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.InboxFilters(
            status=data["status"],
            category=data["kategori"],
            unit=data["unit"],
            kind=data["jenis"],
            overdue=data["terlambat"],
            mine=data["saya"],
            escalated=data["eskalasi"],
            query=data["cari"],
        )
    return form, filters


@login_required
@require_GET
def inbox(request):
    if not organisation_ids_with(request.user, VIEW_COMPLAINT):
        raise PermissionDenied(VIEW_COMPLAINT)
    form, filters = _filters(request)
    page = selectors.inbox(request.user, filters, after=request.GET.get("setelah", ""))
    query = request.GET.copy()
    query.pop("setelah", None)
    first_query = query.urlencode()
    if page.next_cursor:
        query["setelah"] = page.next_cursor
    return render(
        request,
        "complaints/office/inbox.html",
        {
            "form": form,
            "page": page,
            "first_query": first_query,
            "next_query": query.urlencode() if page.has_more else "",
            "paged": bool(request.GET.get("setelah")),
            "may_export": bool(organisation_ids_with(request.user, EXPORT_COMPLAINTS)),
            "may_register": bool(organisation_ids_with(request.user, REGISTER_COMPLAINT)),
        },
    )


@login_required
@require_GET
def export(request):
    if not organisation_ids_with(request.user, EXPORT_COMPLAINTS):
        raise PermissionDenied(EXPORT_COMPLAINTS)
    _form, filters = _filters(request)
    content, _rows = export_complaints(actor=request.user, filters=filters)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="pengaduan-{stamp}.xlsx"'
    return response


# --- one complaint --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    prefix: str
    form: Callable
    perform: Callable
    success: str


def _units(complaint):
    return selectors.unit_choices(complaint)


ACTIONS: dict[str, Action] = {
    "verify": Action(
        "verifikasi",
        lambda data, c: forms.NoteForm(data, prefix="verifikasi"),
        lambda c, user, d: services.verify(complaint=c, actor=user, note=d["note"]),
        _("Pengaduan diverifikasi."),
    ),
    "forward": Action(
        "teruskan",
        lambda data, c: forms.ForwardForm(
            data, prefix="teruskan", units=_units(c), initial={"unit": c.unit_id}
        ),
        lambda c, user, d: services.forward(complaint=c, actor=user, unit=d["unit"], note=d["note"]),
        _("Pengaduan diteruskan ke unit; tenggat tindak lanjut 5 hari kerja."),
    ),
    "reroute": Action(
        "alihkan",
        lambda data, c: forms.ForwardForm(
            data, prefix="alihkan", units=_units(c), initial={"unit": c.unit_id}
        ),
        lambda c, user, d: services.reroute(complaint=c, actor=user, unit=d["unit"], note=d["note"]),
        _("Unit tujuan diubah."),
    ),
    "assign": Action(
        "tugaskan",
        lambda data, c: forms.AssignForm(
            data, prefix="tugaskan", users=selectors.handler_choices(c), initial={"handler": c.handler_id}
        ),
        lambda c, user, d: services.assign_handler(complaint=c, actor=user, handler=d["handler"]),
        _("Petugas penanganan ditetapkan."),
    ),
    "start_follow_up": Action(
        "tindaklanjut",
        lambda data, c: forms.NoteForm(data, prefix="tindaklanjut"),
        lambda c, user, d: services.start_follow_up(complaint=c, actor=user, note=d["note"]),
        _("Tindak lanjut dimulai."),
    ),
    "respond": Action(
        "tanggapan",
        lambda data, c: forms.MessageForm(data, prefix="tanggapan"),
        lambda c, user, d: services.respond(complaint=c, actor=user, body=d["body"]),
        _("Tanggapan dikirim kepada pelapor."),
    ),
    "note": Action(
        "catatan",
        lambda data, c: forms.MessageForm(data, prefix="catatan"),
        lambda c, user, d: services.add_note(complaint=c, actor=user, body=d["body"]),
        _("Catatan internal disimpan."),
    ),
    "resolve": Action(
        "selesai",
        lambda data, c: forms.ResolveForm(data, prefix="selesai"),
        lambda c, user, d: services.resolve(
            complaint=c,
            actor=user,
            response=d["response"],
            public_summary=d["public_summary"],
            publish=d["publish"],
        ),
        _("Pengaduan dinyatakan selesai; pelapor dapat menilai atau membuka kembali dalam 10 hari kerja."),
    ),
    "publication": Action(
        "publikasi",
        lambda data, c: forms.PublicationForm(
            data, prefix="publikasi", initial={"public_summary": c.public_summary, "publish": c.publish}
        ),
        lambda c, user, d: services.set_publication(
            complaint=c, actor=user, public_summary=d["public_summary"], publish=d["publish"]
        ),
        _("Pengaturan daftar publik disimpan."),
    ),
    "close": Action(
        "tutup",
        lambda data, c: forms.NoteForm(data, prefix="tutup"),
        lambda c, user, d: services.close(complaint=c, actor=user, note=d["note"]),
        _("Pengaduan ditutup."),
    ),
    "reject": Action(
        "tolak",
        lambda data, c: forms.ReasonForm(data, prefix="tolak"),
        lambda c, user, d: services.reject(complaint=c, actor=user, reason=d["reason"]),
        _("Pengaduan ditolak; pelapor dapat membaca alasannya."),
    ),
    "escalate": Action(
        "eskalasi",
        lambda data, c: forms.ReasonForm(data, prefix="eskalasi"),
        lambda c, user, d: services.escalate(complaint=c, actor=user, reason=d["reason"]),
        _("Pengaduan dieskalasi kepada pimpinan."),
    ),
    "decide": Action(
        "arahan",
        lambda data, c: forms.DecisionForm(data, prefix="arahan"),
        lambda c, user, d: services.decide_escalation(complaint=c, actor=user, decision=d["decision"]),
        _("Arahan pimpinan disimpan."),
    ),
}


def _detail(request, complaint, *, bound: dict | None = None, status: int = 200):
    page = selectors.detail_page(complaint, request.user)
    page["forms"] = {
        name: (bound or {}).get(name) or action.form(None, complaint)
        for name, action in ACTIONS.items()
        if page["actions"].get(name)
    }
    return render(request, "complaints/office/detail.html", page, status=status)


@login_required
@require_GET
def detail(request, pk: int):
    return _detail(request, selectors.complaint_for(request.user, pk))


def _act(request, pk: int, name: str):
    """Run one action: 404 outside the user's complaints, 403 when the service refuses the user, the
    page again with the reason when the input is wrong; nothing is changed in either case."""
    action = ACTIONS[name]
    complaint = selectors.complaint_for(request.user, pk)
    form = action.form(request.POST, complaint)
    if form.is_valid():
        try:
            action.perform(complaint, request.user, form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, action.success)
            return redirect("complaints:office_detail", pk=complaint.pk)
    messages.error(request, _("Tindakan belum dilakukan. Periksa isian yang ditandai."))
    complaint.refresh_from_db()
    return _detail(request, complaint, bound={name: form}, status=400)


def _action_view(name: str):
    @login_required
    @require_POST
    def view(request, pk: int):
        return _act(request, pk, name)

    view.__name__ = f"{name}_view"
    return view


verify = _action_view("verify")
forward = _action_view("forward")
reroute = _action_view("reroute")
assign = _action_view("assign")
start_follow_up = _action_view("start_follow_up")
respond = _action_view("respond")
note = _action_view("note")
resolve = _action_view("resolve")
publication = _action_view("publication")
close = _action_view("close")
reject = _action_view("reject")
escalate = _action_view("escalate")
decide = _action_view("decide")


# --- registering at the counter or by phone ----------------------------------------------------------


def _pick_office(request, offices: list):
    """The office a screen works for: the one chosen with `kantor` (a city administrator may serve
    several), else the user's first. A `kantor` outside the user's offices is not found."""
    wanted = request.POST.get("kantor") or request.GET.get("kantor")
    if not wanted:
        return offices[0]
    for office in offices:
        if str(office.pk) == wanted:
            return office
    raise Http404


@login_required
def register(request):
    offices = list(selectors.offices_for_registration(request.user, REGISTER_COMPLAINT))
    if not offices:
        raise PermissionDenied(REGISTER_COMPLAINT)
    office = _pick_office(request, offices)
    categories = selectors.active_categories(office)
    form = forms.RegisterForm(request.POST or None, request.FILES or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.file_complaint(
                organisation=office,
                channel=data["channel"],
                kind=data["kind"],
                category=data["category"],
                title=data["title"],
                description=data["description"],
                location=data["location"],
                reporter={k: data[k] for k in ("name", "phone", "email", "nik")},
                is_anonymous=data["privacy"] == "anonim",
                is_confidential=data["privacy"] == "rahasia",
                attachments=[data["attachment"]] if data["attachment"] else [],
                actor=request.user,
                submit_key=data["submit_key"] or None,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return render(
                request,
                "complaints/office/registered.html",
                {"complaint": new.complaint, "secret": new.secret, "created": new.created},
            )
    status = 400 if form.is_bound else 200
    return render(
        request,
        "complaints/office/register.html",
        {"form": form, "office": office, "offices": offices},
        status=status,
    )


# --- categories -----------------------------------------------------------------------------------


def _category_offices(request) -> tuple:
    offices = list(selectors.category_offices(request.user))
    if not offices:
        raise PermissionDenied(MANAGE_CATEGORIES)
    return _pick_office(request, offices), offices


@login_required
@require_GET
def category_list(request):
    office, offices = _category_offices(request)
    return render(
        request,
        "complaints/office/categories.html",
        {
            "categories": selectors.manageable_categories(request.user).select_related(
                "unit", "organisation"
            ),
            "office": office,
            "offices": offices,
        },
    )


@login_required
def category_create(request):
    office, offices = _category_offices(request)
    form = forms.CategoryForm(request.POST or None, units=selectors.units_of(office))
    if request.method == "POST" and form.is_valid():
        try:
            category_services.create_category(actor=request.user, organisation=office, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Kategori disimpan."))
            return redirect("complaints:category_list")
    return render(
        request,
        "complaints/office/category_form.html",
        {"form": form, "office": office, "offices": offices},
        status=400 if form.is_bound else 200,
    )


@login_required
def category_edit(request, pk: int):
    category = selectors.category_for(request.user, pk)
    form = forms.CategoryForm(
        request.POST or None, category=category, units=selectors.units_of(category.organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            category_services.update_category(actor=request.user, category=category, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Kategori disimpan."))
            return redirect("complaints:category_list")
    return render(
        request,
        "complaints/office/category_form.html",
        {"form": form, "office": category.organisation, "category": category},
        status=400 if form.is_bound else 200,
    )
