"""Answering an incoming letter: the "Balas" path follows the incoming module's reading rules."""

import pytest
from django.urls import reverse

from lontar.correspondence.services import dispositions
from lontar.correspondence.tests.incoming_helpers import build_office, register


@pytest.fixture
def office(district):
    return build_office(district)


def _reply_page(client, user, letter):
    client.force_login(user)
    return client.get(reverse("correspondence:outgoing_create") + f"?balas={letter.pk}")


def test_the_letter_page_offers_a_reply_that_starts_from_the_letter(client, office):
    letter = register(office, subject="Undangan rapat koordinasi pelayanan KTP-el")
    client.force_login(office.staff)
    assert 'data-testid="reply-button"' in client.get(letter.get_absolute_url()).content.decode()
    page = _reply_page(client, office.staff, letter)
    assert page.status_code == 200
    assert "Undangan rapat koordinasi pelayanan KTP-el" in page.content.decode()


def test_a_restricted_letter_is_answered_inside_its_chain_only(client, office):
    letter = register(office, subject="Pemeriksaan khusus bendahara", security="rahasia")
    dispositions.dispose(
        actor=office.camat, letter=letter, recipients=[office.staff], note="Tindak lanjuti", working_days=3
    )
    # The staff member it was disposed to is in the chain; a colleague without a disposition is not.
    assert _reply_page(client, office.staff, letter).status_code == 200
    outsider = _reply_page(client, office.other_staff, letter)
    assert outsider.status_code == 404
    assert "Pemeriksaan khusus bendahara" not in outsider.content.decode()
