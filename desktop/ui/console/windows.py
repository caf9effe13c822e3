"""The windows and dialogs the console opens beside itself: Room Wi-Fi, the capture window,
the editor, the handout, the dot vote, the themes board, settings, the guide, the welcome
screen, the shortcut sheet and the diagnostics. Mixed into the console window, which gives
them the services.

Each is imported when first opened, not with the console: their widgets (and the Python enums
PySide makes for every Qt class) would otherwise load before the console's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from desktop.ui.console.files import OPEN_FIRST
from desktop.ui.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from desktop.ui.capture import CaptureWindow
    from desktop.ui.console.thumbnail import RoomThumbnail
    from desktop.ui.console.window import ConsoleWindow
    from desktop.ui.dialogs.welcome import WelcomeScreen
    from desktop.ui.display import RoomDisplay
    from desktop.ui.editor import EditorWindow
    from desktop.ui.room import Room
    from desktop.ui.sound import Chimes
    from desktop.ui.themes import ThemesWindow
    from desktop.ui.vote_panel import VotePanel
    from desktop.ui.votes import VoteKeeper
    from desktop.ui.wifi import RoomWifi, WifiDialog

    _Window = QMainWindow
else:
    _Window = object


def bring_up(window: QWidget) -> None:
    """Show a window in front, with the keyboard's focus."""
    window.show()
    window.raise_()
    window.activateWindow()


class OtherWindows(_Window):
    """Opening the console's companion windows, each made once and brought up again."""

    room: Room
    settings: QSettings
    chimes: Chimes
    display: RoomDisplay
    wifi: RoomWifi
    votes: VoteKeeper
    thumbnail: RoomThumbnail
    actions_by_name: dict[str, QAction]
    dark_action: QAction
    flash_action: QAction
    capture_window: CaptureWindow | None
    wifi_dialog: WifiDialog | None
    themes_window: ThemesWindow | None
    vote_panel: VotePanel | None
    editor: EditorWindow | None

    if TYPE_CHECKING:  # given by the window and ScreenChoice

        def save_as(self) -> bool: ...
        def _place_display(self, *, full: bool) -> None: ...

    def on_room_wifi(self) -> None:
        if self.wifi_dialog is None:
            from desktop.ui.wifi import WifiDialog

            self.wifi_dialog = WifiDialog(self.wifi, self)
        bring_up(self.wifi_dialog)

    def on_vote(self) -> None:
        """Room display ▸ Dot vote and feedback… (Ctrl+Shift+V)."""
        if self.vote_panel is None:
            from desktop.ui.vote_panel import VotePanel

            self.vote_panel = VotePanel(self.votes, self)
        bring_up(self.vote_panel)

    def on_capture_window(self) -> None:
        if self.capture_window is None:
            from desktop.ui.capture import CaptureWindow

            self.capture_window = CaptureWindow(self.room, wifi=self.wifi, save_as=self.save_as)
        bring_up(self.capture_window)

    def on_mute(self) -> None:
        self.chimes.muted = not self.chimes.muted
        Preferences(self.settings).chimes = not self.chimes.muted
        self.actions_by_name["mute"].setChecked(self.chimes.muted)
        self.statusBar().showMessage("Chimes off." if self.chimes.muted else "Chimes on.", 4000)

    def on_shortcuts(self) -> None:
        from desktop.ui.console.sheet import ShortcutSheet

        self.sheet = ShortcutSheet(self)
        self.sheet.show()

    def on_guide(self) -> None:
        """The offline guide "Running your first session", beside the console."""
        from desktop.ui.dialogs.guide import GuideWindow

        self.guide = GuideWindow(self)
        bring_up(self.guide)

    def on_welcome(self) -> WelcomeScreen:
        """The welcome screen: the demo, a template, a file or a recent file."""
        from desktop.ui.dialogs.welcome import WelcomeScreen

        self.welcome = WelcomeScreen(cast("ConsoleWindow", self), Preferences(self.settings))
        self.welcome.open()
        return self.welcome

    def on_diagnostics(self) -> None:
        """Versions and the log's last lines, without personal data, onto the clipboard."""
        from desktop.logs import TAIL_LINES, diagnostics

        text = diagnostics()
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(text)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Copy diagnostics")
        box.setText("The diagnostics are on the clipboard: paste them into your e-mail.")
        box.setInformativeText(
            f"The app's versions and the last {TAIL_LINES} lines of its log, with no e-mail "
            "addresses, event names or notes. Show Details to see exactly what was copied."
        )
        box.setDetailedText(text)
        self.diagnostics_box = box
        box.open()
        self.statusBar().showMessage("Diagnostics copied to the clipboard.", 6000)

    def on_settings(self) -> None:
        """The Settings dialog; OK applies what it changed at once."""
        from desktop.ui.dialogs.settings import SettingsDialog

        self.settings_dialog = SettingsDialog(Preferences(self.settings), self)
        self.settings_dialog.accepted.connect(self._settings_changed)
        self.settings_dialog.open()

    def _settings_changed(self) -> None:
        prefs = Preferences(self.settings)
        self.dark_action.setChecked(prefs.theme == "dark")
        if self.display.theme != prefs.theme:
            self.display.set_theme(prefs.theme)
            self.thumbnail.schedule()
        self.flash_action.setChecked(prefs.flash)
        self.chimes.muted = not prefs.chimes
        self.actions_by_name["mute"].setChecked(self.chimes.muted)
        if self.display.isVisible():
            self._place_display(full=self.display.isFullScreen())
        self.statusBar().showMessage("Settings saved.", 4000)

    def open_editor(self) -> None:
        """The editor: details and agenda, undoable, saved as they change."""
        if self.room.session is None:
            self.statusBar().showMessage(OPEN_FIRST, 4000)
            return
        if self.editor is None:
            from desktop.ui.editor import EditorWindow  # numpy (the planner) loads with it

            self.editor = EditorWindow(self.room)
            plan = self.room.session.event.tables
            if not (plan.size or plan.tables):  # no plan yet: start on Settings' table size
                self.editor.tables_tab.count.setValue(Preferences(self.settings).table_size)
        bring_up(self.editor)

    def open_handout(self) -> None:
        """The Handout dialog: the pack, the agenda or the timing report."""
        session = self.room.session
        if session is None:
            self.statusBar().showMessage(OPEN_FIRST, 4000)
            return
        from desktop.ui.dialogs.handout import HandoutDialog  # reportlab loads when printing

        self.handout = HandoutDialog(session.event, [dict(e) for e in session.log], self)
        paper = self.handout.paper
        paper.setCurrentIndex(max(0, paper.findData(Preferences(self.settings).paper)))
        self.handout.open()

    def add_segment(self) -> None:
        """The empty agenda's button: the editor on its Agenda tab, with a first segment."""
        self.open_editor()
        if self.editor is not None:
            self.editor.tabs.setCurrentIndex(1)
            self.editor.add_segment()

    def on_themes_board(self) -> None:
        if self.themes_window is None:
            from desktop.ui.themes import ThemesWindow

            self.themes_window = ThemesWindow(self.room)
        bring_up(self.themes_window)
