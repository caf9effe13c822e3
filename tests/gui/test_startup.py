"""Start-up: the console painted on an event loads nothing it doesn't show (issue 19.8).

aiohttp (Room Wi-Fi), numpy (the planner), reportlab (printing) and segno (a QR) each cost
20–160 ms to import; they load when first used. The demo's first frame comes before the notes
pane, asyncio and the hand-off's sockets, all of which are in place before the first key is
read. Measured in `make bench` (bench_first_paint).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop import app
from desktop.app import build_console
from desktop.store.drafts import Draft
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from desktop.ui.collector import MainThreadCollector
from desktop.ui.console import ConsoleWindow
from tests.conftest import ROOT
from tests.gui.helpers import press, type_text
from tests.helpers import FakeClock

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


# `intheroom demo --file FILE` as a user starts it, watched at two moments: the console's first
# paint, and the app's loop running (every key read from then on). What was loaded and built at
# each is printed as JSON.
START = """
import json, os, sys
import desktop.app

QT_FREE = ("desktop.core.", "desktop.store.", "desktop.net.")
LATER = ("asyncio", "qasync", "PySide6.QtNetwork", "desktop.ui.capture", "desktop.store.templates")
seen = {}
waits, runs = desktop.app._show_painted, desktop.app._run_loop

def timed(window):
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "paint" not in seen:
                names = list(sys.modules)
                qt = names.index("PySide6.QtCore")
                seen["paint"] = {
                    "loaded": [m for m in LATER if m in sys.modules],
                    "qt_free_after_qt": [m for m in names[qt:] if m.startswith(QT_FREE)],
                    "notes_pane": window.capture is not None,
                    "answering": window.handoff.listening,
                    "title": window.title_label.text(),
                    "agenda_rows": window.agenda.rowCount(),
                }
            return False

    window.watch = FirstPaint()
    window.installEventFilter(window.watch)
    waits(window)
    seen["painted_before_return"] = "paint" in seen
    seen["window"] = window

def ready(app):
    from PySide6.QtCore import QTimer

    def reading():
        window = seen.pop("window")
        seen["ready"] = {
            "loaded": [m for m in LATER if m in sys.modules],
            "notes_pane": window.capture is not None and window.capture.isVisible(),
            "answering": window.handoff.listening,
            "draft": window.capture.entry.toPlainText(),
        }
        print(json.dumps(seen), flush=True)
        os._exit(0)

    QTimer.singleShot(0, reading)
    return runs(app)

desktop.app._show_painted, desktop.app._run_loop = timed, ready
from desktop.cli.main import main
main(["demo", "--file", sys.argv[1]])
"""


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What `intheroom demo` had loaded and built at its first paint, and once it read keys."""
    folder = tmp_path_factory.mktemp("start")
    demo = folder / "demo.room"
    EventFile.create(demo, demo_event()).close()
    # Typed before a crash: the notes pane, built after the first paint, must bring it back.
    Draft(demo).save({"text": "Half a sentence, typed before a crash"})
    env = {
        **os.environ,
        "INTHEROOM_HOME": str(folder / "home"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", START, str(demo)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_demo_is_painted_before_the_notes_pane_asyncio_and_the_hand_off_load(
    start: dict[str, Any],
) -> None:
    paint = start["paint"]
    demo = demo_event()
    assert (paint["title"], paint["agenda_rows"]) == (demo.title, len(demo.agenda))  # the demo
    assert paint["loaded"] == [] and not paint["notes_pane"] and not paint["answering"]
    assert start["painted_before_return"]  # run_gui went on only once the window was painted


def test_every_part_is_in_place_before_the_first_key_is_read(start: dict[str, Any]) -> None:
    ready = start["ready"]
    assert ready["notes_pane"] and ready["answering"]
    assert ready["draft"] == "Half a sentence, typed before a crash"
    assert {"asyncio", "qasync", "PySide6.QtNetwork", "desktop.ui.capture"} <= set(ready["loaded"])


def test_no_qt_free_module_is_first_loaded_after_qt(start: dict[str, Any]) -> None:
    """PySide6 makes every import after it dearer: desktop.app.QT_FREE_AT_START loads the
    core, store and net modules the console needs before Qt. A new one belongs in that list."""
    assert start["paint"]["qt_free_after_qt"] == []


def _staged_console(qtbot: QtBot, tmp_path: Path, demo: Path) -> ConsoleWindow:
    """The console as run_gui builds it: the notes pane and the hand-off left until painted."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = build_console(settings=settings, clock=FakeClock(), after_first_paint=True)
    qtbot.addWidget(console)
    qtbot.addWidget(console.display)
    assert console.open_path(demo)
    console.show()
    qtbot.waitExposed(console)
    return console


def test_the_notes_pane_built_after_the_first_paint_takes_its_place_and_its_keys(
    qtbot: QtBot, tmp_path: Path, demo: Path
) -> None:
    console = _staged_console(qtbot, tmp_path, demo)
    assert console.capture is None and not console.handoff.listening
    # The first frame has the columns and rows of a console built whole, and keeps them.
    whole = build_console(settings=console.settings, clock=FakeClock())
    qtbot.addWidget(whole)
    qtbot.addWidget(whole.display)
    copy = tmp_path / "copy.room"  # the demo itself is this console's, locked
    EventFile.create(copy, demo_event()).close()
    assert whole.open_path(copy)
    whole.show()
    qtbot.waitExposed(whole)
    held = console.splitter.sizes(), console.left_splitter.sizes()
    assert held == (whole.splitter.sizes(), whole.left_splitter.sizes())
    console.finish_start()
    capture = console.capture
    assert capture is not None and capture.isVisible() and console.handoff.listening
    assert console.left_splitter.widget(1) is capture
    assert (console.splitter.sizes(), console.left_splitter.sizes()) == held
    console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
    press(console, "Ctrl+N")  # Type a note: the keys reach the pane built late
    assert capture.entry.hasFocus()
    type_text(capture.entry, "Trust takes time")
    press(console, "Return")
    assert console.room.current_event is not None
    assert console.room.current_event.notes[-1].text == "Trust takes time"


def test_a_key_or_a_quit_before_the_notes_pane_is_built_still_works(
    qtbot: QtBot, tmp_path: Path, demo: Path
) -> None:
    console = _staged_console(qtbot, tmp_path, demo)
    console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
    console.on_note()  # the command builds the pane rather than fail
    assert console.capture is not None and console.capture.entry.hasFocus()
    copy = tmp_path / "copy.room"
    EventFile.create(copy, demo_event()).close()
    later = _staged_console(qtbot, tmp_path, copy)
    assert later.capture is None
    later.shut_down()  # a signal in the first instant: nothing to flush, the file given back
    assert later.room.file is None
    assert not copy.with_name("copy.room.lock").exists()


def test_the_wait_for_the_first_paint_ends_at_the_paint_or_after_its_limit(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted: list[bool] = []

    class Window(QWidget):
        def paintEvent(self, event: QPaintEvent) -> None:
            painted.append(True)
            super().paintEvent(event)

    shown = Window()
    qtbot.addWidget(shown)
    app._show_painted(shown)
    assert shown.isVisible() and painted  # shown, and not left before its first paint
    monkeypatch.setattr(app, "FIRST_PAINT_WAIT_MS", 50)
    never = Window()  # never painted (a start minimised, a platform that never exposes it)
    never.setUpdatesEnabled(False)
    qtbot.addWidget(never)
    painted.clear()
    app._show_painted(never)  # returns: the start goes on rather than hang
    assert not painted


def test_the_collector_gives_collection_back_as_it_was_before_start_up_took_it(
    qapp: QApplication,
) -> None:
    """run_gui switches Python's collection off before its imports and tells the UI thread's
    collector, which gives it back on stop (tests, shutdown) as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        MainThreadCollector(qapp, was_enabled=True).stop()
        assert gc.isenabled()
        gc.disable()
        MainThreadCollector(qapp).stop()  # by default: as it is now, off
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


QUIT_AS_IT_APPEARS = """
import os, signal, sys
import desktop.app

shows = desktop.app._show_painted

def show(window):
    os.kill(os.getpid(), signal.SIGTERM)  # a shutdown, the moment the window appears
    shows(window)

desktop.app._show_painted = show
from desktop.cli.main import main
sys.exit(main(["demo", "--file", sys.argv[1]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows sends a GUI app no SIGTERM")
def test_a_shutdown_as_the_window_appears_quits_cleanly_and_gives_the_file_back(
    tmp_path: Path,
) -> None:
    demo = tmp_path / "demo.room"
    EventFile.create(demo, demo_event()).close()
    done = subprocess.run(
        [sys.executable, "-c", QUIT_AS_IT_APPEARS, str(demo)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,  # not left running with no window
    )
    assert done.returncode == 0, done.stderr
    assert not demo.with_name("demo.room.lock").exists()
    assert EventFile.open(demo).event().title == demo_event().title  # saved whole, reopens
