"""docs/deployment.md is run, not just read: its environment file, its wrapper, its backup and restore."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.db import connection

from lontar.core.models import AuditEvent
from lontar.core.notifications.services import update_preferences

PROJECT_DIR = Path(settings.PROJECT_DIR)
GUIDE = (PROJECT_DIR / "docs" / "deployment.md").read_text()
APP_PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"


def _block(marker: str) -> str:
    """The one fenced code block of the guide that contains `marker`."""
    blocks = [b for b in re.findall(r"```[a-z]*\n(.*?)```", GUIDE, flags=re.DOTALL) if marker in b]
    assert len(blocks) == 1, f"docs/deployment.md must hold exactly one code block with {marker!r}"
    return blocks[0]


def _script(tmp_path: Path, marker: str) -> Path:
    name = marker.split()[0].rsplit("/", 1)[-1]
    path = tmp_path / name
    path.write_text(_block(marker))
    path.chmod(0o755)
    return path


WRAPPER = "/usr/local/bin/lontar-manage — "
BACKUP = "/usr/local/bin/lontar-backup — "


def _clean_env(**values) -> dict:
    """What cron or systemd gives a script: no variable of this test run, only the ones named here."""
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8", **values}


def _env_file(tmp_path: Path, **overrides) -> Path:
    """The guide's /etc/lontar/lontar.env with the values a test machine must replace appended."""
    lines = [_block("# /etc/lontar/lontar.env\n")]
    lines += [f"{name}={value}" for name, value in overrides.items()]
    path = tmp_path / "lontar.env"
    path.write_text("\n".join(lines) + "\n")
    return path


def _local_paths(tmp_path: Path) -> dict:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LONTAR_DATA_DIR": str(tmp_path / "data"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "shared" / "media"),
        "LONTAR_CA_DIR": str(tmp_path / "shared" / "ca"),
    }


needs_app_venv = pytest.mark.skipif(
    not APP_PYTHON.exists(), reason=f"{APP_PYTHON} missing: the wrapper runs the checkout's own .venv"
)


@needs_app_venv
def test_the_guides_environment_file_passes_the_deployment_checks_through_lontar_manage(tmp_path):
    wrapper = _script(tmp_path, WRAPPER)
    env_file = _env_file(tmp_path, **_local_paths(tmp_path))
    run_env = _clean_env(LONTAR_APP=str(PROJECT_DIR), LONTAR_ENV_FILE=str(env_file))

    check = subprocess.run(
        [str(wrapper), "check", "--deploy", "--fail-level", "WARNING"],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "System check identified no issues" in check.stdout

    shown = subprocess.run(
        [
            str(wrapper),
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from django.conf import settings as s; print(s.DEFAULT_FROM_EMAIL, "
            "s.TASKS['default']['BACKEND'], s.TIME_ZONE, s.EMAIL_HOST_USER, sep='|')",
        ],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == (
        "Lontar Kota Sukamaju <lontar@kotasukamaju.go.id>|django_tasks_rq.RQBackend|Asia/Jakarta"
        "|lontar@kotasukamaju.go.id"
    )


@needs_app_venv
def test_the_guides_placeholder_secret_key_fails_the_deployment_checks(tmp_path):
    """Forgetting to replace GANTI_DENGAN_KUNCI_ACAK is caught by the release step's check."""
    wrapper = _script(tmp_path, WRAPPER)
    paths = {k: v for k, v in _local_paths(tmp_path).items() if k != "SECRET_KEY"}
    env_file = _env_file(tmp_path, **paths)
    result = subprocess.run(
        [str(wrapper), "check", "--deploy", "--fail-level", "WARNING"],
        env=_clean_env(LONTAR_APP=str(PROJECT_DIR), LONTAR_ENV_FILE=str(env_file)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_every_management_command_the_guide_names_exists():
    named = set(re.findall(r"(?:lontar-manage|manage\.py) ([a-z_][a-z_-]*)", GUIDE))
    assert {"migrate", "rqworker", "db_worker", "retry_deliveries", "verify_audit", "reindex_files"} <= named
    assert sorted(named - set(get_commands())) == []


def _database_url(name: str) -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(name)}"


@pytest.mark.postgres
@needs_app_venv
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="the backup and restore of the guide are for PostgreSQL")
@pytest.mark.skipif(
    not shutil.which("pg_dump") or not shutil.which("rsync"), reason="needs pg_dump and rsync"
)
@pytest.mark.django_db(transaction=True)
def test_the_guides_backup_and_restore_bring_back_the_database_and_the_files(tmp_path, head):
    update_preferences(user=head, email=False, sms=True, whatsapp=True)  # an audited, committed change
    events = AuditEvent.objects.count()
    assert events >= 1
    shared = tmp_path / "shared"
    (shared / "media" / "berkas").mkdir(parents=True)
    (shared / "ca").mkdir()
    (shared / "media" / "berkas" / "surat.pdf").write_bytes(b"%PDF-1.7 surat masuk\n")
    (shared / "ca" / "signing.key.pem").write_text("kunci\n")
    source_name = connection.settings_dict["NAME"]
    restored_name = f"{source_name}_restored"
    env_file = _env_file(tmp_path, **_local_paths(tmp_path), DATABASE_URL=_database_url(source_name))

    backup = subprocess.run(
        [str(_script(tmp_path, BACKUP))],
        env=_clean_env(
            LONTAR_ENV_FILE=str(env_file),
            LONTAR_SHARED_DIR=str(shared),
            LONTAR_BACKUP_DIR=str(tmp_path / "backup"),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert backup.returncode == 0, backup.stderr
    (dump,) = (tmp_path / "backup" / "db").glob("lontar-*.dump")
    day = dump.name.removeprefix("lontar-").removesuffix(".dump")
    copied = tmp_path / "backup" / "files" / day
    assert (copied / "media" / "berkas" / "surat.pdf").read_bytes() == b"%PDF-1.7 surat masuk\n"
    assert (copied / "ca" / "signing.key.pem").read_text() == "kunci\n"

    # Restore steps 2 and 3: an empty database without pg_trgm, then pg_restore with the guide's flags.
    restore_line = re.search(r"sudo -u postgres (pg_restore [^\n]+)", GUIDE).group(1).split()
    flags = [arg for arg in restore_line[1:] if arg.startswith("--")]
    assert flags == ["--no-owner", "--role=lontar", "--exit-on-error"]
    owner = connection.settings_dict["USER"]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        cursor.execute(f'CREATE DATABASE "{restored_name}" OWNER "{owner}"')
    try:
        restore = subprocess.run(
            [
                "pg_restore",
                *flags[:1],
                f"--role={owner}",
                *flags[2:],
                "-d",
                _database_url(restored_name),
                str(dump),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert restore.returncode == 0, restore.stderr
        # Step 5: the checks, through the wrapper, on the restored database.
        restored_env = _env_file(
            tmp_path, **_local_paths(tmp_path), DATABASE_URL=_database_url(restored_name)
        )
        wrapper = _script(tmp_path, WRAPPER)
        run_env = _clean_env(LONTAR_APP=str(PROJECT_DIR), LONTAR_ENV_FILE=str(restored_env))
        migrate_check = subprocess.run(
            [str(wrapper), "migrate", "--check"], env=run_env, capture_output=True, text=True, timeout=120
        )
        assert migrate_check.returncode == 0, migrate_check.stdout + migrate_check.stderr
        verify = subprocess.run(
            [str(wrapper), "verify_audit"], env=run_env, capture_output=True, text=True, timeout=120
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert verify.stdout.startswith(f"Jejak audit utuh: {events} kejadian")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
