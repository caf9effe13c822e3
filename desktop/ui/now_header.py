"""The capture window's header: which segment is on, its question, and who is speaking.

It renders `core.capture_header` on every change of the room's clock (a share-back round's
seconds too), and sets a label's text only when it changed, so a tick costs no layout.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from desktop.core.capture_header import CaptureHeader, capture_header
from desktop.ui.room import Room


def _line(name: str, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles, questions and names as typed
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class NowHeader(QFrame):
    """Three lines over the note box; an empty line is hidden."""

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room
        self.setObjectName("now-header")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Now in the room")
        self.segment_label = _line("Segment now", 1.3, bold=True)
        self.question_label = _line("Question for the tables", 1.1)
        self.speaking_label = _line("Speaking now", 1.1, bold=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        for label in (self.segment_label, self.question_label, self.speaking_label):
            layout.addWidget(label)
        room.changed.connect(self.refresh)
        room.eventChanged.connect(self.refresh)
        self.refresh()

    def header(self) -> CaptureHeader:
        return capture_header(self.room.current_event, self.room.view())

    def refresh(self) -> None:
        shown = self.header()
        for label, text in (
            (self.segment_label, shown.segment),
            (self.question_label, shown.question),
            (self.speaking_label, shown.speaking),
        ):
            if label.text() != text:
                label.setText(text)
            label.setVisible(bool(text))
