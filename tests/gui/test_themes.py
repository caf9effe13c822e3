"""The themes board: share-backs sorted into themes by drag and drop or by keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from desktop.core.model import NoteKind
from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import demo_event
from desktop.ui.room import Room
from desktop.ui.themes import ThemesBoard
from tests.conftest import ARTIFACTS


@pytest.fixture
def board(qtbot: QtBot, demo: Path) -> ThemesBoard:
    room = Room()
    room.load_file(EventFile.open(demo))
    shown = ThemesBoard(room)
    qtbot.addWidget(shown)
    shown.resize(900, 600)
    shown.show()
    yield shown
    room.file.close()


def theme_rows(board: ThemesBoard) -> list[str]:
    return [board.themes.item(i).text() for i in range(board.themes.count())]


def select_theme(board: ThemesBoard, name: str) -> None:
    for row in range(board.themes.count()):
        if board.themes.item(row).data(Qt.ItemDataRole.UserRole) == name:
            board.themes.setCurrentRow(row)
            return
    raise AssertionError(name)


def test_themes_are_listed_with_their_share_backs(board: ThemesBoard) -> None:
    shares = demo_event().notes_of(NoteKind.SHARE_BACK)
    trust = [n for n in shares if n.theme == "Trust"]
    assert f"Trust  ({len(trust)})" in theme_rows(board)
    assert theme_rows(board)[-1].startswith("No theme yet")
    select_theme(board, "Trust")
    assert board.notes.count() == len(trust)
    assert board.notes.item(0).text().startswith("Table ")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert board.grab().save(str(ARTIFACTS / "themes_board.png"))


def test_dropping_share_backs_on_a_theme_moves_them(board: ThemesBoard, demo: Path) -> None:
    select_theme(board, "Trust")
    board.notes.item(0).setSelected(True)
    moved = board.notes.item(0).data(Qt.ItemDataRole.UserRole)
    data = board.notes.mimeData(board.notes.selectedItems())
    target = next(
        i
        for i in range(board.themes.count())
        if board.themes.item(i).data(Qt.ItemDataRole.UserRole) == "Culture"
    )
    where = board.themes.visualItemRect(board.themes.item(target)).center()
    drop = QDropEvent(
        QPointF(where),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    board.themes.dropEvent(drop)
    assert next(n for n in board.room.current_event.notes if n.id == moved).theme == "Culture"
    assert board.message.text() == "Moved 1 share-back(s) to Culture."
    board.room.save()
    assert next(n for n in read_event(demo).notes if n.id == moved).theme == "Culture"


def test_new_theme_then_move_by_keys(board: ThemesBoard, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  Listening\u00a0well ", True))
    board.new_theme()
    assert board.current_theme() == "Listening well"
    assert "Listening well  (0)" in theme_rows(board)
    select_theme(board, "Trust")
    board.notes.selectAll()
    count = board.notes.count()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Listening well", True))
    board.move_selected()
    assert f"Listening well  ({count})" in theme_rows(board)
    assert not any(row.startswith("Trust ") for row in theme_rows(board))


def test_rename_and_merge(board: ThemesBoard, monkeypatch: pytest.MonkeyPatch) -> None:
    shares = demo_event().notes_of(NoteKind.SHARE_BACK)
    culture = len([n for n in shares if n.theme == "Culture"])
    trust = len([n for n in shares if n.theme == "Trust"])
    select_theme(board, "Culture")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ways of working", True))
    board.rename_theme()
    assert f"Ways of working  ({culture})" in theme_rows(board)
    assert board.message.text() == "Renamed “Culture” into “Ways of working”."
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Trust", True))
    board.rename_theme()
    assert f"Trust  ({culture + trust})" in theme_rows(board)
    assert board.message.text() == "Merged “Ways of working” into “Trust”."
    select_theme(board, "")
    board.rename_theme()
    assert "Pick a theme to rename" in board.message.text()
