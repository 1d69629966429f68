from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import trans_real

from lontar.core.models import Role
from lontar.core.tests.accounts_helpers import fast_password_hashing, sign_in  # noqa: F401

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """Compile the catalogues the way scripts/run and scripts/test do (from src/lontar), then
    make Django reload them."""
    import os

    cwd = os.getcwd()
    os.chdir(settings.BASE_DIR)
    try:
        call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
    finally:
        os.chdir(cwd)
    trans_real._translations = {}
    trans_real._default = None
    if hasattr(trans_real.check_for_language, "cache_clear"):
        trans_real.check_for_language.cache_clear()
    assert (LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo").exists()


def test_english_catalogue_translates_every_message():
    text = (LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    untranslated = [e for e in entries if 'msgstr ""' in e and '\n"' not in e.split("msgstr", 1)[1]]
    untranslated += [e for e in entries if "#, fuzzy" in e]
    assert untranslated == []


def test_login_page_is_indonesian_by_default_and_english_after_switching(client):
    page = client.get(reverse("core:login")).content.decode()
    assert "Nama pengguna atau NIP" in page
    assert '<html lang="id">' in page

    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("core:login")})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("core:login")).content.decode()
    assert "Username or NIP" in page
    assert "Sign in to Lontar" in page
    assert '<html lang="en">' in page


def test_browser_language_alone_does_not_switch_away_from_indonesian(client):
    page = client.get(reverse("core:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Nama pengguna atau NIP" in page


def test_dashboard_in_english_with_the_language_cookie(client, staff_user):
    client.force_login(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("core:dashboard")).content.decode()
    assert f"Welcome, {staff_user.display_name}" in page
    assert "My pending work" in page
    assert "Sign out" in page


def test_preferred_language_takes_effect_after_sign_in(client, district, make_member):
    user = make_member(district, Role.STAFF, nip="199001012020121002")
    user.preferred_language = "en"
    user.save()
    response = sign_in(client, "19900101 202012 1 002")
    page = client.get(response["Location"]).content.decode()
    assert "My pending work" in page


def test_wrong_password_message_in_english(client, staff_user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = sign_in(client, staff_user.username, "salah-salah-salah").content.decode()
    assert "Wrong username/NIP or password" in page
