"""Screens of the counter (loket): walk-in registration and its receipt, today's queue and its display
for the front desk, and the citizen's counter-visit booking. Thin: parse, call a service or a
selector, render."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from lontar.core.documents.rendering import qr_code
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.public_services import counter_receipt
from lontar.public_services.forms.counter import (
    BookingForm,
    CancelBookingForm,
    CheckInForm,
    WalkInForm,
    WalkInTicketForm,
)
from lontar.public_services.numbers import secret_matches
from lontar.public_services.permissions import MANAGE_VISITS, REGISTER_WALK_IN, VIEW_APPLICATION
from lontar.public_services.selectors import visits as selectors
from lontar.public_services.services import counter as counter_services
from lontar.public_services.services import visits as visit_services
from lontar.public_services.validators import display_phone

SECRETS_SESSION_KEY = "ps_counter_secrets"
VISITS_SESSION_KEY = "ps_booked_visits"
REMEMBERED = 20
# Service errors named after the application's fields, shown on the form's fields.
FIELD_OF = {"applicant_name": "name", "slot_start": "slot_start", "day": None}


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = FIELD_OF.get(name, name)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _need(user, action: str) -> None:
    if not organisation_ids_with(user, action):
        raise PermissionDenied(action)


def _remember(request, key: str, name: str, value: str) -> None:
    remembered = dict(request.session.get(key, {}))
    remembered.pop(name, None)
    remembered[name] = value
    request.session[key] = dict(list(remembered.items())[-REMEMBERED:])


def _secret_for(request, application) -> str:
    """The secret made in this officer's session for this application, while it is still valid."""
    secret = request.session.get(SECRETS_SESSION_KEY, {}).get(str(application.pk), "")
    return secret if secret and secret_matches(application, secret) else ""


# --- walk-in registration and receipt ---------------------------------------------------------------


@login_required
def walk_in(request):
    """Choose the service (and the office when there are several), then fill in the application."""
    _need(request.user, REGISTER_WALK_IN)
    visit_id = request.POST.get("kunjungan") or request.GET.get("kunjungan")
    visit = selectors.visit_for_staff_or_404(request.user, MANAGE_VISITS, visit_id) if visit_id else None
    service_id = request.POST.get("layanan") or request.GET.get("layanan") or (visit and visit.service_id)
    if not service_id:
        services = list(selectors.counter_services(request.user, REGISTER_WALK_IN))
        return render(
            request,
            "public_services/counter/walk_in_choose.html",
            {"services": services, "several_offices": len({s.organisation_id for s in services}) > 1},
        )
    service = selectors.counter_service_or_404(request.user, REGISTER_WALK_IN, service_id)
    standard = selectors.standard_for(service)
    if standard is None:
        messages.error(
            request,
            _("Layanan “%(layanan)s” belum memiliki standar pelayanan yang berlaku.") % {"layanan": service},
        )
        return redirect("public_services:walk_in")
    initial = {"name": visit.name, "phone": visit.phone} if visit else {}
    form = WalkInForm(request.POST or None, request.FILES or None, standard=standard, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = counter_services.register_walk_in(
                actor=request.user,
                service=service,
                applicant=form.applicant(),
                data=form.answers(),
                checked_requirements=form.checked_requirements(),
                scans=form.scans(),
                submit_key=form.cleaned_data["submit_key"],
                visit=visit,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            application = new.application
            if new.secret:
                _remember(request, SECRETS_SESSION_KEY, str(application.pk), new.secret)
                messages.success(
                    request,
                    _("Permohonan %(nomor)s terdaftar. Cetak tanda terima dan serahkan kepada pemohon.")
                    % {"nomor": application.number},
                )
            return redirect("public_services:counter_receipt", pk=application.pk)
    return render(
        request,
        "public_services/counter/walk_in_form.html",
        {
            "form": form,
            "service": service,
            "standard": standard,
            "visit": visit,
            "visit_label": selectors.ticket_label(visit) if visit else "",
        },
    )


@login_required
@require_GET
def receipt(request, pk: int):
    application = selectors.application_for_receipt_or_404(request.user, VIEW_APPLICATION, pk)
    context = counter_receipt.receipt_context(application, _secret_for(request, application))
    context["may_rotate"] = authorize(request.user, REGISTER_WALK_IN, application)
    return render(request, "public_services/counter/receipt.html", context)


@login_required
@require_GET
def receipt_pdf(request, pk: int):
    application = selectors.application_for_receipt_or_404(request.user, VIEW_APPLICATION, pk)
    pdf = counter_receipt.receipt_pdf(application, _secret_for(request, application))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"tanda-terima-{application.number}") or "tanda-terima"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def receipt_new_secret(request, pk: int):
    """A new tracking secret for an applicant who lost theirs (after checking their identity)."""
    application = selectors.application_for_receipt_or_404(request.user, VIEW_APPLICATION, pk)
    secret = counter_services.rotate_secret(actor=request.user, application=application)
    _remember(request, SECRETS_SESSION_KEY, str(application.pk), secret)
    messages.success(
        request, _("Kode rahasia baru dibuat; kode lama tidak berlaku lagi. Cetak tanda terima yang baru.")
    )
    return redirect("public_services:counter_receipt", pk=application.pk)


# --- today's queue ------------------------------------------------------------------------------------


def _queue_url(office) -> str:
    return f"{reverse('public_services:queue')}?kantor={office.pk}"


@login_required
@require_GET
def queue(request):
    _need(request.user, MANAGE_VISITS)
    office = selectors.office_or_404(request.user, MANAGE_VISITS, request.GET.get("kantor"))
    prefix = selectors.counter_settings(office).queue_prefix
    visits = list(selectors.todays_queue(office))
    for visit in visits:
        visit.label = selectors.ticket_label(visit, prefix)
    services = selectors.counter_services(request.user, MANAGE_VISITS).filter(organisation=office)
    return render(
        request,
        "public_services/counter/queue.html",
        {
            "office": office,
            "offices": selectors.offices_with(request.user, MANAGE_VISITS),
            "visits": visits,
            "mine": [
                v
                for v in visits
                if v.status == selectors.VisitStatus.CALLED and v.served_by_id == request.user.pk
            ],
            "waiting": sum(1 for v in visits if v.status in selectors.WAITING),
            "ticket_form": WalkInTicketForm(services=services),
            "check_in_form": CheckInForm(),
            "may_register": authorize(request.user, REGISTER_WALK_IN, organisation=office),
        },
    )


@login_required
@require_POST
def queue_ticket(request):
    _need(request.user, MANAGE_VISITS)
    form = WalkInTicketForm(request.POST, services=selectors.counter_services(request.user, MANAGE_VISITS))
    if not form.is_valid():
        if "service" in form.errors and request.POST.get("service"):
            selectors.counter_service_or_404(request.user, MANAGE_VISITS, request.POST["service"])
        messages.error(request, _("Pilih layanan untuk tiket antrean."))
        return redirect("public_services:queue")
    service = form.cleaned_data["service"]
    try:
        visit = visit_services.walk_in_ticket(
            actor=request.user, service=service, name=form.cleaned_data["name"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Nomor antrean %(nomor)s untuk %(layanan)s.")
            % {"nomor": selectors.ticket_label(visit), "layanan": service.name},
        )
        return redirect("public_services:queue_ticket_slip", pk=visit.pk)
    return redirect(_queue_url(service.organisation))


@login_required
@require_GET
def queue_ticket_slip(request, pk: int):
    """The walk-in's paper ticket, sized for a counter's 58/80 mm receipt printer: the number, the
    service, the time it was taken, and a QR to follow the queue from a phone."""
    visit = selectors.visit_for_staff_or_404(request.user, MANAGE_VISITS, pk)
    link = settings.SITE_URL.rstrip("/") + reverse("public_services:visit", kwargs={"code": visit.code})
    return render(
        request,
        "public_services/counter/ticket_slip.html",
        {
            "visit": visit,
            "office": visit.organisation,
            "label": selectors.ticket_label(visit),
            "day_text": selectors.day_text(visit.day),
            "waiting": selectors.waiting_count(visit.organisation),
            "qr_svg": qr_code(link).svg_data_uri(scale=3, border=1),
            "queue_url": _queue_url(visit.organisation),
        },
    )


@login_required
@require_POST
def queue_call_next(request):
    _need(request.user, MANAGE_VISITS)
    office = selectors.office_or_404(request.user, MANAGE_VISITS, request.POST.get("kantor"))
    visit = visit_services.call_next(actor=request.user, organisation=office)
    if visit is None:
        messages.info(request, _("Tidak ada antrean yang menunggu saat ini."))
    else:
        messages.success(
            request,
            _("Memanggil %(nomor)s — %(nama)s (%(layanan)s).")
            % {
                "nomor": selectors.ticket_label(visit),
                "nama": visit.name or _("pengunjung"),
                "layanan": visit.service.name,
            },
        )
    return redirect(_queue_url(office))


@login_required
@require_POST
def queue_check_in(request):
    _need(request.user, MANAGE_VISITS)
    form = CheckInForm(request.POST)
    visit = (
        selectors.visit_for_check_in(request.user, MANAGE_VISITS, form.cleaned_data["code"])
        if form.is_valid()
        else None
    )
    if visit is None:
        messages.error(request, _("Kode pemesanan tidak ditemukan di kantor Anda."))
        return redirect("public_services:queue")
    try:
        visit_services.check_in(actor=request.user, visit=visit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(nama)s hadir; nomor antrean %(nomor)s.")
            % {"nama": visit.name, "nomor": selectors.ticket_label(visit)},
        )
    return redirect(_queue_url(visit.organisation))


QUEUE_ACTIONS = {
    "hadir": (visit_services.check_in, gettext_lazy("Kehadiran %(nomor)s dicatat.")),
    "selesai": (visit_services.mark_served, gettext_lazy("%(nomor)s selesai dilayani.")),
    "tidak_hadir": (visit_services.mark_no_show, gettext_lazy("%(nomor)s dicatat tidak hadir.")),
}


@login_required
@require_POST
def queue_visit_action(request, pk: int):
    visit = selectors.visit_for_staff_or_404(request.user, MANAGE_VISITS, pk)
    action = request.POST.get("aksi", "")
    try:
        if action == "batal":
            visit_services.cancel_visit(visit=visit, actor=request.user)
            done = _("Antrean %(nomor)s dibatalkan.")
        elif action in QUEUE_ACTIONS:
            service_call, done = QUEUE_ACTIONS[action]
            service_call(actor=request.user, visit=visit)
        else:
            raise ValidationError(_("Langkah tidak dikenal."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(done) % {"nomor": selectors.ticket_label(visit)})
    return redirect(_queue_url(visit.organisation))


@login_required
@require_GET
def queue_display(request):
    """The waiting room's screen: the numbers being called, refreshed every 15 seconds."""
    _need(request.user, MANAGE_VISITS)
    office = selectors.office_or_404(request.user, MANAGE_VISITS, request.GET.get("kantor"))
    prefix = selectors.counter_settings(office).queue_prefix
    called = list(selectors.called_tickets(office))
    for visit in called:
        visit.label = selectors.ticket_label(visit, prefix)
    return render(
        request,
        "public_services/counter/display.html",
        {"office": office, "called": called, "waiting": selectors.waiting_count(office)},
    )


# --- the citizen's booking ----------------------------------------------------------------------------


def _parse_day(value: str):
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


def book(request, org_id: int, code: str):
    """Phone-first: pick a working day (with the places left), a session, and leave a name and phone."""
    service = selectors.bookable_service_or_404(org_id, code)
    days = selectors.days_with_room(service)
    asked = _parse_day(request.POST.get("day") or request.GET.get("tanggal", ""))
    refusal = selectors.day_refusal(service, asked) if asked else ""
    chosen = asked if asked and not refusal else next((d.day for d in days if not d.is_full), None)
    slots = selectors.slots_on(service, chosen) if chosen else []
    form = BookingForm(request.POST or None, slots=slots, initial={"day": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = visit_services.book_visit(
                service=service,
                day=data["day"],
                slot_start=data["slot_start"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
            )
        except ValidationError as exc:
            repeated = _repeated_booking(request, exc, service, data)
            if repeated:
                return redirect("public_services:visit", code=repeated)
            _add_errors(form, exc)
        else:
            _remember(request, VISITS_SESSION_KEY, visit.code, f"{service.pk}:{visit.day}:{visit.phone}")
            messages.success(
                request,
                _(
                    "Antrean Anda sudah dipesan. Nomor, kode, dan tautannya juga dikirim ke telepon Anda "
                    "(dan surel bila diisi). Simpan kode dan nomor antrean ini."
                ),
            )
            return redirect("public_services:visit", code=visit.code)
    return render(
        request,
        "public_services/counter/book.html",
        {
            "service": service,
            "office": service.organisation,
            "days": days,
            "chosen": chosen,
            "refusal": refusal if request.method == "GET" else "",
            "slots": slots,
            "form": form,
            "settings": selectors.counter_settings(service.organisation),
        },
    )


def _repeated_booking(request, exc: ValidationError, service, data) -> str:
    """The same form sent twice (a double tap on a slow link): the first booking, made in this very
    browser, is shown instead of the "already booked" refusal. Nothing is revealed to anyone else."""
    if getattr(exc, "error_dict", None) is None or "phone" not in exc.error_dict:
        return ""
    try:
        phone = visit_services.normalise_phone(data["phone"])
    except ValidationError:
        return ""
    wanted = f"{service.pk}:{data['day']}:{phone}"
    for code, booked in request.session.get(VISITS_SESSION_KEY, {}).items():
        if booked == wanted:
            return code
    return ""


def _masked(phone: str) -> str:
    phone = display_phone(phone).replace("-", "")
    return f"{phone[:4]}{'•' * max(0, len(phone) - 7)}{phone[-3:]}" if len(phone) > 7 else "•" * len(phone)


def visit_detail(request, code: str):
    """The citizen's booking: date, session, queue number, code, QR; cancellable until it starts."""
    visit = selectors.visit_by_code_or_404(code)
    form = CancelBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.cancel_visit(visit=visit, phone=form.cleaned_data["phone"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Pemesanan antrean dibatalkan."))
            return redirect("public_services:visit", code=visit.code)
    counter = selectors.counter_settings(visit.organisation)
    link = settings.SITE_URL.rstrip("/") + reverse("public_services:visit", kwargs={"code": visit.code})
    cancellable = visit.status == selectors.VisitStatus.BOOKED and not (
        visit.slot_start and selectors.slot_has_started(visit.organisation, visit.day, visit.slot_start)
    )
    return render(
        request,
        "public_services/counter/visit.html",
        {
            "visit": visit,
            "office": visit.organisation,
            "label": selectors.ticket_label(visit, counter.queue_prefix),
            "slot_end": selectors.slot_end(counter, visit.slot_start) if visit.slot_start else None,
            "day_text": selectors.day_text(visit.day),
            "qr_svg": qr_code(link).svg_data_uri(scale=4, border=2),
            "masked_phone": _masked(visit.phone),
            "cancellable": cancellable,
            "form": form,
        },
    )


# --- temporary stand-ins for the portal's own pages (see urls_counter.py) ------------------------------
