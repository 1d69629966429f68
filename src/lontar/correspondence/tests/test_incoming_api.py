import pytest
from django.test import Client
from django.urls import reverse

from lontar.core.models import AuditEvent
from lontar.correspondence.models import Disposition, IncomingLetter
from lontar.correspondence.services import dispositions
from lontar.correspondence.tests.incoming_helpers import build_office, register

pytestmark = pytest.mark.django_db
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


@pytest.fixture
def office(district):
    return build_office(district)


def _client(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _payload(office, **extra):
    return {
        "organisation": office.org.pk,
        "sender_name": "Kepala Bappeda",
        "sender_institution": "Bappeda Kota",
        "sender_number": "050/9/Bappeda",
        "received_date": "2026-11-03",
        "subject": "Jadwal musrenbang kecamatan",
        "classification_code": "000.1.5",
        **extra,
    }


def test_registering_through_the_api_takes_the_agenda_number_and_is_audited(office):
    client = _client(office.front_desk)
    response = client.post(
        reverse("api:incoming-letter-list"), _payload(office), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    letter = IncomingLetter.objects.get()
    assert body["agenda_number"] == letter.agenda_number
    assert body["classification_code"] == "000.1.5"
    assert AuditEvent.objects.filter(action="correspondence.incoming_register").count() == 1


def test_a_duplicate_through_the_api_needs_confirmation(office):
    client = _client(office.front_desk)
    url = reverse("api:incoming-letter-list")
    client.post(url, _payload(office), content_type="application/json")
    refused = client.post(url, _payload(office), content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["duplicates"] == [IncomingLetter.objects.get().agenda_number]
    accepted = client.post(url, _payload(office, confirm_duplicate=True), content_type="application/json")
    assert accepted.status_code == 201


def test_staff_cannot_register_through_the_api(office):
    response = _client(office.staff).post(
        reverse("api:incoming-letter-list"), _payload(office), content_type="application/json"
    )
    assert response.status_code == 400  # the office is not one they may register letters for
    assert not IncomingLetter.objects.exists()


def test_the_list_leaves_out_the_summary_and_the_detail_has_it(office):
    letter = register(office)
    client = _client(office.camat)
    rows = client.get(reverse("api:incoming-letter-list")).json()["results"]
    assert [row["id"] for row in rows] == [letter.pk] and "summary" not in rows[0]
    assert (
        client.get(reverse("api:incoming-letter-detail", args=[letter.pk])).json()["summary"]
        == letter.summary
    )


def test_disposing_through_the_api_and_reading_the_inbox(office):
    letter = register(office)
    dispositions.seed_default_instructions(organisation=office.org)
    instruction = dispositions.DispositionInstruction.objects.get(
        organisation=office.org, text="Untuk diketahui"
    )
    response = _client(office.camat).post(
        reverse("api:disposition-list"),
        {
            "letter": letter.pk,
            "units": [office.seksi.pk],
            "instructions": [instruction.pk],
            "working_days": 2,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    (row,) = response.json()
    assert row["recipient"] == office.kasi.pk and row["status"] == "terkirim"
    inbox = _client(office.kasi).get(reverse("api:disposition-list"), {"kotak": "belum-dibaca"}).json()
    assert [d["id"] for d in inbox] == [row["id"]]
    assert _client(office.kasi).get(reverse("api:disposition-detail", args=[row["id"]])).status_code == 200


def test_a_refused_disposition_through_the_api_says_why_and_saves_nothing(office):
    letter = register(office)
    response = _client(office.camat).post(
        reverse("api:disposition-list"),
        {"letter": letter.pk, "note": "tanpa penerima"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "recipients" in response.json()
    assert not Disposition.objects.exists()
    staff = _client(office.staff).post(
        reverse("api:disposition-list"),
        {"letter": letter.pk, "recipients": [office.kasi.pk], "note": "x"},
        content_type="application/json",
    )
    assert staff.status_code == 403


def test_the_disposition_steps_through_the_api(office):
    letter = register(office)
    (d,) = dispositions.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    kasi, camat = _client(office.kasi), _client(office.camat)
    assert kasi.post(reverse("api:disposition-withdraw", args=[d.pk])).status_code == 403
    assert kasi.post(reverse("api:disposition-read", args=[d.pk])).json()["status"] == "dibaca"
    refused = camat.post(reverse("api:disposition-withdraw", args=[d.pk]))
    assert refused.status_code == 400 and "sudah dibaca" in refused.json()["non_field_errors"][0]
    reported = kasi.post(
        reverse("api:disposition-report", args=[d.pk]),
        {"text": "Selesai", "done": True},
        content_type="application/json",
    )
    assert reported.json()["status"] == "dilaporkan"
    assert camat.post(reverse("api:disposition-complete", args=[d.pk])).json()["status"] == "selesai"


def test_the_front_desk_attaches_scans_through_the_api_and_readers_list_them(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lontar.core.tests.files_samples import pdf_bytes

    letter = register(office)
    url = reverse("api:incoming-letter-scans", args=[letter.pk])
    first = SimpleUploadedFile("halaman-1.pdf", pdf_bytes("Halaman satu"), "application/pdf")
    second = SimpleUploadedFile("halaman-2.pdf", pdf_bytes("Halaman dua"), "application/pdf")
    response = _client(office.front_desk).post(url, {"files": [first, second]})
    assert response.status_code == 201, response.content
    assert [s["original_name"] for s in response.json()] == ["halaman-1.pdf", "halaman-2.pdf"]
    assert (
        AuditEvent.objects.filter(action="correspondence.incoming_scan_add", object_id=str(letter.pk)).count()
        == 2
    )
    listed = _client(office.camat).get(url).json()
    assert len(listed) == 2 and listed[0]["url"].endswith("/unduh/")


def test_a_scan_that_is_not_a_pdf_or_image_is_refused_in_indonesian_and_nothing_is_stored(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    letter = register(office)
    url = reverse("api:incoming-letter-scans", args=[letter.pk])
    fake = SimpleUploadedFile("surat.pdf", b"<html>bukan pdf</html>", "application/pdf")
    response = _client(office.front_desk).post(url, {"files": [fake]})
    assert response.status_code == 400
    assert "files" in response.json()
    assert _client(office.front_desk).get(url).json() == []


def test_only_those_who_register_letters_attach_scans(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lontar.core.tests.files_samples import pdf_bytes

    letter = register(office)
    url = reverse("api:incoming-letter-scans", args=[letter.pk])
    scan = SimpleUploadedFile("x.pdf", pdf_bytes("x"), "application/pdf")
    assert _client(office.staff).post(url, {"files": [scan]}).status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="correspondence.incoming_scan_add").exists()
