"""Repeat-free rounds from finite geometry: fields, spreads and the rounds they seat."""

from __future__ import annotations

from itertools import combinations, product

import numpy as np
import pytest

from desktop.core import designs
from desktop.core.designs import affine_rounds
from desktop.core.tables import count_repeats


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9, 16])
def test_each_field_is_a_field(q: int) -> None:
    field = designs._Field(q)
    add, mul = field.add, field.mul
    elements = range(q)
    assert all(add[0][a] == a and mul[1][a] == a and mul[0][a] == 0 for a in elements)
    assert all(sorted(add[a]) == list(elements) for a in elements)  # subtraction works
    assert all(sorted(mul[a][1:]) == list(range(1, q)) for a in range(1, q))  # division works
    for a, b, c in product(elements, repeat=3):
        assert mul[a][add[b][c]] == add[mul[a][b]][mul[a][c]]
        assert mul[mul[a][b]][c] == mul[a][mul[b][c]]


def test_six_and_twelve_are_not_prime_powers() -> None:
    assert designs._prime_power(6) is None and designs._prime_power(12) is None
    assert designs._prime_power(8) == (2, 3) and designs._prime_power(9) == (3, 2)


@pytest.mark.parametrize(
    ("people", "size", "rounds", "made"),
    [
        (32, 4, 9, 9),  # 8-4-9
        (32, 4, 12, 9),  # nine planes of GF(2)^5 is the most that meet only in zero
        (16, 4, 5, 5),
        (16, 4, 3, 3),
        (9, 3, 4, 4),
        (25, 5, 6, 6),
        (27, 3, 13, 13),
        (64, 8, 9, 9),
        (81, 9, 10, 10),
        (8, 2, 7, 7),  # a round robin
    ],
)
def test_geometry_seats_everyone_with_no_pair_twice(
    people: int, size: int, rounds: int, made: int
) -> None:
    plan = affine_rounds(people, size, rounds, np.random.default_rng(3))
    assert len(plan) == made
    for round_ in plan:
        assert sorted(p for table in round_ for p in table) == list(range(people))
        assert {len(table) for table in round_} == {size}
    assert count_repeats(plan, people) == (0, 1)


def test_a_round_robin_of_pairs_meets_everyone_exactly_once() -> None:
    plan = affine_rounds(16, 2, 15, np.random.default_rng(1))
    met = {tuple(sorted(t)) for r in plan for t in r}
    assert met == set(combinations(range(16), 2))


@pytest.mark.parametrize(
    ("people", "size"), [(28, 4), (30, 5), (32, 6), (24, 4), (36, 6), (4, 4), (12, 1)]
)
def test_rooms_geometry_does_not_fit_get_nothing(people: int, size: int) -> None:
    assert affine_rounds(people, size, 5, np.random.default_rng(1)) == []


def test_the_seed_decides_the_rounds() -> None:
    first = affine_rounds(32, 4, 9, np.random.default_rng(5))
    assert first == affine_rounds(32, 4, 9, np.random.default_rng(5))
    assert first != affine_rounds(32, 4, 9, np.random.default_rng(6))


def test_a_spread_s_subspaces_meet_only_in_zero() -> None:
    space = designs._Space(designs._Field(2), 5)
    spread = designs.partial_spread(space, 2, 9, np.random.default_rng(2))
    assert len(spread) == 9 and all(len(s) == 4 for s in spread)
    assert all(a & b == {0} for a, b in combinations(spread, 2))


def test_a_spread_search_that_cannot_finish_keeps_the_most_it_found() -> None:
    space = designs._Space(designs._Field(2), 5)
    spread = designs.partial_spread(space, 2, 10, np.random.default_rng(2), nodes=50)
    assert 1 <= len(spread) <= 9
    assert all(a & b == {0} for a, b in combinations(spread, 2))


@pytest.mark.parametrize(
    ("sizes", "made"),
    [
        ([4] * 7, 7),  # 7-4-7
        ([4] * 5 + [3] * 2, 7),  # 26 in fours
        ([5] * 8, 8),  # GF(8)
        ([3] * 5, 5),
        ([10] * 11, 11),
        ([9] * 9, 9),  # GF(9), as big as the tables may be
        ([2] * 3 + [1] * 2, 5),
    ],
)
def test_transversal_rounds_seat_everyone_with_no_pair_twice(sizes: list[int], made: int) -> None:
    people = sum(sizes)
    plan = designs.transversal_rounds(sizes, 20, np.random.default_rng(2))
    assert len(plan) == made
    for round_ in plan:
        assert sorted(p for table in round_ for p in table) == list(range(people))
        assert [len(table) for table in round_] == sizes
    assert count_repeats(plan, people) == (0, 1)


@pytest.mark.parametrize(
    "sizes",
    [[5] * 6, [4] * 3, [4, 4, 2], [5] * 4, [4] * 12, [1] * 5, []],
)
def test_transversal_rounds_need_a_prime_power_of_tables_no_smaller_than_them(
    sizes: list[int],
) -> None:
    assert designs.transversal_rounds(sizes, 5, np.random.default_rng(1)) == []


def test_transversal_rounds_stop_at_the_rounds_asked_for() -> None:
    assert len(designs.transversal_rounds([4] * 7, 3, np.random.default_rng(1))) == 3
