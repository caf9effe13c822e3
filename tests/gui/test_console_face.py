"""The console as a facilitator meets it (issue 15, item 5): the keys come back to the clock, Tab
leaves every pane, the layout uses the window, and every state says what it is, through real
key presses and real geometry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import Level, Status
from desktop.core.room_face import WARNINGS, contrast
from desktop.store.eventfile import EventFile
from desktop.store.templates import blank_event, demo_event
from desktop.ui.console import ConsoleWindow
from desktop.ui.console.thumbnail import RoomThumbnail
from desktop.ui.display import RoomDisplay
from desktop.ui.palette import LEVELS, PAUSED
from tests.gui.helpers import make_console, press, type_text
from tests.helpers import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def console(qtbot: QtBot, clock: FakeClock, settings: QSettings) -> Iterator[ConsoleWindow]:
    window = make_console(qtbot, clock, settings)
    yield window
    window.close()


@pytest.fixture
def running(console: ConsoleWindow, demo: Path) -> ConsoleWindow:
    assert console.open_path(demo)
    console.agenda.setFocus()
    return console


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def sized(console: ConsoleWindow, width: int, height: int) -> None:
    console.resize(width, height)
    for _ in range(3):  # the agenda's height is fitted once the layout has settled
        QApplication.processEvents()


# ----------------------------------------------------------------------------- the keys


def test_enter_after_a_note_gives_the_keys_back_to_the_clock(running: ConsoleWindow) -> None:
    press(running, "Ctrl+N")
    entry = running.capture.entry
    assert focused() is entry
    type_text(entry, "Trust takes time")
    QTest.keyClick(entry, Qt.Key.Key_Return)
    assert running.room.current_event.notes[-1].text == "Trust takes time"
    assert focused() is running.clock_panel
    press(running, "Space")  # starts the clock: no space typed into the note box
    press(running, "N")  # the next segment: no "n" typed
    shown = running.room.view()
    assert shown is not None and shown.status is Status.RUNNING and shown.index == 1
    assert entry.toPlainText() == ""


def test_shift_enter_is_a_new_line_and_keeps_the_cursor_in_the_box(running: ConsoleWindow) -> None:
    press(running, "Ctrl+N")
    type_text(running.capture.entry, "one\ntwo")  # \n is Shift+Enter
    assert focused() is running.capture.entry
    assert running.capture.entry.toPlainText() == "one\ntwo"


@pytest.mark.parametrize("where", ["note", "message"])
def test_escape_gives_the_keys_back_to_the_clock(running: ConsoleWindow, where: str) -> None:
    press(running, "Ctrl+N" if where == "note" else "M")
    box = focused()
    assert box is not None and box is not running.clock_panel
    type_text(box, "half a thou")
    press(running, "Escape")
    assert focused() is running.clock_panel
    press(running, "Space")
    shown = running.room.view()
    assert shown is not None and shown.status is Status.RUNNING
    if where == "note":  # what was typed stays in the box (and its draft), nothing lost
        assert running.capture.entry.toPlainText() == "half a thou"


def test_escape_cancels_an_edit_in_the_notes_then_leaves(running: ConsoleWindow) -> None:
    notes = running.capture.list
    index = notes.model().index(0, 4)
    before = index.data()
    notes.setFocus()
    notes.setCurrentIndex(index)
    notes.edit(index)
    editor = focused()
    assert editor is not None and notes.isAncestorOf(editor)
    QTest.keyClicks(editor, "XYZ")
    press(running, "Escape")  # the first Escape cancels the edit, as in any table
    assert notes.model().index(0, 4).data() == before
    press(running, "Escape")  # the second gives the keys back to the clock
    assert focused() is running.clock_panel


def pane(console: ConsoleWindow, widget: QWidget | None) -> str:
    if widget is None:
        return ""
    for name, area in (
        ("agenda", console.agenda_pane),
        ("clock", console.now_panel),
        ("notes", console.capture),
    ):
        if widget is area or area.isAncestorOf(widget):
            return name
    return "other"


def test_tab_and_shift_tab_move_between_the_panes(running: ConsoleWindow) -> None:
    running.agenda.selectRow(2)
    assert focused() is running.agenda
    press(running, "Tab")
    assert focused() is running.clock_panel  # out of the agenda at the first press
    press(running, "Shift+Tab")
    assert focused() is running.agenda
    visited = []
    for _ in range(40):
        press(running, "Tab")
        visited.append(pane(running, focused()))
    assert {"agenda", "clock", "notes"} <= set(visited)  # round every pane, back to the agenda
    back = []
    for _ in range(40):
        press(running, "Shift+Tab")
        back.append(pane(running, focused()))
    assert {"agenda", "clock", "notes"} <= set(back)


# ----------------------------------------------------------------------------- the states


def test_before_the_start_the_console_counts_to_it_as_the_room_does(
    qtbot: QtBot, settings: QSettings, demo: Path
) -> None:
    clock = FakeClock()
    clock.t -= 12 * 60  # 9:48; the demo starts at 10:00
    console = make_console(qtbot, clock, settings)
    assert console.open_path(demo)
    assert console.countdown_label.text() == "12:00"
    assert console.state_label.text() == "Starts at 10:00 · in 12 min"
    assert console.display.state_label.text() == console.state_label.text()
    assert console.time_label.text() == "9:48"
    console.close()


def test_a_blanked_display_is_shown_by_a_banner(running: ConsoleWindow) -> None:
    banner = running.blank_banner
    assert not banner.isVisible()
    press(running, "B")
    assert banner.isVisible() and "room display is blank" in banner.text()
    assert banner.button.isVisible()
    banner.button.click()  # "Show the clock (B)"
    shown = running.room.view()
    assert shown is not None and not shown.blank and not banner.isVisible()


def test_at_the_end_the_clock_says_finished(running: ConsoleWindow, clock: FakeClock) -> None:
    press(running, "Space")
    clock.t += 90
    press(running, "Ctrl+E")
    assert running.countdown_label.text() == "Finished"
    start = running.buttons["start_pause"]
    assert start.text().startswith("Finished") and not start.isEnabled()
    assert not running.buttons["next"].isEnabled() and running.buttons["undo"].isEnabled()
    assert not running.progress.isVisible()
    assert "The agenda is over" in running.next_label.text()
    press(running, "Ctrl+Z")  # the finish taken back: the clock runs again
    assert running.buttons["start_pause"].text().startswith("Pause")


@pytest.mark.parametrize(
    ("minutes", "level"),
    [(1, Level.CALM), (8.5, Level.AMBER), (9.5, Level.RED), (11, Level.UP)],
)
def test_the_bar_and_the_pill_follow_the_state_colours(
    running: ConsoleWindow, clock: FakeClock, minutes: float, level: Level
) -> None:
    press(running, "Space")  # the demo's welcome: ten minutes
    clock.t += minutes * 60
    running.room.tick()
    shown = running.room.view()
    assert shown is not None and shown.level is level
    colour = LEVELS[Level.CALM][0] if level is Level.CALM else WARNINGS[level].background
    assert running.clock_panel.bar_colour == colour
    assert f"background:{colour}" in running.progress.styleSheet()
    assert f"background:{colour}" in running.state_label.styleSheet()
    # each state's colour differs from the one before by more than hue: 3:1 and more
    if level is not Level.CALM:
        order = [Level.AMBER, Level.RED, Level.UP]
        before = order[order.index(level) - 1] if level is not Level.AMBER else None
        if before is not None:
            assert contrast(colour, WARNINGS[before].background) >= 3


def test_paused_is_grey_on_the_bar(running: ConsoleWindow, clock: FakeClock) -> None:
    press(running, "Space")
    clock.t += 60
    press(running, "Space")
    assert running.clock_panel.bar_colour == PAUSED[0]


def test_the_round_line_says_it_as_the_room_does(running: ConsoleWindow) -> None:
    running.room.act("jump", to=4)
    running.room.act("round", tables=["Table 1", "Table 2"], seconds=60)
    assert running.round_label.text().startswith(running.display.round_label.text())
    assert running.round_label.text().endswith("Next: Table 2")


# ----------------------------------------------------------------------------- the layout


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1280, 720), (1920, 1080)])
def test_every_demo_segment_is_in_view(running: ConsoleWindow, width: int, height: int) -> None:
    sized(running, width, height)
    agenda = running.agenda
    area = agenda.viewport().rect()
    assert agenda.rowCount() == len(demo_event().agenda) == 8
    for row in range(agenda.rowCount()):
        cell = agenda.visualRect(agenda.model().index(row, 3))
        assert area.contains(cell), (row, cell, area)


def test_the_countdown_grows_with_the_window(running: ConsoleWindow) -> None:
    sizes = {}
    for width, height in ((1024, 768), (1280, 800), (1920, 1080)):
        sized(running, width, height)
        sizes[width] = running.countdown_label.font().pixelSize()
    assert sizes[1024] < sizes[1280] < sizes[1920]
    assert sizes[1920] >= 1.5 * sizes[1024]


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 800), (1920, 1080)])
def test_no_blank_band_above_the_buttons(running: ConsoleWindow, width: int, height: int) -> None:
    """The spare height is the clock's: the digits fill their box, which ends at the readouts."""
    press(running, "Space")
    sized(running, width, height)
    digits = running.countdown_label
    ink = digits.fontMetrics().height()
    assert ink >= 0.6 * digits.height() or digits.font().pixelSize() >= 0.9 * 400
    lowest = max(
        w.mapTo(running, w.rect().bottomLeft()).y()
        for w in (running.drift_label, running.next_label, running.prompt_label)
        if w.isVisible()
    )
    buttons = running.buttons["previous"]
    top = buttons.mapTo(running, buttons.rect().topLeft()).y()
    assert 0 < top - lowest < 40  # the controls come straight after the readouts


def test_the_thumbnail_shows_what_the_room_sees(running: ConsoleWindow, clock: FakeClock) -> None:
    press(running, "Space")
    clock.t += 8.5 * 60  # amber: the room display's whole screen turns amber
    running.room.tick()
    thumbnail = running.thumbnail
    thumbnail.redraw()
    image = thumbnail.pixmap().toImage()
    assert not image.isNull() and image.width() <= 320
    middle = QColor(image.pixel(image.width() // 8, image.height() // 2))
    assert middle.name().lower() == WARNINGS[Level.AMBER].background.lower()


def test_the_thumbnail_redraws_at_most_once_a_second(qtbot: QtBot, running: ConsoleWindow) -> None:
    now = [100.0]
    display: RoomDisplay = running.display
    thumbnail = RoomThumbnail(display, running.room, clock=lambda: now[0])
    qtbot.addWidget(thumbnail)
    thumbnail.show()  # drawn as it shows
    qtbot.waitUntil(lambda: thumbnail.redraws == 1)
    drawn = thumbnail.redraws
    now[0] += 0.25
    for _ in range(20):  # a burst of changes
        running.room.changed.emit()
    assert thumbnail._timer.isActive() and thumbnail._timer.interval() >= 750
    assert thumbnail.redraws == drawn  # none of them drew it again at once


# ----------------------------------------------------------------------------- empty states


def test_no_event_offers_the_demo_new_and_open_as_buttons(console: ConsoleWindow) -> None:
    assert console.no_event.isVisible() and not console.splitter.isVisible()
    for button in (console.demo_button, console.new_button, console.open_button):
        assert button.isVisible()
    assert "intheroom demo" not in console.grab().toImage().text()  # no command to type
    console.demo_button.click()
    assert console.title_label.text() == demo_event().title
    assert not console.no_event.isVisible() and console.splitter.isVisible()


def test_an_empty_agenda_offers_add_a_segment_and_greys_the_clock(
    console: ConsoleWindow, tmp_path: Path
) -> None:
    path = tmp_path / "empty.room"
    EventFile.create(path, blank_event("An empty day")).close()
    assert console.open_path(path)
    assert console.add_segment_button.isVisible() and not console.agenda.isVisible()
    for name in ("start_pause", "next", "previous", "add_minute", "finish"):
        assert not console.buttons[name].isEnabled(), name
    console.agenda_pane.setFocus()
    press(console, "Space")
    assert "agenda is empty" in console.statusBar().currentMessage()
    console.add_segment_button.click()
    assert console.editor is not None
    console.editor.close()
    event = console.room.current_event
    assert event is not None and len(event.agenda) == 1
    assert console.agenda.isVisible() and console.buttons["start_pause"].isEnabled()


# ----------------------------------------------------------------------------- services


def test_the_console_is_handed_its_services(running: ConsoleWindow) -> None:
    """One Room Wi-Fi, built by app.py, is the one the display and the note box use."""
    assert running.display.wifi is running.wifi
    assert running.capture.arrivals.wifi is running.wifi
    assert running.display.room is running.room


def test_no_qt_method_is_shadowed() -> None:
    assert ConsoleWindow.render is QWidget.render
    assert RoomDisplay.render is QWidget.render
