import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.core.accounts import services
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.accounts_helpers import enrol, fast_password_hashing, sign_in, totp_code  # noqa: F401

pytestmark = pytest.mark.django_db


def _verify_url(next_url="/"):
    return f"{reverse('core:otp_verify')}?next={next_url.replace('/', '%2F')}"


def test_setup_page_shows_an_inline_qr_code_and_the_base32_secret(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("core:otp_setup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    device = TOTPDevice.objects.get(user=staff_user)
    assert device.confirmed is False
    secret = services.base32_secret(device)
    assert secret in html
    assert len(secret.replace(" ", "")) == 32
    # Reloading keeps the same key, so a code scanned before the reload still works.
    client.get(reverse("core:otp_setup"))
    assert TOTPDevice.objects.filter(user=staff_user).count() == 1


def test_confirming_setup_enables_the_device_shows_backup_codes_and_verifies_the_session(client, staff_user):
    client.force_login(staff_user)
    client.get(reverse("core:otp_setup"))
    device = TOTPDevice.objects.get(user=staff_user)

    response = client.post(reverse("core:otp_setup"), {"code": totp_code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = list(StaticDevice.objects.get(user=staff_user).token_set.values_list("token", flat=True))
    assert len(codes) == services.BACKUP_CODE_COUNT
    html = response.content.decode()
    assert all(code in html for code in codes)
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get(reverse("core:dashboard")).status_code == 200
    event = AuditEvent.objects.get(action="core.otp_enabled")
    assert (event.actor_id, event.organisation_id) == (staff_user.pk, staff_user.staff.organisation_id)
    assert event.before == {"second_factor": False}
    assert event.after == {
        "second_factor": True,
        "device": services.TOTP_DEVICE_NAME,
        "backup_codes": services.BACKUP_CODE_COUNT,
    }


def test_wrong_setup_code_is_refused_in_indonesian_and_the_device_stays_unconfirmed(client, staff_user):
    client.force_login(staff_user)
    client.get(reverse("core:otp_setup"))
    device = TOTPDevice.objects.get(user=staff_user)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("core:otp_setup"), {"code": wrong})
    assert "Kode tidak cocok" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert AuditEvent.objects.filter(action="core.otp_setup_failed").count() == 1
    response = client.post(reverse("core:otp_setup"), {"code": "12ab"})
    assert "Kode terdiri dari 6 angka" in response.content.decode()


def test_user_with_a_device_must_enter_a_code_after_the_password(client, staff_user):
    device, _codes = enrol(staff_user)
    response = sign_in(client, staff_user.username)
    assert response.status_code == 302
    assert response["Location"] == _verify_url("/")
    # Nothing else is reachable before the code, not even the security page.
    for url in (reverse("core:dashboard"), reverse("core:notifications"), reverse("core:account_security")):
        blocked = client.get(url)
        assert blocked.status_code == 302
        assert blocked["Location"].startswith(reverse("core:otp_verify"))

    response = client.post(_verify_url("/notifikasi/"), {"code": totp_code(device, steps_ahead=1)})
    assert response["Location"] == "/notifikasi/"
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_the_api_refuses_a_session_that_has_not_passed_the_second_factor(client, staff_user):
    device, _codes = enrol(staff_user)
    sign_in(client, staff_user.username)
    response = client.get("/api/v1/organisasi/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Selesaikan verifikasi dua langkah sebelum memakai API."}
    client.post(_verify_url("/"), {"code": totp_code(device, steps_ahead=1)})
    assert client.get("/api/v1/organisasi/").status_code == 200


def test_wrong_code_is_refused_audited_and_throttled(client, staff_user):
    device, _codes = enrol(staff_user)
    sign_in(client, staff_user.username)
    good = totp_code(device, steps_ahead=1)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"

    response = client.post(reverse("core:otp_verify"), {"code": wrong})
    assert "Kode salah atau sudah kedaluwarsa" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # After n failures the device refuses even the right code for 2^(n-1) seconds. Pretend four
    # failures just happened (8 s) so the check does not depend on how fast the test runs.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=4, throttling_failure_timestamp=timezone.now()
    )
    response = client.post(reverse("core:otp_verify"), {"code": good})
    assert "Terlalu banyak kode salah" in response.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302
    failures = AuditEvent.objects.filter(action="core.otp_failed").order_by("pk")
    assert [e.after["throttled"] for e in failures] == [False, True]

    # Once the wait is over the right code works again.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timezone.timedelta(seconds=10)
    )
    response = client.post(reverse("core:otp_verify"), {"code": good})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_a_backup_code_works_once(client, staff_user):
    _device, codes = enrol(staff_user)
    sign_in(client, staff_user.username)
    response = client.post(reverse("core:otp_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert AuditEvent.objects.get(action="core.otp_backup_code_used").after == {
        "remaining": services.BACKUP_CODE_COUNT - 1
    }

    client.post(reverse("core:logout"))
    sign_in(client, staff_user.username)
    response = client.post(reverse("core:otp_verify"), {"code": codes[0]})
    assert response.status_code == 200
    assert "Kode salah" in response.content.decode()


def test_leaders_of_an_office_that_requires_it_are_sent_to_setup(client, district, head, staff_user):
    district.require_2fa_for_leaders = True
    district.save()
    response = sign_in(client, head.username)
    assert client.get(response["Location"])["Location"].startswith(reverse("core:otp_setup"))
    page = client.get(reverse("core:otp_setup"))
    assert "Kantor Anda mewajibkan verifikasi dua langkah" in page.content.decode()

    # Ordinary staff of the same office are not forced.
    client.post(reverse("core:logout"))
    response = sign_in(client, staff_user.username)
    assert client.get(response["Location"]).status_code == 200


def test_disabling_needs_a_current_code(client, staff_user):
    device, _codes = enrol(staff_user)
    client.force_login(staff_user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert client.get(reverse("core:account_security")).status_code == 200

    response = client.post(reverse("core:otp_disable"), {"code": "000000"})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=staff_user, confirmed=True).exists()

    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = client.post(reverse("core:otp_disable"), {"code": totp_code(device, steps_ahead=1)})
    assert response["Location"] == reverse("core:account_security")
    assert not TOTPDevice.objects.filter(user=staff_user).exists()
    assert not StaticDevice.objects.filter(user=staff_user).exists()
    disabled = AuditEvent.objects.get(action="core.otp_disabled")
    assert (disabled.actor_id, disabled.organisation_id) == (staff_user.pk, staff_user.staff.organisation_id)
    assert disabled.before == {"second_factor": True}
    assert disabled.after == {"second_factor": False, "devices_removed": 2}


def test_org_admin_resets_the_device_of_a_user_in_their_office_only(
    client, org_admin, staff_user, other_district, make_member
):
    enrol(staff_user)
    outsider = make_member(other_district, Role.STAFF)
    enrol(outsider)
    client.force_login(org_admin)

    page = client.get(reverse("core:managed_accounts"))
    assert staff_user.username in page.content.decode()
    assert outsider.username not in page.content.decode()

    response = client.post(reverse("core:managed_account_reset_otp", args=[staff_user.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff_user).exists()
    event = AuditEvent.objects.get(action="core.otp_reset")
    assert (event.actor_id, event.object_id, event.organisation_id) == (
        org_admin.pk,
        str(staff_user.pk),
        staff_user.staff.organisation_id,
    )
    assert event.before == {"second_factor": True}
    assert event.after == {"second_factor": False, "devices_removed": 2}

    assert client.post(reverse("core:managed_account_reset_otp", args=[outsider.pk])).status_code == 404
    assert TOTPDevice.objects.filter(user=outsider).exists()


def test_staff_without_manage_staff_cannot_reset_devices(client, staff_user, head):
    enrol(head)
    client.force_login(staff_user)
    assert client.get(reverse("core:managed_accounts")).status_code == 403
    assert client.post(reverse("core:managed_account_reset_otp", args=[head.pk])).status_code == 404
    assert TOTPDevice.objects.filter(user=head).exists()


def test_account_security_page_offers_setup_and_admins_find_staff_by_nip(
    client, org_admin, district, make_member
):
    colleague = make_member(district, Role.STAFF, nip="197001011995031003", full_name="Agus Salim")
    client.force_login(org_admin)
    page = client.get(reverse("core:account_security")).content.decode()
    assert reverse("core:otp_setup") in page
    assert reverse("core:managed_accounts") in page

    found = client.get(reverse("core:managed_accounts"), {"q": "19700101 199503"}).content.decode()
    assert "Agus Salim" in found
    assert org_admin.display_name not in found.split("<tbody>", 1)[1]
    assert colleague.username in found
