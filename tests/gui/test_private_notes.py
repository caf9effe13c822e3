"""The current segment's facilitator notes and materials: on the console, never on the room
display."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from msgspec.structs import replace
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.model import Event
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from desktop.ui.console import ConsoleWindow
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console, press
from tests.helpers import FakeClock

NOTE = "Quietly check the hearing loop"
THING = "Spare batteries for the mic"


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = make_console(qtbot, FakeClock(), settings)
    yield window
    window.close()


def private_event() -> Event:
    event = demo_event()
    agenda = tuple(
        replace(s, facilitator_notes=f"{NOTE} {i}", materials=(THING, f"Pens {i}"))
        for i, s in enumerate(event.agenda)
    )
    return replace(event, agenda=agenda)


def shown_text(window: QWidget) -> str:
    """Every word a window shows or tells a screen reader."""
    words = [window.windowTitle(), window.accessibleName()]
    for label in window.findChildren(QLabel):
        words += [label.text(), label.accessibleName(), label.toolTip()]
    return "\n".join(words)


def test_the_console_shows_the_current_segments_notes_and_the_display_never_does(
    console: ConsoleWindow, tmp_path: Path
) -> None:
    path = tmp_path / "private.room"
    event = private_event()
    EventFile.create(path, event).close()
    assert console.open_path(path)
    console.agenda.setFocus()
    console.display.show()
    panel = console.private_label
    assert panel.accessibleName() == "Facilitator notes and materials (not on the room display)"
    press(console, "Space")  # start
    for index in range(len(event.agenda)):
        assert console.private_panel.isVisible()
        assert f"{NOTE} {index}" in panel.text()
        assert f"Materials: {THING}, Pens {index}" in panel.text()
        if index < len(event.agenda) - 1:
            assert f"{NOTE} {index + 1}" not in panel.text()
        on_display = shown_text(console.display)
        assert event.agenda[index].title in on_display  # the display did show this segment
        assert NOTE not in on_display and THING not in on_display
        if index == 4:
            console.resize(1280, 800)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            assert console.grab().save(str(ARTIFACTS / "console_private_notes.png"))
        press(console, "N")


def test_a_segment_without_notes_shows_no_panel(console: ConsoleWindow, demo: Path) -> None:
    assert console.open_path(demo)
    first = console.room.current_event
    assert first is not None and not first.agenda[0].facilitator_notes
    assert not first.agenda[0].materials
    assert console.private_panel.isHidden()
