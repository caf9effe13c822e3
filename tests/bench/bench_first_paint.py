"""First paint: from starting Python to the console's first frame on the demo, against a bare
PySide6 window started the same way, side by side in the same run (issue 19: within 2.5×).

Each run is a fresh process (what a facilitator waits for after double-clicking), offscreen.
The app goes through `run_gui`, the path `intheroom demo` takes: logging, the hand-off check,
every service built by `build_console`, the demo's file opened. The clock stops at the first
paint event of the top-level window; the child prints the wall time and leaves at once.

Two conditions: "no .pyc" (this machine sets PYTHONDONTWRITEBYTECODE, so every import compiles
from source) and "with .pyc" (a warmed private bytecode cache, as an installed wheel has).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
ROOT = Path(__file__).resolve().parents[2]

# Both children stop the clock the same way: an application-wide filter sees the first Paint of
# a top-level window, prints time.time() and leaves without tearing anything down.
_STOPWATCH = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and getattr(watched, "isWindow", lambda: False)():
            print(repr(time.time()), flush=True)
            os._exit(0)
        return False

app = QApplication([sys.argv[0]])
stopwatch = FirstPaint()
app.installEventFilter(stopwatch)
"""

BARE = (
    _STOPWATCH
    + """
from PySide6.QtWidgets import QWidget
window = QWidget()
window.resize(1280, 800)
window.show()
app.exec()
"""
)

DEMO = (
    _STOPWATCH
    + """
from pathlib import Path
from desktop.app import run_gui
run_gui(Path(sys.argv[1]))
"""
)


def _one(script: str, args: list[str], env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return (float(out.stdout.strip().splitlines()[-1]) - started) * 1000


def measure(runs: int = RUNS) -> dict[str, dict[str, float]]:
    """Median ms to first paint per condition: {"no .pyc": {"bare": .., "demo": ..}, ..}."""
    from desktop.store.eventfile import EventFile
    from desktop.store.templates import demo_event

    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.room"
        EventFile.create(demo, demo_event()).close()
        base = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "QT_LOGGING_RULES": "qt.multimedia.*=false",
            "INTHEROOM_HOME": str(Path(folder) / "home"),
            "XDG_CONFIG_HOME": str(Path(folder) / "config"),
            "PYTHONPATH": str(ROOT),
        }
        cache = {**base, "PYTHONPYCACHEPREFIX": str(Path(folder) / "pyc")}
        cache.pop("PYTHONDONTWRITEBYTECODE", None)
        conditions = {
            "no .pyc": {**base, "PYTHONDONTWRITEBYTECODE": "1"},
            "with .pyc": cache,
        }
        _one(DEMO, [str(demo)], cache)  # warm the bytecode cache (and the disk's) once
        _one(BARE, [], cache)
        for name, env in conditions.items():
            bare, app = [], []
            for _ in range(runs):  # interleaved, so a busy moment hits both alike
                bare.append(_one(BARE, [], env))
                app.append(_one(DEMO, [str(demo)], env))
            figures[name] = {"bare": statistics.median(bare), "demo": statistics.median(app)}
    return figures


def main() -> None:
    print(f"first paint, median of {RUNS} fresh processes each (offscreen, 1 demo file):")
    for name, figure in measure().items():
        ratio = figure["demo"] / figure["bare"]
        verdict = "within" if ratio <= 2.5 else "OVER"
        print(
            f"  {name:9}  bare PySide6 window {figure['bare']:6.0f} ms   "
            f"demo console {figure['demo']:6.0f} ms   {ratio:.2f}x ({verdict} the 2.5x target)"
        )


if __name__ == "__main__":
    main()
