"""Seating people at tables over several rounds so they meet new faces (the social golfer problem,
with sectors, organisations and the organiser's rules).

Every wish is a cost on a pair of people sitting at one table, so one search serves them all:

- fair first: meeting again costs REPEAT, and each meeting beyond the least the room allows
  for its most-met pair (`meetings_bound`: 2 for 40 people at tables of 8 for 4 rounds) costs
  OVER x REPEAT more, growing each time, so unavoidable repeats are spread over many pairs
  rather than piled on a few, then kept as few as that allows (`repeats_bound`);
- colleagues from one organisation cost ORGANISATION, two people of one sector cost SECTOR (the
  fewer such pairs, the more sectors at every table); in pairs mode two people on the same side
  (public or voluntary) cost SIDE;
- a keep-apart pair costs HARD.

Hard rules that a cost can't hold are built in: a pinned person never moves; a keep-together
group is seated as a block and only ever moves as one; a locked table stays as it is.

The search is a tabu search after Dotú and Van Hentenryck ("Scheduling social golfers
locally", 2005): each step makes the best swap of two people at different tables in one round,
recently swapped pairs may not swap back for a few steps unless that beats the best plan seen,
and when the search stalls it goes back to the best plan and shakes one round. The start is a
greedy plan, round by round. The cost of every possible swap in every round is worked out at
once with numpy (pure Python managed ~200 steps a second on 8-4-9, numpy ~4,000: see
tests/bench/bench_tables.py). Every 100 steps a round with a repeat in it is seated afresh
by an exact backtracking search, where that can be done with nobody meeting anyone again.

A plain job (no rules, no sectors, nothing pinned or locked: the social golfer problem itself)
takes a leaner search, `_Golf`: the cost is just the number of repeat meetings, held as two 0/1
matrices ("have met", "have met twice"), so one matrix product prices every swap of a person
who meets someone again (~8,000 steps a second on 8-4-8). It too tries to seat a clashing
round afresh every 100 steps (one round at a time: seating two rounds jointly cost more time
than it saved).

Where the numbers fit (desktop/core/designs.py), a plain job starts from rounds built by finite
geometry, which repeat nobody: q^k people at tables of q^m, or any number of tables that is a
prime power (7, 8, 9, 11, 13, …) with tables no bigger than that. 7-4-7, 8-4-8 and 8-4-9 come
from it whole; 5-3-7 gets 5 rounds and 8-4-10 gets 9, and the search finds the rest. From
such a start, an attempt that stalls for GOLF_RESTART steps starts again from fresh geometry
(other multipliers or planes, people shuffled anew). From a greedy start restarts didn't pay
(7-4-7 by search alone: 2-3 seeds of 10 solved with them, 4-6 without), and going back to the
best plan kept the search circling the same last repeat, so there it is a plain tabu walk
(pair tabu, tenure 4 to 100). Tried and dropped, as no better: banning people rather than
pairs, holding round 1 fixed, a start with as many clash-free rounds as exact search finds,
widening the moves to everyone in a clashing round, and handing over to the full search
halfway.

Measured (10 s budget, this 2-core machine; `python -m tests.bench.bench_tables --seeds 10`):
every instance of issue 7 from 5-3-7 to 10-6-3, 8-4-10 included, reaches 0 repeats for all 10
seeds; 8-4-10 takes 2 s at most, the rest 0.12 s. The search alone (`geometry=False`, seed 1)
solves 5-3-7 but leaves 1 repeat on 7-4-7 and 8-4-8, 9 on 8-4-9 and 23 on 8-4-10 (before the
fair-first prices it solved 7-4-7 with seed 1; over seeds 1-10 at 20,000 steps each, both
solve 7-4-7 for one seed at most: chance, not the prices).
Rooms with rules always take the greedy start: geometry seats them without a repeat but knows
nothing of sectors or organisations. Their search keeps its prices move by move (a step costs
about the same at 2,000 people as at 200), looks at the CANDIDATES costliest seats, and stops
at a floor: no repeats beyond the least, sectors and organisations spread as evenly as they
go. Rooms where repeats can't be avoided (5-8-4, 4-6-4, 3-5-3, 6-10-3) reach both bounds in
under 0.1 s; a 1,000-person roster with sectors and organisations 0.3 s, 2,000 about 1 s
(`make bench`).

Deterministic for a given seed. No I/O.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from desktop.core.designs import affine_rounds, transversal_rounds

Plan = list[list[list[int]]]  # rounds → tables → people (0-based indexes)
Clock = Callable[[], float]

MOST_PEOPLE = 2_000  # a bigger room needs more memory than a venue laptop may have (n^2 pairs)
HARD = 100_000
REPEAT = 1_000
OVER = 20  # each meeting beyond the room's least possible most (x REPEAT), growing: 20, 40, …
ORGANISATION = 40
SIDE = 30
SECTOR = 1
TENURE = (4, 100)  # steps a swap stays banned: a random length in this range
REPAIR_EVERY = 100  # steps between attempts to seat a clashing round afresh
REPAIR_NODES = 2000  # search nodes per attempt
GOLF_REPAIR_EVERY = 100  # plain jobs: steps between tries to seat a clashing round afresh
GOLF_PATIENCE = 3000  # plain jobs with repeats no plan avoids: steps without a better plan
GOLF_RESTART = 3000  # plain jobs: steps without a better plan before starting afresh
TIME_CHECK = 1024  # exact re-seating: people tried between looks at the clock
FREEDOM_UP_TO = 400  # people: a bigger room's greedy start skips the freedom sums (n^2 a pair)
CANDIDATES = 256  # a step looks at the costliest seats, at most this many (big rooms)
STALL = 1000  # steps without a better plan before going back to the best and shaking it

# Pairs mode: the two sides of the room. Anyone else (or unknown) pairs with either side.
PUBLIC = frozenset(
    {
        "health",
        "social care",
        "local authority",
        "housing",
        "police & justice",
        "education",
        "government",
    }
)
VOLUNTARY = frozenset({"third sector"})


class PlanError(ValueError):
    """The rules can't be met (a group bigger than a table, a table pinned twice over, …)."""


def table_sizes(people: int, *, size: int | None = None, tables: int | None = None) -> list[int]:
    """Table sizes as even as they can be: 26 in fours → [4, 4, 4, 4, 4, 3, 3]; never a 1."""
    if people < 1:
        raise PlanError("There is nobody to seat.")
    if tables is None:
        if not size or size < 2:
            raise PlanError("Give a table size of 2 or more, or a number of tables.")
        tables = math.ceil(people / size)
    tables = max(1, min(tables, people // 2 if people >= 2 else 1))
    base, extra = divmod(people, tables)
    return [base + 1] * extra + [base] * (tables - extra)


def sizes_for(people: int, *, size: int | None, tables: int | None, pairs: bool) -> list[int]:
    """The table sizes a job asks for: in pairs mode, tables of two unless a count is given."""
    return table_sizes(people, size=2 if pairs and not tables else size, tables=tables)


def _spread_pairs(people: int, tables: int) -> int:
    """The fewest pairs who share a table when `people` sit at `tables` tables: spread evenly
    (8 people over 5 tables: 2, 2, 2, 1, 1, so 3 pairs)."""
    if people < 2 or tables < 1:
        return 0
    base, extra = divmod(people, tables)
    return extra * (base + 1) * base // 2 + (tables - extra) * base * (base - 1) // 2


def meetings_bound(people: int, rounds: Sequence[Sequence[int]]) -> int:
    """The fewest times the most-met pair must meet in any plan of `people` whose rounds have
    tables of these sizes (round → sizes; fewer seats than people: the rest sit out).

    Two arguments, the larger wins:
    - counting: the rounds hold so many meetings among so few pairs (5 people at tables of 3
      and 2 for 3 rounds: 12 meetings, 10 pairs, so some pair meets twice);
    - a table's people spread out again: the s people of one table go to g tables in each
      later round, so at least `_spread_pairs(s, g)` of their pairs meet again each round,
      shared among their s(s-1)/2 pairs. And at least ceil(s/g) of them meet again in the
      next round, who then spread over the rounds after, and so on (8 people from one table
      of five tables of 8 can't go to five tables without doubling up: 40-8-4 gives 2).
    Sound for any plan; tight on every small room tried by exhaustive search (the tests)."""
    shapes = [[s for s in r if s > 0] for r in rounds]
    total = sum(s * (s - 1) // 2 for r in shapes for s in r)
    pairs = people * (people - 1) // 2
    if total == 0 or pairs == 0:
        return 0
    best = -(-total // pairs)
    for i, first in enumerate(shapes):
        # the other rounds, fewest tables first: those pull a group apart the least
        later = sorted((r for j, r in enumerate(shapes) if j != i), key=len)
        for size in set(first):
            group, together = size, 1
            for k in range(len(later) + 1):
                if group < 2:
                    break
                rest = later[k:]
                again = sum(_spread_pairs(group - max(0, people - sum(r)), len(r)) for r in rest)
                best = max(best, together + -(-again // (group * (group - 1) // 2)))
                if not rest:
                    break
                here = max(0, group - max(0, people - sum(rest[0])))
                group, together = -(-here // len(rest[0])), together + 1
    return best


def repeats_bound(people: int, rounds: Sequence[Sequence[int]], most: int) -> int:
    """The fewest repeat meetings (meetings beyond a pair's first) any plan of this shape can
    have when no pair meets more than `most` times.

    Every two rounds seat some pairs together twice: the people of a table in one round
    spread over the other round's tables, at least `_spread_pairs` of their pairs meeting.
    Summed over all pairs of rounds that is a floor on sum(m(m-1)/2) over pairs meeting m
    times; a pair meeting m <= most times repeats m-1 >= m(m-1)/2 x 2/most. And the meetings
    beyond the number of pairs are repeats whatever happens."""
    shapes = [[s for s in r if s > 0] for r in rounds]
    total = sum(s * (s - 1) // 2 for r in shapes for s in r)
    pairs = people * (people - 1) // 2
    floor = max(0, total - pairs)
    if most < 2:
        return floor
    twice = 0
    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            twice += max(
                sum(_spread_pairs(s - max(0, people - sum(b)), len(b)) for s in a),
                sum(_spread_pairs(s - max(0, people - sum(a)), len(a)) for s in b),
            )
    return max(floor, -(-2 * twice // most))


@dataclass(frozen=True)
class Rules:
    """What the organiser asks for, by person index."""

    sectors: Sequence[str] = ()  # per person; "" when unknown
    organisations: Sequence[str] = ()  # per person; "" when unknown
    keep_apart: Sequence[Sequence[int]] = ()  # no two of a group at one table
    keep_together: Sequence[Sequence[int]] = ()  # a group always at one table
    pinned: dict[int, int] = field(default_factory=dict)  # person → table, every round
    pairs: bool = False  # 1:1 pairs across the public / voluntary divide


@dataclass(frozen=True)
class Figures:
    """How good a plan is, in the numbers the organiser sees."""

    repeats: int  # meetings beyond the first, over all pairs (keep-together pairs excepted)
    max_meetings: int  # the most times any pair meets (keep-together pairs excepted)
    broken: int  # hard rules not met: keep-apart pairs seated together, groups split, pins moved
    sectors_min: int  # the fewest sectors at any table (0 without sectors)
    sectors_mean: float
    colleagues: int  # pairs from one organisation at one table, over all rounds
    # the least max_meetings any plan of this shape (people, tables, rounds) can have
    max_meetings_bound: int = 0


@dataclass(frozen=True)
class Result:
    plan: Plan
    figures: Figures
    seconds: float
    steps: int
    cancelled: bool = False

    @property
    def repeats(self) -> int:
        return self.figures.repeats

    @property
    def max_meetings(self) -> int:
        return self.figures.max_meetings


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


class _Problem:
    """The pair weights of one planning job, as numpy matrices."""

    def __init__(self, people: int, rounds: int, sizes: list[int], rules: Rules) -> None:
        n = people
        self.n, self.rounds, self.sizes, self.rules = n, rounds, sizes, rules
        if rounds < 1:
            raise PlanError("Plan at least one round.")
        if n > MOST_PEOPLE:
            raise PlanError(
                f"{n:,} people is more than the planner seats at once ({MOST_PEOPLE:,}): "
                "plan each room or strand separately."
            )
        linear = np.zeros((n, n), dtype=np.float64)  # cost per meeting
        counted = np.ones((n, n), dtype=bool)  # meetings again cost (all but keep-together)
        sectors = [_key(s) for s in rules.sectors] if rules.sectors else [""] * n
        organisations = [_key(o) for o in rules.organisations] if rules.organisations else [""] * n
        if len(sectors) != n or len(organisations) != n:
            raise PlanError("Every person needs a sector and an organisation, even if blank.")
        self.sectors = sectors
        self.organisations = organisations
        if rules.pairs:
            side = np.array([1 if s in PUBLIC else 2 if s in VOLUNTARY else 0 for s in sectors])
            same = (side[:, None] == side[None, :]) & (side[:, None] > 0)
            np.add(linear, SIDE, out=linear, where=same)  # in place: no n^2 temporary
        else:
            codes = _codes(sectors)
            same = (codes[:, None] == codes[None, :]) & (codes[:, None] >= 0)
            np.add(linear, SECTOR, out=linear, where=same)
        codes = _codes(organisations)
        same = (codes[:, None] == codes[None, :]) & (codes[:, None] >= 0)
        np.add(linear, ORGANISATION, out=linear, where=same)
        del same
        self.apart: list[tuple[int, int]] = []
        for group in rules.keep_apart:
            members = sorted(set(group))
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    linear[a, b] = linear[b, a] = HARD
                    self.apart.append((a, b))
        # Keep-together groups: merged where they overlap, each seated and moved as one block.
        self.block_of = list(range(n))
        for group in rules.keep_together:
            members = list(set(group))
            for other in members[1:]:
                self._union(members[0], other)
        blocks: dict[int, list[int]] = {}
        for p in range(n):
            blocks.setdefault(self._find(p), []).append(p)
        self.blocks = [b for b in blocks.values() if len(b) > 1]
        self.in_block = np.zeros(n, dtype=bool)
        smallest = min(sizes)
        for block in self.blocks:
            if len(block) > smallest:
                raise PlanError(
                    f"A keep-together group of {len(block)} can't fit at a table of {smallest}: "
                    "make the tables bigger or the group smaller."
                )
            self.in_block[block] = True
            for a in block:
                for b in block:
                    linear[a, b] = 0.0
                    counted[a, b] = False  # they meet every round by design
            if any(a in rules.pinned for a in block):
                tables = {rules.pinned[a] for a in block if a in rules.pinned}
                if len(tables) > 1:
                    raise PlanError("A keep-together group has people pinned to different tables.")
        for table in rules.pinned.values():
            if not 0 <= table < len(sizes):
                raise PlanError(
                    f"A person is pinned to table {table + 1}, but there are only "
                    f"{len(sizes)} tables."
                )
        pinned_per_table: dict[int, int] = {}
        for table in rules.pinned.values():
            pinned_per_table[table] = pinned_per_table.get(table, 0) + 1
        for table, count in pinned_per_table.items():
            if count > sizes[table]:
                raise PlanError(
                    f"{count} people are pinned to table {table + 1}, which seats {sizes[table]}."
                )
        np.fill_diagonal(linear, 0.0)
        np.fill_diagonal(counted, False)
        self.linear, self.counted = linear, counted
        # Fair first: the most any pair must meet in this room, and the price of each meeting
        # of a pair: nothing for the first, 1 (x REPEAT) for each again up to the target, then
        # 1 + OVER, 1 + 2 x OVER, … so one pair meeting four times costs more than many pairs
        # meeting twice (40 people in tables of 8 for 4 rounds: 90 pairs meet twice, rather
        # than 15 pairs four times).
        self.target = max(1, meetings_bound(n, [sizes] * rounds))
        self.floor_repeats = repeats_bound(n, [sizes] * rounds, self.target)

    def _find(self, p: int) -> int:
        while self.block_of[p] != p:
            self.block_of[p] = self.block_of[self.block_of[p]]
            p = self.block_of[p]
        return p

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.block_of[max(ra, rb)] = min(ra, rb)

    # Most pairs of a big room never meet, and a pair that hasn't met costs only its linear
    # weight to seat together: so each of these works on the pairs who have met, not all n^2.

    @property
    def _fair(self) -> int:
        """Meetings of a pair priced alike, 1 a repeat: up to the target, and never fewer than
        two, so a plan's price is its repeats while no pair meets three times (as the search
        was tuned for where nobody need meet twice)."""
        return max(self.target, 2)

    def marginal(self, k: np.ndarray) -> np.ndarray:
        """The price (in repeats) of a pair's k-th meeting."""
        k = k.astype(np.float64)
        price: np.ndarray = np.where(k >= 2, 1.0 + OVER * np.maximum(k - self._fair, 0), 0.0)
        return price

    def total(self, m: np.ndarray) -> np.ndarray:
        """The price (in repeats) of a pair's first m meetings."""
        m = m.astype(np.float64)
        beyond = np.maximum(m - self._fair, 0)
        price: np.ndarray = np.maximum(m - 1, 0) + OVER * beyond * (beyond + 1) / 2
        return price

    def gain(self, meet: np.ndarray) -> np.ndarray:
        """Cost added when p joins q's table, given how often they have met."""
        return self._priced(meet, 1)

    def lose(self, meet: np.ndarray) -> np.ndarray:
        """Cost taken away when p leaves q's table (where they meet now)."""
        return self._priced(meet, 0)

    def _priced(self, meet: np.ndarray, next_: int) -> np.ndarray:
        priced: np.ndarray = self.linear.copy()
        met = np.nonzero(meet)
        price = self.marginal(meet[met] + next_)
        priced[met] += np.where(self.counted[met], REPEAT * price, 0.0)
        return priced

    def cost(self, meet: np.ndarray) -> float:
        met = np.nonzero(meet)
        m = meet[met]
        pairs = self.linear[met] * m + np.where(self.counted[met], REPEAT * self.total(m), 0.0)
        return float(pairs.sum() / 2)

    def over(self, meet: np.ndarray) -> int:
        """Meetings beyond the target, over all pairs (0: no pair meets more than it must)."""
        often = np.nonzero(meet > self.target)
        beyond = (meet[often].astype(np.intp) - self.target) * self.counted[often]
        return int(beyond.sum() // 2)

    def figures(self, plan: Plan) -> Figures:
        meet = meetings(plan, self.n)
        upper = np.triu(self.counted, 1)
        repeats = int(np.maximum(meet - 1, 0)[upper].sum())
        most = int(meet[upper].max()) if upper.any() else 0
        broken = sum(int(meet[a, b]) for a, b in self.apart)
        where = _where(plan, self.n)
        for block in self.blocks:
            for r in range(len(plan)):
                broken += len({int(where[r, p]) for p in block}) - 1
        for person, table in self.rules.pinned.items():
            broken += sum(1 for r in range(len(plan)) if where[r, person] != table)
        kinds = [
            len({self.sectors[p] for p in table if self.sectors[p]})
            for round_ in plan
            for table in round_
        ]
        colleagues = 0
        for round_ in plan:
            for members in round_:
                seen: dict[str, int] = {}
                for p in members:
                    if self.organisations[p]:
                        colleagues += seen.get(self.organisations[p], 0)
                        seen[self.organisations[p]] = seen.get(self.organisations[p], 0) + 1
        bound = meetings_bound(self.n, [[len(t) for t in r] for r in plan])
        if self.blocks:  # the bound counts pairs kept together, which the figures leave out
            bound = min(bound, most)
        return Figures(
            repeats=repeats,
            max_meetings=most,
            broken=broken,
            sectors_min=min(kinds, default=0),
            sectors_mean=round(sum(kinds) / len(kinds), 2) if kinds else 0.0,
            colleagues=colleagues,
            max_meetings_bound=bound,
        )


def _problem_of(plan: Plan, people: int, rules: Rules) -> _Problem:
    """The pair weights for an existing plan, even one its rules no longer fit (a hand edit, an
    absentee): then only sectors and organisations are weighed."""
    sizes = [max(2, len(t)) for t in plan[0]] if plan and plan[0] else [2]
    try:
        return _Problem(people, max(1, len(plan)), sizes, rules)
    except PlanError:
        return _Problem(people, max(1, len(plan)), sizes, Rules(rules.sectors, rules.organisations))


def measure(plan: Plan, people: int, rules: Rules) -> Figures:
    """The figures of any plan, even one that breaks the rules (after a hand edit)."""
    return _problem_of(plan, people, rules).figures(plan)


def _codes(values: Sequence[str]) -> np.ndarray:
    """A number per distinct non-empty value, -1 for blanks."""
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) if v else -1 for v in values])


def meetings(plan: Plan, people: int) -> np.ndarray:
    """How many times each pair sits at one table over the plan (a symmetric matrix of small
    integers: 2,000 people take 8 MB)."""
    meet = np.zeros((people, people), dtype=np.int16)
    for round_ in plan:
        _add_round(meet, round_)
    return meet


def _add_round(meet: np.ndarray, tables: Sequence[Sequence[int]], times: int = 1) -> None:
    """Count one round's meetings into `meet` (`times=-1`: take them out)."""
    for table in tables:
        idx = np.array(table, dtype=np.intp)
        meet[np.ix_(idx, idx)] += times
        meet[idx, idx] -= times  # nobody meets themselves


def _where(plan: Plan, people: int) -> np.ndarray:
    where = np.full((len(plan), people), -1, dtype=np.intp)
    for r, round_ in enumerate(plan):
        for t, table in enumerate(round_):
            where[r, table] = t
    return where


def count_repeats(plan: Plan, people: int) -> tuple[int, int]:
    """(repeat meetings, the most times any pair meets) for a plan of plain people."""
    meet = meetings(plan, people)
    upper = np.triu(np.ones((people, people), dtype=bool), 1)
    repeats = int(np.maximum(meet - 1, 0)[upper].sum())
    return repeats, int(meet[upper].max()) if people > 1 else 0


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


def _start(
    problem: _Problem,
    keep: dict[int, list[list[int]]],
    rng: np.random.Generator,
    geometry: bool = True,
) -> tuple[Plan, bool]:
    """The plan a search starts from, and whether finite geometry gave any of it: for a plain
    job whose numbers fit, as many repeat-free rounds as geometry gives, then the greedy plan
    for the rest."""
    sizes = problem.sizes
    designed: Plan = []
    if geometry and _plain(problem, keep):
        if len(set(sizes)) == 1:
            designed = affine_rounds(problem.n, sizes[0], problem.rounds, rng)
        if len(designed) < problem.rounds:
            designed = max(designed, transversal_rounds(sizes, problem.rounds, rng), key=len)
    plan = _greedy(problem, problem.rounds, dict(enumerate(designed)) if designed else keep, rng)
    return plan, bool(designed)


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


def _greedy(
    problem: _Problem,
    rounds: int,
    fixed: dict[int, list[list[int]]],
    rng: np.random.Generator,
) -> Plan:
    """Round by round, table by table: pinned people, locked tables and keep-together blocks
    first, then the pair of people who add the least cost, and of those the pair that leaves
    the table the most "freedom" — people who have met none of it yet (after Triska and
    Musliu, "An effective greedy heuristic for the social golfer problem", 2012). A room of
    more than FREEDOM_UP_TO people takes the cheapest person each time instead: the freedom
    sums grow as n^2 a pair (2,000 people: 59 s against 0.8 s), and a big room has freedom
    to spare for the few rounds an event holds."""
    n, sizes = problem.n, problem.sizes
    meet = np.zeros((n, n), dtype=np.int16)
    plan: Plan = []
    for r in range(rounds):
        gain = problem.gain(meet)
        tables: list[list[int]] = [[] for _ in sizes]
        seated = np.zeros(n, dtype=bool)
        for t, table in enumerate(fixed.get(r, [])):
            if table:
                tables[t] = list(table)
                seated[table] = True
        for person, t in problem.rules.pinned.items():
            if not seated[person]:
                tables[t].append(person)
                seated[person] = True
        for block in problem.blocks:
            left = [p for p in block if not seated[p]]
            if not left:
                continue
            homes = [t for t, table in enumerate(tables) if any(p in table for p in block)]
            if homes:
                best = homes[0]
            else:
                open_ = [t for t, table in enumerate(tables) if sizes[t] - len(table) >= len(left)]
                best = min(
                    open_ or range(len(tables)),
                    key=lambda t: (float(gain[np.ix_(left, tables[t])].sum()), len(tables[t]), t),
                )
            tables[best].extend(left)
            seated[left] = True
        noise = rng.random(n) * 1e-3  # ties broken by the seed
        if n > FREEDOM_UP_TO:
            _seat_cheapest(tables, sizes, seated, gain, noise)
        else:
            strangers = (meet == 0).astype(np.float64)
            np.fill_diagonal(strangers, 0.0)
            _seat_freely(tables, sizes, seated, gain, strangers, noise)
        _seat_leftover(tables, seated)
        plan.append(tables)
        _add_round(meet, tables)
    return plan


def _seat_freely(
    tables: list[list[int]],
    sizes: list[int],
    seated: np.ndarray,
    gain: np.ndarray,
    strangers: np.ndarray,
    noise: np.ndarray,
) -> None:
    """A greedy round, table by table: the pair of people who add the least cost, and of those
    the pair that leaves the table the most freedom."""
    n = len(seated)
    # A pair's score: its cost first, then (lower is better) minus its "freedom", the number
    # of people who are strangers to both of them and to everyone at the table.
    fresh = gain * 1000.0 - strangers @ strangers + noise[:, None] + noise[None, :]
    for t in range(len(tables)):
        table = tables[t]
        if len(table) >= sizes[t]:
            continue
        open_to = strangers[:, table].prod(axis=1) if table else np.ones(n)
        # kept up to date as people sit down: those who stop being open give freedom back
        pairs = fresh + (strangers * (1.0 - open_to)) @ strangers if table else fresh.copy()
        while len(table) < sizes[t]:
            free = np.flatnonzero(~seated)
            if len(free) == 0:
                break
            added = gain[:, table].sum(axis=1) if table else np.zeros(n)
            if sizes[t] - len(table) >= 2 and len(free) >= 2:
                extra = added[free] * 1000.0
                score = pairs[np.ix_(free, free)] + extra[:, None] + extra[None, :]
                np.fill_diagonal(score, np.inf)
                i, j = np.unravel_index(int(np.argmin(score)), score.shape)
                chosen = [int(free[i]), int(free[j])]
            else:
                freedom = strangers[free] @ open_to
                score = added[free] * 1000.0 - freedom + noise[free]
                chosen = [int(free[int(np.argmin(score))])]
            table.extend(chosen)
            seated[chosen] = True
            still = open_to * strangers[:, chosen].prod(axis=1)
            closed = np.flatnonzero(still < open_to)
            pairs += strangers[:, closed] @ strangers[closed, :]
            open_to = still


def _seat_cheapest(
    tables: list[list[int]],
    sizes: list[int],
    seated: np.ndarray,
    gain: np.ndarray,
    noise: np.ndarray,
) -> None:
    """A big room's greedy round: table by table, the person who adds the least cost (what
    each would add is summed as the table fills, one person's row at a time)."""
    for t, table in enumerate(tables):
        if len(table) >= sizes[t]:
            continue
        added = gain[:, table].sum(axis=1) * 1000.0 + noise
        added[seated] = np.inf
        while len(table) < sizes[t]:
            person = int(np.argmin(added))
            if seated[person]:
                return  # everyone is seated
            table.append(person)
            seated[person] = True
            added += gain[:, person] * 1000.0
            added[person] = np.inf


def _seat_leftover(tables: list[list[int]], seated: np.ndarray) -> None:
    """More people than seats (rules left a table short): each to the smallest table."""
    for p in np.flatnonzero(~seated):
        min(tables, key=len).append(int(p))


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

    def late() -> bool:
        return clock() - began >= budget

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
    seconds = clock() - began
    if progress is not None:
        progress(1.0, problem.figures(best))
    return Result(best, problem.figures(best), seconds, step, stopped)


def _fewest_repeats(sizes: list[int], rounds: int, n: int) -> int:
    """Repeats no plan can avoid: the meetings all the rounds hold, less every pair once
    (5 people at tables of 3 and 2 for 3 rounds: 12 meetings, 10 pairs, so 2 repeats)."""
    meetings = rounds * sum(s * (s - 1) // 2 for s in sizes)
    return max(0, meetings - n * (n - 1) // 2)


def _plain(problem: _Problem, keep: dict[int, list[list[int]]]) -> bool:
    """No rules, no sectors, nothing locked: only repeats cost anything."""
    return (
        not problem.linear.any()
        and not problem.blocks
        and not problem.rules.pinned
        and not any(t for r in keep.values() for t in r)
    )


def _floor(problem: _Problem, keep: dict[int, list[list[int]]]) -> float:
    """A cost no plan can beat, so the search stops when it gets there: the repeats no plan
    avoids, and for sectors, organisations and sides, each spread as evenly as can be over
    the tables of every round (125 people of one sector at 100 tables: 25 pairs at least).
    With keep-together groups, locked tables or rules of one's own it says -1: search to
    the end of patience."""
    repeats = REPEAT * _fewest_repeats(problem.sizes, problem.rounds, problem.n)
    if not problem.linear.any():
        return float(repeats)
    if problem.blocks or problem.apart or any(t for r in keep.values() for t in r):
        return -1.0
    g = len(problem.sizes)
    per_round = 0
    groups: list[tuple[int, Sequence[str]]] = [(ORGANISATION, problem.organisations)]
    if problem.rules.pairs:
        sides = [
            "public" if s in PUBLIC else "voluntary" if s in VOLUNTARY else ""
            for s in problem.sectors
        ]
        groups.append((SIDE, sides))
    else:
        groups.append((SECTOR, problem.sectors))
    for weight, values in groups:
        counts: dict[str, int] = {}
        for v in values:
            if v:
                counts[v] = counts.get(v, 0) + 1
        per_round += weight * sum(_spread_pairs(c, g) for c in counts.values())
    return float(repeats + problem.rounds * per_round)


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


def _shake(search: _Search, swappable: np.ndarray, rng: np.random.Generator) -> None:
    r = int(rng.integers(search.rounds))
    people = np.flatnonzero(swappable[r])
    for _ in range(int(rng.integers(1, 4))):
        if len(people) < 2:
            return
        a, b = (int(x) for x in rng.choice(people, 2, replace=False))
        if search.where[r, a] != search.where[r, b]:
            search.exchange(r, [a], [b])


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
