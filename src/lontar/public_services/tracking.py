"""What the public tracking page shows of an application, read in a few indexed queries.

Shown to the holder of the secret: the timeline of status changes (labels and dates; officers appear
only as "petugas", and no note of a status change is shown, since those may be internal reasons),
the current step, the expected completion date or that the clock waits for the applicant, the
messages exchanged with the applicant, the rejection reason, and what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.workflow.models import StatusChange
from lontar.public_services import access
from lontar.public_services.models import (
    Application,
    ApplicationMessage,
    ApplicationStatus,
    ApplicationUpload,
    ApplicationWorkflow,
    Channel,
    MessageKind,
)

# The main road of an application, as the citizen sees it.
STEPS = (
    (ApplicationStatus.SUBMITTED, gettext_lazy("Diajukan")),
    (ApplicationStatus.VERIFYING, gettext_lazy("Diperiksa")),
    (ApplicationStatus.PROCESSING, gettext_lazy("Diproses")),
    (ApplicationStatus.AWAITING_SIGNATURE, gettext_lazy("Tanda tangan")),
    (ApplicationStatus.READY, gettext_lazy("Selesai")),
    (ApplicationStatus.PICKED_UP, gettext_lazy("Diambil")),
)
_STEP_OF = {status: index for index, (status, _label) in enumerate(STEPS)}
_STEP_OF[ApplicationStatus.NEEDS_CORRECTION] = _STEP_OF[ApplicationStatus.VERIFYING]
_STEP_OF[ApplicationStatus.DRAFT] = -1

APPLICANT_TRANSITIONS = {"resubmit", "cancel"}


@dataclass
class TimelineEntry:
    at: object
    label: str
    by: str


@dataclass
class Step:
    label: str
    state: str  # "done", "current", "todo"


@dataclass
class Tracking:
    application: Application
    timeline: list[TimelineEntry]
    messages: list
    steps: list[Step]
    paused: bool
    downloadable: bool
    pickup: bool
    editable_draft: bool
    correction: bool
    closed: bool
    survey: bool  # completed: the page invites the applicant to the satisfaction survey
    kept_uploads: dict = field(default_factory=dict)

    @property
    def officer_request(self):
        """The latest message from the office: what the correction is about."""
        for message in reversed(self.messages):
            if message.kind == MessageKind.TO_APPLICANT:
                return message
        return None


def _by(change: dict, application: Application) -> str:
    if change["actor_id"]:
        return _("petugas")
    if change["transition"] in APPLICANT_TRANSITIONS or (
        change["transition"] == "submit" and application.channel == Channel.ONLINE
    ):
        return _("pemohon")
    return _("sistem")


def timeline(application: Application) -> list[TimelineEntry]:
    entries = [TimelineEntry(application.created_at, _("Permohonan dibuat"), "")]
    changes = (
        StatusChange.objects.for_object(application)
        .order_by("at", "id")
        .values("transition", "to_state", "actor_id", "at")
    )
    labels = dict(ApplicationWorkflow.states.choices)
    for change in changes:
        label = labels.get(change["to_state"], change["to_state"])
        entries.append(TimelineEntry(change["at"], str(label), _by(change, application)))
    return entries


def steps(application: Application) -> list[Step]:
    if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED):
        return []
    current = _STEP_OF.get(application.status, -1)
    return [
        Step(str(label), "done" if index < current else "current" if index == current else "todo")
        for index, (_status, label) in enumerate(STEPS)
    ]


def messages(application: Application) -> list:
    """Messages to and from the applicant; internal notes never."""
    return list(
        ApplicationMessage.objects.filter(
            application=application, kind__in=[MessageKind.TO_APPLICANT, MessageKind.FROM_APPLICANT]
        )
        .order_by("created_at", "id")
        .only("kind", "body", "created_at")
    )


def kept_uploads(application: Application) -> dict:
    """The current file of each requirement: {requirement id: upload}."""
    uploads = ApplicationUpload.objects.filter(
        application=application, superseded_at__isnull=True
    ).select_related("stored_file")
    return {upload.requirement_id: upload for upload in uploads}


def tracking(application: Application) -> Tracking:
    correction = access.needs_correction(application)
    downloadable = access.may_download(application)
    return Tracking(
        application=application,
        timeline=timeline(application),
        messages=messages(application),
        steps=steps(application),
        paused=correction,
        downloadable=downloadable,
        pickup=application.status == ApplicationStatus.READY and not downloadable,
        editable_draft=access.is_draft(application),
        correction=correction,
        closed=application.status in ApplicationWorkflow.final_states,
        survey=access.may_answer_survey(application),
        kept_uploads=kept_uploads(application) if correction else {},
    )
