"""The session clock: where the room is in the agenda, how long is left, and how late we run.

The clock is a fold over the run log. Every facilitator action is an entry
``{"t": <epoch seconds>, "do": <action>, ...}`` appended to the log and saved; the state at any
moment is the log replayed against the wall clock. So a restart, a crash or a laptop that slept
through ten minutes of a breakout all come back with the right time left: nothing counts seconds,
everything is measured from timestamps. Undo is an entry too, which takes back the last clock
action still standing; the log itself is never rewritten.

Times are whole milliseconds inside (``int``), so a three-hour run has no rounding drift.
No Qt and no I/O: the clock reading is passed in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from desktop.core.model import AtZero, Event, Segment, SegmentKind
from desktop.core.timetable import parse_clock

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


# What each action needs besides "t" and "do"; anything else in an entry is ignored.
CLOCK_ACTIONS = {
    "start": (),
    "pause": (),
    "resume": (),
    "next": (),
    "previous": (),
    "jump": ("to",),  # index into the agenda
    "adjust": ("seconds",),  # + adds time to the current segment, - takes it away
    "set": ("seconds",),  # exactly this many seconds left
    "restart": (),
    "finish": (),
    "plan": ("minutes",),  # new planned minutes by segment id (catch up)
}
# The room display, not the clock. A spotlight has "note" (an id) or "theme"; neither clears it.
# A share-back round: "round" with "tables" (names; [] ends it) and "seconds" each, then
# "turn" with "step": "next", "back" or "skip" (skipped tables come round again at the end).
ROOM_ACTIONS = {
    "message": ("text",),
    "blank": ("on",),
    "spotlight": (),
    "round": ("tables", "seconds"),
    "turn": ("step",),
}
UNDO = "undo"

# Catch up never trims a segment below this many minutes (or its planned length, if shorter).
MINIMUM_MINUTES: dict[SegmentKind, int] = {
    SegmentKind.WELCOME: 2,
    SegmentKind.TALK: 5,
    SegmentKind.BREAKOUT: 5,
    SegmentKind.SHARE_BACK: 3,
    SegmentKind.REFLECTION: 3,
    SegmentKind.BREAK: 5,
    SegmentKind.FEEDBACK: 2,
    SegmentKind.CLOSE: 2,
    SegmentKind.CUSTOM: 2,
}
BREAK_KEEPS = 0.5  # and a break keeps at least half of what was planned


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
class _Machine:
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
        do = entry["do"]
        if do == "message":
            self.message = str(entry["text"])
            return
        if do == "blank":
            self.blank = bool(entry["on"])
            return
        if do == "spotlight":
            self.spotlight = _spotlight(entry)
            return
        if do == "round":
            tables = tuple(str(t) for t in entry["tables"] if str(t).strip())
            seconds = entry["seconds"]
            self.round = Round(tables, int(seconds), 0, now, frozenset({0})) if tables else None
            return
        if do == "turn":
            if self.round is not None:
                self.round = self.round.step(str(entry["step"]), now)
            return
        if do == "plan":
            for ident, minutes in entry["minutes"].items():
                if ident in self.minutes and isinstance(minutes, int) and minutes > 0:
                    self.minutes[ident] = minutes
            return
        if not self.agenda:
            return
        current = self.index
        if do == "jump":
            to = entry["to"]
            if isinstance(to, int) and not isinstance(to, bool) and 0 <= to < len(self.agenda):
                self._enter(to, now)
        elif current is None:
            if do in ("start", "next"):
                self._enter(0, now)
        elif self.finished is not None:
            return  # it is over: only a jump back reopens it (or undo)
        elif do in ("start", "resume"):
            if self.paused:
                self._resume(now)
        elif do == "pause":
            if not self.paused:
                self._pause(now)
        elif do == "next":
            if current + 1 < len(self.agenda):
                self._enter(current + 1, now)
            else:
                self._finish(now)
        elif do == "previous":
            self._enter(max(current - 1, 0), now)
        elif do == "adjust":
            self.runs[current].added += round(float(entry["seconds"]) * 1000)
        elif do == "set":
            seconds = max(0.0, float(entry["seconds"]))
            run = self.runs[current]
            base = self.minutes[self.agenda[current].id] * 60_000
            run.added = round(seconds * 1000) + run.elapsed(now) - base
        elif do == "restart":
            run = self.runs[current]
            run.spent, run.added = 0, 0
            run.since = None if self.paused else now
        else:  # "finish": is_well_formed() lets through only the actions above
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


def to_ms(seconds: float) -> int:
    """Epoch seconds (as stored in the log) to whole milliseconds."""
    return round(seconds * 1000)


def is_well_formed(entry: object) -> bool:
    """An entry we know how to replay; anything else in a log is skipped, not fatal."""
    if not isinstance(entry, Mapping):
        return False
    t, do = entry.get("t"), entry.get("do")
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t):
        return False
    if do == UNDO:
        return True
    needs = CLOCK_ACTIONS.get(do) if isinstance(do, str) else None
    if needs is None:
        needs = ROOM_ACTIONS.get(do) if isinstance(do, str) else None
    if needs is None or any(name not in entry for name in needs):
        return False
    if do in ("adjust", "set"):
        value = entry["seconds"]
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )
    if do == "plan":
        return isinstance(entry["minutes"], Mapping)
    if do == "round":
        seconds = entry["seconds"]
        return (
            isinstance(entry["tables"], list)
            and isinstance(seconds, int)
            and not isinstance(seconds, bool)
            and 5 <= seconds <= 3600
        )
    if do == "turn":
        return entry["step"] in ("next", "back", "skip")
    return True


def standing(log: Iterable[object]) -> list[Entry]:
    """The entries still in force: each undo takes back the last clock action before it."""
    kept: list[Entry] = []
    for entry in log:
        if not is_well_formed(entry):
            continue
        assert isinstance(entry, Mapping)
        if entry["do"] == UNDO:
            for i in range(len(kept) - 1, -1, -1):
                if kept[i]["do"] in CLOCK_ACTIONS:
                    del kept[i]
                    break
        else:
            kept.append(entry)
    return kept


def replay(agenda: Sequence[Segment], log: Iterable[object]) -> _Machine:
    """The run state after every standing entry of the log."""
    machine = _Machine(
        agenda=agenda,
        minutes={segment.id: segment.minutes for segment in agenda},
        runs=[SegmentRun() for _ in agenda],
    )
    for entry in standing(log):
        now = to_ms(entry["t"])
        machine.settle(now)
        machine.apply(entry, now)
    return machine


# ----------------------------------------------------------------------------- the view


@dataclass(frozen=True)
class Actual:
    """A segment as planned and as it went, for the agenda table and the timing report."""

    segment: Segment
    minutes: int  # planned minutes now (after any catch up)
    started: int | None
    ended: int | None
    elapsed: int
    added: int
    paused: int
    pauses: tuple[tuple[int, int | None], ...]


@dataclass(frozen=True)
class ClockView:
    """Everything the console and the room display show, at one moment."""

    now: int
    status: Status
    index: int | None
    segment: Segment | None
    next_segment: Segment | None
    elapsed: int  # in the current segment, ms
    allowed: int  # planned plus added, ms
    remaining: int  # allowed - elapsed: negative in overtime
    level: Level
    planned_finish: int | None
    projected_finish: int | None
    message: str
    blank: bool
    spotlight: tuple[str, str] | None
    round: Round | None
    actuals: tuple[Actual, ...]

    @property
    def overtime(self) -> int:
        return max(0, -self.remaining)

    @property
    def held(self) -> bool:
        """At zero on a segment that holds there rather than counting over."""
        return self.segment is not None and self.segment.at_zero is AtZero.HOLD

    @property
    def shown(self) -> int:
        """What the big clock shows, ms: time left, or time over (positive) once it is up."""
        if self.remaining > 0 or self.segment is None:
            return max(self.remaining, 0)
        return 0 if self.held else self.overtime

    @property
    def progress(self) -> float:
        """How far through its time the current segment is, 0 to 1."""
        if self.allowed <= 0:
            return 1.0
        return min(1.0, max(0.0, self.elapsed / self.allowed))

    @property
    def drift(self) -> int | None:
        """Projected minus planned finish, ms: positive when running late."""
        if self.planned_finish is None or self.projected_finish is None:
            return None
        return self.projected_finish - self.planned_finish


def countdown(view: ClockView) -> str:
    """The big digits: "9:59", "1:05:00", "0:00", "+1:20"."""
    if view.status is Status.NOT_STARTED or view.segment is None:
        if view.segment is None:
            return "0:00"
        return clock_digits(view.allowed)
    shown = view.shown
    if view.remaining > 0:
        return clock_digits(math.ceil(shown / 1000) * 1000)
    if shown == 0:
        return "0:00"
    return "+" + clock_digits(shown // 1000 * 1000)


def clock_digits(ms: int) -> str:
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def state_words(view: ClockView) -> str:
    """The state in words, for people who can't tell amber from red: "2 minutes left"."""
    if view.status is Status.NOT_STARTED:
        return "Not started"
    if view.status is Status.FINISHED:
        return "Finished"
    if view.status is Status.PAUSED:
        return "Paused"
    if view.remaining <= 0:
        if view.held or view.overtime < 1000:
            return "Time's up"
        return f"{countdown(view)} over"
    seconds = math.ceil(view.remaining / 1000)
    if seconds <= 60:
        return f"{seconds} second{'s' if seconds != 1 else ''} left"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes left" if seconds % 60 == 0 else f"Under {minutes} minutes left"


def next_change(view: ClockView) -> int | None:
    """Milliseconds until the big digits next change; None while they stand still."""
    if view.status not in (Status.RUNNING, Status.OVERTIME) or (view.held and view.remaining <= 0):
        return None
    if view.remaining > 0:
        return (view.remaining - 1) % 1000 + 1
    return 1000 - view.overtime % 1000


def _level(segment: Segment, remaining: int) -> Level:
    if remaining <= 0:
        return Level.UP
    if remaining <= segment.red_seconds * 1000:
        return Level.RED
    if remaining <= segment.amber_seconds * 1000:
        return Level.AMBER
    return Level.CALM


def look(
    machine: _Machine,
    now: int,
    *,
    planned_start: int | None = None,
    planned_finish: int | None = None,
) -> ClockView:
    """The view of a replayed machine at `now` (ms). Does not change the machine."""
    machine = _copy(machine)
    machine.settle(now)
    agenda = machine.agenda
    i = machine.index
    actuals = tuple(
        Actual(
            segment=segment,
            minutes=machine.minutes[segment.id],
            started=run.started,
            ended=run.ended,
            elapsed=run.elapsed(now),
            added=run.added,
            paused=sum(((end or now) - start) for start, end in run.pauses),
            pauses=tuple(run.pauses),
        )
        for segment, run in zip(agenda, machine.runs, strict=True)
    )
    later = range((i if i is not None else 0) + 1, len(agenda))
    rest = sum(machine.allowed(j) for j in later)
    if not agenda:
        status, segment, nxt, elapsed, allowed = Status.NOT_STARTED, None, None, 0, 0
        projected = None
    elif i is None:
        status, segment, nxt = Status.NOT_STARTED, agenda[0], agenda[1] if len(agenda) > 1 else None
        elapsed, allowed = 0, machine.allowed(0)
        begin = max(now, planned_start) if planned_start is not None else now
        projected = begin + allowed + rest
    else:
        segment = agenda[i]
        nxt = agenda[i + 1] if i + 1 < len(agenda) and machine.finished is None else None
        run = machine.runs[i]
        elapsed, allowed = run.elapsed(now), machine.allowed(i)
        if machine.finished is not None:
            status, projected = Status.FINISHED, machine.finished
        else:
            if machine.paused:
                status = Status.PAUSED
            elif allowed - elapsed <= 0:
                status = Status.OVERTIME
            else:
                status = Status.RUNNING
            projected = now + max(allowed - elapsed, 0) + rest
    if planned_finish is None and planned_start is not None:
        planned_finish = planned_start + sum(s.minutes for s in agenda) * 60_000
    remaining = allowed - elapsed
    return ClockView(
        now=now,
        status=status,
        index=i,
        segment=segment,
        next_segment=nxt,
        elapsed=elapsed,
        allowed=allowed,
        remaining=remaining,
        level=_level(segment, remaining) if segment is not None and i is not None else Level.CALM,
        planned_finish=planned_finish,
        projected_finish=projected,
        message=machine.message,
        blank=machine.blank,
        spotlight=machine.spotlight,
        round=machine.round,
        actuals=actuals,
    )


def _copy(machine: _Machine) -> _Machine:
    runs = [replace(run, pauses=list(run.pauses)) for run in machine.runs]
    return replace(machine, minutes=dict(machine.minutes), runs=runs)


# ----------------------------------------------------------------------------- the day


def anchor(event: Event, reference: int, *, started: bool = True) -> tuple[int | None, int | None]:
    """The planned start and finish (ms) on the day of `reference` (the first start, or now).

    The event's date may be last year's template; what matters on the day is the clock time.
    A start more than six hours from the reference means the room is not running to the
    printed times, so there is nothing to be behind. Nor is there before the run has
    `started` on a day before the event's date (the organiser planning ahead).
    """
    start = parse_clock(event.start)
    if start is None:
        return None, None
    day = dt.datetime.fromtimestamp(reference / 1000).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    if not started and event.date > day.date().isoformat():
        return None, None
    start_ms = _ms(day + dt.timedelta(minutes=start))
    if abs(start_ms - reference) > 6 * 3_600_000:
        return None, None
    finish = parse_clock(event.finish)
    if finish is None:
        return start_ms, None
    finish_ms = _ms(day + dt.timedelta(minutes=finish if finish > start else finish + 1440))
    return start_ms, finish_ms


def _ms(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def hhmm(ms: int) -> str:
    """Local clock time of a moment, "12:36"."""
    return dt.datetime.fromtimestamp(ms / 1000).strftime("%H:%M")


def drift_words(view: ClockView) -> str:
    """ "6 min behind — finishing 12:36, planned 12:30"; "" when there is no projection."""
    if view.projected_finish is None:
        return ""
    finishing = hhmm(view.projected_finish)
    verb = "finished" if view.status is Status.FINISHED else "finishing"
    drift = view.drift
    if drift is None or view.planned_finish is None:
        return f"{verb.capitalize()} {finishing}"
    minutes = round(drift / 60_000)
    planned = hhmm(view.planned_finish)
    if minutes == 0:
        return f"On time — {verb} {finishing}, planned {planned}"
    side = "behind" if minutes > 0 else "ahead"
    return f"{abs(minutes)} min {side} — {verb} {finishing}, planned {planned}"


# ----------------------------------------------------------------------------- catch up


@dataclass(frozen=True)
class Proposal:
    """New minutes for the segments still to come, so the event finishes on time."""

    changes: tuple[tuple[Segment, int, int], ...]  # segment, minutes now, proposed minutes
    saves: int  # minutes saved
    late_by: int  # minutes late still after it (0 when it catches up fully)

    @property
    def minutes(self) -> dict[str, int]:
        """For the log: `session.do("plan", minutes=proposal.minutes)`."""
        return {s.id: new for s, _, new in self.changes}

    def describe(self) -> list[str]:
        lines = [f"{s.title}: {old} → {new} min" for s, old, new in self.changes if old != new]
        if self.late_by:
            lines.append(
                f"Still {self.late_by} min late: the rest is at its shortest. "
                "Cut a segment, or tell the room."
            )
        return lines


def shortest(segment: Segment, minutes: int) -> int:
    """The fewest minutes catch up may leave a segment of this kind."""
    floor = MINIMUM_MINUTES[segment.kind]
    if segment.kind is SegmentKind.BREAK:
        floor = max(floor, math.ceil(minutes * BREAK_KEEPS))
    return min(minutes, floor)


def propose_catch_up(view: ClockView) -> Proposal | None:
    """Trim the segments still to come in proportion to finish on time; None when not late.

    Each gives up time in proportion to its length, none below `shortest`; whole minutes,
    rounded so that the trims add up to what is needed.
    """
    drift = view.drift
    if drift is None or view.status is Status.FINISHED or drift < 60_000:
        return None
    first = 0 if view.index is None else view.index + 1
    if view.index is None:
        first = 1  # the first segment is about to start: leave it be
    coming = [a for a in view.actuals[first:]]
    if not coming:
        return None
    need = math.ceil(drift / 60_000)
    spare = {a.segment.id: a.minutes - shortest(a.segment, a.minutes) for a in coming}
    cuts = _share(need, [(a.segment.id, a.minutes, spare[a.segment.id]) for a in coming])
    changes = tuple((a.segment, a.minutes, a.minutes - cuts[a.segment.id]) for a in coming)
    saved = sum(cuts.values())
    if not saved:
        return Proposal(changes=(), saves=0, late_by=need)
    return Proposal(
        changes=tuple(c for c in changes if c[1] != c[2]), saves=saved, late_by=need - saved
    )


def _share(need: int, items: list[tuple[str, int, int]]) -> dict[str, int]:
    """Whole-minute cuts adding up to `need` (or all the spare), in proportion to length."""
    cuts = {ident: 0 for ident, _, _ in items}
    open_items = [(ident, length, spare) for ident, length, spare in items if spare > 0]
    left = min(need, sum(spare for _, _, spare in open_items))
    while left > 0 and open_items:
        total = sum(length for _, length, _ in open_items)
        shares = [(ident, left * length / total, spare) for ident, length, spare in open_items]
        # Largest remainder: floor each share, give the leftover minutes to the biggest fractions.
        given = {ident: min(math.floor(share), spare) for ident, share, spare in shares}
        short = left - sum(given.values())
        for ident, _, spare in sorted(shares, key=lambda s: s[1] - math.floor(s[1]), reverse=True):
            if short <= 0:
                break
            if given[ident] < spare:
                given[ident] += 1
                short -= 1
        for ident, cut in given.items():
            cuts[ident] += cut
        left -= sum(given.values())
        open_items = [
            (ident, length, spare - given[ident])
            for ident, length, spare in open_items
            if spare - given[ident] > 0
        ]  # each pass gives at least a minute (left > 0 and someone has spare), so it ends
    return cuts


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

    def do(self, action: str, **fields: Any) -> Entry:
        """Record an action at the current time; returns the log entry (already applied)."""
        entry: dict[str, Any] = {"t": round(self._clock(), 3), "do": action, **fields}
        if not is_well_formed(entry):
            raise ValueError(f"not a clock action: {entry!r}")
        self.log.append(entry)
        if action == UNDO:
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
        moves = ("start", "next", "jump")
        return next((to_ms(e["t"]) for e in standing(self.log) if e["do"] in moves), None)

    def view(self, now: int | None = None) -> ClockView:
        now = self.now() if now is None else now
        started = self.first_start()
        start, finish = anchor(
            self.event, started if started is not None else now, started=started is not None
        )
        return look(self._machine, now, planned_start=start, planned_finish=finish)


def parse_time_left(text: str) -> int | None:
    """Seconds from what a facilitator types: "5" (minutes), "4:30", "1:05:00"; None if unclear."""
    parts = text.strip().replace(".", ":").split(":")
    if not parts or len(parts) > 3 or not all(p.strip().isdigit() for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return numbers[0] * 60
    if any(n >= 60 for n in numbers[1:]):
        return None
    seconds = 0
    for n in numbers:
        seconds = seconds * 60 + n
    return seconds
