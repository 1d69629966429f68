import pytest
from django.conf import settings
from django.urls import reverse

from lontar.core.models import AuditEvent, Role
from lontar.core.tests.accounts_helpers import fast_password_hashing, sign_in  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def budi(district, make_member):
    user = make_member(district, Role.STAFF, nip="198609262015051001")
    user.username = "budi"
    user.save()
    return user


@pytest.mark.parametrize(
    "identifier",
    ["budi", "BUDI", " budi ", "198609262015051001", "19860926 201505 1 001", "19860926.201505.1.001"],
)
def test_sign_in_accepts_username_or_nip_in_any_usual_spelling(client, budi, identifier):
    response = sign_in(client, identifier)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert int(client.session["_auth_user_id"]) == budi.pk


def test_wrong_password_is_refused_with_an_indonesian_message_and_keeps_the_name(client, budi):
    response = sign_in(client, "19860926 201505 1 001", "salah-sekali")
    assert response.status_code == 200
    assert "Nama pengguna/NIP atau kata sandi salah" in response.content.decode()
    assert 'value="19860926 201505 1 001"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_number_that_is_not_an_nip_does_not_match_a_staff_record(client, budi):
    # Only a full 18-digit NIP finds the account; a fragment must not.
    assert sign_in(client, "19860926").status_code == 200
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_sign_in(client, budi):
    budi.is_active = False
    budi.save()
    response = sign_in(client, "budi")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_in_sign_out_and_failures_are_audited_in_the_accounts_office(client, budi, district):
    sign_in(client, "budi", "keliru-keliru")
    failed = AuditEvent.objects.get(action="core.login_failed")
    assert (failed.object_id, failed.object_repr) == (str(budi.pk), "budi")
    assert failed.organisation_id == district.pk
    assert failed.after == {"known_account": True, "locked": False}
    assert "keliru" not in str(failed.after) + failed.object_repr

    sign_in(client, "budi")
    login = AuditEvent.objects.get(action="core.login")
    assert (login.actor_id, login.organisation_id) == (budi.pk, district.pk)
    client.post(reverse("core:logout"))
    logout = AuditEvent.objects.get(action="core.logout")
    assert (logout.actor_id, logout.organisation_id) == (budi.pk, district.pk)
    assert logout.after == {"reason": "user"}
    assert "_auth_user_id" not in client.session


def test_a_name_that_matches_no_account_is_kept_only_in_part(client, budi):
    # People type their password into the name field; the append-only trail must not keep it.
    sign_in(client, "Rahasia-Sandi-Saya-99", "apa-saja-123")
    unknown = AuditEvent.objects.get(action="core.login_failed")
    assert (unknown.object_id, unknown.organisation_id) == ("", None)
    assert unknown.object_repr == "Ra… (21)"
    assert unknown.after == {"known_account": False}


def test_the_offices_administrator_and_auditor_see_its_sign_in_events(
    client, budi, org_admin, auditor, foreign_user
):
    sign_in(client, "budi", "keliru-keliru")
    failed = AuditEvent.objects.get(action="core.login_failed")
    for viewer in (org_admin, auditor):
        viewer_client = client.__class__()
        viewer_client.force_login(viewer)
        page = viewer_client.get(reverse("core:audit_list"))
        assert failed.pk in [e.pk for e in page.context["events"]]
    outsider = client.__class__()
    outsider.force_login(foreign_user)
    assert failed.pk not in [e.pk for e in outsider.get(reverse("core:audit_list")).context["events"]]


def test_preferred_language_is_applied_at_sign_in(client, budi):
    budi.preferred_language = "en"
    budi.save()
    response = sign_in(client, "budi")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_sign_in_keeps_a_safe_next_and_ignores_a_foreign_one(client, budi):
    response = sign_in(client, "budi", next="/notifikasi/")
    assert response["Location"] == "/notifikasi/"
    client.post(reverse("core:logout"))
    response = sign_in(client, "budi", next="https://jahat.example/")
    assert response["Location"] == reverse("core:dashboard")
