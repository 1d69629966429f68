"""The meetings journey in a real browser (issue 7, done-when): the Kasi Pemerintahan schedules a
meeting (the Sekcam's room booked) → drafts the surat undangan, which goes through paraf (Kasubag TU,
Sekcam) and is signed by the Camat on the correspondence screens, then sent → invitees get it → a staff
member checks in on a phone by opening the QR's URL → the note-taker records an action item in the
minutes → its owner marks it done, and it leaves their pending work on the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lontar.assets.bookings.demo import load_bookings_demo
from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path
from lontar.correspondence.demo_outgoing import load_outgoing_demo
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop
from lontar.records.tests.factories import ClassificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jatisari(settings, tmp_path_factory, production_live_server):
    settings.LONTAR_CA_DIR = tmp_path_factory.getbasetemp() / "meetings-ca"
    settings.LONTAR_SIGNER = "lontar.core.documents.signing.LocalCASigner"
    settings.SITE_URL = production_live_server.url
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    def load():
        load_demo()
        load_samples()
        for code in ("000.1", "000.1.5", "000.8", "000.8.3.2", "800.1.11.1"):
            ClassificationFactory(code=code, title=f"Klasifikasi {code}")
        load_outgoing_demo()
        load_bookings_demo()

    outside_the_event_loop(load)
    return production_live_server


def _signed_in(browser, server, username, *, phone=False):
    options = {"viewport": PHONE, "is_mobile": True} if phone else {"viewport": DESKTOP}
    page = browser.new_context(locale="id-ID", **options).new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def _full_name(username: str) -> str:
    found = {}

    def read():
        from django.contrib.auth import get_user_model

        found["n"] = get_user_model().objects.get(username=username).display_name

    outside_the_event_loop(read)
    return found["n"]


def _no_horizontal_scroll(page) -> None:
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_schedule_invite_sign_check_in_minutes_and_action_item_done(jatisari, chromium_browser):
    server = jatisari.url
    day = timezone.localdate() + dt.timedelta(days=10)
    sekcam, note_taker, invitee = (
        _full_name(u) for u in ("sekcam.jatisari", "staf.pem.jatisari", "staf.jatisari")
    )

    # 1. The Kasi schedules the meeting in the Sekcam's meeting room (approved automatically).
    kasi = _signed_in(chromium_browser, server, "kasi.pem.jatisari")
    kasi.click('[data-nav="meetings"]')
    kasi.get_by_test_id("meeting-new").click()
    kasi.get_by_label("Judul rapat").fill("Rapat koordinasi ketenteraman dan ketertiban")
    kasi.get_by_label("Acara/agenda").fill("Evaluasi pos kamling\nPersiapan patroli malam tahun baru")
    kasi.get_by_label("Bentuk").select_option("luring")
    kasi.locator("input[name=day]").fill(day.isoformat())
    kasi.get_by_label("Jam mulai").fill("09:00")
    kasi.get_by_label("Jam selesai").fill("11:00")
    kasi.get_by_label("Ruang rapat (dipinjam otomatis)").select_option(label="Ruang Rapat Sekcam")
    kasi.get_by_label("Pimpinan rapat").select_option(label=sekcam)
    kasi.get_by_label("Notulis").select_option(label=note_taker)
    kasi.locator("select[name=invited_users] option", has_text=invitee).first.wait_for(state="attached")
    value = kasi.locator("select[name=invited_users] option", has_text=invitee).first.get_attribute("value")
    kasi.locator("select[name=invited_users]").select_option([value])
    kasi.get_by_label("Tamu dari luar").fill("Ketua RW 05; Kelurahan Jatisari; rw05@contoh.id")
    kasi.get_by_role("button", name="Simpan").click()
    assert "Disetujui" in kasi.get_by_test_id("booking-status").inner_text()
    meeting_url = kasi.url

    # 2. The invitation is drafted from the meeting and submitted for paraf.
    kasi.get_by_test_id("invite").click()
    assert "Undangan Rapat koordinasi ketenteraman" in kasi.content()
    kasi.get_by_test_id("submit-outgoing").click()
    document_url = kasi.url
    for username in ("kasubag.tu.jatisari", "sekcam.jatisari"):
        page = _signed_in(chromium_browser, server, username)
        page.goto(document_url)
        page.get_by_test_id("give-paraf").click()
        page.get_by_text("Paraf diberikan.").wait_for()
        page.context.close()

    # 3. The Camat signs (the number is taken); the organiser sends it to the invitees.
    camat = _signed_in(chromium_browser, server, "camat.jatisari")
    camat.goto(document_url)
    camat.get_by_test_id("sign-outgoing").click()
    number = camat.get_by_test_id("outgoing-number").inner_text()
    assert number
    camat.context.close()
    kasi.goto(document_url)
    kasi.get_by_test_id("send-outgoing").click()
    kasi.goto(meeting_url)
    status = kasi.get_by_test_id("invitation-status").inner_text()
    assert number in status and "disampaikan kepada peserta" in status

    # 4. On the projector: the QR; an invitee opens its URL on a phone and checks in with one tap.
    kasi.get_by_test_id("qr-link").click()
    kasi.screenshot(path=screenshot_path("meetings-qr"))
    qr_url = kasi.get_by_test_id("qr-url").inner_text()
    phone = _signed_in(chromium_browser, server, "staf.jatisari", phone=True)
    assert "Undangan rapat" in phone.content()
    phone.goto(qr_url)
    _no_horizontal_scroll(phone)
    phone.get_by_test_id("checkin-button").click()
    assert "Kehadiran Anda tercatat" in phone.get_by_test_id("checkin-done").inner_text()
    phone.screenshot(path=screenshot_path("meetings-checkin-phone"))

    # 5. The note-taker writes the minutes with an action item for the invitee.
    notulis = _signed_in(chromium_browser, server, "staf.pem.jatisari")
    notulis.goto(meeting_url)
    assert invitee in notulis.get_by_test_id("attendance").inner_text()
    notulis.get_by_label("Ringkasan").fill("Pos kamling aktif di 12 dari 15 RW.")
    notulis.get_by_label("Keputusan/kesimpulan").fill("Patroli malam tahun baru dipimpin Trantib")
    notulis.get_by_role("button", name="Simpan notula").click()
    notulis.locator("textarea[name=item-description]").fill("Mendata pos kamling yang belum aktif")
    notulis.locator("select[name=item-owner]").select_option(label=invitee)
    notulis.locator("input[name=item-due_date]").fill((day + dt.timedelta(days=7)).isoformat())
    notulis.get_by_role("button", name="Tambah", exact=True).click()
    assert "Mendata pos kamling" in notulis.get_by_test_id("action-items").inner_text()
    notulis.screenshot(path=screenshot_path("meetings-detail"), full_page=True)

    # 6. The owner sees it in their pending work, marks it done, and it leaves the dashboard.
    phone.goto(server + "/")
    assert "Tindak lanjut rapat Anda" in phone.content()
    phone.goto(server + "/rapat/tindak-lanjut/")
    _no_horizontal_scroll(phone)
    phone.get_by_label("Catatan hasil").fill("Tiga pos kamling belum aktif sudah didata.")
    phone.get_by_role("button", name="Tandai selesai").click()
    phone.get_by_text("Tindak lanjut ditandai selesai.").wait_for()
    phone.goto(server + "/")
    assert "Tindak lanjut rapat Anda" not in phone.content()
    for path, name in (("/rapat/saya/", "meetings-mine-phone"), (meeting_url, "meetings-detail-phone")):
        phone.goto(path if path.startswith("http") else server + path)
        _no_horizontal_scroll(phone)
        phone.screenshot(path=screenshot_path(name), full_page=True)
