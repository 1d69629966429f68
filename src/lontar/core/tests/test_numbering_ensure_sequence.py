"""Moving a counter past numbers that entered the books without it (a legacy register import)."""

from datetime import date

import pytest

from lontar.core.models import AuditEvent, NumberCounter
from lontar.core.numbering import services

pytestmark = pytest.mark.django_db


def _template(org_admin, district, **kwargs):
    values = {"document_type": "agenda_surat_masuk", "name": "Agenda", "format": "{urut:4}/SM/{tahun}"}
    values.update(kwargs)
    return services.create_template(
        actor=org_admin, organisation=district, scope=values.pop("scope", "document_type"), **values
    )


def test_the_next_number_continues_after_the_ensured_sequence(org_admin, district):
    _template(org_admin, district)
    services.take_number(
        organisation=district, document_type="agenda_surat_masuk", actor=org_admin, on_date=date(2025, 2, 1)
    )

    last = services.ensure_sequence_at_least(
        organisation=district, document_type="agenda_surat_masuk", year=2025, sequence=250, actor=org_admin
    )
    issued = services.take_number(
        organisation=district, document_type="agenda_surat_masuk", actor=org_admin, on_date=date(2025, 6, 1)
    )

    assert last == 250
    assert (issued.sequence, issued.number) == (251, "0251/SM/2025")
    event = AuditEvent.objects.get(action="numbering.counter_advance")
    assert (event.before, event.after["last_value"]) == ({"last_value": 1}, 250)


def test_a_counter_already_past_the_sequence_is_never_moved_back(org_admin, district):
    _template(org_admin, district)
    services.ensure_sequence_at_least(
        organisation=district, document_type="agenda_surat_masuk", year=2025, sequence=40
    )
    assert (
        services.ensure_sequence_at_least(
            organisation=district, document_type="agenda_surat_masuk", year=2025, sequence=12
        )
        == 40
    )
    assert NumberCounter.objects.get(organisation=district, year=2025).last_value == 40
    assert AuditEvent.objects.filter(action="numbering.counter_advance").count() == 1


def test_other_years_and_other_offices_keep_their_counters(org_admin, district, other_district):
    services.ensure_sequence_at_least(
        organisation=district, document_type="agenda_surat_masuk", year=2024, sequence=99
    )
    assert NumberCounter.objects.filter(organisation=district, year=2025).count() == 0
    assert NumberCounter.objects.filter(organisation=other_district).count() == 0


def test_a_shared_counter_is_the_one_advanced(org_admin, district):
    _template(org_admin, district, scope="shared", shared_key="naskah", format="{urut}/SM/{tahun}")
    services.ensure_sequence_at_least(
        organisation=district, document_type="agenda_surat_masuk", year=2025, sequence=7
    )
    assert NumberCounter.objects.get(organisation=district, year=2025).scope_key == "shared:naskah"
