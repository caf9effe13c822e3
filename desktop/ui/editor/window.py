"""The event editor's window: its tabs, the problems line and undo. Every edit is undoable,
checked and saved.

Each edit is a QUndoCommand holding the event before and after (events are immutable values, so
a snapshot is cheap and exactly right). After every change the event is checked with the
document validator; a valid event goes to the store at once, problems are shown by their place
with the validator's own words and nothing invalid is saved.

Beside it: the details tab (`details.py`), the agenda tab with the selected segment's texts
(`agenda.py`), the list tabs for questions, resources, contributors and the roster
(`list_tab.py`), and what their tables share (`cells.py`). The tables tab, with the table
planner, is `desktop.ui.tables_tab`.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from msgspec.structs import replace
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from desktop.core import document
from desktop.core.model import Contributor, Event, Participant, Resource, ResourceKind
from desktop.core.table_plan import without_unknown
from desktop.ui.editor.agenda import AgendaEditing
from desktop.ui.editor.cells import fresh_id
from desktop.ui.editor.details import EventDetails
from desktop.ui.editor.list_tab import Column, ListTab, Record
from desktop.ui.room import Room
from desktop.ui.tables_tab import TablesTab

# The event's lists of records, by field; questions are plain text.
RECORD_TYPES: dict[str, type] = {
    "resources": Resource,
    "contributors": Contributor,
    "participants": Participant,
}


def _ids(records: list[Record]) -> list[object]:
    return [r.get("id", "") for r in records]


class _Edit(QUndoCommand):
    """One edit of the event: undo shows the event before it, redo the one after."""

    def __init__(self, editor: EditorWindow, before: Event, after: Event, text: str) -> None:
        super().__init__(text)
        self.editor, self.before, self.after = editor, before, after

    def redo(self) -> None:
        self.editor.show_event(self.after)

    def undo(self) -> None:
        self.editor.show_event(self.before)


class EditorWindow(EventDetails, AgendaEditing, QMainWindow):
    """The organiser's window onto the event: details, agenda, lists, roster and tables."""

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room
        self.working: Event | None = None  # the event being edited (may be invalid for a moment)
        self._filling = False
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("Edit the event — In the Room")
        self.setAccessibleName("Event editor")

        tabs = QTabWidget()
        tabs.addTab(self._details_tab(), "&Details")
        tabs.addTab(self._agenda_tab(), "&Agenda")
        self.lists = {
            "questions": self._list_tab(
                "questions",
                [Column("text", "Question offered for consideration")],
                lambda _: {"text": "New question"},
            ),
            "resources": self._list_tab(
                "resources",
                [
                    Column("title", "Title"),
                    Column(
                        "kind",
                        "Read / watch / listen",
                        choices=tuple(k.value for k in ResourceKind),
                    ),
                    Column("minutes", "Minutes", whole=(0, 999)),
                    Column("link", "Link"),
                ],
                lambda _: {"title": "New resource", "kind": "read", "minutes": None, "link": ""},
            ),
            "contributors": self._list_tab(
                "contributors",
                [
                    Column("name", "Name"),
                    Column("role", "Role"),
                    Column("organisation", "Organisation"),
                    Column("bio", "Short bio"),
                ],
                lambda records: {"id": fresh_id("c", _ids(records)), "name": "New contributor"},
            ),
            "participants": self._list_tab(
                "participants",
                [
                    Column("name", "Name"),
                    Column("organisation", "Organisation"),
                    Column("sector", "Sector"),
                    Column("email", "E-mail (never printed)"),
                ],
                lambda records: {"id": fresh_id("p", _ids(records)), "name": "New participant"},
            ),
        }
        tabs.addTab(self.lists["questions"], "&Questions")
        tabs.addTab(self.lists["resources"], "Reso&urces")
        tabs.addTab(self.lists["contributors"], "&Contributors")
        tabs.addTab(self.lists["participants"], "R&oster")
        self.tables_tab = TablesTab(lambda: self.working, self._change)
        tabs.addTab(self.tables_tab, "&Tables")
        self.tabs = tabs
        self.problems = QLabel("")
        self.problems.setAccessibleName("Problems with the event")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # problems quote what was typed
        self.problems.setStyleSheet("color:#5c0011;")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.problems)
        self.setCentralWidget(central)

        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        room.eventChanged.connect(self._from_room)
        self._from_room()
        self.resize(1000, 680)

    # ------------------------------------------------------------------ showing

    def _from_room(self) -> None:
        event = self.room.current_event
        if event is not None and event != self.working:
            self.undo_stack.clear()
            self.show_event(event, save=False)

    def show_event(self, event: Event, *, save: bool = True) -> None:
        """Show `event` in every tab; check it; save it if it is valid."""
        self.working = event
        self._filling = True
        try:
            self._fill_details(event)
            self._fill_agenda(event)
            self.lists["questions"].show_records([{"text": q} for q in event.questions])
            self.lists["resources"].show_records(
                [document.plain(r) | {"minutes": r.minutes} for r in event.resources]
            )
            self.lists["contributors"].show_records([document.plain(c) for c in event.contributors])
            self.lists["participants"].show_records([document.plain(p) for p in event.participants])
            self.tables_tab.show_event(event)
        finally:
            self._filling = False
        problems = document.validate(document.to_builtins(event))
        self.problems.setText("\n".join(f"✖ {p}" for p in problems))
        self._mark_fields(problems)
        if save and not problems and self.room.file is not None:
            self.room.replace_event(event)

    # ------------------------------------------------------------------ editing

    def _problem(self, message: str) -> None:
        self.problems.setText(f"✖ {message}")

    def _list_tab(
        self,
        name: str,
        columns: list[Column],
        new_record: Callable[[list[Record]], Record],
    ) -> ListTab:
        return ListTab(
            name,
            columns,
            new_record,
            lambda records, text: self._lists_changed(name, records, text),
            self._problem,
        )

    def _lists_changed(self, name: str, records: list[Record], text: str) -> None:
        if self.working is None:
            return
        kind = RECORD_TYPES.get(name)
        value: tuple[object, ...] = (
            tuple(msgspec.convert(r, kind) for r in records)
            if kind is not None
            else tuple(str(r.get("text", "")).strip() for r in records)  # questions: plain text
        )
        self._change(without_unknown(replace(self.working, **{name: value})), text)

    def _change(self, after: Event, text: str) -> None:
        if self.working is None or after == self.working:
            return
        self.undo_stack.push(_Edit(self, self.working, after, text))
