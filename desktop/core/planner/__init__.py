"""Seating people at tables over several rounds so they meet new faces (the social golfer problem,
with sectors, organisations and the organiser's rules).

How it works, what was tried and what it measures: docs/planner.md. The parts: `problem`
(costs, sizes, bounds, rules and figures), `greedy` (the start), `repair` (exact re-seating),
`search` (the tabu search with rules), `golf` (the plain search), `edits` (late arrivals and
absentees); `plan_rounds` here picks the search.

Deterministic for a given seed. No I/O.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from desktop.core.planner.edits import remove_absentee, seat_late_arrival
from desktop.core.planner.golf import _golf
from desktop.core.planner.greedy import _start
from desktop.core.planner.problem import (
    HARD,
    MOST_PEOPLE,
    ORGANISATION,
    OVER,
    PUBLIC,
    REPEAT,
    SECTOR,
    SIDE,
    VOLUNTARY,
    Clock,
    Figures,
    Plan,
    PlanError,
    Result,
    Rules,
    _plain,
    _Problem,
    count_repeats,
    measure,
    meetings,
    meetings_bound,
    repeats_bound,
    sizes_for,
    table_sizes,
)
from desktop.core.planner.search import _tabu

__all__ = [
    "HARD",
    "MOST_PEOPLE",
    "ORGANISATION",
    "OVER",
    "PUBLIC",
    "REPEAT",
    "SECTOR",
    "SIDE",
    "VOLUNTARY",
    "Clock",
    "Figures",
    "Plan",
    "PlanError",
    "Result",
    "Rules",
    "count_repeats",
    "measure",
    "meetings",
    "meetings_bound",
    "plan_rounds",
    "remove_absentee",
    "repeats_bound",
    "seat_late_arrival",
    "sizes_for",
    "table_sizes",
]


def plan_rounds(
    people: int,
    rounds: int,
    *,
    size: int | None = None,
    tables: int | None = None,
    rules: Rules | None = None,
    keep: dict[int, list[list[int]]] | None = None,
    seed: int = 0,
    budget: float = 10.0,
    patience: int = 150,
    clock: Clock = time.perf_counter,
    progress: Callable[[float, Figures], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    geometry: bool = True,
) -> Result:
    """Seat `people` for `rounds` as well as the time `budget` (seconds) allows.

    `keep` holds tables to keep as they are: round → table → people (empty lists for tables
    that are free). `geometry=False` leaves out the rounds finite geometry gives (to measure
    the search alone). The search stops at a plan with no repeats and nothing left to gain,
    after `patience` steps without a better plan once there are no repeats, at the end of
    the budget, or when `cancelled()` says so; the best plan seen is returned.
    """
    began = clock()
    rules = rules or Rules()
    sizes = sizes_for(people, size=size, tables=tables, pairs=rules.pairs)
    problem = _Problem(people, rounds, sizes, rules)
    keep = keep or {}
    rng = np.random.default_rng(seed)
    plan, designed = _start(problem, keep, rng, geometry)
    if _plain(problem, keep):
        # From a start that geometry made nearly whole, a fresh start pays when the search
        # stalls (8-4-10: 20 seeds of 20 solved, 6.5 s the longest); from a greedy one it
        # doesn't (7-4-7: 2-3 of 10 solved with restarts against 4 without).
        best, step, stopped = _golf(
            problem,
            plan,
            (lambda: _start(problem, keep, rng, geometry)[0]) if designed else None,
            rng,
            began,
            budget,
            clock,
            progress,
            cancelled,
        )
        if progress is not None:
            progress(1.0, problem.figures(best))
        return Result(best, problem.figures(best), clock() - began, step, stopped)
    best, step, stopped = _tabu(
        problem, plan, keep, rng, patience, began, budget, clock, progress, cancelled
    )
    seconds = clock() - began
    if progress is not None:
        progress(1.0, problem.figures(best))
    return Result(best, problem.figures(best), seconds, step, stopped)
