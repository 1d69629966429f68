import re

import pytest
from django.core import mail
from django.urls import reverse

from lontar.core.models import AuditEvent
from lontar.core.tests.accounts_helpers import fast_password_hashing, sign_in  # noqa: F401
from lontar.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Baru-Yang-Panjang-9"


def _without_csrf(response):
    return re.sub(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', r"\1", response.content.decode())


@pytest.fixture(autouse=True)
def locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_password_reset_by_email_from_request_to_sign_in(client, staff_user):
    response = client.post(reverse("core:password_reset"), {"email": staff_user.email})
    assert response["Location"] == reverse("core:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_user.email]
    assert "Atur ulang kata sandi Lontar" in message.subject
    link = re.search(r"https?://[^/\s]+(/akun/atur-sandi/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("core:password_reset_complete")
    assert AuditEvent.objects.get(action="core.password_changed").after == {"via": "reset"}

    assert sign_in(client, staff_user.username, PASSWORD).status_code == 200
    assert sign_in(client, staff_user.username, NEW_PASSWORD).status_code == 302
    # The link is single-use.
    client.post(reverse("core:logout"))
    assert "tidak berlaku lagi" in client.get(link, follow=True).content.decode()


def test_password_reset_does_not_reveal_whether_an_address_exists(client, staff_user):
    known = client.post(reverse("core:password_reset"), {"email": staff_user.email}, follow=True)
    unknown = client.post(reverse("core:password_reset"), {"email": "siapa@contoh.go.id"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf(known) == _without_csrf(unknown)
    assert len(mail.outbox) == 1


def test_signed_in_user_changes_password_and_stays_signed_in(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("core:password_change"),
        {"old_password": "bukan-ini", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Kata sandi lama salah" in response.content.decode()

    response = client.post(
        reverse("core:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("core:account_security")
    assert client.get(reverse("core:dashboard")).status_code == 200
    staff_user.refresh_from_db()
    assert staff_user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.get(action="core.password_changed").after == {"via": "change"}
