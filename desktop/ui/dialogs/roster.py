"""Import a roster from CSV: check the columns, map unknown sectors, see it before it lands."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Event, Participant
from desktop.core.roster import (
    FIELD_LABELS,
    FIELDS,
    SECTORS,
    Roster,
    RosterChange,
    RosterError,
    Table,
    build_roster,
    cautions,
    change_in_words,
    guess_mapping,
    merge_roster,
)

PREVIEW_ROWS = 25
NONE = -1


class RosterImportDialog(QDialog):
    """Shows how the file will be read and what it does to the event's roster and table plan;
    `participants` holds the new roster when accepted (people already on the roster keep
    their ids, so the table plan keeps them where they sit)."""

    def __init__(
        self,
        table: Table,
        source: str,
        *,
        event: Event | None = None,
        first_id: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.onto = event  # the event the roster goes into (not `event`: QObject.event)
        self.first_id = first_id
        self.participants: list[Participant] = []
        self.roster: Roster | None = None
        self.change: RosterChange | None = None
        self.setWindowTitle(f"Import the roster — {source}")
        self.setAccessibleName("Import the roster")

        found = QLabel(
            f"{len(table.rows)} rows, {table.encoding}, separated by {table.delimiter}s. "
            "Check which column holds what:"
        )
        found.setWordWrap(True)
        found.setTextFormat(Qt.TextFormat.PlainText)
        self.columns: dict[str, QComboBox] = {}
        mapping = guess_mapping(table.headings, table.rows)
        grid = QFormLayout()
        for name in FIELDS:
            box = QComboBox()
            box.setAccessibleName(f"Column for {FIELD_LABELS[name]}")
            box.addItem("— none —", NONE)
            for column, heading in enumerate(table.headings):
                box.addItem(heading or f"Column {column + 1}", column)
            box.setCurrentIndex(box.findData(mapping.get(name, NONE)))
            box.currentIndexChanged.connect(self.refresh)
            self.columns[name] = box
            grid.addRow(FIELD_LABELS[name] + ":", box)

        self.sector_group = QGroupBox("Sectors we couldn't place — choose one for each")
        self.sector_grid = QGridLayout(self.sector_group)
        self.sector_boxes: dict[str, QComboBox] = {}

        self.preview = QTableWidget(0, 4)
        self.preview.setAccessibleName("Preview of the roster")
        self.preview.setHorizontalHeaderLabels(("Name", "Organisation", "Sector", "E-mail"))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verdict = QLabel("")
        self.verdict.setAccessibleName("What will be imported")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)  # names as written in the file
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        replacing = event is not None and bool(event.participants)
        self.import_button.setText("&Replace the roster" if replacing else "&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(found)
        layout.addLayout(grid)
        layout.addWidget(self.sector_group)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)
        self.resize(820, 680)
        self.refresh()

    def mapping(self) -> dict[str, int]:
        return {
            name: int(box.currentData())
            for name, box in self.columns.items()
            if box.currentData() != NONE
        }

    def sector_choices(self) -> dict[str, str]:
        return {
            written: str(box.currentData())
            for written, box in self.sector_boxes.items()
            if box.currentData()
        }

    def refresh(self) -> None:
        try:
            roster = build_roster(
                self.table, self.mapping(), self.sector_choices(), first_id=self.first_id
            )
        except RosterError as exc:
            self.roster = None
            self.change = None
            self.verdict.setText(f"✖ {exc}")
            self.import_button.setEnabled(False)
            self.preview.setRowCount(0)
            return
        self.roster = roster
        self.change = (
            merge_roster(self.onto, roster.participants) if self.onto is not None else None
        )
        self._sector_rows(roster)
        shown = roster.participants[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for row, person in enumerate(shown):
            for column, value in enumerate(
                (person.name, person.organisation, person.sector, person.email)
            ):
                self.preview.setItem(row, column, QTableWidgetItem(value))
        if self.change is not None:
            words = [change_in_words(self.change)]
        else:
            count = len(roster.participants)
            words = [f"{count} {'person' if count == 1 else 'people'} will be imported."]
        words += cautions(roster)
        if roster.unknown_sectors:
            words.append("⚠ Some sectors are still unplaced: they are kept as written.")
        words.append("E-mail addresses are kept for you only; they are never printed.")
        self.verdict.setText(" ".join(words))
        self.import_button.setEnabled(bool(roster.participants))

    def _sector_rows(self, roster: Roster) -> None:
        unknown = list(roster.unknown_sectors)
        for written in list(self.sector_boxes):
            if written not in unknown and not self.sector_boxes[written].currentData():
                self.sector_boxes.pop(written).deleteLater()
        for written in unknown:
            if written in self.sector_boxes:
                continue
            box = QComboBox()
            box.setAccessibleName(f"Sector for “{written}”")
            box.addItem("keep as written", "")
            for sector in SECTORS:
                box.addItem(sector, sector)
            box.currentIndexChanged.connect(self.refresh)
            self.sector_boxes[written] = box
            row = self.sector_grid.rowCount()
            count = roster.unknown_sectors[written]
            label = QLabel(f"“{written}” ({count})")
            label.setTextFormat(Qt.TextFormat.PlainText)  # as written in the file
            self.sector_grid.addWidget(label, row, 0)
            self.sector_grid.addWidget(box, row, 1)
        self.sector_group.setVisible(bool(self.sector_boxes))

    def accept(self) -> None:
        if self.roster is None or not self.roster.participants:
            return
        chosen = self.change.participants if self.change else self.roster.participants
        self.participants = list(chosen)
        super().accept()
