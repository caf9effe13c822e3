"""The capture view: typing notes fast, into the one store, without losing a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.model import NoteKind
from desktop.store.eventfile import read_event
from desktop.store.templates import demo_event
from desktop.ui.capture import CaptureWindow
from desktop.ui.console import ConsoleWindow
from desktop.ui.room import NOTE_SAVE_MS
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console, press, type_text
from tests.helpers import FakeClock

NOTES = len(demo_event().notes)


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path, demo: Path) -> ConsoleWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = make_console(qtbot, FakeClock(), settings)
    assert window.open_path(demo)
    window.capture.entry.setFocus()
    return window


def enter(widget: object) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_enter_keeps_a_note_with_its_kind_table_segment_and_time(
    console: ConsoleWindow, qtbot: QtBot, demo: Path
) -> None:
    console.room.act("jump", to=3)  # table conversations: notes are share-backs
    panel = console.capture
    assert panel.kind_box.currentData() == "share_back"
    press(console, "Ctrl+2")
    QTest.keyClick(panel.entry, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(panel.entry, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(panel.entry, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert panel.table_box.currentText() == "Table 3"
    panel.theme_edit.setText("  Trust  ")
    type_text(panel.entry, "Siobhán & Łukasz: “trust” takes years\nand it's <fragile>")
    enter(panel.entry)
    note = console.room.current_event.notes[-1]
    assert note.text == "Siobhán & Łukasz: “trust” takes years\nand it's <fragile>"
    assert (note.kind, note.group, note.theme) == (NoteKind.SHARE_BACK, "Table 3", "Trust")
    assert note.segment == demo_event().agenda[3].id and note.time[:2] == "20"
    assert panel.entry.toPlainText() == "" and panel.saved_label.text() == "✓ Saved"
    assert panel.hint_label.text() == "Kept: share-back from Table 3."
    # "Kept" is true as it is said: the note is on disk (the journal) before any full save,
    assert console.room.unsaved and read_event(demo).notes[-1] == note
    # and the whole file follows within a second.
    assert 0 <= console.room._note_timer.remainingTime() <= 1000 and NOTE_SAVE_MS <= 1000
    qtbot.waitUntil(lambda: not console.room.unsaved, timeout=2000)
    assert panel.model.rowCount() == NOTES + 1


def test_an_empty_note_is_not_kept(console: ConsoleWindow) -> None:
    type_text(console.capture.entry, "   \n  ")
    enter(console.capture.entry)
    assert len(console.room.current_event.notes) == NOTES
    assert console.capture.hint_label.text() == "Nothing to keep: the note is empty."


def test_typing_a_note_never_moves_the_clock(console: ConsoleWindow) -> None:
    console.room.act("start")
    before = console.room.view()
    type_text(console.capture.entry, "N P B F + - T R J C S D M and spaces ")
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
        QTest.keyClick(console.capture.entry, key)
    after = console.room.view()
    assert (after.index, after.status, after.allowed, after.blank) == (
        before.index,
        before.status,
        before.allowed,
        before.blank,
    )
    assert console.capture.entry.toPlainText() == "N P B F + - T R J C S D M and spaces "


def test_the_kind_follows_the_segment_and_alt_keys_change_it(console: ConsoleWindow) -> None:
    panel = console.capture
    console.room.act("jump", to=1)  # TracyAnne's story: a talk
    assert panel.kind_box.currentData() == "quote"
    assert panel.speaker_box.currentText() == "TracyAnne Millar" and panel.speaker_box.isVisible()
    type_text(panel.entry, "The relationships are absolutely key.")
    enter(panel.entry)
    assert console.room.current_event.notes[-1].contributor == "c1"
    assert QApplication.focusWidget() is console.clock_panel  # Enter gave the keys back
    press(console, "Ctrl+N")  # and Ctrl+N puts the cursor in the note box again
    for number, kind in ((3, "reflection"), (6, "final"), (2, "share_back")):
        QTest.keyClick(panel.entry, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier)
        assert panel.kind_box.currentData() == kind
    assert not panel.speaker_box.isVisible()
    console.room.act("jump", to=5)  # personal reflections
    assert panel.kind_box.currentData() == "reflection"


def test_pasted_word_text_is_cleaned(console: ConsoleWindow) -> None:
    pasted = QMimeData()
    pasted.setText("\uf0b7\tTrust\u00a0is\u200b key\r\n•  “Relationships” matter")
    console.capture.entry.insertFromMimeData(pasted)
    assert console.capture.entry.toPlainText() == "Trust is key\n“Relationships” matter"


def test_a_ten_thousand_character_note_is_kept(console: ConsoleWindow, qtbot: QtBot) -> None:
    long = ("Relationships are key to collaboration. " * 300)[:10_000].strip()
    console.capture.entry.setPlainText(long)
    enter(console.capture.entry)
    assert console.room.current_event.notes[-1].text == long


def test_filters_and_counts(console: ConsoleWindow) -> None:
    panel = console.capture
    total = panel.proxy.rowCount()
    assert total == NOTES and panel.counts_label.text().startswith(f"{NOTES} notes — ")
    panel.filter_kind.setCurrentIndex(panel.filter_kind.findData("quote"))
    quotes = len([n for n in demo_event().notes if n.kind is NoteKind.QUOTE])
    assert panel.proxy.rowCount() == quotes
    panel.filter_kind.setCurrentIndex(0)
    panel.filter_table.setCurrentIndex(panel.filter_table.findData("Table 2"))
    assert 0 < panel.proxy.rowCount() < total
    assert all(panel.proxy.index(r, 2).data() == "Table 2" for r in range(panel.proxy.rowCount()))
    panel.filter_table.setCurrentIndex(0)
    panel.filter_text.setText("trust")
    assert 0 < panel.proxy.rowCount() < total


def test_edit_in_place_delete_and_undo(console: ConsoleWindow, qtbot: QtBot, demo: Path) -> None:
    panel = console.capture
    first = panel.proxy.index(0, 4)
    assert panel.proxy.setData(first, "  Edited\u00a0text ", Qt.ItemDataRole.EditRole)
    assert console.room.current_event.notes[0].text == "Edited text"
    assert first.isValid()  # an edit keeps the rows (and the selection) where they are
    assert not panel.proxy.setData(first, "   ", Qt.ItemDataRole.EditRole)  # never empty
    panel.list.setFocus()
    panel.list.selectRow(0)
    QTest.keyClick(panel.list, Qt.Key.Key_Delete)
    assert len(console.room.current_event.notes) == NOTES - 1
    assert "Ctrl+Z brings it back" in panel.hint_label.text()
    press(console, "Ctrl+Z")  # in the notes, undo is the note's, not the clock's
    assert console.room.current_event.notes[0].text == "Edited text"
    assert len(console.room.current_event.notes) == NOTES
    qtbot.waitUntil(lambda: not console.room.unsaved, timeout=2000)
    assert read_event(demo).notes[0].text == "Edited text"


def test_what_is_being_typed_survives_a_crash(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path, demo: Path
) -> None:
    type_text(console.capture.entry, "Half a sentence from Table 4 about Ciarán's")
    console.capture.set_table("Table 4")
    console.capture.save_draft()  # what the 300 ms timer does after the last key
    assert console.file is not None and console.file.draft_path.exists()
    console.room.file._lock.release()  # a crash: nothing saved or closed after this
    console.room.unload()
    settings = QSettings(str(tmp_path / "s2.ini"), QSettings.Format.IniFormat)
    again = make_console(qtbot, FakeClock(), settings)
    assert again.open_path(demo)
    assert again.capture.entry.toPlainText() == "Half a sentence from Table 4 about Ciarán's"
    assert again.capture.table_box.currentText() == "Table 4"
    assert again.capture.hint_label.text().startswith("Restored the note you were typing")
    enter(again.capture.entry)
    assert not again.file.draft_path.exists()
    again.close()


def test_a_second_window_shares_the_notes(console: ConsoleWindow, qtbot: QtBot) -> None:
    press(console, "Ctrl+Shift+N")
    window = console.capture_window
    assert isinstance(window, CaptureWindow) and window.isVisible()
    qtbot.addWidget(window)
    window.activateWindow()
    window.panel.entry.setFocus()
    type_text(window.panel.entry, "From the second screen")
    enter(window.panel.entry)
    assert console.capture.model.rowCount() == NOTES + 1
    assert console.capture.proxy.index(NOTES, 4).data() == "From the second screen"
    window.resize(900, 640)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "capture_window.png"))
    console.resize(1280, 860)
    assert console.grab().save(str(ARTIFACTS / "console_with_capture.png"))
    assert QApplication.focusWidget() is not None


def test_l_puts_a_note_in_the_spotlight_and_takes_it_off(console: ConsoleWindow) -> None:
    display = console.display
    console.room.act("jump", to=4)  # one thing from each table
    press(console, "L")  # typed into the note box, which has focus: no spotlight
    assert console.capture.entry.toPlainText().lower() == "l"
    console.agenda.setFocus()
    press(console, "L")
    assert "Pick a note in the notes list first" in console.statusBar().currentMessage()
    panel = console.capture
    quote = next(n for n in demo_event().notes if n.kind is NoteKind.QUOTE)
    panel.list.setFocus()
    panel.list.selectRow(0)
    press(console, "L")
    assert console.room.view().spotlight == ("note", quote.id)
    assert display.pages.currentIndex() == 2
    assert display.spot_text.text() == f"“{quote.text}”"
    assert display.spot_heading.text().startswith("TracyAnne Millar")
    assert display.spot_footer.text().startswith("One thing from each table · ")
    display.resize(1280, 720)
    display.show()
    assert display.grab().save(str(ARTIFACTS / "display_spotlight_note.png"))
    press(console, "L")  # the same note again: off
    assert console.room.view().spotlight is None and display.pages.currentIndex() == 0
    themed = next(
        r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 3).data() == "Trust"
    )
    panel.list.selectRow(themed)
    console.activateWindow()
    panel.list.setFocus()
    press(console, "Shift+L")
    assert console.room.view().spotlight == ("theme", "Trust")
    trust = [n for n in demo_event().notes if n.theme == "Trust"]
    assert display.spot_heading.text() == "Trust"
    assert display.spot_text.text().count("• ") == len(trust)
    assert display.grab().save(str(ARTIFACTS / "display_spotlight_theme.png"))
    panel.list.clearSelection()
    press(console, "L")  # nothing picked, something showing: off
    assert console.room.view().spotlight is None


def test_a_share_back_round_table_by_table(
    console: ConsoleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    console.room.act("jump", to=4)  # one thing from each table
    console.agenda.setFocus()
    press(console, "]")
    assert "Start a share-back round first" in console.statusBar().currentMessage()
    monkeypatch.setattr(console, "ask_round", lambda: (12, 60))
    press(console, "G")
    display, panel = console.display, console.capture
    assert display.round_label.text() == "Now: Table 1 of 12"  # its own 1:00 is the big number
    # The console says it in the room's words (one wording per state), and who is next.
    assert (
        console.round_label.text() == "Now: Table 1 of 12 · 1:00 · Under 1 minute · Next: Table 2"
    )
    assert panel.table_box.currentText() == "Table 1"
    press(console, "]")
    press(console, "]")
    assert display.round_label.text().startswith("Now: Table 3 of 12")
    assert panel.table_box.currentText() == "Table 3"  # preselected: the note-taker just types
    panel.entry.setFocus()
    type_text(panel.entry, "Take time to build relationships")
    enter(panel.entry)
    assert console.room.current_event.notes[-1].group == "Table 3"
    console.agenda.setFocus()
    press(console, "]")
    press(console, "K")  # table 4 isn't ready: it comes round again
    assert panel.table_box.currentText() == "Table 5"
    press(console, "[")
    assert panel.table_box.currentText() == "Table 4"
    display.resize(1280, 720)
    display.show()
    assert display.grab().save(str(ARTIFACTS / "display_round.png"))
    press(console, "G")
    assert console.room.view().round is None and not display.round_label.isVisible()
