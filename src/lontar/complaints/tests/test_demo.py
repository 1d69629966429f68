"""The complaints demo: categories routed to units in every demo kecamatan, ten Jatisari complaints in
several states moved through the services (with history and audit); loading twice adds nothing."""

from __future__ import annotations

import pytest

from lontar.complaints.demo import CATEGORIES, load_complaints_demo
from lontar.complaints.models import Complaint, ComplaintCategory, ComplaintStatus
from lontar.core.demo.loader import load_demo
from lontar.core.models import AuditEvent, Organisation, OrganisationKind
from lontar.core.workflow import StatusChange

pytestmark = pytest.mark.django_db


def test_the_demo_has_categories_per_kecamatan_and_jatisari_complaints_in_every_state():
    load_demo()
    first = load_complaints_demo()
    counts = (ComplaintCategory.objects.count(), Complaint.objects.count(), AuditEvent.objects.count())
    assert not load_complaints_demo()
    assert (
        ComplaintCategory.objects.count(),
        Complaint.objects.count(),
        AuditEvent.objects.count(),
    ) == counts

    for office in Organisation.objects.filter(kind=OrganisationKind.DISTRICT):
        categories = ComplaintCategory.objects.filter(organisation=office)
        assert categories.count() == len(CATEGORIES) and not categories.filter(unit__isnull=True).exists()
    jatisari = Organisation.objects.get(code="Kec.Jts")
    complaints = Complaint.objects.filter(organisation=jatisari)
    assert first["pengaduan"] == complaints.count() == 10
    states = set(complaints.values_list("status", flat=True))
    assert states >= {
        ComplaintStatus.RECEIVED,
        ComplaintStatus.VERIFIED,
        ComplaintStatus.FORWARDED,
        ComplaintStatus.IN_FOLLOW_UP,
        ComplaintStatus.RESOLVED,
        ComplaintStatus.CLOSED,
        ComplaintStatus.REJECTED,
    }
    assert complaints.filter(is_anonymous=True, reporter_name="").exists()
    assert complaints.filter(is_confidential=True, escalated_at__isnull=False).exists()
    assert complaints.filter(publish=True).exists() and complaints.filter(rating__isnull=False).exists()
    assert StatusChange.objects.filter(organisation=jatisari, content_type__model="complaint").count() >= 20
    assert (
        AuditEvent.objects.filter(organisation=jatisari, action="complaints.complaint.create").count() == 10
    )
