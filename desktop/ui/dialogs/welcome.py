"""The welcome screen: the first thing a new user sees, and what comes up when no file is open.

Four ways in: the demo event, a new event from a template, an event file, a recent file. It
drives the console it is given (`open_path`, `choose_file`, `recent_files`), so whatever it
opens is opened exactly as File ▸ Open would; making a new file is the store's job.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.core.model import Event
from desktop.core.timetable import format_duration
from desktop.store.errors import StoreError
from desktop.store.eventfile import EventFile
from desktop.store.templates import blank_event, demo_event_with_plan, list_templates, load_template
from desktop.ui.dialogs.guide import GuideWindow
from desktop.ui.preferences import Preferences

if TYPE_CHECKING:
    from desktop.ui.console import ConsoleWindow

BLANK = ""  # the template list's item for a blank event


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color:#4a4a4a;")
    return label


class WelcomeScreen(QDialog):
    """Demo, template, file or recent file; it closes once an event is open."""

    def __init__(self, console: ConsoleWindow, preferences: Preferences | None = None) -> None:
        super().__init__(console)
        self.console = console
        self.preferences = preferences or Preferences(console.settings)
        self.setWindowTitle("Welcome — In the Room")
        self.setAccessibleName("Welcome to In the Room")

        title = QLabel("Welcome to In the Room")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName("Welcome to In the Room")
        intro = _caption(
            "Run a timed agenda from this laptop, put a room display on the projector, take "
            "down what each table shares, and print the pack afterwards. No internet needed."
        )

        # ---- start here
        self.demo_button = QPushButton("▶  Try the &demo event")
        self.demo_button.setAccessibleName("Open the demo event")
        self.demo_button.setAccessibleDescription(
            "A community event with a roster, notes and a table plan, ready to run"
        )
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button = QPushButton("&Open an event file…")
        self.open_button.setAccessibleName("Open an event file")
        self.open_button.clicked.connect(self.open_file)
        self.guide_button = QPushButton("Read the &guide: running your first session")
        self.guide_button.setAccessibleName("Open the guide: running your first session")
        self.guide_button.clicked.connect(self.open_guide)
        for button in (self.demo_button, self.open_button, self.guide_button):
            button.setMinimumHeight(40)
        start = QGroupBox("Start here")
        start_layout = QVBoxLayout(start)
        start_layout.addWidget(self.demo_button)
        start_layout.addWidget(
            _caption("A community event with a roster, notes and a table plan: try every key.")
        )
        start_layout.addWidget(self.open_button)
        start_layout.addWidget(_caption("An event file (NAME.room) you made or were sent."))
        start_layout.addWidget(self.guide_button)
        start_layout.addStretch(1)

        # ---- new from a template
        self.templates = QListWidget()
        self.templates.setAccessibleName("Templates for a new event")
        self.templates.setAccessibleDescription("Pick one and press Enter to make a new event")
        self.templates.setWordWrap(True)
        self.templates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.templates.setSpacing(2)
        blank = QListWidgetItem("Blank event\nNothing but a title: build it in the editor")
        blank.setData(Qt.ItemDataRole.UserRole, BLANK)
        self.templates.addItem(blank)
        try:
            shipped = list_templates()
        except StoreError:
            shipped = []
        for template in shipped:
            item = QListWidgetItem(
                f"{template.title}\n{template.segments} segments · "
                f"{format_duration(template.minutes)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, template.name)
            item.setToolTip(f"Template: {template.name}")
            self.templates.addItem(item)
        self.templates.setCurrentRow(1 if shipped else 0)
        self.templates.itemActivated.connect(lambda _item: self.new_event())
        templates_label = QLabel("&Templates:")
        templates_label.setBuddy(self.templates)
        self.new_button = QPushButton("&New event from this template…")
        self.new_button.setAccessibleName("New event from the chosen template")
        self.new_button.clicked.connect(self.new_event)
        new = QGroupBox("New event")
        new_layout = QVBoxLayout(new)
        new_layout.addWidget(templates_label)
        new_layout.addWidget(self.templates, 1)
        new_layout.addWidget(self.new_button)

        # ---- recent files
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent event files")
        self.recent.setAccessibleDescription("Pick one and press Enter to open it")
        self.recent.itemActivated.connect(lambda _item: self.open_recent())
        recent_label = QLabel("Re&cent files:")
        recent_label.setBuddy(self.recent)
        self.recent_button = QPushButton("Open &recent file")
        self.recent_button.setAccessibleName("Open the chosen recent file")
        self.recent_button.clicked.connect(self.open_recent)
        self.no_recent = _caption("None yet: the files you open will be listed here.")
        self.no_recent.setAccessibleName("No recent files")
        recent = QGroupBox("Recent")
        recent_layout = QVBoxLayout(recent)
        recent_layout.addWidget(recent_label)
        recent_layout.addWidget(self.recent)
        recent_layout.addWidget(self.no_recent)
        recent_layout.addWidget(self.recent_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.fill_recent()

        # ---- foot
        self.problem = QLabel("")
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(
            "background:#fde7e9; color:#5c0011; border:1px solid #a4262c; padding:6px;"
        )
        self.problem.hide()
        self.show_at_start = QCheckBox("&Show this at start")
        self.show_at_start.setAccessibleName("Show the welcome screen at start")
        self.show_at_start.setChecked(self.preferences.show_welcome)
        self.show_at_start.toggled.connect(self._show_at_start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the welcome screen")

        grid = QGridLayout()
        grid.addWidget(start, 0, 0)
        grid.addWidget(new, 0, 1)
        grid.addWidget(recent, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(self.problem)
        foot = QHBoxLayout()
        foot.addWidget(self.show_at_start)
        foot.addWidget(buttons, 1)
        layout.addLayout(foot)

        # Buttons here never become the dialog's default: Enter in a list acts on the list only.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.setTabOrder(self.demo_button, self.open_button)
        self.setTabOrder(self.open_button, self.guide_button)
        self.setTabOrder(self.guide_button, self.templates)
        self.setTabOrder(self.templates, self.new_button)
        self.setTabOrder(self.new_button, self.recent)
        self.setTabOrder(self.recent, self.recent_button)
        self.setTabOrder(self.recent_button, self.show_at_start)
        self.setTabOrder(self.show_at_start, close)
        self.resize(860, 620)
        (self.recent if self.recent.count() else self.demo_button).setFocus()

    # ------------------------------------------------------------------ contents

    def fill_recent(self) -> None:
        """The console's recent files, newest first; files no longer there are shown, greyed."""
        self.recent.clear()
        for name in self.console.recent_files():
            path = Path(name)
            item = QListWidgetItem(f"{path.name} — {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            if not path.is_file():
                item.setText(f"{path.name} — not found in {path.parent}")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        any_recent = self.recent.count() > 0
        self.recent.setVisible(any_recent)
        self.recent_button.setVisible(any_recent)
        self.no_recent.setVisible(not any_recent)
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.recent.setCurrentRow(row)
                break

    def _show_at_start(self, on: bool) -> None:
        self.preferences.show_welcome = on

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _opened(self, ok: bool) -> bool:
        """Close when the console has the event open; otherwise say why it didn't open."""
        if ok:
            self.accept()
        elif self.console.banner.isVisible():
            self._say(self.console.banner.text())
        return ok

    # ------------------------------------------------------------------ actions

    def open_demo(self) -> bool:
        """The demo event (made on first use where Settings says the demo lives), opened."""
        path = self.preferences.demo_path()
        if not path.exists():
            try:
                EventFile.create(path, demo_event_with_plan()).close()
            except StoreError as exc:
                self._say(str(exc))
                return False
        return self._opened(self.console.open_path(path))

    def open_file(self) -> bool:
        """File ▸ Open, from here."""
        before = self.console.file
        self.console.choose_file()
        after = self.console.file
        return self._opened(after is not None and after is not before)

    def open_recent(self) -> bool:
        item = self.recent.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return False
        return self._opened(self.console.open_path(Path(item.data(Qt.ItemDataRole.UserRole))))

    def new_event(self) -> bool:
        """A new event file from the chosen template (or blank), saved where you say, opened."""
        item = self.templates.currentItem()
        name = str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else BLANK
        suggested = self.preferences.start_folder() / f"{name or 'event'}.room"
        chosen, _ = QFileDialog.getSaveFileName(
            self, "New event", str(suggested), "Event files (*.room)"
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix != ".room":
            path = path.with_suffix(".room")
        try:
            event: Event = (
                load_template(name)
                if name
                else blank_event(path.stem.replace("-", " ").replace("_", " ").strip() or "New")
            )
            EventFile.create(path, event).close()
        except StoreError as exc:
            self._say(str(exc))
            return False
        return self._opened(self.console.open_path(path))

    def open_guide(self) -> GuideWindow:
        """The guide, over the welcome screen (which holds the console's keys while it's up)."""
        self.guide = GuideWindow(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A list acts on Enter itself (itemActivated) and passes the key on; stop it here so it
        # doesn't press a button as well.
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and isinstance(self.focusWidget(), QListWidget):
            event.accept()
            return
        super().keyPressEvent(event)


def welcome_at_start(console: ConsoleWindow) -> WelcomeScreen | None:
    """The welcome screen, shown, when the app starts with no file open and Settings allow it."""
    preferences = Preferences(console.settings)
    if console.file is not None or not preferences.show_welcome:
        return None
    return console.on_welcome()
