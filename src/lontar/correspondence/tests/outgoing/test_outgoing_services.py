"""Outgoing documents through their services: drafting, paraf in order, returns, versions, signing
with a number and a signed PDF, acting signatories, sending by e-mail and for print."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from lontar.core.models import AuditEvent, IssuedNumber, PositionAssignment, Role
from lontar.core.tests.factories import member
from lontar.core.tests.net import smtp_server
from lontar.correspondence.models import (
    DeliveryStatus,
    OutgoingDocument,
    OutgoingStatus,
    OutgoingType,
    ParafStep,
    SecurityClass,
)
from lontar.correspondence.selectors import outgoing as selectors
from lontar.correspondence.services import outgoing as services
from lontar.correspondence.tests.outgoing_helpers import acting, draft, through_paraf

pytestmark = pytest.mark.django_db


def pdf_text(document) -> str:
    with document.issued_document.file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(handle).pages)


def test_a_draft_keeps_only_the_allowed_formatting_of_its_body(office):
    document = draft(
        office,
        body_html='<p onclick="x()">Isi <strong>tebal</strong><script>alert(1)</script><img src=x></p>',
    )

    assert document.body_html == "<p>Isi <strong>tebal</strong></p>"
    assert document.status == OutgoingStatus.DRAFT
    assert document.drafter_unit == office.tu_unit
    assert document.signatory_position == office.camat_position
    assert [v.reason for v in document.versions.all()] == ["dibuat"]
    assert AuditEvent.objects.filter(
        action="correspondence.outgoing_create", object_id=str(document.pk)
    ).exists()


def test_a_new_draft_starts_from_the_offices_template_body_and_classification(office):
    document = draft(office, body_html="", classification=None)

    assert document.body_html == "<p>Dengan hormat,</p>"
    assert document.classification == office.classification


def test_submitting_creates_the_paraf_steps_of_the_chain_in_order(office):
    document = draft(office)

    services.submit(actor=office.drafter, document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.IN_REVIEW
    steps = list(document.paraf_steps.order_by("order").values_list("position__title", "state"))
    assert steps == [("Kepala Subbagian Tata Usaha", "pending"), ("Sekretaris Kecamatan", "waiting")]
    assert [v.reason for v in document.versions.order_by("number")] == ["dibuat", "diajukan"]


def test_the_second_verifier_cannot_initial_before_the_first(office):
    document = draft(office)
    services.submit(actor=office.drafter, document=document)

    with pytest.raises(PermissionDenied):
        services.give_paraf(actor=office.sekcam, document=document)

    assert ParafStep.objects.filter(document=document, state="approved").count() == 0


def test_after_the_last_paraf_the_document_waits_for_the_signatory(office):
    document = through_paraf(office, draft(office))

    assert document.status == OutgoingStatus.AWAITING_SIGNATURE
    assert list(document.paraf_steps.values_list("state", flat=True)) == ["approved", "approved"]
    assert list(selectors.waiting_for_my_signature(office.camat)) == [document]
    assert list(selectors.waiting_for_my_signature(office.sekcam)) == []


def test_a_return_for_revision_needs_a_reason_and_sends_the_draft_back_with_the_comment(office):
    document = draft(office)
    services.submit(actor=office.drafter, document=document)

    with pytest.raises(ValidationError):
        services.return_for_revision(actor=office.kasubag, document=document, comment="  ")
    services.return_for_revision(actor=office.kasubag, document=document, comment="Perbaiki paragraf kedua.")

    document.refresh_from_db()
    assert document.status == OutgoingStatus.RETURNED
    assert list(document.paraf_steps.order_by("order").values_list("state", flat=True)) == [
        "returned",
        "cancelled",
    ]
    assert document.comments.get().body == "Perbaiki paragraf kedua."
    assert selectors.counts_for(office.drafter)["returned"] == 1


def test_a_resubmission_starts_a_new_round_and_every_version_is_kept(office):
    document = draft(office)
    services.submit(actor=office.drafter, document=document)
    services.return_for_revision(actor=office.kasubag, document=document, comment="Ganti hal.")
    services.update_draft(
        actor=office.drafter, document=document, subject="Undangan rapat koordinasi (revisi)"
    )
    services.submit(actor=office.drafter, document=document)

    document.refresh_from_db()
    assert document.round == 2
    assert [v.reason for v in document.versions.order_by("number")] == [
        "dibuat",
        "diajukan",
        "diubah",
        "diajukan",
    ]
    assert document.paraf_steps.filter(round=2, state="pending").get().order == 1
    table = selectors.diff_table(document.versions.get(number=1), document.versions.get(number=4))
    assert '<span class="diff_add">&nbsp;(revisi)</span>' in table
    assert "Versi 1" in table and "Versi 4" in table


def test_only_the_drafter_edits_and_only_while_it_is_a_draft(office):
    document = draft(office)
    with pytest.raises(PermissionDenied):
        services.update_draft(actor=office.kasubag, document=document, subject="Diambil alih")
    services.submit(actor=office.drafter, document=document)
    with pytest.raises(PermissionDenied):
        services.update_draft(actor=office.drafter, document=document, subject="Diubah setelah diajukan")
    document.refresh_from_db()
    assert document.subject == "Undangan rapat koordinasi"


def test_signing_takes_the_number_fixes_the_date_and_issues_a_signed_pdf(office):
    document = through_paraf(office, draft(office))

    services.sign(actor=office.camat, document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.SIGNED
    year = document.document_date.year
    assert document.number.startswith("000.1.2/001/TU/Kec.Satu/")
    assert document.number.endswith(f"/{year}")
    issued = document.issued_document
    assert issued.number == document.number and issued.signed
    assert issued.signatory_position == "Camat Satu"
    with issued.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == issued.sha256
    text = pdf_text(document)
    assert "Kepala Dinas Kominfo" in text and document.number in text
    assert IssuedNumber.objects.get(number=document.number).object_id == str(document.pk)


def test_only_whoever_acts_as_signatory_may_sign_and_a_refusal_takes_no_number(office):
    document = through_paraf(office, draft(office))

    with pytest.raises(PermissionDenied):
        services.sign(actor=office.sekcam, document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.AWAITING_SIGNATURE and document.number == ""
    assert not IssuedNumber.objects.exists()


def test_a_plh_signs_while_the_camat_is_away_and_the_signature_block_says_plh(office):
    acting(office.camat_position, office.sekcam.staff, PositionAssignment.Kind.PLH)
    document = through_paraf(office, draft(office))
    # The Sekcam initialled as Sekcam; now acts as Plh. Camat.

    with pytest.raises(PermissionDenied):
        services.sign(actor=office.camat, document=document)
    services.sign(actor=office.sekcam, document=document)

    document.refresh_from_db()
    assert document.issued_document.signatory_position == "Plh. Camat Satu"
    assert "Plh. Camat Satu" in pdf_text(document)


def test_a_plt_gives_paraf_for_the_position_and_is_recorded_as_plt(office):
    stand_in = member(office.org, Role.SECTION_HEAD, full_name="Parlindungan Siregar")
    acting(office.kasubag_position, stand_in.staff, PositionAssignment.Kind.PLT)
    document = draft(office)
    services.submit(actor=office.drafter, document=document)

    with pytest.raises(PermissionDenied):
        services.give_paraf(actor=office.kasubag, document=document)
    services.give_paraf(actor=stand_in, document=document)

    step = document.paraf_steps.get(order=1)
    assert step.acted_by == stand_in and step.acted_as == "Plt. Kepala Subbagian Tata Usaha"


def test_a_secret_document_is_hidden_from_colleagues_outside_its_circle(office):
    colleague = member(office.org, Role.STAFF)
    document = draft(office, security=SecurityClass.CONFIDENTIAL)
    services.submit(actor=office.drafter, document=document)

    assert list(selectors.documents_visible_to(colleague)) == []
    assert document in selectors.documents_visible_to(office.kasubag)
    assert document in selectors.documents_visible_to(office.camat)


def test_letters_need_an_addressee_before_they_are_submitted(office):
    document = draft(office, recipients=[])

    with pytest.raises(ValidationError):
        services.submit(actor=office.drafter, document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.DRAFT


def test_a_surat_keterangan_needs_no_addressee_and_is_headed_by_its_type(office):
    services.save_template(
        actor=office.admin,
        organisation=office.org,
        document_type=OutgoingType.SURAT_KETERANGAN,
        body_html="<p>Menerangkan bahwa</p>",
        classification=office.classification,
        numbering_key="surat_dinas",
        signatory_position=office.camat_position,
        verifier_positions=[],
    )
    document = draft(office, document_type=OutgoingType.SURAT_KETERANGAN, recipients=[])

    services.submit(actor=office.drafter, document=document)
    document.refresh_from_db()
    assert document.status == OutgoingStatus.AWAITING_SIGNATURE
    services.sign(actor=office.camat, document=document)
    assert "SURAT KETERANGAN" in pdf_text(document)


def test_recipients_must_be_offices_of_the_same_deployment(office, make_member):
    from lontar.core.tests.factories import OrganisationFactory

    foreign = OrganisationFactory()  # another kota
    with pytest.raises(ValidationError):
        draft(office, recipients=[services.RecipientInput(role="to", organisation=foreign)])
    assert not OutgoingDocument.objects.exists()


def test_sending_mails_the_signed_pdf_to_outside_recipients_and_lists_the_rest_for_print(
    office, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    document = draft(
        office,
        recipients=[
            services.RecipientInput(role="to", name="Kepala Dinas Kominfo", email="kominfo@contoh.go.id"),
            services.RecipientInput(role="to", name="Ketua RW 05", address="Jl. Melati 5, Jatisari"),
            services.RecipientInput(role="copy", name="Inspektur Kota", email="inspektorat@contoh.go.id"),
        ],
    )
    through_paraf(office, document)
    services.sign(actor=office.camat, document=document)
    document.refresh_from_db()

    with smtp_server() as inbox, django_capture_on_commit_callbacks(execute=True):
        services.send(actor=office.drafter, document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.SENT
    statuses = dict(document.recipients.values_list("name", "delivery_status"))
    assert statuses == {
        "Kepala Dinas Kominfo": DeliveryStatus.EMAILED,
        "Ketua RW 05": DeliveryStatus.TO_PRINT,
        "Inspektur Kota": DeliveryStatus.EMAILED,
    }
    assert sorted(m["To"] for m in inbox.messages) == ["inspektorat@contoh.go.id", "kominfo@contoh.go.id"]
    message = inbox.messages[0]
    assert document.number in message["Subject"]
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1 and attachments[0].get_content_type() == "application/pdf"
    pdf = attachments[0].get_payload(decode=True)
    assert hashlib.sha256(pdf).hexdigest() == document.issued_document.sha256
    assert [r.name for r in selectors.print_list(office.drafter, document)] == ["Ketua RW 05"]


def test_a_retried_mail_task_does_not_send_twice(office, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    document = through_paraf(office, draft(office))
    services.sign(actor=office.camat, document=document)
    document.refresh_from_db()
    with smtp_server() as inbox, django_capture_on_commit_callbacks(execute=True):
        services.send(actor=office.drafter, document=document)
    recipient = document.recipients.get()

    with smtp_server() as second_inbox:
        assert services.email_recipient(recipient_id=recipient.pk) is False
    assert len(inbox.messages) == 1 and second_inbox.messages == []


def test_an_auditor_reads_but_cannot_draft(office, auditor):
    with pytest.raises(PermissionDenied):
        draft(office, actor=auditor)
    document = draft(office)
    assert document in selectors.documents_visible_to(auditor)


def test_the_signatory_may_send_the_document_back_and_the_next_round_starts_from_the_first_verifier(office):
    document = through_paraf(office, draft(office))

    services.return_for_revision(actor=office.camat, document=document, comment="Tambahkan dasar hukum.")
    document.refresh_from_db()
    assert document.status == OutgoingStatus.RETURNED
    services.submit(actor=office.drafter, document=document)

    assert list(selectors.waiting_for_my_paraf(office.kasubag)) == [document]
    assert document.comments.get().author == office.camat


def test_a_template_whose_signatory_is_also_a_verifier_is_refused_and_the_old_chain_stays(office):
    with pytest.raises(ValidationError):
        services.save_template(
            actor=office.admin,
            organisation=office.org,
            document_type=OutgoingType.SURAT_DINAS,
            body_html="",
            classification=office.classification,
            numbering_key="surat_dinas",
            signatory_position=office.camat_position,
            verifier_positions=[office.kasubag_position, office.camat_position],
        )
    assert [v.position for v in office.template.verifiers.all()] == [
        office.kasubag_position,
        office.sekcam_position,
    ]


def test_only_the_administrator_edits_templates(office):
    with pytest.raises(PermissionDenied):
        services.save_template(
            actor=office.camat,
            organisation=office.org,
            document_type=OutgoingType.NOTA_DINAS,
            body_html="",
            classification=None,
            numbering_key="nota_dinas",
            signatory_position=office.camat_position,
        )


def test_documents_are_found_by_search_and_secret_ones_only_by_their_circle(
    office, settings, django_capture_on_commit_callbacks
):
    from lontar.core.search.selectors import search

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    colleague = member(office.org, Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        open_one = draft(office, subject="Sosialisasi posyandu balita")
    with django_capture_on_commit_callbacks(execute=True):
        secret = draft(office, subject="Pemeriksaan posyandu rahasia", security=SecurityClass.CONFIDENTIAL)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(actor=office.drafter, document=secret)

    def found(user):
        return {hit.title for hit in search(user, "posyandu")}

    assert found(colleague) == {open_one.subject}
    assert found(office.kasubag) == {open_one.subject, secret.subject}


def test_a_failed_mail_is_retried_with_backoff_then_marked_failed_and_sent_again_by_hand(
    office, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from lontar.core.tests.net import free_port
    from lontar.correspondence.models import DeliveryStatus

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    document = through_paraf(office, draft(office))
    services.sign(actor=office.camat, document=document)
    document.refresh_from_db()
    # Nothing listens on this port: every attempt really fails to connect.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    with django_capture_on_commit_callbacks(execute=True):
        services.send(actor=office.drafter, document=document)
    recipient = document.recipients.get()
    recipient.refresh_from_db()
    assert (recipient.delivery_status, recipient.email_attempts) == (DeliveryStatus.EMAIL_QUEUED, 1)
    assert "ConnectionRefusedError" in recipient.last_error
    first_retry = recipient.next_attempt_at
    assert timedelta(minutes=1) < first_retry - timezone.now() <= timedelta(minutes=2)

    # Not due yet: nothing is queued. Then each due retry fails again, waiting 2, 10, 50 minutes.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_outgoing_emails() == 0
    waits = []
    for _attempt in (2, 3, 4):
        recipient.refresh_from_db()
        due = recipient.next_attempt_at
        waits.append(due)
        with django_capture_on_commit_callbacks(execute=True):
            assert services.retry_outgoing_emails(now=due + timedelta(seconds=1)) == 1
    recipient.refresh_from_db()
    assert (recipient.delivery_status, recipient.email_attempts) == (DeliveryStatus.EMAIL_FAILED, 4)
    assert recipient.next_attempt_at is None
    failures = AuditEvent.objects.filter(
        action="correspondence.outgoing_email_failed", object_id=str(document.pk)
    )
    assert [e.after["attempt"] for e in failures.order_by("pk")] == [1, 2, 3, 4]
    assert failures.order_by("pk").last().after["delivery"] == DeliveryStatus.EMAIL_FAILED

    # The office sees it failed and sends it again once the mail server is back.
    with smtp_server() as inbox, django_capture_on_commit_callbacks(execute=True):
        assert services.deliver_pending(actor=office.drafter, document=document) == 1
    recipient.refresh_from_db()
    assert recipient.delivery_status == DeliveryStatus.EMAILED and recipient.last_error == ""
    assert len(inbox.messages) == 1


def test_a_mail_whose_worker_died_while_sending_is_taken_back_after_its_lease(
    office, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from lontar.correspondence.models import DeliveryStatus, OutgoingRecipient

    document = through_paraf(office, draft(office))
    services.sign(actor=office.camat, document=document)
    document.refresh_from_db()
    services.send(actor=office.drafter, document=document)  # its task is never run: the queue lost it
    recipient = document.recipients.get()
    OutgoingRecipient.objects.filter(pk=recipient.pk).update(
        delivery_status=DeliveryStatus.EMAIL_SENDING, next_attempt_at=timezone.now() + timedelta(minutes=15)
    )
    assert services.retry_outgoing_emails() == 0, "still within the sender's lease"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    later = timezone.now() + timedelta(minutes=16)
    with smtp_server() as inbox, django_capture_on_commit_callbacks(execute=True):
        assert services.retry_outgoing_emails(now=later) == 1
    recipient.refresh_from_db()
    assert recipient.delivery_status == DeliveryStatus.EMAILED
    assert len(inbox.messages) == 1
