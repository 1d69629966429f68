"""Fuzz every operation of the committed OpenAPI document with schemathesis.

The generated requests go to the real application (WSGI, real database) as a signed-in user of an
office that holds one object of every kind (the isolation walk's office A), and every response must
conform to the document: no server error, declared status codes, content types and bodies.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.test.client import closing_iterator_wrapper
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from lontar.core.models import OrganisationKind, Role
from lontar.core.tests.factories import OrganisationFactory, member
from lontar.core.tests.isolation_registry import OfficeA, populate_office_a

SCHEMA_PATH = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"


def _identity(app):
    """The WSGI app without response compression (the in-process client does not decode gzip), and,
    as Django's test client does, without closing the database connection at the start and end of a
    request: the test's data lives in a transaction that a closed connection would lose, so every
    later request would fail with "the connection is closed" instead of being checked."""

    def wrapped(environ, start_response):
        environ.pop("HTTP_ACCEPT_ENCODING", None)
        request_started.disconnect(close_old_connections)
        try:
            response = app(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
        # Fires request_finished on close, without close_old_connections (as the test client does).
        return closing_iterator_wrapper(response, response.close)

    return wrapped


@pytest.fixture
def signed_in_app(city):
    """The app, with office A's administrator signed in for the auth provider below."""
    office = OfficeA(
        OrganisationFactory(kind=OrganisationKind.DISTRICT, parent=city, name="Kecamatan Uji", code="Kec.Uji")
    )
    populate_office_a(office)
    user = member(office.org, Role.ORG_ADMIN)
    client = Client()
    client.force_login(user)
    _session["key"] = client.session.session_key
    yield _identity(get_wsgi_application())
    _session.clear()


schema = schemathesis.openapi.from_path(SCHEMA_PATH)
_session: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class SessionAuth:
    """Sign requests as a browser does: the session cookie plus DRF's CSRF cookie and header. As an
    auth provider (not fixed headers), schemathesis can also strip or spoil it to check that the API
    refuses requests without valid credentials."""

    def get(self, case, ctx):
        return _session.get("key", "")

    def set(self, case, data, ctx):
        csrf = secrets.token_hex(16)
        case.cookies = {
            **(case.cookies or {}),
            django_settings.SESSION_COOKIE_NAME: data,
            django_settings.CSRF_COOKIE_NAME: csrf,
        }
        case.headers = {**(case.headers or {}), "X-CSRFToken": csrf}


@schema.parametrize()
@hypothesis_settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_api_operation_conforms_to_the_committed_document(case, signed_in_app):
    case.call_and_validate(app=signed_in_app, base_url="http://testserver")
