"""The themes board: sort the share-backs into named themes for "Our collective learning".

Themes on the left (with how many share-backs each, and "No theme yet"), the chosen theme's
share-backs on the right. Drag share-backs onto a theme, or pick them and press Ctrl+M; create
a theme (Ctrl+T), rename one (F2) — renaming onto a name in use merges the two.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace
from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Note, NoteKind
from desktop.core.notes import clean_text, grouped
from desktop.ui.room import Room

MIME = "application/x-intheroom-note-ids"
NO_THEME = ""


class NoteList(QListWidget):
    """The share-backs of one theme; drags carry their note ids."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Share-backs in this theme")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setWordWrap(True)
        self.setSpacing(5)
        self.setAlternatingRowColors(True)

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        ids = "\n".join(str(item.data(Qt.ItemDataRole.UserRole)) for item in items)
        data.setData(MIME, ids.encode())
        return data

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def selected_ids(self) -> list[str]:
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in self.selectedItems()]


class ThemeList(QListWidget):
    """The themes; share-backs dropped on one move into it."""

    dropped = Signal(list, str)  # note ids, theme

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Themes")
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSpacing(3)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME) and self.itemAt(event.position().toPoint()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        data = event.mimeData()
        if item is None or not data.hasFormat(MIME):
            event.ignore()
            return
        ids = bytes(data.data(MIME).data()).decode().split("\n")
        self.dropped.emit([i for i in ids if i], str(item.data(Qt.ItemDataRole.UserRole)))
        event.acceptProposedAction()


class ThemesBoard(QWidget):
    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room
        self.setAccessibleName("Themes board")
        self.extra: list[str] = []  # themes created here that no share-back has yet
        self.themes = ThemeList()
        self.notes = NoteList()
        self.themes.currentItemChanged.connect(lambda *_: self._fill_notes())
        self.themes.dropped.connect(self.move_to_theme)
        self.help = QLabel(
            "Drag share-backs onto a theme, or pick them and press Ctrl+M. "
            "Ctrl+T: new theme. F2: rename (a name already in use merges the two)."
        )
        self.help.setWordWrap(True)
        self.help.setAccessibleName("How to use the themes board")
        self.message = QLabel("")
        self.message.setAccessibleName("Themes board messages")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # theme names as typed
        buttons = QHBoxLayout()
        for text, keys, slot in (
            ("&New theme…", "Ctrl+T", self.new_theme),
            ("&Rename…", "F2", self.rename_theme),
            ("&Move to theme…", "Ctrl+M", self.move_selected),
        ):
            button = QPushButton(f"{text}  ({keys})")
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        columns = QHBoxLayout()
        columns.addWidget(self.themes, 2)
        columns.addWidget(self.notes, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        room.notesChanged.connect(self.refresh)
        room.eventChanged.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ reading

    def share_backs(self) -> list[Note]:
        event = self.room.current_event
        return list(event.notes_of(NoteKind.SHARE_BACK)) if event else []

    def theme_names(self) -> list[str]:
        notes = grouped(self.share_backs())
        used = list(dict.fromkeys(n.theme for n in notes if n.theme))
        return used + [t for t in self.extra if t not in used]

    def current_theme(self) -> str | None:
        item = self.themes.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def refresh(self) -> None:
        keep = self.current_theme()
        notes = self.share_backs()
        counts: dict[str, int] = {}
        for note in notes:
            counts[note.theme] = counts.get(note.theme, 0) + 1
        self.themes.blockSignals(True)
        self.themes.clear()
        for name in [*self.theme_names(), NO_THEME]:  # the same order as `names` below
            shown = name or "No theme yet"
            item = QListWidgetItem(f"{shown}  ({counts.get(name, 0)})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.themes.addItem(item)
        rows = [
            self.themes.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.themes.count())
        ]
        self.themes.setCurrentRow(rows.index(keep) if keep in rows else 0)
        self.themes.blockSignals(False)
        self._fill_notes()

    def _fill_notes(self) -> None:
        theme = self.current_theme()
        self.notes.clear()
        for note in self.share_backs():
            if note.theme != theme:
                continue
            table = f"{note.group}: " if note.group else ""
            item = QListWidgetItem(table + note.text)
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.notes.addItem(item)

    # ------------------------------------------------------------------ changing

    def move_to_theme(self, ids: list[str], theme: str) -> None:
        """Put these share-backs under `theme` ("" takes them out of any)."""
        by_id = {n.id: n for n in self.share_backs()}
        changed = [replace(by_id[i], theme=theme) for i in ids if i in by_id]
        changed = [n for n in changed if by_id[n.id].theme != theme]
        if changed:
            self.room.update_notes(changed)
        where = theme or "no theme"
        self.message.setText(f"Moved {len(changed)} share-back(s) to {where}.")

    def move_selected(self) -> None:
        ids = self.notes.selected_ids()
        if not ids:
            self.message.setText("Pick share-backs on the right first.")
            return
        names = self.theme_names()
        theme, ok = QInputDialog.getItem(
            self, "Move to theme", "Theme (pick or type a new one):", names, 0, True
        )
        if ok and clean_text(theme):
            self.move_to_theme(ids, " ".join(clean_text(theme).split()))

    def new_theme(self) -> None:
        name, ok = QInputDialog.getText(self, "New theme", "Name of the theme:")
        name = " ".join(clean_text(name).split()) if ok else ""
        if not name:
            return
        if name not in self.theme_names():
            self.extra.append(name)
        self.refresh()
        self._select(name)
        self.message.setText(f"“{name}”: now drag share-backs onto it.")

    def rename_theme(self) -> None:
        old = self.current_theme()
        if not old:
            self.message.setText("Pick a theme to rename (not “No theme yet”).")
            return
        name, ok = QInputDialog.getText(self, "Rename theme", "New name for the theme:", text=old)
        name = " ".join(clean_text(name).split()) if ok else ""
        if not name or name == old:
            return
        merging = name in self.theme_names()
        ids = [n.id for n in self.share_backs() if n.theme == old]
        self.extra = [name if t == old else t for t in self.extra]
        self.move_to_theme(ids, name)
        self.refresh()
        self._select(name)
        verb = "Merged" if merging else "Renamed"
        self.message.setText(f"{verb} “{old}” into “{name}”.")

    def _select(self, name: str) -> None:
        for row in range(self.themes.count()):
            if self.themes.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.themes.setCurrentRow(row)


class ThemesWindow(QMainWindow):
    def __init__(self, room: Room) -> None:
        super().__init__()
        self.board = ThemesBoard(room)
        self.setCentralWidget(self.board)
        self.setWindowTitle("Themes board — In the Room")
        self.resize(900, 600)
