"""What people typed shows as typed: a note, theme, title or name with HTML in it is never
rendered as rich text (Qt guesses rich text from a tag: `<b>` would be bold, `<img src=…>`
would load a file) in the console, the capture window, the room display, the themes board,
the editor's tables and the roster import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from msgspec.structs import replace
from PySide6 import QtGui
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QInputDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.core.model import Event, NoteKind, Participant, SegmentKind
from desktop.core.roster import read_table
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event_with_plan
from desktop.ui.capture import CaptureWindow
from desktop.ui.console import ConsoleWindow
from desktop.ui.dialogs.roster import RosterImportDialog
from desktop.ui.themes import ThemesBoard
from desktop.ui.widgets.plain import plain_tooltip
from tests.gui.helpers import make_console
from tests.helpers import FakeClock


def hostile(field: str) -> str:
    return f"<b>{field}</b> <img src=x>"


def hostile_event() -> Event:
    """The demo (with a table plan, and one person not seated) with markup in everything a
    person types: titles, prompts, names, notes, themes, tables."""
    event = demo_event_with_plan()
    late = Participant(id="p999", name="late")
    return replace(
        event,
        title=hostile("event title"),
        theme=hostile("event theme"),
        agenda=tuple(
            replace(s, title=hostile(f"segment {i}"), prompt=hostile(f"prompt {i}"))
            for i, s in enumerate(event.agenda)
        ),
        contributors=tuple(
            replace(c, name=hostile(f"contributor {i}")) for i, c in enumerate(event.contributors)
        ),
        participants=tuple(
            replace(p, name=hostile(f"participant {i}"))
            for i, p in enumerate((*event.participants, late))
        ),
        notes=tuple(
            replace(
                n,
                text=hostile(f"note {i}"),
                theme=hostile(f"theme {i % 3}") if n.theme else "",
                group=hostile(f"table {i % 4}") if n.group else "",
            )
            for i, n in enumerate(event.notes)
        ),
    )


@pytest.fixture
def windows(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[ConsoleWindow, list[QWidget]]]:
    """The console (with its capture panel and the room display), a capture window, the themes
    board and the editor on its Tables tab, all on the hostile event."""
    path = tmp_path / "hostile.room"
    EventFile.create(path, hostile_event()).close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    assert console.open_path(path)
    capture = CaptureWindow(console.room, wifi=console.wifi)
    board = ThemesBoard(console.room)
    console.open_editor()
    editor = console.editor
    assert editor is not None
    editor.tabs.setCurrentWidget(editor.tables_tab)
    for window in (capture, board, editor):
        qtbot.addWidget(window)
        window.show()
    console.display.resize(1280, 720)
    console.display.show()
    yield console, [console, console.display, capture, board, editor]
    console.close()


def rich(text: str) -> bool:
    """Whether Qt would render `text` as rich text where it guesses (tooltips, AutoText)."""
    return "<b>" in text and QtGui.Qt.mightBeRichText(text)


def shown_as_rich(windows: list[QWidget]) -> list[str]:
    """Every place user text is on screen as rich text: labels, tooltips, item tooltips."""
    found: list[str] = []
    for window in windows:
        for widget in [window, *window.findChildren(QWidget)]:
            name = f"{type(window).__name__} › {type(widget).__name__}"
            if isinstance(widget, QLabel) and "<b>" in widget.text():
                shown = widget.textFormat()
                if shown is Qt.TextFormat.RichText or (
                    shown is Qt.TextFormat.AutoText and rich(widget.text())
                ):
                    found.append(f"{name} {widget.accessibleName()}: label {widget.text()!r}")
            if rich(widget.toolTip()):
                found.append(f"{name}: tooltip {widget.toolTip()!r}")
            if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
                found += _item_tooltips(widget, name)
    return found


def _item_tooltips(view: QAbstractItemView, name: str) -> list[str]:
    model = view.model()
    if model is None:
        return []
    root = view.rootIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model keeps it private: one column
        columns = 1
    found = []
    for row in range(min(model.rowCount(root), 60)):
        for column in range(columns):
            tip = model.index(row, column, root).data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and rich(tip):
                found.append(f"{name}: item tooltip {tip!r}")
    return found


def test_user_text_is_plain_in_every_window_in_every_state(
    windows: tuple[ConsoleWindow, list[QWidget]], monkeypatch: pytest.MonkeyPatch
) -> None:
    console, shown = windows
    room = console.room
    event = room.current_event
    assert event is not None
    problems: list[str] = []
    seen = set()
    for index, segment in enumerate(event.agenda):
        room.act("jump", to=index)
        QApplication.processEvents()
        problems += shown_as_rich(shown)
        seen.add(segment.kind)
    assert {SegmentKind.TALK, SegmentKind.BREAKOUT, SegmentKind.SHARE_BACK} <= seen
    quote = next(n for n in event.notes if n.kind is NoteKind.QUOTE)
    themed = next(n for n in event.notes if n.theme)
    for fields in ({"note": quote.id}, {"theme": themed.theme}, {"note": themed.id}):
        room.act("spotlight", **fields)
        QApplication.processEvents()
        problems += shown_as_rich(shown)
        room.act("spotlight")
    room.act("message", text=hostile("message"))
    QApplication.processEvents()
    problems += shown_as_rich(shown)

    # A note kept from a table whose name was typed with markup: "Kept: … from <table>".
    capture = shown[2]
    assert isinstance(capture, CaptureWindow)
    capture.panel.table_box.setCurrentText(hostile("typed table"))
    capture.panel.entry.setPlainText("Trust takes time")
    capture.panel.submit()
    assert "typed table" in capture.panel.hint_label.text()
    problems += shown_as_rich(shown)

    # The themes board says where share-backs went, and asks for a theme's new name.
    board = shown[3]
    assert isinstance(board, ThemesBoard)
    share_back = next(n for n in room.current_event.notes if n.kind is NoteKind.SHARE_BACK)
    board.move_to_theme([share_back.id], hostile("moved to"))
    assert "moved to" in board.message.text()
    problems += shown_as_rich(shown)
    asked: list[str] = []

    def get_text(parent: QWidget, title: str, label: str, **kw: object) -> tuple[str, bool]:
        asked.append(label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    board.themes.setCurrentRow(0)
    assert board.current_theme()
    board.rename_theme()
    assert asked
    problems += [f"ThemesBoard › rename dialog: label {label!r}" for label in asked if rich(label)]
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_console_banner_shows_a_file_name_as_it_is(
    windows: tuple[ConsoleWindow, list[QWidget]], tmp_path: Path
) -> None:
    console, _ = windows
    assert not console.open_path(tmp_path / "<b>gone<img src=x>.room")
    assert "<b>gone" in console.banner.text()
    assert shown_as_rich([console]) == []


def test_the_roster_import_shows_names_and_sectors_as_written(qtbot: QtBot) -> None:
    kept = hostile("participant 0")  # on the roster already: the new and gone are named
    data = f"Name,Sector\n<b>Ann</b> <img src=x>,<b>Island</b> council\n{kept},NHS\n"
    event = replace(hostile_event(), tables=demo_event_with_plan().tables)
    dialog = RosterImportDialog(read_table(data.encode("utf-8")), "r.csv", event=event)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "<b>Ann</b>" in dialog.verdict.text() and dialog.sector_boxes
    assert shown_as_rich([dialog]) == []


def test_a_tooltip_shows_the_text_as_typed() -> None:
    typed = "<b>bold?</b> <img src=x> & &lt; [x](y)\nsecond line"  # &lt; stays as typed
    tip = plain_tooltip(typed)
    assert QtGui.Qt.mightBeRichText(tip)  # marked as rich text, so Qt doesn't guess …
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == typed  # … and it shows every character, lines kept
    assert plain_tooltip("") == ""
