import pytest
from django.urls import reverse

from lontar.core.files import services
from lontar.core.files.audience import _RESOLVERS, Audience, register_owner_audience
from lontar.core.models import Membership
from lontar.core.tests import files_samples as samples


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def stored_pdf(district, staff_user):
    data = samples.pdf_bytes("Daftar hadir rapat")
    stored = services.store_upload(
        organisation=district, actor=staff_user, uploaded_file=samples.upload("Daftar Hadir.pdf", data)
    )
    return stored, data


def test_colleague_downloads_the_file_as_an_attachment_with_safe_headers(
    client, make_member, district, stored_pdf
):
    stored, data = stored_pdf
    colleague = make_member(district)
    client.force_login(colleague)
    response = client.get(reverse("core:file_download", args=[stored.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Daftar Hadir.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == data


def test_a_user_of_another_office_gets_404(client, foreign_user, stored_pdf):
    stored, _data = stored_pdf
    client.force_login(foreign_user)
    assert client.get(reverse("core:file_download", args=[stored.pk])).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, stored_pdf):
    stored, _data = stored_pdf
    response = client.get(reverse("core:file_download", args=[stored.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_auditor_may_download(client, auditor, stored_pdf):
    stored, _data = stored_pdf
    client.force_login(auditor)
    assert client.get(reverse("core:file_download", args=[stored.pk])).status_code == 200


def test_file_of_a_restricted_owner_is_refused_to_colleagues_outside_its_audience(
    client, district, staff_user, head
):
    owner = Membership.objects.get(user=head)
    register_owner_audience(Membership, lambda membership: Audience(True, (membership.user_id,)))
    try:
        stored = services.store_upload(
            organisation=district,
            actor=staff_user,
            uploaded_file=samples.upload("rahasia.pdf", samples.pdf_bytes()),
            owner=owner,
        )
        url = reverse("core:file_download", args=[stored.pk])
        client.force_login(staff_user)
        assert client.get(url).status_code == 403
        client.force_login(head)
        assert client.get(url).status_code == 200
    finally:
        _RESOLVERS.pop("core.membership", None)


def test_unicode_names_are_sent_with_an_rfc5987_filename(client, district, staff_user):
    stored = services.store_upload(
        organisation=district,
        actor=staff_user,
        uploaded_file=samples.upload("Surat “Penting” Café.png", samples.image_bytes("PNG")),
    )
    client.force_login(staff_user)
    response = client.get(reverse("core:file_download", args=[stored.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")


def test_system_check_refuses_media_inside_static(settings, tmp_path):
    from lontar.core.files.checks import media_root_outside_static

    assert media_root_outside_static() == []
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "static" / "media"
    assert [error.id for error in media_root_outside_static()] == ["lontar.files.E001"]


def test_system_check_refuses_a_private_root_inside_media_or_static(settings, tmp_path):
    from lontar.core.files.checks import private_root_outside_public_roots

    assert private_root_outside_public_roots() == []
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LONTAR_PRIVATE_ROOT = tmp_path / "media" / "private"
    assert [error.id for error in private_root_outside_public_roots()] == ["lontar.files.E002"]
    settings.LONTAR_PRIVATE_ROOT = settings.STATIC_ROOT
    assert [error.id for error in private_root_outside_public_roots()] == ["lontar.files.E002"]
