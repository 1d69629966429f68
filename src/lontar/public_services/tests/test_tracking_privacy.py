"""Public tracking: without the secret it reveals nothing personal and cannot tell a known number from
an unknown one; with the secret it shows the timeline without internal notes or officers' names."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.public_services.models import MessageKind
from lontar.public_services.services import applications as services
from lontar.public_services.tests.factories import make_service, submitted_application
from lontar.public_services.tests.portal_helpers import fresh_cache, without_csrf  # noqa: F401

pytestmark = pytest.mark.django_db

UNKNOWN = "SAT-2606-ZZZZZZ"


@pytest.fixture
def officer(district):
    return member(district, Role.FRONT_DESK, full_name="Bambang Petugas Loket")


@pytest.fixture
def tracked(district, officer):
    service = make_service(district, name="Surat Keterangan Domisili Usaha")
    application, secret = submitted_application(
        service,
        name="Siti Aminah",
        nik="3273014501900002",
        phone="081234567890",
        address="Jl. Melati No. 5",
    )
    services.start_verification(application=application, actor=officer)
    services.add_message(
        application=application,
        kind=MessageKind.INTERNAL,
        body="Catatan internal: pemohon kerabat pak lurah",
        actor=officer,
    )
    return application, secret


PERSONAL = (
    "Siti Aminah",
    "3273014501900002",
    "081234567890",
    "+6281234567890",
    "Jl. Melati",
    "Domisili Usaha",
)


def _page(response, number: str) -> str:
    return without_csrf(response.content.decode()).replace(number, "NOMOR").replace(number.lower(), "NOMOR")


def _assert_nothing_personal(response):
    page = response.content.decode()
    leaked = [value for value in PERSONAL if value in page]
    assert not leaked, leaked


def test_without_the_secret_nothing_personal_shows_and_a_known_number_looks_unknown(tracked):
    application, _secret = tracked
    number = application.number

    def attempts(client):
        return {
            "no secret": client.get(reverse("public_services:track_detail", args=[number])),
            "wrong secret": client.post(
                reverse("public_services:track"), {"nomor": number, "rahasia": "SALAH234"}
            ),
            "wrong qr": client.get(reverse("public_services:track_link", args=[number, "SALAH234"])),
            "receipt": client.get(reverse("public_services:receipt", args=[number]), follow=True),
            "download": client.get(reverse("public_services:track_download", args=[number])),
            "correction": client.post(reverse("public_services:track_correct", args=[number]), {"nama": "X"}),
        }

    known = attempts(Client())
    unknown_client = Client()
    unknown = {
        "no secret": unknown_client.get(reverse("public_services:track_detail", args=[UNKNOWN])),
        "wrong secret": unknown_client.post(
            reverse("public_services:track"), {"nomor": UNKNOWN, "rahasia": "SALAH234"}
        ),
        "wrong qr": unknown_client.get(reverse("public_services:track_link", args=[UNKNOWN, "SALAH234"])),
    }
    for name, response in known.items():
        assert response.status_code == 200, name
        _assert_nothing_personal(response)
    for name, response in unknown.items():
        assert _page(response, UNKNOWN) == _page(known[name], number), name
    assert "Nomor atau kode rahasia tidak cocok." in known["wrong secret"].content.decode()


def test_wrong_guesses_are_limited_per_client_and_number(tracked):
    application, secret = tracked
    client = Client()
    url = reverse("public_services:track")
    for _ in range(10):
        assert client.post(url, {"nomor": application.number, "rahasia": "SALAH234"}).status_code == 200
    refused = client.post(url, {"nomor": application.number, "rahasia": secret})
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan" in refused.content.decode()
    _assert_nothing_personal(refused)
    link = client.get(reverse("public_services:track_link", args=[application.number, secret]))
    assert link.status_code == 429
    elsewhere = Client(REMOTE_ADDR="203.0.113.5")  # another address is not punished for it
    assert elsewhere.post(url, {"nomor": application.number, "rahasia": secret}).status_code == 302


def test_with_the_secret_the_timeline_shows_labels_and_dates_but_no_internal_note_or_officer(tracked):
    application, secret = tracked
    client = Client()
    response = client.post(
        reverse("public_services:track"), {"nomor": application.number, "rahasia": secret.lower()}
    )
    assert response["Location"] == reverse("public_services:track_detail", args=[application.number])
    page = client.get(response["Location"]).content.decode()
    assert "Siti Aminah" in page and "Surat Keterangan Domisili Usaha" in page
    assert "Diajukan, menunggu pemeriksaan" in page and "Sedang diperiksa" in page
    assert "petugas" in page
    assert "Catatan internal" not in page and "kerabat" not in page
    assert "Bambang" not in page
    assert 'data-testid="track-due"' in page


def test_the_qr_link_page_takes_few_queries_and_writes_no_session_when_there_is_nothing_to_do(tracked):
    application, secret = tracked
    client = Client()
    url = reverse("public_services:track_link", args=[application.number, secret])
    client.get(url)  # warm the content-type cache as a running server has it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 4, [q["sql"] for q in queries]
    assert "sessionid" not in response.cookies
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_qr_link_page_never_writes_a_session_even_when_it_offers_an_action(tracked, officer):
    application, secret = tracked
    services.request_correction(application=application, actor=officer, message="Unggah ulang KTP.")
    response = Client().get(reverse("public_services:track_link", args=[application.number, secret]))
    assert 'data-testid="correction-form"' in response.content.decode()
    assert "sessionid" not in response.cookies


def test_the_detail_page_through_the_session_takes_few_queries(tracked):
    application, secret = tracked
    client = Client()
    client.post(reverse("public_services:track"), {"nomor": application.number, "rahasia": secret})
    url = reverse("public_services:track_detail", args=[application.number])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 4, [q["sql"] for q in queries]  # session, application, history, messages
    assert "sessionid" not in response.cookies  # nothing changed, nothing written


def test_forgetting_this_device_drops_the_grant(tracked):
    application, secret = tracked
    client = Client()
    client.post(reverse("public_services:track"), {"nomor": application.number, "rahasia": secret})
    client.post(reverse("public_services:track_forget"))
    response = client.get(reverse("public_services:track_detail", args=[application.number]))
    _assert_nothing_personal(response)


def test_a_new_secret_made_at_the_counter_ends_the_grants_of_the_old_one(tracked, officer):
    from lontar.public_services.services.counter import rotate_secret

    application, secret = tracked
    client = Client()
    client.post(reverse("public_services:track"), {"nomor": application.number, "rahasia": secret})
    url = reverse("public_services:track_detail", args=[application.number])
    assert "Siti Aminah" in client.get(url).content.decode()
    new_secret = rotate_secret(actor=officer, application=application)
    _assert_nothing_personal(client.get(url))
    assert (
        client.get(reverse("public_services:track_link", args=[application.number, secret]))
        .content.decode()
        .count("Nomor atau kode rahasia tidak cocok.")
    )
    client.post(reverse("public_services:track"), {"nomor": application.number, "rahasia": new_secret})
    assert "Siti Aminah" in client.get(url).content.decode()
