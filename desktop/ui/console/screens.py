"""Which screen the room display goes on: the one chosen (Settings, or Room display ▸ Screen),
else one that isn't the console's, so the projector gets the room and the laptop the console."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow

from desktop.ui.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMenu

    from desktop.ui.display import RoomDisplay

    _Window = QMainWindow
else:
    _Window = object


def display_screen(wanted: str, mine: QScreen | None) -> QScreen | None:
    """The screen called `wanted`, else the first that isn't `mine` (the console's), else mine."""
    screens = QGuiApplication.screens()
    for screen in screens:
        if screen.name() == wanted:
            return screen
    return next((s for s in screens if s is not mine), mine)


class ScreenChoice(_Window):
    """The Screen menu and the placing of the room display, mixed into the console window."""

    settings: QSettings
    display: RoomDisplay
    screen_menu: QMenu

    def _display_screen(self) -> QScreen:
        chosen = display_screen(Preferences(self.settings).screen, self.screen())
        return chosen if chosen is not None else self.screen()

    def _place_display(self, *, full: bool) -> None:
        self.display.place_on(self._display_screen(), full=full)

    def _fill_screen_menu(self) -> None:
        self.screen_menu.clear()
        current = self._display_screen()
        for screen in QGuiApplication.screens():
            size = screen.geometry().size()
            action = QAction(f"{screen.name()} ({size.width()}×{size.height()})", self)
            action.setCheckable(True)
            action.setChecked(screen is current)
            action.triggered.connect(lambda _=False, s=screen: self.choose_screen(s.name()))
            self.screen_menu.addAction(action)

    def choose_screen(self, name: str) -> None:
        """Put the room display full screen on the screen called `name`, and remember it."""
        Preferences(self.settings).screen = name
        self._place_display(full=True)
        self._display_moved()

    def _display_moved(self) -> None:
        """The console's own readout of the display follows (the window overrides this)."""
