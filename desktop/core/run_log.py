"""The run log: every facilitator action as an entry, and the state it replays to.

Every action is an entry ``{"t": <epoch seconds>, "do": <action>, ...}`` appended to the log and
saved; `replay` folds the log into a `RunState` (where the run is, what each segment did). Undo
is an entry too, which takes back the last clock action still standing. No Qt, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from desktop.core.model import AtZero, Segment

Entry = Mapping[str, Any]


class Status(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    OVERTIME = "overtime"
    FINISHED = "finished"


class Level(StrEnum):
    """How urgent the time left is: shown in words and shape as well as colour."""

    CALM = "calm"
    AMBER = "amber"
    RED = "red"
    UP = "up"  # time's up: at zero, or over


class Action(StrEnum):
    """What a run-log entry does: its ``"do"``. The values are what the event file stores, so
    a run saved by any version replays: never change one; a new action gets a new value."""

    # The clock.
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    NEXT = "next"
    PREVIOUS = "previous"
    JUMP = "jump"
    ADJUST = "adjust"
    SET = "set"
    RESTART = "restart"
    FINISH = "finish"
    PLAN = "plan"
    # The room display.
    MESSAGE = "message"
    BLANK = "blank"
    SPOTLIGHT = "spotlight"
    ROUND = "round"
    TURN = "turn"
    # Takes back the last clock action still standing.
    UNDO = "undo"

    @classmethod
    def of(cls, value: object) -> Action | None:
        """The action a stored ``"do"`` names, or None for anything else."""
        if not isinstance(value, str):
            return None
        try:
            return cls(value)
        except ValueError:
            return None


# What each action needs besides "t" and "do"; anything else in an entry is ignored.
CLOCK_ACTIONS: dict[Action, tuple[str, ...]] = {
    Action.START: (),
    Action.PAUSE: (),
    Action.RESUME: (),
    Action.NEXT: (),
    Action.PREVIOUS: (),
    Action.JUMP: ("to",),  # index into the agenda
    Action.ADJUST: ("seconds",),  # + adds time to the current segment, - takes it away
    Action.SET: ("seconds",),  # exactly this many seconds left
    Action.RESTART: (),
    Action.FINISH: (),
    Action.PLAN: ("minutes",),  # new planned minutes by segment id (catch up)
}
# The room display, not the clock. A spotlight has "note" (an id) or "theme"; neither clears it.
# A share-back round: "round" with "tables" (names; [] ends it) and "seconds" each, then
# "turn" with "step": "next", "back" or "skip" (skipped tables come round again at the end).
ROOM_ACTIONS: dict[Action, tuple[str, ...]] = {
    Action.MESSAGE: ("text",),
    Action.BLANK: ("on",),
    Action.SPOTLIGHT: (),
    Action.ROUND: ("tables", "seconds"),
    Action.TURN: ("step",),
}
UNDO = Action.UNDO


@dataclass
class SegmentRun:
    """What actually happened to one segment (milliseconds since the epoch)."""

    started: int | None = None  # first time it began
    ended: int | None = None  # last time it was left
    spent: int = 0  # running time before the open stretch
    since: int | None = None  # start of the open running stretch, None when not running
    added: int = 0  # time added (+) or taken away (-)
    pauses: list[tuple[int, int | None]] = field(default_factory=list)

    def elapsed(self, now: int) -> int:
        return self.spent + (now - self.since if self.since is not None else 0)

    @property
    def paused_ms(self) -> int:
        return sum((end or start) - start for start, end in self.pauses)


@dataclass(frozen=True)
class Round:
    """A share-back round, table by table, each with its own short timer."""

    tables: tuple[str, ...]
    seconds: int  # each table's time
    turn: int | None  # the table speaking now; None once every table has been heard
    since: int  # when this turn began, ms
    heard: frozenset[int]  # tables whose turn has come (a skipped one leaves this set)

    def step(self, how: str, now: int) -> Round:
        count = len(self.tables)
        if how == "back":
            at = ((self.turn if self.turn is not None else count) - 1) % count
            return replace(self, turn=at, since=now, heard=self.heard | {at})
        heard = self.heard - {self.turn} if how == "skip" else self.heard
        start = self.turn if self.turn is not None else -1
        order = [(start + k) % count for k in range(1, count + 1)]
        waiting = [i for i in order if i not in heard and i != self.turn]
        if not waiting:  # everyone heard (a lone skipped table stays in turn)
            if how == "skip" and self.turn is not None:
                return replace(self, since=now, heard=heard)
            return replace(self, turn=None, since=now, heard=heard)
        return replace(self, turn=waiting[0], since=now, heard=heard | {waiting[0]})

    def left(self, now: int) -> int:
        """Ms left for the table speaking now (negative when over)."""
        return self.seconds * 1000 - (now - self.since)

    def words(self, now: int) -> str:
        """ "Table 3 of 12 · 0:42", "Table 3 of 12 · time's up", "Every table heard"."""
        if self.turn is None:
            return f"Every table heard ({len(self.tables)})"
        left = self.left(now)
        tail = clock_digits(math.ceil(left / 1000) * 1000) if left > 0 else "time's up"
        name, place = self.tables[self.turn], f"{self.turn + 1} of {len(self.tables)}"
        where = (
            f"{name} of {len(self.tables)}"
            if name == f"Table {self.turn + 1}"
            else (f"{name} ({place})")
        )
        return f"{where} · {tail}"

    @property
    def table(self) -> str:
        return self.tables[self.turn] if self.turn is not None else ""


@dataclass
class RunState:
    """The run state between actions. Mutated only by replay()."""

    agenda: Sequence[Segment]
    minutes: dict[str, int]
    runs: list[SegmentRun]
    index: int | None = None
    paused: bool = False
    finished: int | None = None
    message: str = ""
    blank: bool = False
    spotlight: tuple[str, str] | None = None  # ("note", id) or ("theme", name)
    round: Round | None = None

    # ------------------------------------------------------------------ reading

    def allowed(self, i: int) -> int:
        return self.minutes[self.agenda[i].id] * 60_000 + self.runs[i].added

    # ------------------------------------------------------------------ moving

    def _leave(self, now: int) -> None:
        if self.index is None:
            return
        run = self.runs[self.index]
        if run.since is not None:
            run.spent += now - run.since
            run.since = None
        if run.pauses and run.pauses[-1][1] is None:
            run.pauses[-1] = (run.pauses[-1][0], now)
        run.ended = now

    def _enter(self, i: int, now: int) -> None:
        self._leave(now)
        self.index, self.paused, self.finished = i, False, None
        run = self.runs[i]
        run.started = now if run.started is None else run.started
        run.ended, run.since = None, now

    def _finish(self, now: int) -> None:
        self._leave(now)
        self.paused, self.finished = False, now

    def settle(self, now: int) -> None:
        """Let segments that move on by themselves do so, at the moment they ran out."""
        while self.index is not None and self.finished is None and not self.paused:
            i = self.index
            if self.agenda[i].at_zero is not AtZero.NEXT:
                return
            run = self.runs[i]
            assert run.since is not None
            zero = run.since + self.allowed(i) - run.spent
            if zero > now:
                return
            if i + 1 < len(self.agenda):
                self._enter(i + 1, zero)
            else:
                self._finish(zero)

    # ------------------------------------------------------------------ actions

    def apply(self, entry: Entry, now: int) -> None:
        do = Action(entry["do"])  # is_well_formed() let only actions through
        if do is Action.MESSAGE:
            self.message = str(entry["text"])
            return
        if do is Action.BLANK:
            self.blank = bool(entry["on"])
            return
        if do is Action.SPOTLIGHT:
            self.spotlight = _spotlight(entry)
            return
        if do is Action.ROUND:
            tables = tuple(str(t) for t in entry["tables"] if str(t).strip())
            seconds = entry["seconds"]
            self.round = Round(tables, int(seconds), 0, now, frozenset({0})) if tables else None
            return
        if do is Action.TURN:
            if self.round is not None:
                self.round = self.round.step(str(entry["step"]), now)
            return
        if do is Action.PLAN:
            for ident, minutes in entry["minutes"].items():
                if ident in self.minutes and isinstance(minutes, int) and minutes > 0:
                    self.minutes[ident] = minutes
            return
        if not self.agenda:
            return
        current = self.index
        if do is Action.JUMP:
            to = entry["to"]
            if isinstance(to, int) and not isinstance(to, bool) and 0 <= to < len(self.agenda):
                self._enter(to, now)
        elif current is None:
            if do in (Action.START, Action.NEXT):
                self._enter(0, now)
        elif self.finished is not None:
            return  # it is over: only a jump back reopens it (or undo)
        elif do in (Action.START, Action.RESUME):
            if self.paused:
                self._resume(now)
        elif do is Action.PAUSE:
            if not self.paused:
                self._pause(now)
        elif do is Action.NEXT:
            if current + 1 < len(self.agenda):
                self._enter(current + 1, now)
            else:
                self._finish(now)
        elif do is Action.PREVIOUS:
            self._enter(max(current - 1, 0), now)
        elif do is Action.ADJUST:
            self.runs[current].added += round(float(entry["seconds"]) * 1000)
        elif do is Action.SET:
            seconds = max(0.0, float(entry["seconds"]))
            run = self.runs[current]
            base = self.minutes[self.agenda[current].id] * 60_000
            run.added = round(seconds * 1000) + run.elapsed(now) - base
        elif do is Action.RESTART:
            run = self.runs[current]
            run.spent, run.added = 0, 0
            run.since = None if self.paused else now
        else:  # FINISH: is_well_formed() lets through only the actions above
            self._finish(now)

    def _pause(self, now: int) -> None:
        assert self.index is not None
        run = self.runs[self.index]
        assert run.since is not None
        run.spent += now - run.since
        run.since = None
        run.pauses.append((now, None))
        self.paused = True

    def _resume(self, now: int) -> None:
        assert self.index is not None
        run = self.runs[self.index]
        run.since = now
        run.pauses[-1] = (run.pauses[-1][0], now)  # paused always has its pause open
        self.paused = False


def _spotlight(entry: Entry) -> tuple[str, str] | None:
    for what in ("note", "theme"):
        value = entry.get(what)
        if isinstance(value, str) and value:
            return what, value
    return None


def clock_digits(ms: int) -> str:
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def to_ms(seconds: float) -> int:
    """Epoch seconds (as stored in the log) to whole milliseconds."""
    return round(seconds * 1000)


def is_well_formed(entry: object) -> bool:
    """An entry we know how to replay; anything else in a log is skipped, not fatal."""
    if not isinstance(entry, Mapping):
        return False
    t, do = entry.get("t"), Action.of(entry.get("do"))
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t):
        return False
    if do is None:
        return False
    if do is Action.UNDO:
        return True
    needs = CLOCK_ACTIONS.get(do, ROOM_ACTIONS.get(do, ()))
    if any(name not in entry for name in needs):
        return False
    if do in (Action.ADJUST, Action.SET):
        value = entry["seconds"]
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )
    if do is Action.PLAN:
        return isinstance(entry["minutes"], Mapping)
    if do is Action.ROUND:
        seconds = entry["seconds"]
        return (
            isinstance(entry["tables"], list)
            and isinstance(seconds, int)
            and not isinstance(seconds, bool)
            and 5 <= seconds <= 3600
        )
    if do is Action.TURN:
        return entry["step"] in ("next", "back", "skip")
    return True


def standing(log: Iterable[object]) -> list[Entry]:
    """The entries still in force: each undo takes back the last clock action before it."""
    kept: list[Entry] = []
    for entry in log:
        if not is_well_formed(entry):
            continue
        assert isinstance(entry, Mapping)
        if entry["do"] == Action.UNDO:
            for i in range(len(kept) - 1, -1, -1):
                if kept[i]["do"] in CLOCK_ACTIONS:
                    del kept[i]
                    break
        else:
            kept.append(entry)
    return kept


def replay(agenda: Sequence[Segment], log: Iterable[object]) -> RunState:
    """The run state after every standing entry of the log."""
    machine = RunState(
        agenda=agenda,
        minutes={segment.id: segment.minutes for segment in agenda},
        runs=[SegmentRun() for _ in agenda],
    )
    for entry in standing(log):
        now = to_ms(entry["t"])
        machine.settle(now)
        machine.apply(entry, now)
    return machine
