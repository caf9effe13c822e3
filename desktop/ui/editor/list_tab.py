"""A list tab of the editor: one kind of record (questions, resources, contributors, the roster)
as a table, edited in place, with the same keys as the agenda to add, duplicate, remove and
reorder. The tab holds plain records; the window turns them into the event's values."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.editor.cells import list_keys

Record = dict[str, object]


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
        new_record: Callable[[list[Record]], Record],
        apply: Callable[[list[Record], str], None],
        problem: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.name, self.columns, self.new_record = name, columns, new_record
        self.apply, self.problem = apply, problem
        self.records: list[Record] = []
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
        buttons = list_keys(self, name, self.add, self.duplicate, self.remove, self.move_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_records(self, records: list[Record]) -> None:
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

    def _select_after(self, records: list[Record], row: int, text: str) -> None:
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
