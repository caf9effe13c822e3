"""The event editor (first part): details and agenda, every edit undoable, checked and saved.

Each edit is a QUndoCommand holding the event before and after (events are immutable values, so
a snapshot is cheap and exactly right). After every change the event is checked with the
document validator; a valid event goes to the store at once, problems are shown by their place
with the validator's own words and nothing invalid is saved.
"""

from __future__ import annotations

from msgspec.structs import replace
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import document
from desktop.core.model import Event, Segment, SegmentKind
from desktop.core.timetable import fit, format_clock, format_duration, timetable
from desktop.ui.room import Room

AGENDA_COLUMNS = ("Time", "Kind", "Title", "Minutes", "Speaker", "Prompt for the tables")
DETAILS = (
    ("title", "&Title"),
    ("theme", "T&heme"),
    ("date", "&Date (YYYY-MM-DD)"),
    ("start", "&Start (HH:MM)"),
    ("finish", "&Planned finish (HH:MM)"),
    ("venue", "&Venue or format"),
)


class _Edit(QUndoCommand):
    def __init__(self, editor: EditorWindow, before: Event, after: Event, text: str) -> None:
        super().__init__(text)
        self.editor, self.before, self.after = editor, before, after

    def redo(self) -> None:
        self.editor.show_event(self.after)

    def undo(self) -> None:
        self.editor.show_event(self.before)


class EditorWindow(QMainWindow):
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
        self.tabs = tabs
        self.problems = QLabel("")
        self.problems.setAccessibleName("Problems with the event")
        self.problems.setWordWrap(True)
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
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        room.eventChanged.connect(self._from_room)
        self._from_room()
        self.resize(1000, 680)

    # ------------------------------------------------------------------ building

    def _details_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in DETAILS:
            line = QLineEdit()
            line.setAccessibleName(label.replace("&", ""))
            line.editingFinished.connect(lambda n=name: self._detail_changed(n))
            self.fields[name] = line
            form.addRow(label + ":", line)
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("Summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(110)
        self.summary.focusOutEvent = self._summary_left  # type: ignore[method-assign]
        form.addRow("S&ummary:", self.summary)
        self.email = QLineEdit()
        self.email.setAccessibleName("Contact e-mail")
        self.email.editingFinished.connect(lambda: self._detail_changed("email"))
        self.url = QLineEdit()
        self.url.setAccessibleName("Contact web page")
        self.url.editingFinished.connect(lambda: self._detail_changed("url"))
        form.addRow("Contact &e-mail:", self.email)
        form.addRow("Contact &web page:", self.url)
        return page

    def _agenda_tab(self) -> QWidget:
        page = QWidget()
        self.agenda = QTableWidget(0, len(AGENDA_COLUMNS))
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setHorizontalHeaderLabels(AGENDA_COLUMNS)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.verticalHeader().hide()
        header = self.agenda.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.agenda.itemChanged.connect(self._cell_changed)
        self.fit_label = QLabel("")
        self.fit_label.setAccessibleName("How the agenda fits the planned finish")
        buttons = QHBoxLayout()
        self.agenda_actions: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("add", "&Add segment", "Ctrl+Shift+A", self.add_segment),
            ("duplicate", "D&uplicate", "Ctrl+D", self.duplicate_segment),
            ("remove", "&Remove", "Ctrl+Delete", self.remove_segment),
            ("up", "Move &up", "Alt+Up", lambda: self.move_segment(-1)),
            ("down", "Move do&wn", "Alt+Down", lambda: self.move_segment(1)),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            page.addAction(action)
            self.agenda_actions[name] = action
            label = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            button = QPushButton(f"{text}  ({label})")
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.agenda, 1)
        layout.addWidget(self.fit_label)
        layout.addLayout(buttons)
        return page

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
            for name, line in self.fields.items():
                line.setText(getattr(event, name))
            self.summary.setPlainText(event.summary)
            self.email.setText(event.contact.email)
            self.url.setText(event.contact.url)
            self._fill_agenda(event)
        finally:
            self._filling = False
        problems = document.validate(document.to_builtins(event))
        self.problems.setText("\n".join(f"✖ {p}" for p in problems))
        if save and not problems and self.room.file is not None:
            self.room.replace_event(event)

    def _fill_agenda(self, event: Event) -> None:
        row_now = self.agenda.currentRow()
        slots = timetable(event)
        self.agenda.setRowCount(len(slots))
        people = [("", "—"), *((c.id, c.name) for c in event.contributors)]
        for row, slot in enumerate(slots):
            seg = slot.segment
            time = QTableWidgetItem(format_clock(slot.start) if slot.start is not None else "")
            time.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            self.agenda.setItem(row, 0, time)
            kind = QComboBox()
            kind.setAccessibleName(f"Kind of segment {row + 1}")
            for value in SegmentKind:
                kind.addItem(value.value.replace("_", " "), value.value)
            kind.setCurrentIndex(kind.findData(seg.kind.value))
            kind.currentIndexChanged.connect(
                lambda _=0, r=row, box=kind: self._segment_changed(
                    r, kind=SegmentKind(box.currentData())
                )
            )
            self.agenda.setCellWidget(row, 1, kind)
            self.agenda.setItem(row, 2, QTableWidgetItem(seg.title))
            self.agenda.setItem(row, 3, QTableWidgetItem(str(seg.minutes)))
            speaker = QComboBox()
            speaker.setAccessibleName(f"Speaker for segment {row + 1}")
            for ident, name in people:
                speaker.addItem(name, ident)
            speaker.setCurrentIndex(max(speaker.findData(seg.contributor), 0))
            speaker.currentIndexChanged.connect(
                lambda _=0, r=row, box=speaker: self._segment_changed(
                    r, contributor=box.currentData()
                )
            )
            self.agenda.setCellWidget(row, 4, speaker)
            self.agenda.setItem(row, 5, QTableWidgetItem(seg.prompt))
        if 0 <= row_now < len(slots):
            self.agenda.selectRow(row_now)
        total = format_duration(event.planned_minutes)
        words = fit(event)
        self.fit_label.setText(f"{total} in all" + (f": {words}" if words else ""))

    # ------------------------------------------------------------------ editing

    def _change(self, after: Event, text: str) -> None:
        if self.working is None or after == self.working:
            return
        self.undo_stack.push(_Edit(self, self.working, after, text))

    def _detail_changed(self, name: str) -> None:
        if self._filling or self.working is None:
            return
        if name in ("email", "url"):
            value = (self.email if name == "email" else self.url).text().strip()
            after = replace(self.working, contact=replace(self.working.contact, **{name: value}))
        else:
            after = replace(self.working, **{name: self.fields[name].text().strip()})
        self._change(after, f"Change {name}")

    def _summary_left(self, event: object) -> None:
        QPlainTextEdit.focusOutEvent(self.summary, event)  # type: ignore[arg-type]
        if not self._filling and self.working is not None:
            self._change(
                replace(self.working, summary=self.summary.toPlainText().strip()), "Summary"
            )

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or self.working is None:
            return
        row, column = item.row(), item.column()
        value = item.text().strip()
        if column == 2:
            self._segment_changed(row, title=value)
        elif column == 5:
            self._segment_changed(row, prompt=value)
        elif column == 3:
            if not value.isdigit() or not 1 <= int(value) <= 600:
                self.problems.setText(
                    f"✖ agenda[{row}].minutes: expected a whole number of minutes (1-600), "
                    f'got "{value}"'
                )
                self._filling = True
                item.setText(str(self.working.agenda[row].minutes))
                self._filling = False
                return
            self._segment_changed(row, minutes=int(value))

    def _segment_changed(self, row: int, **changes: object) -> None:
        if self._filling or self.working is None:
            return
        agenda = list(self.working.agenda)
        agenda[row] = replace(agenda[row], **changes)
        self._change(replace(self.working, agenda=tuple(agenda)), f"Edit {agenda[row].title}")

    def _with_agenda(self, agenda: list[Segment], select: int, text: str) -> None:
        assert self.working is not None
        self._change(replace(self.working, agenda=tuple(agenda)), text)
        if 0 <= select < self.agenda.rowCount():
            self.agenda.selectRow(select)

    def _fresh_id(self) -> str:
        assert self.working is not None
        taken = {s.id for s in self.working.agenda}
        n = len(taken) + 1
        while f"s{n}" in taken:
            n += 1
        return f"s{n}"

    def add_segment(self) -> None:
        if self.working is None:
            return
        row = self.agenda.currentRow()
        at = row + 1 if row >= 0 else len(self.working.agenda)
        agenda = list(self.working.agenda)
        agenda.insert(
            at,
            Segment(
                id=self._fresh_id(), kind=SegmentKind.BREAKOUT, title="New segment", minutes=10
            ),
        )
        self._with_agenda(agenda, at, "Add a segment")

    def duplicate_segment(self) -> None:
        row = self.agenda.currentRow()
        if self.working is None or row < 0:
            return
        agenda = list(self.working.agenda)
        agenda.insert(row + 1, replace(agenda[row], id=self._fresh_id()))
        self._with_agenda(agenda, row + 1, f"Duplicate {agenda[row].title}")

    def remove_segment(self) -> None:
        row = self.agenda.currentRow()
        if self.working is None or row < 0:
            return
        agenda = list(self.working.agenda)
        gone = agenda.pop(row)
        self._with_agenda(agenda, min(row, len(agenda) - 1), f"Remove {gone.title}")

    def move_segment(self, step: int) -> None:
        row = self.agenda.currentRow()
        if self.working is None or row < 0 or not 0 <= row + step < len(self.working.agenda):
            return
        agenda = list(self.working.agenda)
        agenda[row], agenda[row + step] = agenda[row + step], agenda[row]
        self._with_agenda(agenda, row + step, f"Move {agenda[row + step].title}")
