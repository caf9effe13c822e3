"""Clock times for an agenda: when each segment starts and ends, and how long it all takes."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Event, Segment


@dataclass(frozen=True)
class Slot:
    """A segment placed on the clock; minutes count from midnight (None: no start time set)."""

    segment: Segment
    start: int | None
    end: int | None


def parse_clock(value: str) -> int | None:
    """Minutes since midnight for "HH:MM"; None for "" or anything else."""
    hours, sep, minutes = value.partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit()):
        return None
    return int(hours) * 60 + int(minutes)


def format_clock(minutes: int) -> str:
    """ "HH:MM" for minutes since midnight (wrapping past midnight)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_duration(minutes: int) -> str:
    """ "55 min", "2 h", "1 h 55 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def format_minutes_seconds(seconds: int) -> str:
    """ "2:00" for 120 seconds, "0:30" for 30: how a warning reads to the facilitator."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def timetable(event: Event) -> list[Slot]:
    """Every segment with its planned start and end."""
    clock = parse_clock(event.start)
    slots = []
    for segment in event.agenda:
        end = None if clock is None else clock + segment.minutes
        slots.append(Slot(segment, clock, end))
        clock = end
    return slots


def fit(event: Event) -> str:
    """How the agenda sits against the planned finish, in words ("" when there is no finish)."""
    start, finish = parse_clock(event.start), parse_clock(event.finish)
    if start is None or finish is None or not event.agenda:
        return ""
    ends = start + event.planned_minutes
    over = ends - finish
    if over > 0:
        return f"ends {format_clock(ends)} — {over} min past your {event.finish} finish"
    if over < 0:
        return f"ends {format_clock(ends)} — {-over} min to spare before {event.finish}"
    return f"ends {format_clock(ends)} — exactly on your {event.finish} finish"
