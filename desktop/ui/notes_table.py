"""The notes list of the capture view: a Qt model over the event's notes, its filter, and a
table whose rows grow to show each note in full.

Rows are fitted to their text only where they are on screen (a pass over the visible rows after
a scroll, a resize or a change), so an event with 10,000 notes costs the same to type into as
an empty one: Qt's own ResizeToContents would measure every row on every new note.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from desktop.core.model import Note
from desktop.core.notes import KIND_LABELS, NoteFilter, clean_text
from desktop.ui.room import Room
from desktop.ui.widgets.plain import plain_tooltip

UNSAVED = "✖"  # marks the time of a note only memory holds (the banner says what it means)
COLUMNS = ("Time", "Kind", "Table", "Theme", "Note", "Said by")
TIME, KIND, TABLE, THEME, TEXT, SAID_BY = range(len(COLUMNS))
EDITABLE = {TABLE: "group", THEME: "theme", TEXT: "text"}
ROW_PADDING = 6  # above and below the text of a row, px
NOTE_SHARE = 0.5  # the note's column gets at least this much of the list's width
Index = QModelIndex | QPersistentModelIndex


class NotesModel(QAbstractTableModel):
    """The event's notes as rows; edits go to the room, never straight to the file."""

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room
        self.notes: tuple[Note, ...] = ()
        self.names: dict[str, str] = {}  # contributor id: name, for "Said by"
        room.notesChanged.connect(self.refresh)
        room.eventChanged.connect(self.refresh)
        room.saveRecovered.connect(self.marks_changed)
        self.refresh()

    def marks_changed(self) -> None:
        """Unsaved notes were saved: their marks go."""
        if self.notes:
            self.dataChanged.emit(self.index(0, TIME), self.index(len(self.notes) - 1, TIME))

    def refresh(self) -> None:
        event = self.room.current_event
        new = event.notes if event else ()
        names = {c.id: c.name for c in event.contributors} if event else {}
        old = self.notes
        if names != self.names:
            self.beginResetModel()
            self.notes, self.names = new, names
            self.endResetModel()
            return
        if len(new) == len(old) + 1 and new[: len(old)] == old:  # one added at the end
            self.beginInsertRows(QModelIndex(), len(old), len(old))
            self.notes = new
            self.endInsertRows()
            return
        if len(new) == len(old) and all(a.id == b.id for a, b in zip(new, old, strict=True)):
            changed = [i for i, (a, b) in enumerate(zip(new, old, strict=True)) if a is not b]
            self.notes = new  # an edit: the rows stay, so selection and scrolling stay too
            if changed:
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last))
            return
        self.beginResetModel()
        self.notes = new
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.notes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def said_by(self, note: Note) -> str:
        return self.names.get(note.contributor, "") if note.contributor else ""

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        note = self.notes[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TIME:
                kept = self.room.is_kept(note.id)
                return note.time[11:16] if kept else f"{UNSAVED} {note.time[11:16]}".strip()
            if column == KIND:
                return KIND_LABELS[note.kind]
            if column == SAID_BY:
                return self.said_by(note)
            return getattr(note, EDITABLE[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return plain_tooltip(note.text)
        unsaved_time = column == TIME and not self.room.is_kept(note.id)
        if role == Qt.ItemDataRole.ToolTipRole and unsaved_time:
            return "Not on disk yet: only this window holds it. Use Save as… in the message above."
        if role == Qt.ItemDataRole.AccessibleTextRole and unsaved_time:
            return f"not saved, {note.time[11:16]}"
        if role == Qt.ItemDataRole.UserRole:
            return note
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else base

    def setData(self, index: Index, value: Any, role: int = 0) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        note = self.notes[index.row()]
        text = clean_text(str(value))
        field = EDITABLE[index.column()]
        if field == "text" and not text:
            return False  # an empty note is not kept: delete it instead
        self.room.update_note(replace(note, **{field: text}))
        return True


class NotesFilterModel(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.rule = NoteFilter()

    def set_rule(self, rule: NoteFilter) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 on; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self.rule = rule
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt 6.8 and 6.9
            self.rule = rule
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, NotesModel)
        return self.rule.matches(model.notes[source_row])


class PaddedRows(QStyledItemDelegate):
    """Each cell a little taller than its text, so wrapped notes don't touch the next row."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        style = shown.widget.style() if shown.widget is not None else QApplication.style()
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, shown, painter, shown.widget
        )  # the selection fills the whole cell; the text sits inside the padding
        shown.rect = shown.rect.adjusted(0, ROW_PADDING, 0, -ROW_PADDING)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, shown.widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 2 * ROW_PADDING)


class NotesView(QTableView):
    """The notes, each row as tall as its longest cell wrapped to the column's width."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # a cell shows all or wraps; never "…"
        self.setItemDelegate(PaddedRows(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.verticalHeader().hide()
        line = self.fontMetrics().lineSpacing()
        self.verticalHeader().setDefaultSectionSize(line + 2 * ROW_PADDING + 4)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self.fit_soon)
        self._natural: dict[int, int] = {}  # column: width that fits its longest text
        # row: (column widths, note) it was last measured at; the same again needs no measuring
        self._fitted: dict[int, tuple[tuple[int, ...], object]] = {}
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        self._at_newest = False  # scrolled to the bottom: stay there as rows grow or come
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is None:
            return
        self.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for signal in (model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self._rows_moved)
        model.rowsInserted.connect(self._rows_inserted)
        model.dataChanged.connect(self.fit_soon)  # the note changed: its row is measured again
        self.fit_soon()

    def _rows_moved(self, *_: object) -> None:
        self._fitted.clear()
        self.fit_soon()

    def _rows_inserted(self, _parent: object, first: int, last: int) -> None:
        model = self.model()
        if model is None or last != model.rowCount() - 1:  # not a note added at the end
            self._fitted.clear()
        self.fit_soon()

    def _scrolled(self, value: int) -> None:
        self._at_newest = value >= self.verticalScrollBar().maximum()
        self.fit_soon()

    def _range_changed(self, _least: int, most: int) -> None:
        if self._at_newest:
            self.verticalScrollBar().setValue(most)

    def fit_soon(self, *_: object) -> None:
        """Fit the rows on screen once the current change is laid out (many changes: once)."""
        self._fit_timer.start()

    def fit_columns(self, themes: list[str], names: list[str]) -> None:
        """Time, Kind, Table, Theme and Said by as wide as their longest text (within reason)."""
        metrics = self.fontMetrics()
        room = 2 * metrics.horizontalAdvance("M")

        def width(texts: list[str], least: int, most: int) -> int:
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            return max(least, min(most, widest + room))

        self._natural = {
            TIME: width(["✖ 88:88", COLUMNS[TIME]], 48, 120),
            KIND: width([*KIND_LABELS.values()], 60, 200),
            TABLE: width(["Table 12", COLUMNS[TABLE]], 60, 160),
            THEME: width([*themes, COLUMNS[THEME]], 80, 220),
            SAID_BY: width([*names, COLUMNS[SAID_BY]], 80, 200),
        }
        self._share_width()

    def _share_width(self) -> None:
        """The note gets at least NOTE_SHARE of the width: in a narrow panel the other columns
        narrow (and wrap) rather than squeeze the note into a ribbon."""
        if not self._natural:
            return
        others = self.viewport().width() * (1 - NOTE_SHARE)
        scale = min(1.0, others / sum(self._natural.values()))
        for column, natural in self._natural.items():
            least = self.fontMetrics().horizontalAdvance(COLUMNS[column]) + 12
            self.setColumnWidth(column, max(least, round(natural * scale)))

    def fit_visible_rows(self) -> None:
        """Each row on screen as tall as its text; at the bottom, stay at the bottom."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if not count:
            return
        bar = self.verticalScrollBar()
        for _ in range(3):  # fitting can change what is on screen: at most a few passes
            at_bottom = self._at_newest
            height = self.viewport().height()
            row = max(self.rowAt(0), 0)
            changed = False
            widths = tuple(self.columnWidth(c) for c in range(len(COLUMNS)))
            while row < count and self.rowViewportPosition(row) < height:
                note = self.model().index(row, 0).data(Qt.ItemDataRole.UserRole)
                if self._fitted.get(row) != (widths, note):  # else: measured as it is
                    before = self.rowHeight(row)
                    self.resizeRowToContents(row)
                    changed = changed or self.rowHeight(row) != before
                    self._fitted[row] = (widths, note)
                row += 1
            self.updateGeometries()  # the scroll bar's range, now (Qt waits for a timer)
            if at_bottom:
                bar.setValue(bar.maximum())
            if not changed:
                break

    def scroll_to_newest(self) -> None:
        """The last note in view at its full height (a note was just kept)."""
        self._at_newest = True
        self.scrollToBottom()
        self.fit_visible_rows()
        self.scrollToBottom()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._share_width()
        self.fit_visible_rows()  # now, so no frame shows a row cut to its first line
