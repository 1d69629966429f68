"""The citizen's writes on the portal, composed from `services.applications`.

The applicant acts without a role (`actor=None`; the audit trail names them), with or without a
citizen account. Callers have
already checked the citizen's right to the application through `access.py`. Nothing the citizen sent
is thrown away because something else was wrong: valid answers are saved to the draft, every file
that passes the content checks is stored, and only then is submission attempted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from lontar.core import audit
from lontar.public_services.models import Application, ApplicationStatus
from lontar.public_services.services import applications as app_services


@dataclass
class Saved:
    """What one press of "Simpan draf" or "Ajukan" did."""

    application: Application | None = None
    secret: str = ""  # only when the application was created by this call
    created: bool = False
    submitted: bool = False
    # The application had already left the draft state (a repeated press or a re-sent form).
    already_received: bool = False
    # The form's one-time key belongs to an application this browser has no right to.
    key_used_elsewhere: bool = False
    upload_errors: dict[str, list[str]] = field(default_factory=dict)
    stored: set = field(default_factory=set)  # requirement ids whose file was stored now
    error: ValidationError | None = None


def _store_uploads(application: Application, uploads, saved: Saved) -> None:
    for name, requirement, uploaded_file in uploads:
        try:
            app_services.add_upload(
                application=application, requirement=requirement, uploaded_file=uploaded_file
            )
        except ValidationError as exc:
            saved.upload_errors[name] = exc.messages
        else:
            saved.stored.add(requirement.pk)


def save_online_application(
    *,
    service,
    application: Application | None,
    submit_key: str,
    applicant: dict,
    answers: dict,
    uploads,
    submit: bool,
    may_continue,
    applicant_user=None,
) -> Saved:
    """Create or update the draft, store the files, and submit when asked and complete.

    `application` is the draft being edited (None for a new one, made under `submit_key`).
    `may_continue(application)` says whether this browser may go on with an application that the
    same `submit_key` already created (it holds its receipt). `applicant_user` is the signed-in
    citizen's account (their e-mail was verified when they registered), linked to a new application."""
    saved = Saved()
    if application is None:
        new = app_services.start_application(
            service=service,
            applicant=applicant,
            data=answers,
            submit_key=submit_key or None,
            contact_verified=True,
            applicant_user=applicant_user,
        )
        application = new.application
        saved.application, saved.secret, saved.created = application, new.secret, new.created
        if not new.created and not may_continue(application):
            saved.key_used_elsewhere = True
            return saved
    saved.application = application
    if application.status != ApplicationStatus.DRAFT:
        saved.already_received = True
        return saved
    if not saved.created:
        app_services.update_draft(
            application=application, applicant=applicant, data={**application.data, **answers}
        )
    _store_uploads(application, uploads, saved)
    if submit and not saved.upload_errors:
        try:
            app_services.submit(application=application)
        except ValidationError as exc:
            saved.error = exc
        else:
            saved.submitted = True
    return saved


def send_correction(
    *, application: Application, applicant: dict, answers: dict, uploads, message: str, resubmit: bool = True
) -> Saved:
    """The applicant's correction: changed answers, new files, a message; back to the officer when
    `resubmit` (the form was complete). Valid answers and files are kept either way."""
    saved = Saved(application=application)
    if application.status != ApplicationStatus.NEEDS_CORRECTION:
        saved.already_received = True
        return saved
    app_services.update_draft(
        application=application, applicant=applicant, data={**application.data, **answers}
    )
    _store_uploads(application, uploads, saved)
    if saved.upload_errors or not resubmit:
        return saved
    try:
        app_services.resubmit(application=application, actor=None, message=message)
    except ValidationError as exc:
        saved.error = exc
    else:
        saved.submitted = True
    return saved


def record_result_download(application: Application) -> None:
    """The applicant took the result PDF: audited like any download of an issued document."""
    audit.record(
        actor=None,
        action="document.downloaded",
        obj=application.result_document,
        actor_label=app_services.applicant_label(application),
    )
