"""What the live views in the room's browsers show, and when to tell them: no Qt, no I/O.

Two read-only views follow the clock over Room Wi-Fi: `/clock` (the room display's countdown,
state words and colours, the segment and the room message: a second screen, a breakout room's
TV) and `/speaker` (a stage timer: the countdown, what's next, messages for the speaker only and
a flashing "wrap up"). Each is a small JSON "face" that stays the same while the clock simply
runs: the digits are not in it, only the instant the segment ends on the laptop's clock
(`ends_at`, epoch ms). The server stamps every message with the laptop's time as it leaves
(`now`), so the browser knows its offset from the laptop and ticks the digits by itself without
drifting. A face changes, and is sent again, only when something a viewer sees changes: pause,
next, +1 min, a warning level, the words ("17 minutes left" once a minute), a message.

`ViewsFeed.update(view, event)` returns the faces that changed since it last looked; the app
calls it on every clock tick and action, and hands what it returns to the server.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from desktop.core.clock import ClockView, Level, Status, countdown
from desktop.core.model import SEGMENT_WORDS, Event
from desktop.core.room_face import WARNINGS, before_start, room_state, turn_face

CLOCK = "clock"
SPEAKER = "speaker"
VIEWS = (CLOCK, SPEAKER)
WRAP_UP_MS = 15_000  # "wrap up" flashes on the speaker's screen this long
# A calm screen is the room display's dark theme (ui/theme.DARK): a TV reads best on near-black.
CALM = ("#101418", "#f4f4f4")
PAUSED = ("#3a3f46", "#ffffff")  # grey, as the display's paused pill; 11:1 for the ink

Face = dict[str, Any]


@dataclass
class Backstage:
    """What the facilitator sends the speaker alone: a message, and "wrap up" until an instant."""

    message: str = ""
    wrap_up_until: int = 0  # epoch ms; 0 when never asked


def _ticking(view: ClockView) -> bool:
    return view.status in (Status.RUNNING, Status.OVERTIME)


def _colours(view: ClockView) -> tuple[str, str]:
    if view.status is Status.PAUSED:
        return PAUSED
    if view.status in (Status.RUNNING, Status.OVERTIME) and view.level is not Level.CALM:
        look = WARNINGS[view.level]
        return look.background, look.ink
    return CALM


def _clock_part(view: ClockView) -> Face:
    """The countdown as the browser ticks it: `ends_at` while it runs (the digits are worked out
    there), else the digits to show still."""
    ticking = _ticking(view)
    background, ink = _colours(view)
    return {
        "status": view.status.value,
        "level": view.level.value,
        "ticking": ticking,
        "ends_at": view.now + view.remaining if ticking else None,
        "held": view.held,  # at zero it holds "0:00" rather than counting over
        "digits": "" if ticking else countdown(view),
        "background": background,
        "ink": ink,
    }


def _turn(view: ClockView) -> Face | None:
    turn = turn_face(view.round, view.now)
    if turn is None or view.round is None:
        return None
    left = view.round.left(view.now)
    return {
        "speaking": turn.speaking,
        "following": turn.following,
        "ends_at": view.now + left if _ticking(view) else None,
        "digits": "" if _ticking(view) else turn.digits,
    }


def clock_face(view: ClockView | None, event: Event | None) -> Face:
    """The /clock view: the room display's countdown, words and colours, segment and message."""
    if view is None or event is None:
        return {
            "view": CLOCK,
            "title": "In the Room",
            "status": "none",
            "level": "calm",
            "ticking": False,
            "ends_at": None,
            "held": False,
            "digits": "",
            "background": CALM[0],
            "ink": CALM[1],
            "segment": "",
            "kind": "",
            "words": "Waiting for the facilitator",
            "message": "",
            "next": "",
            "turn": None,
        }
    segment = view.segment
    words = room_state(view)
    kind = ""
    if view.status is Status.NOT_STARTED:
        big, words = before_start(event, view.now)
        words = words if big else "Starting soon"
    if segment is not None:
        kind = SEGMENT_WORDS.get(segment.kind, "")
        kind = "" if kind.casefold() == segment.title.casefold() else kind
    following = view.next_segment
    return {
        "view": CLOCK,
        "title": event.title,
        **_clock_part(view),
        "segment": segment.title if segment is not None else "",
        "kind": kind,
        "words": words,
        "message": view.message,
        "next": f"Next: {following.title}" if following is not None else "",
        "turn": _turn(view),
    }


def speaker_face(view: ClockView | None, event: Event | None, backstage: Backstage) -> Face:
    """The /speaker view: the stage timer, what's next, and what is for the speaker only."""
    face = clock_face(view, event)
    face["view"] = SPEAKER
    face["backstage"] = backstage.message
    face["wrap_up_until"] = backstage.wrap_up_until or None
    if view is not None and event is not None:
        following = view.next_segment
        if following is not None:
            who = event.contributor(following.contributor) if following.contributor else None
            by = f" · {who.name}" if who is not None else ""
            face["next"] = f"Next: {following.title} ({following.minutes} min){by}"
        elif view.status is not Status.FINISHED:
            face["next"] = "Last segment"
    return face


def remaining_at(face: Face, now: int) -> int | None:
    """Ms left at `now` (laptop ms) by a face, as the browser works it out; None when still."""
    ends_at = face.get("ends_at")
    return None if ends_at is None else int(ends_at) - now


def digits_at(face: Face, now: int) -> str:
    """The big digits at `now` by a face: what the browser shows (the same rounding as the
    room display's `countdown`)."""
    left = remaining_at(face, now)
    if left is None:
        return str(face.get("digits", ""))
    if left > 0:
        return _mmss(math.ceil(left / 1000))
    if face.get("held") or -left < 1000:
        return "0:00"
    return "+" + _mmss(-left // 1000)


def _mmss(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ViewsFeed:
    """Decides what each live view is told, and when: only faces that changed.

    `update` is called with the clock's view on every tick and action; a face that is the same
    as last sent returns nothing, so a running clock sends nothing at all between changes."""

    def __init__(self) -> None:
        self.backstage = Backstage()
        self._sent: dict[str, Face] = {}
        self._now = 0

    def faces(self, view: ClockView | None, event: Event | None) -> dict[str, Face]:
        """Every view's face now, changed or not (what a newly connected browser gets)."""
        if view is not None:
            self._now = view.now
        backstage = self.backstage
        if backstage.wrap_up_until and backstage.wrap_up_until <= self._now:
            self.backstage = backstage = Backstage(backstage.message, 0)
        return {CLOCK: clock_face(view, event), SPEAKER: speaker_face(view, event, backstage)}

    def update(self, view: ClockView | None, event: Event | None) -> dict[str, Face]:
        """The faces that changed since the last update: send these, and only these."""
        changed = {}
        for name, face in self.faces(view, event).items():
            if self._sent.get(name) != face:
                self._sent[name] = face
                changed[name] = face
        return changed

    def say_to_speaker(self, text: str) -> None:
        """A message on the speaker's screen only (empty clears it)."""
        self.backstage = Backstage(" ".join(text.split())[:280], self.backstage.wrap_up_until)

    def wrap_up(self, now: int) -> None:
        """Flash "wrap up" on the speaker's screen for WRAP_UP_MS from `now` (laptop ms); again
        while it flashes stops it."""
        until = 0 if self.backstage.wrap_up_until > now else now + WRAP_UP_MS
        self.backstage = Backstage(self.backstage.message, until)
