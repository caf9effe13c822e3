"""The event's table plan read for people: who sits where, in which round, for which breakout.

The planner (`desktop.core.planner`) works on numbers; this module speaks the event's language
(participants, "Table 3", the agenda's breakouts) for the room display, capture, the handout
and the CLI. No Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.model import Event, Participant, SegmentKind
from desktop.core.names import name_key


def table_label(index: int) -> str:
    """The name of the table at 0-based `index`: "Table 1" for 0."""
    return f"Table {index + 1}"


@dataclass(frozen=True)
class Seat:
    """One table in one round: its name and who sits there (roster order is the plan's)."""

    label: str
    people: tuple[Participant, ...]


def rounds(event: Event) -> int:
    """How many rounds the plan has (0 without a plan)."""
    return len(event.tables.rounds)


def seating(event: Event, round_index: int) -> list[Seat]:
    """The tables of one round (0-based), people as on the roster; unknown ids are skipped."""
    if not 0 <= round_index < rounds(event):
        return []
    people = {p.id: p for p in event.participants}
    return [
        Seat(table_label(t), tuple(people[i] for i in table if i in people))
        for t, table in enumerate(event.tables.rounds[round_index])
    ]


def round_for_segment(event: Event, segment_index: int) -> int | None:
    """The 0-based round a breakout segment uses: the n-th breakout takes round n, and the last
    round once there are more breakouts than rounds. None for other segments or with no plan."""
    if not rounds(event) or not 0 <= segment_index < len(event.agenda):
        return None
    if event.agenda[segment_index].kind is not SegmentKind.BREAKOUT:
        return None
    before = sum(1 for s in event.agenda[:segment_index] if s.kind is SegmentKind.BREAKOUT)
    return min(before, rounds(event) - 1)


# Segments in which people arrive or move between tables: during them the room display shows the
# round of the breakout that follows. Talks keep the screen for the speaker; a share-back, a
# reflection or feedback is heard or done where people already sit, so seating them for the next
# round then would start the move too early.
_MOVING = frozenset({SegmentKind.WELCOME, SegmentKind.BREAK, SegmentKind.CUSTOM})


def round_on_screen(event: Event, segment_index: int) -> int | None:
    """The 0-based round whose tables the room display shows during a segment, None for none.

    A breakout shows its own round (`round_for_segment`). The segments just before a breakout
    in which people arrive or move (welcome, break, custom: "Change tables") show the round of
    that coming breakout, and the opening segment of that kind shows round 1 whatever follows
    it: people find their seats as they arrive. Talks, share-backs and the rest show none.
    """
    if not rounds(event) or not 0 <= segment_index < len(event.agenda):
        return None
    if event.agenda[segment_index].kind is SegmentKind.BREAKOUT:
        return round_for_segment(event, segment_index)
    if event.agenda[segment_index].kind not in _MOVING:
        return None
    for later in range(segment_index + 1, len(event.agenda)):
        kind = event.agenda[later].kind
        if kind is SegmentKind.BREAKOUT:
            return round_for_segment(event, later)
        if kind not in _MOVING:
            break
    return 0 if segment_index == 0 else None


def table_labels(event: Event) -> list[str]:
    """Table names across the plan (the largest round's count), [] with no plan."""
    most = max((len(r) for r in event.tables.rounds), default=0)
    return [table_label(t) for t in range(most)]


def table_of(event: Event, round_index: int, person_id: str) -> str:
    """The table a person sits at in a round, "" if not seated."""
    if not 0 <= round_index < rounds(event):
        return ""
    for t, table in enumerate(event.tables.rounds[round_index]):
        if person_id in table:
            return table_label(t)
    return ""


@dataclass(frozen=True)
class Placement:
    """One person and their table in each round ("" for a round they are not seated in)."""

    person: Participant
    tables: tuple[str, ...]


def placements(event: Event, key: Callable[[str], str] = name_key) -> list[Placement]:
    """Everyone seated in some round, with their table per round, sorted by `key` of their
    name (first name first by default; `surname_key` for a list by surname)."""
    where: dict[str, list[str]] = {}
    count = rounds(event)
    for r, tables in enumerate(event.tables.rounds):
        for t, table in enumerate(tables):
            for person_id in table:
                where.setdefault(person_id, [""] * count)[r] = table_label(t)
    seated = [Placement(p, tuple(where[p.id])) for p in event.participants if p.id in where]
    return sorted(seated, key=lambda placed: (key(placed.person.name), placed.person.id))
