"""Citizens with an account: register with an e-mail code, land on "Permohonan saya" after signing
in, apply without the contact code, and reach their own applications without the secret — while
another citizen cannot, and staff pages give a citizen nothing."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lontar.core.audit import AuditEvent
from lontar.core.models import Membership
from lontar.public_services.models import Application, ApplicationStatus, ContactVerification
from lontar.public_services.tests.factories import make_service, submitted_application
from lontar.public_services.tests.portal_helpers import (  # noqa: F401
    IMMEDIATE_TASKS,
    apply_url,
    form_data,
    fresh_cache,
    submit_key,
)

pytestmark = pytest.mark.django_db

PASSWORD = "Kebun-Melati-2026"
MY_PAGE = "/layanan/akun/permohonan/"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = IMMEDIATE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _code(mail) -> str:
    return re.search(r"\b(\d{6})\b", mail.body).group(1)


def _register(client, django_capture_on_commit_callbacks, email="Siti.Aminah@Example.com", **overrides):
    data = {"nama": "Siti Aminah", "surel": email, "sandi": PASSWORD, **overrides}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("public_services:register"), data)


def _citizen(email="warga@example.com", name="Budi Santoso"):
    return get_user_model().objects.create_user(
        username=email, email=email, first_name=name, password=PASSWORD
    )


def test_registering_with_the_emailed_code_creates_a_citizen_account_without_any_role(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    response = _register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("public_services:register_code")
    assert not get_user_model().objects.filter(username="siti.aminah@example.com").exists()
    assert mailoutbox[0].to == ["siti.aminah@example.com"]
    assert PASSWORD not in str(dict(client.session))  # only the password's hash is kept

    response = client.post(reverse("public_services:register_code"), {"kode": _code(mailoutbox[0])})

    assert response.status_code == 302 and response.url == MY_PAGE
    user = get_user_model().objects.get(username="siti.aminah@example.com")
    assert user.email == "siti.aminah@example.com" and user.get_full_name() == "Siti Aminah"
    assert user.check_password(PASSWORD)
    assert not Membership.objects.filter(user=user).exists() and not user.is_staff
    event = AuditEvent.objects.get(action="public_services.citizen_account.create")
    assert event.object_id == str(user.pk) and "Siti Aminah" in event.actor_label
    page = client.get(MY_PAGE)  # signed in right away
    assert page.status_code == 200 and 'data-testid="no-applications"' in page.content.decode()


def test_the_first_step_does_not_reveal_whether_an_email_has_an_account(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    _citizen("siti@example.com")
    taken = _register(client, django_capture_on_commit_callbacks, email=" SITI@example.com ")
    other = client.__class__()
    free = _register(other, django_capture_on_commit_callbacks, email="baru@example.com")
    assert taken.status_code == free.status_code == 302
    assert taken.url == free.url == reverse("public_services:register_code")
    assert [m.to for m in mailoutbox] == [["siti@example.com"], ["baru@example.com"]]


def test_an_email_already_used_is_refused_after_its_code_and_nothing_is_created(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    owner = _citizen("siti@example.com")
    _register(client, django_capture_on_commit_callbacks, email="siti@example.com")
    response = client.post(reverse("public_services:register_code"), {"kode": _code(mailoutbox[0])})
    assert response.status_code == 200
    assert "sudah dipakai sebuah akun" in response.content.decode()
    assert get_user_model().objects.count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and owner.first_name == "Budi Santoso"
    assert not AuditEvent.objects.filter(action="public_services.citizen_account.create").exists()


def test_a_weak_password_is_refused_before_any_code_is_sent(client, django_capture_on_commit_callbacks):
    response = _register(client, django_capture_on_commit_callbacks, sandi="12345678")
    assert response.status_code == 200
    assert not ContactVerification.objects.exists()
    assert 'id="id_sandi_error"' in response.content.decode()


def test_a_wrong_code_creates_no_account(client, django_capture_on_commit_callbacks, mailoutbox):
    _register(client, django_capture_on_commit_callbacks)
    right = _code(mailoutbox[0])
    wrong = "000000" if right != "000000" else "111111"
    response = client.post(reverse("public_services:register_code"), {"kode": wrong})
    assert response.status_code == 200 and "Kode salah" in response.content.decode()
    assert not get_user_model().objects.filter(email="siti.aminah@example.com").exists()
    assert not AuditEvent.objects.filter(action="public_services.citizen_account.create").exists()


def test_a_citizen_signing_in_lands_on_my_applications_not_the_staff_dashboard(client):
    _citizen()
    response = client.post(
        reverse("core:login"), {"username": "warga@example.com", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == MY_PAGE
    assert "Permohonan saya" in response.content.decode()


def test_staff_pages_refuse_a_citizen(client, district):
    user = _citizen()
    client.force_login(user)
    assert client.get(reverse("public_services:office_queue")).status_code in (403, 404)
    assert client.get(reverse("public_services:catalogue_list")).status_code in (403, 404)


def test_staff_keep_their_dashboard(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_a_signed_in_citizen_applies_without_the_contact_code(client, district):
    service = make_service(district)
    user = _citizen()
    client.force_login(user)
    assert client.get(
        reverse("public_services:apply_contact", kwargs={"org_id": district.pk, "code": service.code})
    ).url == apply_url(service)

    form = client.get(apply_url(service))
    assert form.status_code == 200
    html = form.content.decode()
    assert 'value="Budi Santoso"' in html and "warga@example.com" in html
    response = client.post(
        apply_url(service), form_data(service, key=submit_key(form), nama="Budi Santoso", ajukan="1")
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert application.applicant_user == user and application.applicant_email == "warga@example.com"
    assert application.contact_verified_at is not None
    assert application.status == ApplicationStatus.SUBMITTED
    assert not ContactVerification.objects.exists()


def test_an_email_typed_over_the_accounts_one_is_ignored(client, district):
    service = make_service(district)
    client.force_login(_citizen())
    form = client.get(apply_url(service))
    client.post(
        apply_url(service),
        form_data(service, key=submit_key(form), surel="lain@example.com", ajukan="1"),
    )
    assert Application.objects.get().applicant_email == "warga@example.com"


def test_staff_applying_on_the_portal_still_verify_a_contact(client, district, staff_user):
    service = make_service(district)
    client.force_login(staff_user)
    response = client.get(apply_url(service))
    assert response.status_code == 302 and "kontak" in response.url


def test_the_owner_sees_and_resumes_their_applications_without_the_secret(client, district):
    service = make_service(district, name="Surat Keterangan Usaha")
    user = _citizen()
    submitted, _secret = submitted_application(service, name="Budi Santoso")
    Application.objects.filter(pk=submitted.pk).update(applicant_user=user)
    client.force_login(user)
    form = client.get(apply_url(service))
    client.post(apply_url(service), form_data(service, key=submit_key(form), with_files=False))
    draft = Application.objects.get(status=ApplicationStatus.DRAFT)

    page = client.get(MY_PAGE).content.decode()
    assert page.index(draft.number) < page.index(submitted.number)  # drafts first
    assert "Surat Keterangan Usaha" in page and 'data-testid="sign-out"' in page

    client.logout()
    client.force_login(user)  # a new session: no grant of any kind, only the account
    detail = client.get(reverse("public_services:track_detail", kwargs={"number": submitted.number}))
    assert detail.status_code == 200 and "Budi Santoso" in detail.content.decode()
    assert 'data-testid="my-applications-link"' in detail.content.decode()
    resume = client.get(f"{apply_url(service)}?nomor={draft.number}")
    assert resume.status_code == 200 and draft.number in resume.content.decode()


def test_another_citizen_cannot_reach_someone_elses_application(client, district):
    service = make_service(district)
    owner = _citizen("pemilik@example.com", "Pemilik Asli")
    application, _secret = submitted_application(
        service, name="Pemilik Asli", address="Jl. Rahasia 9", email="pemilik@example.com"
    )
    Application.objects.filter(pk=application.pk).update(applicant_user=owner)
    client.force_login(_citizen("lain@example.com", "Orang Lain"))

    for name in ("track_detail", "receipt", "track_download"):
        response = client.get(reverse(f"public_services:{name}", kwargs={"number": application.number}))
        html = response.content.decode()
        assert response.status_code in (200, 302, 404)
        assert (
            "Pemilik Asli" not in html and "Jl. Rahasia 9" not in html and "pemilik@example.com" not in html
        )
        if response.status_code == 200:
            assert 'name="rahasia"' in html  # only the tracking form, asking for the secret
    resumed = client.get(f"{apply_url(service)}?nomor={application.number}")
    assert resumed.status_code == 302 and resumed.url == reverse("public_services:track")
    assert application.number not in client.get(MY_PAGE).content.decode()
