"""The screens of outgoing documents, driven through the test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent
from lontar.core.tests.factories import member
from lontar.correspondence.models import OutgoingDocument, OutgoingStatus, OutgoingTemplate
from lontar.correspondence.services import outgoing as services
from lontar.correspondence.tests.outgoing_helpers import draft, through_paraf

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user, backend="lontar.core.auth_backends.UsernameOrNipBackend")
    return client


def new_draft_data(office, **overrides):
    data = {
        "organisation": office.org.pk,
        "document_type": "surat_dinas",
        "subject": "Permohonan data kependudukan",
        "classification": office.classification.pk,
        "urgency": "segera",
        "security": "biasa",
        "attachments_note": "1 (satu) berkas",
        "to_external": "Kepala Dinas Dukcapil | Jl. Merdeka 2 | dukcapil@contoh.go.id\nKetua RT 01",
        "copy_external": "Inspektur Kota",
        "recipient_place": "Sukamaju",
        "body_html": "<p>Dengan hormat, <b>mohon</b> data.</p><script>x</script>",
    }
    data.update(overrides)
    return data


def test_the_drafter_writes_a_letter_from_the_form(client, office):
    login(client, office.drafter)
    assert client.get(reverse("correspondence:outgoing_create")).status_code == 200
    page = client.get(reverse("correspondence:outgoing_create") + "?jenis=surat_dinas")
    assert "Dengan hormat," in page.content.decode()

    response = client.post(reverse("correspondence:outgoing_create"), new_draft_data(office))

    document = OutgoingDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("correspondence:outgoing_detail", args=[document.pk])
    assert document.body_html == "<p>Dengan hormat, <b>mohon</b> data.</p>"
    recipients = list(document.recipients.values_list("role", "name", "address", "email"))
    assert recipients == [
        ("to", "Kepala Dinas Dukcapil", "Jl. Merdeka 2", "dukcapil@contoh.go.id"),
        ("to", "Ketua RT 01", "", ""),
        ("copy", "Inspektur Kota", "", ""),
    ]
    detail = client.get(response["Location"]).content.decode()
    assert "Permohonan data kependudukan" in detail and "Kepala Dinas Dukcapil" in detail


def test_a_malformed_recipient_line_is_explained_and_nothing_is_saved(client, office):
    login(client, office.drafter)

    response = client.post(
        reverse("correspondence:outgoing_create"),
        new_draft_data(office, to_external="Kepala Dinas | Jl. Merdeka | bukan-surel"),
    )

    assert response.status_code == 200
    assert "Baris 1: alamat surel bukan-surel tidak valid." in response.content.decode()
    assert not OutgoingDocument.objects.exists()


def test_paraf_and_return_through_the_document_page(client, office):
    document = draft(office)
    services.submit(actor=office.drafter, document=document)
    url = reverse("correspondence:outgoing_detail", args=[document.pk])

    login(client, office.sekcam)
    assert 'data-testid="give-paraf"' not in client.get(url).content.decode()
    assert client.post(reverse("correspondence:outgoing_paraf", args=[document.pk])).status_code == 403

    login(client, office.kasubag)
    assert 'data-testid="give-paraf"' in client.get(url).content.decode()
    assert (
        "Undangan rapat koordinasi"
        in client.get(reverse("correspondence:outgoing_paraf_inbox")).content.decode()
    )
    client.post(reverse("correspondence:outgoing_paraf", args=[document.pk]), {"comment": "Sudah sesuai."})

    login(client, office.sekcam)
    empty = client.post(
        reverse("correspondence:outgoing_return", args=[document.pk]), {"comment": ""}, follow=True
    )
    assert "Tuliskan alasan pengembalian" in empty.content.decode()
    client.post(
        reverse("correspondence:outgoing_return", args=[document.pk]), {"comment": "Perbaiki tanggal."}
    )

    document.refresh_from_db()
    assert document.status == OutgoingStatus.RETURNED
    assert list(document.comments.values_list("body", flat=True)) == ["Sudah sesuai.", "Perbaiki tanggal."]


def test_the_camat_signs_from_the_signature_inbox_and_the_number_appears(client, office):
    document = through_paraf(office, draft(office))
    login(client, office.camat)
    assert (
        "Undangan rapat koordinasi"
        in client.get(reverse("correspondence:outgoing_signature_inbox")).content.decode()
    )

    page = client.post(
        reverse("correspondence:outgoing_sign", args=[document.pk]), follow=True
    ).content.decode()

    document.refresh_from_db()
    assert document.status == OutgoingStatus.SIGNED
    assert f'data-testid="outgoing-number">{document.number}<' in page
    assert document.issued_document.verification_path() in page


def test_the_drafter_edits_a_returned_draft_and_compares_versions(client, office):
    document = draft(office)
    services.submit(actor=office.drafter, document=document)
    services.return_for_revision(actor=office.kasubag, document=document, comment="Ubah hal.")
    login(client, office.drafter)
    form = client.get(reverse("correspondence:outgoing_edit", args=[document.pk])).content.decode()
    assert "Kepala Dinas Kominfo |  | kominfo@contoh.go.id" in form

    client.post(
        reverse("correspondence:outgoing_edit", args=[document.pk]),
        new_draft_data(office, subject="Undangan rapat koordinasi bulanan"),
    )

    document.refresh_from_db()
    assert document.subject == "Undangan rapat koordinasi bulanan"
    version_page = client.get(
        reverse("correspondence:outgoing_version", args=[document.pk, 1])
    ).content.decode()
    assert "Undangan rapat koordinasi" in version_page
    compare = client.get(reverse("correspondence:outgoing_compare", args=[document.pk]) + "?dari=1&ke=3")
    assert 'class="diff"' in compare.content.decode()


def test_an_office_b_user_gets_404_for_an_office_a_document(client, office, foreign_user):
    document = draft(office)
    login(client, foreign_user)
    assert client.get(reverse("correspondence:outgoing_detail", args=[document.pk])).status_code == 404


def test_the_administrator_sets_the_paraf_chain_and_signatory_of_a_type(client, office):
    login(client, office.admin)
    listing = client.get(reverse("correspondence:outgoing_templates")).content.decode()
    assert "Kepala Subbagian Tata Usaha &rarr; Sekretaris Kecamatan" in listing
    url = reverse("correspondence:outgoing_template_edit", args=[office.org.pk, "nota_dinas"])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "body_html": "<p>Nota</p>",
            "classification": office.classification.pk,
            "numbering_key": "nota_dinas",
            "signatory_position": office.sekcam_position.pk,
            "verifier_1": office.kasubag_position.pk,
        },
    )

    assert response.status_code == 302
    template = OutgoingTemplate.objects.get(organisation=office.org, document_type="nota_dinas")
    assert template.signatory_position == office.sekcam_position
    assert [v.position for v in template.verifiers.all()] == [office.kasubag_position]
    assert AuditEvent.objects.filter(
        action="correspondence.outgoing_template_save", object_id=str(template.pk)
    ).exists()


def test_staff_cannot_change_templates(client, office):
    login(client, office.drafter)
    url = reverse("correspondence:outgoing_template_edit", args=[office.org.pk, "nota_dinas"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("correspondence:outgoing_templates")).status_code == 403


def test_the_dashboard_lists_the_paraf_waiting_for_the_verifier(client, office):
    document = draft(office)
    services.submit(actor=office.drafter, document=document)
    login(client, office.kasubag)

    page = client.get(reverse("core:dashboard")).content.decode()

    assert "Naskah menunggu paraf Anda" in page


def test_the_print_list_shows_recipients_without_e_mail(
    client, office, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    document = draft(
        office,
        recipients=[
            services.RecipientInput(role="to", name="Ketua RW 05", address="Jl. Melati 5"),
            services.RecipientInput(role="to", name="Kepala Dinas", email="dinas@contoh.go.id"),
        ],
    )
    through_paraf(office, document)
    services.sign(actor=office.camat, document=document)
    with django_capture_on_commit_callbacks(execute=True):
        services.send(actor=office.drafter, document=document)
    login(client, office.drafter)

    page = client.get(reverse("correspondence:outgoing_print", args=[document.pk])).content.decode()

    assert "Ketua RW 05" in page and "Jl. Melati 5" in page
    assert "dinas@contoh.go.id" not in page


def test_an_auditor_reads_the_list_and_the_document_but_sees_no_action_buttons(client, office, auditor):
    document = draft(office)
    services.submit(actor=office.drafter, document=document)
    login(client, auditor)

    page = client.get(reverse("correspondence:outgoing_detail", args=[document.pk])).content.decode()

    assert "Undangan rapat koordinasi" in page
    assert "give-paraf" not in page and "submit-outgoing" not in page
    assert client.get(reverse("correspondence:outgoing_sent")).status_code == 200


def test_a_colleague_outside_a_secret_documents_circle_gets_404(client, office):
    document = draft(office, security="rahasia")
    colleague = member(office.org, "staff")
    login(client, colleague)
    assert client.get(reverse("correspondence:outgoing_detail", args=[document.pk])).status_code == 404


def test_a_chain_naming_the_same_position_twice_is_explained_on_the_form(client, office):
    login(client, office.admin)
    url = reverse("correspondence:outgoing_template_edit", args=[office.org.pk, "surat_dinas"])

    response = client.post(
        url,
        {
            "numbering_key": "surat_dinas",
            "signatory_position": office.camat_position.pk,
            "verifier_1": office.kasubag_position.pk,
            "verifier_2": office.kasubag_position.pk,
        },
    )

    assert response.status_code == 200
    assert "Satu jabatan hanya boleh muncul sekali dalam rantai paraf." in response.content.decode()
    assert [v.position for v in office.template.verifiers.all()] == [
        office.kasubag_position,
        office.sekcam_position,
    ]
