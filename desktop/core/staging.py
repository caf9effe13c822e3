"""The moment a snapshot draws (`intheroom snapshot`): a run log staged so that a segment has
a given time left, or the room before the start or after the end, as if the event had run to
time until then. Pure: the picture itself is drawn by `desktop.app.snapshot_png`.
"""

from __future__ import annotations

import datetime as dt

from desktop.core.clock import Entry, anchor
from desktop.core.model import Event
from desktop.core.timetable import parse_clock


def staged_log(
    event: Event, segment: int, now: float, left: float | None = None
) -> tuple[list[Entry], float]:
    """A run log that reaches `segment` (0-based) on time, and the moment to show it at: a
    third of the way through, or with `left` seconds to go (negative: that much over)."""
    start_ms, _ = anchor(event, round(now * 1000))
    start = start_ms / 1000 if start_ms is not None else now
    log: list[Entry] = [{"t": start, "do": "start"}]
    began = start
    for done in event.agenda[:segment]:
        began += done.minutes * 60
        log.append({"t": began, "do": "next"})
    length = event.agenda[segment].minutes * 60
    return log, began + (length / 3 if left is None else length - left)


BEFORE_S = 12 * 60  # `--at before` shows the room this long before the start


def staged_moment(event: Event, at: str, now: float) -> tuple[list[Entry], float]:
    """`--at before`: no run yet, BEFORE_S before today's start time (or now, without one);
    `--at end`: the whole agenda run to time and finished, a minute after."""
    if at == "before":
        start = parse_clock(event.start)
        if start is None:
            return [], now
        day = dt.datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return [], (day + dt.timedelta(minutes=start)).timestamp() - BEFORE_S
    log, _ = staged_log(event, 0, now)
    finish = log[0]["t"] + sum(s.minutes * 60 for s in event.agenda)
    log.append({"t": finish, "do": "finish"})
    return log, finish + 60


def parse_left(value: str) -> float:
    """ "4:30" is four and a half minutes left; "-1:20" is 1:20 over time; "1:05:00" too."""
    text = value.strip()
    sign = -1 if text.startswith("-") else 1
    parts = text.lstrip("+-").split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or int(parts[-1]) > 59:
        raise ValueError(f"expected M:SS like 4:30 (or -1:20 for 1:20 over), got {value!r}")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return float(sign * seconds)
