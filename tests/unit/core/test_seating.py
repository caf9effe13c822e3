"""The table plan read for people: which round the room display shows when, who sits where."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from desktop.core.model import Event, Participant, Segment, SegmentKind, TablePlan
from desktop.core.names import name_key, surname_key
from desktop.core.seating import placements, round_for_segment, round_on_screen
from desktop.store.templates import load_template

W, T, B, BR, S, R, F, C, X = (
    SegmentKind.WELCOME,
    SegmentKind.TALK,
    SegmentKind.BREAKOUT,
    SegmentKind.BREAK,
    SegmentKind.SHARE_BACK,
    SegmentKind.REFLECTION,
    SegmentKind.FEEDBACK,
    SegmentKind.CLOSE,
    SegmentKind.CUSTOM,
)


def agenda_event(*kinds: SegmentKind, rounds: int = 3) -> Event:
    """An event with this agenda and a plan of `rounds` rounds of two tables."""
    agenda = tuple(
        Segment(id=f"s{i}", kind=kind, title=f"{kind.value} {i}", minutes=10)
        for i, kind in enumerate(kinds)
    )
    plan = tuple((("p1",), ("p2",)) for _ in range(rounds))
    people = (Participant(id="p1", name="Mòrag"), Participant(id="p2", name="Łukasz"))
    return Event(title="x", agenda=agenda, participants=people, tables=TablePlan(rounds=plan))


def on_screen(event: Event) -> list[int | None]:
    return [round_on_screen(event, i) for i in range(len(event.agenda))]


def test_the_world_cafe_shows_each_round_while_people_arrive_or_change_tables() -> None:
    cafe = load_template("world-cafe")
    event = replace(cafe, tables=agenda_event(rounds=3).tables)
    shown = list(zip((s.title for s in event.agenda), on_screen(event), strict=True))
    assert shown == [
        ("Welcome and café etiquette", 0),  # arrival: round 1
        ("Round 1", 0),
        ("Change tables", 1),  # the move to round 2
        ("Round 2", 1),
        ("Change tables", 2),
        ("Round 3", 2),
        ("Harvest", None),
        ("Personal reflections", None),
        ("Close", None),
    ]


def test_the_opening_segment_shows_round_1_even_with_talks_before_the_first_breakout() -> None:
    community = load_template("community-event")
    event = replace(community, tables=agenda_event(rounds=1).tables)
    assert [s.kind for s in event.agenda][:4] == [W, T, T, B]
    assert on_screen(event)[:5] == [0, None, None, 0, None]


@pytest.mark.parametrize(
    ("kinds", "shown"),
    [
        # The run of arrival and moving segments just before a breakout shows its round.
        ((T, B, BR, X, B, S), [None, 0, 1, 1, 1, None]),
        # A talk breaks the run: the break before it shows nothing.
        ((B, BR, T, B), [0, None, None, 1]),
        # A share-back is heard where people sit: no next round's seating over it.
        ((B, S, B, R, F, C), [0, None, 1, None, None, None]),
        # More breakouts than rounds: the last round again, and before it too.
        ((W, B, BR, B, BR, B), [0, 0, 1, 1, 1, 1]),
        # No breakout at all: the arrival still shows round 1 of the plan.
        ((W, T, C), [0, None, None]),
        ((BR, T, B), [0, None, 0]),  # whatever the opening is called
        ((T, B), [None, 0]),  # opening with a talk: nothing over the speaker
    ],
)
def test_which_round_shows_when(kinds: tuple[SegmentKind, ...], shown: list[int | None]) -> None:
    assert on_screen(agenda_event(*kinds, rounds=2)) == shown


def test_without_a_plan_or_out_of_range_nothing_shows() -> None:
    event = replace(agenda_event(W, B), tables=TablePlan(rounds=()))
    assert on_screen(event) == [None, None]
    event = agenda_event(W, B)
    assert round_on_screen(event, -1) is None and round_on_screen(event, 2) is None


def test_round_for_segment_still_names_only_breakouts() -> None:
    event = agenda_event(W, B, BR, B, BR, B, rounds=2)
    assert [round_for_segment(event, i) for i in range(6)] == [None, 0, None, 1, None, 1]


def test_placements_sort_by_first_name_unless_asked_for_surnames() -> None:
    people = tuple(
        Participant(id=f"p{i}", name=name)
        for i, name in enumerate(["Zofia Adamska", "Agnieszka Kowalczyk", "Mòrag NicLeòid"])
    )
    plan = TablePlan(rounds=((("p0", "p1"), ("p2",)),))
    event = Event(title="x", participants=people, tables=plan)
    by_first = [p.person.name for p in placements(event)]
    assert by_first == ["Agnieszka Kowalczyk", "Mòrag NicLeòid", "Zofia Adamska"]
    assert by_first == sorted(by_first, key=name_key)
    by_surname = [p.person.name for p in placements(event, key=surname_key)]
    assert by_surname == ["Zofia Adamska", "Agnieszka Kowalczyk", "Mòrag NicLeòid"]
    assert [p.tables for p in placements(event, key=surname_key)] == [
        ("Table 1",),
        ("Table 1",),
        ("Table 2",),
    ]
