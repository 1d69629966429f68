import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lontar.core.files.models import StoredFile
from lontar.core.models import AuditEvent, PositionAssignment
from lontar.core.notifications.models import Notification
from lontar.core.tests.factories import PositionAssignmentFactory
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.correspondence.models import DispositionStatus, IncomingStatus
from lontar.correspondence.selectors import incoming as selectors
from lontar.correspondence.services import dispositions as services
from lontar.correspondence.tests.incoming_helpers import build_office, register, scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    return build_office(district)


@pytest.fixture
def letter(office):
    return register(office)


def _instructions(office, *texts):
    services.seed_default_instructions(organisation=office.org)
    rows = selectors.instructions_for(office.org)
    return [rows.get(text=text) for text in texts]


def test_offices_get_the_usual_instruction_list_once(office):
    assert services.seed_default_instructions(organisation=office.org) == 9
    assert services.seed_default_instructions(organisation=office.org) == 0
    texts = list(selectors.instructions_for(office.org).values_list("text", flat=True))
    assert texts[:3] == ["Untuk diketahui", "Untuk ditindaklanjuti", "Untuk dipelajari dan saran"]


def test_the_head_disposes_to_a_unit_which_reaches_its_head_with_a_working_day_deadline(office, letter):
    sent = services.dispose(
        actor=office.camat,
        letter=letter,
        units=[office.seksi],
        instructions=_instructions(office, "Untuk ditindaklanjuti"),
        note="Hadiri dan laporkan hasilnya",
        working_days=3,
    )
    assert len(sent) == 1
    disposition = sent[0]
    assert disposition.recipient == office.kasi
    assert disposition.recipient_unit == office.seksi
    assert disposition.recipient_label.startswith("Kepala Seksi Pemerintahan")
    assert disposition.sender_label.startswith("Camat")
    assert disposition.instruction_texts == ["Untuk ditindaklanjuti"]
    assert disposition.due_date == add_working_days(
        organisation_today(office.org), 3, organisation=office.org
    )
    assert disposition.status == DispositionStatus.SENT
    letter.refresh_from_db()
    assert letter.status == IncomingStatus.DISPOSED
    assert Notification.objects.filter(recipient=office.kasi, url=disposition.get_absolute_url()).exists()
    assert AuditEvent.objects.filter(
        action="correspondence.disposition_send", object_id=str(disposition.pk)
    ).exists()


def test_a_unit_disposition_reaches_the_plh_while_the_head_is_away(office, letter):
    today = organisation_today(office.org)
    PositionAssignmentFactory(
        position=office.kasi_position,
        staff=office.other_staff.staff,
        kind=PositionAssignment.Kind.PLH,
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=5),
    )
    (disposition,) = services.dispose(
        actor=office.camat,
        letter=letter,
        units=[office.seksi],
        instructions=_instructions(office, "Hadiri/wakili"),
    )
    assert disposition.recipient == office.other_staff
    assert disposition.recipient_label.startswith("Plh. Kepala Seksi Pemerintahan")


def test_several_recipients_at_once_each_get_their_own_disposition(office, letter):
    sent = services.dispose(
        actor=office.camat,
        letter=letter,
        recipients=[office.sekcam, office.kasi],
        instructions=_instructions(office, "Untuk diketahui"),
    )
    assert {d.recipient for d in sent} == {office.sekcam, office.kasi}


def test_a_disposition_needs_a_recipient_and_an_instruction_or_note(office, letter):
    with pytest.raises(ValidationError) as caught:
        services.dispose(
            actor=office.camat, letter=letter, instructions=_instructions(office, "Untuk diketahui")
        )
    assert "recipients" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        services.dispose(actor=office.camat, letter=letter, recipients=[office.kasi])
    assert "instructions" in caught.value.error_dict
    letter.refresh_from_db()
    assert letter.status == IncomingStatus.REGISTERED


def test_a_deadline_in_the_past_is_refused(office, letter):
    with pytest.raises(ValidationError) as caught:
        services.dispose(
            actor=office.camat,
            letter=letter,
            recipients=[office.kasi],
            note="x",
            due_date=dt.date(2020, 1, 1),
        )
    assert "due_date" in caught.value.error_dict


def test_staff_who_do_not_hold_the_letter_cannot_dispose_it(office, letter):
    with pytest.raises(PermissionDenied):
        services.dispose(actor=office.staff, letter=letter, recipients=[office.other_staff], note="x")


def test_recipients_pass_a_disposition_on_downwards_only(office, letter):
    (to_kasi,) = services.dispose(
        actor=office.camat, letter=letter, recipients=[office.kasi], note="Tindak lanjuti"
    )
    (to_staff,) = services.dispose(
        actor=office.kasi, letter=letter, recipients=[office.staff], note="Siapkan bahan", parent=to_kasi
    )
    assert to_staff.parent == to_kasi
    with pytest.raises(ValidationError) as caught:
        services.dispose(
            actor=office.staff, letter=letter, recipients=[office.camat], note="balik", parent=to_staff
        )
    assert "di atas Anda" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        services.dispose(
            actor=office.staff, letter=letter, recipients=[office.staff], note="diri", parent=to_staff
        )


def test_opening_the_letter_records_the_read_receipt_once(office, letter):
    (disposition,) = services.dispose(
        actor=office.camat, letter=letter, recipients=[office.kasi], note="Baca"
    )
    assert services.open_received(actor=office.camat, letter=letter) == 0
    assert services.open_received(actor=office.kasi, letter=letter) == 1
    disposition.refresh_from_db()
    assert disposition.status == DispositionStatus.READ
    first_read = disposition.read_at
    assert first_read is not None
    assert services.open_received(actor=office.kasi, letter=letter) == 0
    disposition.refresh_from_db()
    assert disposition.read_at == first_read


def test_withdrawn_disposition_disappears_from_the_recipients_inbox(office, letter):
    (disposition,) = services.dispose(
        actor=office.camat, letter=letter, recipients=[office.kasi], note="Tindak lanjuti"
    )
    assert [d.pk for d in selectors.inbox(office.kasi, "belum-dibaca")] == [disposition.pk]
    services.withdraw(actor=office.camat, disposition=disposition)
    for box in selectors.INBOX_BOXES:
        assert selectors.inbox(office.kasi, box) == []
    assert selectors.inbox_counts(office.kasi)["open"] == 0
    letter.refresh_from_db()
    assert letter.status == IncomingStatus.REGISTERED
    assert [row.pk for row in selectors.waiting_for_disposition(office.camat)] == [letter.pk]


def test_disposition_cannot_be_withdrawn_after_it_is_read(office, letter):
    (disposition,) = services.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    services.open_received(actor=office.kasi, letter=letter)
    disposition.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.withdraw(actor=office.camat, disposition=disposition)
    assert "sudah dibaca" in caught.value.messages[0]
    disposition.refresh_from_db()
    assert disposition.status == DispositionStatus.READ


def test_only_the_sender_withdraws(office, letter):
    (disposition,) = services.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=office.sekcam, disposition=disposition)


def test_report_with_attachments_then_the_sender_completes(office, letter):
    (to_kasi,) = services.dispose(
        actor=office.camat, letter=letter, recipients=[office.kasi], note="Tindak lanjuti"
    )
    services.open_received(actor=office.kasi, letter=letter)
    to_kasi.refresh_from_db()
    report = services.report(
        actor=office.kasi,
        disposition=to_kasi,
        text="Sudah dihadiri, notulen terlampir.",
        attachments=[scan("notulen.pdf")],
        done=True,
    )
    assert list(StoredFile.objects.attached_to(report).values_list("original_name", flat=True)) == [
        "notulen.pdf"
    ]
    to_kasi.refresh_from_db()
    assert to_kasi.status == DispositionStatus.REPORTED
    assert Notification.objects.filter(
        recipient=office.camat, title__startswith="Laporan tindak lanjut"
    ).exists()
    with pytest.raises(PermissionDenied):
        services.complete(actor=office.kasi, disposition=to_kasi)
    services.complete(actor=office.camat, disposition=to_kasi, note="Terima kasih")
    to_kasi.refresh_from_db()
    assert to_kasi.status == DispositionStatus.DONE
    assert to_kasi.due_date is None


def test_the_sender_sends_a_report_back_for_more(office, letter):
    (to_kasi,) = services.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    services.report(actor=office.kasi, disposition=to_kasi, text="Selesai", done=True)
    to_kasi.refresh_from_db()
    services.send_back(actor=office.camat, disposition=to_kasi, note="Lampirkan daftar hadir")
    to_kasi.refresh_from_db()
    assert to_kasi.status == DispositionStatus.READ


def test_only_the_recipient_reports(office, letter):
    (to_kasi,) = services.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    with pytest.raises(PermissionDenied):
        services.report(actor=office.staff, disposition=to_kasi, text="bukan saya")


def test_reminders_before_and_escalation_after_the_deadline_are_sent_once(office, letter):
    today = organisation_today(office.org)
    (due_soon,) = services.dispose(
        actor=office.camat,
        letter=letter,
        recipients=[office.kasi],
        note="x",
        due_date=add_working_days(today, 1, organisation=office.org),
    )
    (overdue,) = services.dispose(
        actor=office.camat, letter=letter, recipients=[office.sekcam], note="y", due_date=today
    )
    type(overdue).objects.filter(pk=overdue.pk).update(due_date=today - dt.timedelta(days=2))
    assert services.send_deadline_reminders() == (1, 1)
    assert services.send_deadline_reminders() == (0, 0)
    assert (
        Notification.objects.filter(recipient=office.kasi, title__startswith="Tenggat disposisi").count() == 1
    )
    assert (
        Notification.objects.filter(
            recipient=office.camat, title__startswith="Disposisi melewati tenggat"
        ).count()
        == 1
    )
    due_soon.refresh_from_db()
    assert due_soon.reminded_at is not None and due_soon.escalated_at is None


def test_completed_dispositions_are_not_reminded(office, letter):
    today = organisation_today(office.org)
    (d,) = services.dispose(
        actor=office.camat, letter=letter, recipients=[office.kasi], note="x", due_date=today
    )
    services.report(actor=office.kasi, disposition=d, text="ok", done=True)
    d.refresh_from_db()
    services.complete(actor=office.camat, disposition=d)
    assert services.send_deadline_reminders(now=timezone.now() + dt.timedelta(days=10)) == (0, 0)


def test_instruction_list_is_editable_by_the_office_and_old_dispositions_keep_their_text(office, letter):
    (instruction,) = _instructions(office, "Untuk diketahui")
    (d,) = services.dispose(
        actor=office.camat, letter=letter, recipients=[office.kasi], instructions=[instruction]
    )
    services.update_instruction(
        actor=office.admin, instruction=instruction, text="Untuk diketahui saja", order=5, is_active=True
    )
    d.refresh_from_db()
    assert d.instruction_texts == ["Untuk diketahui"]
    with pytest.raises(ValidationError):
        services.add_instruction(actor=office.admin, organisation=office.org, text="untuk DIKETAHUI saja")
    with pytest.raises(PermissionDenied):
        services.add_instruction(actor=office.staff, organisation=office.org, text="Baru")


def test_the_deadline_command_reminds_and_reports_counts(office, letter):
    from io import StringIO

    from django.core.management import call_command

    today = organisation_today(office.org)
    services.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x", due_date=today)
    out = StringIO()
    call_command("disposition_deadlines", stdout=out)
    assert "Pengingat dikirim: 1; eskalasi: 0." in out.getvalue()
