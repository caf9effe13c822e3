"""Hand edits to an event's table plan."""

from __future__ import annotations

import msgspec
import pytest

from desktop.core.model import Event, TablePlan
from desktop.core.table_plan import move_person
from desktop.store.templates import demo_event


def planned() -> Event:
    event = demo_event()
    ids = [p.id for p in event.participants][:8]
    plan = TablePlan(
        rounds=((tuple(ids[:4]), tuple(ids[4:8])), (tuple(ids[::2]), tuple(ids[1::2])))
    )
    return msgspec.structs.replace(event, tables=plan)


def test_a_person_moved_to_another_table_leaves_their_own() -> None:
    event = planned()
    person = event.tables.rounds[0][0][1]
    plan = move_person(event, 0, person, 1)
    assert person in plan.rounds[0][1] and person not in plan.rounds[0][0]
    assert plan.rounds[1] == event.tables.rounds[1]


def test_a_person_moved_to_their_own_table_stays_where_they_sit() -> None:
    event = planned()
    person = event.tables.rounds[0][0][1]
    assert move_person(event, 0, person, 0) == event.tables


def test_a_move_in_a_round_that_does_not_exist_changes_nothing() -> None:
    event = planned()
    assert move_person(event, 5, event.tables.rounds[0][0][0], 1) == event.tables


def test_figures_are_put_in_plain_words() -> None:
    from desktop.core.table_plan import figures_in_words
    from desktop.core.tables import Figures

    clean = Figures(0, 1, 0, 3, 3.4, 0)
    assert figures_in_words(clean) == (
        "0 repeat pairings; no pair meets twice; sectors per table: at least 3, 3.4 on average"
    )
    messy = Figures(
        repeats=1, max_meetings=2, broken=1, sectors_min=0, sectors_mean=0, colleagues=1
    )
    assert figures_in_words(messy) == (
        "1 repeat pairing; the most any pair meets is 2 times; "
        "1 pair of colleagues shares a table; your seating rules are not kept once "
        "(counted round by round)"
    )
    worse = Figures(
        repeats=4, max_meetings=3, broken=2, sectors_min=2, sectors_mean=2.5, colleagues=3
    )
    words = figures_in_words(worse, with_sectors=False)
    assert "3 pairs of colleagues share a table" in words and "not kept 2 times" in words
    assert "sectors" not in words


def test_a_world_cafe_wants_hosts_until_one_is_named() -> None:
    from desktop.core.model import Pin
    from desktop.core.table_plan import hosts_wanted
    from desktop.store.templates import load_template

    cafe = load_template("world-cafe")
    assert hosts_wanted(cafe)
    ids = [p.id for p in planned().participants][:1]
    hosted = msgspec.structs.replace(cafe, tables=TablePlan(pinned=(Pin(person=ids[0], table=1),)))
    assert not hosts_wanted(hosted)
    assert not hosts_wanted(demo_event())  # no hosts spoken of: "ghosts" or "hostel" don't count


def test_a_room_that_must_repeat_is_said_to_be_at_its_least() -> None:
    from desktop.core.table_plan import figures_in_words
    from desktop.core.tables import Figures

    fair = Figures(90, 2, 0, 0, 0.0, 0, max_meetings_bound=2)
    assert figures_in_words(fair) == (
        "90 repeat pairings; no pair meets more than twice; that is the least this room allows"
    )
    piled = Figures(45, 4, 0, 0, 0.0, 0, max_meetings_bound=2)
    assert "the most any pair meets is 4 times; the least this room allows is twice" in (
        figures_in_words(piled)
    )


@pytest.mark.parametrize(
    ("people", "rounds", "size", "tables", "pairs", "said"),
    [
        (
            40,
            4,
            8,
            None,
            False,
            "40 people in tables of 8 for 4 rounds: some pairs must meet twice; "
            "with 7 tables of 6 nobody would",
        ),
        (
            40,
            4,
            None,
            5,
            False,
            "40 people at 5 tables for 4 rounds: some pairs must meet twice; "
            "with 7 tables of 6 nobody would",
        ),
        (
            16,
            6,
            4,
            None,
            False,
            "16 people in tables of 4 for 6 rounds: some pairs must meet twice; "
            "with 6 tables of 3 nobody would (or plan 5 rounds)",
        ),
        (
            10,
            12,
            None,
            None,
            True,
            "10 people in tables of 2 for 12 rounds: some pairs must meet twice; "
            "plan 9 rounds and nobody would",
        ),
        (28, 7, 4, None, False, ""),  # 7 tables of 4 for 7 rounds: nobody need meet twice
    ],
)
def test_a_room_that_cant_be_perfect_is_explained_before_planning(
    people: int, rounds: int, size: int | None, tables: int | None, pairs: bool, said: str
) -> None:
    from desktop.core.table_plan import room_advice

    assert room_advice(people, rounds, size=size, tables=tables, pairs=pairs) == said
