"""axe-core (WCAG 2.1 A and AA) on the import screens: upload, preview with an error row, outcome, history."""

from __future__ import annotations

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client

from lontar.core.imports import services
from lontar.core.models import Role
from lontar.core.tests.browser import DESKTOP, PHONE
from lontar.core.tests.factories import member
from lontar.correspondence.importers import INCOMING_REGISTER_KIND
from lontar.correspondence.tests.legacy_import_helpers import LAYOUT_B, layout_b_rows, workbook_file

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
def test_import_screens_have_no_wcag_aa_violations(
    viewport, district, production_live_server, chromium_browser
):
    front_desk = member(district, Role.FRONT_DESK)
    rows = layout_b_rows()
    rows[1][1] = "kemarin"
    upload = {"actor": front_desk, "organisation": district, "kind": INCOMING_REGISTER_KIND}
    previewed = services.upload(**upload, uploaded_file=workbook_file(LAYOUT_B, rows))
    done = services.confirm(
        actor=front_desk,
        batch=services.upload(**upload, uploaded_file=workbook_file(LAYOUT_B, layout_b_rows()[:1])),
    )
    client = Client()
    client.force_login(front_desk)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context = chromium_browser.new_context(viewport=viewport, locale="id-ID")
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": production_live_server.url}])
    page = context.new_page()
    failures = []
    try:
        for path in [
            f"/impor/{INCOMING_REGISTER_KIND}/unggah/",
            f"/impor/{previewed.pk}/",
            f"/impor/{done.pk}/",
            "/impor/",
        ]:
            response = page.goto(production_live_server + path)
            assert response.status == 200, path
            failures += [f"{path}: {v}" for v in _violations(page)]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
