"""What the GUI tests share: a console on a fake clock, and keys pressed as a person would."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import build_console
from desktop.ui.console import ConsoleWindow
from tests.helpers import FakeClock


def make_console(qtbot: QtBot, clock: FakeClock, settings: QSettings) -> ConsoleWindow:
    """The console as the app builds it (desktop.app.build_console), on a fake clock."""
    console = build_console(settings=settings, clock=clock)
    qtbot.addWidget(console)
    qtbot.addWidget(console.display)
    console.show()
    qtbot.waitExposed(console)
    console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
    return console


def press(console: ConsoleWindow, key: str) -> None:
    """Press a key as the facilitator would, into whatever has focus in the console."""
    target = QApplication.focusWidget() or console
    combo = QKeySequence(key)[0]
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def type_text(widget: object, text: str) -> None:
    """Type as a person would, one key at a time (non-ASCII too, which keyClicks can't)."""
    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )


def dark_palette() -> QPalette:
    """A system in dark mode, as Qt gets it from Windows or macOS (offscreen has none): dark
    boxes, light text, and Qt's placeholder, the text colour at half opacity."""
    palette = QPalette(QColor("#3c3c3c"), QColor("#2b2b2b"))  # button, window; Qt derives more
    role = QPalette.ColorRole
    for name, colour in (
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#262626"),
        (role.Text, "#f0f0f0"),
        (role.WindowText, "#f0f0f0"),
        (role.ButtonText, "#f0f0f0"),
        (role.Highlight, "#2f65ca"),
        (role.HighlightedText, "#ffffff"),
        (role.ToolTipBase, "#3c3c3c"),
        (role.ToolTipText, "#f0f0f0"),
    ):
        palette.setColor(name, QColor(colour))
    placeholder = QColor("#f0f0f0")
    placeholder.setAlpha(128)
    palette.setColor(role.PlaceholderText, placeholder)
    return palette
