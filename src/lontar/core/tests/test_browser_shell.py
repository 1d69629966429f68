"""The application shell in a real browser: sign-in by keyboard for every role, role-aware
navigation, the dashboard's transfer budget, the language switch and basic accessibility."""

from __future__ import annotations

import pytest

from lontar.core.demo.data import DEMO_PASSWORD
from lontar.core.demo.loader import load_demo
from lontar.core.models import Membership, Role
from lontar.core.navigation import registry
from lontar.core.tests.browser import DESKTOP, PHONE, screenshot_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALL_ROLES = frozenset(Role.values)
AUDIT_READERS = frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN})
OFFICE_ADMINS = frozenset({Role.ORG_ADMIN, Role.CITY_ADMIN})

# Which roles see each navigation link (`<a data-nav="key">` in the page header). This table is the
# policy; a module that adds a nav item adds its line here. The test fails when the header shows a
# key this table does not know, or shows a known key to the wrong roles. Keys listed here that no
# module has registered yet are not expected on the page (they are printed, so the gap is visible).
NAV_VISIBLE_TO: dict[str, frozenset[str]] = {
    "notifications": ALL_ROLES,
    "search": ALL_ROLES,
    "organisations": ALL_ROLES,
    "staff": ALL_ROLES,
    "issued_documents": ALL_ROLES,
    "audit": AUDIT_READERS,
    "numbering": OFFICE_ADMINS | {Role.AUDITOR},
    "workdays": OFFICE_ADMINS | {Role.AUDITOR},
    "background_jobs": frozenset({Role.CITY_ADMIN}),
    # --- correspondence: incoming letters and dispositions (the demo's administrator is also staff) ---
    "incoming_letters": ALL_ROLES,
    "disposition_inbox": ALL_ROLES - {Role.AUDITOR},
    "disposition_instructions": frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- correspondence: outgoing documents ---
    "outgoing": ALL_ROLES,
    "outgoing_templates": OFFICE_ADMINS | {Role.AUDITOR},
    # --- correspondence: legacy import of the buku agenda ---
    "incoming_register_import": frozenset(
        {Role.FRONT_DESK, Role.SECTION_HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}
    ),
    "outgoing_register_import": frozenset(
        {Role.FRONT_DESK, Role.SECTION_HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}
    ),
    # --- correspondence: Subbag TU's monthly recap (read-only, so the auditor's too) ---
    "correspondence_recap": frozenset(
        {Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}
    ),
    # --- records: files (berkas) and the classification / retention reference ---
    "records": ALL_ROLES,
    "classification": ALL_ROLES,
    # --- public services: the office's application queue ---
    "service_applications": ALL_ROLES,
    # --- public services: the service catalogue (every member reads it; admins and Sekcam change it) ---
    "service_catalogue": ALL_ROLES,
    # --- public services: the counter (loket) and today's queue (the demo's administrator is also staff) ---
    "counter": frozenset({Role.FRONT_DESK, Role.STAFF, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- complaints: every member reads the inbox (scoped); administrators and the Sekcam keep categories ---
    "complaints": ALL_ROLES,
    "complaint_categories": frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- assets: every member opens the register (own items, scanned labels); reports for its readers ---
    "assets": ALL_ROLES,
    "asset_reports": frozenset(
        {Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}
    ),
    # --- surveys: SKM responses and settings (readers), the counter kiosks (front desk and configurers) ---
    "surveys": frozenset(
        {Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}
    ),
    "survey_kiosks": frozenset({Role.FRONT_DESK, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- surveys: the IKM report (readers) ---
    "survey_ikm": frozenset(
        {Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}
    ),
    "open311_clients": frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- staff: attendance (own check-in and the roster for members; recap for readers) ---
    "attendance": ALL_ROLES - {Role.AUDITOR},
    "attendance_recap": frozenset(
        {Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}
    ),
    "attendance_quota": frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- staff: personnel files, DUK and formation (readers); everyone's own file ---
    "personnel": frozenset(
        {Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}
    ),
    "my_personnel_file": ALL_ROLES,
    # --- staff: duty travel (every member requests and reads own trips; Sekcam/admins keep the code) ---
    "travel": ALL_ROLES,
    "travel_settings": frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- staff reminders: everyone reads their own career agenda (readers of the files, the office's);
    # the Sekcam and the administrator set the lead times (the auditor reads them) ---
    "staff_agenda": ALL_ROLES,
    "staff_reminder_settings": frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}),
    # --- staff leave: every member asks for leave (not the read-only auditor); Camat, Sekcam,
    # administrator (Subbag TU) and auditor see the office's list ---
    "leave": ALL_ROLES - {Role.AUDITOR},
    "leave_office": frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN}),
    "leave_balances": frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    "leave_settings": frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- planning: every member reads the plan and its realisation (the demo's front desk is also staff) ---
    "planning": ALL_ROLES,
    # --- bookings: every member sees the calendar; the Sekcam, admins and section heads keep resources ---
    "bookings": ALL_ROLES,
    "booking_resources": frozenset({Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN, Role.CITY_ADMIN}),
    # --- supplies (ATK): every member sees stock and requests for their unit ---
    "supplies": ALL_ROLES,
    # --- meetings: every member sees the meetings they take part in (leaders and the auditor all) ---
    "meetings": ALL_ROLES,
}
# Links the shell itself renders, outside the registry.
SHELL_NAV_KEYS = frozenset({"notifications"})

DASHBOARD_BUDGET_BYTES = 150 * 1024


# The demo account that stands for each role (printed by `manage.py demo_accounts`).
DEMO_ACCOUNT_OF_ROLE = {
    Role.HEAD: "camat.jatisari",
    Role.SECRETARY: "sekcam.jatisari",
    Role.SECTION_HEAD: "kasi.pem.jatisari",
    Role.STAFF: "staf.jatisari",
    Role.FRONT_DESK: "fo.jatisari",
    Role.ORG_ADMIN: "admin.jatisari",
    Role.AUDITOR: "auditor.jatisari",
    Role.CITY_ADMIN: "admin.kota",
}


@pytest.fixture
def users_by_role(transactional_db):
    """The demo data of `manage.py load_demo`, and its account for each role."""
    load_demo()
    users = {}
    for role, username in DEMO_ACCOUNT_OF_ROLE.items():
        membership = Membership.objects.select_related("user").get(user__username=username, role=role)
        users[role] = membership.user
    assert set(users) == ALL_ROLES
    return users


def sign_in_by_keyboard(page, server, username: str) -> None:
    page.goto(server + "/")
    assert "/akun/masuk/" in page.url, "an anonymous visitor is sent to the sign-in page"
    # The username field has autofocus: the whole form is usable without a mouse.
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == server + "/", f"signed in as {username}, landed on {page.url}"


def header_nav_keys(page) -> set[str]:
    return set(page.locator("header a[data-nav]").evaluate_all("els => els.map(e => e.dataset.nav)"))


def expected_nav_keys(role: str) -> set[str]:
    present = {item.key for item in registry.nav} | SHELL_NAV_KEYS
    return {key for key, roles in NAV_VISIBLE_TO.items() if role in roles and key in present}


def unlabelled_controls(page) -> list[str]:
    """Form controls a screen reader could not name: no <label>, aria-label or aria-labelledby."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden')
            .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label')
                          && !el.getAttribute('aria-labelledby'))
            .map(el => el.outerHTML)"""
    )


@pytest.mark.parametrize("role", Role.values)
def test_each_role_signs_in_by_keyboard_and_sees_only_its_navigation(
    role, users_by_role, production_live_server, chromium_browser
):
    context = chromium_browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    try:
        sign_in_by_keyboard(page, production_live_server, users_by_role[role].username)
        shown = header_nav_keys(page)
        unknown = shown - NAV_VISIBLE_TO.keys()
        assert not unknown, f"nav keys {unknown} are missing from NAV_VISIBLE_TO in this test"
        assert shown == expected_nav_keys(role), f"navigation of {role}"
        not_built = NAV_VISIBLE_TO.keys() - {item.key for item in registry.nav} - SHELL_NAV_KEYS
        if not_built:
            print(f"nav keys not registered by any module yet: {sorted(not_built)}")
        assert page.get_by_test_id("current-user").inner_text() == users_by_role[role].display_name
        page.screenshot(path=screenshot_path(role), full_page=True)
        if role == Role.HEAD:
            page.set_viewport_size(DESKTOP)
            page.screenshot(path=screenshot_path(f"{role}-desktop"), full_page=True)
    finally:
        context.close()


def test_dashboard_first_load_stays_within_150_kb(users_by_role, production_live_server, chromium_browser):
    signing_in = chromium_browser.new_context(viewport=DESKTOP)
    sign_in_by_keyboard(signing_in.new_page(), production_live_server, users_by_role[Role.HEAD].username)
    session = signing_in.storage_state()
    signing_in.close()

    # A fresh context: the session cookie only, an empty cache, as on a first visit of the day.
    context = chromium_browser.new_context(viewport=DESKTOP, storage_state=session)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    try:
        response = page.goto(production_live_server + "/", wait_until="networkidle")
        assert response.status == 200
        sizes = {}
        for request in finished:
            measured = request.sizes()
            sizes[request.url] = measured["responseBodySize"] + measured["responseHeadersSize"]
        total = sum(sizes.values())
        print(f"dashboard first load: {total} bytes ({total / 1024:.1f} KB) in {len(sizes)} responses")
        for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
            print(f"  {size:>8}  {url}")
        static = [url for url in sizes if "/static/" in url]
        assert static, "the dashboard loads its stylesheets and scripts"
        # Hashed names prove the files come from collectstatic's manifest, as in production.
        assert all(url.rsplit("/", 1)[-1].count(".") >= 2 for url in static), static
        assert total <= DASHBOARD_BUDGET_BYTES, f"dashboard first load is {total} bytes"
    finally:
        context.close()


def test_static_files_are_served_compressed_with_long_cache(
    users_by_role, production_live_server, browser_page
):
    browser_page.goto(production_live_server + "/akun/masuk/")
    css = browser_page.locator("link[rel=stylesheet]").first.get_attribute("href")
    response = browser_page.request.get(production_live_server + css, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers.get("content-encoding") == "gzip"
    assert "immutable" in response.headers.get("cache-control", "")


def test_switching_to_english_changes_the_interface_language(
    users_by_role, production_live_server, browser_page
):
    page = browser_page
    sign_in_by_keyboard(page, production_live_server, users_by_role[Role.STAFF].username)
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_label("Bahasa", exact=True).select_option("en")
    with page.expect_navigation():
        page.locator("footer form button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == production_live_server + "/", "the switch returns to the same page"


def test_sign_in_and_dashboard_forms_are_labelled_and_a_skip_link_leads_to_the_content(
    users_by_role, production_live_server, browser_page
):
    page = browser_page
    page.goto(production_live_server + "/akun/masuk/")
    assert unlabelled_controls(page) == []
    # Keyboard users land on the skip link first (when no field has autofocus) and it targets <main>.
    skip = page.locator("a.skip-link")
    assert skip.get_attribute("href") == "#main"
    assert page.locator("main#main").count() == 1

    sign_in_by_keyboard(page, production_live_server, users_by_role[Role.SECTION_HEAD].username)
    assert unlabelled_controls(page) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
