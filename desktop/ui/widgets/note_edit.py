"""The box a note is typed into: Enter keeps it, Shift+Enter is a new line, pastes are cleaned."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.notes import clean_text


class NoteEdit(QPlainTextEdit):
    """Enter keeps the note, Shift+Enter starts a new line; pasted text is cleaned."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        if enter:  # Shift+Enter: a plain new line, not Qt's line separator
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.insertPlainText(clean_text(source.text()) if source.hasText() else "")
