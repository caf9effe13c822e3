"""Fixtures the GUI tests share."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from desktop.ui.console import ConsoleWindow
from desktop.ui.editor import EditorWindow
from desktop.ui.wifi import RoomWifi


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo event in a fresh .room file."""
    path = tmp_path / "demo.room"
    EventFile.create(path, demo_event()).close()
    return path


@pytest.fixture(scope="session", autouse=True)
def _collect_on_ui_thread(qapp: object) -> Iterator[None]:
    """As in the app: cycles are collected on the UI thread, never in a build worker."""
    from desktop.ui.collector import collect_on_ui_thread

    collector = collect_on_ui_thread(qapp)  # type: ignore[arg-type]
    yield
    collector.stop()


@pytest.fixture
def setup(qtbot: QtBot, tmp_path: Path) -> tuple[ConsoleWindow, EditorWindow, Path]:
    """The demo event open in the console, with its editor open."""
    from tests.gui.helpers import make_console
    from tests.helpers import FakeClock

    path = tmp_path / "demo.room"
    EventFile.create(path, demo_event()).close()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    console.open_path(path)
    console.open_editor()
    editor = console.editor
    assert editor is not None
    qtbot.addWidget(editor)
    return console, editor, path


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop, as in the app: the server runs on it while Qt events flow."""
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)
    loop.close()


@pytest.fixture
def room_wifi(
    qtbot: QtBot, tmp_path: Path, demo: Path, loop: asyncio.AbstractEventLoop
) -> Iterator[tuple[ConsoleWindow, RoomWifi]]:
    """The demo open in the console with Room Wi-Fi on, on any free port."""
    from tests.gui.helpers import make_console
    from tests.helpers import FakeClock

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    console.open_path(demo)
    wifi = console.wifi  # the one app.py built and handed to every window
    wifi.switch(True, 0)  # port 0: any free port
    assert wifi.running, wifi.problem
    yield console, wifi
    wifi.switch(False)  # qtbot closes the console
