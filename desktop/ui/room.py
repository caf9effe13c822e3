"""The room as the windows see it: the open event, its session clock, and saving.

One `Room` is shared by the console and the room display (and later the capture view). Windows
render `room.view()` when `changed` fires and send commands with `room.act(...)`; they never touch
the file. Every clock action is appended to the event file's run log and saved at once; a save
that fails keeps everything in memory, says so, and is retried until it succeeds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from msgspec.structs import replace
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.core.clock import ClockView, Level, Session, next_change
from desktop.core.model import Event, Note, Participant
from desktop.core.notes import next_note_id
from desktop.store.errors import StoreError
from desktop.store.eventfile import Deleted, EventFile

log = logging.getLogger(__name__)

RETRY_MS = 2000  # how soon a failed save is tried again
# A note is in the journal (on disk) when Enter returns; the whole file follows this long after
# (never restarted, so a fast typist can't starve it).
NOTE_SAVE_MS = 1000
HEARTBEAT_MS = 1000  # refresh while the digits stand still (paused: the drift still grows)


def save_words(saved: bool) -> str:
    """The save state in words, the same in every window."""
    return "✓ Saved" if saved else "✖ Not saved"


class Room(QObject):
    """The open event and its clock; the one place windows send commands to."""

    changed = Signal()  # the clock view moved on (an action, or the digits ticked)
    eventChanged = Signal()  # another event was loaded, or none
    saveFailed = Signal(str)  # a save failed: the reason, in words; retried by itself
    saveRecovered = Signal()  # a save succeeded after failing
    chime = Signal(str)  # "amber" or "up": the current segment crossed a warning
    notesChanged = Signal()  # a note was added, edited, deleted or restored
    saveState = Signal(bool)  # True: everything is on disk; False: a save is pending

    def __init__(self, clock: Callable[[], float] = time.time, parent: QObject | None = None):
        super().__init__(parent)
        self._clock = clock
        self.file: EventFile | None = None
        self._read_only_copy = False  # a snapshot's copy of a file: its notes are on disk
        self.session: Session | None = None
        self._view: ClockView | None = None
        self._last_level: tuple[int | None, Level] | None = None
        self._failing = False
        self._next_id: int | None = None
        self._tick_timer = QTimer(self)
        self._tick_timer.setSingleShot(True)
        self._tick_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick_timer.timeout.connect(self.tick)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.save)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._note_timer.timeout.connect(self.save)

    # ------------------------------------------------------------------------ loading

    @property
    def current_event(self) -> Event | None:
        return self.session.event if self.session else None

    def load(
        self,
        event: Event,
        log_entries: Iterable[object] = (),
        file: EventFile | None = None,
        *,
        read_only_copy: bool = False,
    ) -> None:
        """Run this event (from `file` when given, which then receives every action).

        `read_only_copy`: the event was read from a file that stays on disk as it is and nothing
        will be typed here (a snapshot), so its notes are not marked as only in memory."""
        self.file = file
        self._read_only_copy = read_only_copy and file is None
        self._next_id = None
        self.session = Session(event, log_entries, clock=self._clock)
        self._failing = False
        self._view = self.session.view()
        self._last_level = (self._view.index, self._view.level)  # no chime for the past
        self.eventChanged.emit()
        self.tick()

    def load_file(self, file: EventFile) -> None:
        self.load(file.event(), file.run_log(), file)

    def unload(self) -> None:
        self._tick_timer.stop()
        self._note_timer.stop()
        self._retry_timer.stop()
        self.file, self.session, self._view, self._last_level = None, None, None, None
        self.eventChanged.emit()
        self.changed.emit()

    # ------------------------------------------------------------------------ the clock

    def view(self) -> ClockView | None:
        """The clock as of the last tick or action."""
        return self._view

    def act(self, action: str, **fields: Any) -> bool:
        """Do a clock or display action now: record it, save it, show it. False if no event."""
        if self.session is None:
            return False
        entry = self.session.do(action, **fields)
        if self.file is not None:
            self.file.append_run(entry)
            self.save()
        self.tick()
        return True

    def tick(self) -> None:
        """Recompute the view, chime on a crossed warning, tell the windows, plan the next."""
        if self.session is None:
            return
        view = self._view = self.session.view()
        level = (view.index, view.level)
        if self._last_level is not None and level != self._last_level:
            same_segment = level[0] == self._last_level[0]
            if same_segment and view.level is Level.AMBER:
                self.chime.emit("amber")
            elif same_segment and view.level is Level.UP:
                self.chime.emit("up")
        self._last_level = level
        self.changed.emit()
        wait = next_change(view)
        if view.round is not None and view.round.turn is not None:
            left = view.round.left(view.now)
            if left > 0:  # the table's own timer changes its digits on its own seconds
                turn_wait = (left - 1) % 1000 + 1
                wait = turn_wait if wait is None else min(wait, turn_wait)
        # Land just past the moment the digits change; never sleep longer than the heartbeat.
        self._tick_timer.start(HEARTBEAT_MS if wait is None else min(wait + 1, HEARTBEAT_MS))

    # ------------------------------------------------------------------------ notes

    def _notes_changed(self) -> None:
        file = self.file
        if self.session is not None and file is not None:
            self.session.event = file.event()
        self.notesChanged.emit()
        if file is None:
            return
        if file.undurable:  # the journal was refused: only memory holds the change
            log.warning("note not on disk: %s", file.durability_problem)
            if not self._failing:
                self._failing = True
                self.saveFailed.emit(file.durability_problem)
            if not self._retry_timer.isActive():
                self._retry_timer.start(RETRY_MS)
            self.saveState.emit(False)
        elif not self._failing:
            self.saveState.emit(True)  # in the journal: on disk, whatever the full save does
        if not self._note_timer.isActive():
            self._note_timer.start(NOTE_SAVE_MS)

    def is_kept(self, note_id: str) -> bool:
        """True when the note's last change is on disk (False: in memory only, for now)."""
        if self.file is None:
            return self._read_only_copy
        return self.file.is_durable(note_id)

    def move_to(self, path: Path) -> None:
        """Save As: everything in memory into a new file at `path`, and carry on there.

        The way out when the file's own drive fails (full, pulled, read-only): the old file is
        given back unsaved, since the copy holds all of it. StoreError when the copy fails.
        """
        old = self._open_file()
        self.save()  # best effort: the copy below is made from memory either way
        old.copy_to(path)
        new = EventFile.open(path)
        old.close(save=False)
        self._failing = False
        self.load_file(new)
        self.saveRecovered.emit()
        self.saveState.emit(True)

    def _open_file(self) -> EventFile:
        if self.file is None:
            raise StoreError("Open an event first: notes are kept in its file.")
        return self.file

    def new_note_id(self) -> str:
        """A fresh note id, without scanning every note each time."""
        event = self.current_event
        if event is None:
            raise StoreError("Open an event first: notes are kept in its file.")
        if self._next_id is None:
            self._next_id = int(next_note_id(event.notes)[1:])
        else:
            self._next_id += 1
        return f"n{self._next_id}"

    def add_note(self, note: Note) -> None:
        """Keep a note: on disk (the journal) when this returns, or `is_kept` says it is not."""
        file = self._open_file()
        try:
            file.add_note(note)
        except StoreError:
            self._next_id = None  # an id taken some other way: look again next time
            raise
        self._notes_changed()

    def update_note(self, note: Note) -> None:
        self._open_file().update_note(note)
        self._notes_changed()

    def update_notes(self, notes: list[Note]) -> None:
        """Several edits, saved together (moving share-backs between themes)."""
        file = self._open_file()
        for note in notes:
            file.update_note(note)
        self._notes_changed()

    def replace_event(self, event: Event) -> None:
        """An edited event (details, agenda…): saved at once, the run log kept, windows told."""
        if self.file is None or self.session is None:
            raise StoreError("Open an event first.")
        live = self.file.event()  # phones vote while the editor is open: keep what they sent
        event = replace(event, votes=live.votes, feedback=live.feedback)
        self.file.replace_event(event)
        self.session.replace_event(event)
        self.save()
        self.eventChanged.emit()
        self.tick()

    def replace_participants(self, people: list[Participant]) -> None:
        """A new roster (an import): saved at once, and every window told."""
        if self.file is None or self.session is None:
            raise StoreError("Open an event first: the roster is kept in its file.")
        from desktop.core.table_plan import without_unknown  # numpy loads with the first plan

        event = without_unknown(replace(self.file.event(), participants=tuple(people)))
        self.file.replace_event(event)
        self.session.replace_event(event)
        self.save()
        self.eventChanged.emit()

    def delete_note(self, note_id: str) -> Deleted:
        deleted = self._open_file().delete_note(note_id)
        self._notes_changed()
        return deleted

    def restore_note(self, deleted: Deleted) -> None:
        self._open_file().restore_note(deleted)
        self._notes_changed()

    # ------------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save the file now; on failure say why and try again shortly."""
        if self.file is None:
            return True
        try:
            self.file.save()
        except StoreError as exc:
            log.warning("save failed: %s", exc)
            if not self._failing:
                self._failing = True
                self.saveFailed.emit(str(exc))
            self._retry_timer.start(RETRY_MS)
            return False
        if self._failing:
            self._failing = False
            self.saveRecovered.emit()
        self.saveState.emit(True)
        return True

    @property
    def unsaved(self) -> bool:
        return self.file is not None and self.file.dirty
