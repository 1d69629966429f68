"""Production readiness: deployment checks, the secret key rule, gunicorn and the health check."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from lontar.core.tests.net import free_port

PROJECT_DIR = Path(settings.PROJECT_DIR)
PRODUCTION_ENV = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "lontar.example.go.id",
    "HTTPS": "true",
}


def _env(tmp_path, **overrides) -> dict:
    # A production process starts from a clean environment: nothing the test session set for itself
    # (the browser fixtures allow sync ORM calls next to Playwright's event loop) may leak into it.
    dropped = {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        PRODUCTION_ENV,
        SECRET_KEY=secrets.token_urlsafe(50),
        LONTAR_DATA_DIR=str(tmp_path),
        STATIC_ROOT=str(settings.STATIC_ROOT),
        DATABASE_URL=f"sqlite:///{tmp_path / 'lontar.sqlite3'}",
        DJANGO_SETTINGS_MODULE="lontar.settings",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deployment_checks_pass_with_production_settings(tmp_path):
    result = _manage(_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_a_public_host_without_its_own_secret_key_refuses_to_start(tmp_path):
    result = _manage(_env(tmp_path, SECRET_KEY=None), "check")
    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_the_development_key_fails_the_deployment_checks(tmp_path):
    env = _env(tmp_path, SECRET_KEY=None, ALLOWED_HOSTS="localhost")
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_healthz_reports_the_database(client, db, settings):
    settings.REDIS_URL = ""  # Redis has its own tests below
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_fails_when_redis_is_down(client, db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("error: ")


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis server to check")
def test_healthz_reports_a_live_redis(client, db, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


def test_healthz_fails_when_the_database_is_down(tmp_path):
    """A production process whose PostgreSQL does not answer: /healthz says so with 503."""
    env = _env(tmp_path, DATABASE_URL=f"postgres://lontar@127.0.0.1:{free_port()}/lontar", REDIS_URL="")
    probe = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='lontar.example.go.id', secure=True); "
        "print(r.status_code, json.dumps(r.json(), sort_keys=True))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=PROJECT_DIR / "src",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '503 {"checks": {"database": "error: OperationalError"}, "status": "error"}'
    )


@pytest.mark.parametrize("value", ["celery", "RQ"])
def test_an_unknown_task_backend_is_refused_at_start(tmp_path, value):
    result = _manage(_env(tmp_path, TASK_BACKEND=value), "check")
    assert result.returncode != 0
    assert f"TASK_BACKEND={value!r} is not one of: database, rq, immediate" in result.stderr


def test_the_rq_task_backend_without_redis_is_refused_at_start(tmp_path):
    result = _manage(_env(tmp_path, TASK_BACKEND="rq", REDIS_URL=""), "check")
    assert result.returncode != 0
    assert "TASK_BACKEND=rq needs REDIS_URL" in result.stderr


def test_the_rq_task_backend_passes_the_deployment_checks(tmp_path):
    env = _env(tmp_path, TASK_BACKEND="rq", REDIS_URL="redis://127.0.0.1:6379/0")
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_serves_the_application_behind_https_and_answers_health_checks_over_http(tmp_path):
    """gunicorn.conf.py with production settings (HTTPS on), as systemd starts it in docs/deployment.md."""
    port = free_port()
    env = _env(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1", REDIS_URL="")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )

    def get(path: str, **headers) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        try:
            connection.request("GET", path, headers={"Host": "lontar.example.go.id", **headers})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _headers, body = get("/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not start in 60 s"
                time.sleep(0.3)
        # A load balancer probes each server over plain http: no redirect for the health check ...
        assert (status, json.loads(body)) == (200, {"status": "ok", "checks": {"database": "ok"}})
        # ... while every page sends a browser to https,
        status, headers, _body = get("/akun/masuk/")
        assert (status, headers["Location"]) == (301, "https://lontar.example.go.id/akun/masuk/")
        # and behind nginx (X-Forwarded-Proto: https) pages and compressed static files are served.
        status, headers, body = get("/akun/masuk/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        status, headers, _body = get(
            "/static/lontar/lontar.css", **{"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}
        )
        assert (status, headers["Content-Encoding"]) == (200, "gzip")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_deployment_guide_documents_every_environment_variable():
    source = (PROJECT_DIR / "src" / "lontar" / "settings.py").read_text()
    read_by_settings = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    read_by_gunicorn = set(
        re.findall(r'os\.environ\.get\("([A-Z][A-Z0-9_]+)"', (PROJECT_DIR / "gunicorn.conf.py").read_text())
    )
    guide = (PROJECT_DIR / "docs" / "deployment.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", guide, flags=re.MULTILINE))
    assert {"SECRET_KEY", "DATABASE_URL", "TASK_BACKEND", "STATICFILES_STORAGE"} <= read_by_settings
    missing = sorted((read_by_settings | read_by_gunicorn) - documented)
    assert not missing, f"add these to the table in docs/deployment.md §10: {missing}"


def test_a_city_in_wita_sets_its_time_zone_by_environment(tmp_path):
    result = _manage(
        _env(tmp_path, TIME_ZONE="Asia/Makassar"),
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from datetime import datetime, UTC; from django.utils import timezone; "
        "print(timezone.localtime(datetime(2026, 8, 17, 2, 0, tzinfo=UTC)).strftime('%H:%M %Z'))",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "10:00 WITA"
