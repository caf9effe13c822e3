"""Reading a roster from the CSV that booking and form tools export.

Bytes in (UTF-8, UTF-8 with a BOM, UTF-16; else a guess, Windows-1252 or Shift-JIS, said to be
one), comma, semicolon or tab found by looking, columns matched to ours by their headings (the
organiser can change the mapping), sectors put into a short vocabulary, duplicates flagged,
hidden characters (NUL, bidi overrides) taken out of every value. No I/O: the caller reads the
file.

The steps have their own modules: `roster_csv` reads the bytes, `roster_columns` says what each
column means and puts sectors into our list, `roster_merge` imports the roster onto an event that
has one. Building the participants from the rows is here, and every name the callers use can be
imported from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.core.model import Participant
from desktop.core.roster_columns import (
    FIELD_LABELS,
    FIELDS,
    SECTORS,
    check_mapping,
    field_of,
    guess_mapping,
    sector_of,
)
from desktop.core.roster_csv import RosterError, Table, decode, guess_encoding, read_table
from desktop.core.roster_merge import RosterChange, change_in_words, merge_roster
from desktop.core.text import one_line


@dataclass
class Roster:
    participants: list[Participant]
    duplicates: list[tuple[int, int]]  # (row, the earlier row it repeats), 1-based data rows
    unknown_sectors: dict[str, int]  # what was written → how many
    skipped: list[int] = field(default_factory=list)  # rows with no name
    warnings: list[str] = field(default_factory=list)  # values that don't look right, in words


def build_roster(
    table: Table,
    mapping: Mapping[str, int],
    sector_map: Mapping[str, str] | None = None,
    *,
    first_id: int = 1,
) -> Roster:
    """Participants from the rows; `sector_map` says what the organiser chose for unknown ones."""
    check_mapping(table.headings, mapping)
    chosen = {k.lower(): v for k, v in (sector_map or {}).items()}

    def cell(row: tuple[str, ...], name: str) -> str:
        column = mapping.get(name)
        return one_line(row[column]) if column is not None else ""

    people: list[Participant] = []
    seen: dict[tuple[str, str], int] = {}
    duplicates: list[tuple[int, int]] = []
    unknown: dict[str, int] = {}
    skipped: list[int] = []
    numbers: list[int] = []  # each person's row
    for number, row in enumerate(table.rows, start=1):
        name = cell(row, "name") or " ".join(
            part for part in (cell(row, "first_name"), cell(row, "last_name")) if part
        )
        if not name:
            skipped.append(number)
            continue
        written = cell(row, "sector")
        sector = chosen.get(written.lower()) or sector_of(written)
        if sector is None:
            unknown[written] = unknown.get(written, 0) + 1
            sector = written
        email = cell(row, "email")
        organisation = cell(row, "organisation").casefold()
        key = (email.lower(), "") if email else (name.casefold(), organisation)
        if key in seen:
            duplicates.append((number, seen[key]))
        else:
            seen[key] = number
        numbers.append(number)
        people.append(
            Participant(
                id=f"p{first_id + len(people)}",
                name=name,
                organisation=cell(row, "organisation"),
                sector=sector,
                email=email,
            )
        )
    warnings = [table.caution] if table.caution else []
    warnings += _odd_values(table.headings, mapping, people, numbers)
    return Roster(people, duplicates, unknown, skipped, warnings)


def _rows_in_words(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:6])
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{'…' if len(numbers) > 6 else ''}"


def _odd_values(
    headings: Sequence[str],
    mapping: Mapping[str, int],
    people: Sequence[Participant],
    numbers: Sequence[int],
) -> list[str]:
    """Warnings, in words, about columns whose values don't look like what they should hold:
    names that are only numbers (a reference column), e-mail addresses without an @."""
    words: list[str] = []
    if not people:
        return words
    named = ("name",) if "name" in mapping else ("first_name", "last_name")
    where = " and ".join(f"“{headings[mapping[n]]}”" for n in named if n in mapping)
    bare = [(n, p.name) for n, p in zip(numbers, people, strict=True) if not _has_letters(p.name)]
    if len(bare) == len(people):
        words.append(
            f"⚠ No name in {where} has a letter in it (the first is “{bare[0][1]}”): "
            "it looks like a reference or number column. Choose the column with people's names."
        )
    elif bare:
        words.append(
            f"⚠ {len(bare)} name{' has' if len(bare) == 1 else 's have'} no letters in "
            f"{_rows_in_words([n for n, _ in bare])}: check them."
        )
    if "email" in mapping:
        given = [(n, p.email) for n, p in zip(numbers, people, strict=True) if p.email]
        odd = [(n, e) for n, e in given if "@" not in e]
        heading = headings[mapping["email"]]
        if given and len(odd) == len(given):
            words.append(
                f"⚠ Nothing in “{heading}” looks like an e-mail address (the first is "
                f"“{odd[0][1]}”). Choose the column with the addresses, or “— none —”."
            )
        elif odd:
            words.append(
                f"⚠ {len(odd)} e-mail address{' has' if len(odd) == 1 else 'es have'} no @ in "
                f"{_rows_in_words([n for n, _ in odd])}: check them."
            )
    return words


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def cautions(roster: Roster) -> list[str]:
    """What to check before trusting an import, in words: values that don't look right,
    rows that look like duplicates, rows with no name."""
    words = list(roster.warnings)
    if roster.duplicates:
        pairs = ", ".join(f"row {a} (like row {b})" for a, b in roster.duplicates[:6])
        more = "…" if len(roster.duplicates) > 6 else ""
        count = len(roster.duplicates)
        like = "looks like a duplicate" if count == 1 else "look like duplicates"
        words.append(f"⚠ {count} {like}: {pairs}{more}.")
    if roster.skipped:
        count = len(roster.skipped)
        rows = ", ".join(str(n) for n in roster.skipped[:6]) + ("…" if count > 6 else "")
        if count == 1:
            words.append(f"1 row has no name and is left out (row {rows}).")
        else:
            words.append(f"{count} rows have no name and are left out (rows {rows}).")
    return words


__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "SECTORS",
    "Roster",
    "RosterChange",
    "RosterError",
    "Table",
    "build_roster",
    "cautions",
    "change_in_words",
    "check_mapping",
    "decode",
    "field_of",
    "guess_encoding",
    "guess_mapping",
    "merge_roster",
    "read_table",
    "sector_of",
]
