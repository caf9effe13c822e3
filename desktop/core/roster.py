"""Reading a roster from the CSV that booking and form tools export.

Bytes in (UTF-8, UTF-8 with a BOM, or Windows-1252), comma, semicolon or tab found by looking,
columns matched to ours by their headings (the organiser can change the mapping), sectors put
into a short vocabulary, duplicates flagged. No I/O: the caller reads the file.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.core.model import Participant

FIELDS = ("name", "first_name", "last_name", "organisation", "sector", "email")
FIELD_LABELS = {
    "name": "Name",
    "first_name": "First name",
    "last_name": "Last name",
    "organisation": "Organisation",
    "sector": "Sector",
    "email": "E-mail",
}
# Headings seen in exports (Eventbrite, Microsoft Forms, Google Forms, Ticket Tailor, …).
HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "attendee name", "participant", "delegate", "your name"),
    "first_name": ("first name", "firstname", "forename", "given name", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "organisation": (
        "organisation",
        "organization",
        "org",
        "employer",
        "company",
        "organisation name",
        "workplace",
        "agency",
    ),
    "sector": ("sector", "service area", "area of work", "type of organisation", "industry"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail"),
}

SECTORS = (
    "health",
    "social care",
    "local authority",
    "third sector",
    "housing",
    "police & justice",
    "education",
    "government",
    "other",
)
# What people write, and the sector it means (lower case, & and "and" both accepted).
SECTOR_WORDS: dict[str, str] = {
    "nhs": "health",
    "health": "health",
    "healthcare": "health",
    "health board": "health",
    "primary care": "health",
    "gp": "health",
    "hospital": "health",
    "social care": "social care",
    "social work": "social care",
    "care": "social care",
    "hscp": "social care",
    "health and social care": "social care",
    "health & social care partnership": "social care",
    "local authority": "local authority",
    "local government": "local authority",
    "council": "local authority",
    "la": "local authority",
    "third sector": "third sector",
    "voluntary": "third sector",
    "voluntary sector": "third sector",
    "charity": "third sector",
    "charitable": "third sector",
    "third": "third sector",
    "community": "third sector",
    "ngo": "third sector",
    "not for profit": "third sector",
    "social enterprise": "third sector",
    "housing": "housing",
    "housing association": "housing",
    "police": "police & justice",
    "justice": "police & justice",
    "police & justice": "police & justice",
    "police and justice": "police & justice",
    "prison": "police & justice",
    "prisons": "police & justice",
    "criminal justice": "police & justice",
    "fire": "police & justice",
    "fire and rescue": "police & justice",
    "education": "education",
    "school": "education",
    "university": "education",
    "college": "education",
    "higher education": "education",
    "government": "government",
    "scottish government": "government",
    "civil service": "government",
    "central government": "government",
    "public body": "government",
    "other": "other",
}


class RosterError(ValueError):
    """The file can't be read as a roster; the message says where and what to do."""


@dataclass(frozen=True)
class Table:
    """The CSV as read: its headings and rows (all text)."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    encoding: str
    delimiter: str


@dataclass
class Roster:
    participants: list[Participant]
    duplicates: list[tuple[int, int]]  # (row, the earlier row it repeats), 1-based data rows
    unknown_sectors: dict[str, int]  # what was written → how many
    skipped: list[int] = field(default_factory=list)  # rows with no name


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), else Windows-1252."""
    if not data.strip():
        raise RosterError("The file is empty: export the list again, with its heading row.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def read_table(data: bytes) -> Table:
    """Headings and rows from CSV bytes, with the delimiter found by looking."""
    text, encoding = decode(data)
    lines = [line for line in text.splitlines() if line.strip()]
    sample = "\n".join(lines[:20])
    counts = {d: min(line.count(d) for line in lines[:20]) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: (counts[d], sample.count(d)))
    if counts[delimiter] == 0:
        delimiter = max((",", ";", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [tuple(cell.strip() for cell in row) for row in reader if any(c.strip() for c in row)]
    if not rows:
        raise RosterError("The file has no rows: export the list again, with its heading row.")
    headings, body = rows[0], rows[1:]
    if not body:
        raise RosterError(
            "The file has a heading row but no people under it: check it's the right export."
        )
    width = len(headings)
    body = [row + ("",) * (width - len(row)) if len(row) < width else row[:width] for row in body]
    return Table(
        headings, tuple(body), encoding, {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
    )


def _norm(heading: str) -> str:
    return re.sub(r"[^a-z ]+", " ", heading.lower().replace("-", " ")).strip()


def guess_mapping(headings: Sequence[str]) -> dict[str, int]:
    """Our field → the column it is in, from the headings (what can't be matched is left out)."""
    mapping: dict[str, int] = {}
    normed = [_norm(h) for h in headings]
    # Split names first, so "First name" isn't taken for a full name.
    order = ("first_name", "last_name", "name", "organisation", "sector", "email")
    for name in order:
        words = HEADINGS[name]
        for column, heading in enumerate(normed):
            if column in mapping.values():
                continue
            forms = [_norm(w) for w in words]
            if heading in forms or any(
                heading.startswith(w + " ") or heading.endswith(" " + w)
                for w in forms
                if len(w) > 3
            ):
                mapping[name] = column
                break
    if "name" in mapping and ("first_name" in mapping or "last_name" in mapping):
        mapping.pop("first_name", None)
        mapping.pop("last_name", None)
    return mapping


def check_mapping(headings: Sequence[str], mapping: Mapping[str, int]) -> None:
    """RosterError naming what is missing when nothing gives a name."""
    if "name" in mapping or ("first_name" in mapping and "last_name" in mapping):
        return
    shown = ", ".join(f"“{h}”" for h in headings)
    if "first_name" in mapping or "last_name" in mapping:
        have, missing = (
            ("First name", "Last name") if "first_name" in mapping else ("Last name", "First name")
        )
        raise RosterError(
            f"There is no “{missing}” column to go with “{have}”. Columns found: {shown}. "
            "Choose which column holds it."
        )
    raise RosterError(
        f"There is no “Name” column (or “First name” and “Last name”). Columns found: {shown}. "
        "Choose which column holds people's names."
    )


def sector_of(written: str) -> str | None:
    """Our sector for what was written; None when we can't tell (the organiser maps it)."""
    key = " ".join(written.lower().replace(" and ", " & ").split())
    if not key:
        return ""
    if key in SECTORS:
        return key
    plain = key.replace(" & ", " and ")
    for candidate in (key, plain):
        if candidate in SECTOR_WORDS:
            return SECTOR_WORDS[candidate]
    close = difflib.get_close_matches(key, list(SECTOR_WORDS), n=1, cutoff=0.85)
    return SECTOR_WORDS[close[0]] if close else None


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
        return " ".join(row[column].split()) if column is not None else ""

    people: list[Participant] = []
    seen: dict[tuple[str, str], int] = {}
    duplicates: list[tuple[int, int]] = []
    unknown: dict[str, int] = {}
    skipped: list[int] = []
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
        people.append(
            Participant(
                id=f"p{first_id + len(people)}",
                name=name,
                organisation=cell(row, "organisation"),
                sector=sector,
                email=email,
            )
        )
    return Roster(people, duplicates, unknown, skipped)
