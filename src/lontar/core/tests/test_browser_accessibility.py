"""Automated accessibility checks (axe-core, WCAG 2.1 A and AA rules) on the platform's screens, on a
phone and a desktop viewport. A new screen is added to SCREENS; modules check their own the same way.

axe finds about half of real accessibility problems (contrast, names, labels, landmarks, ARIA misuse);
keyboard use is covered by the shell's browser tests.
"""

from __future__ import annotations

import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples
from lontar.core.documents.models import IssuedDocument
from lontar.core.models import Staff
from lontar.core.tests.browser import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# (demo account, path) — each screen as the role that normally uses it.
SCREENS = [
    ("camat.jatisari", "/"),
    ("camat.jatisari", "/notifikasi/"),
    ("camat.jatisari", "/naskah-terbit/"),
    ("camat.jatisari", "/cari/?q=surat"),
    ("auditor.jatisari", "/audit/"),
    ("admin.jatisari", "/organisasi/"),
    ("admin.jatisari", "/pegawai/"),
    ("admin.jatisari", "/pegawai/{staff}/"),
    ("admin.jatisari", "/pengaturan/penomoran/"),
    ("admin.jatisari", "/pengaturan/penomoran/baru/"),
    ("admin.jatisari", "/pengaturan/kalender-kerja/"),
    ("admin.jatisari", "/akun/keamanan/"),
    ("admin.jatisari", "/akun/keamanan/pengguna/"),
    ("admin.kota", "/sistem/pekerjaan-latar/"),
]
PUBLIC_SCREENS = ["/akun/masuk/", "/akun/lupa-sandi/", "/verifikasi/{token}/"]


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


def _sign_in(page, server, username: str) -> None:
    page.goto(server + "/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _in_a_thread_without_an_event_loop(function) -> None:
    """pyHanko signs with asyncio.run(), which refuses to start inside the event loop that Playwright's
    sync API keeps running in this thread."""
    errors = []

    def run():
        try:
            function()
        except Exception as exc:  # re-raised in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if errors:
        raise errors[0]


@pytest.fixture
def demo(transactional_db):
    load_demo()
    _in_a_thread_without_an_event_loop(load_samples)
    return {
        "staff": Staff.objects.get(user__username="staf.jatisari").pk,
        "token": IssuedDocument.objects.order_by("pk").first().verification_token,
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screens_have_no_wcag_aa_violations(viewport, demo, production_live_server, chromium_browser):
    failures = []
    context = chromium_browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    try:
        for path in PUBLIC_SCREENS:
            page.goto(production_live_server + path.format(**demo))
            failures += [f"{path} (anonymous): {v}" for v in _violations(page)]
        signed_in_as = None
        for username, path in SCREENS:
            if username != signed_in_as:
                context.clear_cookies()
                _sign_in(page, production_live_server, username)
                signed_in_as = username
            response = page.goto(production_live_server + path.format(**demo))
            assert response.status == 200, f"{path} as {username}: {response.status}"
            failures += [f"{path} as {username}: {v}" for v in _violations(page)]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
