"""What the note-taker's header says: the segment on now, its question, and who is speaking.

The capture window shows it above the note box, so whoever types knows what the notes are
about without looking at the console: in a share-back round the table speaking now and its
time, in a talk the speaker, and in a share-back without a question of its own the question
the tables discussed in the breakout before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.clock import ClockView, Status
from desktop.core.model import Event, Segment, SegmentKind
from desktop.core.room_face import turn_face


@dataclass(frozen=True)
class CaptureHeader:
    """Three lines; an empty one is not shown."""

    segment: str  # "Now: One thing from each table · 5 of 8"
    question: str  # "Question (from Table conversations): What do you think…"
    speaking: str  # "Speaking: Table 3 of 12 · 0:42 left · Next: Table 4"


def _question(agenda: tuple[Segment, ...], index: int) -> str:
    segment = agenda[index]
    if segment.prompt:
        return f"Question: {segment.prompt}"
    if segment.kind is SegmentKind.SHARE_BACK:  # the tables report on the breakout before
        for earlier in reversed(agenda[:index]):
            if earlier.kind is SegmentKind.BREAKOUT and earlier.prompt:
                return f"Question (from {earlier.title}): {earlier.prompt}"
    return ""


def _speaking(event: Event, view: ClockView, segment: Segment) -> str:
    turn = view.round
    if turn is not None:
        face = turn_face(turn, view.now)
        if face is None:
            return f"Every table heard ({len(turn.tables)})"
        who = face.speaking.removeprefix("Now: ")
        left = f"{face.digits} over" if face.digits.startswith("+") else f"{face.digits} left"
        return f"Speaking: {who} · {left} · {face.following}"
    person = event.contributor(segment.contributor) if segment.contributor else None
    return f"Speaking: {person.name}" if person is not None else ""


def capture_header(event: Event | None, view: ClockView | None) -> CaptureHeader:
    """The header for this moment of the session."""
    if event is None or view is None:
        return CaptureHeader("No event open", "", "")
    agenda = event.agenda
    if not agenda:
        return CaptureHeader("The agenda is empty: notes are kept without a segment", "", "")
    if view.status is Status.FINISHED:
        return CaptureHeader("Finished: every segment has run", "", "")
    if view.status is Status.NOT_STARTED or view.index is None or view.index >= len(agenda):
        return CaptureHeader(
            f"Not started yet · first: {agenda[0].title}", _question(agenda, 0), ""
        )
    segment = agenda[view.index]
    paused = " · paused" if view.status is Status.PAUSED else ""
    return CaptureHeader(
        f"Now: {segment.title} · {view.index + 1} of {len(agenda)}{paused}",
        _question(agenda, view.index),
        _speaking(event, view, segment),
    )
