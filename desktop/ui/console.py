"""The facilitator console: the main window. Where we are, time left, what's next, how late.

Every command is a QAction from `commands.COMMANDS` on a menu, a button and a key. The keys are
window shortcuts, so they act only while the console is the active window, and a text field that
has focus takes its own keys first (Qt's shortcut override), so typing never moves the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import document
from desktop.core.clock import (
    ClockView,
    Status,
    countdown,
    drift_words,
    hhmm,
    parse_time_left,
    propose_catch_up,
    state_words,
)
from desktop.core.model import Segment
from desktop.core.notes import groups, table_names
from desktop.core.roster import RosterError
from desktop.core.timetable import fit, format_clock, format_duration, timetable
from desktop.paths import APP_NAME
from desktop.store.atomic import write_atomic
from desktop.store.errors import StoreError, describe_os_error
from desktop.store.eventfile import EventFile
from desktop.store.imports import read_roster
from desktop.store.templates import blank_event, list_templates, load_template
from desktop.ui.capture import CapturePanel, CaptureWindow, save_words
from desktop.ui.commands import COMMANDS, READY_MESSAGES, Command
from desktop.ui.dialogs.guide import GuideWindow
from desktop.ui.dialogs.roster import RosterImportDialog
from desktop.ui.dialogs.settings import Preferences, SettingsDialog
from desktop.ui.dialogs.welcome import WelcomeScreen
from desktop.ui.display import RoomDisplay
from desktop.ui.handoff import HandoffServer
from desktop.ui.palette import LEVELS, PAUSED
from desktop.ui.room import Room
from desktop.ui.sound import Chimes
from desktop.ui.themes import ThemesWindow
from desktop.ui.vote_panel import add_vote_action
from desktop.ui.widgets.banner import Banner
from desktop.ui.wifi import WifiDialog, wifi_of

if TYPE_CHECKING:
    from desktop.ui.editor import EditorWindow

Opener = Callable[[Path], EventFile]
AGENDA_COLUMNS = ("", "Planned", "Actual", "Segment", "Kind", "Min", "Speaker")
STATUS_MARK = {"done": "✓", "now": "▶", "": ""}


def _scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def private_words(segment: Segment) -> str:
    """The facilitator's notes and materials for a segment, as the console shows them."""
    lines = []
    if segment.facilitator_notes:
        lines.append(f"Your notes (not on the display): {segment.facilitator_notes}")
    if segment.materials:
        lines.append("Materials: " + ", ".join(segment.materials))
    return "\n".join(lines)


def _bring_up(window: QWidget) -> None:
    """Show a window in front, with the keyboard's focus."""
    window.show()
    window.raise_()
    window.activateWindow()


class ShortcutSheet(QDialog):
    """Every key the console knows, from the same table the menus are built from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts — In the Room")
        self.setAccessibleName("Keyboard shortcuts")
        table = QTableWidget(len(COMMANDS), 2)
        table.setAccessibleName("Shortcut list")
        table.setHorizontalHeaderLabels(("Keys", "What it does"))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, command in enumerate(COMMANDS):
            keys = " or ".join(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                for k in command.keys
            )
            table.setItem(row, 0, QTableWidgetItem(keys))
            what = command.text.replace("&", "").rstrip("…")
            table.setItem(row, 1, QTableWidgetItem(f"{what} — {command.help}"))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(
            "Keys work while the console is the active window and no text box is being typed in."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.table = table
        self.resize(640, 620)


class ConsoleWindow(QMainWindow):
    """The facilitator's window: the agenda, the clock and every control."""

    def __init__(
        self,
        opener: Opener = EventFile.open,
        *,
        room: Room | None = None,
        settings: QSettings | None = None,
        chimes: Chimes | None = None,
    ) -> None:
        super().__init__()
        self._opener = opener
        self.room = room or Room(parent=self)
        self.settings = settings or QSettings(APP_NAME, APP_NAME)
        self.chimes = chimes or Chimes(self)
        self.chimes.muted = self.settings.value("sound/muted", False, type=bool)
        self._close_refused = False
        self.capture_window: CaptureWindow | None = None
        self.wifi_dialog: WifiDialog | None = None
        self.themes_window: ThemesWindow | None = None
        self.editor: EditorWindow | None = None
        self.handoff = HandoffServer(self)
        self.handoff.requested.connect(self._handed)
        self.setWindowTitle("In the Room")
        self.setAccessibleName("Facilitator console")
        self.resize(1200, 760)

        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        self._build_actions()
        self._build_body()
        self._build_menus()

        self.display = RoomDisplay(self.room, self.settings)
        self.room.changed.connect(self.render)
        self.room.eventChanged.connect(self.show_event)
        self.room.chime.connect(self.chimes.play)
        self.room.saveFailed.connect(self._save_failed)
        self.room.saveRecovered.connect(self._save_recovered)
        self.room.saveState.connect(self._save_state)
        self.show_event()

    # ====================================================================== building

    def _build_actions(self) -> None:
        for command in COMMANDS:
            action = QAction(command.text, self)
            action.setShortcuts([QKeySequence(k) for k in command.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{command.help} ({command.keys[0]})")
            action.setStatusTip(command.help)
            action.triggered.connect(getattr(self, f"on_{command.name}"))
            self.addAction(action)
            self.actions_by_name[command.name] = action
        self.actions_by_name["mute"].setCheckable(True)
        self.actions_by_name["blank"].setCheckable(True)

    def _button(self, name: str, text: str) -> QPushButton:
        command: Command = next(c for c in COMMANDS if c.name == name)
        key = QKeySequence(command.keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        button = QPushButton(f"{text}\n{key}")
        button.setAccessibleName(command.text.replace("&", "").rstrip("…"))
        button.setToolTip(f"{command.help} — key: {key}")
        button.clicked.connect(self.actions_by_name[name].trigger)
        button.setMinimumHeight(52)
        self.buttons[name] = button
        return button

    def _build_body(self) -> None:
        self.banner = Banner()
        self.title_label = _label("Event title")
        _scaled(self.title_label, 1.6, bold=True)
        self.details_label = _label("Event details")
        self.open_button = QPushButton("&Open an event…")
        self.open_button.setAccessibleName("Open an event file")
        self.open_button.clicked.connect(self.choose_file)

        self.agenda = QTableWidget(0, len(AGENDA_COLUMNS))
        self.agenda.setHorizontalHeaderLabels(AGENDA_COLUMNS)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setAccessibleDescription(
            "Planned and actual start times. Pick a segment and press Enter to jump to it."
        )
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.verticalHeader().hide()
        header = self.agenda.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.agenda.activated.connect(self._jump_to_row)

        # ---- now: the current segment
        self.now_label = _label("Current segment")
        _scaled(self.now_label, 1.5, bold=True)
        self.countdown_label = _label("Time left", wrap=False)
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _scaled(self.countdown_label, 6.0, bold=True)
        self.state_label = _label("Clock state", wrap=False)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _scaled(self.state_label, 1.4, bold=True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress through the segment")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(14)
        self.drift_label = _label("Drift against the plan")
        _scaled(self.drift_label, 1.2, bold=True)
        self.next_label = _label("Next segment")
        self.round_label = _label("Share-back round")
        _scaled(self.round_label, 1.4, bold=True)
        self.round_label.hide()
        self.prompt_label = _label("Prompt for the tables")
        self.prompt_label.setStyleSheet("background:#eef2f6; padding:8px; border-radius:4px;")
        # The current segment's private notes and materials: for the facilitator only, never
        # sent to the room display.
        self.private_label = _label("Facilitator notes and materials (not on the room display)")
        self.private_label.setStyleSheet(
            "background:#fff8e1; color:#1b1b1b; border-left:4px solid #8a6d00; padding:8px;"
        )
        # Long notes take the room above the controls and scroll past it: they never push the
        # clock and the controls off a small screen.
        self.private_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.private_panel = QScrollArea()
        self.private_panel.setAccessibleName(self.private_label.accessibleName())
        self.private_panel.setWidget(self.private_label)
        self.private_panel.setWidgetResizable(True)
        self.private_panel.setFrameShape(QFrame.Shape.NoFrame)
        self.private_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.private_label.fontMetrics().lineSpacing()
        self.private_panel.setMinimumHeight(line)  # not a scroll bar's height: small screens

        controls = QGridLayout()
        row = (
            ("previous", "◀ Previous"),
            ("start_pause", "Start"),
            ("next", "Next ▶"),
        )
        for column, (name, text) in enumerate(row):
            controls.addWidget(self._button(name, text), 0, column * 2, 1, 2)
        time_row = (
            ("take_five", "−5 min"),
            ("take_minute", "−1 min"),
            ("add_minute", "+1 min"),
            ("add_five", "+5 min"),
            ("set_time", "Set…"),
            ("restart", "Restart"),
        )
        for column, (name, text) in enumerate(time_row):
            controls.addWidget(self._button(name, text), 1, column)
        extra_row = (
            ("catch_up", "Catch up…"),
            ("undo", "Undo"),
            ("finish", "Finish"),
            ("show_display", "Display"),
            ("blank", "Blank"),
            ("full_screen", "Full screen"),
        )
        for column, (name, text) in enumerate(extra_row):
            controls.addWidget(self._button(name, text), 2, column)

        self.message_box = QComboBox()
        self.message_box.setEditable(True)
        self.message_box.addItems(("", *READY_MESSAGES))
        self.message_box.setAccessibleName("Message for the room")
        self.message_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.message_box.lineEdit()
        assert line is not None
        line.setPlaceholderText("Message for the room — M, then Enter to show it")
        line.setAccessibleName("Message for the room")
        line.returnPressed.connect(self._send_message)
        send = QPushButton("Show")
        send.setAccessibleName("Show the message on the room display")
        send.clicked.connect(self._send_message)
        clear = self._button("clear_message", "Clear")
        clear.setMinimumHeight(0)
        clear.setText("Clear")
        messages = QHBoxLayout()
        messages.addWidget(self.message_box, stretch=1)
        messages.addWidget(send)
        messages.addWidget(clear)
        self.room_message_label = _label("Message now on the room display")

        now_panel = QWidget()
        now = QVBoxLayout(now_panel)
        now.addWidget(self.now_label)
        now.addWidget(self.countdown_label)
        now.addWidget(self.state_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        now.addWidget(self.progress)
        now.addWidget(self.round_label)
        now.addWidget(self.drift_label)
        now.addWidget(self.next_label)
        now.addWidget(self.prompt_label)
        now.addWidget(self.private_panel, stretch=4)
        now.addStretch(1)
        now.addLayout(controls)
        now.addLayout(messages)
        now.addWidget(self.room_message_label)

        self.capture = CapturePanel(self.room)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.agenda)
        left.addWidget(self.capture)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 3)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(now_panel)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        self.splitter = splitter

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout()
        for widget in (self.banner, self.title_label, self.details_label, rule):
            layout.addWidget(widget)
        layout.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(splitter, stretch=1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.saved_label = QLabel("")
        self.saved_label.setAccessibleName("Save state")
        self.statusBar().addPermanentWidget(self.saved_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        for text, keys, slot in (
            ("&New event…", QKeySequence("Ctrl+Alt+N"), self.new_event),
            ("&Open…", QKeySequence.StandardKey.Open, self.choose_file),
            ("Save &as…", QKeySequence("Ctrl+Shift+S"), self.save_as),
            ("Import event &document…", QKeySequence(), self.import_document),
            ("E&xport event document…", QKeySequence(), self.export_document),
            ("&Edit the event…", QKeySequence("Ctrl+Shift+E"), self.open_editor),
            ("&Handout…", QKeySequence("Ctrl+P"), self.open_handout),
            ("Import &roster (CSV)…", QKeySequence("Ctrl+Shift+I"), self.import_roster),
            ("&Close event", QKeySequence.StandardKey.Close, self.close_event_file),
            ("Se&ttings…", QKeySequence("Ctrl+,"), self.on_settings),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            file_menu.addAction(action)
            if text == "&Open…":
                self.recent_menu = file_menu.addMenu("Open &recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent)
        menus = {
            "Clock": self.menuBar().addMenu("&Clock"),
            "Room": self.menuBar().addMenu("&Room display"),
            "Notes": self.menuBar().addMenu("&Notes"),
            "Help": self.menuBar().addMenu("&Help"),
        }
        for command in COMMANDS:
            menus[command.menu].addAction(self.actions_by_name[command.name])
            if command.name in ("restart", "undo", "message"):
                menus[command.menu].addSeparator()
        room_menu = menus["Room"]
        room_menu.addSeparator()
        self.screen_menu = room_menu.addMenu("&Screen")
        self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
        self.dark_action = QAction("&Dark theme", self, checkable=True)
        self.dark_action.setChecked(self.settings.value("display/theme", "light") == "dark")
        self.dark_action.toggled.connect(
            lambda on: self.display.set_theme("dark" if on else "light")
        )
        room_menu.addAction(self.dark_action)
        self.flash_action = QAction("Slow &flash at time's up", self, checkable=True)
        self.flash_action.setChecked(self.settings.value("display/flash", True, type=bool))
        self.flash_action.toggled.connect(lambda on: self.display.set_flash(on))
        room_menu.addAction(self.flash_action)
        add_vote_action(self, room_menu, self.room)  # dot-votes and feedback: ui/vote_panel.py
        self.actions_by_name["mute"].setChecked(self.chimes.muted)

    # ====================================================================== files

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open an event", str(self._start_folder()), "Event files (*.room)"
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path | str) -> bool:
        """Open an event file in this window; a problem is shown, never raised."""
        path = Path(path)
        try:
            file = self._opener(path)
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        if not self.close_event_file():
            file.close(save=False)
            return False
        notices = file.notices()  # recovered, kept from a crash, brought up to date, read-only
        if notices:
            kind = "warning" if any(k == "warning" for k, _ in notices) else "info"
            self.banner.say(kind, "\n".join(text for _, text in notices), about="open")
        else:
            self.banner.hide()
        self.room.load_file(file)
        self.handoff.listen(path)
        self._remember(path)
        self.statusBar().showMessage(f"Opened {path}")
        return True

    @property
    def file(self) -> EventFile | None:
        return self.room.file

    def close_event_file(self) -> bool:
        """Save and give back the open file; False (and the reason shown) if it can't be saved."""
        file = self.room.file
        if file is None:
            return True
        try:
            file.close()
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        self.room.unload()
        self.handoff.close()
        return True

    def _save_failed(self, reason: str) -> None:
        self.banner.say(
            "error",
            f"{reason} Everything is kept in memory and saving is tried again; notes marked ✖ "
            "are not on disk. To keep working safely, save to another folder or USB stick.",
            about="save",
            action=("Save &as…", self.save_as),
        )
        self.saved_label.setText("✖ Not saved — retrying")

    def _save_recovered(self) -> None:
        self.banner.clear_about("save")
        self.saved_label.setText(save_words(True))

    def _save_state(self, saved: bool) -> None:
        self.saved_label.setText(save_words(saved))

    # ====================================================================== rendering

    def show_event(self) -> None:
        event = self.room.current_event
        if event is None:
            self.title_label.setText("No event open")
            self.details_label.setText(
                "Open an event file (File ▸ Open, Ctrl+O), or try the demo: intheroom demo"
            )
            self.setWindowTitle("In the Room")
            self.splitter.hide()
            self.open_button.show()
            self.saved_label.setText("")
            return
        self.title_label.setText(event.title)
        self.setWindowTitle(f"{event.title} — In the Room")
        slots = timetable(event)
        facts = [event.theme, event.date, event.venue]
        if slots and slots[0].start is not None and slots[-1].end is not None:
            facts.append(f"{format_clock(slots[0].start)}–{format_clock(slots[-1].end)}")
        facts.append(f"{len(event.participants)} participants · {len(event.notes)} notes")
        details = " · ".join(f for f in facts if f)
        if words := fit(event):
            details += f"\nAgenda: {format_duration(event.planned_minutes)}, {words}"
        self.details_label.setText(details)
        self.agenda.setRowCount(len(slots))
        for row, slot in enumerate(slots):
            seg = slot.segment
            who = event.contributor(seg.contributor) if seg.contributor else None
            cells = (
                "",
                format_clock(slot.start) if slot.start is not None else "",
                "",
                seg.title,
                seg.kind.value.replace("_", " "),
                str(seg.minutes),
                who.name if who else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.agenda.setItem(row, column, item)
        self.open_button.hide()
        self.splitter.show()
        self.saved_label.setText("✓ Saved" if self.room.file and not self.room.unsaved else "")
        self.render()

    def render(self) -> None:
        view = self.room.view()
        event = self.room.current_event
        if view is None or event is None:
            return
        self._render_agenda(view)
        segment = view.segment
        self.now_label.setText(
            f"{view.index + 1 if view.index is not None else 1}. {segment.title}"
            if segment
            else "Nothing on the agenda"
        )
        self.countdown_label.setText(countdown(view))
        words = state_words(view)
        background, ink, mark = PAUSED if view.status is Status.PAUSED else LEVELS[view.level]
        if view.status in (Status.NOT_STARTED, Status.FINISHED):
            background, ink, mark = "#e6e6e6", "#111111", ""
        self.state_label.setText(f"{mark}{words}")
        self.state_label.setStyleSheet(
            f"background:{background}; color:{ink}; padding:4px 14px; border-radius:10px;"
        )
        self.progress.setValue(round(view.progress * 1000) if view.index is not None else 0)
        self.drift_label.setText(drift_words(view))
        nxt = view.next_segment
        if view.status is Status.NOT_STARTED:
            nxt = segment
        self.next_label.setText(
            f"{'First' if view.status is Status.NOT_STARTED else 'Next'}: {nxt.title} · "
            f"{nxt.minutes} min"
            if nxt
            else "Next: the end"
        )
        prompt = segment.prompt if segment else ""
        self.prompt_label.setText(f"For the tables: {prompt}" if prompt else "")
        self.prompt_label.setVisible(bool(prompt))
        private = private_words(segment) if segment else ""
        if self.private_label.text() != private:
            self.private_label.setText(private)
        self.private_panel.setVisible(bool(private))
        start = self.buttons["start_pause"]
        start.setText(
            {Status.NOT_STARTED: "Start", Status.PAUSED: "Resume"}.get(view.status, "Pause")
            + "\nSpace"
        )
        start.setAccessibleName(start.text().split("\n")[0])
        self.actions_by_name["blank"].setChecked(view.blank)
        self.buttons["blank"].setText(("Unblank" if view.blank else "Blank") + "\nB")
        self.round_label.setText(view.round.words(view.now) if view.round else "")
        self.round_label.setVisible(view.round is not None)
        shown = "Room display: " + ("blank (holding screen)" if view.blank else "showing the clock")
        if view.message:
            shown += f" · message: “{view.message}”"
        self.room_message_label.setText(
            shown if self.display.isVisible() else "Room display: closed (D opens it)"
        )

    def _render_agenda(self, view: ClockView) -> None:
        bold = QFont(self.agenda.font())
        bold.setBold(True)
        plain = QFont(self.agenda.font())
        for row, actual in enumerate(view.actuals):
            if row >= self.agenda.rowCount():
                break
            if view.index == row and view.status is not Status.FINISHED:
                mark = "now"
            elif actual.started is not None and actual.ended is not None:
                mark = "done"
            else:
                mark = ""
            took = f" · {round(actual.elapsed / 60_000)} min" if mark == "done" else ""
            cells = {
                0: STATUS_MARK[mark],
                2: hhmm(actual.started) + took if actual.started is not None else "",
                5: str(actual.minutes),
            }
            for column, text in cells.items():
                item = self.agenda.item(row, column)
                if item is not None and item.text() != text:
                    item.setText(text)
            for column in range(self.agenda.columnCount()):
                item = self.agenda.item(row, column)
                if item is not None:
                    item.setFont(bold if mark == "now" else plain)

    # ====================================================================== commands

    def _act(self, action: str, **fields: object) -> None:
        if not self.room.act(action, **fields):
            self.statusBar().showMessage("Open an event first (Ctrl+O).", 4000)

    def on_start_pause(self) -> None:
        view = self.room.view()
        if view is None:
            self._act("start")
        elif view.status in (Status.RUNNING, Status.OVERTIME):
            self._act("pause")
        elif view.status is Status.PAUSED:
            self._act("resume")
        else:
            self._act("start")

    def on_next(self) -> None:
        self._act("next")

    def on_previous(self) -> None:
        self._act("previous")

    def on_add_minute(self) -> None:
        self._act("adjust", seconds=60)

    def on_take_minute(self) -> None:
        self._act("adjust", seconds=-60)

    def on_add_five(self) -> None:
        self._act("adjust", seconds=300)

    def on_take_five(self) -> None:
        self._act("adjust", seconds=-300)

    def on_set_time(self) -> None:
        text, ok = QInputDialog.getText(
            self, "Set time left", "Time left (minutes, or minutes:seconds):"
        )
        if not ok:
            return
        seconds = parse_time_left(text)
        if seconds is None:
            self.statusBar().showMessage(
                f"“{text}” isn't a time: type minutes (5) or minutes:seconds (4:30).", 6000
            )
            return
        self._act("set", seconds=seconds)

    def on_restart(self) -> None:
        self._act("restart")

    def on_jump(self) -> None:
        self.agenda.setFocus()
        view = self.room.view()
        if view is not None and self.agenda.rowCount():
            self.agenda.selectRow(view.index or 0)
        self.statusBar().showMessage("Pick a segment with ↑ ↓ and press Enter to jump to it.", 6000)

    def _jump_to_row(self, index: QModelIndex) -> None:
        self._act("jump", to=index.row())

    def on_catch_up(self) -> None:
        view = self.room.view()
        proposal = propose_catch_up(view) if view else None
        if proposal is None:
            self.statusBar().showMessage("On time: there is nothing to catch up.", 6000)
            return
        if not proposal.changes:
            QMessageBox.information(
                self,
                "Catch up",
                f"Running {proposal.late_by} min late, and everything still to come is already "
                "at its shortest. Cut a segment, or tell the room.",
            )
            return
        box = QMessageBox(self)
        box.setWindowTitle("Catch up")
        box.setText(f"To finish on time, save {proposal.saves} min like this:")
        box.setInformativeText("\n".join(proposal.describe()))
        box.setStandardButtons(QMessageBox.StandardButton.Apply | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Apply)
        self.catch_up_box = box
        if box.exec() == QMessageBox.StandardButton.Apply:
            self._act("plan", minutes=proposal.minutes)
            self.statusBar().showMessage("Caught up. Ctrl+Z puts the old timings back.", 6000)

    def on_finish(self) -> None:
        self._act("finish")

    def on_undo(self) -> None:
        """In the notes, undo a delete; anywhere else, the last clock action."""
        focus = QApplication.focusWidget()
        if focus is not None and self.capture.isAncestorOf(focus) and self.capture.undo():
            return
        session = self.room.session
        if session is not None and not session.can_undo():
            self.statusBar().showMessage("Nothing to undo.", 4000)
            return
        self._act("undo")

    def on_spotlight(self) -> None:
        self._spotlight("note")

    def on_spotlight_theme(self) -> None:
        self._spotlight("theme")

    def _spotlight(self, what: str) -> None:
        """Put the selected note (or its theme) on the room display; again takes it off."""
        view = self.room.view()
        note = self.capture.selected_note()
        if note is None or (what == "theme" and not note.theme):
            if view is not None and view.spotlight is not None:
                self._act("spotlight")
                return
            self.statusBar().showMessage(
                "Pick a note in the notes list first"
                + (" (one with a theme)." if what == "theme" else "."),
                6000,
            )
            return
        key = note.id if what == "note" else note.theme
        if view is not None and view.spotlight == (what, key):
            self._act("spotlight")
            return
        self._act("spotlight", **{what: key})
        self.statusBar().showMessage("On the room display. Press L again to take it off.", 6000)

    def ask_round(self) -> tuple[int, int] | None:
        """How many tables and how many seconds each (None: cancelled)."""
        event = self.room.current_event
        used = len([g for g in groups(event) if g.startswith("Table ")]) if event else 12
        dialog = QDialog(self)
        dialog.setWindowTitle("Share-back round")
        tables = QSpinBox()
        tables.setRange(1, 99)
        tables.setValue(used)
        tables.setAccessibleName("Number of tables")
        seconds = QSpinBox()
        seconds.setRange(10, 600)
        seconds.setSingleStep(15)
        seconds.setValue(60)
        seconds.setSuffix(" s")
        seconds.setAccessibleName("Seconds for each table")
        form = QFormLayout(dialog)
        form.addRow("&Tables:", tables)
        form.addRow("&Time for each:", seconds)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return tables.value(), seconds.value()

    def on_round(self) -> None:
        view = self.room.view()
        if view is None:
            self._act("round", tables=[], seconds=60)
            return
        if view.round is not None:
            self._act("round", tables=[], seconds=view.round.seconds)
            self.statusBar().showMessage("Share-back round ended.", 4000)
            return
        asked = self.ask_round()
        if asked is not None:
            count, seconds = asked
            self._act("round", tables=table_names(count), seconds=seconds)
            self.statusBar().showMessage(
                "Round started: ] next table, [ back, K skip (it comes round again), G ends.", 8000
            )

    def _turn(self, step: str) -> None:
        view = self.room.view()
        if view is None or view.round is None:
            self.statusBar().showMessage("Start a share-back round first (G).", 4000)
            return
        self._act("turn", step=step)

    def on_round_next(self) -> None:
        self._turn("next")

    def on_round_back(self) -> None:
        self._turn("back")

    def on_round_skip(self) -> None:
        self._turn("skip")

    def on_themes_board(self) -> None:
        if self.themes_window is None:
            self.themes_window = ThemesWindow(self.room)
        _bring_up(self.themes_window)

    # ---------------------------------------------------------------- file menu

    RECENT = 8

    def recent_files(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        names = [value] if isinstance(value, str) else list(value or [])
        return [str(n) for n in names if n]

    def _remember(self, path: Path) -> None:
        name = str(path.resolve())
        names = [name, *(n for n in self.recent_files() if n != name)][: self.RECENT]
        self.settings.setValue("files/recent", names)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        names = self.recent_files()
        if not names:
            self.recent_menu.addAction("(none yet)").setEnabled(False)
        for number, name in enumerate(names, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name} — {name}")
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))

    def _ask_save(self, title: str, suggested: str, kinds: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, title, str(self._start_folder() / suggested), kinds
        )
        return Path(name) if name else None

    def _ask_room(self, title: str, suggested: str) -> Path | None:
        path = self._ask_save(title, suggested, "Event files (*.room)")
        if path is None:
            return None
        return path if path.suffix == ".room" else path.with_suffix(".room")

    def _make_and_open(self, path: Path, make: Callable[[], object]) -> bool:
        """Make an event file with `make`, then open it here; a problem is said, not raised."""
        try:
            make()
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        return self.open_path(path)

    def new_event(self) -> bool:
        """A new event file, blank or from a template, then open it."""
        templates = list_templates()
        choices = ["Blank event", *(f"{t.title} ({t.name})" for t in templates)]
        choice, ok = QInputDialog.getItem(self, "New event", "Start from:", choices, 0, False)
        if not ok:
            return False
        path = self._ask_room("New event", "event.room")
        if path is None:
            return False
        index = choices.index(choice)
        event = (
            blank_event(path.stem.replace("-", " ").replace("_", " ").strip() or "New event")
            if index == 0
            else load_template(templates[index - 1].name)
        )
        return self._make_and_open(path, lambda: EventFile.create(path, event).close())

    def save_as(self) -> bool:
        """Copy the open event (with its run log) to a new file and carry on there.

        Works when the file's own drive fails: the copy is made from memory, and the old file is
        then given back without saving.
        """
        file = self.room.file
        if file is None:
            self.statusBar().showMessage("Open an event first (Ctrl+O).", 4000)
            return False
        path = self._ask_room("Save the event as", file.path.name)
        if path is None:
            return False
        try:
            self.room.move_to(path)
        except StoreError as exc:
            self.banner.say("error", str(exc), about="save", action=("Save &as…", self.save_as))
            return False
        self.handoff.close()
        self.handoff.listen(path)
        self._remember(path)
        self.banner.clear_about("save")
        self.statusBar().showMessage(f"Now saving to {path}")
        return True

    def export_document(self) -> bool:
        """The event as an event document (JSON), e.g. for a colleague or a template."""
        event = self.room.current_event
        if event is None:
            self.statusBar().showMessage("Open an event first (Ctrl+O).", 4000)
            return False
        path = self._ask_save("Export the event document", "event.json", "JSON (*.json)")
        if path is None:
            return False
        try:
            write_atomic(path, document.encode(event))
        except OSError as exc:
            self.banner.say("error", f"Could not write {path.name}: {describe_os_error(exc)}.")
            return False
        self.statusBar().showMessage(f"Exported {path}.", 6000)
        return True

    def import_document(self) -> bool:
        """An event document (JSON) becomes a new event file beside it, opened here."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Import an event document", str(self._start_folder()), "JSON (*.json)"
        )
        if not name:
            return False
        source = Path(name)
        try:
            event = document.decode(source.read_bytes())
        except OSError as exc:
            self.banner.say("error", f"Could not read {source.name}: {describe_os_error(exc)}.")
            return False
        except document.DocumentError as exc:
            self.banner.say("error", f"{source.name} was refused — nothing was made:\n{exc}")
            return False
        path = source.with_suffix(".room")
        return self._make_and_open(path, lambda: EventFile.create(path, event).close())

    def open_editor(self) -> None:
        """The editor: details and agenda, undoable, saved as they change."""
        if self.room.session is None:
            self.statusBar().showMessage("Open an event first (Ctrl+O).", 4000)
            return
        if self.editor is None:
            from desktop.ui.editor import EditorWindow  # numpy (the planner) loads with it

            self.editor = EditorWindow(self.room)
            plan = self.room.session.event.tables
            if not (plan.size or plan.tables):  # no plan yet: start on Settings' table size
                self.editor.tables_tab.count.setValue(Preferences(self.settings).table_size)
        _bring_up(self.editor)

    def open_handout(self) -> None:
        """The Handout dialog: the pack, the agenda or the timing report."""
        session = self.room.session
        if session is None:
            self.statusBar().showMessage("Open an event first (Ctrl+O).", 4000)
            return
        from desktop.ui.dialogs.handout import HandoutDialog  # reportlab loads when printing

        self.handout = HandoutDialog(session.event, [dict(e) for e in session.log], self)
        paper = self.handout.paper
        paper.setCurrentIndex(max(0, paper.findData(Preferences(self.settings).paper)))
        self.handout.open()

    def import_roster(self, path: Path | None = None) -> bool:
        """Pick a CSV, check it in the import dialog, and make it the event's roster."""
        if self.room.session is None:
            self.statusBar().showMessage("Open an event first (Ctrl+O).", 4000)
            return False
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Import the roster", str(Path.home()), "CSV (*.csv *.txt);;All files (*)"
            )
            if not name:
                return False
            path = Path(name)
        try:
            table = read_roster(path)
        except (StoreError, RosterError) as exc:
            self.banner.say("error", str(exc), about="roster")
            return False
        self.roster_dialog = RosterImportDialog(
            table, path.name, event=self.room.current_event, parent=self
        )
        dialog = self.roster_dialog
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.participants:
            return False
        try:
            self.room.replace_participants(self.roster_dialog.participants)
        except StoreError as exc:
            self.banner.say("error", str(exc), about="roster")
            return False
        self.banner.clear_about("roster")
        count = len(self.roster_dialog.participants)
        change = self.roster_dialog.change
        counts = (
            f": {len(change.kept)} kept, {len(change.new)} new, {len(change.gone)} no longer listed"
            if change is not None and change.before
            else ""
        )
        people = "person" if count == 1 else "people"
        self.statusBar().showMessage(f"Imported {count} {people} from {path.name}{counts}.", 8000)
        return True

    def _handed(self, what: str) -> None:
        """Another start of the app asked for this file: show what it wanted here."""
        if what == "capture":
            self.on_capture_window()
        else:
            _bring_up(self)

    def on_note(self) -> None:
        self.capture.entry.setFocus()

    def on_room_wifi(self) -> None:
        if self.wifi_dialog is None:
            self.wifi_dialog = WifiDialog(wifi_of(self.room), self)
        _bring_up(self.wifi_dialog)

    def on_capture_window(self) -> None:
        if self.capture_window is None:
            self.capture_window = CaptureWindow(self.room, save_as=self.save_as)
        _bring_up(self.capture_window)

    def on_show_display(self) -> None:
        if self.display.isVisible():
            self.display.hide()
        else:
            self.display.place_on(self._display_screen(), full=False)
        self.render()

    def on_blank(self) -> None:
        view = self.room.view()
        self._act("blank", on=not (view and view.blank))

    def on_full_screen(self) -> None:
        if self.display.isFullScreen():
            self.display.showNormal()
        else:
            self.display.place_on(self._display_screen(), full=True)
        self.render()

    def on_message(self) -> None:
        self.message_box.setFocus()
        line = self.message_box.lineEdit()
        assert line is not None
        line.selectAll()

    def _send_message(self) -> None:
        text = self.message_box.currentText().strip()
        self._act("message", text=text)
        self.agenda.setFocus()  # back to where the keys drive the clock

    def on_clear_message(self) -> None:
        self._act("message", text="")

    def on_mute(self) -> None:
        self.chimes.muted = not self.chimes.muted
        self.settings.setValue("sound/muted", self.chimes.muted)
        self.actions_by_name["mute"].setChecked(self.chimes.muted)
        self.statusBar().showMessage("Chimes off." if self.chimes.muted else "Chimes on.", 4000)

    def on_shortcuts(self) -> None:
        self.sheet = ShortcutSheet(self)
        self.sheet.show()

    def on_guide(self) -> None:
        """The offline guide "Running your first session", beside the console."""
        self.guide = GuideWindow(self)
        _bring_up(self.guide)

    def on_welcome(self) -> WelcomeScreen:
        """The welcome screen: the demo, a template, a file or a recent file."""
        self.welcome = WelcomeScreen(self, Preferences(self.settings))
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
        self.settings_dialog = SettingsDialog(Preferences(self.settings), self)
        self.settings_dialog.accepted.connect(self._settings_changed)
        self.settings_dialog.open()

    def _settings_changed(self) -> None:
        prefs = Preferences(self.settings)
        self.dark_action.setChecked(prefs.theme == "dark")
        if self.display.theme != prefs.theme:
            self.display.set_theme(prefs.theme)
        self.flash_action.setChecked(prefs.flash)
        self.chimes.muted = not prefs.chimes
        self.actions_by_name["mute"].setChecked(self.chimes.muted)
        if self.display.isVisible():
            self.display.place_on(self._display_screen(), full=self.display.isFullScreen())
        self.statusBar().showMessage("Settings saved.", 4000)

    def _start_folder(self) -> Path:
        """Where the file dialogs start: Settings' folder for event files, else home."""
        return Preferences(self.settings).start_folder()

    # ====================================================================== screens

    def _display_screen(self):  # type: ignore[no-untyped-def]
        """The chosen screen for the room display, else one that isn't the console's."""
        screens = QGuiApplication.screens()
        wanted = self.settings.value("display/screen", "")
        for screen in screens:
            if screen.name() == wanted:
                return screen
        mine = self.screen()
        return next((s for s in screens if s is not mine), mine)

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
        self.settings.setValue("display/screen", name)
        self.display.place_on(self._display_screen(), full=True)
        self.render()

    # ====================================================================== closing

    def shut_down(self) -> None:
        """Quit now, asking nothing (logout, shutdown, a kill signal): keep all, give the file back.

        Every note is already on disk (the journal); the full save is tried once more, and the
        file is given back even if it fails, so the next start opens it without a fuss.
        """
        self.capture.flush()
        if self.capture_window is not None:
            self.capture_window.panel.flush()
        file = self.room.file
        if file is not None:
            self.room.save()
            file.close(save=False)
            self.room.unload()
            self.handoff.close()
        self._close_refused = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.capture.flush()
        if self.capture_window is not None:
            self.capture_window.panel.flush()
        if self.close_event_file() or self._close_refused:
            if self.room.file is not None:  # closing again: quit without saving, lock given back
                self.room.file.close(save=False)
                self.room.unload()
                self.handoff.close()
            self.display.close()
            for window in (self.capture_window, self.themes_window, self.editor):
                if window is not None:
                    window.close()
            event.accept()
            return
        # The save failed: say so and stay open once, so the user can free space or move it.
        self._close_refused = True
        self.banner.say(
            "error",
            f"{self.banner.text().removeprefix(Banner.PREFIX['error'])} Save as… keeps it all "
            "in another folder; close again to quit without saving.",
            about="save",
            action=("Save &as…", self.save_as),
        )
        event.ignore()
