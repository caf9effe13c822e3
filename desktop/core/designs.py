"""Rounds with no repeat at all, built from finite geometry where the numbers allow it.

Two constructions, both over a finite field GF(q) (q a prime power: 2, 3, 4, 5, 7, 8, 9, …):

- Affine spaces (`affine_rounds`), for q^k people at tables of q^m. The people are the points
  of GF(q)^k; an m-dimensional subspace S splits them into its cosets x + S, tables of q^m,
  which is one round. x and y share a table in S's round exactly when y - x lies in S, so
  rounds whose subspaces meet only in zero (a "partial spread") never seat a pair twice.
  8-4-9 (32 in fours; 9 is the most planes in GF(2)^5 that meet only in zero), 4-4-5, 3-3-4,
  5-5-6, 9-3-13, 16-4-21, and for tables of two in a room of 2^k a full round robin.
- Transversal designs (`transversal_rounds`), for any number of tables g that is a prime
  power, with tables of s or s - 1 where s <= g: g rounds. 7-4-7 (28 in fours), 26 in fours
  (seven tables), 8-5-8, 11-10-11, …

The planner starts from whichever gives more rounds, with the people shuffled by the seed,
and searches on from there for any rounds beyond them. Pure: no Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

Plan = list[list[list[int]]]

SEARCH_NODES = 3_000  # subspaces tried when looking for a spread, before settling for fewer


def _prime_power(q: int) -> tuple[int, int] | None:
    """(p, e) with q = p^e and p prime, or None."""
    for p in range(2, q + 1):
        if q % p == 0:
            e = 0
            while q % p == 0:
                q //= p
                e += 1
            return (p, e) if q == 1 else None
    return None


def _power_of(n: int, q: int) -> int | None:
    """k with n = q^k (k >= 1), or None."""
    k, value = 0, 1
    while value < n:
        value *= q
        k += 1
    return k if value == n and k >= 1 else None


class _Field:
    """GF(q) as addition and multiplication tables over 0 … q-1 (base-p digits of a polynomial)."""

    def __init__(self, q: int) -> None:
        found = _prime_power(q)
        if found is None:
            raise ValueError(f"{q} is not a prime power")
        p, e = found
        self.q = q
        digits = [self._digits(a, p, e) for a in range(q)]
        self.add = [
            [self._number([(x + y) % p for x, y in zip(da, db, strict=True)], p) for db in digits]
            for da in digits
        ]
        for low in range(q if e > 1 else 1):
            mul = [
                [self._times(da, db, p, e, self._digits(low, p, e)) for db in digits]
                for da in digits
            ]
            if all(1 in row[1:] for row in mul[1:]):  # every non-zero element has an inverse
                self.mul = mul
                return
        raise AssertionError(f"no irreducible polynomial found for GF({q})")  # pragma: no cover

    @staticmethod
    def _digits(a: int, p: int, e: int) -> list[int]:
        return [(a // p**i) % p for i in range(e)]

    @staticmethod
    def _number(digits: list[int], p: int) -> int:
        return sum(d * p**i for i, d in enumerate(digits))

    def _times(self, a: list[int], b: list[int], p: int, e: int, low: list[int]) -> int:
        """a × b modulo x^e + low(x), over GF(p)."""
        product = [0] * (2 * e - 1)
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                product[i + j] = (product[i + j] + x * y) % p
        for d in range(2 * e - 2, e - 1, -1):  # x^d = -low(x) x^(d-e)
            c = product[d]
            if c:
                product[d] = 0
                for i, coefficient in enumerate(low):
                    product[d - e + i] = (product[d - e + i] - c * coefficient) % p
        return self._number(product[:e], p)


class _Space:
    """The vectors of GF(q)^k, each held as one number (its k coordinates in base q)."""

    def __init__(self, field: _Field, k: int) -> None:
        self.field, self.k, self.q = field, k, field.q
        self.size = self.q**k

    def _coordinates(self, v: int) -> list[int]:
        return [(v // self.q**i) % self.q for i in range(self.k)]

    def _vector(self, coordinates: list[int]) -> int:
        return sum(c * self.q**i for i, c in enumerate(coordinates))

    def plus(self, u: int, v: int) -> int:
        add = self.field.add
        return self._vector(
            [add[a][b] for a, b in zip(self._coordinates(u), self._coordinates(v), strict=True)]
        )

    def times(self, c: int, v: int) -> int:
        mul = self.field.mul
        return self._vector([mul[c][a] for a in self._coordinates(v)])

    def span(self, basis: list[int]) -> frozenset[int]:
        vectors = {0}
        for b in basis:
            multiples = [self.times(c, b) for c in range(self.q)]
            vectors = {self.plus(s, m) for s in vectors for m in multiples}
        return frozenset(vectors)

    def cosets(self, subspace: frozenset[int]) -> list[list[int]]:
        """The tables of one round: the cosets x + S, each a list of points."""
        seen: set[int] = set()
        tables: list[list[int]] = []
        for x in range(self.size):
            if x not in seen:
                table = sorted(self.plus(x, s) for s in subspace)
                seen.update(table)
                tables.append(table)
        return tables


def _subspaces_through(
    space: _Space, v: int, m: int, used: set[int], order: list[int], budget: list[int]
) -> Iterator[frozenset[int]]:
    """m-dimensional subspaces that hold v and none of `used` (each once), until `budget[0]`
    spans have been worked out."""
    seen: set[frozenset[int]] = set()

    def grow(basis: list[int], span: frozenset[int]) -> Iterator[frozenset[int]]:
        if len(basis) == m:
            if span not in seen:
                seen.add(span)
                yield span
            return
        for w in order:
            if w in span or w in used:
                continue
            if budget[0] <= 0:
                return
            budget[0] -= 1
            wider = space.span([*basis, w])
            if used.isdisjoint(wider):
                yield from grow([*basis, w], wider)

    first = space.span([v])
    if used.isdisjoint(first):
        yield from grow([v], first)


def partial_spread(
    space: _Space, m: int, want: int, rng: np.random.Generator, nodes: int = SEARCH_NODES
) -> list[frozenset[int]]:
    """Up to `want` m-dimensional subspaces meeting only in zero: backtracking over the vectors
    in a seeded order, each either covered by a new subspace or left out; the largest set found
    within `nodes` subspaces tried."""
    order = [int(v) + 1 for v in rng.permutation(space.size - 1)]
    best: list[frozenset[int]] = []
    chosen: list[frozenset[int]] = []
    used: set[int] = set()
    budget = [nodes]
    spare = [space.size - 1 - want * (space.q**m - 1)]  # vectors that may stay uncovered

    def extend(start: int) -> bool:
        if len(chosen) > len(best):
            best[:] = chosen
        if len(chosen) == want:
            return True
        for i in range(start, len(order)):
            v = order[i]
            if v in used:
                continue
            for subspace in _subspaces_through(space, v, m, used, order, budget):
                chosen.append(subspace)
                used.update(subspace - {0})
                if extend(i + 1):
                    return True
                chosen.pop()
                used.difference_update(subspace - {0})
                if budget[0] <= 0:
                    return False
            if spare[0] <= 0:
                return False  # v must be covered, and it can't be
            spare[0] -= 1  # leave v out and go on
            try:
                if extend(i + 1):
                    return True
            finally:
                spare[0] += 1
            return False
        return False

    extend(0)
    return best


def transversal_rounds(sizes: list[int], rounds: int, rng: np.random.Generator) -> Plan:
    """Up to g rounds (at most `rounds`) with nobody meeting twice, for g tables (g a prime
    power) of s or s - 1 people where s <= g; [] when the tables don't fit.

    Each person is a point (x, j) of GF(g) x {0 … s-1}, a "column" j and a place x in it; each
    column gets a different multiplier m_j, and in round r the person (x, j) sits at table
    x - m_j r. Two people of one column never share a table; two of columns j and k share one
    exactly when x - y = (m_j - m_k) r, which one round r in GF(g) solves. The last column may
    be short, which leaves the tables it misses one person smaller. So 28 in fours (7 tables)
    gets 7 rounds, 26 in fours (5 tables of 4, 2 of 3) gets 7, 40 in fives (8 tables) gets 8.
    Tables come biggest first; people are shuffled by `rng`."""
    g = len(sizes)
    s = max(sizes, default=0)
    if g < 2 or s < 2 or s > g or min(sizes) < s - 1 or rounds < 1 or _prime_power(g) is None:
        return []
    field = _Field(g)
    minus = [[0] * g for _ in range(g)]  # minus[a][b] = a - b
    for b in range(g):
        for c in range(g):
            minus[field.add[b][c]][b] = c
    multipliers = [int(m) for m in rng.choice(g, s, replace=False)]
    last = [int(x) for x in rng.choice(g, sizes.count(s), replace=False)]
    points = [(x, j) for j in range(s - 1) for x in range(g)] + [(x, s - 1) for x in last]
    person = [int(p) for p in rng.permutation(len(points))]
    plan: Plan = []
    for r in rng.permutation(g)[:rounds]:
        tables: list[list[int]] = [[] for _ in range(g)]
        for i, (x, j) in enumerate(points):
            tables[minus[x][field.mul[multipliers[j]][int(r)]]].append(person[i])
        plan.append(sorted(tables, key=len, reverse=True))
    return plan


def affine_rounds(people: int, size: int, rounds: int, rng: np.random.Generator) -> Plan:
    """As many rounds (up to `rounds`) seating `people` at tables of `size` with nobody meeting
    anyone twice as finite geometry gives; [] when the numbers don't fit. People are numbered
    0 … people-1, shuffled by `rng`."""
    if size < 2 or people <= size or rounds < 1:
        return []
    for q in range(size, 1, -1):  # the biggest field first: smaller spaces, quicker searches
        m = _power_of(size, q)
        k = _power_of(people, q)
        if m is None or k is None or k <= m or _prime_power(q) is None:
            continue
        space = _Space(_Field(q), k)
        most = (space.size - 1) // (q**m - 1)
        spread = partial_spread(space, m, min(rounds, most), rng)
        person = [int(p) for p in rng.permutation(people)]
        return [
            [[person[x] for x in table] for table in space.cosets(subspace)] for subspace in spread
        ]
    return []
