"""The session clock: where the room is in the agenda, how long is left, and how late we run.

The clock is a fold over the run log. Every facilitator action is an entry
``{"t": <epoch seconds>, "do": <action>, ...}`` appended to the log and saved; the state at any
moment is the log replayed against the wall clock. So a restart, a crash or a laptop that slept
through ten minutes of a breakout all come back with the right time left: nothing counts seconds,
everything is measured from timestamps. Undo is an entry too, which takes back the last clock
action still standing; the log itself is never rewritten.

Times are whole milliseconds inside (``int``), so a three-hour run has no rounding drift.
No Qt and no I/O: the clock reading is passed in.

Three parts, each alone: the run log and its replay (`run_log.py`), the view of it at a moment
(`clock_view.py`) and catch-up (`catch_up.py`); this module is the session over them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from desktop.core.catch_up import MINIMUM_MINUTES, Proposal, propose_catch_up, shortest
from desktop.core.clock_view import (
    Actual,
    ClockView,
    anchor,
    countdown,
    drift_words,
    hhmm,
    look,
    next_change,
    parse_time_left,
    state_words,
)
from desktop.core.run_log import (
    CLOCK_ACTIONS,
    ROOM_ACTIONS,
    UNDO,
    Action,
    Entry,
    Level,
    Round,
    RunState,
    SegmentRun,
    Status,
    clock_digits,
    is_well_formed,
    replay,
    standing,
    to_ms,
)

# The clock's parts, from one place: callers import them from here.
__all__ = [
    "CLOCK_ACTIONS",
    "MINIMUM_MINUTES",
    "ROOM_ACTIONS",
    "UNDO",
    "Action",
    "Actual",
    "ClockView",
    "Entry",
    "Level",
    "Proposal",
    "Round",
    "RunState",
    "SegmentRun",
    "Session",
    "SessionClock",
    "Status",
    "anchor",
    "clock_digits",
    "countdown",
    "drift_words",
    "hhmm",
    "is_well_formed",
    "next_change",
    "parse_time_left",
    "propose_catch_up",
    "replay",
    "shortest",
    "standing",
    "state_words",
    "to_ms",
]
from desktop.core.model import Event

# ----------------------------------------------------------------------------- a session


class Session:
    """One event's clock: the agenda, its run log, and a clock to read.

    `do` returns the entry to persist (the caller appends it to the event file's run log and
    saves it); the session keeps its own copy so views need no store.
    """

    def __init__(
        self,
        event: Event,
        log: Iterable[object] = (),
        *,
        clock: Callable[[], float],
    ) -> None:
        self._clock = clock
        self.event = event
        self.log: list[Entry] = [e for e in log if is_well_formed(e)]  # type: ignore[misc]
        self._machine = replay(event.agenda, self.log)

    def now(self) -> int:
        return to_ms(self._clock())

    def do(self, action: Action | str, **fields: Any) -> Entry:
        """Record an action at the current time; returns the log entry (already applied).

        The entry stores the action as its plain string value, as every run log always has."""
        do = Action.of(action)
        entry: dict[str, Any] = {
            "t": round(self._clock(), 3),
            "do": action if do is None else do.value,
            **fields,
        }
        if do is None or not is_well_formed(entry):
            raise ValueError(f"not a clock action: {entry!r}")
        self.log.append(entry)
        if do is Action.UNDO:
            self._machine = replay(self.event.agenda, self.log)
        else:
            now = to_ms(entry["t"])
            self._machine.settle(now)
            self._machine.apply(entry, now)
        return entry

    def can_undo(self) -> bool:
        return any(e["do"] in CLOCK_ACTIONS for e in standing(self.log))

    def replace_event(self, event: Event) -> None:
        """The agenda changed (edited): replay the log against the new one."""
        self.event = event
        self._machine = replay(event.agenda, self.log)

    def first_start(self) -> int | None:
        """When the run first began (ms), if it has."""
        moves = (Action.START, Action.NEXT, Action.JUMP)
        return next((to_ms(e["t"]) for e in standing(self.log) if e["do"] in moves), None)

    def view(self, now: int | None = None) -> ClockView:
        now = self.now() if now is None else now
        started = self.first_start()
        start, finish = anchor(
            self.event, started if started is not None else now, started=started is not None
        )
        return look(self._machine, now, planned_start=start, planned_finish=finish)


SessionClock = Session  # the name DESIGN.md gives it
