"""Edits to a plan already made: a late arrival seated, an absentee taken out, nobody else
moved."""

from __future__ import annotations

import numpy as np

from desktop.core.planner.problem import Plan, Rules, _problem_of, meetings


def seat_late_arrival(
    plan: Plan, person: int, from_round: int, problem_rules: Rules, people: int
) -> Plan:
    """Add `person` to every round from `from_round` on, at the table where they add the least
    cost among the smallest tables, moving nobody else."""
    problem = _problem_of(plan, people, problem_rules)
    seated = [[list(t) for t in r] for r in plan]
    meet = meetings(seated, people)
    for r in range(from_round, len(seated)):
        gain = problem.gain(meet)
        tables = seated[r]
        if any(person in t for t in tables):
            continue
        smallest = min(len(t) for t in tables)
        options = [t for t, table in enumerate(tables) if len(table) == smallest]
        best = min(options, key=lambda t: (float(gain[person, tables[t]].sum()), t))
        tables[best].append(person)
        idx = np.array(tables[best], dtype=np.intp)
        meet[np.ix_(idx, idx)] += 1
        np.fill_diagonal(meet, 0)
    return seated


def remove_absentee(
    plan: Plan, person: int, from_round: int, problem_rules: Rules, people: int
) -> Plan:
    """Take `person` out of every round from `from_round` on. A table left with one person
    sends them to the table where they add the least cost; nobody else moves."""
    problem = _problem_of(plan, people, problem_rules)
    seated = [
        [[p for p in t if p != person] if r >= from_round else list(t) for t in rnd]
        for r, rnd in enumerate(plan)
    ]
    for r in range(from_round, len(seated)):
        tables = seated[r]
        for t, table in enumerate(tables):
            if len(table) == 1 and len(tables) > 1:
                alone = table[0]
                meet = meetings(seated, people)
                gain = problem.gain(meet)
                others = [u for u in range(len(tables)) if u != t and tables[u]]
                best = min(
                    others, key=lambda u: (len(tables[u]), float(gain[alone, tables[u]].sum()), u)
                )
                tables[best].append(alone)
                table.clear()
        seated[r] = [t for t in tables if t]
    return seated
