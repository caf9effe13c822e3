"""The room display's sizes: every size is a share of the window, so the screen reads the same
from 800×600 to 4K; text that must stay on one line (or in the column beside the tables)
shrinks to fit its room, never below 10 px."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

CLOCK_SHARE = 0.27  # of the window height, for the countdown digits
SIDE_SHARE = 0.22  # of the width: the segment and the clock, beside the tables
SMALLEST = 10  # pixels: no text on the room display is smaller


def unit(width: int, height: int) -> float:
    """One hundredth of the usable height: the window's, or less on a tall narrow window."""
    return min(max(height, 200), max(width, 200) * 0.75) / 100


def set_share(shown: QLabel, one: float, share: float, *, bold: bool) -> None:
    """Set `shown`'s text `share` units high (`one` pixels a unit)."""
    font = QFont(shown.font())
    font.setPixelSize(max(SMALLEST, round(one * share)))
    font.setBold(bold)
    shown.setFont(font)


def fit_width(font: QFont, wide: float, room: float) -> None:
    """Shrink `font` so that text `wide` pixels at its size fits `room` pixels."""
    if wide > room:
        font.setPixelSize(max(SMALLEST, int(font.pixelSize() * room / wide)))
