"""axe-core (WCAG 2.1 A and AA) on the incoming-letter screens, phone and desktop."""

from __future__ import annotations

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client

from lontar.core.tests.browser import DESKTOP, PHONE
from lontar.correspondence.services import dispositions
from lontar.correspondence.tests.incoming_helpers import build_office, register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="Debian chromium is not installed"),
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_incoming_letter_screens_have_no_wcag_aa_violations(
    viewport, district, production_live_server, chromium_browser
):
    office = build_office(district)
    letter = register(office, security="rahasia")
    waiting = register(office, sender_number="B/2")
    (to_kasi,) = dispositions.dispose(
        actor=office.camat, letter=letter, units=[office.seksi], note="Tindak lanjuti", working_days=2
    )
    screens = [
        (office.front_desk, "/surat/masuk/"),
        (office.front_desk, "/surat/masuk/baru/"),
        (office.camat, f"/surat/masuk/{letter.pk}/"),
        (office.camat, f"/surat/masuk/{waiting.pk}/disposisi/"),
        (office.camat, "/surat/masuk/menunggu-disposisi/"),
        (office.kasi, "/surat/disposisi/"),
        (office.kasi, f"/surat/masuk/{letter.pk}/"),
        (office.kasi, f"/surat/disposisi/{to_kasi.pk}/laporan/"),
        (office.admin, "/surat/pengaturan/instruksi-disposisi/"),
    ]
    context = chromium_browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    failures = []
    try:
        for user, path in screens:
            context.clear_cookies()
            client = Client()
            client.force_login(user)
            cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": production_live_server.url}]
            )
            response = page.goto(production_live_server + path)
            assert response.status == 200, f"{path}: {response.status}"
            failures += [f"{path}: {v}" for v in _violations(page)]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
