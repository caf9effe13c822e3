"""desktop.core stays pure: importing it must not bring in Qt, tinydb or reportlab."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

FORBIDDEN = ("PySide6", "shiboken6", "tinydb", "reportlab", "qasync", "aiohttp")


def test_core_imports_no_qt_no_store_no_pdf() -> None:
    code = (
        "import json, pkgutil, importlib, sys\n"
        "import desktop.core\n"
        "for m in pkgutil.walk_packages(desktop.core.__path__, 'desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(out.stdout)
    assert "desktop.core.document" in loaded  # the walk really imported the modules
    leaked = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert leaked == []
