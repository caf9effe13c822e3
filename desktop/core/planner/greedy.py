"""The plan a search starts from: rounds built by finite geometry where the numbers fit, then a
greedy plan, round by round, table by table."""

from __future__ import annotations

import numpy as np

from desktop.core.designs import affine_rounds, transversal_rounds
from desktop.core.planner.problem import Plan, _add_round, _plain, _Problem

FREEDOM_UP_TO = 400  # people: a bigger room's greedy start skips the freedom sums (n^2 a pair)


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
