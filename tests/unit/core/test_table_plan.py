"""Hand edits to an event's table plan."""

from __future__ import annotations

import msgspec

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
