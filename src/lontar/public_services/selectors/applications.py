"""Reads of the office's application screens: the queue, one application's page, and the dashboard
counts. Every queryset is scoped in SQL to the offices where the user holds the action."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lontar.core.civil_service import mask_email, mask_phone
from lontar.core.models import Membership, Role
from lontar.core.permissions import authorize, get_visible_or_404, organisation_ids_with, role_grants
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workflow.services import available_transitions, history
from lontar.public_services.models import (
    CLOCK_RUNNING,
    DONE_STATUSES,
    OPEN_STATUSES,
    Application,
    ApplicationStatus,
    Channel,
    MessageKind,
    Service,
)
from lontar.public_services.permissions import (
    HAND_OVER_RESULT,
    PROCESS_APPLICATION,
    SIGN_APPLICATION_RESULT,
    VIEW_APPLICATION,
)
from lontar.public_services.services import applications as app_services
from lontar.public_services.services import results

PAGE_SIZE = 50
MASK = "•"
CLOSED_STATUSES = (*DONE_STATUSES, ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED)
STATUS_CHOICES = ApplicationStatus.choices
CHANNEL_CHOICES = Channel.choices


def mask_nik(nik: str) -> str:
    """The region code stays (digits 1 to 6), the birth date (7 to 12) goes: `327301••••••0002`."""
    if not nik:
        return ""
    if len(nik) != 16:
        return MASK * 4
    return f"{nik[:6]}{MASK * 6}{nik[12:]}"


# --- the queue -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    tab: str = "antrean"  # antrean: open applications (FIFO); selesai: done, rejected, cancelled
    service_id: int | None = None
    status: str = ""
    mine: bool = False
    overdue: bool = False
    channel: str = ""


@dataclass(frozen=True)
class Countdown:
    text: str
    tone: str  # secondary, success, warning, danger, info


def countdown(application: Application, today: dt.date, calendar: WorkCalendar) -> Countdown | None:
    """The working-day countdown shown beside an open application."""
    if application.status not in OPEN_STATUSES or application.due_date is None:
        return None
    if application.status == ApplicationStatus.NEEDS_CORRECTION:
        return Countdown(_("jam berhenti (menunggu perbaikan pemohon)"), "info")
    due = application.due_date
    if due >= today:
        left = calendar.working_days_between(today, due)
        if left == 0:
            return Countdown(_("jatuh tempo hari ini"), "warning")
        text = ngettext("sisa %(n)d hari kerja", "sisa %(n)d hari kerja", left) % {"n": left}
        return Countdown(text, "warning" if left <= 1 else "success")
    late = calendar.working_days_between(due, today)
    if late == 0:
        return Countdown(_("lewat tenggat"), "danger")
    return Countdown(
        ngettext("terlambat %(n)d hari kerja", "terlambat %(n)d hari kerja", late) % {"n": late}, "danger"
    )


def visible_applications(user):
    return Application.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_APPLICATION))


def services_for_filter(user):
    return (
        Service.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_APPLICATION))
        .select_related("organisation")
        .order_by("organisation__name", "order", "name")
    )


def queue_summary(user) -> list[dict]:
    """Open applications per service: waiting to be checked, in progress, overdue (clock running)."""
    today = organisation_today(None)
    rows = (
        visible_applications(user)
        .filter(status__in=OPEN_STATUSES)
        .values("service_id", "service__name", "organisation__name")
        .annotate(
            waiting=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
            open=Count("pk"),
            overdue=Count("pk", filter=Q(status__in=CLOCK_RUNNING, due_date__lt=today)),
        )
        .order_by("organisation__name", "service__name")
    )
    return list(rows)


def queue(
    user, filters: QueueFilter, *, after: tuple[dt.datetime, int] | None = None, limit: int = PAGE_SIZE
):
    """One page of the queue and the cursor of the next page (None at the end).

    The open tab is first in, first out: oldest submission first, by (submitted_at, id). The closed tab
    shows the latest first, by (status_changed_at, id) descending. Paging is by keyset, so no page ever
    counts the whole set."""
    rows = visible_applications(user).select_related("service", "organisation", "assigned_to")
    if filters.tab == "selesai":
        rows = rows.filter(status__in=CLOSED_STATUSES).exclude(submitted_at__isnull=True)
        order, key = ("-status_changed_at", "-id"), "status_changed_at"
    else:
        rows = rows.filter(status__in=OPEN_STATUSES)
        order, key = ("submitted_at", "id"), "submitted_at"
    if filters.service_id:
        rows = rows.filter(service_id=filters.service_id)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.mine:
        rows = rows.filter(assigned_to=user)
    if filters.overdue:
        rows = rows.filter(status__in=CLOCK_RUNNING, due_date__lt=organisation_today(None))
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if after is not None:
        moment, last_id = after
        if filters.tab == "selesai":
            rows = rows.filter(Q(**{f"{key}__lt": moment}) | Q(**{key: moment, "id__lt": last_id}))
        else:
            rows = rows.filter(Q(**{f"{key}__gt": moment}) | Q(**{key: moment, "id__gt": last_id}))
    page = list(rows.order_by(*order)[: limit + 1])
    next_cursor = None
    if len(page) > limit:
        page = page[:limit]
        last = page[-1]
        next_cursor = (getattr(last, key), last.pk)
    calendars: dict[int, WorkCalendar] = {}
    for application in page:
        office = application.organisation
        calendar = calendars.setdefault(office.pk, WorkCalendar(office))
        application.countdown = countdown(application, organisation_today(office), calendar)
    return page, next_cursor


# --- one application -------------------------------------------------------------------------------


def application_for(user, pk, action: str = VIEW_APPLICATION) -> Application:
    """One application of an office the user belongs to (404 otherwise), if the user may `action`."""
    return get_visible_or_404(
        user,
        Application.objects.select_related(
            "service", "standard", "organisation", "assigned_to", "result_document"
        ),
        action,
        pk=pk,
    )


def officers_of(organisation):
    """Users who may process applications in `organisation` (for assignment)."""
    roles = [
        r
        for r in Role.values
        if r not in (Role.AUDITOR, Role.CITY_ADMIN) and role_grants(r, PROCESS_APPLICATION)
    ]
    user_ids = Membership.objects.filter(
        organisation=organisation, role__in=roles, user__is_active=True
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .select_related("staff")
        .order_by("first_name", "username")
    )


def _answers(application: Application) -> list[tuple[str, str]]:
    fields = list(application.standard.form_fields.all())
    known = {f.key for f in fields}
    answers = [(f.label, str(application.data.get(f.key, "") or "")) for f in fields]
    # Answers whose field is no longer in the form (should not happen: the standard is frozen).
    answers += [(key, str(value)) for key, value in (application.data or {}).items() if key not in known]
    return answers


def _uploads(application: Application) -> list[dict]:
    uploads = application.uploads.select_related("requirement", "stored_file").order_by(
        "requirement__order", "requirement_id", "-uploaded_at"
    )
    by_requirement: dict[int, dict] = {}
    for requirement in application.standard.requirements.all():
        by_requirement[requirement.pk] = {"requirement": requirement, "current": None, "superseded": []}
    for upload in uploads:
        entry = by_requirement.setdefault(
            upload.requirement_id, {"requirement": upload.requirement, "current": None, "superseded": []}
        )
        if upload.superseded_at is None and entry["current"] is None:
            entry["current"] = upload
        else:
            entry["superseded"].append(upload)
    return list(by_requirement.values())


def application_page(application: Application, user) -> dict:
    """Everything the application's page shows, with what the user may do there."""
    may_process = authorize(user, PROCESS_APPLICATION, application)
    may_sign = authorize(user, SIGN_APPLICATION_RESULT, application)
    may_hand_over = authorize(user, HAND_OVER_RESULT, application)
    sees_personal_data = may_process or may_sign or may_hand_over
    allowed = {t.name for t in available_transitions(application, user)}
    issues_document = results.issues_document(application)
    office = application.organisation
    messages = list(application.messages.select_related("author").order_by("created_at", "id"))
    older = (
        app_services.older_in_queue(application).count()
        if application.status == ApplicationStatus.SUBMITTED and "start_verification" in allowed
        else 0
    )
    signing_as = (
        results.signing_assignments(user, office)
        if "sign" in allowed and application.status == ApplicationStatus.AWAITING_SIGNATURE
        else []
    )
    return {
        "application": application,
        "countdown": countdown(application, organisation_today(office), WorkCalendar(office)),
        "applicant": {
            "name": application.applicant_name,
            "nik": application.applicant_nik if sees_personal_data else mask_nik(application.applicant_nik),
            "phone": application.applicant_phone
            if sees_personal_data
            else mask_phone(application.applicant_phone),
            "email": application.applicant_email
            if sees_personal_data
            else mask_email(application.applicant_email),
            "address": application.applicant_address if sees_personal_data else "",
            "masked": not sees_personal_data,
        },
        "answers": _answers(application),
        "uploads": _uploads(application),
        "thread": [m for m in messages if m.kind != MessageKind.INTERNAL],
        "notes": [m for m in messages if m.kind == MessageKind.INTERNAL],
        "deviations": list(application.queue_deviations.select_related("actor")),
        "history": history(application),
        "older_waiting": older,
        "issues_document": issues_document,
        "signing_as": signing_as,
        "may_process": may_process and application.status in OPEN_STATUSES,
        "actions": {
            "take": "start_verification" in allowed,
            "correction": "request_correction" in allowed,
            "accept": "accept" in allowed,
            "request_signature": "request_signature" in allowed and issues_document,
            "sign": "sign" in allowed and issues_document,
            "complete": "complete" in allowed and not issues_document,
            "reject": "reject" in allowed,
            "return": "return_for_revision" in allowed,
            "hand_over": "hand_over" in allowed,
            "assign": may_process and application.status in OPEN_STATUSES,
            "message": may_process and application.status not in (ApplicationStatus.DRAFT,),
            "note": may_process,
        },
    }


def preview_for(user, pk) -> tuple[Application, results.RenderedResult]:
    application = application_for(user, pk, PROCESS_APPLICATION)
    return application, results.render_result(application)


# --- dashboard -------------------------------------------------------------------------------------


def waiting_for_check(user) -> int:
    return Application.objects.filter(
        organisation_id__in=organisation_ids_with(user, PROCESS_APPLICATION),
        status=ApplicationStatus.SUBMITTED,
    ).count()


def awaiting_signature(user) -> int:
    return Application.objects.filter(
        organisation_id__in=organisation_ids_with(user, SIGN_APPLICATION_RESULT),
        status=ApplicationStatus.AWAITING_SIGNATURE,
    ).count()


def overdue(user) -> int:
    offices = set(organisation_ids_with(user, PROCESS_APPLICATION)) | set(
        organisation_ids_with(user, SIGN_APPLICATION_RESULT)
    )
    return Application.objects.filter(
        organisation_id__in=offices, status__in=CLOCK_RUNNING, due_date__lt=timezone.localdate()
    ).count()


def applications_of_account(user) -> list[Application]:
    """A citizen's own applications (made while signed in), drafts first, then the newest."""
    return list(
        Application.objects.filter(applicant_user=user)
        .select_related("service", "organisation")
        .only(
            "number",
            "status",
            "due_date",
            "created_at",
            "organisation_id",
            "service_id",
            "applicant_user_id",
            "service__code",
            "service__name",
            "organisation__name",
        )
        .annotate(
            draft_first=Case(
                When(status=ApplicationStatus.DRAFT, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("draft_first", "-created_at", "-pk")
    )
