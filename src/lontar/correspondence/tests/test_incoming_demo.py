import pytest
from django.apps import apps

from lontar.core.demo.loader import load_demo
from lontar.correspondence.models import Disposition, DispositionStatus, IncomingLetter, IncomingStatus

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_kecamatan_letters_with_dispositions_in_every_state_once():
    load_demo()
    config = apps.get_app_config("correspondence")
    first = config.load_demo()
    assert first["surat masuk"] == 3 * 7
    assert not config.load_demo()
    # Besides these, the outgoing demo delivers its signed letter into another office's inbox.
    assert IncomingLetter.objects.exclude(channel="internal").count() == 21
    for office in IncomingLetter.objects.values_list("organisation", flat=True).distinct():
        letters = IncomingLetter.objects.filter(organisation=office)
        assert letters.filter(status=IncomingStatus.REGISTERED).count() >= 2
        assert letters.filter(security="rahasia").count() == 1
    states = set(Disposition.objects.values_list("status", flat=True))
    assert {
        DispositionStatus.SENT,
        DispositionStatus.READ,
        DispositionStatus.REPORTED,
        DispositionStatus.DONE,
        DispositionStatus.WITHDRAWN,
    } <= states
