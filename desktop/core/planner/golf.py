"""The lean tabu search for a plain job (no rules, no sectors, nothing pinned or locked: the
social golfer problem itself), where the cost is just the price of meeting again."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from desktop.core.planner.problem import Clock, Figures, Plan, _Problem, _where, meetings
from desktop.core.planner.repair import REPAIR_NODES, _repair
from desktop.core.planner.search import TENURE

GOLF_REPAIR_EVERY = 100  # plain jobs: steps between tries to seat a clashing round afresh
GOLF_PATIENCE = 3000  # plain jobs with repeats no plan avoids: steps without a better plan
GOLF_RESTART = 3000  # plain jobs: steps without a better plan before starting afresh


class _Golf:
    """The tabu search's state for a plain job (no rules, no sectors, nothing pinned or locked),
    where the cost is just the price of meeting again (`_Problem.marginal`, in repeats: 1 a
    repeat while no pair meets more often than it must): held as two matrices, the price of
    each pair's next meeting and of its last, so one matrix product per step prices every
    swap."""

    def __init__(self, plan: Plan, problem: _Problem) -> None:
        self.problem = problem
        self.rounds, self.n, self.g = len(plan), problem.n, len(plan[0])
        self.load(plan)

    def load(self, plan: Plan) -> None:
        self.plan = [[list(t) for t in r] for r in plan]
        self.where = _where(self.plan, self.n)
        self.seats = np.zeros((self.rounds, self.n, self.g))
        rows = np.arange(self.n)
        for r in range(self.rounds):
            self.seats[r, rows, self.where[r]] = 1.0
        self.meet = meetings(self.plan, self.n)
        # only pairs who have met have a price: worked out for them alone (2,000 people: n^2
        # temporaries cost 100 MB)
        self.price = np.zeros((2, self.n, self.n))
        met = np.nonzero(self.meet)
        self.price[:, met[0], met[1]] = self._prices(self.meet[met])
        self.recost()

    def _prices(self, meet: np.ndarray) -> np.ndarray:
        """(join, leave): the price of each pair's next meeting, and of its last."""
        marginal = self.problem.marginal
        return np.stack([marginal(meet + 1), marginal(meet)])

    def recost(self) -> None:
        self.cost = float(self.problem.total(self.meet[np.nonzero(self.meet)]).sum() / 2)

    def snapshot(self) -> Plan:
        return [[list(t) for t in r] for r in self.plan]

    def swap_costs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each person p meeting someone again in round r against everyone b: returns (rounds,
        people, costs), where costs[i, b] is the change in cost if people[i] and b swap
        tables in round rounds[i]."""
        counts = np.matmul(self.price[:, None], self.seats[None])  # (2, r, p, t)
        r_all = np.arange(self.rounds)[:, None]
        p_all = np.arange(self.n)[None, :]
        clashes = counts[1, r_all, p_all, self.where]
        rs, ps = np.nonzero(clashes)
        home = self.where[rs, ps]
        join = counts[0]
        costs = (
            join[rs[:, None], ps[:, None], self.where[rs]]  # p joins b's table
            + join[rs, :, home]  # b joins p's table
            - 2 * self.price[0, ps]  # … without each other
            - clashes[rs, ps][:, None]
            - clashes[rs]
        )
        return rs, ps, costs

    def delta(self, r: int, a: int, b: int) -> float:
        """The change in cost if a and b swap tables in round r."""
        ta, tb = self.where[r, a], self.where[r, b]
        stay_a = [p for p in self.plan[r][ta] if p != a]
        stay_b = [p for p in self.plan[r][tb] if p != b]
        m = self.price
        return float(
            m[0, b, stay_a].sum()
            + m[0, a, stay_b].sum()
            - m[1, a, stay_a].sum()
            - m[1, b, stay_b].sum()
        )

    def exchange(self, r: int, a: int, b: int) -> None:
        ta, tb = int(self.where[r, a]), int(self.where[r, b])
        table_a, table_b = self.plan[r][ta], self.plan[r][tb]
        stay_a = [p for p in table_a if p != a]
        stay_b = [p for p in table_b if p != b]
        ka, kb = len(stay_a), len(stay_b)
        rows = [a] * ka + [b] * ka + [b] * kb + [a] * kb
        cols = stay_a + stay_a + stay_b + stay_b
        change = [-1] * ka + [1] * ka + [-1] * kb + [1] * kb
        meet = self.meet
        meet[rows, cols] += np.array(change, dtype=meet.dtype)
        meet[cols, rows] = meet[rows, cols]
        table_a[table_a.index(a)] = b
        table_b[table_b.index(b)] = a
        self.where[r, a], self.where[r, b] = tb, ta
        self.seats[r, [a, b, a, b], [ta, tb, tb, ta]] = (0.0, 0.0, 1.0, 1.0)
        touched = [a, b]
        price = self.price
        price[:, touched] = self._prices(meet[touched])
        price[0, touched, touched] = 0.0
        price[:, :, touched] = price[:, touched].transpose(0, 2, 1)


def _golf(
    problem: _Problem,
    plan: Plan,
    fresh: Callable[[], Plan] | None,
    rng: np.random.Generator,
    began: float,
    budget: float,
    clock: Clock,
    progress: Callable[[float, Figures], None] | None,
    cancelled: Callable[[], bool] | None,
) -> tuple[Plan, int, bool]:
    """The tabu search on a plain job: (best plan, steps, cancelled). With `fresh`, an attempt
    that finds no better plan for GOLF_RESTART steps starts again from `fresh()`."""

    def late() -> bool:
        return clock() - began >= budget

    search = _Golf(plan, problem)
    best_cost, best = search.cost, search.snapshot()
    rounds, n = search.rounds, search.n
    tabu = np.zeros((rounds, n, n), dtype=np.int32)
    step = since_best = 0
    stopped = False
    lowest, since = search.cost, 0  # this attempt's best, and steps since it improved
    floor = problem.floor_repeats  # the cost of a plan at both bounds
    fair = bool(search.meet.max() <= problem.target)  # the best plan: nobody over the target
    while best_cost > floor and search.g > 1:
        if late():
            break
        if fair and problem.target > 1 and since_best >= GOLF_PATIENCE:
            break  # repeats can't be avoided, none beyond the least, and no better plan
        if cancelled is not None and cancelled():
            stopped = True
            break
        if fresh is not None and since >= GOLF_RESTART:
            search.load(fresh())
            tabu[:] = 0
            lowest, since = search.cost, 0
        step += 1
        rs, ps, costs = search.swap_costs()
        if len(rs):
            blocked = search.where[rs] == search.where[rs, ps][:, None]
            blocked |= (tabu[rs, ps] > step) & (search.cost + costs >= best_cost)
            masked = np.where(blocked, np.inf, costs)
            low = masked.min()
            if low < np.inf:
                ties = np.flatnonzero(masked <= low)
                i, j = np.unravel_index(int(ties[rng.integers(len(ties))]), masked.shape)
                r, a, b = int(rs[i]), int(ps[i]), int(j)
                search.exchange(r, a, b)
                search.cost += float(low)
                tenure = step + TENURE[0] + int(rng.integers(0, TENURE[1] - TENURE[0] + 1))
                tabu[r, a, b] = tabu[r, b, a] = tenure
        if problem.target == 1 and search.cost > 0 and step % GOLF_REPAIR_EVERY == 0:
            clashing = [int(r) for r in np.unique(rs)]
            if _repair(search, problem, clashing, REPAIR_NODES, rng, joint=False, out_of_time=late):
                search.recost()
        if search.cost < lowest:
            lowest, since = search.cost, 0
        else:
            since += 1
        if search.cost < best_cost:
            best_cost, best = search.cost, search.snapshot()
            fair, since_best = bool(search.meet.max() <= problem.target), 0
        else:
            since_best += 1
        if progress is not None and step % 25 == 0:
            progress(min(1.0, (clock() - began) / budget), problem.figures(best))
    return best, step, stopped
