"""A walk-in application registered at the counter: one flow through the same services as online,
the paper requirements the officer saw, one application however often the form is sent, the
receipt with the secret only in the registering session, and a new secret that retires the old."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.public_services.models import Application, ApplicationStatus, Channel, Visit, VisitStatus
from lontar.public_services.numbers import secret_matches
from lontar.public_services.selectors.visits import CHECKED_REQUIREMENTS_KEY
from lontar.public_services.services import counter as counter_services
from lontar.public_services.services import visits as visit_services
from lontar.public_services.tests.factories import applicant, make_service, pdf_upload
from lontar.public_services.tests.test_visits_booking import at

pytestmark = pytest.mark.django_db
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"
THURSDAY = dt.date(2026, 11, 5)


@pytest.fixture
def desk(district):
    return member(district, Role.FRONT_DESK, full_name="Dewi Lestari")


@pytest.fixture
def service(district):
    return make_service(district, processing_days=3)


def _requirements(service):
    return list(service.standards.get().requirements.all())


def register(desk, service, *, key=None, checked=None, scans=None, data=None, visit=None, **who):
    return counter_services.register_walk_in(
        actor=desk,
        service=service,
        applicant=applicant(**who),
        data=data if data is not None else {"keperluan": "Beasiswa"},
        checked_requirements=_requirements(service) if checked is None else checked,
        scans=scans,
        submit_key=key or uuid.uuid4().hex,
        visit=visit,
    )


def test_a_walk_in_is_submitted_at_once_with_the_requirements_the_officer_saw(service, desk):
    ktp, kk = _requirements(service)
    with at(THURSDAY, 9):
        new = register(desk, service, scans={ktp: pdf_upload()})
    application = new.application
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.channel == Channel.COUNTER
    assert application.registered_by == desk
    assert application.due_date == dt.date(2026, 11, 10)  # 3 working days after Thursday
    assert application.data[CHECKED_REQUIREMENTS_KEY] == [ktp.pk, kk.pk]
    assert application.data["keperluan"] == "Beasiswa"
    assert list(application.uploads.values_list("requirement_id", flat=True)) == [ktp.pk]
    assert secret_matches(application, new.secret)
    event = AuditEvent.objects.get(action="public_services.application.register_walk_in")
    assert event.actor == desk
    assert event.after["persyaratan_diperiksa"] == ["KTP pemohon", "Kartu Keluarga"]
    assert event.after["pindaian"] == ["KTP pemohon"]


def test_the_same_form_sent_twice_registers_one_application(service, desk):
    key = uuid.uuid4().hex
    first = register(desk, service, key=key)
    again = register(desk, service, key=key)
    assert Application.objects.count() == 1
    assert again.application.pk == first.application.pk
    assert again.created is False and again.secret == ""


def test_an_unchecked_mandatory_requirement_refuses_and_keeps_nothing(service, desk):
    ktp, _kk = _requirements(service)
    with pytest.raises(ValidationError) as refused:
        register(desk, service, checked=[ktp])
    assert "Persyaratan wajib belum diperiksa: Kartu Keluarga" in refused.value.messages[0]
    with pytest.raises(ValidationError) as incomplete:
        register(desk, service, data={})
    assert "Keperluan" in incomplete.value.messages[0]
    assert not Application.objects.exists()


def test_the_ticket_being_served_is_closed_and_linked(service, desk):
    with at(THURSDAY, 8):
        ticket = visit_services.walk_in_ticket(actor=desk, service=service, name="Siti Aminah")
        visit_services.call_next(actor=desk, organisation=service.organisation)
        new = register(desk, service, visit=ticket)
    ticket.refresh_from_db()
    assert ticket.status == VisitStatus.SERVED
    assert ticket.application == new.application


def test_a_served_ticket_refuses_a_second_registration_and_keeps_nothing(service, desk):
    with at(THURSDAY, 8):
        ticket = visit_services.walk_in_ticket(actor=desk, service=service)
        register(desk, service, visit=ticket)
        with pytest.raises(ValidationError):
            register(desk, service, visit=ticket)
    assert Application.objects.count() == 1


def test_a_new_secret_retires_the_old_one_and_is_audited(service, desk):
    new = register(desk, service)
    fresh = counter_services.rotate_secret(actor=desk, application=new.application)
    application = Application.objects.get()
    assert fresh != new.secret
    assert secret_matches(application, fresh)
    assert not secret_matches(application, new.secret)
    event = AuditEvent.objects.get(action="public_services.application.rotate_secret")
    assert event.actor == desk
    assert fresh not in str(event.after) and new.secret not in str(event.after)


def test_only_the_front_desk_of_the_office_registers_walk_ins(district, other_district, service, desk):
    existing = register(desk, service)
    hash_before = existing.application.secret_hash
    for actor in (
        member(district, Role.HEAD),
        member(district, Role.AUDITOR),
        member(other_district, Role.FRONT_DESK),
    ):
        with pytest.raises(PermissionDenied):
            register(actor, service)
        with pytest.raises(PermissionDenied):
            counter_services.rotate_secret(actor=actor, application=existing.application)
    assert Application.objects.count() == 1
    existing.application.refresh_from_db()
    assert existing.application.secret_hash == hash_before


# --- the screens -----------------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def form_data(service, key="kunci-satu", **overrides) -> dict:
    ktp, kk = _requirements(service)
    return {
        "layanan": service.pk,
        "submit_key": key,
        "name": "Siti Aminah",
        "nik": "3273 0145 0190 0002",
        "phone": "0812-3456-7890",
        "email": "",
        "address": "Jl. Melati No. 5",
        "isian_keperluan": "Beasiswa sekolah anak",
        f"syarat_{ktp.pk}": "on",
        f"syarat_{kk.pk}": "on",
        **overrides,
    }


def test_the_counter_screen_registers_once_and_prints_the_secret_in_that_session(service, desk):
    client = client_for(desk)
    chooser = client.get(reverse("public_services:walk_in"))
    assert service.name in chooser.content.decode()
    page = client.get(reverse("public_services:walk_in"), {"layanan": service.pk})
    assert page.status_code == 200
    assert "Kartu Keluarga" in page.content.decode()
    first = client.post(reverse("public_services:walk_in"), form_data(service))
    second = client.post(reverse("public_services:walk_in"), form_data(service))
    application = Application.objects.get()
    receipt_url = reverse("public_services:counter_receipt", args=[application.pk])
    assert first["Location"] == second["Location"] == receipt_url
    assert application.applicant_nik == "3273014501900002"
    assert application.applicant_phone == "+6281234567890"  # stored as the online form stores it
    receipt = client.get(receipt_url).content.decode()
    secret = client.session["ps_counter_secrets"][str(application.pk)]
    assert secret_matches(application, secret)
    assert application.number in receipt and secret in receipt
    assert f"/lacak/{application.number}/{secret}/" in receipt
    # Another officer's session (or a later one) reprints the number only.
    other = client_for(member(service.organisation, Role.STAFF)).get(receipt_url).content.decode()
    assert application.number in other and secret not in other
    assert "Buat kode rahasia baru" in other


def test_a_bad_nik_is_explained_and_the_form_keeps_what_was_typed(service, desk):
    response = client_for(desk).post(reverse("public_services:walk_in"), form_data(service, nik="12345"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "NIK terdiri atas 16 angka; yang Anda tulis 5 angka" in body
    assert "Jl. Melati No. 5" in body
    assert not Application.objects.exists()


def test_an_unchecked_requirement_is_explained_on_the_screen(service, desk):
    _ktp, kk = _requirements(service)
    data = form_data(service)
    del data[f"syarat_{kk.pk}"]
    body = client_for(desk).post(reverse("public_services:walk_in"), data).content.decode()
    assert body.count("Wajib. Centang setelah memeriksa dokumen aslinya.") == 1
    assert f'id="id_syarat_{kk.pk}"' in body
    assert not Application.objects.exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
def test_the_receipt_pdf_carries_the_office_number_secret_and_requirements(service, desk, tmp_path):
    client = client_for(desk)
    client.post(reverse("public_services:walk_in"), form_data(service))
    application = Application.objects.get()
    response = client.get(reverse("public_services:counter_receipt_pdf", args=[application.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    path = tmp_path / "tanda-terima.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    secret = client.session["ps_counter_secrets"][str(application.pk)]
    assert "TANDA TERIMA PERMOHONAN" in text
    assert service.organisation.name.upper() in text
    assert application.number in text
    assert secret in text
    assert "Kartu Keluarga" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "419.528 x 595.276 pts" in info  # A5
    assert "Pages:           1" in info


def test_the_new_secret_button_rotates_and_prints_the_new_secret(service, desk):
    new = register(desk, service)
    client = client_for(desk)
    response = client.post(reverse("public_services:counter_new_secret", args=[new.application.pk]))
    assert response.status_code == 302
    application = Application.objects.get()
    fresh = client.session["ps_counter_secrets"][str(application.pk)]
    assert secret_matches(application, fresh) and not secret_matches(application, new.secret)
    assert fresh in client.get(response["Location"]).content.decode()


def test_other_offices_get_404_and_staff_without_the_counter_action_403_with_nothing_changed(
    district, other_district, service, desk
):
    new = register(desk, service)
    before = Application.objects.values().get()
    foreign = client_for(member(other_district, Role.FRONT_DESK))
    head = client_for(member(district, Role.HEAD))
    pk = new.application.pk
    assert foreign.get(reverse("public_services:counter_receipt", args=[pk])).status_code == 404
    assert foreign.get(reverse("public_services:counter_receipt_pdf", args=[pk])).status_code == 404
    assert foreign.post(reverse("public_services:counter_new_secret", args=[pk])).status_code == 404
    assert foreign.post(reverse("public_services:walk_in"), form_data(service, key="lain")).status_code == 404
    assert head.get(reverse("public_services:walk_in")).status_code == 403
    assert head.post(reverse("public_services:walk_in"), form_data(service, key="lain")).status_code == 403
    assert head.post(reverse("public_services:counter_new_secret", args=[pk])).status_code == 403
    assert Application.objects.values().get() == before
    assert not Visit.objects.exists()
