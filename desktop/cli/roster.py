"""`intheroom roster`: import a roster (CSV) into an event file, as File ▸ Import roster does.

The same steps as the app's import: the columns guessed from their headings and values, people
already on the roster matched so they keep their ids (and their seats in the table plan), and
people no longer listed taken out of the plan. The organiser reads the result in words, or a
script reads it as JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from desktop.cli.common import AddCommand, UsageError
from desktop.core.roster import (
    FIELD_LABELS,
    FIELDS,
    SECTORS,
    Roster,
    RosterChange,
    RosterError,
    Table,
    build_roster,
    cautions,
    change_in_words,
    check_mapping,
    guess_mapping,
    merge_roster,
)

JSON_FIELDS = """\
--json prints one object: "people" (how many on the new roster), "kept" (already on the roster:
same id, same seats), "new", "gone" (no longer listed: taken out of the table plan), "columns"
(field → the heading read for it), "warnings" (in words, as printed without --json),
"duplicates" ([row, the earlier row it repeats], rows counted from 1 under the headings),
"skipped" (rows with no name), "unknown_sectors" (sector as written → how many; kept as written)
and "saved" (false with --dry-run)."""

# What a workbook or document starts with: saved as .csv by mistake, it reads as nonsense.
NOT_CSV = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or a Word document (.docx)",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls) or Word document (.doc)",
    b"%PDF": "a PDF",
}


def add_roster(command: AddCommand) -> None:
    p = command("roster", run, "import a roster (CSV) into an event file, as the app does")
    p.add_argument("file", metavar="FILE.room", help="the event file whose roster is replaced")
    p.add_argument(
        "roster",
        metavar="ROSTER.csv",
        help="UTF-8 (with or without BOM) or UTF-16; anything else is read as Windows-1252 "
        "or Shift-JIS, and a warning says it was a guess",
    )
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADING",
        help=f"read FIELD from the column headed HEADING instead of the guess (FIELD: "
        f"{', '.join(FIELDS)}; FIELD= with no heading: no column)",
    )
    p.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.epilog = JSON_FIELDS


def run(args: argparse.Namespace) -> int:
    from desktop.core.table_plan import without_unknown  # the planner loads numpy
    from desktop.store.errors import StoreError
    from desktop.store.eventfile import EventFile, read_event
    from desktop.store.imports import read_roster

    path = Path(args.file)
    if path.suffix != ".room":
        raise UsageError(
            f"{path.name}: the roster goes into an event file (FILE.room), given first; "
            "the CSV comes second."
        )
    source = Path(args.roster)
    _refuse_documents(source)
    try:
        table = read_roster(source)
    except RosterError as exc:
        raise UsageError(f"{source.name}: {exc}") from None
    mapping = _mapping(table, args.column, source.name)
    roster = build_roster(table, mapping)
    if not roster.participants:
        raise UsageError(
            f"No row of {source.name} has a name in {_named_by(table, mapping)}: nothing to "
            "import. Choose the column with people's names: --column name=HEADING."
        )
    event = read_event(path)  # a damaged or missing file is refused here, before any write
    if args.dry_run:
        change = merge_roster(event, roster.participants)
    else:
        room = EventFile.open(path)
        try:
            # Merged under the lock, onto the file as it is now; the same change as the app's
            # Room.replace_participants: the new roster, the gone taken out of the plan.
            change = merge_roster(room.event(), roster.participants)
            room.replace_event(
                without_unknown(replace(room.event(), participants=change.participants))
            )
        except BaseException:
            room.close(save=False)  # nothing half-done reaches the disk
            raise
        try:
            room.close()  # saved crash-safely here (temp file, then replace)
        except StoreError:
            room.close(save=False)  # the file is as it was; give the lock back
            raise
    saved = not args.dry_run
    if args.json:
        print(json.dumps(_as_json(table, mapping, roster, change, saved), ensure_ascii=False))
        return 0
    for line in _in_words(table, mapping, roster, change, source.name):
        print(line)
    if saved:
        count = len(change.participants)
        print(f"Saved {count} {'person' if count == 1 else 'people'} in {path.name}.")
    else:
        print("Nothing saved (--dry-run).")
    return 0


def _refuse_documents(source: Path) -> None:
    from desktop.store.imports import file_start

    start = file_start(source)  # b"" if unreadable: read_roster says why, in words
    for magic, what in NOT_CSV.items():
        if start.startswith(magic):
            raise UsageError(
                f"{source.name} is {what}, not a CSV file. Open it and save it as "
                "“CSV UTF-8 (Comma delimited)”, then import that."
            )


# ------------------------------------------------------------------------------ columns


def _label(table: Table, column: int) -> str:
    """A column as the app's import shows it: its heading, or "Column N" when it has none."""
    return table.headings[column] or f"Column {column + 1}"


def _find_heading(table: Table, heading: str) -> int | None:
    labels = [_label(table, c) for c in range(len(table.headings))]
    if heading in labels:
        return labels.index(heading)
    loose = [" ".join(label.split()).casefold() for label in labels]
    wanted = " ".join(heading.split()).casefold()
    return loose.index(wanted) if wanted in loose else None


def _mapping(table: Table, chosen: list[str], source: str) -> dict[str, int]:
    """The guessed columns, with the organiser's --column choices over them; checked."""
    mapping = guess_mapping(table.headings, table.rows)
    shown = ", ".join(f"“{_label(table, c)}”" for c in range(len(table.headings)))
    overrides: dict[str, int | None] = {}
    for choice in chosen:
        name, sep, heading = choice.partition("=")
        name = name.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or name not in FIELDS:
            raise UsageError(
                f"--column {choice}: give FIELD=HEADING, with FIELD one of {', '.join(FIELDS)}."
            )
        if not heading.strip():
            overrides[name] = None
            continue
        column = _find_heading(table, heading.strip())
        if column is None:
            raise UsageError(
                f"--column {choice}: {source} has no column headed “{heading.strip()}”. "
                f"Its columns are {shown}."
            )
        overrides[name] = column
    if ("first_name" in overrides or "last_name" in overrides) and "name" not in overrides:
        mapping.pop("name", None)  # a name column would win over the first and last names asked for
    for name, column in overrides.items():
        if column is None:
            mapping.pop(name, None)
        else:
            mapping[name] = column
    try:
        check_mapping(table.headings, mapping)
    except RosterError as exc:
        missing = {"first_name": "last_name", "last_name": "first_name"}
        one = next((missing[n] for n in missing if n in mapping), None)
        how = (
            f"--column {one}=HEADING (or --column name=HEADING for a column of full names)"
            if one
            else "--column name=HEADING"
        )
        raise UsageError(f"{source}: {exc} Give it with {how}.") from None
    return {name: mapping[name] for name in FIELDS if name in mapping}


def _named_by(table: Table, mapping: dict[str, int]) -> str:
    named = ("name",) if "name" in mapping else ("first_name", "last_name")
    return " or ".join(f"“{_label(table, mapping[n])}”" for n in named if n in mapping)


# ------------------------------------------------------------------------------ reports


def _cautions(roster: Roster) -> list[str]:
    """Everything to check before trusting the import, in words (as the app's import says it)."""
    words = cautions(roster)
    if roster.unknown_sectors:
        written = ", ".join(f"“{w}” ({n})" for w, n in roster.unknown_sectors.items())
        words.append(
            f"⚠ Sectors we couldn't place, kept as written: {written}. Ours are: "
            f"{', '.join(SECTORS)}."
        )
    return words


def _in_words(
    table: Table, mapping: dict[str, int], roster: Roster, change: RosterChange, source: str
) -> list[str]:
    rows = len(table.rows)
    lines = [
        f"Read {rows} row{'' if rows == 1 else 's'} from {source} ({table.encoding}, "
        f"separated by {table.delimiter}s). Columns:"
    ]
    lines += [f"  {FIELD_LABELS[name]} ← “{_label(table, c)}”" for name, c in mapping.items()]
    unused = [
        f"“{_label(table, c)}”" for c in range(len(table.headings)) if c not in mapping.values()
    ]
    if unused:
        lines.append(f"  Not imported: {', '.join(unused)}")
    lines.append(change_in_words(change))
    lines += _cautions(roster)
    return lines


def _as_json(
    table: Table, mapping: dict[str, int], roster: Roster, change: RosterChange, saved: bool
) -> dict[str, Any]:
    return {
        "people": len(change.participants),
        "kept": len(change.kept),
        "new": len(change.new),
        "gone": len(change.gone),
        "columns": {name: _label(table, c) for name, c in mapping.items()},
        "warnings": _cautions(roster),
        "duplicates": [list(pair) for pair in roster.duplicates],
        "skipped": list(roster.skipped),
        "unknown_sectors": dict(roster.unknown_sectors),
        "saved": saved,
    }
