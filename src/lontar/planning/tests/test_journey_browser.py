"""The planning journey in a real browser: the PPTK (on a phone, 390 px) enters October's realisation of
their sub-activity → the head's dashboard (1366 px) shows the new absorption and the lag warning."""

from __future__ import annotations

import pytest

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.tests.browser import DESKTOP, PHONE
from lontar.correspondence.tests.outgoing.test_outgoing_browser import outside_the_event_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(district, production_live_server):
    built = {}

    def build():
        from lontar.core.models import Organisation
        from lontar.planning.services import realisation as services
        from lontar.planning.tests.factories import Plan, Team

        org = Organisation.objects.get(pk=district.pk)
        plan = Plan(Team(org))
        for user in (plan.team.pptk, plan.team.head):
            user.set_password(DEMO_PASSWORD)
            user.save()
        # A finished year: the others spent to October, sub1 nothing yet.
        for sub in plan.subs[1:]:
            for month in range(1, 11):
                services.record_realisation(
                    actor=plan.team.kasubag,
                    sub_activity=sub,
                    month=month,
                    amount=sub.pagu // 12,
                    physical_progress=round(month * 100 / 12, 2),
                )
        built["plan"] = plan

    outside_the_event_loop(build)
    return built


def _signed_in(browser, server, user, viewport):
    page = browser.new_context(viewport=viewport, locale="id-ID").new_page()
    page.set_default_timeout(30_000)
    page.goto(server + "/akun/masuk/")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def test_the_pptk_enters_a_month_and_the_head_sees_absorption_and_the_lag(
    office, production_live_server, chromium_browser
):
    plan = office["plan"]
    server = production_live_server.url
    head = _signed_in(chromium_browser, server, plan.team.head, DESKTOP)
    head.goto(server + f"/perencanaan/?tahun={plan.year.pk}")
    before = head.get_by_test_id("absorption").inner_text()
    assert "7.01.01.2.01.0001" in head.get_by_test_id("lagging").inner_text()

    pptk = _signed_in(chromium_browser, server, plan.team.pptk, PHONE)
    pptk.goto(server + "/perencanaan/saya/")
    pptk.get_by_role("link", name="7.01.01.2.01.0001").click()
    pptk.get_by_test_id("enter-10").click()
    pptk.get_by_label("Realisasi keuangan bulan ini (Rp)").fill("12000001")
    pptk.get_by_label("Realisasi fisik kumulatif s.d. akhir bulan (%)").fill("40")
    pptk.get_by_role("button", name="Simpan realisasi").click()
    assert "melebihi pagu" in pptk.get_by_test_id("realisation-form").inner_text()
    pptk.get_by_label("Realisasi keuangan bulan ini (Rp)").fill("4000000")
    with pptk.expect_navigation():
        pptk.get_by_role("button", name="Simpan realisasi").click()
    assert "Realisasi Oktober disimpan" in pptk.content()
    assert pptk.evaluate("document.documentElement.scrollWidth") <= 390 + 1

    head.reload()
    after = head.get_by_test_id("absorption").inner_text()
    assert after != before
    # 4 of 12 million spent against the whole year planned: far behind, shown red in the lag list.
    lagging = head.get_by_test_id("lagging")
    assert "7.01.01.2.01.0001" in lagging.inner_text()
    assert lagging.locator("[data-severity=red]").count() >= 1
    assert head.locator("svg.planning-chart").count() == 1
