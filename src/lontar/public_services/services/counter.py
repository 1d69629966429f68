"""The counter (loket): a walk-in application registered by the front desk in one step, and a new
tracking secret for an applicant who lost theirs.

A walk-in goes through the same services as an online application (start → uploads → submit), inside
one transaction: if anything is refused (a required answer missing, a scan that is not a PDF or image,
the queue ticket already served) nothing is kept, and the officer's form is shown again with the
message. The paper requirements the officer saw are recorded in the application's data under
`CHECKED_REQUIREMENTS_KEY` and in the audit trail.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import require
from lontar.public_services import numbers
from lontar.public_services.models import Application, Channel
from lontar.public_services.permissions import REGISTER_WALK_IN
from lontar.public_services.selectors.visits import CHECKED_REQUIREMENTS_KEY, ticket_label
from lontar.public_services.services import applications as app_services
from lontar.public_services.services import visits as visit_services
from lontar.public_services.services.applications import NewApplication


def register_walk_in(
    *,
    actor,
    service,
    applicant: dict,
    data: dict,
    checked_requirements,
    submit_key: str,
    scans: dict | None = None,
    visit=None,
) -> NewApplication:
    """Register and submit an application brought to the counter on paper.

    `checked_requirements` are the Requirement rows whose originals the officer saw (every mandatory
    one must be among them); `scans` maps a Requirement to an uploaded file. `submit_key` is the form's
    one-time key: the same key again (a double click) returns the first application without a secret.
    `visit` is the queue ticket being served; it is marked served and linked to the application.
    """
    require(actor, REGISTER_WALK_IN, organisation=service.organisation)
    if visit is not None and visit.organisation_id != service.organisation_id:
        raise ValidationError(_("Tiket antrean ini bukan dari kantor layanan ini."), code="other_office")
    scans = scans or {}
    with transaction.atomic():
        new = app_services.start_application(
            service=service,
            applicant=applicant,
            data=dict(data),
            channel=Channel.COUNTER,
            actor=actor,
            submit_key=submit_key,
        )
        if not new.created:
            return new
        application = new.application
        checked_ids = _checked_ids(application, checked_requirements, scans)
        application.data = {**application.data, CHECKED_REQUIREMENTS_KEY: checked_ids}
        application.save(update_fields=["data"])
        for requirement, uploaded_file in scans.items():
            app_services.add_upload(
                application=application, requirement=requirement, uploaded_file=uploaded_file, actor=actor
            )
        app_services.submit(application=application, actor=actor)
        names = dict(application.standard.requirements.values_list("pk", "name"))
        audit.record(
            actor=actor,
            action="public_services.application.register_walk_in",
            obj=application,
            after={
                "persyaratan_diperiksa": [names[pk] for pk in checked_ids],
                "pindaian": [requirement.name for requirement in scans],
                "antrean": ticket_label(visit) if visit is not None else "",
            },
        )
        if visit is not None:
            visit_services.mark_served(actor=actor, visit=visit, application=application)
    application.refresh_from_db()
    return NewApplication(application, new.secret)


def _checked_ids(application: Application, checked_requirements, scans: dict) -> list[int]:
    requirements = {r.pk: r for r in application.standard.requirements.all()}
    given = {r.pk for r in checked_requirements} | {r.pk for r in scans}
    if given - requirements.keys():
        raise ValidationError(
            _("Persyaratan yang dipilih bukan bagian dari standar layanan ini."), code="requirement"
        )
    missing = [r.name for pk, r in requirements.items() if r.is_mandatory and pk not in given]
    if missing:
        raise ValidationError(
            {
                "requirements": _(
                    "Persyaratan wajib belum diperiksa: %(items)s. Centang setelah melihat dokumen aslinya."
                )
                % {"items": "; ".join(missing)}
            },
            code="requirements_unchecked",
        )
    return sorted(given)


def rotate_secret(*, actor, application: Application) -> str:
    """Give the applicant a new tracking secret (the old one stops working). The officer checks the
    applicant's identity first; the new secret is returned once, to be printed on a new receipt."""
    require(actor, REGISTER_WALK_IN, application)
    secret = numbers.new_secret()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        locked.secret_hash = numbers.secret_hash(locked.number, secret)
        locked.save(update_fields=["secret_hash"])
        audit.record(
            actor=actor,
            action="public_services.application.rotate_secret",
            obj=locked,
            after={"number": locked.number, "kode_rahasia": "diganti"},
        )
    application.secret_hash = locked.secret_hash
    return secret
