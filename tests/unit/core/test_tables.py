"""The table planner: sizes, rules, figures, late arrivals and absentees, with a fake clock."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import planner
from desktop.core.planner import golf, greedy, repair
from desktop.core.planner.problem import _plain, _Problem
from desktop.core.planner.search import _Search
from desktop.core.tables import (
    PlanError,
    Rules,
    count_repeats,
    plan_rounds,
    remove_absentee,
    seat_late_arrival,
    table_sizes,
)
from tests.helpers import FakeClock


@pytest.mark.parametrize(
    ("people", "size", "tables", "sizes"),
    [
        (26, 4, None, [4, 4, 4, 4, 4, 3, 3]),
        (24, 4, None, [4] * 6),
        (5, 4, None, [3, 2]),  # never a table of 1
        (3, 2, None, [3]),
        (7, 2, None, [3, 2, 2]),
        (30, None, 7, [5, 5, 4, 4, 4, 4, 4]),
    ],
)
def test_remainders_are_spread(
    people: int, size: int | None, tables: int | None, sizes: list[int]
) -> None:
    assert table_sizes(people, size=size, tables=tables) == sizes


def test_nobody_or_no_size_is_refused() -> None:
    with pytest.raises(PlanError, match="nobody"):
        table_sizes(0, size=4)
    with pytest.raises(PlanError, match="table size"):
        table_sizes(10)


def fake_clock() -> FakeClock:
    return FakeClock(0.0, step=0.001)  # each reading a millisecond later: a budget in steps


def test_kirkmans_schoolgirls_meet_no_one_twice() -> None:
    result = plan_rounds(15, 7, size=3, seed=1, budget=60.0, clock=fake_clock())
    assert result.repeats == 0 and result.max_meetings == 1
    assert all(sorted(p for t in r for p in t) == list(range(15)) for r in result.plan)


def test_repeats_are_counted_once_per_extra_meeting() -> None:
    plan = [[[0, 1], [2, 3]], [[0, 1], [2, 3]], [[0, 1], [2, 3]]]
    assert count_repeats(plan, 4) == (4, 3)


def pairs_at_tables(plan: list[list[list[int]]]) -> list[set[frozenset[int]]]:
    return [{frozenset(p) for t in r for p in combinations(t, 2)} for r in plan]


@st.composite
def jobs(draw: st.DrawFn) -> dict:
    people = draw(st.integers(4, 40))
    size = draw(st.integers(2, 6))
    rounds = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 1000))
    everyone = list(range(people))
    apart = draw(
        st.lists(
            st.lists(st.sampled_from(everyone), min_size=2, max_size=2, unique=True), max_size=3
        )
    )
    smallest = min(table_sizes(people, size=size))
    together = draw(
        st.lists(st.sampled_from(everyone), min_size=2, max_size=min(2, smallest), unique=True)
        | st.just([])
    )
    together_groups = [together] if together else []
    in_group = set(together)
    apart = [g for g in apart if not set(g) <= in_group]
    sizes = table_sizes(people, size=size)
    pinned: dict[int, int] = {}
    if draw(st.booleans()):
        pin_person = draw(st.sampled_from(everyone))
        pinned = {pin_person: draw(st.integers(0, len(sizes) - 1))}
        if pin_person in in_group:
            pinned = {p: pinned[pin_person] for p in together}
    return dict(
        people=people,
        size=size,
        rounds=rounds,
        seed=seed,
        rules=Rules(keep_apart=apart, keep_together=together_groups, pinned=pinned),
    )


@settings(max_examples=40, deadline=None)
@given(jobs())
def test_every_plan_seats_everyone_once_with_even_tables_and_keeps_the_rules(job: dict) -> None:
    rules: Rules = job["rules"]
    result = plan_rounds(
        job["people"],
        job["rounds"],
        size=job["size"],
        rules=rules,
        seed=job["seed"],
        budget=0.3,
        clock=fake_clock(),
    )
    assert len(result.plan) == job["rounds"]
    for round_ in result.plan:
        assert sorted(p for t in round_ for p in t) == list(range(job["people"]))
        lengths = [len(t) for t in round_]
        assert max(lengths) - min(lengths) <= 1 and min(lengths) >= 2
        for person, table in rules.pinned.items():
            assert person in round_[table]
        for group in rules.keep_together:
            assert any(set(group) <= set(t) for t in round_)
    met = set().union(*pairs_at_tables(result.plan))
    # keep-apart pairs never meet where there are two tables, no pin or group in the way and
    # nobody in two pairs (pins and groups can leave two people only one table to share; one
    # person kept apart from everyone else at tables of two has nowhere to sit)
    everyone_once = len({p for g in rules.keep_apart for p in g}) == 2 * len(rules.keep_apart)
    if len(result.plan[0]) > 1 and not rules.pinned and not rules.keep_together and everyone_once:
        for a, b in rules.keep_apart:
            assert frozenset((a, b)) not in met
    again = plan_rounds(
        job["people"],
        job["rounds"],
        size=job["size"],
        rules=rules,
        seed=job["seed"],
        budget=0.3,
        clock=fake_clock(),
    )
    assert again.plan == result.plan  # same seed, same plan


def test_sectors_are_mixed_and_colleagues_kept_apart() -> None:
    sectors = ["health"] * 8 + ["third sector"] * 8 + ["housing"] * 8
    organisations = [f"org {i % 6}" for i in range(24)]
    result = plan_rounds(
        24,
        3,
        size=4,
        rules=Rules(sectors=sectors, organisations=organisations),
        seed=3,
        budget=5.0,
        clock=fake_clock(),
    )
    assert result.figures.sectors_min >= 3
    assert result.figures.colleagues == 0
    assert result.repeats == 0


def test_pairs_mode_pairs_public_with_voluntary_and_new_partners_each_round() -> None:
    sectors = ["health", "local authority", "police & justice", "housing"] * 2 + [
        "third sector"
    ] * 8
    result = plan_rounds(
        16, 4, rules=Rules(sectors=sectors, pairs=True), seed=2, budget=5.0, clock=fake_clock()
    )
    for round_ in result.plan:
        assert all(len(t) == 2 for t in round_)
        for a, b in round_:
            assert (sectors[a] == "third sector") != (sectors[b] == "third sector")
    assert result.repeats == 0


def test_impossible_rules_are_refused_in_words() -> None:
    with pytest.raises(PlanError, match="keep-together group of 5"):
        plan_rounds(12, 2, size=4, rules=Rules(keep_together=[[0, 1, 2, 3, 4]]))
    with pytest.raises(PlanError, match="pinned to table 9"):
        plan_rounds(12, 2, size=4, rules=Rules(pinned={0: 8}))
    with pytest.raises(PlanError, match="4 people are pinned to table 1"):
        plan_rounds(9, 1, size=3, rules=Rules(pinned={0: 0, 1: 0, 2: 0, 3: 0}))


def test_locked_tables_stay_as_they_are() -> None:
    first = plan_rounds(20, 2, size=4, seed=1, budget=1.0, clock=fake_clock())
    keep = {1: [first.plan[1][0]] + [[] for _ in first.plan[1][1:]]}
    again = plan_rounds(20, 2, size=4, seed=9, keep=keep, budget=1.0, clock=fake_clock())
    assert again.plan[1][0] == first.plan[1][0]


def test_a_late_arrival_joins_a_small_table_and_nobody_else_moves() -> None:
    result = plan_rounds(22, 3, size=4, seed=1, budget=1.0, clock=fake_clock())
    later = seat_late_arrival(result.plan, 22, 1, Rules(), 23)
    assert later[0] == result.plan[0]  # rounds already run are untouched
    for before, after in zip(result.plan[1:], later[1:], strict=True):
        grown = [a for b, a in zip(before, after, strict=True) if a != b]
        assert len(grown) == 1 and grown[0][-1] == 22
        assert len(grown[0]) == min(len(t) for t in before) + 1


def test_an_absentee_leaves_and_nobody_is_left_alone() -> None:
    plan = [[[0, 1], [2, 3], [4, 5]], [[0, 2], [1, 4], [3, 5]]]
    after = remove_absentee(plan, 1, 1, Rules(), 6)
    assert after[0] == plan[0]
    assert all(1 not in t for t in after[1])
    assert sorted(p for t in after[1] for p in t) == [0, 2, 3, 4, 5]
    assert min(len(t) for t in after[1]) >= 2


def test_cancelling_returns_the_best_plan_so_far() -> None:
    result = plan_rounds(
        30, 9, size=5, seed=1, budget=100.0, clock=fake_clock(), cancelled=lambda: True
    )
    assert result.cancelled and len(result.plan) == 9


def test_progress_is_reported_and_ends_at_one() -> None:
    seen: list[float] = []
    plan_rounds(
        30,
        7,
        size=5,
        seed=1,
        budget=2.0,
        clock=fake_clock(),
        progress=lambda fraction, figures: seen.append(fraction),
    )
    assert len(seen) > 2 and seen[-1] == 1.0 and seen == sorted(seen)


def price(plan: list[list[list[int]]], people: int, target: int) -> float:
    """A plan's price in repeats, worked out by hand: each meeting again costs 1, and each
    beyond `target` (or the second) OVER more for each time past it (a pair's 4th meeting
    with target 2: 1 + 2 x OVER)."""
    meet = count_meetings(plan)
    return sum(
        1 + planner.OVER * max(0, k - max(target, 2))
        for a, b in combinations(range(people), 2)
        for k in range(2, meet.get((a, b), 0) + 1)
    )


def count_meetings(plan: list[list[list[int]]]) -> dict[tuple[int, int], int]:
    meet: dict[tuple[int, int], int] = {}
    for round_ in plan:
        for table in round_:
            for a, b in combinations(sorted(table), 2):
                meet[a, b] = meet.get((a, b), 0) + 1
    return meet


@pytest.mark.parametrize(("people", "size", "rounds"), [(32, 4, 9), (24, 6, 4)])
def test_the_plain_search_prices_every_swap_as_the_change_in_price(
    people: int, size: int, rounds: int
) -> None:
    """32 in fours (nobody need meet twice) and 24 in sixes for 4 rounds (some pair must meet
    twice): a second meeting costs 1, a third 1 + OVER."""
    problem = _Problem(people, rounds, table_sizes(people, size=size), Rules())
    rng = np.random.default_rng(1)
    search = golf._Golf(greedy._greedy(problem, rounds, {}, rng), problem)
    assert search.cost == price(search.plan, people, problem.target)
    for _ in range(300):
        rs, ps, costs = search.swap_costs()
        if not len(rs):
            break
        i, b = int(rng.integers(len(rs))), int(rng.integers(people))
        r, a = int(rs[i]), int(ps[i])
        if search.where[r, a] == search.where[r, b]:
            continue
        assert costs[i, b] == search.delta(r, a, b)
        search.exchange(r, a, b)
        search.cost += float(costs[i, b])
        assert search.cost == price(search.plan, people, problem.target)
        assert (search.meet == planner.meetings(search.plan, people)).all()
        assert sorted(p for t in search.plan[r] for p in t) == list(range(people))


def test_the_search_with_rules_keeps_its_prices_up_to_date_move_by_move() -> None:
    """What the rules search keeps between steps (cost, joining and leaving prices, meetings
    beyond the target) matches the same worked out afresh after every swap."""
    people, rounds = 24, 4
    sectors = ["health", "housing", "third sector", "education"] * 6
    organisations = [f"org {p % 5}" for p in range(people)]
    problem = _Problem(
        people,
        rounds,
        [6] * 4,
        Rules(sectors=sectors, organisations=organisations, keep_apart=[[0, 1]]),
    )
    rng = np.random.default_rng(2)
    movable = np.ones((rounds, people), dtype=bool)
    search = _Search(problem, greedy._greedy(problem, rounds, {}, rng), movable, rng)
    for _ in range(60):
        rs, ps, costs, _leave = search.swap_costs()
        i, b = int(rng.integers(len(rs))), int(rng.integers(people))
        r, a = int(rs[i]), int(ps[i])
        if search.where[r, a] == search.where[r, b]:
            continue
        before = search.cost
        search.exchange(r, [a], [b])
        assert search.cost == pytest.approx(before + costs[i, b])
        fresh = _Search(problem, search.snapshot(), movable, rng)
        assert search.cost == pytest.approx(fresh.cost)
        assert search.over == fresh.over
        assert np.allclose(search.gain_at, fresh.gain_at)
        assert np.allclose(search.leave, fresh.leave)
        assert (search.meet == fresh.meet).all()


def test_only_jobs_without_rules_take_the_plain_search() -> None:
    assert _plain(_Problem(12, 2, [4] * 3, Rules()), {})
    assert not _plain(_Problem(12, 2, [4] * 3, Rules(pinned={0: 1})), {})
    assert not _plain(_Problem(12, 2, [4] * 3, Rules(keep_apart=[[0, 1]])), {})
    assert not _plain(_Problem(12, 2, [4] * 3, Rules(sectors=["health", "housing"] * 6)), {})
    assert not _plain(_Problem(12, 2, [4] * 3, Rules()), {1: [[0, 1, 2, 3]]})


def test_the_search_alone_seats_28_in_fours_for_six_rounds_without_a_repeat() -> None:
    result = plan_rounds(28, 6, size=4, seed=1, budget=60.0, clock=fake_clock(), geometry=False)
    assert result.repeats == 0 and result.max_meetings == 1
    assert all(sorted(p for t in r for p in t) == list(range(28)) for r in result.plan)


@pytest.mark.parametrize(("people", "size", "rounds"), [(32, 4, 9), (28, 4, 7), (26, 4, 7)])
def test_rooms_geometry_fits_are_seated_at_once(people: int, size: int, rounds: int) -> None:
    result = plan_rounds(people, rounds, size=size, seed=1, budget=60.0, clock=fake_clock())
    assert result.repeats == 0 and result.max_meetings == 1 and result.steps == 0
    assert all(sorted(p for t in r for p in t) == list(range(people)) for r in result.plan)
    assert all([len(t) for t in r] == table_sizes(people, size=size) for r in result.plan)


def test_rooms_with_rules_are_not_seated_by_geometry() -> None:
    sectors = ["health", "housing", "third sector", "education"] * 8
    result = plan_rounds(
        32, 3, size=4, rules=Rules(sectors=sectors), seed=1, budget=5.0, clock=fake_clock()
    )
    assert result.steps > 0 and result.figures.sectors_min >= 3


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each start the planner makes, as whether geometry gave any of it."""
    seen: list[bool] = []
    original = planner._start

    def counted(*args: object) -> tuple[planner.Plan, bool]:
        plan, designed = original(*args)  # type: ignore[arg-type]
        seen.append(designed)
        return plan, designed

    monkeypatch.setattr(planner, "_start", counted)
    return seen


def test_thirty_two_in_fours_play_ten_rounds_starting_afresh_when_stuck(
    starts: list[bool],
) -> None:
    """8-4-10: geometry gives nine rounds, the search the tenth; stalled attempts restart."""
    result = plan_rounds(32, 10, size=4, seed=1, budget=120.0, clock=fake_clock())
    assert result.repeats == 0 and result.max_meetings == 1
    assert len(starts) > 1 and all(starts)


def test_a_greedy_start_is_searched_on_without_restarts(
    starts: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(golf, "GOLF_RESTART", 10)
    plan_rounds(30, 7, size=5, seed=1, budget=2.0, clock=fake_clock())  # 6 tables: no geometry
    assert starts == [False]


def test_seating_a_round_afresh_stops_when_time_is_up() -> None:
    """The exact re-seat looks at the clock, so a hard round can't overrun the budget."""
    rng = np.random.default_rng(4)
    n = 60
    ok = np.triu(rng.random((n, n)) < 0.6, 1)
    half = np.arange(n) < 30
    ok = (ok | ok.T) & (half[:, None] == half[None, :])  # two rooms of 30: no tables of 4 fit
    looks: list[int] = []

    def out_of_time() -> bool:
        looks.append(1)
        return len(looks) >= 3

    budget = [50_000]  # without the clock, this many nodes would be spent before giving up
    found = list(repair._fresh_rounds(repair._masks(ok), [4] * 15, budget, out_of_time))
    assert found == [] and len(looks) == 3 and budget[0] < 0


def test_a_big_room_gets_a_quick_start_and_no_repeats() -> None:
    people = greedy.FREEDOM_UP_TO + 101
    result = plan_rounds(people, 3, size=6, seed=1, budget=0.5, clock=fake_clock())
    sizes = table_sizes(people, size=6)
    assert result.repeats == 0
    for round_ in result.plan:
        assert sorted(p for t in round_ for p in t) == list(range(people))
        assert sorted(len(t) for t in round_) == sorted(sizes)


def test_a_room_too_big_to_plan_is_refused_in_words() -> None:
    with pytest.raises(PlanError, match="plan each room or strand separately"):
        plan_rounds(planner.MOST_PEOPLE + 1, 2, size=8, clock=fake_clock())


def test_a_room_where_repeats_cant_be_avoided_stops_at_the_fairest() -> None:
    """5 people at tables of 3 and 2 for 3 rounds hold 12 meetings among 10 pairs: 2 repeats
    if one pair meets three times, but fair first: nobody more than twice, so 3 repeats
    (every two rounds the three at a table of 3 leave two of them together again)."""
    result = plan_rounds(5, 3, size=4, seed=1, budget=100.0, clock=fake_clock())
    assert result.max_meetings == result.figures.max_meetings_bound == 2
    assert result.repeats == 3 and result.steps < 1000


def seatings(people: int, sizes: list[int]) -> list[list[tuple[int, ...]]]:
    """Every way to seat `people` at tables of `sizes` (tables of one size unordered)."""
    found: dict[frozenset[frozenset[int]], list[tuple[int, ...]]] = {}

    def seat(left: tuple[int, ...], sizes_left: list[int], tables: list[tuple[int, ...]]) -> None:
        if not sizes_left:
            found.setdefault(frozenset(frozenset(t) for t in tables), list(tables))
            return
        first, rest = left[0], left[1:]
        for size in set(sizes_left):
            others = list(sizes_left)
            others.remove(size)
            for mates in combinations(rest, size - 1):
                table = (first, *mates)
                seat(tuple(p for p in rest if p not in mates), others, [*tables, table])

    seat(tuple(range(people)), sizes, [])
    return list(found.values())


def fewest_most_meetings(people: int, sizes: list[int], rounds: int) -> int:
    """The least max meetings over every plan, by exhaustive search (round 1 fixed)."""
    options = [[p for t in s for p in combinations(t, 2)] for s in seatings(people, sizes)]
    best = [rounds + 1]
    meet: dict[tuple[int, int], int] = {}

    def search(r: int, most: int) -> None:
        if most >= best[0]:
            return
        if r == rounds:
            best[0] = most
            return
        for pairs in options[:1] if r == 0 else options:
            now = most
            for pair in pairs:
                meet[pair] = meet.get(pair, 0) + 1
                now = max(now, meet[pair])
            search(r + 1, now)
            for pair in pairs:
                meet[pair] -= 1

    search(0, 0)
    return best[0]


@pytest.mark.parametrize(
    ("people", "size", "rounds"),
    [
        (4, 2, 4),
        (5, 3, 3),
        (6, 3, 4),
        (6, 2, 6),
        (7, 4, 3),
        (8, 4, 5),
        (8, 3, 3),
        (9, 3, 4),
        (9, 5, 3),
        (10, 5, 4),
        (10, 4, 3),
        (7, 3, 4),  # the one room tried where the bound is low: it says 1, the least is 2
    ],
)
def test_the_meetings_bound_is_never_above_the_least_any_plan_has(
    people: int, size: int, rounds: int
) -> None:
    sizes = table_sizes(people, size=size)
    least = fewest_most_meetings(people, sizes, rounds)
    bound = planner.meetings_bound(people, [sizes] * rounds)
    assert bound == least or ((people, size, rounds) == (7, 3, 4) and bound == least - 1)


@pytest.mark.parametrize(
    ("tables_", "size", "rounds", "most", "repeats"),
    [(5, 8, 4, 2, 90), (4, 6, 4, 2, 48), (3, 5, 3, 2, 18), (6, 10, 3, 2, 72)],
)
def test_rooms_that_must_repeat_spread_the_repeats_over_many_pairs(
    tables_: int, size: int, rounds: int, most: int, repeats: int
) -> None:
    """Fewer tables than seats at a table: some pairs must meet twice. Today's planner kept
    the same pairs together all day (40 in tables of 8: 15 pairs in all 4 rounds); fair
    first, no pair meets more than the room must, with the fewest repeats that allows."""
    people = tables_ * size
    result = plan_rounds(people, rounds, size=size, seed=1, budget=30.0, clock=fake_clock())
    assert planner.meetings_bound(people, [[size] * tables_] * rounds) == most
    assert result.max_meetings == result.figures.max_meetings_bound == most
    assert (
        result.repeats
        == repeats
        == planner.repeats_bound(people, [[size] * tables_] * rounds, most)
    )


def test_a_big_roster_stops_when_sectors_and_organisations_are_spread_as_far_as_they_go() -> None:
    """1,000 people with sectors and organisations, 3 rounds: once nobody meets again and every
    sector and organisation is spread as evenly as it can be, there is nothing to gain."""
    rng = np.random.default_rng(1)
    names = ["health", "housing", "third sector", "education", "police & justice"]
    sectors = [names[i] for i in rng.integers(0, len(names), 1000)]
    organisations = [f"organisation {i}" for i in rng.integers(0, 200, 1000)]
    result = plan_rounds(
        1000,
        3,
        tables=100,
        rules=Rules(sectors=sectors, organisations=organisations),
        seed=1,
        budget=1000.0,
        clock=fake_clock(),
    )
    assert result.repeats == 0 and result.figures.sectors_min >= 4
    assert result.steps < 150  # stopped at the floor, not after the patience ran out


def test_a_room_that_must_repeat_still_mixes_sectors_and_parts_colleagues() -> None:
    """40 people of 8 sectors at 5 tables of 8 for 4 rounds: fair first (no pair more than
    twice, 90 repeats), and the search goes on long enough after that to mix the sectors
    (stopping 150 steps after the last gain left a table with 4 sectors)."""
    rng = np.random.default_rng(1)
    names = ["health", "housing", "third sector", "education", "police & justice"]
    names += ["social care", "local authority", "government"]
    sectors = [names[i] for i in rng.integers(0, len(names), 40)]
    organisations = [f"organisation {i}" for i in rng.integers(0, 10, 40)]
    rules = Rules(sectors=sectors, organisations=organisations)
    result = plan_rounds(40, 4, size=8, rules=rules, seed=1, budget=1000.0, clock=fake_clock())
    assert result.max_meetings == 2 and result.repeats == 90
    assert result.figures.sectors_min >= 5


def test_the_old_address_still_serves_the_planner() -> None:
    """`desktop.core.tables` (the planner's home before it became a package) re-exports the
    planner's public names, as the same objects."""
    from desktop.core import tables

    assert tables.__all__ == planner.__all__
    assert all(getattr(tables, name) is getattr(planner, name) for name in tables.__all__)
