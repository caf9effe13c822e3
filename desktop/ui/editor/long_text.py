"""A box for a long text (the summary, a segment's notes) that says when focus leaves it, so
what was typed is kept as one undoable edit rather than one per key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit


class LongText(QPlainTextEdit):
    """A plain-text box: Tab moves on, and `left` is emitted once focus has left it."""

    left = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()
