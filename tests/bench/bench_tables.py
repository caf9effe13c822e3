"""The table planner on the social golfer instances of issue 7 and a 300-person roster.

For each instance: repeat meetings, the most times a pair meets, and seconds, for our planner
(budget 10 s; 2 s for the roster) against two baselines from the same run: everyone seated at
random each round, and the plan our search starts from (finite geometry where the numbers fit,
then greedy); and, for the social-golfer instances, our search alone from the greedy start.
Run: `make bench` or `.venv/bin/python -m tests.bench.bench_tables [SEED]`.
`… bench_tables --seeds N` runs each social-golfer instance for seeds 1 … N and prints how many
reach 0 repeats and the slowest of those.
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
    start, _ = planner._start(problem, {}, np.random.default_rng(seed))
    started = problem.figures(start)
    began = time.perf_counter()
    result = planner.plan_rounds(
        people, rounds, size=size, tables=tables, rules=rules, seed=seed, budget=budget
    )
    took = time.perf_counter() - began
    f = result.figures
    sectors = f" sectors/table min {f.sectors_min} mean {f.sectors_mean}" if rules.sectors else ""
    alone = ""
    if not rules.sectors:
        searched = planner.plan_rounds(
            people, rounds, size=size, rules=rules, seed=seed, budget=budget, geometry=False
        )
        alone = f" | search alone: {searched.repeats:>3} in {searched.seconds:5.2f} s"
    print(
        f"  {name:<22} ours: {f.repeats:>3} repeats (max {f.max_meetings}) in {took:5.2f} s"
        f"{sectors}  | random: {randomly.repeats:>3} | start: {started.repeats:>3}{alone}",
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


def seeds(count: int) -> None:
    print(f"table planner over seeds 1-{count} (budget 10 s each):")
    for spec in INSTANCES:
        groups, size, rounds = (int(x) for x in spec.split("-"))
        solved = []
        for seed in range(1, count + 1):
            result = planner.plan_rounds(groups * size, rounds, size=size, seed=seed, budget=10.0)
            if result.repeats == 0:
                solved.append(result.seconds)
        slowest = f", slowest {max(solved):.2f} s" if solved else ""
        print(f"  {spec:<8} 0 repeats for {len(solved)} of {count} seeds{slowest}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seeds"]:
        seeds(int(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
