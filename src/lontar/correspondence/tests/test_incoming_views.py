import pytest
from django.test import Client
from django.urls import reverse

from lontar.core.models import AuditEvent
from lontar.correspondence.models import Disposition, DispositionStatus, IncomingLetter, IncomingStatus
from lontar.correspondence.services import dispositions
from lontar.correspondence.tests.incoming_helpers import build_office, register, scan

pytestmark = pytest.mark.django_db
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


@pytest.fixture
def office(district):
    return build_office(district)


def _client(user):
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _form_data(office, **extra):
    data = {
        "organisation": office.org.pk,
        "sender_institution": "Kelurahan Mekarsari",
        "sender_name": "Lurah Mekarsari",
        "sender_number": "005/77/Kel.Mks/2026",
        "sender_date": "2026-11-02",
        "subject": "Permohonan data penduduk",
        "classification_code": "000.1.5",
        "urgency": "segera",
        "security": "biasa",
        "enclosures": "1",
        "received_date": "2026-11-03",
        "channel": "kertas",
        "summary": "Data penduduk untuk musrenbang",
    }
    data.update(extra)
    return data


def test_the_registration_form_starts_at_the_sender_and_offers_codes_while_typing(office):
    client = _client(office.front_desk)
    page = client.get(reverse("correspondence:incoming_create")).content.decode()
    assert (
        'name="sender_institution"' in page
        and "autofocus" in page.split('name="sender_institution"')[1][:200]
    )
    assert page.index('name="sender_institution"') < page.index('name="subject"') < page.index('name="scans"')
    options = client.get(reverse("correspondence:classification_options"), {"classification_code": "000.1"})
    assert '<option value="000.1.5">000.1.5 Rapat pimpinan</option>' in options.content.decode()


def test_the_front_desk_registers_a_letter_with_a_scan_from_the_form(office):
    client = _client(office.front_desk)
    response = client.post(
        reverse("correspondence:incoming_create"), {**_form_data(office), "scans": scan("surat.pdf")}
    )
    letter = IncomingLetter.objects.get()
    assert response.status_code == 302 and response["Location"] == letter.get_absolute_url()
    assert letter.classification == office.classification and letter.urgency == "segera"
    page = client.get(letter.get_absolute_url()).content.decode()
    assert letter.agenda_number in page and "surat.pdf" in page


def test_an_unknown_classification_code_is_explained_and_the_input_kept(office):
    response = _client(office.front_desk).post(
        reverse("correspondence:incoming_create"), _form_data(office, classification_code="999.9")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kode klasifikasi 999.9 tidak ada dalam daftar." in page
    assert "Permohonan data penduduk" in page
    assert not IncomingLetter.objects.exists()


def test_a_likely_duplicate_asks_for_confirmation_then_saves(office):
    client = _client(office.front_desk)
    client.post(reverse("correspondence:incoming_create"), _form_data(office))
    check = client.get(
        reverse("correspondence:incoming_duplicate_check"),
        {
            "organisation": office.org.pk,
            "sender_institution": "KELURAHAN Mekarsari",
            "sender_name": "x",
            "sender_number": "005/77/Kel.Mks/2026",
        },
    )
    assert "Mungkin surat ini sudah tercatat" in check.content.decode()
    again = client.post(reverse("correspondence:incoming_create"), _form_data(office))
    assert again.status_code == 200
    assert "sudah tercatat dengan nomor agenda" in again.content.decode()
    assert IncomingLetter.objects.count() == 1
    confirmed = client.post(
        reverse("correspondence:incoming_create"), _form_data(office, confirm_duplicate="on")
    )
    assert confirmed.status_code == 302
    assert IncomingLetter.objects.count() == 2


def test_staff_do_not_get_the_registration_form(office):
    assert _client(office.staff).get(reverse("correspondence:incoming_create")).status_code == 403


def test_the_head_disposes_from_the_form_and_the_recipient_reads_reports_and_the_head_completes(office):
    letter = register(office)
    camat = _client(office.camat)
    waiting = camat.get(reverse("correspondence:incoming_waiting")).content.decode()
    assert letter.agenda_number in waiting
    form = camat.get(reverse("correspondence:disposition_create", args=[letter.pk])).content.decode()
    assert "Untuk ditindaklanjuti" in form and "Seksi Pemerintahan" in form
    instruction = office.org and dispositions.DispositionInstruction.objects.get(
        organisation=office.org, text="Untuk ditindaklanjuti"
    )
    response = camat.post(
        reverse("correspondence:disposition_create", args=[letter.pk]),
        {"units": [office.seksi.pk], "instructions": [instruction.pk], "note": "Segera", "working_days": "3"},
    )
    assert response.status_code == 302
    disposition = Disposition.objects.get()
    assert disposition.recipient == office.kasi
    kasi = _client(office.kasi)
    inbox = kasi.get(reverse("correspondence:disposition_inbox") + "?kotak=belum-dibaca").content.decode()
    assert letter.subject in inbox
    kasi.get(letter.get_absolute_url())
    disposition.refresh_from_db()
    assert disposition.status == DispositionStatus.READ and disposition.read_at is not None
    kasi.post(
        reverse("correspondence:disposition_report", args=[disposition.pk]),
        {"text": "Sudah ditindaklanjuti", "done": "on", "attachments": scan("laporan.pdf")},
    )
    disposition.refresh_from_db()
    assert disposition.status == DispositionStatus.REPORTED
    page = camat.get(letter.get_absolute_url()).content.decode()
    assert "Sudah ditindaklanjuti" in page and "laporan.pdf" in page
    camat.post(reverse("correspondence:disposition_complete", args=[disposition.pk]))
    disposition.refresh_from_db()
    assert disposition.status == DispositionStatus.DONE
    camat.post(reverse("correspondence:incoming_status", args=[letter.pk]), {"tindakan": "complete"})
    letter.refresh_from_db()
    assert letter.status == IncomingStatus.DONE


def test_a_refused_disposition_shows_why_and_saves_nothing(office):
    letter = register(office)
    response = _client(office.camat).post(
        reverse("correspondence:disposition_create", args=[letter.pk]), {"note": "tanpa penerima"}
    )
    assert "Pilih penerima disposisi" in response.content.decode()
    assert not Disposition.objects.exists()


def test_withdrawing_from_the_letter_page(office):
    letter = register(office)
    (d,) = dispositions.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    camat = _client(office.camat)
    assert "Tarik" in camat.get(letter.get_absolute_url()).content.decode()
    camat.post(reverse("correspondence:disposition_withdraw", args=[d.pk]))
    d.refresh_from_db()
    assert d.status == DispositionStatus.WITHDRAWN
    assert (
        letter.subject
        not in _client(office.kasi).get(reverse("correspondence:disposition_inbox")).content.decode()
    )


def test_a_stranger_cannot_withdraw_and_nothing_changes(office):
    letter = register(office)
    (d,) = dispositions.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    response = _client(office.sekcam).post(reverse("correspondence:disposition_withdraw", args=[d.pk]))
    assert response.status_code == 403
    d.refresh_from_db()
    assert d.status == DispositionStatus.SENT


def test_the_register_filters_by_sender_status_and_code_and_pages_by_keyset(office, settings):
    from lontar.correspondence.selectors import incoming as selectors

    for n in range(5):
        register(office, sender_number=f"A/{n}", sender_institution=f"Instansi {n}")
    client = _client(office.sekcam)
    page = client.get(reverse("correspondence:incoming_list"), {"pengirim": "Instansi 3"}).content.decode()
    assert "A/3" in page and "A/2" not in page
    letters, cursor = selectors.register(office.sekcam, selectors.RegisterFilter(), limit=2)
    assert len(letters) == 2 and cursor is not None
    rest, _ = selectors.register(office.sekcam, selectors.RegisterFilter(), after=cursor, limit=10)
    assert len(rest) == 3 and not {row.pk for row in letters} & {row.pk for row in rest}
    response = client.get(
        reverse("correspondence:incoming_list"), {"setelah": f"{cursor[0].isoformat()}_{cursor[1]}"}
    )
    assert response.status_code == 200


def test_the_lembar_disposisi_is_a_pdf_with_the_instructions_ticked(office):
    import io

    from pypdf import PdfReader

    letter = register(office)
    dispositions.seed_default_instructions(organisation=office.org)
    instruction = dispositions.DispositionInstruction.objects.get(
        organisation=office.org, text="Hadiri/wakili"
    )
    dispositions.dispose(
        actor=office.camat, letter=letter, units=[office.seksi], instructions=[instruction], working_days=2
    )
    response = _client(office.camat).get(reverse("correspondence:incoming_sheet", args=[letter.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "LEMBAR DISPOSISI" in text
    assert letter.agenda_number in text and "Hadiri/wakili" in text and "Kepala Seksi Pemerintahan" in text


def test_the_instruction_list_is_managed_by_the_office(office):
    admin = _client(office.admin)
    page = admin.get(reverse("correspondence:instruction_list")).content.decode()
    assert "Untuk dipelajari dan saran" in page
    admin.post(reverse("correspondence:instruction_list"), {"text": "Mohon dicek ulang", "order": "95"})
    assert AuditEvent.objects.filter(action="correspondence.instruction_add").exists()
    assert "Mohon dicek ulang" in admin.get(reverse("correspondence:instruction_list")).content.decode()
    assert _client(office.staff).get(reverse("correspondence:instruction_list")).status_code == 403


def test_the_dashboard_lists_letters_waiting_and_dispositions_due(office):
    register(office)
    page = _client(office.camat).get(reverse("core:dashboard")).content.decode()
    assert "Surat masuk menunggu disposisi" in page
    assert 'data-nav="incoming_letters"' in page


def test_the_register_and_the_inbox_cost_the_same_queries_for_few_or_many_letters(
    office, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(user, url):
        client = _client(user)
        client.get(url)  # warm caches (session, content types)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(n, start):
        for i in range(start, start + n):
            letter = register(office, sender_number=f"Q/{i}", security="rahasia" if i % 2 else "biasa")
            dispositions.dispose(
                actor=office.camat, letter=letter, recipients=[office.kasi], note="x", working_days=2
            )

    add(2, 0)
    few = (
        cost(office.camat, reverse("correspondence:incoming_list")),
        cost(office.kasi, reverse("correspondence:disposition_inbox")),
    )
    add(8, 2)
    many = (
        cost(office.camat, reverse("correspondence:incoming_list")),
        cost(office.kasi, reverse("correspondence:disposition_inbox")),
    )
    assert many == few


def test_the_letter_page_costs_the_same_queries_for_a_small_or_a_large_disposition_tree(office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    letter = register(office)
    client = _client(office.camat)
    url = letter.get_absolute_url()

    def cost():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    (to_kasi,) = dispositions.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
    small = cost()
    dispositions.dispose(
        actor=office.camat, letter=letter, recipients=[office.sekcam, office.front_desk], note="y"
    )
    dispositions.open_received(actor=office.kasi, letter=letter)
    to_kasi.refresh_from_db()
    dispositions.dispose(
        actor=office.kasi,
        letter=letter,
        recipients=[office.staff, office.other_staff],
        note="z",
        parent=to_kasi,
    )
    assert cost() == small


def test_the_correction_form_changes_only_what_was_edited(office):
    letter = register(office)
    client = _client(office.front_desk)
    page = client.get(reverse("correspondence:incoming_correct", args=[letter.pk])).content.decode()
    assert "Undangan rapat koordinasi pelayanan KTP-el" in page
    data = {
        "sender_institution": letter.sender_institution,
        "sender_name": letter.sender_name,
        "sender_number": letter.sender_number,
        "sender_date": "2026-11-02",
        "subject": "Undangan rapat (ralat)",
        "classification_code": "000.1.5",
        "urgency": "biasa",
        "security": "biasa",
        "enclosures": "0",
        "received_date": "2026-11-03",
        "channel": "kertas",
        "summary": letter.summary,
    }
    assert client.post(reverse("correspondence:incoming_correct", args=[letter.pk]), data).status_code == 302
    letter.refresh_from_db()
    assert letter.subject == "Undangan rapat (ralat)"
    event = AuditEvent.objects.get(action="correspondence.incoming_correct")
    changed = {key for key in event.after if event.before.get(key) != event.after[key]}
    assert changed == {"subject"}


def test_the_heads_view_puts_the_most_urgent_letters_first(office):
    from lontar.correspondence.selectors import incoming as selectors

    normal = register(office, sender_number="U/1", urgency="biasa")
    very = register(office, sender_number="U/2", urgency="sangat_segera")
    urgent = register(office, sender_number="U/3", urgency="segera")
    assert [row.pk for row in selectors.waiting_for_disposition(office.camat)] == [
        very.pk,
        urgent.pk,
        normal.pk,
    ]
    assert list(selectors.waiting_for_disposition(office.kasi)) == []


def test_the_inbox_pages_through_every_open_disposition_and_the_tabs_count_them_all(office, monkeypatch):
    from lontar.correspondence.selectors import incoming as selectors

    monkeypatch.setattr(selectors, "INBOX_PAGE_SIZE", 2)
    subjects = []
    for i in range(5):
        letter = register(office, sender_number=f"P/{i}", subject=f"Surat halaman nomor {i}")
        dispositions.dispose(actor=office.camat, letter=letter, recipients=[office.kasi], note="x")
        subjects.append(letter.subject)
    kasi = _client(office.kasi)
    url = reverse("correspondence:disposition_inbox")
    seen = []
    for page in (1, 2, 3):
        body = kasi.get(url, {"kotak": "terbuka", "halaman": page}).content.decode()
        seen += [subject for subject in subjects if subject in body]
        assert ('rel="next"' in body) == (page < 3)
        assert ('rel="prev"' in body) == (page > 1)
    assert sorted(seen) == sorted(subjects), "every disposition is on exactly one page"
    assert selectors.inbox_counts(office.kasi) == {"unread": 5, "soon": 0, "overdue": 0, "open": 5}
    # A page number that is not a number shows the first page instead of an error.
    assert kasi.get(url, {"halaman": "x"}).status_code == 200
