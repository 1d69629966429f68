import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from lontar.core.accounts import selectors
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.accounts_helpers import fast_password_hashing, sign_in  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def budi(district, make_member):
    user = make_member(district, Role.STAFF, nip="198609262015051001")
    user.username = "budi"
    user.save()
    return user


def _fail(client, name, times):
    for _ in range(times):
        sign_in(client, name, "kata-sandi-keliru")


def _assert_locked_page(response):
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()


def test_the_lockout_page_says_in_indonesian_how_the_lock_is_lifted(client, budi):
    _fail(client, "budi", 4)
    page = sign_in(client, "budi", "kata-sandi-keliru").content.decode()
    assert "Kata sandi salah dimasukkan 5 kali berturut-turut" in page
    assert "Tunggu 30 menit lalu masuk lagi" in page
    assert f'href="{reverse("core:password_reset")}"' in page
    assert "Minta administrator organisasi Anda membuka kunci" in page


def test_locking_is_audited_once_with_before_and_after_in_the_accounts_office(client, budi, district):
    _fail(client, "budi", 7)
    locked = AuditEvent.objects.get(action="core.account_locked")
    assert (locked.actor_id, locked.object_id, locked.organisation_id) == (None, str(budi.pk), district.pk)
    assert locked.before == {"locked": False}
    assert locked.after == {"locked": True, "failures": 5, "cool_off_minutes": 30}
    failures = AuditEvent.objects.filter(action="core.login_failed").order_by("pk")
    # The sixth and seventh tries were refused without looking at the password.
    assert [e.after["locked"] for e in failures] == [False] * 5 + [True, True]


def test_guesses_spread_over_many_addresses_still_lock_the_account(client, budi, org_admin):
    for n in range(5):
        sign_in(client, "budi", "kata-sandi-keliru", meta={"REMOTE_ADDR": f"10.0.0.{n + 1}"})
    assert selectors.is_locked_out(budi)
    _assert_locked_page(sign_in(client, "budi", meta={"REMOTE_ADDR": "10.0.0.9"}))
    admin_client = client.__class__()
    admin_client.force_login(org_admin)
    assert "Terkunci" in admin_client.get(reverse("core:managed_accounts")).content.decode()


def test_sixth_attempt_is_refused_even_with_the_right_password(client, budi):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert sign_in(client, "budi", "kata-sandi-keliru").status_code == 200
    # The fifth failure locks the account and already answers with the lockout page.
    _assert_locked_page(sign_in(client, "budi", "kata-sandi-keliru"))
    response = sign_in(client, "budi")
    _assert_locked_page(response)
    assert "_auth_user_id" not in client.session
    assert selectors.is_locked_out(budi)


def test_varying_the_spelling_of_the_name_does_not_buy_more_guesses(client, budi):
    for name in ("budi", "BUDI", "198609262015051001", "19860926 201505 1 001", " Budi "):
        sign_in(client, name, "kata-sandi-keliru")
    _assert_locked_page(sign_in(client, "19860926 201505 1 001"))
    _assert_locked_page(sign_in(client, "budi"))


def test_lockout_of_one_account_leaves_colleagues_on_the_same_address_alone(client, budi, staff_user):
    _fail(client, "budi", 5)
    _assert_locked_page(sign_in(client, "budi"))
    assert sign_in(client, staff_user.username).status_code == 302


def test_org_admin_unlocks_an_account_of_their_office(client, budi, org_admin):
    _fail(client, "budi", 5)
    assert selectors.is_locked_out(budi)

    admin_client = client.__class__()
    admin_client.force_login(org_admin)
    page = admin_client.get(reverse("core:managed_accounts"))
    assert "Terkunci" in page.content.decode()
    response = admin_client.post(reverse("core:managed_account_unlock", args=[budi.pk]))
    assert response.status_code == 302
    assert not selectors.is_locked_out(budi)
    event = AuditEvent.objects.get(action="core.account_unlocked")
    assert (event.actor_id, event.organisation_id) == (org_admin.pk, budi.staff.organisation_id)
    assert event.before == {"locked": True}
    assert event.after == {"locked": False, "attempts_removed": 1, "via": "admin"}

    assert sign_in(client, "budi").status_code == 302


def test_admin_of_another_office_cannot_unlock(client, budi, foreign_user):
    _fail(client, "budi", 5)
    client.force_login(foreign_user)
    assert client.post(reverse("core:managed_account_unlock", args=[budi.pk])).status_code == 404
    assert selectors.is_locked_out(budi)


def test_unlock_command_releases_the_account_by_nip(client, budi, capsys):
    _fail(client, "budi", 5)
    call_command("unlock_account", "19860926 201505 1 001")
    assert "budi" in capsys.readouterr().out
    assert not selectors.is_locked_out(budi)
    assert AuditEvent.objects.filter(action="core.account_unlocked", actor=None).exists()
    assert sign_in(client, "budi").status_code == 302
