"""What the room sees, small, in the console: a scaled copy of the room display, as presenter
views have, so the facilitator never has to turn round to the projector.

It is drawn from the room display itself (QWidget.render through a scaled painter), so it can
never disagree with the projector; at most once a second, and only when the room's state changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.ui.room import Room

EVERY_MS = 1000  # at most one redraw a second
SMALLEST = QSize(120, 68)


class RoomThumbnail(QLabel):
    """A live picture of the room display, about `width` pixels wide (less when the window is
    short: it never holds the console's other controls off a small screen)."""

    def __init__(
        self,
        display: QWidget,
        room: Room,
        width: int = 240,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.display = display
        self.setAccessibleName("What the room sees")
        self.setAccessibleDescription("A small live copy of the room display")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.setMinimumSize(SMALLEST)
        self.redraws = 0  # how many times it was drawn (tests and the benchmark read it)
        self._width = width
        self._clock = clock  # seconds; a test passes a fake one
        self._last: float | None = None  # when it was last drawn
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.redraw)
        room.changed.connect(self.schedule)
        room.eventChanged.connect(self.schedule)
        display.installEventFilter(self)  # its size (the projector's shape) and its theme

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.display and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.StyleChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.Show,
        ):
            self.updateGeometry()
            self.schedule()
        return False

    def sizeHint(self) -> QSize:
        size = self.display.size()
        height = round(self._width * size.height() / max(1, size.width()))
        return QSize(self._width, max(SMALLEST.height(), height))

    def minimumSizeHint(self) -> QSize:
        return SMALLEST

    def set_width(self, width: int) -> None:
        """Ask for `width` pixels across, the height following the display's shape."""
        width = max(SMALLEST.width(), width)
        if width != self._width:
            self._width = width
            self.updateGeometry()
        self.schedule()

    def schedule(self) -> None:
        """Redraw soon: now if the last redraw was a second ago, else when it will be."""
        if self._timer.isActive():
            return
        since = None if self._last is None else (self._clock() - self._last) * 1000
        self._timer.start(0 if since is None else max(0, round(EVERY_MS - since)))

    def redraw(self) -> None:
        self._last = self._clock()
        size = self.display.size()
        if size.width() <= 0 or size.height() <= 0 or not self.isVisible():
            return
        scale = min(self.width() / size.width(), self.height() / size.height())
        width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("#000000"))
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.scale(width / size.width(), height / size.height())
            self.display.render(painter, QPoint())
            painter.scale(size.width() / width, size.height() / height)
            painter.setPen(QColor("#6b6b6b"))  # an edge, so a white screen reads as a screen
            painter.drawRect(0, 0, width - 1, height - 1)
        finally:
            painter.end()
        self.setPixmap(pixmap)
        self.redraws += 1

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.schedule()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.schedule()
