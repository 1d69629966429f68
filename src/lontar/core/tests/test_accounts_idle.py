import time

import pytest
from django.conf import settings
from django.urls import reverse

from lontar.core.middleware import IdleTimeoutMiddleware
from lontar.core.models import AuditEvent
from lontar.core.tests.accounts_helpers import fast_password_hashing  # noqa: F401

pytestmark = pytest.mark.django_db


def _set_last_seen(client, seconds_ago):
    session = client.session
    session[IdleTimeoutMiddleware.KEY] = int(time.time()) - seconds_ago
    session.save()


def test_idle_session_is_signed_out_with_an_indonesian_message(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("core:dashboard")).status_code == 200
    _set_last_seen(client, settings.SESSION_IDLE_TIMEOUT + 5)

    response = client.get(reverse("core:notifications"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('core:login')}?next={reverse('core:notifications')}"
    assert "_auth_user_id" not in client.session

    page = client.get(response["Location"])
    assert "Sesi Anda berakhir karena tidak ada aktivitas" in page.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302
    signed_out = AuditEvent.objects.get(action="core.logout")
    assert (signed_out.actor_id, signed_out.after) == (staff_user.pk, {"reason": "idle"})


def test_an_idle_api_session_is_signed_out_and_the_api_refuses_it(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/api/v1/organisasi/").status_code == 200
    _set_last_seen(client, settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.get("/api/v1/organisasi/")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_activity_within_the_timeout_keeps_the_session(client, staff_user):
    client.force_login(staff_user)
    client.get(reverse("core:dashboard"))
    _set_last_seen(client, settings.SESSION_IDLE_TIMEOUT - 30)
    assert client.get(reverse("core:dashboard")).status_code == 200
    # The request refreshed the timestamp, so the clock starts again.
    assert int(time.time()) - client.session[IdleTimeoutMiddleware.KEY] < 5
