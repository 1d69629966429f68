"""Meetings screens (/rapat/): office list, my meetings, scheduling and editing, one meeting with its
invitation, QR check-in screen, attendance, minutes and action items, files; the public check-in pages
(QR guest form, personal online link). Thin: parse with a form, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lontar.assets.bookings import timing
from lontar.core.documents.rendering import qr_data_uri
from lontar.core.middleware import client_ip
from lontar.core.permissions import authorize
from lontar.core.public_ids import count_in_window
from lontar.core.workdays.calendar import organisation_today
from lontar.meetings import forms as meeting_forms
from lontar.meetings import ical, selectors, services
from lontar.meetings.permissions import (
    FINALISE_MINUTES,
    MANAGE_MEETING,
    REOPEN_ACTION,
    SCHEDULE_MEETING,
    WRITE_MINUTES,
)
from lontar.meetings.services import attendance as attendance_services

GUEST_CHECKINS_PER_ADDRESS = 20
GUEST_WINDOW_SECONDS = 600


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _office(request, action=SCHEDULE_MEETING):
    offices = list(selectors.offices_for(request.user, action))
    if not offices:
        raise PermissionDenied(action)
    wanted = request.GET.get("kantor") or request.POST.get("kantor")
    return next((o for o in offices if str(o.pk) == wanted), offices[0]), offices


@login_required
@require_GET
def meeting_list(request):
    office, offices = _office(request, "meetings.view_meeting")
    today = organisation_today(office)
    past = request.GET.get("lalu") == "on"
    start = timing.day_start(today, office)
    qs = selectors.office_meetings(request.user, office)
    qs = (
        qs.filter(starts_at__lt=start).order_by("-starts_at")
        if past
        else qs.filter(ends_at__gte=start).order_by("starts_at")
    )
    return render(
        request,
        "meetings/list.html",
        {
            "office": office,
            "offices": offices,
            "meetings": list(qs[:200]),
            "past": past,
            "title": _("Rapat kantor"),
            "may_schedule": authorize(request.user, SCHEDULE_MEETING, organisation=office),
        },
    )


@login_required
@require_GET
def mine(request):
    return render(
        request,
        "meetings/list.html",
        {"meetings": list(selectors.my_meetings(request.user)[:200]), "title": _("Rapat saya"), "mine": True},
    )


def _meeting_form(request, office, *, initial=None, data=None):
    return meeting_forms.MeetingForm(
        data,
        initial=initial,
        rooms=selectors.rooms_for(request.user, office),
        users=selectors.staff_users(office),
        units=selectors.units_of(office),
    )


@login_required
def meeting_create(request):
    office, offices = _office(request)
    form = _meeting_form(
        request,
        office,
        data=request.POST if request.method == "POST" else None,
        initial={"day": organisation_today(office), "start": "09:00", "end": "11:00", "chair": None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(
                actor=request.user, organisation=office, **form.service_kwargs()
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Rapat dijadwalkan."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "office": office, "offices": offices, "zone": timing.zone_label(office)},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    if not authorize(request.user, MANAGE_MEETING, meeting):
        raise PermissionDenied(MANAGE_MEETING)
    office = meeting.organisation
    start = timing.local(meeting.starts_at, office)
    initial = {
        "title": meeting.title,
        "agenda": meeting.agenda,
        "kind": meeting.kind,
        "day": start.date(),
        "start": start.time(),
        "end": timing.local(meeting.ends_at, office).time(),
        "room": meeting.room_id,
        "place": meeting.place,
        "chair": meeting.chair_id,
        "note_taker": meeting.note_taker_id,
        "invited_users": [i.user_id for i in meeting.invitees.filter(kind="pegawai")],
        "guests": meeting_forms.guests_text(meeting),
    }
    form = _meeting_form(
        request, office, data=request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(actor=request.user, meeting=meeting, **form.service_kwargs())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Perubahan rapat disimpan."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "office": office, "meeting": meeting, "zone": timing.zone_label(office)},
        status=400 if form.is_bound and form.errors else 200,
    )


def _detail(request, meeting, *, bound=None, status=200):
    user = request.user
    bound = bound or {}
    minutes = selectors.minutes_of(meeting)
    users = selectors.staff_users(meeting.organisation)
    may_write = (
        not meeting.is_cancelled
        and not (minutes and minutes.is_final)
        and authorize(user, WRITE_MINUTES, meeting)
    )
    today = organisation_today(meeting.organisation)
    items = selectors.action_items_of(meeting)
    for item in items:
        item.overdue = selectors.is_overdue(item, today)
        item.may_complete = item.is_open and item.owner_id == user.pk
        item.may_reopen = not item.is_open and authorize(user, REOPEN_ACTION, item)
    mine = next((i for i in selectors.invitees_of(meeting) if i.user_id == user.pk), None)
    context = {
        "meeting": meeting,
        "my_link": attendance_services.personal_link(meeting, mine)
        if mine and not meeting.is_cancelled
        else "",
        "span": timing.format_span(meeting.starts_at, meeting.ends_at, meeting.organisation),
        "invitees": selectors.invitees_of(meeting),
        "attendances": selectors.attendance_of(meeting),
        "minutes": minutes,
        "items": items,
        "files": selectors.files_of(meeting),
        "may_manage": not meeting.is_cancelled and authorize(user, MANAGE_MEETING, meeting),
        "may_write": may_write,
        "may_finalise": minutes is not None
        and not minutes.is_final
        and authorize(user, FINALISE_MINUTES, meeting),
        "may_upload": authorize(user, MANAGE_MEETING, meeting)
        or user.pk in (meeting.chair_id, meeting.note_taker_id),
        "minutes_form": bound.get("minutes")
        or meeting_forms.MinutesForm(
            prefix="minutes",
            initial={
                "summary": minutes.summary,
                "discussion": minutes.discussion,
                "decisions": minutes.decisions,
            }
            if minutes
            else None,
        ),
        "item_form": bound.get("item") or meeting_forms.ActionItemForm(prefix="item", users=users),
        "cancel_form": bound.get("cancel") or meeting_forms.ReasonForm(prefix="cancel"),
        "upload_form": bound.get("upload") or meeting_forms.UploadForm(prefix="upload"),
        "done_form": meeting_forms.NoteForm(prefix="done"),
        "reopen_form": meeting_forms.ReasonForm(prefix="reopen"),
        "errors": bound.get("errors"),
    }
    return render(request, "meetings/detail.html", context, status=status)


@login_required
@require_GET
def meeting_detail(request, pk: int):
    return _detail(request, selectors.meeting_for(request.user, pk))


@login_required
@require_POST
def meeting_cancel(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    form = meeting_forms.ReasonForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            services.cancel_meeting(actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Rapat dibatalkan; ruang dilepas dan peserta diberi tahu."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, bound={"cancel": form}, status=400)


@login_required
@require_POST
def meeting_invite(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    try:
        document = services.draft_invitation(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        return _detail(request, meeting, bound={"errors": exc.messages}, status=400)
    messages.success(
        request,
        _("Konsep surat undangan dibuat. Periksa lalu ajukan untuk paraf dan tanda tangan."),
    )
    return redirect("correspondence:outgoing_detail", pk=document.pk)


@login_required
@require_GET
@never_cache
def meeting_qr(request, pk: int):
    """The projector screen: a large QR that renews itself (meta refresh) before its token expires."""
    meeting = selectors.meeting_for(request.user, pk)
    if not authorize(request.user, MANAGE_MEETING, meeting):
        raise PermissionDenied(MANAGE_MEETING)
    url = attendance_services.qr_url(meeting)
    response = render(
        request,
        "meetings/qr.html",
        {
            "meeting": meeting,
            "qr_url": url,
            "qr_uri": qr_data_uri(url),
            "refresh": attendance_services.QR_REFRESH_SECONDS,
            "present": len(selectors.attendance_of(meeting)),
        },
    )
    # Renew the QR (a fresh token) well before the shown one expires; no script needed.
    response["Refresh"] = str(attendance_services.QR_REFRESH_SECONDS)
    return response


@never_cache
def checkin(request, token: str):
    """A scanned QR: signed-in invitees check in with one tap; others may sign in or use the guest form."""
    try:
        meeting = attendance_services.read_qr_token(token)
    except ValidationError as exc:
        return render(request, "meetings/checkin.html", {"error": exc.messages[0]}, status=410)
    context = {
        "meeting": meeting,
        "token": token,
        "span": timing.format_span(meeting.starts_at, meeting.ends_at, meeting.organisation),
    }
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{request.path}")
        try:
            _m, attendance, created = services.check_in_by_qr(actor=request.user, token=token)
        except ValidationError as exc:
            return render(request, "meetings/checkin.html", {**context, "error": exc.messages[0]}, status=410)
        except PermissionDenied:
            return render(
                request,
                "meetings/checkin.html",
                {**context, "error": _("Akun Anda bukan pegawai kantor penyelenggara; isi formulir tamu.")},
                status=403,
            )
        return render(
            request, "meetings/checkin.html", {**context, "attendance": attendance, "created": created}
        )
    return render(request, "meetings/checkin.html", context)


@never_cache
def checkin_guest(request, token: str):
    try:
        meeting = attendance_services.read_qr_token(token)
    except ValidationError as exc:
        return render(request, "meetings/checkin.html", {"error": exc.messages[0]}, status=410)
    form = meeting_forms.GuestCheckInForm(request.POST if request.method == "POST" else None)
    context = {"meeting": meeting, "token": token, "guest_form": form}
    if request.method == "POST":
        key = f"rapat:tamu:{client_ip(request) or '-'}"
        if cache.get(key, 0) >= GUEST_CHECKINS_PER_ADDRESS:
            form.is_valid()
            form.add_error(
                None, _("Terlalu banyak pengisian dari perangkat ini. Coba lagi beberapa menit lagi.")
            )
            return render(request, "meetings/checkin_guest.html", context, status=429)
        count_in_window(key, GUEST_WINDOW_SECONDS)
        if form.is_valid():
            try:
                _m, attendance, created = services.check_in_guest(
                    token=token, name=form.cleaned_data["name"], institution=form.cleaned_data["institution"]
                )
            except ValidationError as exc:
                form_error(form, exc)
            else:
                return render(
                    request,
                    "meetings/checkin.html",
                    {"meeting": meeting, "attendance": attendance, "created": created},
                )
        return render(request, "meetings/checkin_guest.html", context, status=400)
    return render(request, "meetings/checkin_guest.html", context)


@never_cache
@require_GET
def online_checkin(request, token: str):
    try:
        meeting, _attendance = services.check_in_by_link(token=token)
    except ValidationError as exc:
        return render(request, "meetings/checkin.html", {"error": exc.messages[0]}, status=410)
    return redirect(meeting.online_url)


@login_required
@require_GET
def attendance_pdf(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    response = HttpResponse(
        services.attendance_pdf(actor=request.user, meeting=meeting), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="daftar-hadir-rapat-{meeting.pk}.pdf"'
    return response


@login_required
@require_GET
def minutes_pdf(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    try:
        data = services.minutes_pdf(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        return _detail(request, meeting, bound={"errors": exc.messages}, status=404)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notula-rapat-{meeting.pk}.pdf"'
    return response


@login_required
@require_GET
def meeting_ics(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    data = ical.meeting_ics(meeting, method="CANCEL" if meeting.is_cancelled else "PUBLISH")
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rapat-{meeting.pk}.ics"'
    return response


@login_required
@require_POST
def minutes_save(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    form = meeting_forms.MinutesForm(request.POST, prefix="minutes")
    if form.is_valid():
        try:
            services.save_minutes(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Notula disimpan."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, bound={"minutes": form}, status=400)


@login_required
@require_POST
def minutes_finalise(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    try:
        services.finalise_minutes(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        return _detail(request, meeting, bound={"errors": exc.messages}, status=400)
    messages.success(request, _("Notula disahkan."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def item_add(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    form = meeting_forms.ActionItemForm(
        request.POST, prefix="item", users=selectors.staff_users(meeting.organisation)
    )
    if form.is_valid():
        try:
            services.add_action_item(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Tindak lanjut ditambahkan; penanggung jawab diberi tahu."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, bound={"item": form}, status=400)


@login_required
@require_POST
def item_remove(request, pk: int):
    item = selectors.action_item_for(request.user, pk)
    try:
        services.remove_action_item(actor=request.user, item=item)
    except ValidationError as exc:
        return _detail(request, item.meeting, bound={"errors": exc.messages}, status=400)
    return redirect("meetings:detail", pk=item.meeting_id)


@login_required
@require_POST
def item_done(request, pk: int):
    item = selectors.action_item_for(request.user, pk)
    form = meeting_forms.NoteForm(request.POST, prefix="done")
    if form.is_valid():
        try:
            services.complete_action_item(actor=request.user, item=item, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Tindak lanjut ditandai selesai."))
    else:
        messages.error(request, _("Tuliskan catatan hasil tindak lanjut."))
    if request.POST.get("next") == "mine":
        return redirect("meetings:my_actions")
    return redirect("meetings:detail", pk=item.meeting_id)


@login_required
@require_POST
def item_reopen(request, pk: int):
    item = selectors.action_item_for(request.user, pk)
    form = meeting_forms.ReasonForm(request.POST, prefix="reopen")
    if form.is_valid():
        try:
            services.reopen_action_item(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Tindak lanjut dibuka kembali."))
    else:
        messages.error(request, _("Tuliskan alasan tindak lanjut dibuka kembali."))
    return redirect("meetings:detail", pk=item.meeting_id)


@login_required
@require_GET
def my_actions(request):
    items = list(selectors.my_action_items(request.user, include_done=request.GET.get("semua") == "on"))
    for item in items:
        item.overdue = selectors.is_overdue(item, organisation_today(item.organisation))
    return render(
        request,
        "meetings/my_actions.html",
        {
            "items": items,
            "done_form": meeting_forms.NoteForm(prefix="done"),
            "all": request.GET.get("semua") == "on",
        },
    )


@login_required
@require_POST
def upload(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    form = meeting_forms.UploadForm(request.POST, request.FILES, prefix="upload")
    if form.is_valid():
        try:
            services.attach_file(actor=request.user, meeting=meeting, uploaded_file=form.cleaned_data["file"])
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Berkas diunggah."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, bound={"upload": form}, status=400)
