"""Browser test support: a live server that serves static files the production way, and Chromium.

pytest-django's `live_server` wraps the application in Django's StaticFilesHandler, which serves
uncompressed files straight from the finders. The dashboard's transfer budget is about what a real
deployment sends, so this server leaves `/static/` to WhiteNoise's middleware, which serves the
compressed, hashed files `collectstatic` wrote (CompressedManifestStaticFilesStorage when DEBUG is off).

Fixtures defined here are made available to every test by `lontar/conftest.py`.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import modify_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = "Debian chromium not installed (/usr/bin/chromium); run scripts/test as root to install it"
ARTIFACTS_DIR = Path(settings.PROJECT_DIR) / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _static_sources_newer_than(moment: float) -> bool:
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            if os.path.getmtime(storage.path(path)) > moment:
                return True
    return False


def ensure_collected_static() -> None:
    """Run `collectstatic` when the manifest the production storage needs is missing or older than
    a source file, so a plain `pytest` works as well as `scripts/test` (which always collects)."""
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if manifest_name is None:
        return
    manifest = Path(settings.STATIC_ROOT, manifest_name)
    Path(settings.STATIC_ROOT).parent.mkdir(parents=True, exist_ok=True)
    # pytest-xdist workers share STATIC_ROOT: one collects while the others wait, then find it fresh.
    with open(Path(settings.STATIC_ROOT).parent / ".collectstatic.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not manifest.exists() or _static_sources_newer_than(manifest.stat().st_mtime):
            call_command("collectstatic", interactive=False, verbosity=0)
            # The storage caches the manifest it read on first use.
            storage = staticfiles_storage
            storage.hashed_files, storage.manifest_hash = storage.load_manifest()


def _no_static_handler(app):
    """Hand every request to the application itself: WhiteNoise's middleware serves /static/."""
    return app


class ProductionLiveServer:
    """A threaded WSGI server running the whole middleware stack, WhiteNoise included."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        # An in-memory SQLite test database lives in one connection; share it with the server
        # thread, as Django's LiveServerTestCase does.
        overrides = {
            conn.alias: conn
            for conn in connections.all()
            if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
        self.thread = LiveServerThread(
            host, static_handler=_no_static_handler, connections_override=overrides
        )
        self.thread.daemon = True
        self._hosts = modify_settings(ALLOWED_HOSTS={"append": host})

    def start(self) -> None:
        self._threads_before = set(threading.enumerate())
        self._hosts.enable()
        for conn in self.thread.connections_override.values():
            conn.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            error = self.thread.error
            self.stop()
            raise error

    def stop(self) -> None:
        self.thread.terminate()
        # Request threads of closed keep-alive connections still close their database connection
        # on the way out; let this server's own threads finish while the shared connection still
        # allows it. One deadline for all of them: the session's browser may keep idle connections to
        # earlier servers open, and waiting for those one by one grew with every browser test.
        deadline = time.monotonic() + 5
        for thread in threading.enumerate():
            if "process_request_thread" in thread.name and thread not in self._threads_before:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
        for conn in self.thread.connections_override.values():
            conn.dec_thread_sharing()
        self._hosts.disable()

    @property
    def url(self) -> str:
        return f"http://{self.thread.host}:{self.thread.port}"

    def __add__(self, other: str) -> str:
        return self.url + other


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Every page renders `{% static %}` through the manifest, so make sure it exists once per run."""
    ensure_collected_static()


@pytest.fixture
def production_live_server(transactional_db):
    server = ProductionLiveServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium_browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in this thread, and Django refuses
    # ORM calls from a thread with a running loop (SynchronousOnlyOperation). The tests' own ORM
    # calls (creating users, reading rows) are ordinary blocking code, so allow them here.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def browser_page(chromium_browser):
    """A page in a fresh browser context (no cookies, empty cache) on a desktop viewport."""
    context = chromium_browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot_path(name: str) -> Path:
    ARTIFACTS_DIR.joinpath("screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR / "screenshots" / f"{name}.png"
