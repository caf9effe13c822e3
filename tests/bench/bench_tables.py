"""The table planner on the social golfer instances of issue 7 and a 300-person roster.

For each instance: repeat meetings, the most times a pair meets, and seconds, for our planner
(budget 10 s; 2 s for the roster) against two baselines from the same run: everyone seated at
random each round, and our greedy start alone. Run: `make bench` or
`.venv/bin/python -m tests.bench.bench_tables`.
"""

from __future__ import annotations

import random
import sys
import time

import numpy as np

from desktop.core import tables as planner
from desktop.core.roster import SECTORS as ROSTER_SECTORS

INSTANCES = ["5-3-7", "7-4-7", "8-4-8", "8-4-9", "8-4-10", "12-5-4", "10-6-3"]
SECTORS = [s for s in ROSTER_SECTORS if s != "other"]


def _random_plan(people: int, rounds: int, sizes: list[int], seed: int) -> planner.Plan:
    rng = random.Random(seed)
    plan = []
    for _ in range(rounds):
        order = list(range(people))
        rng.shuffle(order)
        at, round_ = 0, []
        for size in sizes:
            round_.append(order[at : at + size])
            at += size
        plan.append(round_)
    return plan


def _row(
    name: str,
    people: int,
    rounds: int,
    size: int | None,
    tables: int | None,
    rules: planner.Rules,
    budget: float,
    seed: int,
) -> None:
    sizes = planner.table_sizes(people, size=size, tables=tables)
    problem = planner._Problem(people, rounds, sizes, rules)
    randomly = problem.figures(_random_plan(people, rounds, sizes, seed))
    greedy = problem.figures(planner._greedy(problem, rounds, {}, np.random.default_rng(seed)))
    began = time.perf_counter()
    result = planner.plan_rounds(
        people, rounds, size=size, tables=tables, rules=rules, seed=seed, budget=budget
    )
    took = time.perf_counter() - began
    f = result.figures
    sectors = f" sectors/table min {f.sectors_min} mean {f.sectors_mean}" if rules.sectors else ""
    print(
        f"  {name:<22} ours: {f.repeats:>3} repeats (max {f.max_meetings}) in {took:5.2f} s"
        f"{sectors}  | random: {randomly.repeats:>3} | greedy start: {greedy.repeats:>3}",
        flush=True,
    )


def main(seed: int = 1) -> None:
    print(f"table planner (seed {seed}; budget 10 s, roster 2 s):")
    for spec in INSTANCES:
        groups, size, rounds = (int(x) for x in spec.split("-"))
        _row(spec, groups * size, rounds, size, None, planner.Rules(), 10.0, seed)
    rng = random.Random(seed)
    sectors = [rng.choice(SECTORS) for _ in range(300)]
    organisations = [f"organisation {rng.randrange(60)}" for _ in range(300)]
    rules = planner.Rules(sectors=sectors, organisations=organisations)
    _row("300 people, 30 tables, 3 rounds", 300, 3, None, 30, rules, 2.0, seed)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
