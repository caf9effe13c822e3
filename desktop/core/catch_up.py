"""Catch up: new minutes for the segments still to come, so the event finishes on time.

Never trims a segment below its floor (MINIMUM_MINUTES), and a break keeps at least half.
No Qt, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.core.clock_view import ClockView
from desktop.core.model import Segment, SegmentKind
from desktop.core.run_log import Status

# Catch up never trims a segment below this many minutes (or its planned length, if shorter).
MINIMUM_MINUTES: dict[SegmentKind, int] = {
    SegmentKind.WELCOME: 2,
    SegmentKind.TALK: 5,
    SegmentKind.BREAKOUT: 5,
    SegmentKind.SHARE_BACK: 3,
    SegmentKind.REFLECTION: 3,
    SegmentKind.BREAK: 5,
    SegmentKind.FEEDBACK: 2,
    SegmentKind.CLOSE: 2,
    SegmentKind.CUSTOM: 2,
}
BREAK_KEEPS = 0.5  # and a break keeps at least half of what was planned


# ----------------------------------------------------------------------------- catch up


@dataclass(frozen=True)
class Proposal:
    """New minutes for the segments still to come, so the event finishes on time."""

    changes: tuple[tuple[Segment, int, int], ...]  # segment, minutes now, proposed minutes
    saves: int  # minutes saved
    late_by: int  # minutes late still after it (0 when it catches up fully)

    @property
    def minutes(self) -> dict[str, int]:
        """For the log: `session.do(Action.PLAN, minutes=proposal.minutes)`."""
        return {s.id: new for s, _, new in self.changes}

    def describe(self) -> list[str]:
        lines = [f"{s.title}: {old} → {new} min" for s, old, new in self.changes if old != new]
        if self.late_by:
            lines.append(
                f"Still {self.late_by} min late: the rest is at its shortest. "
                "Cut a segment, or tell the room."
            )
        return lines


def shortest(segment: Segment, minutes: int) -> int:
    """The fewest minutes catch up may leave a segment of this kind."""
    floor = MINIMUM_MINUTES[segment.kind]
    if segment.kind is SegmentKind.BREAK:
        floor = max(floor, math.ceil(minutes * BREAK_KEEPS))
    return min(minutes, floor)


def propose_catch_up(view: ClockView) -> Proposal | None:
    """Trim the segments still to come in proportion to finish on time; None when not late.

    Each gives up time in proportion to its length, none below `shortest`; whole minutes,
    rounded so that the trims add up to what is needed.
    """
    drift = view.drift
    if drift is None or view.status is Status.FINISHED or drift < 60_000:
        return None
    first = 0 if view.index is None else view.index + 1
    if view.index is None:
        first = 1  # the first segment is about to start: leave it be
    coming = [a for a in view.actuals[first:]]
    if not coming:
        return None
    need = math.ceil(drift / 60_000)
    spare = {a.segment.id: a.minutes - shortest(a.segment, a.minutes) for a in coming}
    cuts = _share(need, [(a.segment.id, a.minutes, spare[a.segment.id]) for a in coming])
    changes = tuple((a.segment, a.minutes, a.minutes - cuts[a.segment.id]) for a in coming)
    saved = sum(cuts.values())
    if not saved:
        return Proposal(changes=(), saves=0, late_by=need)
    return Proposal(
        changes=tuple(c for c in changes if c[1] != c[2]), saves=saved, late_by=need - saved
    )


def _share(need: int, items: list[tuple[str, int, int]]) -> dict[str, int]:
    """Whole-minute cuts adding up to `need` (or all the spare), in proportion to length."""
    cuts = {ident: 0 for ident, _, _ in items}
    open_items = [(ident, length, spare) for ident, length, spare in items if spare > 0]
    left = min(need, sum(spare for _, _, spare in open_items))
    while left > 0 and open_items:
        total = sum(length for _, length, _ in open_items)
        shares = [(ident, left * length / total, spare) for ident, length, spare in open_items]
        # Largest remainder: floor each share, give the leftover minutes to the biggest fractions.
        given = {ident: min(math.floor(share), spare) for ident, share, spare in shares}
        short = left - sum(given.values())
        for ident, _, spare in sorted(shares, key=lambda s: s[1] - math.floor(s[1]), reverse=True):
            if short <= 0:
                break
            if given[ident] < spare:
                given[ident] += 1
                short -= 1
        for ident, cut in given.items():
            cuts[ident] += cut
        left -= sum(given.values())
        open_items = [
            (ident, length, spare - given[ident])
            for ident, length, spare in open_items
            if spare - given[ident] > 0
        ]  # each pass gives at least a minute (left > 0 and someone has spare), so it ends
    return cuts
