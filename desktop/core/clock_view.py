"""The clock as the windows show it: a `ClockView` read off the run state at a moment.

Derived, never stored (as ontime keeps its runtime state apart from what it shows): the time
left, the warning level, the drift from plan, the digits and the words. No Qt, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from desktop.core.model import AtZero, Event, Segment
from desktop.core.run_log import Level, Round, RunState, Status, clock_digits
from desktop.core.timetable import parse_clock

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
    machine: RunState,
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


def _copy(machine: RunState) -> RunState:
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
