"""Notices to the applicant: on submission (with the number, never the secret), when a correction is
needed, when the result is ready, and on rejection. A failing channel never blocks the status change."""

from __future__ import annotations

import logging

import pytest

from lontar.core.documents.services import issue_document
from lontar.core.models import Role
from lontar.core.notifications.gateways import MessageGateway
from lontar.core.tests.factories import member
from lontar.public_services.models import ApplicationStatus
from lontar.public_services.services import applicant_notices
from lontar.public_services.services import applications as services
from lontar.public_services.tests.factories import make_service, submitted_application
from lontar.public_services.tests.portal_helpers import IMMEDIATE_TASKS, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
GATEWAY_LOG = "lontar.core.notifications.gateways"


class BrokenGateway(MessageGateway):
    name = "rusak"

    def send(self, to_phone, text):
        raise ConnectionError("gateway down")


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = IMMEDIATE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def officer(district):
    return member(district, Role.FRONT_DESK)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return _run


def _sms(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == GATEWAY_LOG]


def test_a_submission_is_confirmed_by_email_and_sms_with_the_number_but_not_the_secret(
    district, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    service = make_service(district)
    with (
        caplog.at_level(logging.WARNING, logger=GATEWAY_LOG),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application, secret = submitted_application(service)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["siti@example.com"] and application.number in mail.subject
    assert application.number in mail.body and secret not in mail.body
    assert "/lacak/" in mail.body
    sms = _sms(caplog)
    assert len(sms) == 1 and application.number in sms[0] and secret not in sms[0]


def test_a_correction_request_tells_the_applicant_and_mails_the_officers_message(
    district, officer, mailoutbox, caplog, run
):
    service = make_service(district)
    application, _secret = submitted_application(service, phone="")
    services.start_verification(application=application, actor=officer)
    mailoutbox.clear()
    run(services.request_correction, application=application, actor=officer, message="KK tidak terbaca.")
    assert len(mailoutbox) == 1
    assert "perlu perbaikan" in mailoutbox[0].subject and "KK tidak terbaca." in mailoutbox[0].body


def test_sms_texts_carry_no_officers_message(district, officer, caplog, run):
    service = make_service(district)
    application, _secret = submitted_application(service, email="")
    services.start_verification(application=application, actor=officer)
    with caplog.at_level(logging.WARNING, logger=GATEWAY_LOG):
        run(services.request_correction, application=application, actor=officer, message="KK tidak terbaca.")
    sms = _sms(caplog)
    assert len(sms) == 1 and "perlu perbaikan" in sms[0] and "KK tidak terbaca" not in sms[0]


@pytest.mark.parametrize(
    ("downloadable", "with_document", "expected"),
    [
        (True, True, "dapat diunduh"),
        (False, True, "siap diambil di loket"),
        (True, False, "siap diambil di loket"),
    ],
)
def test_a_ready_result_is_announced_as_a_download_or_for_pickup(
    district, officer, head, mailoutbox, run, downloadable, with_document, expected
):
    service = make_service(district, result_downloadable=downloadable)
    application, _secret = submitted_application(service)
    services.start_verification(application=application, actor=officer)
    services.step(application=application, name="accept", actor=officer)
    document = None
    if with_document:
        document = issue_document(
            organisation=district,
            actor=head,
            document_type="surat-keterangan",
            number="400.12/018/KEC/2026",
            title="Surat Keterangan Tidak Mampu",
            body_html="<p>Menerangkan ...</p>",
            signatory_name="Drs. Camat",
            signatory_position="Camat",
            sign=False,
        )
    mailoutbox.clear()
    run(services.complete, application=application, actor=officer, result_document=document)
    assert len(mailoutbox) == 1 and expected in mailoutbox[0].body


def test_a_rejection_mails_its_reason(district, officer, mailoutbox, run):
    service = make_service(district)
    application, _secret = submitted_application(service)
    mailoutbox.clear()
    run(services.reject, application=application, actor=officer, reason="Bukan warga kecamatan ini.")
    assert "tidak dapat dikabulkan" in mailoutbox[0].subject
    assert "Bukan warga kecamatan ini." in mailoutbox[0].body


def test_a_broken_gateway_and_mail_server_do_not_stop_the_status_change(
    district, officer, settings, mailoutbox, run
):
    settings.LONTAR_SMS_GATEWAY = f"{__name__}.BrokenGateway"
    settings.EMAIL_BACKEND = "lontar.public_services.tests.test_portal_notices.BrokenMail"
    service = make_service(district)
    application, _secret = submitted_application(service)
    services.start_verification(application=application, actor=officer)
    run(services.request_correction, application=application, actor=officer, message="Lengkapi KK.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_CORRECTION
    assert applicant_notices.deliver(application.pk, applicant_notices.REJECTED, "lain") == []


def test_a_notice_is_sent_once_even_if_the_task_runs_twice(district, mailoutbox):
    service = make_service(district)
    application, _secret = submitted_application(service)
    mailoutbox.clear()
    stamp = application.status_changed_at.isoformat()
    assert applicant_notices.deliver(application.pk, applicant_notices.SUBMITTED, stamp) == [
        "surel",
        "telepon",
    ]
    assert applicant_notices.deliver(application.pk, applicant_notices.SUBMITTED, stamp) == []
    assert len(mailoutbox) == 1


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")
