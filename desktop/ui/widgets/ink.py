"""Placeholder text people can read: at least 4.5:1 against its box (WCAG 1.4.3), light or dark.

Qt draws a placeholder in the text colour at half opacity, 4.0:1 on a white box and less on
some dark ones. Here the placeholder is the text colour mixed into the box colour only as far
as that contrast allows, worked out again whenever the palette changes (a system switching to
dark mode), so it stays lighter than what was typed and still readable.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from desktop.core.room_face import contrast

MINIMUM = 4.5  # WCAG 1.4.3, normal text
AIM = MINIMUM + 0.1  # a little over, so rounding in a colour picker never takes it under


def seen(colour: QColor, under: QColor) -> QColor:
    """`colour` as it shows over `under` (a placeholder's alpha blended in)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + under.redF() * (1 - alpha),
        colour.greenF() * alpha + under.greenF() * (1 - alpha),
        colour.blueF() * alpha + under.blueF() * (1 - alpha),
    )


def ratio(colour: QColor, under: QColor) -> float:
    """The contrast of `colour` (alpha blended) against the opaque `under`."""
    return contrast(seen(colour, under).name(), under.name())


def readable_placeholder(palette: QPalette) -> QColor:
    """The faintest mix of the palette's Text into its Base that reaches AIM against Base."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    for step in range(21):
        colour = QColor(text)
        colour.setAlphaF(0.5 + step * 0.025)
        if ratio(colour, base) >= AIM:
            return seen(colour, base)
    return QColor(text)


class ReadablePlaceholders(QObject):
    """Keeps the placeholders in `widget` and its children readable as the palette changes."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        widget.installEventFilter(self)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if watched is self.widget and event.type() in kinds:
            self.apply()
        return False

    def apply(self) -> None:
        palette = self.widget.palette()
        colour = readable_placeholder(palette)
        if palette.color(QPalette.ColorRole.PlaceholderText) != colour:  # else: no loop
            palette.setColor(QPalette.ColorRole.PlaceholderText, colour)
            self.widget.setPalette(palette)
