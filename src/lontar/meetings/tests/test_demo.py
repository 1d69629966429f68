"""The Jatisari demo meetings load through the services, once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from lontar.assets.bookings.demo import load_bookings_demo
from lontar.core.demo.loader import load_demo
from lontar.core.navigation import pending_work_for
from lontar.meetings import selectors
from lontar.meetings.demo import load_meetings_demo
from lontar.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_demo_meetings(signing_setup):
    load_demo()
    load_bookings_demo()
    assert load_meetings_demo()["meetings.Meeting"] == 4
    users = get_user_model().objects
    camat, kasi = users.get(username="camat.jatisari"), users.get(username="kasi.pem.jatisari")
    assert selectors.meetings_visible_to(users.get(username="auditor.jatisari")).count() == 4
    musrenbang = Meeting.objects.get(title__startswith="Rapat persiapan Musrenbang")
    assert musrenbang.booking is not None and musrenbang.online_url
    assert musrenbang.invitation is not None
    assert Meeting.objects.get(title__startswith="Koordinasi pemutakhiran").attendances.count() == 4
    assert any(w.severity == "danger" for w in pending_work_for(kasi) if "rapat" in w.label)
    assert selectors.meetings_visible_to(camat).count() == 4
    assert not load_meetings_demo()
    assert Meeting.objects.count() == 4
