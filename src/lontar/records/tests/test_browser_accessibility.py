"""axe-core (WCAG 2.1 A and AA) on the records screens, on a phone and a desktop viewport, each as the
role that normally uses it."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client

from lontar.core.models import Role
from lontar.core.tests.browser import DESKTOP, PHONE
from lontar.core.tests.factories import member
from lontar.records import services
from lontar.records.tests.conftest import inactive_file, make_file

CHROMIUM = "/usr/bin/chromium"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed"),
]


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


def _sign_in(context, server, user) -> None:
    context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_records_screens_have_no_wcag_aa_violations(
    viewport, production_live_server, chromium_browser, city, district, keeper, staff_user, short_code
):
    open_file = make_file(keeper, district, short_code, number="BRK/1", opened=dt.date(2026, 1, 5))
    services.file_item(
        actor=keeper, record_file=open_file, description="Undangan", item_date=dt.date(2026, 1, 6)
    )
    services.lend_file(actor=keeper, record_file=open_file, borrower=staff_user, purpose="Bahan rapat")
    due = inactive_file(keeper, district, short_code, "BRK/2")
    inactive_file(keeper, district, short_code, "BRK/3")
    proposal = services.propose_disposal(actor=keeper, organisation=district, kind="musnah", files=[due])
    city_admin = member(city, Role.CITY_ADMIN)
    screens = [
        (keeper, "/arsip/"),
        (keeper, "/arsip/berkas/baru/"),
        (keeper, f"/arsip/berkas/{open_file.pk}/"),
        (keeper, "/arsip/jatuh-tempo/"),
        (keeper, "/arsip/penyusutan/"),
        (keeper, "/arsip/penyusutan/baru/?jenis=musnah"),
        (keeper, f"/arsip/penyusutan/{proposal.pk}/"),
        (keeper, "/arsip/peminjaman/"),
        (staff_user, "/arsip/klasifikasi/"),
        (city_admin, f"/arsip/klasifikasi/{short_code.pk}/ubah/"),
        (city_admin, "/arsip/klasifikasi/impor/"),
    ]
    failures = []
    context = chromium_browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    try:
        for user, path in screens:
            _sign_in(context, production_live_server, user)
            response = page.goto(production_live_server + path)
            assert response.status == 200, f"{path}: {response.status}"
            failures += [f"{path}: {v}" for v in _violations(page)]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
