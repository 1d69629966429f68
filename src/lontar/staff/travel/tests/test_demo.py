"""The duty-travel demo: Jatisari gets the surat-tugas numbering format and trips in every state, moved
through the services (numbers, signed letters, a report); loading twice adds nothing."""

from __future__ import annotations

import pytest

from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples
from lontar.core.models import AuditEvent, Organisation
from lontar.staff.travel.demo import load_travel_demo
from lontar.staff.travel.models import Trip, TripStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_jatisari_trips_in_every_state_and_loads_once():
    load_demo()
    load_samples()
    first = load_travel_demo()
    counts = (Trip.objects.count(), AuditEvent.objects.count())
    assert not load_travel_demo()
    assert (Trip.objects.count(), AuditEvent.objects.count()) == counts
    jatisari = Organisation.objects.get(code="Kec.Jts")
    trips = Trip.objects.filter(organisation=jatisari)
    assert first["perjalanan dinas"] == trips.count() == 7
    assert set(trips.values_list("status", flat=True)) == {
        TripStatus.DRAFT,
        TripStatus.SUBMITTED,
        TripStatus.APPROVED,
        TripStatus.ISSUED,
        TripStatus.COMPLETED,
        TripStatus.REJECTED,
    }
    issued = trips.exclude(number="")
    assert issued.count() == 3 and all(t.document.signed for t in issued)
    assert len(set(issued.values_list("number", flat=True))) == 3
    assert trips.get(status=TripStatus.COMPLETED).report.results
