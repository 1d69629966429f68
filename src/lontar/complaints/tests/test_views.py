"""The office's screens and the citizens' pages: who sees the reporter's identity, tenancy, refusals that
change nothing, the one-time submit key, tracking by number and secret, rating and re-opening."""

from __future__ import annotations

import io
from dataclasses import asdict

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lontar.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintMessage,
    ComplaintStatus,
    MessageKind,
)
from lontar.complaints.selectors import public as public_selectors
from lontar.complaints.services import complaints as services
from lontar.complaints.tests.factories import Team, file, forwarded, make_category, pdf_upload, resolved
from lontar.core.models import AuditEvent, Role, StoredFile
from lontar.core.navigation import pending_work_for
from lontar.core.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db
REPORTER = "Budi Santoso"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def team(district):
    return Team(district)


@pytest.fixture
def category(district):
    return make_category(district)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def export_text(user) -> str:
    response = signed_in(user).get(reverse("complaints:office_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return "\n".join(
        " ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True)
    )


# --- identity -------------------------------------------------------------------------------------


def test_a_confidential_identity_shows_only_to_the_assigned_handler(district, team, category):
    complaint, _ = forwarded(district, team, category=category, is_confidential=True)
    url = reverse("complaints:office_detail", args=[complaint.pk])
    handler_page = signed_in(team.handler).get(url).content.decode()
    assert REPORTER in handler_page and "081234567890" not in handler_page  # stored as +62
    assert "+6281234567890" in handler_page
    for user in (team.head, team.secretary, team.section_head, team.auditor, team.admin):
        page = signed_in(user).get(url).content.decode()
        assert REPORTER not in page and "+6281234567890" not in page and "3273010101900001" not in page, user
        assert "Identitas dirahasiakan" in page


def test_exports_mask_confidential_and_anonymous_identities_for_everyone(district, team, category):
    forwarded(district, team, category=category, is_confidential=True)
    file(district, category=category, is_anonymous=True)
    file(district, category=category, reporter={"name": "Warga Biasa", "phone": "081299990000"})
    for user in (team.head, team.section_head):
        text = export_text(user)
        assert REPORTER not in text and "Warga Biasa" in text and "Anonim" in text
    # The handler may see the confidential identity on screen, but holds no export.
    assert signed_in(team.handler).get(reverse("complaints:office_export")).status_code == 403
    auditor_text = export_text(team.auditor)
    assert (
        REPORTER not in auditor_text and "Warga Biasa" not in auditor_text and "W**** B****" in auditor_text
    )
    assert AuditEvent.objects.filter(action="complaints.complaint.export", actor=team.auditor).count() == 1


def test_the_auditor_sees_a_normal_identity_masked(district, team, category):
    complaint, _ = file(district, category=category)
    page = (
        signed_in(team.auditor).get(reverse("complaints:office_detail", args=[complaint.pk])).content.decode()
    )
    assert REPORTER not in page and "B*** S******" in page


def test_the_public_selector_carries_no_identity_and_no_description(district, team, category):
    complaint, _ = resolved(district, team, category=category)
    services.set_publication(
        complaint=complaint, actor=team.handler, public_summary="Jalan sudah ditambal.", publish=True
    )
    item = public_selectors.published_complaint(complaint.number)
    values = " ".join(str(v) for v in asdict(item).values())
    assert "Jalan sudah ditambal." in values
    assert REPORTER not in values and "+6281234567890" not in values and "berlubang besar" not in values
    assert item.open311_status == "closed" and item.category_code == "jalan"
    page = Client().get(reverse("complaints:public_list")).content.decode()
    assert "Jalan sudah ditambal." in page and REPORTER not in page and "berlubang besar" not in page


def test_unpublished_complaints_are_not_public(district, team, category):
    complaint, _ = resolved(district, team, category=category)
    assert public_selectors.published_complaint(complaint.number) is None
    assert public_selectors.published_complaints() == []


# --- tenancy and scope ------------------------------------------------------------------------------


def test_another_office_gets_404_and_sees_nothing_in_lists_or_exports(
    district, other_district, team, category
):
    complaint, _ = file(district, category=category)
    outsider = member(other_district, Role.HEAD)
    client = signed_in(outsider)
    assert client.get(reverse("complaints:office_detail", args=[complaint.pk])).status_code == 404
    assert client.post(reverse("complaints:office_verify", args=[complaint.pk])).status_code == 404
    assert complaint.number not in client.get(reverse("complaints:office_inbox")).content.decode()
    assert complaint.number not in export_text(outsider)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_staff_see_only_their_own_complaints_in_the_inbox(district, team, category):
    mine, _ = forwarded(district, team, category=category)
    other, _ = file(district, category=category)
    page = signed_in(team.handler).get(reverse("complaints:office_inbox")).content.decode()
    assert mine.number in page and other.number not in page
    assert (
        signed_in(team.other_staff).get(reverse("complaints:office_detail", args=[mine.pk])).status_code
        == 404
    )
    head_page = signed_in(team.head).get(reverse("complaints:office_inbox")).content.decode()
    assert mine.number in head_page and other.number in head_page


def test_the_inbox_takes_the_same_number_of_queries_for_three_or_nine_complaints(district, team, category):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(team.head)
    url = reverse("complaints:office_inbox")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(3):
        forwarded(district, team, category=category)
    client.get(url)  # warm caches as a running server has them
    few = queries()
    for _ in range(6):
        forwarded(district, team, category=category)
    assert queries() == few


def test_a_denied_action_changes_nothing(district, team, category):
    complaint, _ = file(district, category=category)
    trail = AuditEvent.objects.filter(object_type="complaints.complaint")
    events = trail.count()
    # The front desk sees only what it registered: the complaint is not even found.
    response = signed_in(team.front_desk).post(
        reverse("complaints:office_verify", args=[complaint.pk]), {"verifikasi-note": "x"}
    )
    assert response.status_code == 404
    response = signed_in(team.auditor).post(
        reverse("complaints:office_verify", args=[complaint.pk]), {"verifikasi-note": "x"}
    )
    assert response.status_code == 403
    response = signed_in(team.auditor).post(
        reverse("complaints:office_reject", args=[complaint.pk]), {"tolak-reason": "x"}
    )
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and trail.count() == events


def test_reject_without_reason_is_refused_with_a_message_and_nothing_changes(district, team, category):
    complaint, _ = file(district, category=category)
    response = signed_in(team.section_head).post(
        reverse("complaints:office_reject", args=[complaint.pk]), {"tolak-reason": ""}
    )
    assert response.status_code == 400 and "Tindakan belum dilakukan" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_staff_verify_forward_assign_and_respond_through_the_screens(district, team, category):
    complaint, _ = file(district, category=category)
    kasubag = signed_in(team.section_head)
    assert kasubag.post(reverse("complaints:office_verify", args=[complaint.pk]), {}).status_code == 302
    assert (
        kasubag.post(
            reverse("complaints:office_forward", args=[complaint.pk]), {"teruskan-unit": category.unit_id}
        ).status_code
        == 302
    )
    kasubag.post(
        reverse("complaints:office_assign", args=[complaint.pk]), {"tugaskan-handler": team.handler.pk}
    )
    handler = signed_in(team.handler)
    handler.post(reverse("complaints:office_start_follow_up", args=[complaint.pk]), {})
    handler.post(
        reverse("complaints:office_resolve", args=[complaint.pk]), {"selesai-response": "Sudah ditambal."}
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESOLVED and complaint.handler == team.handler
    page = handler.get(reverse("complaints:office_detail", args=[complaint.pk])).content.decode()
    assert "Sudah ditambal." in page and "Diteruskan ke unit" in page  # thread and timeline


def test_dashboard_lists_complaints_waiting_for_verification(district, team, category):
    file(district, category=category)
    labels = [item.label for item in pending_work_for(team.section_head)]
    assert any("verifikasi" in str(label) for label in labels)
    assert not any("verifikasi" in str(item.label) for item in pending_work_for(team.auditor))


def test_counter_registration_gives_number_and_secret_and_a_double_submit_creates_one(
    district, team, category
):
    client = signed_in(team.front_desk)
    data = {
        "submit_key": "kunci-loket-1",
        "channel": "loket",
        "kind": "pengaduan",
        "category": category.pk,
        "description": "Lampu jalan di gang Melati mati sejak seminggu.",
        "privacy": "biasa",
        "name": "Ibu Ani",
    }
    first = client.post(reverse("complaints:office_register"), data)
    second = client.post(reverse("complaints:office_register"), data)
    assert first.status_code == 200 and 'data-testid="secret"' in first.content.decode()
    assert 'data-testid="secret"' not in second.content.decode()
    assert Complaint.objects.count() == 1 and Complaint.objects.get().registered_by == team.front_desk


def test_categories_are_managed_by_the_office_administrator(district, team):
    unit = make_category(district, code="x").unit
    client = signed_in(team.admin)
    response = client.post(
        reverse("complaints:category_create"),
        {"name": "Kebersihan", "code": "kebersihan", "unit": unit.pk, "order": 1, "is_active": "on"},
    )
    assert response.status_code == 302
    duplicate = client.post(
        reverse("complaints:category_create"), {"name": "Lain", "code": "kebersihan", "order": 2}
    )
    assert duplicate.status_code == 400 and "sudah dipakai" in duplicate.content.decode()
    assert signed_in(team.handler).get(reverse("complaints:category_list")).status_code == 403
    assert ComplaintCategory.objects.filter(code="kebersihan").count() == 1


def test_a_city_administrator_chooses_the_office_to_register_for_and_cannot_reach_beyond_the_city(
    city, district, other_district
):
    admin = signed_in(member(city, Role.CITY_ADMIN))
    other_category = make_category(other_district, code="jalan-dua", name="Jalan Kecamatan Dua")
    form = admin.get(reverse("complaints:office_register"), {"kantor": other_district.pk})
    page = form.content.decode()
    assert form.status_code == 200 and 'data-testid="office-picker"' in page
    assert "Jalan Kecamatan Dua" in page
    data = {
        "kantor": other_district.pk,
        "submit_key": "kunci-kota-1",
        "channel": "telepon",
        "kind": "pengaduan",
        "category": other_category.pk,
        "description": "Jembatan kecil di RW 03 retak.",
        "privacy": "biasa",
        "name": "Pak Ujang",
    }
    assert admin.post(reverse("complaints:office_register"), data).status_code == 200
    assert Complaint.objects.get().organisation == other_district
    foreign = OrganisationFactory(name="Kota Lain", code="KotaLain")
    assert admin.get(reverse("complaints:office_register"), {"kantor": foreign.pk}).status_code == 404
    created = admin.post(
        reverse("complaints:category_create"),
        {"kantor": other_district.pk, "name": "Kebersihan", "code": "bersih", "order": 1, "is_active": "on"},
    )
    assert created.status_code == 302
    assert ComplaintCategory.objects.get(code="bersih").organisation == other_district


# --- the citizens' pages ----------------------------------------------------------------------------


def portal_data(category, **overrides) -> dict:
    return {
        "submit_key": "kunci-portal-1",
        "kind": "pengaduan",
        "category": category.pk,
        "description": "Sampah menumpuk di depan pasar sejak tiga hari.",
        "privacy": "anonim",
        "name": "Tidak boleh tersimpan",
        "phone": "081211112222",
        **overrides,
    }


def test_an_anonymous_portal_complaint_stores_no_identity_and_a_double_submit_creates_one(district, category):
    client = Client()
    url = reverse("complaints:file", args=[district.pk])
    first = client.post(url, portal_data(category))
    second = client.post(url, portal_data(category))
    assert first.status_code == 302 and second.status_code == 302 and first["Location"] == second["Location"]
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous and complaint.reporter_name == "" and complaint.reporter_phone == ""
    receipt = client.get(first["Location"]).content.decode()
    assert complaint.number in receipt and 'data-testid="secret"' in receipt
    assert Client().get(first["Location"]).status_code == 404  # another browser never sees the secret


def test_filing_is_rate_limited_per_address(district, category):
    client = Client()
    url = reverse("complaints:file", args=[district.pk])
    for n in range(10):
        assert client.post(url, portal_data(category, submit_key=f"k{n}")).status_code == 302
    assert client.post(url, portal_data(category, submit_key="k-last")).status_code == 429
    assert Complaint.objects.count() == 10


def test_a_wrong_secret_and_an_unknown_number_answer_the_same_and_guesses_are_limited(district, category):
    complaint, _ = file(district, category=category)
    client = Client()
    wrong = client.post(reverse("complaints:track"), {"number": complaint.number, "secret": "AAAAAAAA"})
    unknown = client.post(
        reverse("complaints:track"), {"number": "ADU-SATU-2611-ZZZZZZ", "secret": "AAAAAAAA"}
    )
    assert wrong.status_code == unknown.status_code == 400
    strip = lambda r: r.content.decode().replace(complaint.number, "").replace("ADU-SATU-2611-ZZZZZZ", "")  # noqa: E731
    assert strip(wrong).count("tidak cocok") == strip(unknown).count("tidak cocok") == 1
    for _ in range(9):
        client.post(reverse("complaints:track"), {"number": complaint.number, "secret": "AAAAAAAA"})
    refused = client.post(reverse("complaints:track"), {"number": complaint.number, "secret": "AAAAAAAA"})
    assert refused.status_code == 429


def test_only_the_reporter_with_the_secret_rates_and_only_after_resolution(district, team, category):
    complaint, secret = forwarded(district, team, category=category)
    stranger = Client()
    stranger.post(reverse("complaints:rate", args=[complaint.number]), {"rating": "1", "secret": "AAAAAAAA"})
    reporter = Client()
    early = reporter.post(
        reverse("complaints:rate", args=[complaint.number]), {"rating": "5", "secret": secret}
    )
    assert early.status_code == 400
    complaint.refresh_from_db()
    assert complaint.rating is None
    services.start_follow_up(complaint=complaint, actor=team.handler)
    services.resolve(complaint=complaint, actor=team.handler, response="Sudah ditambal.")
    stranger.post(reverse("complaints:rate", args=[complaint.number]), {"rating": "1", "secret": "AAAAAAAA"})
    complaint.refresh_from_db()
    assert complaint.rating is None
    done = reporter.post(
        reverse("complaints:rate", args=[complaint.number]),
        {"rating": "5", "comment": "Cepat", "secret": secret},
    )
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.rating, complaint.rating_comment) == (5, "Cepat")


def test_the_tracking_link_shows_public_responses_but_no_internal_note_or_identity(district, team, category):
    complaint, secret = forwarded(district, team, category=category)
    services.respond(complaint=complaint, actor=team.handler, body="Tim sudah meninjau lokasi.")
    services.add_note(complaint=complaint, actor=team.handler, body="Catatan rahasia internal")
    page = Client().get(reverse("complaints:track_link", args=[complaint.number, secret])).content.decode()
    assert "Tim sudah meninjau lokasi." in page and "Catatan rahasia internal" not in page
    assert REPORTER not in page and "Petugas Penanganan" not in page
    assert "www.lapor.go.id" in page
    assert (
        Client().get(reverse("complaints:track_link", args=[complaint.number, "AAAAAAAA"])).status_code == 404
    )


def test_the_reporter_reopens_a_resolved_complaint_with_a_reason(district, team, category):
    complaint, secret = resolved(district, team, category=category)
    client = Client()
    empty = client.post(
        reverse("complaints:reopen", args=[complaint.number]), {"reason": "", "secret": secret}
    )
    assert empty.status_code == 400
    done = client.post(
        reverse("complaints:reopen", args=[complaint.number]),
        {"reason": "Masih berlubang.", "secret": secret},
    )
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_FOLLOW_UP and complaint.reopen_count == 1


def test_the_portal_header_links_to_complaints_and_the_home_to_lapor():
    page = Client().get(reverse("complaints:portal_home")).content.decode()
    assert 'data-testid="portal-complaints"' in page and "https://www.lapor.go.id" in page


def test_a_reply_after_resolution_is_flagged_in_the_inbox(district, team, category):
    complaint, _ = resolved(district, team, category=category)
    client = signed_in(team.handler)
    assert (
        'data-testid="reporter-replied"'
        not in client.get(reverse("complaints:office_inbox")).content.decode()
    )
    services.reporter_reply(complaint=complaint, body="Masih ada satu lubang lagi di ujung jalan.")
    assert 'data-testid="reporter-replied"' in client.get(reverse("complaints:office_inbox")).content.decode()


# --- the reporter's reply with a file ---------------------------------------------------------------


def test_the_reply_form_on_the_tracking_page_uploads_files():
    """The form is multipart and has the optional file field of the filing form."""
    from lontar.complaints.forms.portal import FileForm, ReplyForm

    reply, filing = ReplyForm().fields["attachment"], FileForm(categories=None).fields["attachment"]
    assert not reply.required and (reply.label, reply.help_text) == (filing.label, filing.help_text)


def test_a_reply_with_a_pdf_is_stored_and_the_handler_downloads_it(district, team, category, other_district):
    complaint, secret = forwarded(district, team, category=category)
    reporter = Client()
    page = reporter.get(reverse("complaints:track_link", args=[complaint.number, secret])).content.decode()
    form = page[page.index('id="form-balas"') - 200 : page.index("Kirim balasan")]
    assert 'enctype="multipart/form-data"' in form and 'type="file" name="attachment"' in form
    sent = reporter.post(
        reverse("complaints:reply", args=[complaint.number]),
        {"body": "Ini foto lubangnya.", "secret": secret, "attachment": pdf_upload("lubang jalan.pdf")},
    )
    assert sent.status_code == 302
    message = ComplaintMessage.objects.get(complaint=complaint, kind=MessageKind.FROM_REPORTER)
    attachment = ComplaintAttachment.objects.get(message=message)
    stored = attachment.stored_file
    assert (stored.original_name, stored.content_type) == ("lubang jalan.pdf", "application/pdf")
    assert stored.organisation_id == district.pk and stored.uploaded_by is None
    # The reporter sees the file's name with the reply; there is no download link on the public page.
    page = reporter.get(reverse("complaints:track_link", args=[complaint.number, secret])).content.decode()
    assert "lubang jalan.pdf" in page and reverse("core:file_download", args=[stored.pk]) not in page

    handler = signed_in(team.handler)
    detail = handler.get(reverse("complaints:office_detail", args=[complaint.pk])).content.decode()
    thread = detail[detail.index('data-testid="thread"') : detail.index('id="catatan-h"')]
    download = reverse("core:file_download", args=[stored.pk])
    assert "Ini foto lubangnya." in thread and download in thread and "lubang jalan.pdf" in thread
    assert 'data-testid="attachments"' not in detail  # not listed again with the complaint's own files
    response = handler.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    # Staff only, and only the complaint's own office.
    assert reporter.get(download).status_code == 302
    outsider = member(other_district, Role.SECTION_HEAD, full_name="Kasubag Lain")
    assert signed_in(outsider).get(download).status_code == 404


def test_a_disguised_file_is_refused_with_a_message_and_the_reply_is_kept_unsaved(district, team, category):
    complaint, secret = forwarded(district, team, category=category)
    before = (StoredFile.objects.count(), AuditEvent.objects.count())
    disguised = SimpleUploadedFile(
        "bukti.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = Client().post(
        reverse("complaints:reply", args=[complaint.number]),
        {"body": "Balasan yang saya ketik panjang-panjang.", "secret": secret, "attachment": disguised},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Jenis berkas tidak diizinkan." in page and 'id="id_attachment_error"' in page
    assert "Balasan yang saya ketik panjang-panjang." in page  # the typed text is still in the form
    assert not ComplaintMessage.objects.filter(complaint=complaint, kind=MessageKind.FROM_REPORTER).exists()
    assert not ComplaintAttachment.objects.exists()
    assert (StoredFile.objects.count(), AuditEvent.objects.count()) == before
    complaint.refresh_from_db()
    assert complaint.last_reporter_reply_at is None
