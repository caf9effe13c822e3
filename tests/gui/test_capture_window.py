"""The note-taker's window: labelled pickers, a header saying what is on and who is speaking,
notes shown in full with who said them, and placeholders people can read (issue 15, item 6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QTableView, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.model import NoteKind
from desktop.core.room_face import contrast
from desktop.store.eventfile import EventFile
from desktop.ui.capture import CaptureWindow
from desktop.ui.notes_table import SAID_BY, TEXT, THEME
from desktop.ui.room import Room
from desktop.ui.widgets.ink import MINIMUM, ratio
from desktop.ui.wifi import RoomWifi
from tests.conftest import ARTIFACTS
from tests.gui.helpers import dark_palette, make_console, type_text
from tests.helpers import FakeClock

LONG = (
    "Power sits with whoever holds the budget, so the smaller partners wait to be asked; we "
    "agreed to rotate the chair and to publish the spending plan before each meeting, which "
    "took two years of trust to get to. The last words of this note must be on screen."
)
TWELVE = [f"Table {n}" for n in range(1, 13)]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(qtbot: QtBot, demo: Path, clock: FakeClock) -> Iterator[CaptureWindow]:
    room = Room(clock=clock)
    room.load_file(EventFile.open(demo))
    shown = CaptureWindow(room, wifi=RoomWifi(room))
    qtbot.addWidget(shown)
    shown.resize(1024, 768)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown
    room.file.close()


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The system in light mode (Qt's own palette) or dark mode."""
    before = QPalette(qapp.palette())
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(before)


def wrapped_height(view: QTableView, text: str) -> int:
    """How tall `text` is, wrapped to the width of the note's column."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
    width = view.columnWidth(TEXT) - 2 * margin - 2
    box = QRect(0, 0, width, 10_000)
    return view.fontMetrics().boundingRect(box, Qt.TextFlag.TextWordWrap, text).height()


def alt(window: QWidget, letter: str) -> None:
    QTest.keyClick(
        QApplication.focusWidget() or window, Qt.Key(ord(letter)), Qt.KeyboardModifier.AltModifier
    )


def test_each_picker_has_a_visible_label_whose_alt_key_moves_there(window: CaptureWindow) -> None:
    panel = window.panel
    panel.room.act("jump", to=1)  # a talk: notes are quotes, so "Said by" shows
    pickers = {
        "Kind": (panel.kind_box, "K"),
        "Table": (panel.table_box, "A"),
        "Theme": (panel.theme_edit, "E"),
        "Said by": (panel.speaker_box, "S"),
        "Note": (panel.entry, "T"),
        "Show": (panel.filter_kind, "W"),
        "Find": (panel.filter_text, "D"),
    }
    for name, (picker, letter) in pickers.items():
        label = panel.labels[name]
        assert isinstance(label, QLabel) and label.buddy() is picker
        assert label.isVisible() and picker.accessibleName()
        alt(window, letter)
        focused = QApplication.focusWidget()
        assert focused is picker or picker.isAncestorOf(focused), name
    assert panel.entry.accessibleDescription() == panel.keys_label.text()
    panel.room.act("jump", to=3)  # a breakout: share-backs, no one to name
    assert not panel.labels["Said by"].isVisible() and not panel.speaker_box.isVisible()


def test_the_header_names_the_segment_question_and_speaker_as_the_clock_moves(
    window: CaptureWindow, clock: FakeClock
) -> None:
    header, room = window.header, window.room
    assert header.segment_label.text() == "Not started yet · first: Welcome and introductions"
    assert header.speaking_label.isHidden()
    room.act("start")
    room.act("jump", to=1)
    assert header.segment_label.text() == "Now: TracyAnne's story · 2 of 8"
    assert header.speaking_label.text() == "Speaking: TracyAnne Millar"
    assert header.question_label.isHidden()
    room.act("jump", to=3)
    assert header.question_label.text().startswith("Question: What do you think are the most")
    assert header.speaking_label.isHidden()
    room.act("next")  # the share-back: the breakout's question, then each table in turn
    room.act("round", tables=TWELVE, seconds=60)
    assert header.question_label.text().startswith("Question (from Table conversations): ")
    assert header.speaking_label.text() == "Speaking: Table 1 of 12 · 1:00 left · Next: Table 2"
    assert window.panel.table_box.currentText() == "Table 1"
    clock.advance(18)
    room.tick()  # what the room's timer does each second
    assert header.speaking_label.text() == "Speaking: Table 1 of 12 · 0:42 left · Next: Table 2"
    room.act("turn", step="next")
    assert header.speaking_label.text().startswith("Speaking: Table 2 of 12 · 1:00 left")
    assert window.panel.table_box.currentText() == "Table 2"
    for label in (header.segment_label, header.question_label, header.speaking_label):
        assert label.textFormat() == Qt.TextFormat.PlainText and label.wordWrap()


def test_a_long_note_shows_in_full_and_a_long_theme_is_not_cut(
    window: CaptureWindow, qtbot: QtBot
) -> None:
    panel = window.panel
    panel.room.act("jump", to=3)
    panel.theme_edit.setText("Power & influence")
    panel.entry.setFocus()
    type_text(panel.entry, LONG)
    QTest.keyClick(panel.entry, Qt.Key.Key_Return)
    view = panel.list
    row = panel.proxy.rowCount() - 1
    assert panel.proxy.index(row, TEXT).data() == LONG
    qtbot.waitUntil(lambda: view.rowHeight(row) > 3 * view.fontMetrics().lineSpacing())
    # as tall as the note wrapped to its column, and all of it in view (the newest note)
    assert view.rowHeight(row) >= wrapped_height(view, LONG)
    assert view.rowViewportPosition(row) + view.rowHeight(row) <= view.viewport().height()
    assert view.textElideMode() == Qt.TextElideMode.ElideNone and view.wordWrap()
    theme_width = view.fontMetrics().horizontalAdvance("Power & influence")
    assert view.columnWidth(THEME) > theme_width
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "capture_window_long_note.png"))
    # narrower, the note wraps to more lines and its row grows with it
    tall = view.rowHeight(row)
    window.resize(760, 700)
    qtbot.waitUntil(lambda: view.rowHeight(row) > tall)
    assert view.rowHeight(row) >= wrapped_height(view, LONG)
    # filtered and unfiltered, the rows on screen are measured again
    panel.filter_kind.setCurrentIndex(panel.filter_kind.findData("share_back"))
    panel.list.scroll_to_newest()
    last = panel.proxy.rowCount() - 1
    qtbot.waitUntil(lambda: view.rowHeight(last) >= wrapped_height(view, LONG))
    panel.filter_kind.setCurrentIndex(0)
    panel.list.scroll_to_newest()
    qtbot.waitUntil(lambda: view.rowHeight(row) >= wrapped_height(view, LONG))


def test_a_quote_says_who_said_it(window: CaptureWindow) -> None:
    panel = window.panel
    assert panel.proxy.headerData(SAID_BY, Qt.Orientation.Horizontal) == "Said by"
    panel.room.act("jump", to=2)  # Jillian's story: a quote from Jillian
    panel.entry.setFocus()
    type_text(panel.entry, "Nobody owns the problem, so everybody has to.")
    QTest.keyClick(panel.entry, Qt.Key.Key_Return)
    row = panel.proxy.rowCount() - 1
    assert panel.proxy.index(row, SAID_BY).data() == "Jillian Torrens"
    kinds = [n.kind for n in panel.model.notes]
    share_back = kinds.index(NoteKind.SHARE_BACK)
    assert panel.model.index(share_back, SAID_BY).data() == ""


def test_placeholders_and_the_keys_line_are_readable_in_light_and_dark(
    window: CaptureWindow, theme: str, qtbot: QtBot
) -> None:
    panel = window.panel
    QApplication.processEvents()
    for box in (panel.entry, panel.theme_edit, panel.filter_text):
        palette = box.palette()
        placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
        base = palette.color(QPalette.ColorRole.Base)
        assert ratio(placeholder, base) >= MINIMUM, (theme, box.accessibleName())
        text = palette.color(QPalette.ColorRole.Text)
        assert ratio(placeholder, base) < contrast(text.name(), base.name())  # still a hint
    keys = panel.keys_label
    assert keys.isVisible() and "Enter keeps the note" in keys.text()
    ink = keys.palette().color(QPalette.ColorRole.WindowText)
    behind = keys.palette().color(QPalette.ColorRole.Window)
    assert contrast(ink.name(), behind.name()) >= MINIMUM
    for size in ((1024, 768), (1280, 720), (1920, 1080)):
        window.resize(*size)
        QApplication.processEvents()
        name = f"capture_window_{theme}_{size[0]}x{size[1]}.png"
        assert window.grab().save(str(ARTIFACTS / name))


def test_the_alt_keys_reach_the_pickers_in_the_console_too(qtbot: QtBot, demo: Path) -> None:
    """In the console no Alt letter of the capture panel is taken by a menu or a button."""
    settings = QSettings(str(demo.with_suffix(".ini")), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    assert console.open_path(demo)
    panel = console.capture
    console.agenda.setFocus()
    for letter, picker in (
        ("T", panel.entry),
        ("A", panel.table_box),
        ("K", panel.kind_box),
        ("E", panel.theme_edit),
        ("W", panel.filter_kind),
        ("D", panel.filter_text),
    ):
        alt(console, letter)
        focused = QApplication.focusWidget()
        assert focused is picker or picker.isAncestorOf(focused), letter
