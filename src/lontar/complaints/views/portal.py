"""The citizens' complaint pages (/pengaduan/): file a complaint, see the number and secret once, track it,
reply, rate and re-open, and the public list of resolved complaints. Light pages without JavaScript.

Every action on one complaint goes through `access.py` (number and secret, rate-limited wrong guesses,
the browser's grant). An unknown number and a wrong secret get the same answer.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.complaints import access
from lontar.complaints.forms import portal as forms
from lontar.complaints.selectors import complaints as staff_selectors
from lontar.complaints.selectors import public as selectors
from lontar.complaints.selectors import tracking
from lontar.complaints.services import complaints as services
from lontar.complaints.views.office import form_error

LAPOR_URL = "https://www.lapor.go.id"


@require_GET
def home(request):
    return render(
        request,
        "complaints/portal/home.html",
        {"offices": selectors.offices_taking_complaints(), "lapor_url": LAPOR_URL},
    )


def _office_or_404(org_id: int):
    office = selectors.public_office(org_id)
    if office is None:
        raise Http404
    return office


def file_complaint(request, org_id: int):
    office = _office_or_404(org_id)
    categories = staff_selectors.active_categories(office)
    form = forms.FileForm(request.POST or None, request.FILES or None, categories=categories)
    refused = request.method == "POST" and access.filing_refused(request)
    if request.method == "POST" and not refused and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.file_complaint(
                organisation=office,
                channel="portal",
                kind=data["kind"],
                category=data["category"],
                title=data["title"],
                description=data["description"],
                location=data["location"],
                reporter={k: data[k] for k in ("name", "phone", "email", "nik")},
                is_anonymous=data["privacy"] == "anonim",
                is_confidential=data["privacy"] == "rahasia",
                attachments=[data["attachment"]] if data["attachment"] else [],
                submit_key=data["submit_key"] or None,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if new.created:
                access.note_filing(request)
                access.remember_receipt(request, new.complaint, new.secret)
            return redirect("complaints:receipt", number=new.complaint.number)
    status = 429 if refused else (400 if form.is_bound else 200)
    return render(
        request,
        "complaints/portal/file.html",
        {"form": form, "office": office, "refused": refused, "lapor_url": LAPOR_URL},
        status=status,
    )


@require_GET
def receipt(request, number: str):
    """The confirmation: number and secret, shown in the browser that filed the complaint only."""
    complaint = access.granted_complaint(request, number)
    secret = access.receipt_secret(request, complaint) if complaint is not None else ""
    if complaint is None or not secret:
        raise Http404
    link = request.build_absolute_uri(reverse("complaints:track_link", args=[complaint.number, secret]))
    return render(
        request,
        "complaints/portal/receipt.html",
        {"complaint": complaint, "secret": secret, "link": link, "lapor_url": LAPOR_URL},
    )


def track(request):
    form = forms.TrackForm(request.POST or None)
    refused = failed = False
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"]
        if access.tracking_refused(request, number):
            refused = True
        else:
            complaint = access.complaint_for(number, form.cleaned_data["secret"])
            if complaint is None:
                access.note_failed_attempt(request, number)
                failed = True
            else:
                access.grant_access(request, complaint)
                return redirect("complaints:track_detail", number=complaint.number)
    status = 429 if refused else (400 if failed or form.errors else 200)
    return render(
        request,
        "complaints/portal/track.html",
        {"form": form, "refused": refused, "failed": failed},
        status=status,
    )


def _track_page(request, complaint, *, secret: str = "", bound: dict | None = None, status: int = 200):
    bound = bound or {}
    page = {
        **tracking.tracking_page(complaint),
        "secret": secret,
        "reply_form": bound.get("reply") or forms.ReplyForm(),
        "rate_form": bound.get("rate") or forms.RateForm(),
        "reopen_form": bound.get("reopen") or forms.ReopenForm(),
        "lapor_url": LAPOR_URL,
    }
    return render(request, "complaints/portal/track_detail.html", page, status=status)


@require_GET
def track_detail(request, number: str):
    complaint = access.granted_complaint(request, number)
    if complaint is None:
        return redirect("complaints:track")
    return _track_page(request, complaint)


@require_GET
def track_link(request, number: str, secret: str):
    """The link given on the confirmation: number and secret in the address; reading writes no session."""
    if access.tracking_refused(request, number):
        return render(
            request, "complaints/portal/track.html", {"form": forms.TrackForm(), "refused": True}, status=429
        )
    complaint = access.complaint_for(number, secret)
    if complaint is None:
        access.note_failed_attempt(request, number)
        raise Http404
    return _track_page(request, complaint, secret=secret)


def _reporter_action(request, number: str, name: str, form, perform, success: str):
    complaint = access.reachable_complaint(request, number, request.POST.get("secret", ""))
    if complaint is None:
        messages.error(request, _("Nomor atau kode rahasia tidak cocok."))
        return redirect("complaints:track")
    if form.is_valid():
        try:
            perform(complaint, form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("complaints:track_detail", number=complaint.number)
    return _track_page(request, complaint, bound={name: form}, status=400)


@require_POST
def reply(request, number: str):
    return _reporter_action(
        request,
        number,
        "reply",
        forms.ReplyForm(request.POST, request.FILES),
        lambda c, d: services.reporter_reply(complaint=c, body=d["body"], attachment=d["attachment"] or None),
        _("Balasan Anda terkirim."),
    )


@require_POST
def rate(request, number: str):
    return _reporter_action(
        request,
        number,
        "rate",
        forms.RateForm(request.POST),
        lambda c, d: services.rate(complaint=c, rating=d["rating"], comment=d["comment"]),
        _("Terima kasih atas penilaian Anda."),
    )


@require_POST
def reopen(request, number: str):
    return _reporter_action(
        request,
        number,
        "reopen",
        forms.ReopenForm(request.POST),
        lambda c, d: services.reopen(complaint=c, reason=d["reason"]),
        _("Pengaduan dibuka kembali dan diteruskan kepada petugas."),
    )


@require_POST
def forget(request):
    access.forget_all(request)
    return redirect("complaints:track")


@require_GET
def public_list(request):
    """Resolved complaints the office published: category, summary, response, dates, days taken."""
    try:
        page = min(max(int(request.GET.get("halaman", "1")), 1), 500)
    except ValueError:
        page = 1
    try:
        office_id = int(request.GET.get("kantor", "")) if request.GET.get("kantor") else None
    except ValueError:
        office_id = None
    size = 20
    rows = selectors.published_complaints(organisation_id=office_id, limit=size + 1, offset=(page - 1) * size)
    return render(
        request,
        "complaints/portal/public_list.html",
        {
            "rows": rows[:size],
            "has_next": len(rows) > size,
            "page": page,
            "office_id": office_id,
            "offices": selectors.offices_taking_complaints(),
            "lapor_url": LAPOR_URL,
        },
    )
