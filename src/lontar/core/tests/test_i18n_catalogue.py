"""Every user-visible string in the source has an English translation in the committed catalogue.

`makemessages` runs on a copy of the source tree, so the check sees exactly the strings the code and
templates use today, without touching the working tree.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

CATALOGUE = Path("locale") / "en" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str) -> list[str]:
    return po_text.split("\n\n")[1:]


def _untranslated(po_text: str) -> list[str]:
    entries = _entries(po_text)
    missing = [e for e in entries if 'msgstr ""' in e and '\n"' not in e.split("msgstr", 1)[1]]
    missing += [e for e in entries if "#, fuzzy" in e]
    return [e for e in missing if not e.lstrip().startswith("#~")]


def test_every_message_in_the_source_has_an_english_translation(tmp_path):
    copy = tmp_path / "lontar"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.mo", "*.png", "*.js", "*.css"),
    )
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["en"], no_obsolete=True, no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    missing = _untranslated((copy / CATALOGUE).read_text(encoding="utf-8"))
    assert not missing, (
        f"{len(missing)} messages lack an English translation. Run `python ../../manage.py makemessages "
        "-l en --no-obsolete --no-location` in src/lontar and translate them:\n\n" + "\n\n".join(missing[:40])
    )
