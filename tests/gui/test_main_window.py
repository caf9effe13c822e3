"""The main window: opens an event file, shows its agenda, says what was recovered or refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from desktop.ui.main_window import EventWindow
from tests.conftest import ARTIFACTS


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.room"
    EventFile.create(path, demo_event()).close()
    return path


@pytest.fixture
def window(qtbot: QtBot) -> EventWindow:
    shown = EventWindow()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def cell(window: EventWindow, row: int, column: int) -> str:
    item = window.agenda.item(row, column)
    return item.text() if item else ""


def test_opens_the_demo_and_lists_its_agenda_with_clock_times(
    window: EventWindow, demo: Path
) -> None:
    event = demo_event()
    assert window.open_path(demo)
    assert window.title_label.text() == event.title
    assert window.agenda.rowCount() == len(event.agenda)
    assert [cell(window, r, 2) for r in range(window.agenda.rowCount())] == [
        s.title for s in event.agenda
    ]
    assert cell(window, 0, 0) == event.start
    assert "TracyAnne Millar" in [cell(window, r, 4) for r in range(window.agenda.rowCount())]
    assert f"{len(event.notes)} notes" in window.details_label.text()
    assert window.windowTitle() == f"{event.title} — In the Room"
    assert window.banner.isHidden()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    window.resize(1000, 640)
    assert window.grab().save(str(ARTIFACTS / "main_window.png"))


def test_ctrl_o_opens_a_file_from_the_keyboard(
    window: EventWindow, demo: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo), ""))
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.room is not None and window.room.path == demo


def test_a_recovered_file_is_announced_in_words(window: EventWindow, demo: Path) -> None:
    with EventFile.open(demo) as room:  # a save makes a backup of the demo
        room.append_run({"action": "start"})
    demo.write_bytes(b"")
    assert window.open_path(demo)
    assert window.banner.isVisible()
    text = window.banner.text()
    assert text.startswith("⚠ Recovered — demo.room could not be read (the file is empty)")
    assert window.banner.accessibleName() == "Message"
    window.resize(1000, 640)
    assert window.grab().save(str(ARTIFACTS / "main_window_recovered.png"))


def test_a_file_open_elsewhere_is_refused_with_the_reason(window: EventWindow, demo: Path) -> None:
    with EventFile.open(demo):
        assert not window.open_path(demo)
    assert window.banner.text().startswith("✖ Problem — demo.room is already open")
    assert window.room is None


def test_closing_the_window_gives_the_file_back(window: EventWindow, demo: Path) -> None:
    window.open_path(demo)
    assert (demo.parent / "demo.room.lock").exists()
    window.close()
    assert not (demo.parent / "demo.room.lock").exists()
    EventFile.open(demo).close()


def test_every_control_has_an_accessible_name(window: EventWindow) -> None:
    for widget in (window.title_label, window.details_label, window.open_button, window.agenda):
        assert widget.accessibleName()
