"""Internal delivery: a document sent to another office of the deployment lands in its incoming
inbox; and a reply starts from an incoming letter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent, Notification, Role
from lontar.core.numbering.services import create_template
from lontar.core.tests.factories import member
from lontar.correspondence.models import (
    DeliveryStatus,
    IncomingLetter,
    OutgoingDocument,
    ReceiptChannel,
)
from lontar.correspondence.services import outgoing as services
from lontar.correspondence.tests.outgoing_helpers import draft, through_paraf

pytestmark = pytest.mark.django_db


def agenda_template(org):
    admin = member(org, Role.ORG_ADMIN)
    create_template(
        actor=admin,
        organisation=org,
        document_type="agenda_surat_masuk",
        name="Agenda",
        format="{urut:4}/SM/{org}/{tahun}",
        scope="document_type",
    )


def signed_to(office, other_district):
    document = draft(
        office,
        recipients=[
            services.RecipientInput(role="to", organisation=other_district),
            services.RecipientInput(role="copy", name="Inspektur Kota"),
        ],
    )
    through_paraf(office, document)
    services.sign(actor=office.camat, document=document)
    document.refresh_from_db()
    return document


def test_a_document_sent_to_another_office_lands_in_its_incoming_inbox(office, other_district):
    agenda_template(other_district)
    other_head = member(other_district, Role.HEAD)
    document = signed_to(office, other_district)

    services.send(actor=office.drafter, document=document)

    letter = IncomingLetter.objects.get(organisation=other_district)
    assert letter.channel == ReceiptChannel.INTERNAL
    assert letter.source_document == document.issued_document
    assert letter.sender_number == document.number
    assert letter.sender_institution == office.org.name
    assert letter.agenda_number.startswith("0001/SM/Kec.Dua/")
    assert letter.subject == document.subject
    recipient = document.recipients.get(internal_organisation=other_district)
    assert recipient.delivery_status == DeliveryStatus.DELIVERED
    assert document.recipients.get(name="Inspektur Kota").delivery_status == DeliveryStatus.TO_PRINT
    assert Notification.objects.filter(recipient=other_head, organisation=other_district).exists()
    assert AuditEvent.objects.filter(
        action="correspondence.incoming_receive_internal", organisation=other_district
    ).exists()


def test_an_office_without_an_agenda_template_gets_it_when_delivery_is_tried_again(office, other_district):
    document = signed_to(office, other_district)

    services.send(actor=office.drafter, document=document)

    recipient = document.recipients.get(internal_organisation=other_district)
    assert recipient.delivery_status == DeliveryStatus.INTERNAL_PENDING
    assert "templat penomoran" in recipient.last_error
    assert not IncomingLetter.objects.exists()

    agenda_template(other_district)
    assert services.deliver_pending(actor=office.drafter, document=document) == 1
    assert services.deliver_pending(actor=office.drafter, document=document) == 0
    assert IncomingLetter.objects.filter(organisation=other_district).count() == 1


def incoming(org, **fields):
    values = {
        "organisation": org,
        "agenda_number": "0007/SM/Kec.Satu/2026",
        "agenda_year": 2026,
        "agenda_sequence": 7,
        "sender_name": "Kepala Dinas Kominfo",
        "sender_institution": "Dinas Komunikasi dan Informatika",
        "sender_number": "005/88/Kominfo/2026",
        "sender_date": dt.date(2026, 11, 2),
        "received_date": dt.date(2026, 11, 3),
        "subject": "Permintaan data wifi publik",
    }
    values.update(fields)
    return IncomingLetter.objects.create(**values)


def test_a_reply_starts_from_the_incoming_letter_and_stays_linked_to_it(client, office):
    letter = incoming(office.org, classification=office.classification)
    client.force_login(office.drafter, backend="lontar.core.auth_backends.UsernameOrNipBackend")

    page = client.get(reverse("correspondence:outgoing_create") + f"?balas={letter.pk}").content.decode()

    assert "Membalas surat masuk 0007/SM/Kec.Satu/2026" in page
    assert (
        "Menindaklanjuti surat Kepala Dinas Kominfo, Dinas Komunikasi dan Informatika "
        "nomor 005/88/Kominfo/2026" in page
    )
    assert "Kepala Dinas Kominfo, Dinas Komunikasi dan Informatika</textarea>" in page
    client.post(
        reverse("correspondence:outgoing_create"),
        {
            "replies_to": letter.pk,
            "organisation": office.org.pk,
            "document_type": "surat_dinas",
            "subject": letter.subject,
            "classification": office.classification.pk,
            "urgency": "biasa",
            "security": "biasa",
            "to_external": "Kepala Dinas Kominfo",
            "body_html": "<p>Jawaban.</p>",
        },
    )
    document = OutgoingDocument.objects.get()
    assert document.replies_to == letter
    assert (
        "0007/SM/Kec.Satu/2026"
        in client.get(reverse("correspondence:outgoing_detail", args=[document.pk])).content.decode()
    )


def test_a_letter_of_another_office_cannot_be_replied_to(client, office, other_district):
    letter = incoming(other_district, agenda_number="0001/SM/Kec.Dua/2026")
    client.force_login(office.drafter, backend="lontar.core.auth_backends.UsernameOrNipBackend")

    assert client.get(reverse("correspondence:outgoing_create") + f"?balas={letter.pk}").status_code == 404
