"""The numbering screens: who may see them, creating/editing with messages, the live preview."""

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent, NumberingTemplate
from lontar.core.numbering import services

FMT = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"


def login(client, user):
    client.force_login(user)
    return client


def post_data(org, **overrides):
    data = {
        "organisation": org.pk,
        "document_type": "surat_dinas",
        "name": "Surat Dinas",
        "format": FMT,
        "scope": "document_type",
        "shared_key": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_org_admin_sees_the_numbering_screen_in_the_navigation(client, org_admin):
    response = login(client, org_admin).get(reverse("core:dashboard"))
    assert reverse("core:numbering_templates") in response.content.decode()
    assert login(client, org_admin).get(reverse("core:numbering_templates")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["numbering_templates", "numbering_template_create"])
def test_staff_are_refused_the_numbering_screens(client, staff_user, name):
    response = login(client, staff_user).get(reverse(f"core:{name}"))
    assert response.status_code == 403
    assert reverse("core:numbering_templates") not in login(client, staff_user).get("/").content.decode()


@pytest.mark.django_db
def test_org_admin_creates_a_template_through_the_form(client, org_admin, district):
    response = login(client, org_admin).post(reverse("core:numbering_template_create"), post_data(district))
    assert response.status_code == 302
    template = NumberingTemplate.objects.get()
    assert (template.organisation, template.format, template.is_active) == (district, FMT, True)
    assert AuditEvent.objects.filter(action="numbering.template_create").count() == 1


@pytest.mark.django_db
def test_a_bad_format_is_shown_back_in_indonesian_and_nothing_is_saved(client, org_admin, district):
    response = login(client, org_admin).post(
        reverse("core:numbering_template_create"), post_data(district, format="{klasifikasi}/{nomor}")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Token {nomor} tidak dikenal" in body
    assert "{klasifikasi}/{nomor}" in body  # the input is kept
    assert not NumberingTemplate.objects.exists()


@pytest.mark.django_db
def test_a_user_cannot_create_a_template_for_an_office_they_do_not_administer(
    client, org_admin, other_district
):
    response = login(client, org_admin).post(
        reverse("core:numbering_template_create"), post_data(other_district)
    )
    assert response.status_code == 200
    assert not NumberingTemplate.objects.exists()


@pytest.mark.django_db
def test_editing_a_template_of_another_office_is_not_found(client, foreign_user, district, org_admin):
    template = services.create_template(
        actor=org_admin,
        organisation=district,
        document_type="surat_dinas",
        name="SD",
        format=FMT,
        scope="document_type",
    )
    url = reverse("core:numbering_template_edit", args=[template.pk])
    assert login(client, foreign_user).post(url, post_data(district, format="{urut}")).status_code == 404
    template.refresh_from_db()
    assert template.format == FMT


@pytest.mark.django_db
def test_org_admin_edits_a_template_and_sees_counters(client, org_admin, head, district):
    template = services.create_template(
        actor=org_admin,
        organisation=district,
        document_type="surat_dinas",
        name="SD",
        format=FMT,
        scope="document_type",
    )
    services.take_number(
        organisation=district, document_type="surat_dinas", actor=head, classification_code="000.1"
    )
    url = reverse("core:numbering_template_edit", args=[template.pk])
    response = login(client, org_admin).post(
        url, post_data(district, format="{urut:4}/{tahun}", name="Surat Dinas")
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.format, template.name) == ("{urut:4}/{tahun}", "Surat Dinas")
    page = client.get(reverse("core:numbering_templates")).content.decode()
    assert "type:surat_dinas" in page and "000.1/001/Kec.Satu/" in page


@pytest.mark.django_db
def test_live_preview_renders_the_next_number_or_the_errors(client, org_admin, district):
    login(client, org_admin)
    url = reverse("core:numbering_template_preview")
    response = client.post(
        url,
        {
            "organisation": district.pk,
            "format": "{klasifikasi}/{urut:3}/{org}",
            "preview_classification": "800.1",
        },
    )
    assert "800.1/001/Kec.Satu" in response.content.decode()
    response = client.post(url, {"organisation": district.pk, "format": "{tahun}"})
    assert "harus memuat nomor urut" in response.content.decode()


@pytest.mark.django_db
def test_the_template_screen_explains_every_token_with_the_reference_examples(client, org_admin):
    from lontar.core.numbering.formatting import TOKENS

    body = login(client, org_admin).get(reverse("core:numbering_template_create")).content.decode()

    for token in TOKENS:
        assert f"<code>{{{token}}}</code>" in body
    assert "<code>{urut:3}</code>" in body
    examples = body[body.index('data-testid="numbering-examples"') :]
    assert (
        "<td><code>{klasifikasi}/{urut}/{unit}</code></td><td><code>000.8.3.3/15/OR</code></td>" in examples
    )
    assert (
        "<td><code>{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}</code></td>"
        "<td><code>800.1.11.1/123/Kec.Jts/XI/2026</code></td>" in examples
    )


@pytest.mark.django_db
def test_live_preview_of_a_new_template_continues_the_shared_sequence_it_joins(
    client, org_admin, head, district
):
    services.create_template(
        actor=org_admin,
        organisation=district,
        document_type="surat_dinas",
        name="SD",
        format="SD/{urut:3}",
        scope="shared",
        shared_key="keluar",
    )
    for _ in range(2):
        services.take_number(organisation=district, document_type="surat_dinas", actor=head)
    login(client, org_admin)
    data = {"organisation": district.pk, "document_type": "surat_edaran", "format": "SE/{urut:3}"}

    shared = client.post(
        reverse("core:numbering_template_preview"), {**data, "scope": "shared", "shared_key": "keluar"}
    )
    own = client.post(reverse("core:numbering_template_preview"), {**data, "scope": "document_type"})

    assert '<code data-testid="preview-number">SE/003</code>' in shared.content.decode()
    assert '<code data-testid="preview-number">SE/001</code>' in own.content.decode()


@pytest.mark.django_db
def test_the_auditor_reads_the_numbering_screen_but_is_offered_no_change(
    client, district, auditor, org_admin
):
    services.create_template(
        actor=org_admin,
        organisation=district,
        document_type="surat_dinas",
        name="Surat Dinas",
        format=FMT,
        scope="document_type",
    )
    template = NumberingTemplate.objects.get(organisation=district)
    page = login(client, auditor).get(reverse("core:numbering_templates"))
    assert page.status_code == 200
    text = page.content.decode()
    assert FMT in text
    assert reverse("core:numbering_template_create") not in text
    assert reverse("core:numbering_template_edit", args=[template.pk]) not in text
    assert client.get(reverse("core:numbering_template_create")).status_code == 403
    response = client.post(reverse("core:numbering_template_edit", args=[template.pk]), post_data(district))
    assert response.status_code in (403, 404)
    template.refresh_from_db()
    assert template.format == FMT
