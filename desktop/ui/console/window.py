"""The facilitator console: the main window. Where we are, time left, what's next, how late.

Every command is a QAction from `commands.COMMANDS` on a menu, a button and a key. The keys are
window shortcuts, so they act only while the console is the active window, and a text field that
has focus takes its own keys first (Qt's shortcut override), so typing never moves the clock.
Escape, and Enter after keeping a note or showing a message, give the keys back to the clock.

The window is handed its services (room, settings, chimes, hand-off, room display, Room Wi-Fi)
by `desktop.app.build_console`; it builds none of them. Beside it: the file actions
(`files.py`), the screen for the room display (`screens.py`), the clock's readout
(`clock_panel.py`), the agenda (`agenda.py`), the commands that act on the room
(`clock_commands.py`) and the windows it opens (`windows.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import ClockView, Status
from desktop.core.timetable import fit, format_clock, format_duration, timetable
from desktop.ui.commands import COMMANDS, READY_MESSAGES, Command
from desktop.ui.console.agenda import AgendaPane, empty_state
from desktop.ui.console.clock_commands import ClockCommands
from desktop.ui.console.clock_panel import ClockPanel
from desktop.ui.console.files import FileActions, Opener
from desktop.ui.console.screens import ScreenChoice
from desktop.ui.console.thumbnail import RoomThumbnail
from desktop.ui.console.windows import OtherWindows, bring_up
from desktop.ui.preferences import Preferences
from desktop.ui.views_panel import ViewsPanel
from desktop.ui.widgets.banner import Banner

if TYPE_CHECKING:  # the services are built by app.py; the windows when first opened
    from desktop.ui.capture import CapturePanel, CaptureWindow
    from desktop.ui.display import RoomDisplay
    from desktop.ui.editor import EditorWindow
    from desktop.ui.handoff import HandoffServer
    from desktop.ui.room import Room
    from desktop.ui.sound import Chimes
    from desktop.ui.themes import ThemesWindow
    from desktop.ui.vote_panel import VotePanel
    from desktop.ui.votes import VoteKeeper
    from desktop.ui.wifi import RoomWifi, WifiDialog

# The buttons that run the clock: greyed out when there is nothing to run (no event, an empty
# agenda) and, but for Undo and Jump, once the agenda is over.
CLOCK_BUTTONS = (
    "previous",
    "start_pause",
    "next",
    "take_five",
    "take_minute",
    "add_minute",
    "add_five",
    "set_time",
    "restart",
    "catch_up",
    "finish",
)
# The two columns' first widths, as weights that QSplitter scales to the window (and never below
# either column's minimum): the agenda and notes a little wider than the clock, as their size
# hints made it before. Given, not left to the hints, so the first frame has its final columns
# although the notes pane is built after it (notes_pane).
COLUMNS = (580, 420)
BLANK_WORDS = (
    "The room display is blank: the room sees the holding screen with the event's title, "
    "not the clock."
)


class ConsoleWindow(FileActions, ScreenChoice, ClockCommands, OtherWindows, QMainWindow):
    """The facilitator's window: the agenda, the clock and every control."""

    def __init__(
        self,
        *,
        room: Room,
        settings: QSettings,
        chimes: Chimes,
        handoff: HandoffServer,
        display: RoomDisplay,
        wifi: RoomWifi,
        votes: VoteKeeper,
        opener: Opener,
        notes_later: bool = False,
    ) -> None:
        """`notes_later`: the notes pane is left for `notes_pane()` to build, as `run_gui` does
        once the window is on screen; otherwise it is built here."""
        super().__init__()
        self._opener = opener
        self.room = room
        self.settings = settings
        self.chimes = chimes
        self.chimes.muted = not Preferences(settings).chimes
        self.handoff = handoff
        self.handoff.requested.connect(self._handed)
        self.display = display
        self.wifi = wifi
        self.votes = votes  # dot-votes and feedback forms (ui/votes.py), shared with wifi
        self._close_refused = False
        self.capture_window: CaptureWindow | None = None
        self.wifi_dialog: WifiDialog | None = None
        self.themes_window: ThemesWindow | None = None
        self.vote_panel: VotePanel | None = None
        self.editor: EditorWindow | None = None
        self.setWindowTitle("In the Room")
        self.setAccessibleName("Facilitator console")
        self.resize(1200, 760)

        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        self._build_actions()
        self._build_body()
        self._build_menus()
        self._fit_timer = QTimer(self)  # the agenda's height, once the layout has settled
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self._fit_agenda)

        self.room.changed.connect(self.refresh)
        self.room.eventChanged.connect(self.show_event)
        self.room.chime.connect(self.chimes.play)
        self.room.saveFailed.connect(self._save_failed)
        self.room.saveRecovered.connect(self._save_recovered)
        self.room.saveState.connect(self._save_state)
        self.show_event()
        if not notes_later:
            self.notes_pane()

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
        button.setMinimumHeight(44)
        self.buttons[name] = button
        return button

    def _build_body(self) -> None:
        self.banner = Banner()
        self.title_label = QLabel()
        self.title_label.setAccessibleName("Event title")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.details_label = QLabel()
        self.details_label.setAccessibleName("Event details")
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setWordWrap(True)

        # ---- no event open: the ways in, as buttons
        self.demo_button = QPushButton("▶  Try the &demo event")
        self.demo_button.setAccessibleName("Open the demo event")
        self.demo_button.clicked.connect(self.open_demo)
        self.new_button = QPushButton("&New event…")
        self.new_button.setAccessibleName("Make a new event")
        self.new_button.clicked.connect(self.new_event)
        self.open_button = QPushButton("&Open an event…")
        self.open_button.setAccessibleName("Open an event file")
        self.open_button.clicked.connect(self.choose_file)
        self.no_event = empty_state(
            "No event open",
            "Try the demo to see a session run, make a new event, or open an event file "
            "(.room) someone gave you.",
            [self.demo_button, self.new_button, self.open_button],
        )

        # ---- the agenda, or the way to start one
        self.agenda_pane = AgendaPane()
        self.agenda = self.agenda_pane.table
        self.agenda.activated.connect(self._jump_to_row)
        self.add_segment_button = self.agenda_pane.add_button
        self.add_segment_button.clicked.connect(self.add_segment)

        # ---- the clock and the controls
        self.blank_banner = Banner()
        self.blank_banner.setAccessibleName("The room display is blank")
        self.clock_panel = ClockPanel()
        panel = self.clock_panel
        self.now_label, self.countdown_label = panel.now_label, panel.countdown_label
        self.state_label, self.progress = panel.state_label, panel.progress
        self.drift_label, self.next_label = panel.drift_label, panel.next_label
        self.round_label, self.prompt_label = panel.round_label, panel.prompt_label
        self.private_label, self.private_panel = panel.private_label, panel.private_panel
        self.time_label = panel.time_label

        controls = QGridLayout()
        controls.setSpacing(4)
        row = (("previous", "◀ Previous"), ("start_pause", "Start"), ("next", "Next ▶"))
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
        # As wide as the column allows, not as wide as the longest ready-made message.
        self.message_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.message_box.setMinimumContentsLength(12)
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
        self.room_message_label = QLabel()
        self.room_message_label.setAccessibleName("Message now on the room display")
        self.room_message_label.setWordWrap(True)
        self.room_message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.thumbnail = RoomThumbnail(self.display, self.room)
        beside = QVBoxLayout()
        beside.addLayout(messages)
        self.views_panel = ViewsPanel(self.wifi.views)  # live views: TVs and the speaker
        beside.addWidget(self.views_panel)
        beside.addWidget(self.room_message_label)
        beside.addStretch(1)
        room_row = QHBoxLayout()
        room_row.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        room_row.addLayout(beside, 1)

        now_panel = QWidget()
        self.now_panel = now_panel
        now = QVBoxLayout(now_panel)
        now.setContentsMargins(0, 0, 0, 0)
        now.addWidget(self.blank_banner)
        now.addWidget(self.clock_panel, stretch=1)  # the spare height goes to the clock
        now.addLayout(controls)
        now.addLayout(room_row)

        # The notes pane (ui/capture.py) takes this place: see notes_pane().
        self.capture: CapturePanel | None = None
        self._notes_slot = QWidget()
        self._notes_slot.setAccessibleName("Notes (opening)")
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.agenda_pane)
        left.addWidget(self._notes_slot)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 3)
        left.setChildrenCollapsible(False)
        left.splitterMoved.connect(self._agenda_sized_by_hand)
        self._sized_by_hand = False
        self.left_splitter = left
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(now_panel)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes(list(COLUMNS))
        self.splitter = splitter

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout()
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        for widget in (self.banner, self.title_label, self.details_label, rule):
            layout.addWidget(widget)
        layout.addWidget(self.no_event, stretch=1)
        layout.addWidget(splitter, stretch=1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.saved_label = QLabel("")
        self.saved_label.setAccessibleName("Save state")
        self.statusBar().addPermanentWidget(self.saved_label)
        # Tab goes pane to pane: the agenda, the clock and its controls, the notes.
        QWidget.setTabOrder(self.agenda, self.clock_panel)
        QWidget.setTabOrder(self.clock_panel, self.buttons["previous"])

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
        prefs = Preferences(self.settings)
        self.dark_action.setChecked(prefs.theme == "dark")
        self.dark_action.toggled.connect(self._dark_toggled)
        room_menu.addAction(self.dark_action)
        self.flash_action = QAction("Slow &flash at time's up", self, checkable=True)
        self.flash_action.setChecked(prefs.flash)
        self.flash_action.toggled.connect(lambda on: self.display.set_flash(on))
        room_menu.addAction(self.flash_action)
        self.actions_by_name["mute"].setChecked(self.chimes.muted)

    def on_wrap_up(self) -> None:
        self.views_panel.wrap_up()

    def _dark_toggled(self, on: bool) -> None:
        self.display.set_theme("dark" if on else "light")
        self.thumbnail.schedule()  # what the room sees changed, though the clock didn't

    # ====================================================================== focus and layout

    def focus_clock(self) -> None:
        """Give the keys back to the clock: Space, N, P… drive it again, nothing types."""
        # (An edit in the notes list takes its Escape first, to cancel the edit: the next
        # Escape comes here.)
        self.clock_panel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_back_to_clock(self) -> None:
        """Escape, from a text box or anywhere: the keys go back to the clock."""
        self.focus_clock()

    def finish_start(self) -> None:
        """What start-up left until the window was on screen (`build_console`'s
        `after_first_paint`): the notes pane, and answering another start of the app."""
        self.notes_pane()
        self.handoff.resume()

    def notes_pane(self) -> CapturePanel:
        """The notes pane under the agenda: note entry and the notes, built on first call.

        At start-up `finish_start` calls this once the window is on screen: the pane's modules
        and widgets are a good part of the wait before the first paint, and the clock and agenda
        are what a facilitator looks for first. No key reaches the window before then.
        """
        if self.capture is not None:
            return self.capture
        from desktop.ui.capture import CapturePanel

        capture = CapturePanel(self.room, self.wifi)
        capture.list.setTabKeyNavigation(False)  # Tab leaves the notes, as the agenda
        capture.entry.submitted.connect(self._note_submitted)
        self.left_splitter.replaceWidget(1, capture)  # the place's size and visibility
        self.left_splitter.setStretchFactor(1, 3)
        self._notes_slot.deleteLater()
        self.capture = capture
        return capture

    def _note_submitted(self) -> None:
        """Enter in the note box: once the note is kept (the box is empty), back to the clock."""
        if self.room.current_event is not None and not self.notes_pane().entry.toPlainText():
            self.focus_clock()

    def _agenda_sized_by_hand(self) -> None:
        self._sized_by_hand = True  # the facilitator's choice stands until the next event

    def _fit_agenda(self) -> None:
        """Every segment in view where the window allows: the agenda takes the height its rows
        need (up to two thirds of the column), the notes the rest."""
        if self._sized_by_hand or self.agenda.isHidden() or not self.splitter.isVisible():
            return
        total = sum(self.left_splitter.sizes())
        if total <= 0:
            return
        wanted = self.agenda_pane.wanted_height()
        agenda = min(wanted, round(total * 2 / 3))
        self.left_splitter.setSizes([agenda, total - agenda])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The thumbnail grows with the window, but never takes more than a fifth of its height.
        shape = self.display.width() / max(1, self.display.height())
        width = min(self.width() * 0.17, self.height() * 0.2 * shape, 320)
        self.thumbnail.set_width(max(120, round(width)))
        self._fit_timer.start(0)

    # ====================================================================== rendering

    def show_event(self) -> None:
        event = self.room.current_event
        if event is None:
            self.title_label.setText("In the Room")
            self.details_label.setText("")
            self.details_label.hide()
            self.setWindowTitle("In the Room")
            self.splitter.hide()
            self.no_event.show()
            self.saved_label.setText("")
            self.blank_banner.hide()
            self._enable_clock(None)
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
        self.details_label.show()
        self.agenda_pane.show_event(event)
        self._sized_by_hand = False
        self.no_event.hide()
        self.splitter.show()
        self.saved_label.setText("✓ Saved" if self.room.file and not self.room.unsaved else "")
        self.refresh()
        self._fit_timer.start(0)

    def refresh(self) -> None:
        """Show the room's clock as it is now (the room's `changed` calls this)."""
        view = self.room.view()
        event = self.room.current_event
        self._enable_clock(view)
        if view is None or event is None:
            return
        self.agenda_pane.show_view(view)
        self.clock_panel.show_view(view, event)
        start = self.buttons["start_pause"]
        words = {Status.NOT_STARTED: "Start", Status.PAUSED: "Resume"}.get(view.status, "Pause")
        if view.status is Status.FINISHED:
            words = "Finished"
        start.setText(f"{words}\nSpace")
        start.setAccessibleName(words)
        self.actions_by_name["blank"].setChecked(view.blank)
        self.buttons["blank"].setText(("Unblank" if view.blank else "Blank") + "\nB")
        if view.blank:
            self.blank_banner.say(
                "warning",
                BLANK_WORDS,
                about="blank",
                action=("Show the clock (B)", self.on_blank),
                prefix="◼ ",
            )
        else:
            self.blank_banner.hide()
        shown = "Room display: " + ("blank (holding screen)" if view.blank else "showing the clock")
        if view.message:
            shown += f" · message: “{view.message}”"
        self.room_message_label.setText(
            shown if self.display.isVisible() else "Room display: closed (D opens it)"
        )

    def _enable_clock(self, view: ClockView | None) -> None:
        """Grey out the clock's buttons when there is nothing to run, or it has all been run."""
        runnable = view is not None and bool(view.actuals)
        over = view is not None and view.status is Status.FINISHED
        for name in CLOCK_BUTTONS:
            self.buttons[name].setEnabled(runnable and not over)
        for name in ("undo", "show_display", "blank", "full_screen"):
            self.buttons[name].setEnabled(view is not None)

    def _display_moved(self) -> None:
        self.refresh()

    # ====================================================================== hand-off

    def _handed(self, what: str) -> None:
        """Another start of the app asked for this file: show what it wanted here."""
        if what == "capture":
            self.on_capture_window()
        else:
            bring_up(self)

    def on_note(self) -> None:
        self.notes_pane().entry.setFocus()

    # ====================================================================== closing

    def shut_down(self) -> None:
        """Quit now, asking nothing (logout, shutdown, a kill signal): keep all, give the file back.

        Every note is already on disk (the journal); the full save is tried once more, and the
        file is given back even if it fails, so the next start opens it without a fuss.
        """
        if self.capture is not None:
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
        if self.capture is not None:
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
