"""Bookings screens (/peminjaman/): the shared calendar (week and month, one resource or all), requesting,
one booking with its actions, the approver's list, resources and iCal feed links. Thin: parse with a
form, call a service or a selector, render; refused input re-renders with the reason in Indonesian."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.assets.bookings import forms as booking_forms
from lontar.assets.bookings import ical, selectors, services, timing
from lontar.assets.bookings.permissions import (
    APPROVE_BOOKING,
    CANCEL_BOOKING,
    MANAGE_FEEDS,
    MANAGE_RESOURCES,
    RECORD_RETURN,
    REQUEST_BOOKING,
    VIEW_BOOKINGS,
)
from lontar.assets.bookings.services.resources import feed_for_token
from lontar.core.permissions import authorize, get_visible_or_404, organisation_ids_with


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _office(request, action: str = VIEW_BOOKINGS):
    """The office picked with ?kantor= among the user's offices for `action` (the first by default)."""
    offices = list(
        selectors.offices_for_calendar(request.user).filter(
            pk__in=organisation_ids_with(request.user, action)
        )
    )
    if not offices:
        raise PermissionDenied(action)
    wanted = request.GET.get("kantor") or request.POST.get("kantor")
    office = next((o for o in offices if str(o.pk) == wanted), None)
    return office or offices[0], offices


def _parse_day(value: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


# --- calendar ----------------------------------------------------------------------------------


@login_required
@require_GET
def calendar(request):
    office, offices = _office(request)
    today = timing.local(dt.datetime.now(dt.UTC), office).date()
    day = _parse_day(request.GET.get("tanggal", ""), today)
    mode = "bulan" if request.GET.get("tampilan") == "bulan" else "minggu"
    resources = list(selectors.resources_of(request.user, office).filter(is_active=True))
    resource = next((r for r in resources if str(r.pk) == request.GET.get("sumber")), None)
    if mode == "bulan":
        first_of_month = day.replace(day=1)
        first = first_of_month - dt.timedelta(days=first_of_month.weekday())
        next_month = (first_of_month + dt.timedelta(days=32)).replace(day=1)
        last_of_month = next_month - dt.timedelta(days=1)
        last = last_of_month + dt.timedelta(days=6 - last_of_month.weekday())
        previous, following = (first_of_month - dt.timedelta(days=1)).replace(day=1), next_month
        days = selectors.calendar_days(request.user, office, first, last, resource=resource, month=day.month)
        weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    else:
        first = day - dt.timedelta(days=day.weekday())
        last = first + dt.timedelta(days=6)
        previous, following = first - dt.timedelta(days=7), first + dt.timedelta(days=7)
        days = selectors.calendar_days(request.user, office, first, last, resource=resource)
        weeks = [days]
    return render(
        request,
        "bookings/calendar.html",
        {
            "office": office,
            "offices": offices,
            "mode": mode,
            "day": day,
            "first": first,
            "last": last,
            "weeks": weeks,
            "previous": previous,
            "following": following,
            "today": today,
            "resources": resources,
            "resource": resource,
            "zone": timing.zone_label(office),
            "may_request": office.pk in organisation_ids_with(request.user, REQUEST_BOOKING),
            "pending_count": selectors.pending_for(request.user).filter(organisation=office).count(),
        },
    )


# --- requesting -----------------------------------------------------------------------------------


@login_required
def booking_new(request):
    office, offices = _office(request, REQUEST_BOOKING)
    resources = selectors.bookable_resources(request.user, office)
    initial = {}
    if request.method == "GET":
        initial = {
            "resource": request.GET.get("sumber") or None,
            "day": _parse_day(
                request.GET.get("tanggal", ""), timing.local(dt.datetime.now(dt.UTC), office).date()
            ),
            "start": "09:00",
            "end": "11:00",
        }
    form = booking_forms.BookingForm(
        request.POST if request.method == "POST" else None,
        resources=resources,
        staff=selectors.staff_of_office(office),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.span()
        try:
            booking = services.request_booking(
                actor=request.user,
                resource=form.cleaned_data["resource"],
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=form.cleaned_data["purpose"],
                attendees_count=form.cleaned_data["attendees_count"],
                destination=form.cleaned_data["destination"],
                driver=form.cleaned_data["driver"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if booking.status == "disetujui":
                messages.success(
                    request, _("Peminjaman %(ref)s disetujui otomatis.") % {"ref": booking.reference}
                )
            else:
                messages.success(
                    request,
                    _("Permohonan %(ref)s terkirim; menunggu persetujuan pengelola.")
                    % {"ref": booking.reference},
                )
            return redirect("bookings:booking_detail", pk=booking.pk)
    return render(
        request,
        "bookings/booking_form.html",
        {
            "form": form,
            "office": office,
            "offices": offices,
            "resources": resources,
            "zone": timing.zone_label(office),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- one booking ------------------------------------------------------------------------------------


def _detail(request, booking, *, bound: dict | None = None, status: int = 200):
    user = request.user
    bound = bound or {}
    may_decide = booking.status == "diajukan" and authorize(user, APPROVE_BOOKING, booking)
    context = {
        "booking": booking,
        "span": timing.format_span(booking.starts_at, booking.ends_at, booking.organisation),
        "history": selectors.history_of(booking),
        "may_decide": may_decide,
        "may_cancel": booking.is_active and authorize(user, CANCEL_BOOKING, booking),
        "may_return": booking.status == "disetujui"
        and booking.resource.is_vehicle
        and authorize(user, RECORD_RETURN, booking),
        "approve_form": bound.get("approve") or booking_forms.NoteForm(prefix="approve"),
        "reject_form": bound.get("reject") or booking_forms.ReasonForm(prefix="reject"),
        "cancel_form": bound.get("cancel") or booking_forms.CancelForm(prefix="cancel"),
        "return_form": bound.get("return") or booking_forms.ReturnForm(prefix="return"),
        "is_requester": booking.requested_by_id == user.pk,
    }
    return render(request, "bookings/booking_detail.html", context, status=status)


@login_required
@require_GET
def booking_detail(request, pk: int):
    return _detail(request, selectors.booking_for(request.user, pk))


def _act(request, pk: int, name: str, form_class, perform):
    booking = selectors.booking_for(request.user, pk)
    form = form_class(request.POST, prefix=name)
    if form.is_valid():
        try:
            perform(request.user, booking, form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect("bookings:booking_detail", pk=booking.pk)
    return _detail(request, booking, bound={name: form}, status=400)


@login_required
@require_POST
def booking_approve(request, pk: int):
    def perform(user, booking, data):
        services.approve_booking(actor=user, booking=booking, note=data["note"])
        messages.success(request, _("Peminjaman disetujui; pemohon diberi tahu."))

    return _act(request, pk, "approve", booking_forms.NoteForm, perform)


@login_required
@require_POST
def booking_reject(request, pk: int):
    def perform(user, booking, data):
        services.reject_booking(actor=user, booking=booking, reason=data["reason"])
        messages.success(request, _("Peminjaman ditolak; pemohon diberi tahu."))

    return _act(request, pk, "reject", booking_forms.ReasonForm, perform)


@login_required
@require_POST
def booking_cancel(request, pk: int):
    def perform(user, booking, data):
        services.cancel_booking(actor=user, booking=booking, reason=data["reason"])
        messages.success(request, _("Peminjaman dibatalkan."))

    return _act(request, pk, "cancel", booking_forms.CancelForm, perform)


@login_required
@require_POST
def booking_return(request, pk: int):
    def perform(user, booking, data):
        services.record_return(
            actor=user,
            booking=booking,
            returned_at=data["returned_at"],
            odometer_start=data["odometer_start"],
            odometer_end=data["odometer_end"],
            note=data["note"],
        )
        messages.success(request, _("Pengembalian kendaraan dicatat."))

    return _act(request, pk, "return", booking_forms.ReturnForm, perform)


@login_required
@require_GET
def booking_ics(request, pk: int):
    booking = selectors.booking_for(request.user, pk)
    content = ical.calendar_bytes(
        [booking], name=str(booking.resource), base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peminjaman-{booking.pk}.ics"'
    return response


# --- lists ---------------------------------------------------------------------------------------


@login_required
@require_GET
def approvals(request):
    if not organisation_ids_with(request.user, VIEW_BOOKINGS):
        raise PermissionDenied(VIEW_BOOKINGS)
    pending = list(selectors.pending_for(request.user)[:200])
    trips = list(selectors.open_trips_for(request.user)[:200])
    for booking in [*pending, *trips]:
        booking.span = timing.format_span(booking.starts_at, booking.ends_at, booking.organisation)
    return render(request, "bookings/approvals.html", {"pending": pending, "trips": trips})


@login_required
@require_GET
def mine(request):
    if not organisation_ids_with(request.user, VIEW_BOOKINGS):
        raise PermissionDenied(VIEW_BOOKINGS)
    bookings = list(selectors.user_bookings(request.user)[:200])
    for booking in bookings:
        booking.span = timing.format_span(booking.starts_at, booking.ends_at, booking.organisation)
    return render(request, "bookings/mine.html", {"bookings": bookings})


# --- resources -----------------------------------------------------------------------------------


@login_required
@require_GET
def resource_list(request):
    office, offices = _office(request, MANAGE_RESOURCES)
    return render(
        request,
        "bookings/resources.html",
        {
            "office": office,
            "offices": offices,
            "resources": selectors.resources_of(request.user, office),
            "may_manage_feeds": office.pk in organisation_ids_with(request.user, MANAGE_FEEDS),
        },
    )


def _resource_form(request, office, instance=None):
    return booking_forms.ResourceForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        units=selectors.units_of_office(office),
        staff=selectors.staff_of_office(office),
    )


@login_required
def resource_create(request):
    office, offices = _office(request, MANAGE_RESOURCES)
    form = _resource_form(request, office)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.create_resource(
                actor=request.user, organisation=office, data=form.cleaned_data
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("%(name)s ditambahkan.") % {"name": resource})
            return redirect(f"{reverse('bookings:resource_list')}?kantor={office.pk}")
    return render(
        request,
        "bookings/resource_form.html",
        {"form": form, "office": office, "offices": offices},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def resource_edit(request, pk: int):
    resource = get_visible_or_404(request.user, selectors.resources_of(request.user), MANAGE_RESOURCES, pk=pk)
    form = _resource_form(request, resource.organisation, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_resource(actor=request.user, resource=resource, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect(f"{reverse('bookings:resource_list')}?kantor={resource.organisation_id}")
    return render(
        request,
        "bookings/resource_form.html",
        {"form": form, "resource": resource, "office": resource.organisation},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- iCal feeds ----------------------------------------------------------------------------------


@login_required
def feeds(request):
    office, offices = _office(request, MANAGE_FEEDS)
    resources = selectors.resources_of(request.user, office)
    form = booking_forms.FeedForm(request.POST if request.method == "POST" else None, resources=resources)
    new_url = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _feed, token = services.create_feed(
                actor=request.user,
                organisation=office,
                resource=form.cleaned_data["resource"],
                label=form.cleaned_data["label"],
            )
            new_url = request.build_absolute_uri(_feed_url(token))
            form = booking_forms.FeedForm(resources=resources)
        else:
            status = 400
    return render(
        request,
        "bookings/feeds.html",
        {
            "office": office,
            "offices": offices,
            "feeds": selectors.feeds_of(request.user, office),
            "form": form,
            "new_url": new_url,
        },
        status=status,
    )


def _feed_url(token: str) -> str:
    return reverse("bookings:feed", args=[token])


@login_required
@require_POST
def feed_revoke(request, pk: int):
    feed = selectors.feed_for(request.user, pk)
    services.revoke_feed(actor=request.user, feed=feed)
    messages.success(
        request,
        _("Tautan “%(label)s” dicabut; aplikasi kalender yang memakainya tidak lagi diperbarui.")
        % {"label": feed.label},
    )
    return redirect(f"{reverse('bookings:feeds')}?kantor={feed.organisation_id}")


@require_GET
def feed(request, token: str):
    """The public iCal feed: the token in the address is the only key; revoked or unknown gives 404."""
    found = feed_for_token(token)
    if found is None:
        raise Http404
    name = f"{found.resource or _('Peminjaman')} - {found.organisation.short_name or found.organisation.name}"
    content = ical.calendar_bytes(
        selectors.feed_bookings(found), name=name, base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
