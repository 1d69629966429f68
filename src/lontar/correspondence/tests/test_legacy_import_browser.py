"""Browser journey: the front desk uploads the old buku agenda, checks the preview and imports it."""

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client

from lontar.core.models import Role
from lontar.core.tests.browser import screenshot_path
from lontar.core.tests.factories import member
from lontar.correspondence.models import IncomingLetter
from lontar.correspondence.tests.legacy_import_helpers import LAYOUT_B, layout_b_rows, workbook_file

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed"),
]


@pytest.fixture
def page(production_live_server, browser_page):
    # The server starts first so it stops last, after the browser has closed its connections.
    return browser_page


def _sign_in(page, production_live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": production_live_server.url}])


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.django_db(transaction=True)
def test_front_desk_uploads_previews_and_confirms_the_old_register(
    page, production_live_server, district, tmp_path
):
    front_desk = member(district, Role.FRONT_DESK)
    rows = layout_b_rows()
    rows[2][1] = "30 Februari 2025"  # one bad date: shown in the preview, skipped on request
    register = tmp_path / "agenda-2025.xlsx"
    register.write_bytes(workbook_file(LAYOUT_B, rows).read())

    _sign_in(page, production_live_server, front_desk)
    page.goto(production_live_server.url)
    page.get_by_role("link", name="Impor Buku Agenda").first.click()
    page.get_by_label("Berkas Excel (XLSX)").set_input_files(str(register))
    page.get_by_role("button", name="Unggah dan baca").click()

    page.get_by_test_id("import-rows").wait_for()
    assert page.get_by_test_id("count-valid").inner_text() == "2"
    assert page.get_by_test_id("count-error").inner_text() == "1"
    assert "Baris 4, kolom “TANGGAL DITERIMA”: tanggal “30 Februari 2025” tidak dikenali" in (
        page.get_by_test_id("row-errors").inner_text()
    )
    assert "table-danger" in (page.locator("tr[data-row='4']").get_attribute("class") or "")
    page.screenshot(path=screenshot_path("import-preview"), full_page=True)

    page.get_by_role("button", name="Impor 2 baris").click()
    page.get_by_text("Tidak ada data yang diimpor: 1 baris bergalat.").wait_for()
    assert IncomingLetter.objects.count() == 0

    page.get_by_label("Impor hanya baris yang benar; lewati baris bergalat").check()
    page.get_by_role("button", name="Impor 2 baris").click()
    page.get_by_text("Impor selesai: 2 data dibuat").wait_for()
    assert page.get_by_test_id("count-created").inner_text() == "2"
    assert sorted(IncomingLetter.objects.values_list("agenda_number", flat=True)) == ["101", "102"]
    page.screenshot(path=screenshot_path("import-done"), full_page=True)
