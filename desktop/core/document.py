"""The event document (`format: intheroom.event`): JSON in, an Event out, and back.

A document that breaks the contract is refused with *every* problem listed by its place and a
hint for the fix, e.g. ``agenda[2].minutes: expected a whole number of minutes (1-600), got
"ten"``. Nothing here touches the disk: callers hand in text or bytes and get bytes back.

The steps have their own modules: `document_json` reads the text, `document_fields` checks each
value against its field, `document_consistency` checks across fields. The tables of fields, which
docs/event-document.md describes, are here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import msgspec

from desktop.core.document_consistency import (
    _check_ids_and_references,
    _check_table_plan,
    _check_votes,
    _check_warnings,
)
from desktop.core.document_fields import (
    _check_object,
    _choice,
    _clock,
    _date,
    _Field,
    _flag,
    _list,
    _moment,
    _object,
    _short_text,
    _show,
    _text,
    _whole,
)
from desktop.core.document_json import DocumentError, Problem, _Object, parse_json
from desktop.core.model import (
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
