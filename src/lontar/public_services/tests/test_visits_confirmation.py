"""The booking confirmation: queue number, day, session, code and link go to the citizen's phone and
e-mail once the booking is committed; a failing gateway never undoes the booking; a retried task
sends nothing twice; a refused booking sends nothing."""

from __future__ import annotations

import datetime as dt
import logging
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from lontar.core.notifications.gateways import MessageGateway
from lontar.public_services.models import CounterSettings, Visit
from lontar.public_services.services import visit_notices
from lontar.public_services.services import visits as services
from lontar.public_services.tests.factories import make_service
from lontar.public_services.tests.portal_helpers import IMMEDIATE_TASKS, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))
MONDAY = dt.date(2026, 11, 2)
TUESDAY = dt.date(2026, 11, 3)
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
def service(district):
    CounterSettings.objects.create(
        organisation=district,
        opens_at=dt.time(8),
        closes_at=dt.time(12),
        slot_minutes=60,
        visits_per_slot=3,
        booking_days_ahead=5,
        queue_prefix="B",
    )
    return make_service(district, daily_quota=4, name="Surat Keterangan Domisili")


def _book(service, django_capture_on_commit_callbacks, **extra):
    moment = dt.datetime(2026, 11, 2, 7, tzinfo=WIB)
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        django_capture_on_commit_callbacks(execute=True),
    ):
        return services.book_visit(
            service=service,
            day=TUESDAY,
            slot_start=dt.time(9),
            name="Budi Santoso",
            phone="0812-3456-7001",
            **extra,
        )


def _sms(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == GATEWAY_LOG]


def test_a_booking_is_confirmed_by_message_and_email_with_number_day_session_and_link(
    service, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.WARNING, logger=GATEWAY_LOG):
        visit = _book(service, django_capture_on_commit_callbacks, email="budi@example.com")
    sms = _sms(caplog)
    assert len(sms) == 1
    assert "+6281234567001" in sms[0] and "B-001" in sms[0] and visit.code in sms[0]
    assert "Selasa, 3 November 2026" in sms[0] and "sesi 09.00" in sms[0]
    assert f"/antrean/{visit.code}/" in sms[0]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["budi@example.com"]
    assert "B-001" in mailoutbox[0].subject and "Surat Keterangan Domisili" in mailoutbox[0].body


def test_a_broken_gateway_keeps_the_booking_and_still_sends_the_email(
    service, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.LONTAR_SMS_GATEWAY = f"{__name__}.BrokenGateway"
    visit = _book(service, django_capture_on_commit_callbacks, email="budi@example.com")
    assert Visit.objects.filter(pk=visit.pk).exists()
    assert len(mailoutbox) == 1


def test_a_retried_task_sends_nothing_twice(service, mailoutbox, django_capture_on_commit_callbacks):
    visit = _book(service, django_capture_on_commit_callbacks, email="budi@example.com")
    assert visit_notices.deliver_confirmation(visit.pk) == []
    assert len(mailoutbox) == 1


def test_a_refused_booking_sends_nothing(service, mailoutbox, caplog, django_capture_on_commit_callbacks):
    _book(service, django_capture_on_commit_callbacks, email="budi@example.com")
    mailoutbox.clear()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=GATEWAY_LOG), pytest.raises(ValidationError):
        _book(service, django_capture_on_commit_callbacks, email="budi@example.com")  # same phone, same day
    assert not mailoutbox and not _sms(caplog)
