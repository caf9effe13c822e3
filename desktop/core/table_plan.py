"""The table planner applied to an event: its roster in, a `TablePlan` of participant ids out.

`desktop.core.planner` plans by person number; this module turns the roster and the plan's
rules (keep apart, keep together, pinned hosts, locked tables, pairs mode) into numbers and
back, and moves late arrivals and absentees in an existing plan. No Qt, no I/O.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import msgspec

from desktop.core import planner
from desktop.core.model import Event, TableMode, TablePlan

MAX_ROUNDS = 20


@dataclass(frozen=True)
class Planned:
    plan: TablePlan
    figures: planner.Figures
    seconds: float
    cancelled: bool = False


def _index(event: Event) -> dict[str, int]:
    return {p.id: i for i, p in enumerate(event.participants)}


def rules_of(event: Event, plan: TablePlan | None = None) -> planner.Rules:
    """The planner's rules for this event's roster and plan."""
    plan = plan or event.tables
    index = _index(event)

    def people(groups: tuple[tuple[str, ...], ...]) -> list[list[int]]:
        found = [[index[i] for i in g if i in index] for g in groups]
        return [g for g in found if len(g) > 1]

    return planner.Rules(
        sectors=[p.sector for p in event.participants],
        organisations=[p.organisation for p in event.participants],
        keep_apart=people(plan.keep_apart),
        keep_together=people(plan.keep_together),
        pinned={index[pin.person]: pin.table - 1 for pin in plan.pinned if pin.person in index},
        pairs=plan.mode is TableMode.PAIRS,
    )


def _numbers(event: Event, plan: TablePlan) -> planner.Plan:
    index = _index(event)
    return [[[index[i] for i in table if i in index] for table in r] for r in plan.rounds]


def _ids(event: Event, numbers: planner.Plan) -> tuple[tuple[tuple[str, ...], ...], ...]:
    ids = [p.id for p in event.participants]
    return tuple(tuple(tuple(ids[i] for i in table) for table in r) for r in numbers)


def figures_of(event: Event, plan: TablePlan | None = None) -> planner.Figures:
    """The figures of the event's plan as it stands (after hand edits, say)."""
    plan = plan or event.tables
    people = len(event.participants)
    if not plan.rounds or people < 2:
        return planner.Figures(0, 0, 0, 0, 0.0, 0)
    return planner.measure(_numbers(event, plan), people, rules_of(event, plan))


def make_plan(
    event: Event,
    rounds: int,
    *,
    size: int | None = None,
    tables: int | None = None,
    mode: TableMode | None = None,
    seed: int = 0,
    budget: float = 5.0,
    clock: Callable[[], float] = time.perf_counter,
    progress: Callable[[float, planner.Figures], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Planned:
    """A new plan for the event's roster, keeping its rules and the tables locked in it.

    Raises planner.PlanError (a ValueError) with words for the organiser when it can't.
    """
    people = len(event.participants)
    if people < 2:
        raise planner.PlanError("Add at least two people to the roster before planning tables.")
    if not 1 <= rounds <= MAX_ROUNDS:
        raise planner.PlanError(f"Plan between 1 and {MAX_ROUNDS} rounds.")
    rules_plan = event.tables
    if mode is not None:
        rules_plan = msgspec.structs.replace(rules_plan, mode=mode)
    if size is None and tables is None:
        size = rules_plan.size or None
        tables = rules_plan.tables or None
        if size is None and tables is None:
            size = 2 if rules_plan.mode is TableMode.PAIRS else 6
    rules = rules_of(event, rules_plan)
    keep = _locked(event, rules_plan, rounds, size=size, tables=tables, pairs=rules.pairs)
    result = planner.plan_rounds(
        people,
        rounds,
        size=size,
        tables=tables,
        rules=rules,
        keep=keep,
        seed=seed,
        budget=budget,
        clock=clock,
        progress=progress,
        cancelled=cancelled,
    )
    plan = msgspec.structs.replace(
        rules_plan,
        rounds=_ids(event, result.plan),
        size=size or 0,
        tables=tables or 0,
    )
    return Planned(plan, result.figures, result.seconds, result.cancelled)


def _locked(
    event: Event,
    plan: TablePlan,
    rounds: int,
    *,
    size: int | None,
    tables: int | None,
    pairs: bool,
) -> dict[int, list[list[int]]]:
    """The locked tables of the current plan, where they still fit the new one."""
    count = len(planner.sizes_for(len(event.participants), size=size, tables=tables, pairs=pairs))
    numbers = _numbers(event, plan)
    keep: dict[int, list[list[int]]] = {}
    for round_number, table_number in plan.locked:
        r, t = round_number - 1, table_number - 1
        if r < min(rounds, len(numbers)) and t < min(count, len(numbers[r])):
            keep.setdefault(r, [[] for _ in range(count)])[t] = list(numbers[r][t])
    return keep


def _reseat(
    event: Event,
    person_id: str,
    round_index: int,
    change: Callable[[planner.Plan, int, int, planner.Rules, int], planner.Plan],
) -> TablePlan:
    seated = change(
        _numbers(event, event.tables),
        _index(event)[person_id],
        round_index,
        rules_of(event),
        len(event.participants),
    )
    return msgspec.structs.replace(event.tables, rounds=_ids(event, seated))


def add_late_arrival(event: Event, person_id: str, round_index: int) -> TablePlan:
    """The plan with `person_id` (already on the roster) seated from `round_index` on,
    at the smallest table where they add the least cost; nobody else moves."""
    if person_id not in _index(event):
        raise planner.PlanError("Add the person to the roster first.")
    return _reseat(event, person_id, round_index, planner.seat_late_arrival)


def remove_absentee(event: Event, person_id: str, round_index: int) -> TablePlan:
    """The plan without `person_id` from `round_index` on; nobody is left alone at a table."""
    if person_id not in _index(event):
        return event.tables
    return _reseat(event, person_id, round_index, planner.remove_absentee)


def move_person(event: Event, round_index: int, person_id: str, table_index: int) -> TablePlan:
    """The plan with one person moved by hand to another table in one round (unchanged if
    they sit there already)."""
    rounds = [[list(t) for t in r] for r in event.tables.rounds]
    if not 0 <= round_index < len(rounds):
        return event.tables
    tables = rounds[round_index]
    if table_index < len(tables) and person_id in tables[table_index]:
        return event.tables
    for table in tables:
        if person_id in table:
            table.remove(person_id)
    while len(tables) <= table_index:
        tables.append([])
    tables[table_index].append(person_id)
    while tables and not tables[-1]:  # an emptied last table goes; others keep their numbers
        tables.pop()
    rounds[round_index] = tables
    return msgspec.structs.replace(
        event.tables, rounds=tuple(tuple(tuple(t) for t in r) for r in rounds)
    )


def hosts_wanted(event: Event) -> bool:
    """The agenda speaks of table hosts (a world café) but nobody is a host in the plan yet."""
    texts = [event.summary, *(f"{seg.title} {seg.prompt}" for seg in event.agenda)]
    spoken = any(re.search(r"\bhosts?\b", t, re.IGNORECASE) for t in texts)
    return spoken and not event.tables.pinned


def times(count: int) -> str:
    """ "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def figures_in_words(figures: planner.Figures, *, with_sectors: bool = True) -> str:
    """ "0 repeat pairings; no pair meets twice; sectors per table: at least 3, 3.4 on average".
    Pairs kept together by a rule are left out of the repeats: they meet every round. Where
    the room can't be seated without repeats, the most any pair meets is set beside the
    least the room allows ("no pair meets more than twice; that is the least this room
    allows")."""
    most, bound = figures.max_meetings, figures.max_meetings_bound
    if most <= 1:
        meets = "no pair meets twice"
    elif bound >= most:
        meets = f"no pair meets more than {times(most)}; that is the least this room allows"
    elif bound >= 2:
        meets = (
            f"the most any pair meets is {most} times; the least this room allows is {times(bound)}"
        )
    else:
        meets = f"the most any pair meets is {most} times"
    parts = [f"{figures.repeats} repeat pairing{'s' if figures.repeats != 1 else ''}", meets]
    if with_sectors and figures.sectors_min:
        parts.append(
            f"sectors per table: at least {figures.sectors_min}, "
            f"{figures.sectors_mean:g} on average"
        )
    if figures.colleagues == 1:
        parts.append("1 pair of colleagues shares a table")
    elif figures.colleagues:
        parts.append(f"{figures.colleagues} pairs of colleagues share a table")
    if figures.broken:
        kept = "once" if figures.broken == 1 else f"{figures.broken} times"
        parts.append(f"your seating rules are not kept {kept} (counted round by round)")
    return "; ".join(parts)


def room_advice(
    people: int,
    rounds: int,
    *,
    size: int | None = None,
    tables: int | None = None,
    pairs: bool = False,
) -> str:
    """Before planning: why this room can't be seated without repeats, and the nearest table
    size (or count, when tables are counted) and the most rounds that could be, or "" when
    nothing stands in the way. "40 people in tables of 8 for 4 rounds: some pairs must meet
    twice; with 7 tables of 6 nobody would"; 16 in fours for 6 rounds: "…; with 6 tables of 3
    nobody would (or plan 5 rounds)"."""
    if people < 2 or rounds < 1:
        return ""
    try:
        sizes = planner.sizes_for(people, size=size, tables=tables, pairs=pairs)
    except planner.PlanError:
        return ""
    bound = planner.meetings_bound(people, [sizes] * rounds)
    if bound <= 1:
        return ""
    count = f"{len(sizes)} table{'s' if len(sizes) != 1 else ''}"
    where = f"at {count}" if tables and not pairs else f"in tables of {max(sizes)}"
    said = (
        f"{people} people {where} for {rounds} round{'s' if rounds != 1 else ''}: "
        f"some pairs must meet {times(bound)}"
    )
    instead = ""
    if not pairs:
        if tables:
            counts = range(len(sizes) + 1, people // 2 + 1)
            options = [planner.table_sizes(people, tables=c) for c in counts]
        else:
            options = [planner.table_sizes(people, size=s) for s in range(max(sizes) - 1, 1, -1)]
        for option in options:
            if planner.meetings_bound(people, [option] * rounds) <= 1:
                instead = f"with {len(option)} tables of {max(option)} nobody would"
                break
    fewer = next(
        (r for r in range(rounds - 1, 1, -1) if planner.meetings_bound(people, [sizes] * r) <= 1),
        0,
    )  # one round is no mixing at all: not worth suggesting
    if fewer:
        plan = f"plan {fewer} rounds"
        instead = f"{instead} (or {plan})" if instead else f"{plan} and nobody would"
    return f"{said}; {instead}" if instead else said


def without_unknown(event: Event) -> Event:
    """The event with its plan kept to people still on the roster (after a roster edit or
    import): the gone are taken out of every table and rule, nothing else changes."""
    plan = event.tables
    if plan == TablePlan():
        return event
    known = {p.id for p in event.participants}

    def keep(groups: tuple[tuple[str, ...], ...], least: int) -> tuple[tuple[str, ...], ...]:
        kept = (tuple(i for i in g if i in known) for g in groups)
        return tuple(g for g in kept if len(g) >= least)

    rounds = tuple(
        tuple(tuple(i for i in table if i in known) for table in round_) for round_ in plan.rounds
    )
    cleaned = msgspec.structs.replace(
        plan,
        rounds=rounds,
        keep_apart=keep(plan.keep_apart, 2),
        keep_together=keep(plan.keep_together, 2),
        pinned=tuple(pin for pin in plan.pinned if pin.person in known),
    )
    return event if cleaned == plan else msgspec.structs.replace(event, tables=cleaned)
