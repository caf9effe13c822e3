"""The editor's agenda tab: the segments as a table (edited in place, dragged to reorder), how
the agenda fits the planned finish, and the selected segment's long texts in full below it.
Mixed into the editor window, which gives it the event being edited and makes every change
one undoable edit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from msgspec.structs import replace
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import parse_time_left
from desktop.core.model import AtZero, Event, Segment, SegmentKind
from desktop.core.timetable import (
    fit,
    format_clock,
    format_duration,
    format_minutes_seconds,
    timetable,
)
from desktop.ui.editor.cells import choice_cell, fresh_id, list_keys, text_cell
from desktop.ui.editor.long_text import LongText

if TYPE_CHECKING:
    _Window = QMainWindow
else:
    _Window = object

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


class AgendaEditing(_Window):
    """The agenda tab and every edit of a segment: add, duplicate, remove, move, change."""

    working: Event | None
    _filling: bool
    problems: QLabel

    if TYPE_CHECKING:  # given by the window

        def _change(self, after: Event, text: str) -> None: ...

    # ------------------------------------------------------------------ building

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
        buttons = list_keys(
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
        self.detail_fields: dict[str, LongText] = {}
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
            box = LongText()
            box.setAccessibleName(name)
            box.setAccessibleDescription(hint)
            box.setPlaceholderText(hint)
            box.setFixedHeight(64)
            box.left.connect(partial(self._detail_left, field, box))
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

    def _detail_left(self, field: str, box: LongText) -> None:
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
            text_cell(self.agenda, row, 0, clock, editable=False)
            choice_cell(
                self.agenda,
                row,
                1,
                f"Kind of segment {row + 1}",
                kinds,
                seg.kind.value,
                partial(self._segment_chosen, row, "kind", SegmentKind),
            )
            text_cell(self.agenda, row, 2, seg.title)
            text_cell(self.agenda, row, 3, str(seg.minutes))
            choice_cell(
                self.agenda,
                row,
                4,
                f"Speaker for segment {row + 1}",
                people,
                seg.contributor,
                partial(self._segment_chosen, row, "contributor", str),
            )
            for column, field in WARNING_COLUMNS.items():
                seconds = getattr(seg, field)
                text_cell(
                    self.agenda, row, column, format_minutes_seconds(seconds) + BEFORE_THE_END
                )
            choice_cell(
                self.agenda,
                row,
                7,
                f"At zero, segment {row + 1}",
                zero,
                seg.at_zero.value,
                partial(self._segment_chosen, row, "at_zero", AtZero),
            )
        if not 0 <= self.agenda.currentRow() < len(slots) and 0 <= row_now < len(slots):
            self.agenda.selectRow(row_now)  # never while an edit is being committed
        total = format_duration(event.planned_minutes)
        words = fit(event)
        if not words and slots and slots[-1].end is not None:
            words = f"ends {format_clock(slots[-1].end)} — set a planned finish in Details"
        self.fit_label.setText(f"{total} in all" + (f": {words}" if words else ""))
        self._fill_detail()

    # ------------------------------------------------------------------ editing

    def _dragged(self, source: int, target: int) -> None:
        """A segment dragged to another row: one undoable move."""
        if self.working is None:
            return
        agenda = list(self.working.agenda)
        segment = agenda.pop(source)
        agenda.insert(target, segment)
        self._with_agenda(agenda, target, f"Move {segment.title}")

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

    def _segment_chosen(
        self, row: int, field: str, value_of: Callable[[str], object], value: str
    ) -> None:
        """A choice picked in a segment's row: its kind, its speaker, what happens at zero."""
        self._segment_changed(row, **{field: value_of(value)})

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
        return fresh_id("s", (s.id for s in self.working.agenda))

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
