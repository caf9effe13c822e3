"""What the room display says and how loud it is, worked out without Qt.

The display renders these: the words and mark of each clock state (one wording per state),
whether "Find your table" has the screen, the overtime pulse (by the room clock, 0.5 Hz), the
line before the start, the time of day, and the contrast of two colours (WCAG 2.x), so that a
test can prove every warning stands out from the state before it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from desktop.core.clock import ClockView, Level, Round, Status, anchor, clock_digits
from desktop.core.model import Event

MOVE_MS = 120_000  # "Find your table" has the screen for the first two minutes of a breakout
PAGE_MS = 10_000  # each page of "Find your table" stays up this long
PULSE_MS = 1_000  # each half of the overtime pulse: one cycle in two seconds (0.5 Hz)

MARKS = {
    Level.CALM: "",
    Level.AMBER: "▲ ",
    Level.RED: "◆ ",
    Level.UP: "■ ",
}
PAUSED_MARK = "‖ "


@dataclass(frozen=True)
class StateLook:
    """The screen for one clock state: its background, the ink on it, and its mark."""

    background: str
    ink: str
    mark: str


# The whole screen changes with the state. Each colour is at least 3:1 against the state before
# it (calm, in both themes, then amber, red, over), and the ink on each at least 4.5:1.
WARNINGS: dict[Level, StateLook] = {
    Level.AMBER: StateLook("#B8860B", "#000000", MARKS[Level.AMBER]),
    Level.RED: StateLook("#800000", "#ffffff", MARKS[Level.RED]),
    Level.UP: StateLook("#FF5500", "#000000", MARKS[Level.UP]),
}
PULSE = "#FF8A3D"  # the other half of the overtime pulse: lighter, still 3:1 from red
MESSAGE = ("#5B2A86", "#ffffff")  # a room message: a purple no warning uses, white text


def room_state(view: ClockView) -> str:
    """The state in the room's words, with its mark: one wording per state, stable as the
    seconds go ("17 minutes left", "▲ 2 minutes left", "◆ Under 1 minute", "■ Over time")."""
    if view.status is Status.FINISHED:
        return "Thank you"
    if view.status is Status.PAUSED:
        return PAUSED_MARK + "Paused"
    mark = MARKS[view.level]
    if view.remaining <= 0:
        # The digits say by how much ("+1:20"): the words say it once, not twice.
        if view.held or view.overtime < 1000:
            return mark + "Time's up"
        return mark + "Over time"
    seconds = math.ceil(view.remaining / 1000)
    if seconds <= 60:
        return mark + "Under 1 minute"
    minutes = math.ceil(seconds / 60)
    return mark + f"{minutes} minute{'s' if minutes != 1 else ''} left"


@dataclass(frozen=True)
class TurnFace:
    """A share-back round on the room display: the speaking table and its own countdown are
    the big number; the segment's clock goes small; the next table is named."""

    speaking: str  # "Now: Table 3 of 12", or "Now: Jo's table (3 of 12)"
    digits: str  # the table's own countdown: "0:42", "0:00", "+0:05"
    words: str  # its state in words: "1 minute left", "Under 1 minute", "Time's up"
    following: str  # "Next: Table 4", "Last table"


def turn_face(turn: Round | None, now: int) -> TurnFace | None:
    """What the room sees for the table speaking now; None outside a round, or once every
    table has been heard (the segment's clock is the big number again)."""
    if turn is None or turn.turn is None:
        return None
    count = len(turn.tables)
    name, place = turn.tables[turn.turn], f"{turn.turn + 1} of {count}"
    who = f"{name} of {count}" if name == f"Table {turn.turn + 1}" else f"{name} ({place})"
    speaking = f"Now: {who}"
    left = turn.left(now)
    if left > 0:
        digits = clock_digits(math.ceil(left / 1000) * 1000)
        seconds = math.ceil(left / 1000)
        minutes = math.ceil(seconds / 60)
        words = "Under 1 minute" if seconds <= 60 else f"{minutes} minutes left"
    else:
        digits = "0:00" if -left < 1000 else "+" + clock_digits(-left // 1000 * 1000)
        words = "Time's up"
    upcoming = turn.step("next", turn.since).table
    following = f"Next: {upcoming}" if upcoming and upcoming != name else "Last table"
    return TurnFace(speaking, digits, words, following)


def pulse_on(view: ClockView) -> bool:
    """The bright half of the overtime pulse, by the room clock (never a free-running timer)."""
    return view.status is Status.OVERTIME and (max(0, view.overtime) // PULSE_MS) % 2 == 0


def plan_has_screen(view: ClockView, started: int | None, breakout: bool, pages: int = 1) -> bool:
    """Whether "Find your table" fills the screen: before the start, while people move (the
    segments before a breakout), and for the first MOVE_MS of the breakout itself, or long
    enough for every page of a big plan to come round twice."""
    if not breakout or view.status is Status.NOT_STARTED or started is None:
        return True
    return view.now - started < max(MOVE_MS, 2 * pages * PAGE_MS)


def time_of_day(now_ms: int) -> str:
    """The wall clock, small in a corner: "9:48"."""
    moment = dt.datetime.fromtimestamp(now_ms / 1000)
    return f"{moment.hour}:{moment.minute:02d}"


def before_start(event: Event, now_ms: int) -> tuple[str, str]:
    """(big, small) before the start: ("12:00", "Starts at 10:00 · in 12 min") when the event
    has a start time today and it is still ahead; ("", "Starting soon") when it has none (never
    the first segment's length read as a start time)."""
    start_ms, _ = anchor(event, now_ms, started=False)
    if start_ms is None or not event.start:
        return "", "Starting soon"
    left = start_ms - now_ms
    if left <= 0:
        return "", f"Starts at {event.start} · any moment now"
    minutes = math.ceil(left / 60_000)
    wait = f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"
    seconds = math.ceil(left / 1000)
    hours, rest = divmod(seconds, 3600)
    big = f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
    return big, f"Starts at {event.start} · in {wait}"


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of "#rrggbb" (WCAG 2.x)."""
    value = colour.lstrip("#")
    r, g, b = (_linear(int(value[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)
