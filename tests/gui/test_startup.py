"""Start-up: the console painted on an event loads nothing it doesn't show (issue 19.8).

aiohttp (Room Wi-Fi), numpy (the planner), reportlab (printing) and segno (a QR) each cost
20–160 ms to import; they load when first used. Measured in `make bench` (bench_first_paint).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from tests.conftest import ROOT

HEAVY = ("aiohttp", "numpy", "reportlab", "segno", "pypdf", "selenium")

SHOW = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import build_console
console = build_console(muted=True)
console.open_path(Path(sys.argv[1]))
console.show()
app.processEvents()
assert console.room.current_event is not None
print(sorted(m for m in {heavy!r} if m in sys.modules))
"""


def test_the_console_on_an_event_loads_no_heavy_library(tmp_path: Path) -> None:
    demo = tmp_path / "demo.room"
    EventFile.create(demo, demo_event()).close()
    done = subprocess.run(
        [sys.executable, "-c", SHOW.format(heavy=HEAVY), str(demo)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
