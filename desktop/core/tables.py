"""Seating people at tables over several rounds so they meet new faces (the social golfer problem).

Tabu search over all rounds at once (after Dotú and Van Hentenryck): the cost is the number of
repeat meetings (a pair at the same table twice counts once, three times twice, …); a move swaps
two people at different tables in one round, chosen among the people in a repeat; recent swaps
are tabu for a few steps; when the search stalls, part of a round is shuffled. Deterministic for
a given seed. Pure Python; no I/O.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

Plan = list[list[list[int]]]  # rounds → tables → people (0-based indexes)


def table_sizes(people: int, *, size: int | None = None, tables: int | None = None) -> list[int]:
    """Table sizes as even as they can be: 26 in fours → [4, 4, 4, 4, 4, 3, 3]; never a 1."""
    if people < 1:
        raise ValueError("There is nobody to seat.")
    if tables is None:
        if not size or size < 2:
            raise ValueError("Give a table size of 2 or more, or a number of tables.")
        tables = math.ceil(people / size)
    tables = max(1, min(tables, people // 2 if people >= 2 else 1))
    base, extra = divmod(people, tables)
    return [base + 1] * extra + [base] * (tables - extra)


@dataclass(frozen=True)
class Result:
    plan: Plan
    repeats: int  # pairs meeting again, counted once per extra meeting
    max_meetings: int  # the most times any pair meets
    seconds: float


def _meetings(plan: Plan, people: int) -> list[list[int]]:
    meet = [[0] * people for _ in range(people)]
    for round_ in plan:
        for table in round_:
            for i, a in enumerate(table):
                for b in table[i + 1 :]:
                    meet[a][b] += 1
                    meet[b][a] += 1
    return meet


def count_repeats(plan: Plan, people: int) -> tuple[int, int]:
    """(repeat meetings, the most times any pair meets) for a plan."""
    meet = _meetings(plan, people)
    repeats = sum(max(0, meet[a][b] - 1) for a in range(people) for b in range(a + 1, people))
    most = max((meet[a][b] for a in range(people) for b in range(a + 1, people)), default=0)
    return repeats, most


def plan_rounds(
    people: int,
    rounds: int,
    *,
    size: int | None = None,
    tables: int | None = None,
    seed: int = 0,
    budget: float = 10.0,
    clock: Callable[[], float] = time.perf_counter,
) -> Result:
    """Seat `people` for `rounds`, as few repeat meetings as the time `budget` (s) allows."""
    began = clock()
    sizes = table_sizes(people, size=size, tables=tables)
    rng = random.Random(seed)
    plan: Plan = []
    for _ in range(rounds):
        order = list(range(people))
        rng.shuffle(order)
        round_, at = [], 0
        for n in sizes:
            round_.append(order[at : at + n])
            at += n
        plan.append(round_)
    where = [[0] * people for _ in range(rounds)]  # round → person → table
    for r, round_ in enumerate(plan):
        for t, table in enumerate(round_):
            for p in table:
                where[r][p] = t
    meet = _meetings(plan, people)
    cost = sum(max(0, meet[a][b] - 1) for a in range(people) for b in range(a + 1, people))
    best_cost, best = cost, [[list(t) for t in r] for r in plan]
    tabu: dict[tuple[int, int], int] = {}  # (round, person) → step it may move again
    step, stall = 0, 0

    def delta(r: int, a: int, b: int) -> int:
        """Change in cost if a and b swap tables in round r."""
        ta, tb = plan[r][where[r][a]], plan[r][where[r][b]]
        change = 0
        for x in ta:
            if x != a:
                change -= 1 if meet[a][x] >= 2 else 0  # a leaves x
                if x != b:
                    change += 1 if meet[b][x] >= 1 else 0  # b joins x
        for y in tb:
            if y != b:
                change -= 1 if meet[b][y] >= 2 else 0
                if y != a:
                    change += 1 if meet[a][y] >= 1 else 0
        return change

    def swap(r: int, a: int, b: int) -> None:
        t1, t2 = where[r][a], where[r][b]
        ta, tb = plan[r][t1], plan[r][t2]
        for x in ta:
            if x != a:
                meet[a][x] -= 1
                meet[x][a] -= 1
        for y in tb:
            if y != b:
                meet[b][y] -= 1
                meet[y][b] -= 1
        ta[ta.index(a)] = b
        tb[tb.index(b)] = a
        where[r][a], where[r][b] = t2, t1
        for x in ta:
            if x != b:
                meet[b][x] += 1
                meet[x][b] += 1
        for y in tb:
            if y != a:
                meet[a][y] += 1
                meet[y][a] += 1

    while cost > 0 and clock() - began < budget:
        step += 1
        conflicted = [p for p in range(people) if any(meet[p][q] >= 2 for q in range(people))]
        best_move: tuple[int, int, int] | None = None
        best_delta = math.inf
        for a in conflicted:
            for r in range(rounds):
                if not any(meet[a][x] >= 2 for x in plan[r][where[r][a]] if x != a):
                    continue
                for b in range(people):
                    if where[r][b] == where[r][a]:
                        continue
                    d = delta(r, a, b)
                    if (tabu.get((r, a), 0) > step or tabu.get((r, b), 0) > step) and (
                        cost + d >= best_cost
                    ):
                        continue  # tabu, unless it beats the best seen
                    if d < best_delta or (d == best_delta and rng.random() < 0.3):
                        best_delta, best_move = d, (r, a, b)
        if best_move is None:
            stall += 50
        else:
            r, a, b = best_move
            swap(r, a, b)
            cost += int(best_delta)
            tenure = step + 4 + rng.randint(0, 6)
            tabu[(r, a)] = tabu[(r, b)] = tenure
            if cost < best_cost:
                best_cost, best = cost, [[list(t) for t in rnd] for rnd in plan]
                stall = 0
            else:
                stall += 1
        if stall > 300:  # stuck: go back to the best seen, then shake one round a little
            for r, round_ in enumerate(best):
                for t, table in enumerate(round_):
                    plan[r][t] = list(table)
                    for p in table:
                        where[r][p] = t
            meet = _meetings(plan, people)
            r = rng.randrange(rounds)
            for _ in range(rng.randint(1, 3)):
                a, b = rng.sample(range(people), 2)
                if where[r][a] != where[r][b]:
                    swap(r, a, b)
            cost = sum(max(0, meet[x][y] - 1) for x in range(people) for y in range(x + 1, people))
            tabu.clear()
            stall = 0
    repeats, most = count_repeats(best, people)
    return Result(best, repeats, most, clock() - began)
