"""The console's agenda: planned and actual start times, the segment on now, done marks; or,
while the agenda is empty, the way to start one. Also the empty-state panel the console shows
when there is nothing yet (no event, no segment): what it is, and the buttons that fill it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import ClockView, Status, hhmm
from desktop.core.model import Event
from desktop.core.timetable import format_clock, timetable

AGENDA_COLUMNS = ("", "Planned", "Actual", "Segment", "Kind", "Min", "Speaker")
STATUS_MARK = {"done": "✓", "now": "▶", "": ""}


def empty_state(title: str, words: str, buttons: list[QPushButton]) -> QWidget:
    """A state with nothing in it yet: what it is, and the buttons that fill it."""
    panel = QWidget()
    heading = QLabel(title)
    heading.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    heading.setFont(font)
    text = QLabel(words)
    text.setWordWrap(True)
    text.setTextFormat(Qt.TextFormat.PlainText)
    row = QHBoxLayout()
    for button in buttons:
        button.setMinimumHeight(44)
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(panel)
    layout.addWidget(heading)
    layout.addWidget(text)
    layout.addLayout(row)
    layout.addStretch(1)
    return panel


class AgendaPane(QWidget):
    """The agenda table, or "The agenda is empty" with its Add a segment button."""

    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget(0, len(AGENDA_COLUMNS))
        table = self.table
        table.setHorizontalHeaderLabels(AGENDA_COLUMNS)
        table.setAccessibleName("Agenda")
        table.setAccessibleDescription(
            "Planned and actual start times. Pick a segment and press Enter to jump to it."
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab leaves the agenda for the next pane
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Add a segment…")
        self.add_button.setAccessibleName("Add a segment to the agenda")
        self.empty = empty_state(
            "The agenda is empty",
            "Add the first segment (a welcome, a talk, a breakout…) and the clock can run.",
            [self.add_button],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(table)

    def show_event(self, event: Event) -> None:
        """The event's segments, planned times and speakers (the actual times follow the clock)."""
        slots = timetable(event)
        self.table.setRowCount(len(slots))
        for row, slot in enumerate(slots):
            seg = slot.segment
            who = event.contributor(seg.contributor) if seg.contributor else None
            cells = (
                "",
                format_clock(slot.start) if slot.start is not None else "",
                "",
                seg.title,
                seg.kind.value.replace("_", " "),
                str(seg.minutes),
                who.name if who else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(slots))
        self.empty.setVisible(not slots)

    def show_view(self, view: ClockView) -> None:
        """Marks, actual start times and minutes as the clock has them now."""
        bold = QFont(self.table.font())
        bold.setBold(True)
        plain = QFont(self.table.font())
        for row, actual in enumerate(view.actuals):
            if row >= self.table.rowCount():
                break
            if view.index == row and view.status is not Status.FINISHED:
                mark = "now"
            elif actual.started is not None and actual.ended is not None:
                mark = "done"
            else:
                mark = ""
            took = f" · {round(actual.elapsed / 60_000)} min" if mark == "done" else ""
            cells = {
                0: STATUS_MARK[mark],
                2: hhmm(actual.started) + took if actual.started is not None else "",
                5: str(actual.minutes),
            }
            for column, text in cells.items():
                item = self.table.item(row, column)
                if item is not None and item.text() != text:
                    item.setText(text)
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setFont(bold if mark == "now" else plain)

    def wanted_height(self) -> int:
        """The height that shows every row, with the header and any scroll bar."""
        table = self.table
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        bar = table.horizontalScrollBar()
        scroll = bar.sizeHint().height() if bar.isVisible() else 0
        return table.horizontalHeader().height() + rows + 2 * table.frameWidth() + scroll + 2
