"""The commands that act on the room: the clock, the room display, spotlights and share-back
rounds. Mixed into the console window, which gives them the room, the agenda and the notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication, QInputDialog, QMainWindow, QMessageBox

from desktop.core.clock import Status, parse_time_left, propose_catch_up
from desktop.core.notes import groups, table_names
from desktop.ui.console.files import OPEN_FIRST

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QTableWidget

    from desktop.ui.capture import CapturePanel
    from desktop.ui.display import RoomDisplay
    from desktop.ui.room import Room
    from desktop.ui.views_panel import ViewsPanel

    _Window = QMainWindow
else:
    _Window = object

QUIET_ACTIONS = ("message", "blank", "spotlight", "undo")  # fine with an empty agenda
NOTHING_TO_RUN = "The agenda is empty: add a segment first (Add a segment…, or Ctrl+Shift+E)."


class ClockCommands(_Window):
    """What Space, N, P, +, B, M, G and the rest do."""

    room: Room
    agenda: QTableWidget
    display: RoomDisplay
    views_panel: ViewsPanel
    message_box: QComboBox

    if TYPE_CHECKING:  # given by the window and ScreenChoice

        def refresh(self) -> None: ...
        def focus_clock(self) -> None: ...
        def notes_pane(self) -> CapturePanel: ...
        def _place_display(self, *, full: bool) -> None: ...

    def _act(self, action: str, **fields: object) -> None:
        if not self.room.act(action, **fields):
            self.statusBar().showMessage(OPEN_FIRST, 4000)
            return
        view = self.room.view()
        if view is not None and not view.actuals and action not in QUIET_ACTIONS:
            self.statusBar().showMessage(NOTHING_TO_RUN, 6000)

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
        notes = self.notes_pane()
        if focus is not None and notes.isAncestorOf(focus) and notes.undo():
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
        note = self.notes_pane().selected_note()
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
        from desktop.ui.console.sheet import ask_round  # a dialog: loaded when first asked

        event = self.room.current_event
        used = len([g for g in groups(event) if g.startswith("Table ")]) if event else 12
        return ask_round(self, used)

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

    # ------------------------------------------------------------------ the room display

    def on_show_display(self) -> None:
        if self.display.isVisible():
            self.display.hide()
        else:
            self._place_display(full=False)
        self.refresh()

    def on_blank(self) -> None:
        view = self.room.view()
        self._act("blank", on=not (view and view.blank))

    def on_full_screen(self) -> None:
        if self.display.isFullScreen():
            self.display.showNormal()
        else:
            self._place_display(full=True)
        self.refresh()

    def on_message(self) -> None:
        self.message_box.setFocus()
        line = self.message_box.lineEdit()
        assert line is not None
        line.selectAll()

    def _send_message(self) -> None:
        text = self.message_box.currentText().strip()
        if not self.views_panel.send(text):  # or to the speaker only (ui/views_panel.py)
            self._act("message", text=text)
        self.focus_clock()  # the keys drive the clock again

    def on_clear_message(self) -> None:
        if not self.views_panel.send(""):
            self._act("message", text="")
