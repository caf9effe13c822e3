"""The facilitator console: the window (window.py), its clock readout (clock_panel.py), the
commands that act on the room (clock_commands.py), file actions (files.py), the choice of screen
for the room display (screens.py), the live thumbnail of the room (thumbnail.py) and its two
small dialogs (sheet.py, loaded when first opened)."""

from __future__ import annotations

from desktop.ui.console.clock_panel import private_words
from desktop.ui.console.window import ConsoleWindow

__all__ = ["ConsoleWindow", "private_words"]
