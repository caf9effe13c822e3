"""First paint: from starting Python to the console's first frame on the demo, against a bare
PySide6 window started the same way, side by side in the same run (issue 19: within 2.5×).

Each run is a fresh process (what a facilitator waits for after double-clicking), offscreen.
The app starts as `intheroom demo --file FILE` does: the command line, logging, the hand-off
check, every service built by `build_console`, the demo's file opened. The clock stops at the
first paint event of the top-level window. The app's run also gives "ready": the notes pane
built, the hand-off answering (`finish_start`) and the app's loop running, reading keys. Then
the child leaves at once, holding its file's lock: the lock file is removed before the next
run, as a clean exit leaves none.

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

RUNS = 7
ROOT = Path(__file__).resolve().parents[2]
TARGET = 2.5

# Both children stop the clock the same way: a filter on the top-level window alone sees its
# first Paint and prints time.time(). Only the window's own events pass through it: a filter on
# the whole application would run Python for each of the console's ~3,000 start-up events
# (~35 ms) and charge the app for the stopwatch. The app's child makes it only once the app has
# loaded Qt: importing PySide6 ahead of the app's Qt-free modules would make them dearer
# (~12 ms, see `desktop.app.QT_FREE_AT_START`).
_STOPWATCH = """
import os, sys, time

def stopwatch(leave):
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                print(repr(time.time()), flush=True)
                watched.removeEventFilter(self)
                if leave:
                    os._exit(0)
            return False

    return FirstPaint()
"""

BARE = (
    _STOPWATCH
    + """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([sys.argv[0]])
window = QWidget()
window.resize(1280, 800)
watch = stopwatch(leave=True)
window.installEventFilter(watch)
window.show()
app.exec()
"""
)

# The stopwatch goes on the window as `run_gui` waits for its first paint (`_show_painted`),
# the moment it is shown; "ready" is printed by the app's loop (`_run_loop`) once it runs.
DEMO = (
    _STOPWATCH
    + """
import desktop.app
waits = desktop.app._show_painted

def timed(window):
    window.watch = stopwatch(leave=False)
    window.installEventFilter(window.watch)
    waits(window)

runs = desktop.app._run_loop

def ready(app):
    from PySide6.QtCore import QTimer

    def reading():
        print(repr(time.time()), flush=True)
        os._exit(0)

    QTimer.singleShot(0, reading)  # the first thing the app's loop does once it runs
    return runs(app)

desktop.app._show_painted = timed
desktop.app._run_loop = ready
from desktop.cli.main import main
main(["demo", "--file", sys.argv[1]])
"""
)


def _one(script: str, args: list[str], env: dict[str, str]) -> list[float]:
    """Ms from starting the child to each time it printed."""
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
    return [(float(line) - started) * 1000 for line in out.stdout.split()]


def measure(runs: int = RUNS) -> dict[str, dict[str, float]]:
    """Median ms per condition: {"no .pyc": {"bare": .., "demo": .., "ready": ..}, ..}."""
    from desktop.store.eventfile import EventFile
    from desktop.store.templates import demo_event

    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.room"
        EventFile.create(demo, demo_event()).close()
        lock = demo.with_name(demo.name + ".lock")
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

        def app(env: dict[str, str]) -> list[float]:
            lock.unlink(missing_ok=True)  # left by the last run's quick exit
            return _one(DEMO, [str(demo)], env)

        app(cache)  # warm the bytecode cache (and the disk's) once
        _one(BARE, [], cache)
        for name, env in conditions.items():
            bare, paint, ready = [], [], []
            for _ in range(runs):  # interleaved, so a busy moment hits both alike
                bare.extend(_one(BARE, [], env))
                first, done = app(env)
                paint.append(first)
                ready.append(done)
            figures[name] = {
                "bare": statistics.median(bare),
                "demo": statistics.median(paint),
                "ready": statistics.median(ready),
            }
    return figures


def main() -> None:
    print(f"first paint, median of {RUNS} fresh processes each (offscreen, 1 demo file):")
    for name, figure in measure().items():
        ratio = figure["demo"] / figure["bare"]
        verdict = "within" if ratio <= TARGET else "OVER"
        print(
            f"  {name:9}  bare PySide6 window {figure['bare']:4.0f} ms   "
            f"demo console {figure['demo']:4.0f} ms   {ratio:.2f}x ({verdict} the {TARGET}x "
            f"target)   ready (notes pane in, keys read) {figure['ready']:4.0f} ms   "
            f"{figure['ready'] / figure['bare']:.2f}x"
        )


if __name__ == "__main__":
    main()
