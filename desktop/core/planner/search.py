"""The tabu search for jobs with rules (sectors, organisations, pins, groups, locked tables),
after Dotú and Van Hentenryck: its state kept up to date move by move (`_Search`), and the
loop (`_tabu`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from desktop.core.planner.problem import (
    REPEAT,
    Clock,
    Figures,
    Plan,
    _floor,
    _Problem,
    _where,
    meetings,
)
from desktop.core.planner.repair import REPAIR_NODES, _repair

TENURE = (4, 100)  # steps a swap stays banned: a random length in this range
REPAIR_EVERY = 100  # steps between attempts to seat a clashing round afresh
CANDIDATES = 256  # a step looks at the costliest seats, at most this many (big rooms)
STALL = 1000  # steps without a better plan before going back to the best and shaking it


class _Search:
    """The tabu search's state: where everyone sits, who has met whom, and the cost.

    Kept up to date move by move rather than worked out afresh each step, so a step costs
    about the same in a room of 2,000 as in one of 200: `gain_at[r, p, t]`, the cost of p
    joining table t in round r; `leave[r, p]`, the change if p left their table in round r;
    the cost, and the meetings beyond the target (`over`)."""

    def __init__(
        self,
        problem: _Problem,
        plan: Plan,
        movable: np.ndarray,
        rng: np.random.Generator,
    ) -> None:
        self.problem, self.rng = problem, rng
        self.rounds, self.n, self.g = len(plan), problem.n, len(problem.sizes)
        self.movable = movable  # (rounds, n): may this person be swapped in this round
        self.load(plan)

    def load(self, plan: Plan) -> None:
        problem = self.problem
        self.plan = [[list(t) for t in r] for r in plan]
        self.where = _where(self.plan, self.n)
        self.meet = meetings(self.plan, self.n)
        self.gain = problem.gain(self.meet)
        self.lose = problem.lose(self.meet)
        self.cost = problem.cost(self.meet)
        self.over = problem.over(self.meet)
        self.gain_at = np.zeros((self.rounds, self.n, self.g))
        self.leave = np.zeros((self.rounds, self.n))
        for r, round_ in enumerate(self.plan):
            order = np.array([p for table in round_ for p in table], dtype=np.intp)
            starts = np.cumsum([0] + [len(t) for t in round_[:-1]])
            full = np.array([t for t, table in enumerate(round_) if table], dtype=np.intp)
            self.gain_at[r][:, full] = np.add.reduceat(self.gain[:, order], starts[full], axis=1)
            for table in round_:
                self._price_leaving(r, table)

    def _price_leaving(self, r: int, table: Sequence[int]) -> None:
        idx = np.array(table, dtype=np.intp)
        self.leave[r, idx] = -self.lose[np.ix_(idx, idx)].sum(axis=1)

    def snapshot(self) -> Plan:
        return [[list(t) for t in r] for r in self.plan]

    def swap_costs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The swaps worth looking at: each person p in a costly seat in round r (one whose
        leaving would lower the cost; in a big room the CANDIDATES costliest) against everyone
        b. Returns (rounds, people, costs, leave): costs[i, b] is the change in cost if
        people[i] and b swap tables in round rounds[i]; leave (rounds, n) is the change if p
        just left their table."""
        leave = self.leave
        rs, ps = np.nonzero(leave < 0)
        if len(rs) > CANDIDATES:
            keys = leave[rs, ps] + self.rng.random(len(rs)) * 0.5  # ties broken at random
            pick = np.argpartition(keys, CANDIDATES)[:CANDIDATES]
            rs, ps = rs[pick], ps[pick]
        home = self.where[rs, ps]  # (h,): the table of the person leaving
        gain_at = self.gain_at
        costs = (
            leave[rs, ps][:, None]
            + leave[rs]
            + gain_at[rs, :, home]  # b joins a's table …
            - self.gain[ps]  # … where a no longer is
            + gain_at[rs[:, None], ps[:, None], self.where[rs]]  # a joins b's table
            - self.gain[ps]  # … where b no longer is
        )
        return rs, ps, costs, leave

    def exchange(self, r: int, movers_a: Sequence[int], movers_b: Sequence[int]) -> float:
        """Swap the people `movers_a` (one table) with `movers_b` (another) in round r."""
        ta, tb = int(self.where[r, movers_a[0]]), int(self.where[r, movers_b[0]])
        delta = self._exchange_delta(r, list(movers_a), list(movers_b))
        table_a, table_b = self.plan[r][ta], self.plan[r][tb]
        stay_a = [p for p in table_a if p not in movers_a]
        stay_b = [p for p in table_b if p not in movers_b]
        xa, xb = np.array(movers_a, dtype=np.intp), np.array(movers_b, dtype=np.intp)
        # The seats first, at the prices as they were …
        self.gain_at[r, :, ta] += self.gain[:, xb].sum(axis=1) - self.gain[:, xa].sum(axis=1)
        self.gain_at[r, :, tb] += self.gain[:, xa].sum(axis=1) - self.gain[:, xb].sum(axis=1)
        self.plan[r][ta] = stay_a + list(movers_b)
        self.plan[r][tb] = stay_b + list(movers_a)
        self.where[r, xa], self.where[r, xb] = tb, ta
        # … then the meetings and the prices of the pairs whose meetings changed.
        pairs = [
            (movers, others, step)
            for movers, left, joined in ((xa, stay_a, stay_b), (xb, stay_b, stay_a))
            for others, step in ((left, -1), (joined, 1))
            if len(others)
        ]
        if pairs:
            xs = np.concatenate([np.repeat(m, len(o)) for m, o, _ in pairs])
            qs = np.concatenate([np.tile(np.array(o, dtype=np.intp), len(m)) for m, o, _ in pairs])
            steps = np.concatenate([np.full(len(m) * len(o), d) for m, o, d in pairs])
            problem, target = self.problem, self.problem.target
            counted = problem.counted[xs, qs]
            old = self.meet[xs, qs].astype(np.intp)
            new = old + steps
            self.meet[xs, qs] = self.meet[qs, xs] = new
            self.over += int(
                (counted * (np.maximum(new - target, 0) - np.maximum(old - target, 0))).sum()
            )
            linear = problem.linear[xs, qs]
            gain = linear + np.where(counted, REPEAT * problem.marginal(new + 1), 0.0)
            lose = linear + np.where(counted, REPEAT * problem.marginal(new), 0.0)
            change = gain - self.gain[xs, qs]
            self.gain[xs, qs] = self.gain[qs, xs] = gain
            self.lose[xs, qs] = self.lose[qs, xs] = lose
            for rr in range(self.rounds):
                at = self.gain_at[rr]
                np.add.at(at, (xs, self.where[rr, qs]), change)
                np.add.at(at, (qs, self.where[rr, xs]), change)
        touched = np.concatenate([xa, xb])
        for rr in range(self.rounds):
            for t in {int(t) for t in self.where[rr, touched]}:
                self._price_leaving(rr, self.plan[rr][t])
        self.cost += delta
        return delta

    def block_move(self, r: int, block: Sequence[int]) -> tuple[float, list[int]] | None:
        """The best exchange of a keep-together block with as many people at another table."""
        ta = int(self.where[r, block[0]])
        stay_a = [p for p in self.plan[r][ta] if p not in block]
        best: tuple[float, list[int]] | None = None
        for tb, table in enumerate(self.plan[r]):
            if tb == ta:
                continue
            free = [p for p in table if self.movable[r, p] and not self.problem.in_block[p]]
            if len(free) < len(block):
                continue
            score = [
                float(self.gain[p, stay_a].sum() - self.lose[p, [q for q in table if q != p]].sum())
                for p in free
            ]
            chosen = [free[i] for i in np.argsort(score, kind="stable")[: len(block)]]
            delta = self._exchange_delta(r, list(block), chosen)
            if best is None or delta < best[0]:
                best = (delta, chosen)
        return best

    def _exchange_delta(self, r: int, movers_a: list[int], movers_b: list[int]) -> float:
        ta, tb = int(self.where[r, movers_a[0]]), int(self.where[r, movers_b[0]])
        stay_a = [p for p in self.plan[r][ta] if p not in movers_a]
        stay_b = [p for p in self.plan[r][tb] if p not in movers_b]
        delta = 0.0
        for movers, left, joined in ((movers_a, stay_a, stay_b), (movers_b, stay_b, stay_a)):
            if left:
                delta -= float(self.lose[np.ix_(movers, left)].sum())
            if joined:
                delta += float(self.gain[np.ix_(movers, joined)].sum())
        return delta


def _tabu(
    problem: _Problem,
    plan: Plan,
    keep: dict[int, list[list[int]]],
    rng: np.random.Generator,
    patience: int,
    began: float,
    budget: float,
    clock: Clock,
    progress: Callable[[float, Figures], None] | None,
    cancelled: Callable[[], bool] | None,
) -> tuple[Plan, int, bool]:
    """The tabu search on a job with rules: (best plan, steps, cancelled). Each step makes the
    best allowed swap (or block move); every REPAIR_EVERY steps a clashing round may be seated
    afresh; after STALL steps without a better plan it goes back to the best and shakes it."""

    def late() -> bool:
        return clock() - began >= budget

    rules, rounds, people, sizes = problem.rules, problem.rounds, problem.n, problem.sizes
    movable = np.ones((rounds, people), dtype=bool)
    movable[:, list(rules.pinned)] = False
    for r, locked in keep.items():
        for table in locked:
            movable[r, table] = False
    swappable = movable & ~problem.in_block[None, :]
    search = _Search(problem, plan, movable, rng)
    best_cost, best = search.cost, search.snapshot()
    tabu = np.zeros((rounds, people, people), dtype=np.int32)  # (r, a, b): swap banned until
    step = since_best = stalls = 0
    floor = _floor(problem, keep)
    best_over = search.over
    # Where repeats can't be avoided nearly every swap moves one, so sectors and colleagues
    # improve slowly: 150 steps left 5-8-4 with 4 sectors at its poorest table, 1,500 give 6.
    settle = patience if problem.target == 1 else 10 * patience
    blocks_free = [
        (r, block) for r in range(rounds) for block in problem.blocks if movable[r, block].all()
    ]
    # seating a round afresh with nobody meeting again: only where nobody need
    repairable = not problem.blocks and bool(movable.all()) and problem.target == 1
    stopped = False
    lowest = search.cost  # the lowest cost since the last restart (for aspiration)
    while best_cost > floor + 1e-9 and len(sizes) > 1:  # one table: nothing to swap
        if late():
            break
        if cancelled is not None and cancelled():
            stopped = True
            break
        if since_best >= settle and best_over == 0:
            break  # no pair meets more than it must, and no better plan for a while
        step += 1
        rs, ps, costs, leave = search.swap_costs()
        allowed = swappable[rs, ps][:, None] & swappable[rs]
        allowed &= search.where[rs] != search.where[rs, ps][:, None]
        allowed &= (tabu[rs, ps] <= step) | (search.cost + costs < lowest - 1e-9)
        move: tuple[float, int, list[int], list[int]] | None = None
        if allowed.any():
            masked = np.where(allowed, costs, np.inf)
            low = masked.min()
            ties = np.flatnonzero(masked <= low + 1e-9)
            i, b = np.unravel_index(int(ties[rng.integers(len(ties))]), masked.shape)
            move = (float(low), int(rs[i]), [int(ps[i])], [int(b)])
        for r, block in blocks_free:
            found = search.block_move(r, block)
            if found is None:
                continue
            delta, chosen = found
            tabu_hit = bool((tabu[r][np.ix_(block, chosen)] > step).any())
            if tabu_hit and search.cost + delta >= lowest:
                continue
            if move is None or delta < move[0]:
                move = (delta, r, list(block), chosen)
        if move is None:
            since_best += 1
            stalls += 1
        else:
            delta, r, movers_a, movers_b = move
            search.exchange(r, movers_a, movers_b)
            lowest = min(lowest, search.cost)
            tenure = step + TENURE[0] + int(rng.integers(0, TENURE[1] - TENURE[0] + 1))
            tabu[r][np.ix_(movers_a, movers_b)] = tenure
            tabu[r][np.ix_(movers_b, movers_a)] = tenure
            if search.cost < best_cost - 1e-9:
                best_cost, best, best_over = search.cost, search.snapshot(), search.over
                since_best = stalls = 0
            else:
                since_best += 1
                stalls += 1
        if repairable and step % REPAIR_EVERY == 0:
            clashing = [int(r) for r in np.flatnonzero((leave <= -REPEAT).any(axis=1))]
            if clashing and _repair(search, problem, clashing, REPAIR_NODES, rng, out_of_time=late):
                lowest = min(lowest, search.cost)
                if search.cost < best_cost - 1e-9:
                    best_cost, best, best_over = search.cost, search.snapshot(), search.over
                    since_best = stalls = 0
        if stalls > STALL:  # stuck: back to the best plan, and shake one round
            search.load(best)
            _shake(search, swappable, rng)
            lowest = search.cost
            tabu[:] = 0
            stalls = 0
        if progress is not None and step % 25 == 0:
            progress(min(1.0, (clock() - began) / budget), problem.figures(best))
    return best, step, stopped


def _shake(search: _Search, swappable: np.ndarray, rng: np.random.Generator) -> None:
    r = int(rng.integers(search.rounds))
    people = np.flatnonzero(swappable[r])
    for _ in range(int(rng.integers(1, 4))):
        if len(people) < 2:
            return
        a, b = (int(x) for x in rng.choice(people, 2, replace=False))
        if search.where[r, a] != search.where[r, b]:
            search.exchange(r, [a], [b])
