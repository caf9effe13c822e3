"""Small parts every page of the room display uses: the plain label, the room's words for the
state and the footer line under a page that covers the clock, and the progress bar."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.core.clock import ClockView, Level, Status, countdown
from desktop.core.room_face import room_state
from desktop.ui.palette import LEVELS


def room_words(view: ClockView) -> str:
    """The state as the room reads it: "Starting soon" where the console says "Not started"."""
    if view.status is Status.NOT_STARTED:
        return "Starting soon"
    return room_state(view)


def footer_line(view: ClockView | None) -> str:
    """The segment, its time and state in one line, under a page that covers the clock."""
    segment = view.segment if view is not None else None
    if view is None or segment is None:
        return ""
    return f"{segment.title} · {countdown(view)} · {room_words(view)}"


def label(name: str, *, wrap: bool = False, centre: bool = False) -> QLabel:
    """A label for the room: `name` for a screen reader, its text shown as typed."""
    shown = QLabel()
    shown.setAccessibleName(name)
    shown.setWordWrap(wrap)
    shown.setTextFormat(Qt.TextFormat.PlainText)  # what people typed is shown as typed
    if centre:
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return shown


class Bar(QWidget):
    """How far through the segment we are: a thick bar in the level's colour."""

    def __init__(self) -> None:
        super().__init__()
        self.fraction = 0.0
        self.colour = QColor(LEVELS[Level.CALM][0])
        self.track = QColor("#dddddd")
        self.outline = QColor("#111111")
        self.setAccessibleName("Progress through the segment")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        radius = rect.height() / 2
        # The track is outlined in the ink (at least 4.5:1 against any state's background), so
        # the bar reads as a bar in every state, not only where the track happens to contrast.
        line = max(2.0, rect.height() / 6)
        inner = rect.adjusted(line / 2, line / 2, -line / 2, -line / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        if self.fraction > 0:
            painter.setBrush(self.colour)
            filled = QRectF(inner.x(), inner.y(), inner.width() * self.fraction, inner.height())
            painter.drawRoundedRect(filled, radius, radius)
        pen = QPen(self.outline)
        pen.setWidthF(line)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(inner, radius, radius)
