import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.files.models import StoredFile
from lontar.core.models import AuditEvent
from lontar.core.notifications.models import Notification
from lontar.core.numbering.models import IssuedNumber
from lontar.correspondence.models import IncomingLetter, IncomingStatus
from lontar.correspondence.services import incoming as services
from lontar.correspondence.tests.incoming_helpers import build_office, register, scan
from lontar.records.tests.factories import ClassificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    return build_office(district)


def test_registration_takes_the_next_agenda_number_of_the_year_and_records_who_and_when(office):
    first = register(office)
    second = register(office, sender_number="470/124/Disdukcapil/2026")
    year = first.agenda_year
    assert first.agenda_number == f"0001/SM/Kec.Satu/{year}"
    assert (first.agenda_sequence, second.agenda_sequence) == (1, 2)
    assert second.agenda_number == f"0002/SM/Kec.Satu/{year}"
    assert first.status == IncomingStatus.REGISTERED
    assert first.registered_by == office.front_desk
    issued = IssuedNumber.objects.get(number=first.agenda_number)
    assert (issued.object_type, issued.object_id) == ("correspondence.incomingletter", str(first.pk))
    event = AuditEvent.objects.get(action="correspondence.incoming_register", object_id=str(first.pk))
    assert event.after["agenda_number"] == first.agenda_number
    assert event.actor == office.front_desk


def test_the_head_is_told_a_new_letter_waits_for_disposition(office):
    letter = register(office)
    note = Notification.objects.get(recipient=office.camat)
    assert letter.subject in note.title
    assert note.url == letter.get_absolute_url()


def test_a_letter_with_the_same_sender_and_number_is_flagged_before_saving(office):
    first = register(office)
    with pytest.raises(services.LikelyDuplicate) as caught:
        register(
            office,
            sender_institution="  dinas kependudukan dan pencatatan SIPIL ",
            sender_number="470 / 123 / Disdukcapil / 2026",
        )
    assert caught.value.letters == [first]
    assert first.agenda_number in caught.value.messages[0]
    assert IncomingLetter.objects.count() == 1
    assert IssuedNumber.objects.count() == 1


def test_a_confirmed_duplicate_is_registered_with_its_own_agenda_number(office):
    register(office)
    second = register(office, confirm_duplicate=True)
    assert second.agenda_sequence == 2


def test_the_same_number_from_another_sender_is_no_duplicate(office):
    register(office)
    other = register(office, sender_institution="Kelurahan Mekarsari", sender_name="Lurah Mekarsari")
    assert other.agenda_sequence == 2


def test_an_office_without_an_agenda_template_gets_a_clear_message_and_nothing_is_saved(other_district):
    office = build_office(other_district, with_template=False)
    with pytest.raises(ValidationError) as caught:
        register(office)
    assert "belum memiliki templat penomoran Agenda Surat Masuk" in caught.value.messages[0]
    assert not IncomingLetter.objects.exists()


def test_scans_are_stored_as_files_of_the_letter(office):
    letter = register(office, scans=[scan("hal1.pdf"), scan("hal2.pdf")])
    files = StoredFile.objects.attached_to(letter)
    assert sorted(files.values_list("original_name", flat=True)) == ["hal1.pdf", "hal2.pdf"]


def test_a_scan_that_is_not_pdf_or_image_is_refused_and_nothing_is_saved(office):
    text_file = SimpleUploadedFile("surat.pdf", b"ini bukan pdf sama sekali", content_type="application/pdf")
    with pytest.raises(ValidationError):
        register(office, scans=[text_file])
    assert not IncomingLetter.objects.exists()
    assert not StoredFile.objects.exists()


def test_received_date_in_the_future_and_letter_dated_after_receipt_are_refused(office):
    with pytest.raises(ValidationError) as caught:
        register(office, received_date=dt.date.today() + dt.timedelta(days=3))
    assert "received_date" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        register(office, sender_date=dt.date(2026, 11, 5), received_date=dt.date(2026, 11, 3))
    assert "sender_date" in caught.value.error_dict


def test_old_scheme_codes_are_refused_for_new_letters(office):
    old = ClassificationFactory(scheme="78/2012", code="005", title="Undangan")
    with pytest.raises(ValidationError) as caught:
        register(office, classification=old)
    assert "classification" in caught.value.error_dict


def test_staff_cannot_register_letters_and_nothing_changes(office):
    with pytest.raises(PermissionDenied):
        register(office, actor=office.staff)
    assert not IncomingLetter.objects.exists()


def test_a_front_desk_of_another_office_cannot_register_here(office, other_district):
    outsider = build_office(other_district).front_desk
    with pytest.raises(PermissionDenied):
        register(office, actor=outsider)


def test_the_head_files_a_letter_that_needs_no_disposition(office):
    letter = register(office)
    services.change_letter_status(actor=office.camat, letter=letter, name="file")
    letter.refresh_from_db()
    assert letter.status == IncomingStatus.FILED
    with pytest.raises(PermissionDenied):
        services.change_letter_status(
            actor=office.front_desk, letter=register(office, sender_number="x/1"), name="file"
        )


def test_a_document_issued_in_lontar_arrives_as_an_internal_letter_with_its_pdf(office, other_district):
    from lontar.core.documents.services import issue_document
    from lontar.core.models import Role
    from lontar.core.tests.factories import member

    sender_head = member(other_district, Role.HEAD)
    document = issue_document(
        organisation=other_district,
        actor=sender_head,
        document_type="surat-dinas",
        number="100.2/015/Kec.Dua/2026",
        title="Permintaan data wilayah perbatasan",
        body_html="<p>Mohon data wilayah perbatasan.</p>",
        signatory_name="Camat Dua",
        signatory_position="Camat Dua",
        recipients=["Camat Satu"],
        recipient_place="Tempat",
        sign=False,
    )
    letter = services.receive_issued_document(organisation=office.org, document=document)
    assert letter.channel == "internal" and letter.source_document == document
    assert letter.sender_number == "100.2/015/Kec.Dua/2026" and letter.sender_institution == "Kecamatan Dua"
    assert letter.agenda_sequence == 1 and letter.registered_by is None
    stored = StoredFile.objects.attached_to(letter).get()
    assert stored.sha256 == document.sha256
    assert services.receive_issued_document(organisation=office.org, document=document) == letter
    assert Notification.objects.filter(recipient=office.camat, url=letter.get_absolute_url()).exists()


def test_the_front_desk_corrects_a_typo_and_the_change_is_audited(office):
    letter = register(office)
    agenda = letter.agenda_number
    corrected = services.correct_incoming(
        actor=office.front_desk,
        letter=letter,
        subject="Undangan rapat koordinasi KTP-el (ralat)",
        security="terbatas",
    )
    assert corrected.agenda_number == agenda and corrected.security == "terbatas"
    event = AuditEvent.objects.get(action="correspondence.incoming_correct")
    assert event.before["subject"] == "Undangan rapat koordinasi pelayanan KTP-el"
    assert event.after["security"] == "terbatas"


def test_a_filed_letter_cannot_be_corrected(office):
    letter = register(office)
    services.change_letter_status(actor=office.camat, letter=letter, name="file")
    letter.refresh_from_db()
    with pytest.raises(ValidationError):
        services.correct_incoming(actor=office.front_desk, letter=letter, subject="Baru")
    with pytest.raises(PermissionDenied):
        services.correct_incoming(
            actor=office.staff, letter=register(office, sender_number="z/9"), subject="Baru"
        )
