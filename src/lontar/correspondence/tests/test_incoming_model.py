import datetime as dt

import pytest
from django.db import IntegrityError

from lontar.correspondence.models import IncomingLetter, IncomingStatus


def _letter(district, **kwargs):
    values = {
        "organisation": district,
        "agenda_number": "0001/SM/Kec.Satu/2026",
        "agenda_year": 2026,
        "agenda_sequence": 1,
        "sender_name": "Lurah Mekarsari",
        "sender_institution": "Kelurahan Mekarsari",
        "sender_number": "005/12/Kel.Mks/2026",
        "received_date": dt.date(2026, 11, 2),
        "subject": "Undangan rapat",
    }
    values.update(kwargs)
    return IncomingLetter.objects.create(**values)


@pytest.mark.django_db
def test_a_new_letter_waits_for_disposition_with_normalised_duplicate_keys(district):
    letter = _letter(district)
    assert letter.status == IncomingStatus.REGISTERED
    assert letter.sender_key == "kelurahanmekarsari"
    assert letter.number_key == "00512kelmks2026"


@pytest.mark.django_db
def test_agenda_numbers_are_unique_per_office_and_year(district):
    _letter(district)
    with pytest.raises(IntegrityError):
        _letter(district)
