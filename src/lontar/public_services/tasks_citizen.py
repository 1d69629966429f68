"""Background work of the citizen side: verification codes and notices to applicants."""

from __future__ import annotations

from django_tasks import task


@task()
def send_verification_code(verification_id: int) -> bool:
    from lontar.public_services.services.verification import deliver_code

    return deliver_code(verification_id)


@task()
def send_applicant_notice(application_id: int, event: str, stamp: str = "") -> list[str]:
    from lontar.public_services.services.applicant_notices import deliver

    return deliver(application_id, event, stamp)


@task()
def send_visit_confirmation(visit_id: int) -> list[str]:
    from lontar.public_services.services.visit_notices import deliver_confirmation

    return deliver_confirmation(visit_id)
