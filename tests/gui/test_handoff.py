"""`intheroom capture FILE.room` when the app already has the file: a hand-off, not a refusal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.store.eventfile import EventFile
from desktop.ui.capture import CaptureWindow
from desktop.ui.handoff import request, server_name
from desktop.ui.room import Room
from desktop.ui.wifi import RoomWifi
from tests.conftest import ROOT
from tests.gui.helpers import make_console
from tests.helpers import FakeClock


def start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_capture_of_an_open_file_raises_a_capture_window_in_that_app(
    qtbot: QtBot, tmp_path: Path, demo: Path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    assert console.open_path(demo) and console.handoff.listening
    child = start("capture", str(demo))
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=20_000)
    out, err = child.communicate()
    assert child.returncode == 0, err
    assert (
        out.strip()
        == "demo.room is open in In the Room already: it has brought up a capture window."
    )
    assert console.capture_window is not None and console.capture_window.isVisible()
    qtbot.addWidget(console.capture_window)
    console.close()
    assert not console.handoff.listening


def test_nobody_answers_for_a_file_not_open(demo: Path) -> None:
    assert not request(demo)
    assert server_name(demo) == server_name(demo.parent / "." / "demo.room")
    assert server_name(demo) != server_name(demo.with_name("other.room"))


def test_a_capture_window_of_its_own_holds_and_gives_back_the_file(
    qtbot: QtBot, demo: Path
) -> None:
    room = Room()
    room.load_file(EventFile.open(demo))
    window = CaptureWindow(room, wifi=RoomWifi(room), owns_file=True)
    qtbot.addWidget(window)
    window.show()
    assert window.handoff.listening and (demo.parent / "demo.room.lock").exists()
    window.panel.entry.setPlainText("Typed in the capture window")
    window.panel.submit()
    window.close()
    assert not (demo.parent / "demo.room.lock").exists()
    from desktop.store.eventfile import read_event

    assert read_event(demo).notes[-1].text == "Typed in the capture window"


def test_capture_of_a_missing_file_says_so(tmp_path: Path) -> None:
    child = start("capture", str(tmp_path / "nowhere.room"))
    _, err = child.communicate(timeout=60)
    assert child.returncode == 1 and "There is no file at" in err
