"""`intheroom tables`: plan tables for a made-up room (--people) or an event file's roster.

The planner (and numpy with it) is imported when a plan is asked for, not to build the parser.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import AddCommand, UsageError
from desktop.core.model import Event, TableMode
from desktop.core.seating import table_label
from desktop.store.documents import read_any

if TYPE_CHECKING:
    from desktop.core import planner


def add_tables(command: AddCommand) -> None:
    p = command("tables", run, "plan who sits at which table, round by round")
    p.add_argument("file", metavar="FILE", nargs="?", help="a .room file (uses its roster)")
    p.add_argument("--people", type=int, metavar="N", help="plan for N people (no file)")
    p.add_argument(
        "--size",
        type=int,
        metavar="S",
        help="people per table (with FILE and neither --size nor --tables: the event's last "
        "choice, else 6)",
    )
    p.add_argument("--tables", type=int, metavar="T", help="number of tables (instead of --size)")
    p.add_argument("--rounds", type=int, metavar="R", required=True, help="rounds to plan")
    p.add_argument("--seed", type=int, default=0, metavar="K", help="same seed, same plan")
    p.add_argument(
        "--budget", type=float, default=10.0, metavar="SECONDS", help="time to search (10)"
    )
    p.add_argument("--pairs", action="store_true", help="1:1 pairs, public with voluntary sector")
    p.add_argument("--save", action="store_true", help="keep the plan in FILE.room")
    p.add_argument("--json", action="store_true", help="print the plan and figures as JSON")


def run(args: argparse.Namespace) -> int:
    from desktop.core import planner

    if args.rounds < 1:
        raise UsageError("--rounds must be 1 or more.")
    if args.seed < 0:
        raise UsageError("--seed must be 0 or more: each whole number gives its own plan.")
    if args.tables is not None and args.tables < 1:
        raise UsageError("--tables must be 1 or more.")
    if args.size is not None and args.size < 2:
        raise UsageError("--size must be 2 or more: people per table.")
    if not math.isfinite(args.budget) or args.budget < 0:
        raise UsageError("--budget must be 0 seconds or more (10 if left out).")
    if args.size is not None and args.tables is not None:
        raise UsageError("Give --size or --tables, not both.")
    if args.file is None and args.people is None:
        raise UsageError("Give an event file, or --people N for a room of N people.")
    if args.file is not None and args.people is not None:
        raise UsageError("Give an event file or --people, not both.")
    if args.save and args.file is None:
        raise UsageError("--save needs an event file to save into.")
    if args.people is not None and args.people < 2:
        raise UsageError("Give --people 2 or more: one person has nobody to sit with.")
    if args.pairs and (args.size is not None or args.tables is not None):
        raise UsageError("--pairs seats people two by two: leave out --size and --tables.")
    try:
        if args.file is None:
            return _numbers_only(args)
        return _for_event(args)
    except planner.PlanError as exc:
        raise UsageError(str(exc)) from None


def _numbers_only(args: argparse.Namespace) -> int:
    from desktop.core import planner
    from desktop.core.table_plan import room_advice

    if args.size is None and args.tables is None:
        raise UsageError("Give --size S (people per table) or --tables T.")
    advice = room_advice(
        args.people, args.rounds, size=args.size, tables=args.tables, pairs=args.pairs
    )
    if advice and not args.json:
        print(f"Note: {advice}.", flush=True)
    result = planner.plan_rounds(
        args.people,
        args.rounds,
        size=args.size,
        tables=args.tables,
        rules=planner.Rules(pairs=args.pairs),
        seed=args.seed,
        budget=args.budget,
    )
    rounds = [[[p + 1 for p in table] for table in r] for r in result.plan]
    if args.json:
        _print_json(rounds, result.figures, result.seconds)
        return 0
    for r, round_ in enumerate(rounds, 1):
        print(f"Round {r}")
        for t, table in enumerate(round_):
            print(f"  {table_label(t)}: {' '.join(str(p) for p in table)}")
    _print_figures(result.figures, result.seconds, with_sectors=False)
    return 0


def _for_event(args: argparse.Namespace) -> int:
    from desktop.core.table_plan import make_plan, room_advice

    path = Path(args.file)
    event: Event = read_any(path)
    planned = make_plan(
        event,
        args.rounds,
        size=args.size,
        tables=args.tables,
        mode=TableMode.PAIRS if args.pairs else None,
        seed=args.seed,
        budget=args.budget,
    )
    if args.save:
        import msgspec

        from desktop.store.eventfile import EventFile

        if path.suffix != ".room":
            raise UsageError("--save works on a .room file; import the document first.")
        file = EventFile.open(path)
        try:
            file.replace_event(msgspec.structs.replace(file.event(), tables=planned.plan))
        finally:
            file.close()
    if args.json:
        rounds = [[list(table) for table in r] for r in planned.plan.rounds]
        _print_json(rounds, planned.figures, planned.seconds)
        return 0
    advice = room_advice(
        len(event.participants),
        args.rounds,
        size=planned.plan.size or None,
        tables=planned.plan.tables or None,
        pairs=planned.plan.mode is TableMode.PAIRS,
    )
    if advice:
        print(f"Note: {advice}.")
    names = {p.id: p for p in event.participants}
    for r, round_ in enumerate(planned.plan.rounds, 1):
        print(f"Round {r}")
        for t, table in enumerate(round_):
            people = "; ".join(_who(names[i]) for i in table)
            print(f"  {table_label(t)}: {people}")
    _print_figures(planned.figures, planned.seconds, with_sectors=True)
    if args.save:
        print(f"Saved the plan in {path.name}.")
    return 0


def _who(person: Any) -> str:
    details = ", ".join(x for x in (person.organisation, person.sector) if x)
    return f"{person.name} ({details})" if details else person.name


def _print_json(rounds: list[Any], figures: planner.Figures, seconds: float) -> None:
    out = {
        "rounds": rounds,
        "repeats": figures.repeats,
        "max_meetings": figures.max_meetings,
        "seconds": round(seconds, 3),
        "sectors_min": figures.sectors_min,
        "sectors_mean": figures.sectors_mean,
        "colleagues": figures.colleagues,
        "broken": figures.broken,
        "max_meetings_bound": figures.max_meetings_bound,
    }
    print(json.dumps(out, ensure_ascii=False))


def _print_figures(figures: planner.Figures, seconds: float, *, with_sectors: bool) -> None:
    from desktop.core.table_plan import figures_in_words

    print(figures_in_words(figures, with_sectors=with_sectors) + f"; {seconds:.2f} s")
