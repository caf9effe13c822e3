"""Reading a roster from the CSV that booking and form tools export.

Bytes in (UTF-8, UTF-8 with a BOM, UTF-16; else a guess, Windows-1252 or Shift-JIS, said to be
one), comma, semicolon or tab found by looking, columns matched to ours by their headings (the
organiser can change the mapping), sectors put into a short vocabulary, duplicates flagged,
hidden characters (NUL, bidi overrides) taken out of every value. No I/O: the caller reads the
file.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from msgspec.structs import replace

from desktop.core.model import Event, Participant
from desktop.core.names import name_key
from desktop.core.text import one_line

FIELDS = ("name", "first_name", "last_name", "organisation", "sector", "email")
FIELD_LABELS = {
    "name": "Name",
    "first_name": "First name",
    "last_name": "Last name",
    "organisation": "Organisation",
    "sector": "Sector",
    "email": "E-mail",
}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# How headings in exports (Eventbrite, Microsoft Forms, Google Forms, Ticket Tailor, …) are read.
# A heading is tried against these in turn: the first that fits decides, so "Company email" is an
# e-mail column and "Employer address" no column of ours.
CONSENT_WORDS = _word_set(
    "consent consents consented permission permissions opt optin optout opted agree agreed "
    "agreement subscribe subscribed subscription unsubscribe unsubscribed marketing newsletter "
    "newsletters gdpr contacted"
)
# Not a person's name, and never their organisation: references, ids and numbers.
REFERENCE_WORDS = _word_set(
    "ref refs reference id ids number num nr code ticket barcode qr order booking username "
    "user login uid uuid registration reg"
)
# Columns we don't import, even with "name" or "organisation" in them.
OTHER_WORDS = _word_set(
    "address addr phone telephone tel mobile fax postcode zip street city town county country "
    "website web url linkedin twitter date time timestamp modified created submitted started "
    "completed job title role position department dept team grade dietary diet access "
    "requirements allergies pronouns prefix suffix salutation status type quantity price paid "
    "fee fees currency tier total amount payment event course session venue workshop "
    "product item"
)
# Someone other than the participant: their name or e-mail is only a last resort.
SOMEONE_ELSE_WORDS = _word_set(
    "buyer purchaser booker billing invoice manager emergency kin supervisor sponsor "
    "referee assistant"
)
# A name, but not the one to use first ("Badge name" beside "Full name").
SECONDARY_NAME_WORDS = _word_set("preferred badge nickname display known")
SECTOR_PHRASES = (
    "sector",
    "sectors",
    "service area",
    "area of work",
    "field of work",
    "industry",
    "type of organisation",
    "type of organization",
    "organisation type",
    "organization type",
    "kind of organisation",
    "kind of organization",
)
FIRST_NAME_PHRASES = ("first name", "firstname", "forename", "given name", "christian name")
LAST_NAME_PHRASES = ("last name", "lastname", "surname", "family name")
ORGANISATION_WORDS = _word_set(
    "organisation organization org employer company trust council agency workplace employing"
)
NAME_ALONE = _word_set("attendee participant delegate fullname")
_PLURALS = {
    "names": "name",
    "forenames": "forename",
    "surnames": "surname",
    "emails": "email",
    "organisations": "organisation",
    "organizations": "organization",
    "companies": "company",
    "employers": "employer",
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
    caution: str = ""  # when the encoding is a guess or bytes were unreadable: what to check


@dataclass
class Roster:
    participants: list[Participant]
    duplicates: list[tuple[int, int]]  # (row, the earlier row it repeats), 1-based data rows
    unknown_sectors: dict[str, int]  # what was written → how many
    skipped: list[int] = field(default_factory=list)  # rows with no name
    warnings: list[str] = field(default_factory=list)  # values that don't look right, in words


RESAVE = "save the list again as “CSV UTF-8” and import that"
# A Japanese letter or mark: kana, kanji, CJK punctuation, full-width forms.
_JAPANESE = re.compile("[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff9f]")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM) or UTF-16; else a
    guess (see `guess_encoding`)."""
    if not data.strip():
        raise RosterError("The file is empty: export the list again, with its heading row.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise RosterError(
                "The file says it is UTF-16 but is cut short or damaged: save the list again "
                "as “CSV UTF-8” and import that."
            ) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return guess_encoding(data)


def guess_encoding(data: bytes) -> tuple[str, str]:
    """Bytes that aren't UTF-8, read the likeliest way: Windows-1252, as Excel and Word save a
    CSV in Western Europe; but Shift-JIS when Windows-1252 can't be right (a byte it leaves
    undefined, as Shift-JIS's 、。ー and common kanji have) and the bytes read as Japanese."""
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        pass
    try:
        japanese = data.decode("cp932")
    except UnicodeDecodeError:
        japanese = ""
    if _JAPANESE.search(japanese) and not re.search("[\ue000-\uf8ff]", japanese):
        return japanese, "Shift-JIS"
    return data.decode("cp1252", errors="replace"), "Windows-1252"


def _encoding_caution(text: str, encoding: str, rows: Sequence[Sequence[str]]) -> str:
    """What to check when the encoding was a guess or some bytes could not be read, in words,
    with a value to look at."""
    lost = text.count("\ufffd") if encoding in ("Windows-1252", "UTF-8 with BOM") else 0
    if lost:
        return (
            f"⚠ {lost} character{' was' if lost == 1 else 's were'} unreadable as "
            f"{encoding} (shown as �): the file is in another encoding. To be sure of the "
            f"names, {RESAVE}."
        )
    if encoding not in ("Windows-1252", "Shift-JIS"):
        return ""
    # Never an e-mail address: those are kept for the organiser only, never printed.
    sample = next((c for row in rows for c in row if not c.isascii() and "@" not in c), "")
    check = f" Check that “{sample}” reads right." if sample else ""
    what = (
        "Windows-1252 (Western European)" if encoding == "Windows-1252" else "Japanese (Shift-JIS)"
    )
    return (
        f"⚠ The file isn't UTF-8, so it was read as {what}: a guess.{check} If names show "
        f"odd characters, {RESAVE}."
    )


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
    try:
        rows = [
            tuple(cell.strip() for cell in row) for row in reader if any(c.strip() for c in row)
        ]
    except csv.Error as exc:  # a cell past the field size limit, an unclosed quote at the end
        raise RosterError(
            f"Line {reader.line_num} can't be read as CSV ({exc}): save the list again as "
            "“CSV UTF-8” and import that."
        ) from None
    if not rows:
        raise RosterError("The file has no rows: export the list again, with its heading row.")
    headings, body = tuple(one_line(h) for h in rows[0]), rows[1:]
    if not body:
        raise RosterError(
            "The file has a heading row but no people under it: check it's the right export."
        )
    width = len(headings)
    body = [row + ("",) * (width - len(row)) if len(row) < width else row[:width] for row in body]
    return Table(
        headings,
        tuple(body),
        encoding,
        {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter],
        _encoding_caution(text, encoding, body),
    )


def _norm(heading: str) -> str:
    return re.sub(r"[^a-z ]+", " ", heading.lower().replace("-", " ")).strip()


def _words(heading: str) -> list[str]:
    """The heading's words in lower case, "e-mail" as "email", plurals as singulars."""
    text = re.sub(r"\be mail", "email", _norm(heading))
    return [_PLURALS.get(word, word) for word in text.split()]


def _has(words: Sequence[str], phrase: str) -> bool:
    wanted = phrase.split()
    return any(
        list(words[i : i + len(wanted)]) == wanted for i in range(len(words) - len(wanted) + 1)
    )


def field_of(heading: str) -> str | None:
    """The field of ours a heading means, or None for a column we don't import."""
    words = _words(heading)
    if not words or CONSENT_WORDS.intersection(words):
        return None  # "Email consent", "Happy to be contacted?": a yes or no, not an address
    if any(w.startswith("email") for w in words) or "mail" in words:
        return "email"
    if any(_has(words, phrase) for phrase in SECTOR_PHRASES):
        return "sector"
    if (
        "#" in heading
        or "№" in heading
        or REFERENCE_WORDS.intersection(words)
        or words[-1] == "no"
        or OTHER_WORDS.intersection(words)
    ):
        return None  # "Delegate Ref", "Attendee #", "Employer address", "Job title"
    if any(_has(words, phrase) for phrase in FIRST_NAME_PHRASES) or words == ["first"]:
        return "first_name"
    if any(_has(words, phrase) for phrase in LAST_NAME_PHRASES) or words == ["last"]:
        return "last_name"
    if ORGANISATION_WORDS.intersection(words) or _has(words, "place of work"):
        return "organisation"  # "Name of organisation" too
    if "name" in words or (len(words) == 1 and words[0] in NAME_ALONE):
        return "name"
    return None


def _rank(heading: str, values: Sequence[str] | None, name: str) -> tuple[int, int, int]:
    """How good a column is for a field, higher first: what its values look like, then whose
    it is (the participant's, not the buyer's), then how specific the heading is."""
    words = _words(heading)
    fit = 2
    if values is not None:
        filled = [v for v in values if v.strip()]
        if not filled:
            fit = 0  # an empty column (Microsoft Forms' "Name" for an anonymous form)
        elif name == "email" and not any("@" in v for v in filled):
            fit = 1  # "anonymous", "Yes"
        elif name in ("name", "first_name", "last_name") and not any(
            ch.isalpha() for v in filled for ch in v
        ):
            fit = 1  # numbers
    whose = 2
    if SOMEONE_ELSE_WORDS.intersection(words):
        whose = 0
    elif name == "name" and SECONDARY_NAME_WORDS.intersection(words):
        whose = 1
    return fit, whose, len(words)


def guess_mapping(
    headings: Sequence[str], rows: Sequence[Sequence[str]] | None = None
) -> dict[str, int]:
    """Our field → the column it is in, from the headings (what can't be matched is left out).

    Where two columns fit one field the more specific heading wins ("Full name" over
    Microsoft Forms' "Name", "Email" over "Buyer Email"); with `rows`, so does the column
    whose values look right (addresses with an @, names with letters, not an empty column).
    """
    candidates: list[tuple[tuple[int, int, int], int, str]] = []
    for column, heading in enumerate(headings):
        name = field_of(heading)
        if name is None:
            continue
        values = None if rows is None else [row[column] for row in rows if column < len(row)]
        candidates.append((_rank(heading, values, name), column, name))
    candidates.sort(key=lambda c: (tuple(-n for n in c[0]), c[1]))
    mapping: dict[str, int] = {}
    ranks: dict[str, tuple[int, int, int]] = {}
    for rank, column, name in candidates:
        if name not in mapping:
            mapping[name] = column
            ranks[name] = rank
    split = [ranks[n] for n in ("first_name", "last_name") if n in mapping]
    if "name" in mapping and split:
        if len(split) == 2 and min(split)[:2] > ranks["name"][:2]:
            mapping.pop("name")  # "First name" and "Last name" filled in, "Name" not
        else:
            mapping.pop("first_name", None)
            mapping.pop("last_name", None)
    return dict(sorted(mapping.items(), key=lambda item: FIELDS.index(item[0])))


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


# ------------------------------------------------------------------ importing onto an event


@dataclass(frozen=True)
class RosterChange:
    """What importing a roster does to the event's roster: who stays (with the same id, so
    the table plan keeps them where they sit), who is new, who is no longer listed."""

    participants: tuple[Participant, ...]  # the new roster, in the file's order
    kept: tuple[Participant, ...]  # as in the file, with their ids from the old roster
    new: tuple[Participant, ...]  # with fresh ids
    gone: tuple[Participant, ...]  # as on the old roster
    before: int  # how many the old roster had
    planned: bool  # the event has a table plan


def _ids_in(event: Event) -> set[str]:
    """Every participant id the event knows of: roster, plan and its rules."""
    plan = event.tables
    ids = {p.id for p in event.participants}
    ids.update(i for round_ in plan.rounds for table in round_ for i in table)
    ids.update(i for group in plan.keep_apart + plan.keep_together for i in group)
    ids.update(pin.person for pin in plan.pinned)
    return ids


def merge_roster(event: Event, incoming: Sequence[Participant]) -> RosterChange:
    """The imported people with the ids of those already on the event's roster, so the table
    plan and its rules still point at the right people.

    A person matches an existing participant by e-mail when both have one, else by name
    (accents, case and spaces ignored); namesakes are matched in roster order. A kept person
    takes the file's details, except where the file leaves one blank: then the old one stays.
    New people get ids the event has never used (not those of people who left).
    """
    existing = list(event.participants)
    free = set(range(len(existing)))
    match: dict[int, int] = {}  # incoming index → existing index

    by_email: dict[str, list[int]] = {}
    for i, person in enumerate(existing):
        if person.email:
            by_email.setdefault(person.email.casefold(), []).append(i)
    for j, person in enumerate(incoming):
        for i in by_email.get(person.email.casefold(), []) if person.email else []:
            if i in free:
                match[j] = i
                free.discard(i)
                break
    by_name: dict[str, list[int]] = {}
    for i, person in enumerate(existing):
        by_name.setdefault(name_key(person.name), []).append(i)
    for j, person in enumerate(incoming):
        if j in match:
            continue
        for i in by_name.get(name_key(person.name), []):
            if i in free and not (person.email and existing[i].email):
                match[j] = i
                free.discard(i)
                break

    taken = _ids_in(event)
    highest = max((int(i[1:]) for i in taken if i.startswith("p") and i[1:].isdigit()), default=0)
    people: list[Participant] = []
    kept: list[Participant] = []
    new: list[Participant] = []
    for j, person in enumerate(incoming):
        if j in match:
            old = existing[match[j]]
            blank = {  # a list without a sector or e-mail column doesn't wipe them out
                f: getattr(old, f)
                for f in ("organisation", "sector", "email")
                if not getattr(person, f) and getattr(old, f)
            }
            person = replace(person, id=old.id, **blank)
            kept.append(person)
        else:
            highest += 1
            while f"p{highest}" in taken:
                highest += 1
            person = replace(person, id=f"p{highest}")
            new.append(person)
        people.append(person)
    gone = tuple(existing[i] for i in sorted(free))
    return RosterChange(
        tuple(people), tuple(kept), tuple(new), gone, len(existing), bool(event.tables.rounds)
    )


def _names(people: Sequence[Participant], most: int = 5) -> str:
    names = [p.name for p in people[:most]]
    more = len(people) - len(names)
    return ", ".join(names) + (f" and {more} more" if more else "")


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def change_in_words(change: RosterChange) -> str:
    """What the import will do, for the organiser to read before saying yes."""
    coming = len(change.participants)
    if not change.before:
        return f"{_people(coming)} will be imported."
    kept, new, gone = len(change.kept), len(change.new), len(change.gone)
    parts = [
        f"all {kept} kept" if kept == change.before else f"{kept} kept" if kept else "nobody kept"
    ]
    if new:
        parts.append(f"{new} new")
    if gone:
        parts.append(f"{gone} no longer listed")
    words = [f"Replaces the roster of {change.before}: {', '.join(parts)}."]
    for label, people in (("New", change.new), ("No longer listed", change.gone)):
        if people and kept:
            words.append(f"{label}: {_names(people)}.")
    if not change.planned:
        return " ".join(words)
    if not kept:
        words.append(
            "⚠ Nobody on the current roster is in this file, so the table plan will be left "
            "empty: make a new one in File ▸ Edit the event ▸ Tables."
        )
        return " ".join(words)
    plan = "The table plan keeps everyone still listed in their seats"
    if gone:
        plan += f" and takes out the {gone} no longer listed"
    words.append(plan + ".")
    if new:
        who = "The new person is" if new == 1 else f"The {new} new people are"
        words.append(
            f"{who} not seated yet: File ▸ Edit the event ▸ Tables ▸ Seat late arrivals seats "
            "them from the round shown on, at the smallest tables, without moving anyone."
        )
    return " ".join(words)


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
