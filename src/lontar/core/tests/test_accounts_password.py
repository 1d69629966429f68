import re

import pytest
from django.urls import reverse

from lontar.core.accounts import selectors
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.accounts_helpers import fast_password_hashing, sign_in  # noqa: F401
from lontar.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Baru-Yang-Panjang-9"


def _without_csrf(response):
    return re.sub(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', r"\1", response.content.decode())


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def request_reset(client, settings, django_capture_on_commit_callbacks):
    """Ask for a reset link; the mail task runs when the request's work commits, as a worker would."""
    settings.TASKS = IMMEDIATE_TASKS

    def ask(email, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("core:password_reset"), {"email": email}, **kwargs)

    return ask


def _reset_link(message) -> str:
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    return re.search(r"https?://[^/\s]+(/akun/atur-sandi/\S+/)", body).group(1)


def _choose_new_password(client, link, password=NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    return client.post(set_url, {"new_password1": password, "new_password2": password})


def test_password_reset_mail_goes_through_smtp_and_its_link_sets_a_new_password(
    client, staff_user, smtp_inbox, request_reset
):
    response = request_reset(staff_user.email)
    assert response["Location"] == reverse("core:password_reset_done")
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == staff_user.email
    assert message["Subject"] == "Atur ulang kata sandi Lontar"
    requested = AuditEvent.objects.get(action="core.password_reset_requested")
    assert (requested.object_id, requested.organisation_id) == (
        str(staff_user.pk),
        staff_user.staff.organisation_id,
    )

    response = _choose_new_password(client, _reset_link(message))
    assert response["Location"] == reverse("core:password_reset_complete")
    changed = AuditEvent.objects.get(action="core.password_changed")
    assert (changed.actor_id, changed.organisation_id) == (staff_user.pk, staff_user.staff.organisation_id)
    assert changed.after == {"via": "reset"}
    assert not AuditEvent.objects.filter(action="core.account_unlocked").exists()

    assert sign_in(client, staff_user.username, PASSWORD).status_code == 200
    assert sign_in(client, staff_user.username, NEW_PASSWORD).status_code == 302
    # The link is single-use.
    client.post(reverse("core:logout"))
    assert "tidak berlaku lagi" in client.get(_reset_link(message), follow=True).content.decode()


def test_a_new_password_from_the_mailed_link_also_lifts_a_lockout(
    client, staff_user, smtp_inbox, request_reset
):
    for _ in range(5):
        sign_in(client, staff_user.username, "kata-sandi-keliru")
    assert selectors.is_locked_out(staff_user)

    request_reset(staff_user.email)
    _choose_new_password(client, _reset_link(smtp_inbox.messages[0]))

    assert not selectors.is_locked_out(staff_user)
    unlocked = AuditEvent.objects.get(action="core.account_unlocked")
    assert unlocked.actor_id == staff_user.pk
    assert unlocked.before == {"locked": True}
    assert unlocked.after == {"locked": False, "attempts_removed": 1, "via": "password_reset"}
    assert sign_in(client, staff_user.username, NEW_PASSWORD).status_code == 302


def test_a_new_password_from_the_mailed_link_forgets_earlier_wrong_tries(
    client, staff_user, smtp_inbox, request_reset
):
    for _ in range(4):
        sign_in(client, staff_user.username, "kata-sandi-keliru")
    request_reset(staff_user.email)
    _choose_new_password(client, _reset_link(smtp_inbox.messages[0]))
    # One more wrong try does not lock the account: the count started again.
    sign_in(client, staff_user.username, "kata-sandi-keliru")
    assert not selectors.is_locked_out(staff_user)
    assert not AuditEvent.objects.filter(action__in=["core.account_unlocked", "core.account_locked"]).exists()


def test_an_account_still_waiting_for_its_first_password_can_ask_for_a_new_link(
    client, district, make_member, smtp_inbox, request_reset
):
    newcomer = make_member(district, Role.STAFF)
    newcomer.set_unusable_password()
    newcomer.save()
    request_reset(newcomer.email.upper())
    assert [m["To"] for m in smtp_inbox.messages] == [newcomer.email]
    _choose_new_password(client, _reset_link(smtp_inbox.messages[0]))
    assert sign_in(client, newcomer.username, NEW_PASSWORD).status_code == 302


def test_an_inactive_account_gets_no_link(client, staff_user, smtp_inbox, request_reset):
    staff_user.is_active = False
    staff_user.save()
    request_reset(staff_user.email)
    assert smtp_inbox.messages == []
    assert not AuditEvent.objects.filter(action="core.password_reset_requested").exists()


def test_password_reset_does_not_reveal_whether_an_address_exists(
    client, staff_user, smtp_inbox, request_reset
):
    known = request_reset(staff_user.email, follow=True)
    unknown = request_reset("siapa@contoh.go.id", follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf(known) == _without_csrf(unknown)
    assert len(smtp_inbox.messages) == 1


def test_signed_in_user_changes_password_and_stays_signed_in(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("core:password_change"),
        {"old_password": "bukan-ini", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Kata sandi lama salah" in response.content.decode()
    assert not AuditEvent.objects.filter(action="core.password_changed").exists()

    response = client.post(
        reverse("core:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("core:account_security")
    assert client.get(reverse("core:dashboard")).status_code == 200
    staff_user.refresh_from_db()
    assert staff_user.check_password(NEW_PASSWORD)
    changed = AuditEvent.objects.get(action="core.password_changed")
    assert (changed.actor_id, changed.organisation_id) == (staff_user.pk, staff_user.staff.organisation_id)
    assert changed.after == {"via": "change"}


def test_a_too_short_new_password_is_refused_in_indonesian_and_nothing_changes(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("core:password_change"),
        {"old_password": PASSWORD, "new_password1": "pendek1", "new_password2": "pendek1"},
    )
    assert "terlalu pendek" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_the_reset_mail_is_not_sent_in_the_request_but_by_the_worker_after_it(
    client, staff_user, smtp_inbox, settings
):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    response = client.post(reverse("core:password_reset"), {"email": staff_user.email})
    assert response.status_code == 302
    assert smtp_inbox.messages == [], "the request itself sends nothing"

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default", verbosity=0)
    assert len(smtp_inbox.messages) == 1
    assert smtp_inbox.messages[0]["To"] == staff_user.email
    assert _reset_link(smtp_inbox.messages[0]).startswith("/akun/atur-sandi/")


def test_the_reset_mail_is_written_in_the_accounts_language(client, staff_user, smtp_inbox, request_reset):
    staff_user.preferred_language = "en"
    staff_user.save()
    request_reset(staff_user.email)
    body = smtp_inbox.messages[0].get_payload(decode=True).decode()
    assert "Kami menerima permintaan" not in body
