"""The event editor (first part): details and agenda, every edit undoable, checked and saved.

Each edit is a QUndoCommand holding the event before and after (events are immutable values, so
a snapshot is cheap and exactly right). After every change the event is checked with the
document validator; a valid event goes to the store at once, problems are shown by their place
with the validator's own words and nothing invalid is saved.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from msgspec.structs import replace
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import document
from desktop.core.clock import parse_time_left
from desktop.core.model import (
    AtZero,
    Contributor,
    Event,
    Participant,
    Resource,
    ResourceKind,
    Segment,
    SegmentKind,
)
from desktop.core.table_plan import without_unknown
from desktop.core.timetable import (
    fit,
    format_clock,
    format_duration,
    format_minutes_seconds,
    timetable,
)
from desktop.ui.room import Room
from desktop.ui.tables_tab import TablesTab
from desktop.ui.widgets.keys import key_button

AGENDA_COLUMNS = (
    "Starts",
    "Kind",
    "Title",
    "Minutes",
    "Speaker",
    "Amber warning",
    "Red warning",
    "At zero",
)
WHOLE_COLUMNS = {3: ("minutes", (1, 600))}
# Warnings are typed and shown as minutes and seconds before the end ("2:00"), kept in seconds.
WARNING_COLUMNS = {5: "amber_seconds", 6: "red_seconds"}
BEFORE_THE_END = " before the end"
# The question for the tables, the notes and the materials are long: the pane under the table
# shows the selected segment's in full.
DETAILS = (
    ("title", "&Title"),
    ("theme", "T&heme"),
    ("date", "&Date (YYYY-MM-DD)"),
    ("start", "&Start (HH:MM)"),
    ("finish", "&Planned finish (HH:MM)"),
    ("venue", "&Venue or format"),
)


def _fresh(prefix: str, records: list[dict[str, object]]) -> str:
    taken = {str(r.get("id", "")) for r in records}
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


# The event's lists of records, by field; questions are plain text.
RECORD_TYPES: dict[str, type] = {
    "resources": Resource,
    "contributors": Contributor,
    "participants": Participant,
}


class _Edit(QUndoCommand):
    def __init__(self, editor: EditorWindow, before: Event, after: Event, text: str) -> None:
        super().__init__(text)
        self.editor, self.before, self.after = editor, before, after

    def redo(self) -> None:
        self.editor.show_event(self.after)

    def undo(self) -> None:
        self.editor.show_event(self.before)


def _list_keys(
    owner: QWidget,
    what: str,
    add: Callable[[], None],
    duplicate: Callable[[], None],
    remove: Callable[[], None],
    move: Callable[[int], None],
    *,
    add_text: str = "&Add",
) -> QHBoxLayout:
    """The same keys and buttons for every list in the editor (the agenda, questions, …):
    each key works while focus is in `owner`, and each button names its key."""
    buttons = QHBoxLayout()
    for text, keys, slot in (
        (add_text, "Ctrl+Shift+A", add),
        ("D&uplicate", "Ctrl+D", duplicate),
        ("&Remove", "Ctrl+Delete", remove),
        ("Move &up", "Alt+Up", lambda: move(-1)),
        ("Move do&wn", "Alt+Down", lambda: move(1)),
    ):
        accessible = f"{text.replace('&', '')} ({what})"
        buttons.addWidget(key_button(owner, text, keys, slot, accessible=accessible))
    return buttons


def _text_cell(
    table: QTableWidget, row: int, column: int, text: str, *, editable: bool = True
) -> None:
    """Set a cell's text, keeping the item (an editor open on it stays valid)."""
    item = table.item(row, column)
    if item is None:
        item = QTableWidgetItem(text)
        if not editable:
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        table.setItem(row, column, item)
    elif item.text() != text:
        item.setText(text)


def _choice_cell(
    table: QTableWidget,
    row: int,
    column: int,
    name: str,
    options: list[tuple[str, str]],
    current: str,
    changed: Callable[[str], None],
) -> None:
    """A combo box in a cell, kept when its options are the same (focus and state stay)."""
    box = table.cellWidget(row, column)
    if (
        not isinstance(box, QComboBox)
        or [(box.itemData(i), box.itemText(i)) for i in range(box.count())] != options
    ):
        box = QComboBox()
        box.setAccessibleName(name)
        for value, words in options:
            box.addItem(words, value)
        box.currentIndexChanged.connect(lambda _=0, b=box: changed(str(b.currentData())))
        table.setCellWidget(row, column, box)
    box.blockSignals(True)
    box.setCurrentIndex(max(box.findData(current), 0))
    box.blockSignals(False)


class AgendaTable(QTableWidget):
    """The agenda table; a row dragged and dropped becomes a move the editor makes itself."""

    moved = Signal(int, int)  # from row, to row

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDropIndicatorShown(True)

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentRow()
        target = self.rowAt(event.position().toPoint().y())
        if target < 0:
            target = self.rowCount() - 1
        event.setDropAction(Qt.DropAction.IgnoreAction)  # we move it, not the view
        event.accept()
        if source >= 0 and target != source:
            self.moved.emit(source, target)


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
                lambda records: {"id": _fresh("c", records), "name": "New contributor"},
            ),
            "participants": self._list_tab(
                "participants",
                [
                    Column("name", "Name"),
                    Column("organisation", "Organisation"),
                    Column("sector", "Sector"),
                    Column("email", "E-mail (never printed)"),
                ],
                lambda records: {"id": _fresh("p", records), "name": "New participant"},
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
        self.agenda = AgendaTable(0, len(AGENDA_COLUMNS))
        self.agenda.moved.connect(self._dragged)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setHorizontalHeaderLabels(AGENDA_COLUMNS)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.verticalHeader().hide()
        header = self.agenda.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, words in (
            (0, "When the segment starts, from the event's start time"),
            (5, "When the clock turns amber: minutes and seconds before the end, e.g. 2:00"),
            (6, "When the clock turns red: minutes and seconds before the end, e.g. 0:30"),
            (7, "What the clock does when the time is up"),
        ):
            heading = self.agenda.horizontalHeaderItem(column)
            if heading is not None:
                heading.setToolTip(words)
        self.agenda.itemChanged.connect(self._cell_changed)
        self.agenda.currentCellChanged.connect(lambda *_: self._fill_detail())
        self.fit_label = QLabel("")
        self.fit_label.setAccessibleName("How the agenda fits the planned finish")
        buttons = _list_keys(
            page,
            "segment",
            self.add_segment,
            self.duplicate_segment,
            self.remove_segment,
            self.move_segment,
            add_text="&Add segment",
        )
        layout = QVBoxLayout(page)
        layout.addWidget(self.agenda, 1)
        layout.addWidget(self.fit_label)
        layout.addLayout(buttons)
        layout.addWidget(self._detail_pane())
        return page

    def _detail_pane(self) -> QGroupBox:
        """The selected segment's long texts in full: the question, the private notes and the
        materials; each kept when focus leaves it (one undoable edit)."""
        self.detail = QGroupBox("Selected segment")
        self.detail.setAccessibleName("Selected segment")
        form = QFormLayout(self.detail)
        self.detail_fields: dict[str, QPlainTextEdit] = {}
        for field, label, name, hint in (
            (
                "prompt",
                "Question &for the tables:",
                "Question for the tables (on the room display)",
                "Shown on the room display while this segment runs.",
            ),
            (
                "facilitator_notes",
                "Facilitator &notes (private):",
                "Facilitator notes (private)",
                "Only on the console and the run sheet: never on the display or handouts.",
            ),
            (
                "materials",
                "&Materials (one per line):",
                "Materials, one per line",
                "What to bring: flipchart, pens, a video link. Printed as a checklist.",
            ),
        ):
            box = QPlainTextEdit()
            box.setAccessibleName(name)
            box.setAccessibleDescription(hint)
            box.setPlaceholderText(hint)
            box.setTabChangesFocus(True)
            box.setFixedHeight(64)
            box.focusOutEvent = (  # type: ignore[method-assign]
                lambda event, f=field, b=box: self._detail_left(f, b, event)
            )
            caption = QLabel(label)
            caption.setBuddy(box)
            form.addRow(caption, box)
            self.detail_fields[field] = box
        self._detail_row = -1
        return self.detail

    def _fill_detail(self) -> None:
        """Show the current row's long texts (not while one of them is being typed in)."""
        row = self.agenda.currentRow()
        event = self.working
        segment = event.agenda[row] if event is not None and 0 <= row < len(event.agenda) else None
        self._detail_row = row if segment is not None else -1
        self.detail.setEnabled(segment is not None)
        self.detail.setTitle(
            f"Segment {row + 1}: {segment.title}" if segment else "Selected segment: none"
        )
        values = {
            "prompt": segment.prompt if segment else "",
            "facilitator_notes": segment.facilitator_notes if segment else "",
            "materials": "\n".join(segment.materials) if segment else "",
        }
        for field, box in self.detail_fields.items():
            if box.toPlainText() != values[field]:
                box.setPlainText(values[field])

    def _detail_left(self, field: str, box: QPlainTextEdit, event: object) -> None:
        QPlainTextEdit.focusOutEvent(box, event)  # type: ignore[arg-type]
        row = self._detail_row
        if self._filling or self.working is None or not 0 <= row < len(self.working.agenda):
            return
        typed = box.toPlainText()
        value: object
        if field == "materials":
            value = tuple(line.strip() for line in typed.splitlines() if line.strip())
        else:
            value = typed.strip()
        if getattr(self.working.agenda[row], field) != value:
            self._segment_changed(row, **{field: value})

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

    def _fill_agenda(self, event: Event) -> None:
        row_now = self.agenda.currentRow()
        slots = timetable(event)
        self.agenda.setRowCount(len(slots))
        people = [("", "—"), *((c.id, c.name) for c in event.contributors)]
        kinds = [(k.value, k.value.replace("_", " ")) for k in SegmentKind]
        zero = [("overtime", "count on"), ("hold", "hold at 0:00"), ("next", "move on")]
        for row, slot in enumerate(slots):
            seg = slot.segment
            clock = format_clock(slot.start) if slot.start is not None else ""
            _text_cell(self.agenda, row, 0, clock, editable=False)
            _choice_cell(
                self.agenda,
                row,
                1,
                f"Kind of segment {row + 1}",
                kinds,
                seg.kind.value,
                lambda value, r=row: self._segment_changed(r, kind=SegmentKind(value)),
            )
            _text_cell(self.agenda, row, 2, seg.title)
            _text_cell(self.agenda, row, 3, str(seg.minutes))
            _choice_cell(
                self.agenda,
                row,
                4,
                f"Speaker for segment {row + 1}",
                people,
                seg.contributor,
                lambda value, r=row: self._segment_changed(r, contributor=value),
            )
            for column, field in WARNING_COLUMNS.items():
                seconds = getattr(seg, field)
                _text_cell(
                    self.agenda, row, column, format_minutes_seconds(seconds) + BEFORE_THE_END
                )
            _choice_cell(
                self.agenda,
                row,
                7,
                f"At zero, segment {row + 1}",
                zero,
                seg.at_zero.value,
                lambda value, r=row: self._segment_changed(r, at_zero=AtZero(value)),
            )
        if not 0 <= self.agenda.currentRow() < len(slots) and 0 <= row_now < len(slots):
            self.agenda.selectRow(row_now)  # never while an edit is being committed
        total = format_duration(event.planned_minutes)
        words = fit(event)
        if not words and slots and slots[-1].end is not None:
            words = f"ends {format_clock(slots[-1].end)} — set a planned finish in Details"
        self.fit_label.setText(f"{total} in all" + (f": {words}" if words else ""))
        self._fill_detail()

    def _mark_fields(self, problems: list[document.Problem]) -> None:
        """A field with a problem gets a red frame, a ✖ in its tooltip and the words read out."""
        places = {p.place: p.message for p in problems}
        named = {
            **self.fields,
            "summary": self.summary,
            "contact.email": self.email,
            "contact.url": self.url,
        }
        for place, widget in named.items():
            message = places.get(place, "")
            widget.setStyleSheet("border: 2px solid #a4262c;" if message else "")
            widget.setToolTip(f"✖ {message}" if message else "")
            widget.setAccessibleDescription(message)

    def _dragged(self, source: int, target: int) -> None:
        """A segment dragged to another row: one undoable move."""
        if self.working is None:
            return
        agenda = list(self.working.agenda)
        segment = agenda.pop(source)
        agenda.insert(target, segment)
        self._with_agenda(agenda, target, f"Move {segment.title}")

    # ------------------------------------------------------------------ editing

    def _problem(self, message: str) -> None:
        self.problems.setText(f"✖ {message}")

    def _list_tab(
        self,
        name: str,
        columns: list[Column],
        new_record: Callable[[list[dict[str, object]]], dict[str, object]],
    ) -> ListTab:
        return ListTab(
            name,
            columns,
            new_record,
            lambda records, text: self._lists_changed(name, records, text),
            self._problem,
        )

    def _lists_changed(self, name: str, records: list[dict[str, object]], text: str) -> None:
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
        elif column in WARNING_COLUMNS:
            field = WARNING_COLUMNS[column]
            seconds = parse_time_left(value.removesuffix(BEFORE_THE_END.strip()).strip())
            if seconds is None or not 0 <= seconds <= 3600:
                self.problems.setText(
                    f"✖ agenda[{row}].{field}: expected minutes and seconds before the end, "
                    f'like 2:00 (0:00-60:00), got "{value}"'
                )
                self._filling = True
                before = getattr(self.working.agenda[row], field)
                item.setText(format_minutes_seconds(before) + BEFORE_THE_END)
                self._filling = False
                return
            self._segment_changed(row, **{field: seconds})
        elif column in WHOLE_COLUMNS:
            field, (lo, hi) = WHOLE_COLUMNS[column]
            what = "minutes" if field == "minutes" else "seconds"
            if not value.isdigit() or not lo <= int(value) <= hi:
                self.problems.setText(
                    f"✖ agenda[{row}].{field}: expected a whole number of {what} ({lo}-{hi}), "
                    f'got "{value}"'
                )
                self._filling = True
                item.setText(str(getattr(self.working.agenda[row], field)))
                self._filling = False
                return
            self._segment_changed(row, **{field: int(value)})

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


# ----------------------------------------------------------------------------- list tabs


class Column:
    """One column of a list tab: a field of the record, edited as text or picked from choices."""

    def __init__(
        self,
        field: str,
        label: str,
        *,
        choices: tuple[str, ...] = (),
        whole: tuple[int, int] | None = None,
    ) -> None:
        self.field, self.label, self.choices, self.whole = field, label, choices, whole


class ListTab(QWidget):
    """A list of records (questions, resources, contributors) as a table: edit in place, add,
    duplicate, remove and reorder from the keyboard. Changes go to `apply(records, text)`."""

    def __init__(
        self,
        name: str,
        columns: list[Column],
        new_record: Callable[[list[dict[str, object]]], dict[str, object]],
        apply: Callable[[list[dict[str, object]], str], None],
        problem: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.name, self.columns, self.new_record = name, columns, new_record
        self.apply, self.problem = apply, problem
        self.records: list[dict[str, object]] = []
        self._filling = False
        self.table = QTableWidget(0, len(columns))
        self.table.setAccessibleName(name)
        self.table.setHorizontalHeaderLabels([c.label for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.itemChanged.connect(self._changed)
        for column in range(len(columns) - 1):
            self.table.setColumnWidth(column, 220)
        buttons = _list_keys(self, name, self.add, self.duplicate, self.remove, self.move_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_records(self, records: list[dict[str, object]]) -> None:
        self.records = [dict(r) for r in records]
        keep = self.table.currentRow()
        self._filling = True
        try:
            self.table.setRowCount(len(records))
            for row, record in enumerate(records):
                for column, spec in enumerate(self.columns):
                    value = record.get(spec.field)
                    if spec.choices:
                        box = QComboBox()
                        box.setAccessibleName(f"{spec.label} of row {row + 1}")
                        box.addItems(list(spec.choices))
                        box.setCurrentText(str(value or spec.choices[0]))
                        box.currentTextChanged.connect(
                            lambda text, r=row, f=spec.field: self._set(r, f, text)
                        )
                        self.table.setCellWidget(row, column, box)
                    else:
                        self.table.setItem(
                            row, column, QTableWidgetItem("" if value is None else str(value))
                        )
        finally:
            self._filling = False
        if 0 <= keep < len(records):
            self.table.selectRow(keep)

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        spec = self.columns[item.column()]
        text = item.text().strip()
        value: object = text
        if spec.whole is not None:
            lo, hi = spec.whole
            if text == "":
                value = None
            elif not text.isdigit() or not lo <= int(text) <= hi:
                self.problem(
                    f"{self.name}[{item.row()}].{spec.field}: expected a whole number "
                    f'({lo}-{hi}), got "{text}"'
                )
                self.show_records(self.records)
                return
            else:
                value = int(text)
        self._set(item.row(), spec.field, value)

    def _set(self, row: int, field: str, value: object) -> None:
        if self._filling or self.records[row].get(field) == value:
            return
        records = [dict(r) for r in self.records]
        records[row][field] = value
        self.apply(records, f"Edit {self.name}")

    def _select_after(self, records: list[dict[str, object]], row: int, text: str) -> None:
        self.apply(records, text)
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)

    def add(self) -> None:
        row = self.table.currentRow()
        at = row + 1 if row >= 0 else len(self.records)
        records = [dict(r) for r in self.records]
        records.insert(at, self.new_record(records))
        self._select_after(records, at, f"Add to {self.name}")

    def duplicate(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        records = [dict(r) for r in self.records]
        copy = {**records[row], **{k: v for k, v in self.new_record(records).items() if k == "id"}}
        records.insert(row + 1, copy)
        self._select_after(records, row + 1, f"Duplicate in {self.name}")

    def remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        records = [dict(r) for r in self.records]
        records.pop(row)
        self._select_after(records, min(row, len(records) - 1), f"Remove from {self.name}")

    def move_row(self, step: int) -> None:
        """Swap the current row with the one `step` away (the name `move` is QWidget's)."""
        row = self.table.currentRow()
        if row < 0 or not 0 <= row + step < len(self.records):
            return
        records = [dict(r) for r in self.records]
        records[row], records[row + step] = records[row + step], records[row]
        self._select_after(records, row + step, f"Move in {self.name}")
