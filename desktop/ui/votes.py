"""The open event's dot-votes and feedback forms, shared by the console's vote panel, the room
display and Room Wi-Fi: one `VoteKeeper` per Room, built by app.py and handed to each.

It holds a `VoteDesk` (desktop.store.vote_desk) for the Room's event file: phones' ballots go
through it (journaled before a phone is told), and so do the facilitator's commands. Windows
redraw on `changed`; the whole file is saved shortly after (the journal already holds every
change).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core import votes
from desktop.core.model import FeedbackAnswer, Vote
from desktop.store.errors import StoreError
from desktop.store.vote_desk import VoteDesk
from desktop.ui.room import Room

log = logging.getLogger(__name__)

SAVE_MS = 1000  # the whole file follows the journal this soon after a change


class VoteKeeper(QObject):
    """Votes and forms of the Room's open event; `changed` after every change is on disk."""

    changed = Signal()
    displayChanged = Signal(bool)  # the vote on the room display, or not

    def __init__(self, room: Room) -> None:
        super().__init__(room)
        self.room = room
        self.on_display = False
        self._desk: VoteDesk | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_MS)
        self._save_timer.timeout.connect(room.save)
        room.eventChanged.connect(self._event_changed)
        self._event_changed()

    # ------------------------------------------------------------------ the desk

    def desk(self) -> VoteDesk | None:
        """The desk for the open event file (None with no file): Room Wi-Fi's routes use it."""
        return self._desk

    def _event_changed(self) -> None:
        file = self.room.file
        if self._desk is not None and self._desk.file is file:
            return
        self._desk = VoteDesk(file, on_change=self._stored) if file is not None else None
        if self.on_display and self._desk is None:
            self.show_on_display(False)
        self.changed.emit()

    def _stored(self) -> None:
        """A batch of changes is on disk: the windows see it; the whole file follows."""
        file = self.room.file
        if self.room.session is not None and file is not None:
            self.room.session.event = file.event()
        if file is not None and file.undurable:
            log.warning("vote not on disk: %s", file.durability_problem)
            self.room.saveFailed.emit(file.durability_problem)
        if not self._save_timer.isActive():
            self._save_timer.start()
        self.changed.emit()

    # ------------------------------------------------------------------ reading

    def current(self) -> Vote | None:
        return self._desk.current() if self._desk is not None else None

    def waiting(self) -> list[FeedbackAnswer]:
        return self._desk.waiting() if self._desk is not None else []

    # ------------------------------------------------------------------ commands

    def open_vote(
        self, options: Sequence[str], dots: int = votes.DEFAULT_DOTS, title: str = ""
    ) -> Vote:
        """Open a vote (VoteError or StoreError say why not) and put it on the room display."""
        desk = self._need()
        view = self.room.view()
        segment = view.segment.id if view is not None and view.segment is not None else ""
        vote = desk.open(options, dots=dots, title=title or votes.VOTE_TITLE, segment=segment)
        self.show_on_display(True)
        return vote

    def close_vote(self) -> None:
        self._need().close()

    def reveal(self, shown: bool = True) -> None:
        self._need().reveal(shown)
        if shown:
            self.show_on_display(True)

    def set_counts(self, counts: Sequence[int] | Mapping[str, int]) -> None:
        self._need().set_counts(counts)

    def decide(self, answer_id: str, accept: bool) -> None:
        self._need().decide(answer_id, accept)

    def show_on_display(self, shown: bool) -> None:
        shown = shown and self.current() is not None
        if shown != self.on_display:
            self.on_display = shown
            self.displayChanged.emit(shown)

    def _need(self) -> VoteDesk:
        if self._desk is None:
            raise StoreError("Open an event first: votes are kept in its file.")
        return self._desk
