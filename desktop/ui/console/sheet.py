"""The console's two small dialogs: the shortcut sheet, and the question a share-back round asks."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.commands import COMMANDS


class ShortcutSheet(QDialog):
    """Every key the console knows, from the same table the menus are built from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts — In the Room")
        self.setAccessibleName("Keyboard shortcuts")
        table = QTableWidget(len(COMMANDS), 2)
        table.setAccessibleName("Shortcut list")
        table.setHorizontalHeaderLabels(("Keys", "What it does"))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, command in enumerate(COMMANDS):
            keys = " or ".join(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                for k in command.keys
            )
            table.setItem(row, 0, QTableWidgetItem(keys))
            what = command.text.replace("&", "").rstrip("…")
            table.setItem(row, 1, QTableWidgetItem(f"{what} — {command.help}"))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(
            "Keys work while the console is the active window and no text box is being typed in. "
            "Escape leaves a text box and gives the keys back to the clock; Tab and Shift+Tab "
            "move between the agenda, the clock and the notes."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.table = table
        self.resize(640, 620)


def ask_round(parent: QWidget, tables_used: int) -> tuple[int, int] | None:
    """How many tables and how many seconds each (None: cancelled)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Share-back round")
    tables = QSpinBox()
    tables.setRange(1, 99)
    tables.setValue(tables_used)
    tables.setAccessibleName("Number of tables")
    seconds = QSpinBox()
    seconds.setRange(10, 600)
    seconds.setSingleStep(15)
    seconds.setValue(60)
    seconds.setSuffix(" s")
    seconds.setAccessibleName("Seconds for each table")
    form = QFormLayout(dialog)
    form.addRow("&Tables:", tables)
    form.addRow("&Time for each:", seconds)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return tables.value(), seconds.value()
