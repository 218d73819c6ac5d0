"""The UI is Chinese: every message in the catalogues is translated, and the catalogues cover the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))
CATALOGUES = [p for p in CATALOGUES if ".venv" not in p.parts]


def test_there_are_catalogues():
    assert CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed (make system-deps)")
def test_catalogues_are_up_to_date(tmp_path):
    """makemessages on a copy of the code finds no message the committed catalogues lack."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "staticfiles", "__pycache__", "tests"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--ignore=.venv", "--ignore=var", "-v0"],
        cwd=copy,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "civilaffairs.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
    )
    missing = {}
    for fresh in copy.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
        committed = ROOT / fresh.relative_to(copy)
        known = {e.msgid for e in polib.pofile(str(committed))} if committed.exists() else set()
        new = {e.msgid for e in polib.pofile(str(fresh))} - known
        if new:
            missing[str(fresh.relative_to(copy))] = sorted(new)
    assert missing == {}, "run `make messages` and translate the new messages"
