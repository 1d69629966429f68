"""Every URL, walked three ways:

* as users of office B, who can neither read nor change office A's data;
* as office A's auditor, who reads it all and changes nothing;
* as office A's head between password and second factor, who reaches nothing but the sign-in pages.

The URL list comes from the resolver itself, so a URL added without an entry in
`isolation_registry.ROUTES` fails `test_every_url_pattern_is_in_the_isolation_registry`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lontar.core.middleware import SecondFactorPolicyMiddleware
from lontar.core.models import (
    AuditChainHead,
    AuditEvent,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from lontar.core.tests.accounts_helpers import enrol, sign_in
from lontar.core.tests.factories import OrganisationFactory, member
from lontar.core.tests.isolation_registry import NOT_WALKED, ROUTES, OfficeA, populate_office_a

METHODS = ("get", "post", "put", "patch", "delete")
REFUSED = {401, 403, 404, 405}
LOGIN_PATH = "/akun/masuk/"
BACKEND = "lontar.core.auth_backends.UsernameOrNipBackend"


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the full route string when the pattern has no name
    route: str
    arguments: frozenset[str]
    named: bool


def _arguments(pattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex)


def url_patterns(resolvers=None, prefix: str = "", namespace: str = "", inherited=frozenset()):
    """Every leaf pattern under `lontar.urls`, through includes, with its full route and arguments."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        route = prefix + str(entry.pattern)
        arguments = inherited | _arguments(entry)
        if isinstance(entry, URLResolver):
            inner_namespace = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from url_patterns(entry.url_patterns, route, inner_namespace, frozenset(arguments))
        elif isinstance(entry, URLPattern):
            key = f"{namespace}{entry.name}" if entry.name else route
            yield Pattern(key=key, route=route, arguments=frozenset(arguments), named=bool(entry.name))


def walked_patterns() -> list[Pattern]:
    return [p for p in url_patterns() if not p.route.startswith(tuple(NOT_WALKED))]


def office_a_fingerprint(org, *, except_user=None, with_chain: bool = True) -> str:
    """A hash of every row that belongs to office A, its accounts and its audit chain.

    `except_user` leaves out the walker's own account row (signing in stamps its last_login);
    `with_chain=False` leaves out the audit chain, for walkers whose reads are themselves audited."""
    parts = []
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model is AuditEvent and not with_chain:
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "organisation"), None)
        # Rows scoped through another row (a personnel file through its staff member) count too.
        path = getattr(model._default_manager.all(), "organisation_field", "organisation")
        if path != "organisation" or (
            isinstance(field, models.ForeignKey) and field.related_model is Organisation
        ):
            rows = model._base_manager.filter(**{path: org}).order_by("pk").values()
            parts.append((model._meta.label, list(rows)))
    parts.append(("organisation", list(Organisation.objects.filter(path__startswith=org.path).values())))
    user_ids = Membership.objects.filter(organisation=org).values("user_id")
    users = User.objects.filter(pk__in=user_ids).order_by("pk")
    if except_user is not None:
        users = users.exclude(pk=except_user.pk)
    parts.append(("users", list(users.values())))
    if with_chain:
        parts.append(("chain", list(AuditChainHead.objects.filter(chain_key=org.pk).values())))
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def rows_written() -> int:
    """Rows inserted, updated or deleted through the test's database connection so far.

    SQLite: `total_changes()` of the connection. PostgreSQL: this transaction's inserts, updates and
    deletes (the test runs in one transaction, savepoints and aborted statements included). Both only
    grow, so an unchanged count means the request between two readings wrote nothing."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
            )
        return int(cursor.fetchone()[0])


class ChangeWatch:
    """Whether office A changed, checked after every request without hashing all of it every time.

    A fingerprint reads every row of office A and costs about four requests; most requests of a walk
    write nothing. So the connection's write count is read around each request, and only when it
    moved is the fingerprint taken and compared: a request that wrote anything is still judged on
    its own. `checkpoint()` compares the fingerprint unconditionally; the walks call it after each
    route, which also catches a change the count could not see (a write through another connection).
    """

    def __init__(self, fingerprint):
        self.fingerprint = fingerprint
        self.before = fingerprint()

    def send(self, request, *args, **kwargs):
        """Run `request(*args, **kwargs)`; return its response and whether office A changed."""
        count = rows_written()
        response = request(*args, **kwargs)
        return response, rows_written() != count and self.checkpoint()

    def checkpoint(self) -> bool:
        after = self.fingerprint()
        changed = after != self.before
        self.before = after
        return changed


@pytest.fixture
def office_a(city):
    org = OrganisationFactory(kind=OrganisationKind.DISTRICT, parent=city, name="Kecamatan A", code="Kec.A")
    office = OfficeA(org)
    org.address = office.marker("office_address")
    org.phone = office.marker("office_phone")
    org.save()
    populate_office_a(office)
    return office


@pytest.fixture
def office_b_users(other_district):
    return {
        "org_admin of B": member(other_district, Role.ORG_ADMIN),
        "staff of B": member(other_district, Role.STAFF),
    }


def _request(client: Client, method: str, url: str, data: dict, is_api: bool):
    if method == "get":
        return client.get(url)
    if is_api or method != "post":
        return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")
    return client.post(url, data)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _urls_for(pattern: Pattern, office: OfficeA) -> str:
    route = ROUTES[pattern.key]
    kwargs = route.kwargs(office)
    needed = pattern.arguments - {"format"}
    assert set(kwargs) == needed, (
        f"{pattern.key} ({pattern.route}) takes {sorted(needed)}, the registry gives {sorted(kwargs)}"
    )
    if "format" in pattern.arguments:
        kwargs = {**kwargs, "format": "json"}
    if pattern.named:
        return reverse(pattern.key, kwargs=kwargs)
    assert not kwargs, f"give {pattern.route} a name so the walk can build its URL"
    return "/" + pattern.route


def test_every_url_pattern_is_in_the_isolation_registry():
    keys = {p.key for p in walked_patterns()}
    unknown = sorted(keys - ROUTES.keys())
    assert not unknown, (
        f"URL patterns missing from src/lontar/core/tests/isolation_registry.py ROUTES: {unknown}. "
        "Add each with the path arguments of an office A object."
    )
    stale = sorted(ROUTES.keys() - keys)
    assert not stale, f"ROUTES lists patterns that no longer exist: {stale}"


def test_walk_finds_the_api_and_module_urls():
    routes = {p.route for p in walked_patterns()}
    assert any(r.startswith("api/v1/") for r in routes), "the REST API routers are walked"
    assert "notifikasi/<int:pk>/buka/" in routes


def test_users_of_another_office_can_neither_see_nor_change_office_a_through_any_url(
    office_a, office_b_users
):
    failures = []
    requests_made = 0
    # One client per user: each new Client builds the middleware stack, and WhiteNoise scans the
    # static root when it starts.
    clients = {who: Client() for who in office_b_users}
    # The state before each request is the state after the previous one (only the requests run), so
    # the fingerprint is carried forward and taken again only after a write (ChangeWatch).
    watch = ChangeWatch(lambda: office_a_fingerprint(office_a.org))
    for pattern in walked_patterns():
        route = ROUTES[pattern.key]
        url = _urls_for(pattern, office_a)
        visible = set(office_a.markers.values()) - {office_a.markers[label] for label in route.may_show}
        for who, user in office_b_users.items():
            for method in METHODS:
                client = clients[who]
                if client.session.get("_auth_user_id") != str(user.pk):  # first, or the sign-out URL
                    client.force_login(user, backend=BACKEND)
                try:
                    response, changed = watch.send(
                        _request,
                        client,
                        method,
                        url,
                        route.post_data(office_a),
                        pattern.route.startswith("api/"),
                    )
                except Exception as exc:
                    failures.append(f"{method.upper()} {url} as {who}: raised {exc!r}")
                    continue
                finally:
                    requests_made += 1
                where = f"{method.upper()} {url} as {who} -> {response.status_code}"
                if response.status_code >= 500:
                    failures.append(f"{where}: server error")
                leaked = [m for m in visible if m in _body(response) or m in response.get("Location", "")]
                if leaked:
                    failures.append(f"{where}: shows office A's data {leaked}")
                if changed:
                    failures.append(f"{where}: CHANGED office A's data")
        if watch.checkpoint():
            failures.append(f"{url} ({pattern.key}) as a user of office B: CHANGED office A's data")
    assert requests_made >= len(ROUTES) * len(office_b_users) * len(METHODS)
    assert not failures, "\n".join(failures)


def test_pages_that_are_not_public_send_anonymous_visitors_to_sign_in(office_a):
    failures = []
    anonymous = Client()
    for pattern in walked_patterns():
        route = ROUTES[pattern.key]
        if route.public:
            continue
        url = _urls_for(pattern, office_a)
        for method in ("get", "post"):
            response = _request(anonymous, method, url, {}, pattern.route.startswith("api/"))
            redirected_to_login = response.status_code == 302 and response["Location"].startswith(LOGIN_PATH)
            if not (redirected_to_login or response.status_code in REFUSED):
                failures.append(f"{method.upper()} {url} anonymous -> {response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_fingerprint_notices_a_change_to_office_a(office_a):
    before = office_a_fingerprint(office_a.org)
    office_a.unit.name = "diubah"
    office_a.unit.save()
    assert office_a_fingerprint(office_a.org) != before


def test_the_change_watch_notices_a_write_and_skips_the_fingerprint_only_after_none(office_a):
    fingerprints = []

    def fingerprint():
        fingerprints.append(1)
        return office_a_fingerprint(office_a.org)

    watch = ChangeWatch(fingerprint)
    _response, changed = watch.send(Organisation.objects.filter(pk=office_a.org.pk).exists)
    assert (changed, len(fingerprints)) == (False, 1)  # a read: no new fingerprint

    def rename():
        office_a.unit.name = "diubah"
        office_a.unit.save()

    _response, changed = watch.send(rename)
    assert (changed, len(fingerprints)) == (True, 2)
    # A write elsewhere moves the count: the fingerprint is taken and finds office A unchanged.
    _response, changed = watch.send(OrganisationFactory, parent=office_a.org.parent)
    assert (changed, len(fingerprints)) == (False, 3)
    # A change the count cannot see (here: the count is not read) is found at the checkpoint.
    office_a.unit.name = "diubah lagi"
    office_a.unit.save()
    assert watch.checkpoint() is True
    assert watch.checkpoint() is False


def test_admin_is_closed_to_office_users(office_a, office_b_users):
    for user in office_b_users.values():
        client = Client()
        client.force_login(user, backend=BACKEND)
        for url in ("/admin/", f"/admin/core/organisation/{office_a.org.pk}/change/"):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/"), url


# What office A's auditor may leave in the trail while walking: reads that are audited because they
# take data out, and acts on the auditor's OWN account (signing in and out, trying a second-factor
# code, notification channels). Nothing here changes office A's data.
AUDITOR_MAY_RECORD = {
    "core.login",
    "core.logout",
    "core.otp_setup_failed",
    "audit.export",
    "document.downloaded",
    "notifications.update_preferences",
    # Reading a report by downloading it is itself audited (who exported what), like audit.export.
    "correspondence.recap_export",
    # The complaint list's Excel export is audited the same way (identities masked for the auditor).
    "complaints.complaint.export",
    "surveys.ikm.export",
    # The attendance recap's Excel export (an audited read, as the complaint export).
    "attendance.recap.export",
    # Personnel: the DUK and formation exports and a personnel document's download are audited reads.
    "staff.duk.export",
    "staff.formation.export",
    "staff.document.download",
    # The duty-travel list's Excel export (names and NIP of travellers) is audited the same way.
    "travel.trip.export",
    # The career agenda's Excel export (staff reminders), audited like the other exports.
    "staff_reminders.agenda.export",
    # The office's leave list export (personal data: who exported what).
    "leave.request.export",
    # The planning realisation report (PDF/Excel) is audited when downloaded, like the IKM report.
    "planning.report.export",
    # KIB/KIR exports and printed label sheets of the assets register (read-only, audited).
    "assets.report.export",
    "assets.label.print",
    # The monthly supplies report (Excel/PDF) is audited on download, read-only for the auditor.
    "supplies.report.export",
    # Printing a meeting's attendance list or minutes (PDF) is audited, read-only for the auditor.
    "meetings.meeting.attendance_pdf",
    "meetings.minutes.pdf",
}
# Pages the auditor must be able to READ (200), so "changes nothing" is not "sees nothing".
AUDITOR_READS = (
    "core:audit_list",
    "core:audit_detail",
    "core:audit_export",
    "core:organisation_detail",
    "core:staff_list",
    "core:staff_detail",
    "core:position_detail",
    "core:document_list",
    "core:document_download",
    "core:file_download",
    "core:numbering_templates",
    "core:workdays_calendar",
)


def test_the_auditor_reads_office_a_through_every_url_and_changes_nothing(office_a):
    auditor = member(office_a.org, Role.AUDITOR, full_name="Auditor Inspektorat")
    client = Client()
    client.force_login(auditor, backend=BACKEND)
    first_new_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    failures = []
    watch = ChangeWatch(lambda: office_a_fingerprint(office_a.org, except_user=auditor, with_chain=False))
    for pattern in walked_patterns():
        route = ROUTES[pattern.key]
        url = _urls_for(pattern, office_a)
        for method in METHODS:
            if "_auth_user_id" not in client.session:  # the sign-out URL was walked
                client.force_login(auditor, backend=BACKEND)
            response, changed = watch.send(
                _request, client, method, url, route.post_data(office_a), pattern.route.startswith("api/")
            )
            where = f"{method.upper()} {url} as auditor -> {response.status_code}"
            if response.status_code >= 500:
                failures.append(f"{where}: server error")
            if changed:
                failures.append(f"{where}: CHANGED office A's data")
            if method == "get" and pattern.key in AUDITOR_READS and response.status_code != 200:
                failures.append(f"{where}: the auditor cannot read it")
        if watch.checkpoint():
            failures.append(f"{url} ({pattern.key}) as auditor: CHANGED office A's data")
    recorded = AuditEvent.objects.filter(pk__gte=first_new_event)
    unexpected = sorted(
        {
            (e.action, e.actor_label)
            for e in recorded
            if e.action not in AUDITOR_MAY_RECORD or e.actor_id != auditor.pk
        }
    )
    assert not failures, "\n".join(failures)
    assert unexpected == []
    assert recorded.filter(action="audit.export").exists(), "the walk reached the export"


@pytest.mark.parametrize("situation", ["device enrolled", "office requires it, no device yet"])
def test_between_password_and_second_factor_no_url_but_the_sign_in_pages_answers(office_a, situation):
    head = office_a.head
    if situation == "device enrolled":
        enrol(head)
        expected_page = reverse("core:otp_verify")
    else:
        office_a.org.require_2fa_for_leaders = True
        office_a.org.save()
        expected_page = reverse("core:otp_setup")
    client = Client()
    assert sign_in(client, head.username).status_code == 302
    exempt = SecondFactorPolicyMiddleware.EXEMPT_PREFIXES
    failures = []
    walked = 0
    watch = ChangeWatch(lambda: office_a_fingerprint(office_a.org, except_user=head, with_chain=False))
    for pattern in walked_patterns():
        route = ROUTES[pattern.key]
        url = _urls_for(pattern, office_a)
        if route.public or url.startswith(exempt):
            continue
        is_api = pattern.route.startswith("api/")
        for method in METHODS:
            response, changed = watch.send(_request, client, method, url, route.post_data(office_a), is_api)
            walked += 1
            where = f"{method.upper()} {url} -> {response.status_code}"
            if is_api:
                stopped = response.status_code == 403 and "dua langkah" in response.json()["detail"]
            else:
                stopped = response.status_code == 302 and response["Location"].startswith(expected_page)
            if not stopped:
                failures.append(f"{where}: not stopped at the second factor")
            leaked = [m for m in office_a.markers.values() if m in _body(response)]
            if leaked:
                failures.append(f"{where}: shows {leaked}")
            if changed:
                failures.append(f"{where}: CHANGED office A's data")
        if watch.checkpoint():
            failures.append(f"{url} ({pattern.key}) before the second factor: CHANGED office A's data")
    # The Django admin is not walked (superusers only), but it sits behind the same gate.
    for url in ("/admin/", f"/admin/core/organisation/{office_a.org.pk}/change/"):
        response = client.get(url)
        if not (response.status_code == 302 and response["Location"].startswith(expected_page)):
            failures.append(f"GET {url} -> {response.status_code}: not stopped at the second factor")
    assert walked > 100
    assert not failures, "\n".join(failures)
