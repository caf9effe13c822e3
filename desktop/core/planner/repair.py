"""Exact re-seating: one round (or two together) seated afresh by backtracking so that nobody
in it meets anyone again."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from desktop.core.planner.problem import HARD, _add_round, _Problem

if TYPE_CHECKING:
    from desktop.core.planner.golf import _Golf
    from desktop.core.planner.search import _Search

REPAIR_NODES = 2000  # search nodes per attempt
TIME_CHECK = 1024  # exact re-seating: people tried between looks at the clock


def _fresh_rounds(
    compatible: list[int],
    sizes: list[int],
    budget: list[int],
    out_of_time: Callable[[], bool] | None = None,
) -> Iterator[list[list[int]]]:
    """Every way (until `budget[0]` search nodes are spent, or `out_of_time()`) to seat
    everyone at tables of `sizes` so that each table is made of people who may meet:
    `compatible[p]` is a bitmask of who p may sit with. Backtracking, the most constrained
    person first."""
    n = len(compatible)
    tries = [0]  # people tried at a table: the clock is read every TIME_CHECK of them

    def cliques(pool: int, need: int) -> Iterator[list[int]]:
        """Sets of `need` people in `pool` (a bitmask) who may all sit together."""
        if need == 0:
            yield []
            return
        rest = pool
        while rest:
            tries[0] += 1
            if out_of_time is not None and tries[0] % TIME_CHECK == 0 and out_of_time():
                budget[0] = -1
            if budget[0] < 0:
                return
            q = (rest & -rest).bit_length() - 1
            rest &= rest - 1
            for tail in cliques(pool & compatible[q] & rest, need - 1):
                yield [q, *tail]

    def seat(unseated: int, left: list[int]) -> Iterator[list[list[int]]]:
        if not unseated:
            yield []
            return
        budget[0] -= 1
        if budget[0] < 0:
            return
        person, fewest = -1, n + 1
        rest = unseated
        while rest:
            q = (rest & -rest).bit_length() - 1
            rest &= rest - 1
            options = (compatible[q] & unseated).bit_count()
            if options < fewest:
                person, fewest = q, options
        pool = compatible[person] & unseated & ~(1 << person)
        for size in sorted(set(left), reverse=True):
            remaining = list(left)
            remaining.remove(size)
            for others in cliques(pool, size - 1):
                table = [person, *others]
                mask = sum(1 << q for q in table)
                for found in seat(unseated & ~mask, remaining):
                    yield [table, *found]
                if budget[0] < 0:
                    return

    yield from seat((1 << n) - 1, list(sizes))


def _masks(ok: np.ndarray) -> list[int]:
    packed = np.packbits(ok, axis=1, bitorder="little")
    return [int.from_bytes(row.tobytes(), "little") for row in packed]


def _repair(
    search: _Search | _Golf,
    problem: _Problem,
    rounds: Sequence[int],
    budget: int,
    rng: np.random.Generator,
    *,
    joint: bool = True,
    out_of_time: Callable[[], bool] | None = None,
) -> bool:
    """Seat one of `rounds` afresh, or two of them together, so that nobody in them meets
    anyone again: True if done. People are numbered anew at random each time, so each try
    searches a different corner."""
    allowed = (problem.linear < HARD) & problem.counted
    n = problem.n
    order = rng.permutation(n)  # search index → person

    def ok_without(*skip: int) -> np.ndarray:
        others = search.meet.copy()
        for r in skip:
            _add_round(others, search.plan[r], -1)
        np.fill_diagonal(others, 1)
        ok: np.ndarray = ((others == 0) & allowed)[np.ix_(order, order)]
        return ok

    def people(tables: list[list[int]]) -> list[list[int]]:
        return [[int(order[q]) for q in table] for table in tables]

    sizes = {r: [len(t) for t in search.plan[r]] for r in rounds}
    for r in rounds:
        found = next(_fresh_rounds(_masks(ok_without(r)), sizes[r], [budget], out_of_time), None)
        if found is not None:
            plan = search.snapshot()
            plan[r] = people(found)
            search.load(plan)
            return True
    pairs = [(a, b) for i, a in enumerate(rounds) for b in rounds[i + 1 :]] if joint else []
    for r1, r2 in pairs[:3]:
        ok = ok_without(r1, r2)
        spent = [budget]
        for first in _fresh_rounds(_masks(ok), sizes[r1], spent, out_of_time):
            second_ok = ok.copy()
            for table in first:
                idx = np.array(table)
                second_ok[np.ix_(idx, idx)] = False
            second = next(
                _fresh_rounds(_masks(second_ok), sizes[r2], [budget // 20], out_of_time), None
            )
            if second is not None:
                plan = search.snapshot()
                plan[r1], plan[r2] = people(first), people(second)
                search.load(plan)
                return True
            if spent[0] < 0:
                break
    return False
