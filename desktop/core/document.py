"""The event document (`format: intheroom.event`): JSON in, an Event out, and back.

A document that breaks the contract is refused with *every* problem listed by its place and a
hint for the fix, e.g. ``agenda[2].minutes: expected a whole number of minutes (1-600), got
"ten"``. Nothing here touches the disk: callers hand in text or bytes and get bytes back.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import msgspec

from desktop.core.model import (
    AMBER_SECONDS,
    RED_SECONDS,
    AtZero,
    Contact,
    Contributor,
    Event,
    FeedbackStatus,
    Note,
    NoteKind,
    Participant,
    Resource,
    ResourceKind,
    Segment,
    SegmentKind,
    TableMode,
    VoteState,
)
from desktop.core.timetable import format_minutes_seconds

FORMAT = "intheroom.event"
VERSION = 1
# Version 2 added `votes` and `feedback`. A document without them is still written as version 1,
# so an older In the Room reads it; one with them says 2, and an older app asks to be updated.
NEWEST = 2
SEGMENT_MINUTES = (1, 600)
RESOURCE_MINUTES = (0, 999)
TABLE_NUMBERS = (1, 500)
WARNING_SECONDS = (0, 3600)
MATERIAL_LENGTH = 200  # a material is a short item for a checklist, not a paragraph


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where it is, and what to do about it."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class DocumentError(ValueError):
    """A document was refused; `problems` lists every reason, each by its place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# ---------------------------------------------------------------------------- reading JSON


class _Object(dict[str, Any]):
    """A JSON object that remembers keys it saw twice (plain json keeps the last silently)."""

    repeated: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.repeated = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return obj


_CURLY_QUOTES = "“”‘’„«»"


def parse_json(data: str | bytes) -> Any:
    """Parse JSON text, or raise DocumentError naming the line and column of the fault."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise DocumentError(
                [
                    Problem(
                        f"line {line}",
                        f"this is not UTF-8 text (byte 0x{data[exc.start]:02x}) — "
                        "save the file as UTF-8 and try again",
                    )
                ]
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise DocumentError([Problem("", "the document is empty — expected an event document")])
    try:
        return json.loads(text, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as exc:
        raise DocumentError([_syntax_problem(text, exc)]) from None
    except RecursionError:
        raise DocumentError([Problem("", "the document is nested too deeply to read")]) from None


def _syntax_problem(text: str, exc: json.JSONDecodeError) -> Problem:
    place = f"line {exc.lineno}, column {exc.colno}"
    near = text[max(0, exc.pos - 1) : exc.pos + 1]
    if any(q in near for q in _CURLY_QUOTES):
        hint = 'curly quotes (“ ” ‘ ’) found — JSON needs straight double quotes (")'
    elif exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
        hint = "the document ends too early — is the file cut short? Export it again"
    elif exc.msg.startswith("Expecting ',' delimiter"):
        hint = 'a comma is missing between two items, or a quote inside a text is not escaped (\\")'
    elif exc.msg.startswith("Expecting property name"):
        hint = "field names need double quotes, and the last item takes no trailing comma"
    elif exc.msg == "Extra data":
        hint = "there is more after the end of the document — keep one {...} per file"
    elif exc.msg.startswith("Invalid control character"):
        hint = "a text runs over a line break — close its quote, or write the break as \\n"
    else:
        hint = "check the punctuation here"
    return Problem(place, f"not valid JSON ({exc.msg}) — {hint}")


# --------------------------------------------------------------------------- checking values

Check = Callable[[Any, str, list[Problem]], None]


@dataclass(frozen=True)
class _Field:
    check: Check
    required: bool = False
    hint: str = ""


def _show(value: Any) -> str:
    """A value as the user wrote it, short enough for a message."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, str):
        shown = json.dumps(value if len(value) <= 40 else value[:37] + "…", ensure_ascii=False)
        return shown
    if isinstance(value, int | float):
        return repr(value)
    return "a list" if isinstance(value, list) else "an object"


def _join(place: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{place}[{name}]"
    return f"{place}.{name}" if place else name


def _suggest(word: str, choices: Iterable[str]) -> str:
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word.lower().replace("-", "_"), options, n=1, cutoff=0.6)
    return close[0] if close else ""


def _text(*, non_empty: bool = False) -> Check:
    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if not isinstance(value, str):
            problems.append(Problem(place, f"expected text in quotes, got {_show(value)}"))
        elif non_empty and not value.strip():
            problems.append(Problem(place, "must not be empty"))

    return check


def _short_text(most: int) -> Check:
    text_check = _text(non_empty=True)

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        before = len(problems)
        text_check(value, place, problems)
        if len(problems) == before and len(value) > most:
            problems.append(
                Problem(
                    place,
                    f"too long for a checklist item ({len(value)} characters, at most {most}) "
                    '— keep it short, e.g. "flipchart and pens", and put the rest in '
                    "facilitator_notes",
                )
            )

    return check


def _whole(what: str, bounds: tuple[int, int], *, nullable: bool = False) -> Check:
    lo, hi = bounds
    expected = f"expected a whole number of {what} ({lo}-{hi})"

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if value is None and nullable:
            return
        if isinstance(value, int) and not isinstance(value, bool):
            if not lo <= value <= hi:
                problems.append(Problem(place, f"{expected}, got {value}"))
            return
        message = f"{expected}, got {_show(value)}"
        if isinstance(value, str) and value.strip().isdigit():
            message += f" — write {value.strip()} without quotes"
        problems.append(Problem(place, message))

    return check


def _pattern(regex: str, example: str, parse: Callable[[str], object], what: str) -> Check:
    compiled = re.compile(regex)

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if value == "":
            return
        if not isinstance(value, str) or not compiled.fullmatch(value):
            problems.append(Problem(place, f"expected {what} like {example}, got {_show(value)}"))
            return
        try:
            parse(value)
        except ValueError:
            problems.append(Problem(place, f"{_show(value)} is not a real {what}"))

    return check


_date = _pattern(r"\d{4}-\d{2}-\d{2}", '"2023-07-06" (YYYY-MM-DD)', dt.date.fromisoformat, "date")
_clock = _pattern(
    r"\d{2}:\d{2}", '"09:30" (HH:MM, 24-hour)', lambda s: dt.time.fromisoformat(s), "time of day"
)
_moment = _pattern(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?",
    '"2023-07-06T10:42:13"',
    dt.datetime.fromisoformat,
    "date and time",
)


def _choice(kinds: type[StrEnum], what: str) -> Check:
    values = [k.value for k in kinds]

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if isinstance(value, str) and value in values:
            return
        if isinstance(value, str) and (close := _suggest(value, values)):
            problems.append(
                Problem(place, f'unknown {what} {_show(value)} — did you mean "{close}"?')
            )
        else:
            problems.append(
                Problem(place, f"expected a {what}: one of {', '.join(values)}; got {_show(value)}")
            )

    return check


def _flag(value: Any, place: str, problems: list[Problem]) -> None:
    if not isinstance(value, bool):
        problems.append(Problem(place, f"expected true or false, got {_show(value)}"))


def _list(item: Check) -> Check:
    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if not isinstance(value, list):
            problems.append(Problem(place, f"expected a list [...], got {_show(value)}"))
            return
        for i, element in enumerate(value):
            item(element, _join(place, i), problems)

    return check


def _object(spec: Mapping[str, _Field]) -> Check:
    def check(value: Any, place: str, problems: list[Problem]) -> None:
        _check_object(value, place, spec, problems)

    return check


def _check_object(
    value: Any, place: str, spec: Mapping[str, _Field], problems: list[Problem]
) -> bool:
    if not isinstance(value, dict):
        problems.append(Problem(place, f"expected an object {{...}}, got {_show(value)}"))
        return False
    for key in getattr(value, "repeated", ()):
        problems.append(
            Problem(_join(place, key), "appears twice in the same object — keep one of them")
        )
    for key in value:
        if key in spec:
            continue
        close = _suggest(key, spec)
        hint = f'did you mean "{close}"?' if close else f"known fields: {', '.join(spec)}"
        problems.append(Problem(_join(place, key), f"unknown field — {hint}"))
    for name, field in spec.items():
        if name in value:
            field.check(value[name], _join(place, name), problems)
        elif field.required:
            problems.append(Problem(_join(place, name), f"missing — {field.hint}"))
    return True


_ID = _Field(_text(non_empty=True), required=True, hint='give it a short unique id, e.g. "s1"')

RESOURCE = {
    "title": _Field(_text(non_empty=True), required=True, hint="what is the resource called?"),
    "kind": _Field(_choice(ResourceKind, "resource kind")),
    "minutes": _Field(_whole("minutes", RESOURCE_MINUTES, nullable=True)),
    "link": _Field(_text()),
}
CONTRIBUTOR = {
    "id": _ID,
    "name": _Field(_text(non_empty=True), required=True, hint="who is the contributor?"),
    "role": _Field(_text()),
    "organisation": _Field(_text()),
    "bio": _Field(_text()),
}
PARTICIPANT = {
    "id": _ID,
    "name": _Field(_text(non_empty=True), required=True, hint="who is the participant?"),
    "organisation": _Field(_text()),
    "sector": _Field(_text()),
    "email": _Field(_text()),
}
SEGMENT = {
    "id": _ID,
    "kind": _Field(_choice(SegmentKind, "segment kind"), required=True, hint='e.g. "talk"'),
    "title": _Field(_text(non_empty=True), required=True, hint="what is this part called?"),
    "minutes": _Field(
        _whole("minutes", SEGMENT_MINUTES), required=True, hint="how many minutes, e.g. 20"
    ),
    "contributor": _Field(_text()),
    "prompt": _Field(_text()),
    "amber_seconds": _Field(_whole("seconds", WARNING_SECONDS)),
    "red_seconds": _Field(_whole("seconds", WARNING_SECONDS)),
    "at_zero": _Field(_choice(AtZero, "choice for what happens at zero")),
    "facilitator_notes": _Field(_text()),
    "materials": _Field(_list(_short_text(MATERIAL_LENGTH))),
}
NOTE = {
    "id": _ID,
    "kind": _Field(_choice(NoteKind, "note kind"), required=True, hint='e.g. "share_back"'),
    "text": _Field(_text(non_empty=True), required=True, hint="what was said?"),
    "contributor": _Field(_text()),
    "group": _Field(_text()),
    "theme": _Field(_text()),
    "segment": _Field(_text()),
    "time": _Field(_moment),
}
CONTACT = {"email": _Field(_text()), "url": _Field(_text())}
_ids = _list(_text(non_empty=True))
PIN = {
    "person": _Field(_text(non_empty=True), required=True, hint="whose place is it?"),
    "table": _Field(_whole("table", TABLE_NUMBERS), required=True, hint="which table, e.g. 1"),
}


def _round_and_table(value: Any, place: str, problems: list[Problem]) -> None:
    whole = isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value
    )
    if not whole or len(value) != 2:
        problems.append(Problem(place, f"expected [round, table], e.g. [1, 3], got {_show(value)}"))


TABLE_PLAN = {
    "rounds": _Field(_list(_list(_ids))),
    "size": _Field(_whole("people per table", (0, 500))),
    "tables": _Field(_whole("tables", (0, 500))),
    "keep_apart": _Field(_list(_ids)),
    "keep_together": _Field(_list(_ids)),
    "pinned": _Field(_list(_object(PIN))),
    "locked": _Field(_list(_round_and_table)),
    "mode": _Field(_choice(TableMode, "table mode")),
}
BALLOT = {
    "device": _Field(_text(non_empty=True), required=True, hint="which phone voted?"),
    "dots": _Field(
        _list(_whole("dots", (0, 100_000))), required=True, hint="dots per option, e.g. [2, 1]"
    ),
    "time": _Field(_moment),
}
VOTE = {
    "id": _ID,
    "options": _Field(_list(_text(non_empty=True)), required=True, hint='e.g. ["Trust", "Time"]'),
    "title": _Field(_text()),
    "dots": _Field(_whole("dots per phone", (1, 20))),
    "state": _Field(_choice(VoteState, "vote state")),
    "revealed": _Field(_flag),
    "ballots": _Field(_list(_object(BALLOT))),
    "counts": _Field(_list(_whole("dots", (0, 100_000)))),
    "segment": _Field(_text()),
    "opened": _Field(_moment),
    "closed": _Field(_moment),
}
FEEDBACK = {
    "id": _ID,
    "rating": _Field(_whole("stars", (1, 5), nullable=True)),
    "found": _Field(_text()),
    "change": _Field(_text()),
    "status": _Field(_choice(FeedbackStatus, "feedback status")),
    "device": _Field(_text()),
    "key": _Field(_text()),
    "time": _Field(_moment),
}
EVENT = {  # format and version are checked first, by _check_header
    "title": _Field(_text(non_empty=True), required=True, hint="give the event a title"),
    "theme": _Field(_text()),
    "date": _Field(_date),
    "start": _Field(_clock),
    "finish": _Field(_clock),
    "venue": _Field(_text()),
    "summary": _Field(_text()),
    "questions": _Field(_list(_text(non_empty=True))),
    "resources": _Field(_list(_object(RESOURCE))),
    "contributors": _Field(_list(_object(CONTRIBUTOR))),
    "participants": _Field(_list(_object(PARTICIPANT))),
    "agenda": _Field(_list(_object(SEGMENT))),
    "notes": _Field(_list(_object(NOTE))),
    "contact": _Field(_object(CONTACT)),
    "tables": _Field(_object(TABLE_PLAN)),
    "votes": _Field(_list(_object(VOTE))),
    "feedback": _Field(_list(_object(FEEDBACK))),
}


def _check_header(raw: Mapping[str, Any]) -> list[Problem]:
    """Format and version come first: a wrong one makes every other message noise."""
    fmt = raw.get("format")
    if fmt != FORMAT:
        got = "missing" if "format" not in raw else f"got {_show(fmt)}"
        return [
            Problem(
                "format",
                f'expected "{FORMAT}", {got} — this is not an In the Room event document '
                "(export one from the app, or start from a template)",
            )
        ]
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return [Problem("version", f"expected {VERSION}, got {_show(version)}")]
    if version > NEWEST:
        return [
            Problem(
                "version",
                f"made by a newer In the Room (document version {version}; this app reads "
                f"version {NEWEST}) — update In the Room to open it",
            )
        ]
    return []


def _check_ids_and_references(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    ids: dict[str, dict[str, str]] = {}
    for collection in ("contributors", "participants", "agenda", "notes", "votes", "feedback"):
        seen = ids.setdefault(collection, {})
        for i, item in enumerate(_items(raw, collection)):
            ident = item.get("id")
            if not isinstance(ident, str) or not ident.strip():
                continue
            place = f"{collection}[{i}].id"
            if ident in seen:
                problems.append(
                    Problem(
                        place,
                        f"{_show(ident)} is already used by {seen[ident]} — ids must be unique",
                    )
                )
            else:
                seen[ident] = f"{collection}[{i}]"
    references = (
        ("agenda", "contributor", "contributors"),
        ("notes", "contributor", "contributors"),
        ("notes", "segment", "agenda"),
        ("votes", "segment", "agenda"),
    )
    for collection, field, target in references:
        for i, item in enumerate(_items(raw, collection)):
            ref = item.get(field)
            if isinstance(ref, str) and ref and ref not in ids[target]:
                known = ", ".join(list(ids[target])[:8]) or "none yet"
                problems.append(
                    Problem(
                        f"{collection}[{i}].{field}",
                        f"no {target[:-1] if target != 'agenda' else 'agenda segment'} has the id "
                        f"{_show(ref)} (known: {known})",
                    )
                )


def _check_table_plan(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    """The plan names people on the roster, each at most once a round."""
    plan = raw.get("tables")
    if not isinstance(plan, dict):
        return
    known = {p.get("id") for p in _items(raw, "participants")}

    def check(person: Any, place: str) -> None:
        if isinstance(person, str) and person.strip() and person not in known:
            problems.append(
                Problem(
                    place, f"no participant has the id {_show(person)} — add them to the roster"
                )
            )

    for r, round_ in enumerate(_lists(plan.get("rounds"))):
        seen: set[str] = set()
        for t, table in enumerate(_lists(round_)):
            for i, person in enumerate(_lists(table)):
                place = f"tables.rounds[{r}][{t}][{i}]"
                check(person, place)
                if isinstance(person, str) and person in seen:
                    problems.append(
                        Problem(place, f"{_show(person)} is seated twice in round {r + 1}")
                    )
                if isinstance(person, str):
                    seen.add(person)
    for field in ("keep_apart", "keep_together"):
        for g, group in enumerate(_lists(plan.get(field))):
            for i, person in enumerate(_lists(group)):
                check(person, f"tables.{field}[{g}][{i}]")
    for i, pin in enumerate(_lists(plan.get("pinned"))):
        if isinstance(pin, dict):
            check(pin.get("person"), f"tables.pinned[{i}].person")


def _check_votes(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    """A ballot has a count for each option and no more dots than the vote gives; one each."""
    for v, vote in enumerate(_items(raw, "votes")):
        options, dots = vote.get("options"), vote.get("dots", 3)
        if not isinstance(options, list) or not isinstance(dots, int):
            continue
        counts = vote.get("counts")
        if isinstance(counts, list) and counts and len(counts) != len(options):
            problems.append(
                Problem(
                    f"votes[{v}].counts",
                    f"expected one count per option ({len(options)}), got {len(counts)}",
                )
            )
        seen: set[str] = set()
        for b, ballot in enumerate(_lists(vote.get("ballots"))):
            if not isinstance(ballot, dict):
                continue
            place = f"votes[{v}].ballots[{b}]"
            device, given = ballot.get("device"), ballot.get("dots")
            if isinstance(device, str) and device in seen:
                problems.append(Problem(place, f"{_show(device)} has a second ballot — keep one"))
            if isinstance(device, str):
                seen.add(device)
            if not isinstance(given, list) or not all(isinstance(d, int) for d in given):
                continue
            if len(given) != len(options):
                problems.append(
                    Problem(
                        f"{place}.dots",
                        f"expected one count per option ({len(options)}), got {len(given)}",
                    )
                )
            elif sum(given) > dots:
                problems.append(
                    Problem(f"{place}.dots", f"places {sum(given)} dots; each phone has {dots}")
                )


def _lists(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _check_warnings(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    """Red comes after amber: it must be the smaller number of seconds left."""
    for i, item in enumerate(_items(raw, "agenda")):
        amber = item.get("amber_seconds", AMBER_SECONDS)
        red = item.get("red_seconds", RED_SECONDS)
        whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (amber, red))
        if whole and red > amber:
            problems.append(
                Problem(
                    f"agenda[{i}].red_seconds",
                    f"red ({format_minutes_seconds(red)} before the end) must come after amber "
                    f"({format_minutes_seconds(amber)} before the end) — "
                    "make red_seconds smaller than amber_seconds",
                )
            )


def _items(raw: Mapping[str, Any], collection: str) -> Iterable[Mapping[str, Any]]:
    value = raw.get(collection)
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _body(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k not in ("format", "version")}


# ------------------------------------------------------------------------------- public API


def validate(raw: Any) -> list[Problem]:
    """Every problem with a parsed document, in document order; [] when it is good."""
    if not isinstance(raw, dict):
        return [Problem("", f"expected an event document {{...}}, got {_show(raw)}")]
    header = _check_header(raw)
    if header:
        return header
    body = _Object(_body(raw))
    body.repeated = getattr(raw, "repeated", ())
    problems: list[Problem] = []
    _check_object(body, "", EVENT, problems)
    _check_ids_and_references(raw, problems)
    _check_warnings(raw, problems)
    _check_table_plan(raw, problems)
    _check_votes(raw, problems)
    return problems


def from_builtins(raw: Any) -> Event:
    """An Event from parsed JSON, or DocumentError with every problem."""
    problems = validate(raw)
    if problems:
        raise DocumentError(problems)
    try:
        return msgspec.convert(_body(raw), Event)
    except msgspec.ValidationError as exc:  # a gap between our checks and the model
        raise DocumentError(
            [Problem("", f"the document does not fit the event model: {exc}")]
        ) from None


def decode(data: str | bytes) -> Event:
    """An Event from document text, or DocumentError listing every problem by place."""
    return from_builtins(parse_json(data))


def plain(value: object) -> Any:
    """Any model value as JSON-ready dicts and lists.

    Through JSON rather than msgspec.to_builtins, which keeps tuples as tuples: the validator
    (rightly) refuses a tuple where the document has a list.
    """
    return msgspec.json.decode(msgspec.json.encode(value))


def to_builtins(event: Event) -> dict[str, Any]:
    """The document as plain JSON-ready values, format and version first."""
    body = plain(event)
    assert isinstance(body, dict)
    for name in ("votes", "feedback"):  # absent when empty: the document stays version 1
        if not body.get(name):
            body.pop(name, None)
    version = 2 if "votes" in body or "feedback" in body else 1
    return {"format": FORMAT, "version": version, **body}


def encode(event: Event) -> bytes:
    """The document as UTF-8 JSON, indented for people and diffs, ending in a newline."""
    text = json.dumps(to_builtins(event), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


__all__ = [
    "FORMAT",
    "VERSION",
    "Contact",
    "Contributor",
    "DocumentError",
    "Event",
    "Note",
    "Participant",
    "Problem",
    "Resource",
    "Segment",
    "decode",
    "encode",
    "from_builtins",
    "parse_json",
    "plain",
    "to_builtins",
    "validate",
]
