"""The planning problem and its figures: table sizes, the bounds no plan can beat, the rules,
what a plan costs (every wish a price on a pair at one table) and how good it is.

See docs/planner.md for how the planner works. No I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

Plan = list[list[list[int]]]  # rounds → tables → people (0-based indexes)
Clock = Callable[[], float]

MOST_PEOPLE = 2_000  # a bigger room needs more memory than a venue laptop may have (n^2 pairs)
HARD = 100_000
REPEAT = 1_000
OVER = 20  # each meeting beyond the room's least possible most (x REPEAT), growing: 20, 40, …
ORGANISATION = 40
SIDE = 30
SECTOR = 1

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
