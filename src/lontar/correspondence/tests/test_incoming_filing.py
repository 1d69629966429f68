"""Filing an incoming letter into a berkas of the records module."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lontar.correspondence.models import IncomingStatus
from lontar.correspondence.services import incoming as services
from lontar.correspondence.tests.incoming_helpers import build_office, register
from lontar.records.models import RecordItem
from lontar.records.selectors import files_holding
from lontar.records.services import open_file


@pytest.fixture
def office(district):
    return build_office(district)


def _berkas(office, org=None):
    return open_file(
        actor=office.sekcam,
        organisation=org or office.org,
        number="B-01/2026",
        title="Rapat pimpinan 2026",
        classification=office.classification,
    )


def test_filing_a_letter_marks_it_filed_and_lists_it_in_the_berkas(office):
    letter = register(office, subject="Undangan rapat pimpinan", classification=office.classification)
    berkas = _berkas(office)
    services.file_letter(actor=office.sekcam, letter=letter, record_file=berkas)
    letter.refresh_from_db()
    assert letter.status == IncomingStatus.FILED
    assert list(files_holding(letter)) == [berkas]
    item = RecordItem.objects.get(record_file=berkas)
    assert item.description.startswith("Undangan rapat pimpinan — ")
    assert item.item_date == letter.received_date


def test_a_restricted_letter_is_listed_in_the_berkas_without_its_subject(office):
    letter = register(office, subject="Pemeriksaan khusus bendahara", security="rahasia")
    services.file_letter(actor=office.sekcam, letter=letter, record_file=_berkas(office))
    item = RecordItem.objects.get()
    assert "Pemeriksaan" not in item.description
    assert letter.agenda_number in item.description and "Rahasia" in item.description


def test_filing_refused_for_lack_of_the_records_right_changes_nothing(office):
    letter = register(office)
    berkas = _berkas(office)
    # The Camat closes letters but does not manage the office's files.
    with pytest.raises(PermissionDenied):
        services.file_letter(actor=office.camat, letter=letter, record_file=berkas)
    letter.refresh_from_db()
    assert letter.status == IncomingStatus.REGISTERED
    assert not RecordItem.objects.exists()


def test_a_berkas_of_another_office_is_refused(office, other_district):
    other = build_office(other_district, with_template=False)
    letter = register(office)
    with pytest.raises(ValidationError):
        services.file_letter(actor=office.sekcam, letter=letter, record_file=_berkas(other, other_district))
    assert not RecordItem.objects.exists()


def test_the_letter_page_files_into_the_chosen_berkas(client, office):
    letter = register(office)
    berkas = _berkas(office)
    client.force_login(office.sekcam)
    page = client.get(letter.get_absolute_url())
    assert f'value="{berkas.pk}"' in page.content.decode()
    response = client.post(
        reverse("correspondence:incoming_status", args=[letter.pk]), {"tindakan": "file", "berkas": berkas.pk}
    )
    assert response.status_code == 302
    assert list(files_holding(letter)) == [berkas]
    assert berkas.number in client.get(letter.get_absolute_url()).content.decode()
