import os

import pytest

from lontar.core.models import Unit
from lontar.core.permissions import VIEW_ORGANISATION
from lontar.core.search.registry import register_searchable, unregister_searchable
from lontar.core.search.services import index
from lontar.core.tests.factories import PASSWORD, UnitFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs Debian chromium"),
]


@pytest.fixture
def page(production_live_server, browser_page):
    # The server starts first so it stops last, after the browser has closed its connections.
    return browser_page


@pytest.mark.django_db(transaction=True)
def test_staff_member_searches_from_the_navigation_and_sees_a_highlighted_hit(
    page, production_live_server, district, staff_user, request
):
    register_searchable(Unit, view_action=VIEW_ORGANISATION)
    request.addfinalizer(lambda: unregister_searchable(Unit))
    unit = UnitFactory(organisation=district)
    index(
        obj=unit,
        organisation=district,
        title="Notulen musyawarah",
        body="Musyawarah rencana pembangunan desa.",
    )
    page.goto(f"{production_live_server.url}/akun/masuk/")
    page.fill("input[name=username]", staff_user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.click("[data-nav=search]")
    page.get_by_label("Kata yang dicari").fill("pembangunan")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    result = page.locator(".list-group-item").first
    assert "Notulen musyawarah" in result.inner_text()
    assert result.locator("mark").first.inner_text().lower() == "pembangunan"
