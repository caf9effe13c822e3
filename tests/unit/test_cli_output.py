"""What the command line prints reaches a pipe or a file whole, whatever the system's code page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

TITLE = "Working together – Łódź, Αθήνα and Київ"


def test_names_outside_the_code_page_print_as_utf8_to_a_pipe(tmp_path: Path) -> None:
    """Windows gives a pipe its ANSI code page (cp1252), which has no Greek or Cyrillic."""
    doc = {
        "format": "intheroom.event",
        "version": 1,
        "title": TITLE,
        "agenda": [{"id": "s1", "kind": "talk", "title": "Αθήνα", "minutes": 5}],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    env = os.environ | {"PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "validate", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert TITLE in done.stdout.decode("utf-8")
