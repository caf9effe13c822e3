"""Table planning, first cut: sizes, determinism, and Kirkman's fifteen schoolgirls solved."""

from __future__ import annotations

import pytest

from desktop.core.tables import count_repeats, plan_rounds, table_sizes


@pytest.mark.parametrize(
    ("people", "size", "tables", "sizes"),
    [
        (26, 4, None, [4, 4, 4, 4, 4, 3, 3]),
        (24, 4, None, [4] * 6),
        (5, 4, None, [3, 2]),  # never a table of 1
        (3, 2, None, [3]),
        (30, None, 7, [5, 5, 4, 4, 4, 4, 4]),
    ],
)
def test_remainders_are_spread(
    people: int, size: int | None, tables: int | None, sizes: list[int]
) -> None:
    assert table_sizes(people, size=size, tables=tables) == sizes


def test_nobody_or_no_size_is_refused() -> None:
    with pytest.raises(ValueError, match="nobody"):
        table_sizes(0, size=4)
    with pytest.raises(ValueError, match="table size"):
        table_sizes(10)


def fake_clock() -> object:
    ticks = iter(range(10_000_000))
    return lambda: next(ticks) / 1000  # each reading a millisecond later: a budget in steps


def test_kirkmans_schoolgirls_meet_no_one_twice() -> None:
    result = plan_rounds(15, 7, size=3, seed=1, budget=60.0, clock=fake_clock())
    assert result.repeats == 0 and result.max_meetings == 1
    assert all(sorted(p for t in r for p in t) == list(range(15)) for r in result.plan)


def test_the_same_seed_gives_the_same_plan() -> None:
    one = plan_rounds(20, 3, size=4, seed=7, budget=5.0, clock=fake_clock())
    two = plan_rounds(20, 3, size=4, seed=7, budget=5.0, clock=fake_clock())
    assert one.plan == two.plan


def test_repeats_are_counted_once_per_extra_meeting() -> None:
    plan = [[[0, 1], [2, 3]], [[0, 1], [2, 3]], [[0, 1], [2, 3]]]
    assert count_repeats(plan, 4) == (4, 3)
